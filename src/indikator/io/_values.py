"""Parsing of single cells: numbers, years, flags, ids and texts.

Numbers are read as Swedish and English spreadsheets print them. Every function raises
:class:`InputError` without a location; the readers place it.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from indikator.errors import InputError
from indikator.model import MAX_PERIOD, MIN_PERIOD, Flag

__all__ = [
    "is_blank",
    "is_missing_marker",
    "parse_flags",
    "parse_id",
    "parse_number",
    "parse_period",
    "shown_value",
    "to_text",
]

_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_MISSING_MARKERS = frozenset({"-", "–", "—", "..", "…"})
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
# An integer part with optional space-grouped thousands ("1 234 567"), an optional
# decimal part with a point or a comma, an optional exponent ("1,5E+06" from Excel).
_NUMBER = re.compile(
    r"^[+-]?(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)?(?:[.,]\d+|[.,])?(?:[eE][+-]?\d+)?$"
)
_NONFINITE = re.compile(r"^[+-]?(?:nan|inf|infinity|∞)$", re.IGNORECASE)


def is_blank(value: object) -> bool:
    """Whether a cell is empty (``None`` or only white space)."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_missing_marker(value: object) -> bool:
    """Whether a cell says "no outcome": empty, ``-`` or a dash."""
    return is_blank(value) or (isinstance(value, str) and value.strip() in _MISSING_MARKERS)


def to_text(value: object) -> str | None:
    """A cell as stripped text, ``None`` when blank (numbers are written without ``.0``)."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


def parse_number(value: object, decimal: str | None = None) -> tuple[float, bool]:
    """Read a number from a cell: ``4,5``, ``4.5``, ``1 234``, ``−3``, ``1,5E+06``, ``45 %``.

    Args:
        value: The cell (a ``str``, or an ``int``/``float`` from a workbook or TOML).
        decimal: The decimal mark the file uses (``","`` or ``"."``); either is accepted
            when ``None``.

    Returns:
        The finite float and whether it carried a percent sign.

    Raises:
        InputError: Not a number, not finite, or the other decimal mark than declared.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(
            f"a number is required, not a {_kind(value)}", field="value", value=shown_value(value)
        )
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond float range (TOML, JSON, a workbook)
            raise InputError("the number is too large (beyond the float range)", field="value",
                             value=shown_value(value)) from None
        if not math.isfinite(number):
            raise InputError("NaN and inf are not values", field="value", value=value)
        return number, False
    text = value.strip().replace("\u2212", "-")
    percent = text.endswith("%")
    if percent:
        text = text[:-1].rstrip()
    if _NONFINITE.match(text):
        raise InputError("NaN and inf are not values", field="value", value=value)
    if text.startswith("#"):
        raise InputError(
            "a spreadsheet error value where a number belongs", field="value", value=value
        )
    if not text or not _NUMBER.match(text) or not any(c.isdigit() for c in text):
        raise InputError("not a number", field="value", value=value)
    text = _SPACES.sub("", text)
    if decimal is not None:
        other = "." if decimal == "," else ","
        if other in text:
            raise InputError(
                f"the number uses {other!r} but the file's decimal mark is {decimal!r}",
                field="value",
                value=value,
            )
    number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise InputError("the number is too large (not finite)", field="value", value=value)
    return number, percent


def parse_period(value: object) -> int:
    """Read a year: a whole number in the range the model accepts.

    Raises:
        InputError: Not a whole number, or outside 1900–2200.
    """
    year: int | None = None
    if isinstance(value, bool):
        year = None
    elif isinstance(value, int):
        year = value
    elif isinstance(value, float) and value.is_integer():
        year = int(value)
    elif isinstance(value, str) and any(c.isdigit() and not c.isascii() for c in value):
        raise InputError("a year is written with the digits 0-9", field="period",
                         value=shown_value(value))
    elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?[0-9]{1,9}(?:[.,]0+)?\s*", value):
        year = int(re.split(r"[.,]", value.strip())[0])
    if year is None:
        if is_blank(value):
            raise InputError("a year is required", field="period")
        raise InputError("a year must be a whole number", field="period", value=shown_value(value))
    if not MIN_PERIOD <= year <= MAX_PERIOD:
        raise InputError(
            f"the year is out of range ({MIN_PERIOD}–{MAX_PERIOD})", field="period", value=year
        )
    return year


def parse_id(value: object, field: str = "metric") -> str:
    """Read an id (metric, component, judgment target).

    Raises:
        InputError: Blank, or not an id (lower-case letters, digits, ``-``, ``_``, ``.``).
    """
    text = to_text(value) if not isinstance(value, (dict, list)) else None
    if text is None:
        if isinstance(value, (dict, list)):
            raise InputError("an id must be a text", field=field, value=shown_value(value))
        raise InputError(f"a {field} id is required", field=field)
    if not _ID.match(text):
        raise InputError(
            "not a valid id (lower-case letters, digits, '-', '_' or '.', starting with a "
            "letter or digit)",
            field=field,
            value=text,
        )
    return text


def parse_flags(value: object) -> frozenset[Flag]:
    """Read flags from a cell (separated by spaces, commas or semicolons) or a list.

    Raises:
        InputError: A word names no flag.
    """
    if is_blank(value):
        return frozenset()
    if isinstance(value, str):
        words = [w for w in re.split(r"[\s,;|]+", value) if w]
    elif isinstance(value, list) and all(isinstance(w, str) for w in value):
        words = list(value)
    else:
        raise InputError(
            "flags must be a text or a list of texts", field="flags", value=shown_value(value)
        )
    out: set[Flag] = set()
    for word in words:
        try:
            out.add(Flag.parse(word))
        except ValueError as exc:
            raise InputError(str(exc), field="flags", value=word) from None
    return frozenset(out)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, (dt.datetime, dt.date)):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return type(value).__name__


def shown_value(value: object) -> object:
    """A value as it may be repeated in a message's ``(got ...)``.

    A short value as it is (so a text is quoted once, not twice), a date as
    ``2025-03-31``, a long text cut to 80 characters, anything else long as the start of
    its ``repr``.
    """
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return value if len(value) <= 80 else value[:77] + "..."
    text = repr(value)
    if len(text) > 80:
        return text[:77] + "..."
    return value
