"""Download Kolada data responses for given KPIs, ids and years (``indikator kolada fetch``).

Optional and never needed to assess: the standard library's :mod:`urllib` with a
timeout, a bound on what is read and no redirect off the API's host. The query is the one
Kolada documents (``/v3/data/kpi/<KPI,...>/municipality/<ID,...>/year/<YEAR,...>``, or
``/oudata/.../ou/<ID,...>/...`` for organisational units); every page is followed by its
``next_page`` URL (``next_url`` too), and the pages are saved as one response::

    {"count": N, "values": [...], "source": "https://api.kolada.se/v3/data/..."}

which :func:`indikator.io.kolada.read_kolada` and a manifest's ``format = "kolada"``
read.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import Any

from indikator.errors import InputError
from indikator.io._files import MAX_DATA_BYTES

__all__ = ["API", "MAX_PAGES", "TIMEOUT", "fetch_kolada", "kolada_url"]

API = "https://api.kolada.se"
"""Kolada's API (``--base-url`` for another, such as a local copy in tests)."""
TIMEOUT = 30.0
"""Seconds to wait for each response."""
MAX_PAGES = 1000
"""The most pages followed for one query."""


def kolada_url(kpis: Sequence[str], *, municipalities: Sequence[str] = (),
               ous: Sequence[str] = (), years: Iterable[int] = (), base_url: str = API,
               version: str = "v3", per_page: int | None = None) -> str:
    """The URL of a Kolada data query (see the module docstring).

    Raises:
        InputError: No KPI, both municipalities and units, or an id that is not one.
    """
    if not kpis:
        raise InputError("name at least one KPI (--kpi N00945)", field="--kpi")
    if municipalities and ous:
        raise InputError("ask for municipalities or organisational units, not both",
                         field="--ou")
    for name, ids in (("--kpi", kpis), ("--municipality", municipalities), ("--ou", ous)):
        for one in ids:
            if not one or not one.replace("_", "").isalnum():
                raise InputError("an id is letters and digits", field=name, value=one)
    kind, ids = ("oudata", ous) if ous else ("data", municipalities)
    path = f"/{version}/{kind}/kpi/{','.join(kpis)}"
    if ids:
        path += f"/{'ou' if ous else 'municipality'}/{','.join(ids)}"
    year_list = [str(y) for y in years]
    if year_list:
        path += f"/year/{','.join(year_list)}"
    if not ids and not year_list:
        raise InputError("name municipalities, units or years as well as KPIs (Kolada needs "
                         "two of the three)", field="--years")
    query = f"?per_page={per_page}" if per_page else ""
    return base_url.rstrip("/") + path + query


def fetch_kolada(url: str, *, timeout: float = TIMEOUT,
                 limit: int = MAX_DATA_BYTES) -> dict[str, Any]:
    """Every page of a Kolada data query, as one response.

    Raises:
        InputError: The server cannot be reached, answers with an error or with what is
            not a data response, a page leads off the API's host, or the pages exceed
            ``limit`` bytes.
    """
    start = urllib.parse.urlsplit(url)
    if start.scheme not in ("http", "https") or not start.netloc:
        raise InputError("the URL must be http:// or https://", field="--base-url", value=url)
    values: list[Any] = []
    seen = 0
    next_url: str | None = url
    pages = 0
    while next_url:
        pages += 1
        if pages > MAX_PAGES:
            raise InputError(f"more than {MAX_PAGES} pages: ask for fewer KPIs or years",
                             source=url)
        here = urllib.parse.urlsplit(next_url)
        if (here.scheme, here.netloc) != (start.scheme, start.netloc):
            raise InputError("a next page lies on another host; not followed",
                             source=url, value=next_url)
        body = _get(next_url, timeout, limit - seen, limit)
        seen += len(body)
        try:
            page = json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"Kolada's answer is not JSON: {exc}", source=next_url) from None
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            raise InputError("Kolada's answer is not a data response (no \"values\" array)",
                             source=next_url)
        values.extend(page["values"])
        following = page.get("next_page") or page.get("next_url")
        next_url = following if isinstance(following, str) and following else None
    return {"count": len(values), "values": values, "source": url}


def _get(url: str, timeout: float, limit: int, total: int) -> bytes:
    import urllib.error
    import urllib.request  # imported here: the cold command does not need http and ssl

    class SameHost(urllib.request.HTTPRedirectHandler):
        """Follows a redirect only on the same scheme and host."""

        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                             newurl: str) -> Any:
            old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
            if (old.scheme, old.netloc) != (new.scheme, new.netloc):
                raise InputError("Kolada redirected to another host; not followed",
                                 source=req.full_url, value=newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(SameHost)
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": "indikator"})
    try:
        with opener.open(request, timeout=timeout) as response:
            body: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(f"Kolada answered HTTP {exc.code} ({exc.reason})", source=url) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"cannot reach Kolada: {reason}", source=url) from None
    if len(body) > limit:
        shown = f"{total:,}".replace(",", " ")
        raise InputError(f"the answers are larger than {shown} bytes; ask for fewer KPIs or "
                         "years", source=url)
    return body
