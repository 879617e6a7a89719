"""Numbers as the reports print them: grouped by language, with the digits that matter.

One place decides how a number looks to a reader, for the explanations' sentences and for
every renderer's number cells:

* **Digit grouping by language.** Swedish groups the integer part in threes with a
  narrow no-break space (U+202F, ``1 214 000``) once it has five digits or more, as
  Språkrådet recommends (``1520`` stays as it is), and writes a decimal comma;
  English groups with commas from four digits (``1,520``, ``1,214,000``).
* **Enough significant digits.** A value is shown with up to :data:`SIGNIFICANT`
  significant digits, trailing zeros dropped, so ``0.139`` prints as ``0,139`` and not
  ``0,14``; :func:`shared_decimals` gives one decimal count for a set of values (a
  metric's outcomes, an explanation's figures), so a small change is not rounded away.
* **No exponents.** ``1520`` is ``1 520``/``1,520``, never ``1,52e+03``; a tiny value
  gets as many decimals as its significant digits need.
* Units always follow a space (:func:`format_quantity`).

Pure functions on floats: this module imports nothing from the rest of the package, so
every layer may use it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final, Literal

__all__ = [
    "NARROW_NBSP",
    "SIGNIFICANT",
    "decimals_for",
    "format_number",
    "format_quantity",
    "parse_number",
    "shared_decimals",
]

NARROW_NBSP: Final = "\u202f"
"""The Swedish digit-group separator: a narrow no-break space."""

SIGNIFICANT: Final = 6
"""The significant digits a value is shown with unless told otherwise."""

_MAX_DECIMALS: Final = 20

Lang = Literal["sv", "en"]


def decimals_for(value: float, significant: int = SIGNIFICANT) -> int:
    """The decimals that show ``value`` to ``significant`` digits, trailing zeros dropped.

    ``decimals_for(0.139) == 3``, ``decimals_for(6.6) == 1``, ``decimals_for(1214000.0) ==
    0``; the integer digits of a large value are never rounded away.
    """
    if not math.isfinite(value) or value == 0:
        return 0
    short = _short_repr(value, significant)
    if short is not None:
        return len(short.partition(".")[2])
    exponent = math.floor(math.log10(abs(value)))
    places = min(_MAX_DECIMALS, max(0, significant - 1 - exponent))
    text = f"{abs(value):.{places}f}"
    if "." not in text:
        return 0
    return len(text.rstrip("0").partition(".")[2])


def shared_decimals(values: Iterable[object], significant: int = SIGNIFICANT) -> int:
    """The decimals that show every finite float among ``values`` to ``significant`` digits."""
    out = 0
    for v in values:
        if isinstance(v, float) and math.isfinite(v):
            out = max(out, decimals_for(v, significant))
    return out


def format_number(
    value: float,
    lang: Lang = "sv",
    *,
    decimals: int | None = None,
    significant: int = SIGNIFICANT,
    signed: bool = False,
    trim: bool = True,
) -> str:
    """``value`` as a reader sees it: ``1 214 000``, ``0,139``, ``-16,67``, ``1,520``.

    Args:
        value: The number.
        lang: ``"sv"`` (decimal comma, narrow no-break spaces) or ``"en"``.
        decimals: Exactly this many decimals (before trimming); by default those that
            show ``significant`` digits (:func:`decimals_for`).
        significant: The significant digits shown when ``decimals`` is not given.
        signed: Print ``+`` before a positive number (a change).
        trim: Drop trailing zeros of the decimals (``6,60`` → ``6,6``).

    A value that is not finite prints as ``–`` (NaN) or ``∞``/``-∞``. Rounded to zero, a
    negative value prints as ``0``, never ``-0``.
    """
    if math.isnan(value):
        return "–"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    short = _short_repr(value, significant) if decimals is None else None
    if short is not None:  # the shortest repr already has few enough digits
        body = short
    else:
        places = decimals_for(value, significant) if decimals is None else max(0, decimals)
        places = min(places, _MAX_DECIMALS)
        body = f"{abs(value):.{places}f}"
    if trim and "." in body:
        body = body.rstrip("0").rstrip(".")
    whole, _, fraction = body.partition(".")
    if not whole.strip("0") and not fraction.strip("0"):
        sign = ""  # no "-0"
    else:
        sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    whole = _group(whole, lang)
    if fraction:
        return f"{sign}{whole}{',' if lang == 'sv' else '.'}{fraction}"
    return sign + whole


def _short_repr(value: float, significant: int) -> str | None:
    """``|value|``'s shortest repr, if short enough: no exponent, few enough digits.

    Most report figures are (``6.8``, ``95``, ``0.139``); ``None`` otherwise.
    """
    text = repr(abs(float(value)))
    if "e" in text or "n" in text:
        return None
    if text.endswith(".0"):
        text = text[:-2]
    digits = text.replace(".", "").lstrip("0")
    if len(digits.rstrip("0") if "." not in text else digits) > significant:
        return None
    return text


def _group(digits: str, lang: Lang) -> str:
    if len(digits) < (5 if lang == "sv" else 4):
        return digits
    sep = NARROW_NBSP if lang == "sv" else ","
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return sep.join(groups)


def format_quantity(value: float, unit: str | None, lang: Lang = "sv", **options: object
                    ) -> str:
    """A number with its unit after a space: ``3,6 kWh/km``, ``33,8 %``, ``1 214 000 t``.

    ``options`` are those of :func:`format_number`.
    """
    number = format_number(value, lang, **options)  # type: ignore[arg-type]
    return f"{number} {unit}" if unit else number


def parse_number(text: str, lang: Lang = "sv") -> float:
    """Read back what :func:`format_number` printed (for tests and round trips).

    Raises:
        ValueError: ``text`` is not a number printed in ``lang``.
    """
    cleaned = text.strip().replace(NARROW_NBSP, "").replace("\u00a0", "").replace(" ", "")
    if lang == "sv":
        if "." in cleaned:
            raise ValueError(f"not a Swedish number: {text!r}")
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    if cleaned in ("∞", "+∞"):
        return math.inf
    if cleaned == "-∞":
        return -math.inf
    if cleaned == "–":
        return math.nan
    return float(cleaned)
