"""Kolada's data responses, as saved from its API, read as outcomes.

`Kolada <https://www.kolada.se>`_ (RKA) publishes key figures (KPIs) for Sweden's
municipalities and regions (``/data/...``) and for organisational units such as schools
(``/oudata/...``). Its data responses (API v2 and v3) have one shape::

    {"count": 2, "values": [
        {"kpi": "N00945", "municipality": "1860", "period": 2023,
         "values": [{"gender": "T", "value": 33.2, "status": "", "count": 1},
                    {"gender": "K", "value": 35.0, "status": "", "count": 1}]},
        ...],
     "next_page": "https://api.kolada.se/..."}

with ``"ou": "V15E144001301"`` in place of ``"municipality"`` for unit data. A saved
file is one response, or a JSON array of responses (the pages of one query).

How it is read:

* each KPI id is a metric: lower-cased (``N00945`` is metric ``n00945``) unless
  ``metrics`` names another id for it; Kolada's responses carry no unit, so ``units``
  gives one for every KPI or one per KPI;
* the municipality or unit id is the entity (a text: ``"0180"`` keeps its zero);
* of the up to three values per row (``T`` total, ``K`` women, ``M`` men) the one of the
  chosen ``gender`` is read (``T`` by default); a row without it gives no outcome;
* ``"value": null`` is a missing outcome (no value; Kolada marks such values with a
  ``status`` such as ``"Missing"``); a non-empty ``status`` is kept in the outcome's note
  (``Kolada status: ...``), and with ``status="no_value"`` a value so marked is read as
  no value;
* ``count`` (how many members of a municipality group gave the value) is not used.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from indikator.data import Observations
from indikator.errors import InputError
from indikator.io._files import read_file
from indikator.io._problems import Location, Problems
from indikator.io._values import parse_number, parse_period, shown_value
from indikator.io.frames import observations_from_columns
from indikator.model import Observation

__all__ = ["GENDERS", "KoladaRow", "kolada_rows", "load_kolada_json", "read_kolada"]

GENDERS: tuple[str, ...] = ("T", "K", "M")
"""Kolada's genders: ``T`` total, ``K`` women (kvinnor), ``M`` men (män)."""

Status = Literal["keep", "no_value"]


@attrs.frozen
class KoladaRow:
    """One value of a Kolada response, for the gender chosen.

    Attributes:
        kpi: The KPI id as Kolada writes it (``"N00945"``).
        entity: The municipality's or unit's id.
        period: The year.
        value: The value, or ``None`` (missing, or marked by its status).
        status: Kolada's status text (``""``: none).
        path: Where it is in the file (``values[12].values[0]``).
    """

    kpi: str
    entity: str
    period: int
    value: float | None
    status: str
    path: str


def load_kolada_json(data: bytes, source: str) -> Any:
    """The JSON document of a saved response.

    Raises:
        InputError: Not UTF-8 JSON (naming the line).
    """
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("a Kolada response is UTF-8 JSON; the file is not UTF-8",
                         source=source) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", source=source,
                         line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not valid JSON: {exc}", source=source) from None


def kolada_rows(doc: Any, source: str, problems: Problems, *, gender: str = "T",
                status: Status = "keep") -> Iterator[KoladaRow]:
    """Every value of the chosen gender in a response (or an array of responses).

    Problems (a row that is not a Kolada data row, a bad period or value) go to
    ``problems``, naming the JSON path; the other rows are read.
    """
    if gender not in GENDERS:
        problems.add(InputError(f"the gender is one of {', '.join(GENDERS)}", source=source,
                                field="gender", value=gender))
        return
    pages = doc if isinstance(doc, list) else [doc]
    for p, page in enumerate(pages):
        at = f"[{p}]." if isinstance(doc, list) else ""
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            problems.add(InputError(
                "not a Kolada data response: expected an object with a \"values\" array (as "
                "/v2/data/... or /v3/data/... returns it)", source=source,
                field=f"{at}values" if at else "(top)", value=shown_value(_brief(page))))
            continue
        for r, row in enumerate(page["values"]):
            fast = _plain(row, gender, status)
            if fast is not None:  # a well-formed row: no check needs its path
                kpi, entity, period, value, state, v = fast
                yield KoladaRow(kpi, entity, period, value, state, f"{at}values[{r}].values[{v}]")
                continue
            found = _row(row, f"{at}values[{r}]", source, problems, gender, status)
            if found is not None:
                yield found


def _plain(row: Any, gender: str, status: Status
           ) -> tuple[str, str, int, float | None, str, int] | None:
    """A row's fields when it is well formed (else ``None``, and :func:`_row` checks it)."""
    if type(row) is not dict:
        return None
    kpi, period, values = row.get("kpi"), row.get("period"), row.get("values")
    entity = row.get("municipality", row.get("ou"))
    if (type(kpi) is not str or type(entity) is not str or type(period) is not int
            or type(values) is not list or not kpi.strip() or not entity.strip()
            or not 1900 <= period <= 2200):
        return None
    for v, item in enumerate(values):
        if type(item) is not dict:
            return None
        if item.get("gender") != gender:
            continue
        value, state = item.get("value"), item.get("status") or ""
        if type(state) is not str or not (value is None or type(value) is float
                                          or type(value) is int):
            return None
        if value is not None and not math.isfinite(value):
            return None
        number = None if value is None or (state.strip() and status == "no_value") else (
            float(value))
        return kpi.strip(), entity.strip(), period, number, state.strip(), v
    return None  # no value of that gender: the checking path says so


def _row(row: Any, path: str, source: str, problems: Problems, gender: str,
         status: Status) -> KoladaRow | None:
    def bad(message: str, field: str, value: object) -> None:
        problems.add(InputError(message, source=source, field=f"{path}.{field}",
                                value=shown_value(value)))

    if not isinstance(row, dict):
        problems.add(InputError("a data row is an object {kpi, municipality | ou, period, "
                                "values}", source=source, field=path,
                                value=shown_value(_brief(row))))
        return None
    kpi = row.get("kpi")
    if not isinstance(kpi, str) or not kpi.strip():
        bad("a KPI id (a text) is required", "kpi", kpi)
        return None
    key = "municipality" if "municipality" in row else "ou"
    entity = row.get(key)
    if not isinstance(entity, str) or not entity.strip():
        what = ("a municipality or unit id is a text (\"0180\": a number loses leading "
                "zeros)" if isinstance(entity, int) else
                "a municipality or unit id (\"municipality\" or \"ou\") is required")
        bad(what, key, entity)
        return None
    try:
        period = parse_period(row.get("period"))
    except InputError as exc:
        bad(exc.message, "period", exc.value if exc.has_value else row.get("period"))
        return None
    values = row.get("values")
    if not isinstance(values, list):
        bad("the values are an array of {gender, value, status, count}", "values", values)
        return None
    for v, item in enumerate(values):
        if not isinstance(item, dict):
            bad("a value is an object {gender, value, status, count}", f"values[{v}]", item)
            return None
        if item.get("gender") != gender:
            continue
        raw, state = item.get("value"), item.get("status") or ""
        if not isinstance(state, str):
            bad("a status is a text", f"values[{v}].status", state)
            return None
        number: float | None = None
        if raw is not None:
            try:
                number = parse_number(raw)[0] if not isinstance(raw, str) else None
            except InputError as exc:
                bad(exc.message, f"values[{v}].value", raw)
                return None
            if number is None:
                bad("a value is a number or null", f"values[{v}].value", raw)
                return None
        if state.strip() and status == "no_value":
            number = None
        return KoladaRow(kpi.strip(), entity.strip(), period, number, state.strip(),
                         f"{path}.values[{v}]")
    return None


def _brief(value: Any) -> Any:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def metric_of(kpi: str, metrics: Mapping[str, str] | None) -> str:
    """The metric id of a KPI: the one ``metrics`` names, else the KPI id lower-cased."""
    if metrics and kpi in metrics:
        return metrics[kpi]
    return kpi.lower()


def unit_of(kpi: str, units: str | Mapping[str, str] | None) -> str | None:
    """The unit of a KPI's values: one for all, or the one ``units`` names for it."""
    if units is None or isinstance(units, str):
        return units
    return units.get(kpi)


def _note(row: KoladaRow) -> str | None:
    return f"Kolada status: {row.status}" if row.status else None


def read_kolada(
    path: Path | str | bytes,
    *,
    units: str | Mapping[str, str] | None = None,
    metrics: Mapping[str, str] | None = None,
    gender: str = "T",
    status: Status = "keep",
) -> Observations:
    """Read a saved Kolada data response (v2 or v3) into a table of observations.

    Args:
        path: The JSON file (or its bytes).
        units: The unit of every KPI's values, or one per KPI id (Kolada's responses
            carry none; a KPI with a value and no unit is refused, naming it).
        metrics: Metric ids for KPI ids (``{"N00945": "waste"}``); by default a KPI's id
            lower-cased.
        gender: ``"T"`` (total, the default), ``"K"`` (women) or ``"M"`` (men).
        status: ``"keep"`` a value Kolada marks with a status (the status goes into the
            note), or read it as ``"no_value"``.

    Raises:
        InputError: The file is not a Kolada data response, a row is bad (naming its
            JSON path), or a KPI with values has no unit.
    """
    source = "<bytes>" if isinstance(path, bytes) else str(path)
    data = path if isinstance(path, bytes) else read_file(path, source)
    problems = Problems()
    rows = list(kolada_rows(load_kolada_json(data, source), source, problems, gender=gender,
                            status=status))
    problems.raise_if_any()
    for row in rows:
        if row.value is not None and unit_of(row.kpi, units) is None:
            raise InputError(f"no unit for KPI {row.kpi}: Kolada's responses carry none; "
                             "give units=\"...\" or units={KPI: unit}", source=source,
                             field=f"{row.path}.value", value=row.value)
    return observations_from_columns(
        {
            "metric": [metric_of(r.kpi, metrics) for r in rows],
            "entity": [r.entity for r in rows],
            "period": [r.period for r in rows],
            "value": [r.value for r in rows],
            "unit": [unit_of(r.kpi, units) for r in rows],
            "note": [_note(r) for r in rows],
        },
        where=source,
        row_name=lambda i: f"{source}, {rows[i].path}",
    )


def parse_outcomes_kolada(
    data: bytes,
    source: str,
    *,
    problems: Problems,
    units: str | Mapping[str, str] | None = None,
    metrics: Mapping[str, str] | None = None,
    gender: str = "T",
    status: Status = "keep",
) -> list[tuple[str, Observation, Location]]:
    """Kolada rows as outcome records (for a dataset folder's manifest).

    Returns (metric id, observation, location) for every row, located at its JSON path;
    problems go to ``problems``.
    """
    try:
        doc = load_kolada_json(data, source)
    except InputError as exc:
        problems.add(exc)
        return []
    out: list[tuple[str, Observation, Location]] = []
    for row in kolada_rows(doc, source, problems, gender=gender, status=status):
        unit = unit_of(row.kpi, units)
        loc = Location(source, None, {"value": f"{row.path}.value", "period": row.path,
                                      "metric": row.path, "unit": "units"})
        if row.value is not None and unit is None:
            problems.add(loc.error(f"no unit for KPI {row.kpi}: Kolada's responses carry none; "
                                   "set units = \"...\" or units = {KPI = \"...\"} in the "
                                   "manifest", field="value", value=row.value))
            continue
        metric = metric_of(row.kpi, metrics)
        try:
            obs = Observation(period=row.period, value=row.value, unit=unit, note=_note(row),
                              entity=row.entity)
        except InputError as exc:
            problems.add(loc.error(exc.message, field="value"))
            continue
        out.append((metric, obs, loc))
    return out
