"""Outcome readers: CSV, XLSX and TOML files, in the long and the wide layout.

Every reader collects its problems (one per bad row, cell or key) in a
:class:`~indikator.io.Problems` and goes on with the next row, so that a whole file is
checked in one pass; the rows without problems are returned. See ``docs/formats.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

import attrs

from indikator.errors import InputError
from indikator.io._files import read_file
from indikator.io._problems import Location, Problems, relocate
from indikator.io._sheets import ALIASES, Table, csv_table, detect_delimiter, xlsx_tables
from indikator.io._text import array_tables
from indikator.io._values import (
    is_blank,
    is_missing_marker,
    parse_flags,
    parse_id,
    parse_number,
    parse_period,
    to_text,
)
from indikator.model import MAX_PERIOD, MIN_PERIOD, Observation
from indikator.units import unit_cell

__all__ = [
    "FORMATS",
    "LAYOUTS",
    "Layout",
    "ReadObservation",
    "format_of",
    "parse_outcomes_csv",
    "parse_outcomes_toml",
    "parse_outcomes_xlsx",
    "read_outcomes",
]

_P = ParamSpec("_P")
_T = TypeVar("_T")

Layout = Literal["long", "wide"]
LAYOUTS: tuple[Layout, ...] = ("long", "wide")
FORMATS: dict[str, str] = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
                           ".toml": "toml", ".json": "kolada"}
KINDS: tuple[str, ...] = ("csv", "xlsx", "toml", "kolada")
"""The outcome readers (``format = ...`` in a manifest)."""
ALL_SHEETS = "*"
"""``sheet = "*"``: read every visible sheet of a workbook."""

_ALIASES = ALIASES  # the column names of either layout (kept for older imports)
# Columns for people to read, ignored by the readers (and any header starting with '#').
_IGNORED = frozenset({"name", "namn", "label", "description", "beskrivning", "indicator",
                      "indikator", "comment", "kommentar"})
_LONG_COLUMNS = ("metric", "period", "value", "unit", "text", "flags", "note", "component",
                 "entity", "own_target")
_WIDE_COLUMNS = ("metric", "component", "unit", "entity")
_YEARISH = re.compile(r"^[0-9]{3,5}(?:\.0+)?$")


@attrs.frozen
class ReadObservation:
    """One outcome as read from a file: the metric id, the observation and where it was."""

    metric: str
    observation: Observation
    location: Location


def format_of(path: Path | str, declared: str | None = None) -> str:
    """The reader for a file: ``"csv"``, ``"xlsx"``, ``"toml"`` or ``"kolada"`` (JSON).

    Raises:
        InputError: The extension (or the declared format) is not one the readers know.
    """
    if declared is not None:
        if declared not in KINDS:
            raise InputError("unknown format; expected csv, xlsx, toml or kolada",
                             field="format", value=declared)
        return declared
    suffix = Path(path).suffix.lower()
    if suffix == ".xls":
        raise InputError("the old .xls format cannot be read: save the workbook as .xlsx",
                         source=str(path))
    found = FORMATS.get(suffix)
    if found is None:
        raise InputError(
            "unknown file type; expected .csv, .xlsx, .toml or .json (Kolada) (or set format "
            "= ... in the manifest)",
            source=str(path),
            value=suffix or Path(path).name,
        )
    return found


def read_outcomes(
    path: Path | str,
    *,
    layout: Layout = "long",
    delimiter: str | None = None,
    decimal: str | None = None,
    sheet: str | None = None,
    fmt: str | None = None,
    problems: Problems | None = None,
    encoding: str | None = None,
    kolada: Mapping[str, Any] | None = None,
) -> list[ReadObservation]:
    """Read one outcome file.

    Args:
        path: A ``.csv``, ``.xlsx`` or ``.toml`` file.
        layout: ``"long"`` (one row per metric and period) or ``"wide"`` (one column per
            year); TOML files are always long.
        delimiter: The CSV delimiter; detected from the header when ``None``.
        decimal: The decimal mark (``","`` or ``"."``); either is accepted when ``None``.
        sheet: The XLSX sheet; the first visible one when ``None``; every visible one
            when ``"*"`` (a sheet named by a year gives that year to rows without one).
        fmt: ``"csv"``, ``"xlsx"``, ``"toml"`` or ``"kolada"`` to override the extension.
        problems: Collect problems here and return the good rows; when ``None``, raise
            the first problem.
        encoding: A CSV file's encoding (``"windows-1252"``, ``"utf-16"``); UTF-8 when
            ``None``, and any other is refused with a hint.
        kolada: For a Kolada response: ``units``, ``metrics``, ``gender``, ``status`` (see
            :func:`indikator.io.kolada.read_kolada`).

    Raises:
        InputError: Only when ``problems`` is ``None``: the file cannot be read, or a row
            is bad.
    """
    collect = Problems() if problems is None else problems
    before = len(collect)
    source = str(path)
    out: list[ReadObservation] = []
    try:
        kind = format_of(path, fmt)
        data = read_file(path, source)
    except InputError as exc:
        collect.add(exc.located(source=source))
    else:
        if kind == "csv":
            out = parse_outcomes_csv(data, source, layout=layout, delimiter=delimiter,
                                     decimal=decimal, problems=collect, encoding=encoding)
        elif kind == "xlsx":
            out = parse_outcomes_xlsx(data, source, layout=layout, sheet=sheet,
                                      decimal=decimal, problems=collect)
        elif kind == "kolada":
            from indikator.io.kolada import parse_outcomes_kolada

            out = [ReadObservation(*found) for found in
                   parse_outcomes_kolada(data, source, problems=collect, **(kolada or {}))]
        else:
            if layout != "long":
                collect.add(InputError("a TOML outcome file is always in the long layout",
                                       source=source, field="layout", value=layout))
            out = parse_outcomes_toml(data, source, problems=collect)
    if problems is None and len(collect) > before:
        collect.raise_if_any()
    return out


# -- tables (CSV and XLSX) -----------------------------------------------------------------


def _interpret(table: Table, layout: Layout, decimal: str | None,
               problems: Problems) -> list[ReadObservation]:
    if not any(not is_blank(c) for _line, row in table.rows for c in row):
        problems.warn(InputError("the file has a header but no rows: no outcomes were read "
                                 "from it", source=table.source, line=table.header_line))
    if layout == "wide":
        return _read_wide(table, decimal, problems)
    return _read_long(table, decimal, problems)


def _columns(table: Table, known: Sequence[str], problems: Problems,
             *, years: bool) -> tuple[dict[str, int], dict[int, int]] | None:
    """Map the header to logical columns (and year columns); None when unusable."""
    columns: dict[str, int] = {}
    year_columns: dict[int, int] = {}
    header_loc = Location(table.source, table.header_line)
    ok = True
    for i, raw in enumerate(table.header):
        name = to_text(raw)
        if name is None:
            continue
        key = name.strip().casefold()
        if key.startswith("#") or key in _IGNORED:
            continue
        if years and _YEARISH.match(key):
            year = int(float(key))
            if not MIN_PERIOD <= year <= MAX_PERIOD:
                problems.add(header_loc.error(
                    f"the year column is out of range ({MIN_PERIOD}–{MAX_PERIOD})",
                    field=table.ref(i, table.header_line), value=name))
            elif year in year_columns:
                problems.add(header_loc.error("the year column appears twice",
                                              field=table.ref(i, table.header_line), value=name))
            else:
                year_columns[year] = i
            continue
        logical = _ALIASES.get(key)
        if logical is None or logical not in known:
            hint = "" if years else " (is this file in the wide layout? set layout = \"wide\")"
            if not years and _YEARISH.match(key):
                message = f"a year as a column header in the long layout{hint}"
            else:
                expected = ", ".join(known) + (", and one column per year" if years else "")
                message = f"unknown column; expected {expected}"
                sep = next((s for s in ";,\t" if s in name), None)
                if sep is not None:
                    message += f" (the header holds {sep!r}: is the delimiter right?)"
            problems.add(header_loc.error(message, field=table.ref(i, table.header_line),
                                          value=name))
            continue
        if logical in columns:
            problems.add(header_loc.error("the column appears twice",
                                          field=table.ref(i, table.header_line), value=name))
            continue
        columns[logical] = i
    required = ("metric", "unit") if years else (
        ("metric",) if table.sheet_period is not None else ("metric", "period"))
    for name in required:
        if name not in columns:
            problems.add(header_loc.error(f"the header has no {name!r} column",
                                          field="header",
                                          value=[to_text(h) for h in table.header]))
            ok = False
    if years and not year_columns:
        problems.add(header_loc.error("the wide layout needs one column per year (2023, 2024, …)",
                                      field="header", value=[to_text(h) for h in table.header]))
        ok = False
    return (columns, year_columns) if ok else None


def _check_width(table: Table, line: int, row: Sequence[object], problems: Problems) -> bool:
    extra = [i for i in range(len(table.header), len(row)) if not is_blank(row[i])]
    if extra:
        problems.add(Location(table.source, line).error(
            f"malformed row: a value beyond the last column of the header (the row has "
            f"{len(row)} fields, the header {len(table.header)})",
            field=table.ref(extra[0], line), value=to_text(row[extra[0]])))
        return False
    return True


def _read_long(table: Table, decimal: str | None, problems: Problems) -> list[ReadObservation]:
    mapped = _columns(table, _LONG_COLUMNS, problems, years=False)
    if mapped is None:
        return []
    columns, _ = mapped
    out: list[ReadObservation] = []
    for line, row in table.rows:
        if all(is_blank(c) for c in row) or not _check_width(table, line, row, problems):
            continue
        cells = {name: table.ref(i, line) for name, i in columns.items()}
        loc = Location(table.source, line, cells)

        def cell(name: str, _row: Sequence[object] = row) -> object:
            i = columns.get(name)
            return None if i is None or i >= len(_row) else _row[i]

        before = len(problems)
        metric = _guard(problems, loc, parse_id, cell("metric"), "metric")
        period = (table.sheet_period if "period" not in columns else
                  _guard(problems, loc, parse_period, cell("period")))
        unit = unit_cell(to_text(cell("unit")))
        value: float | None = None
        raw_value = cell("value")
        if not is_missing_marker(raw_value):
            parsed = _guard(problems, loc, parse_number, raw_value, decimal)
            if parsed is not None:
                value, percent = parsed
                if percent:
                    unit = _percent_unit(unit, loc, problems)
        text = to_text(cell("text"))
        flags = _guard(problems, loc, parse_flags, cell("flags"))
        component = to_text(cell("component"))
        if component is not None:
            component = _guard(problems, loc, parse_id, component, "component")
        entity = to_text(cell("entity"))
        own_target: float | None = None
        raw_target = cell("own_target")
        if not is_missing_marker(raw_target):
            parsed_target = _guard(problems, loc, parse_number, raw_target, decimal)
            if parsed_target is not None:
                own_target = parsed_target[0]
        if len(problems) > before or metric is None or period is None:
            continue
        obs = _observation(loc, problems, period=period, value=value, unit=unit, text=text,
                           flags=flags or frozenset(), note=to_text(cell("note")),
                           component=component, entity=entity, own_target=own_target)
        if obs is not None:
            out.append(ReadObservation(metric, obs, loc))
    return out


def _read_wide(table: Table, decimal: str | None, problems: Problems) -> list[ReadObservation]:
    mapped = _columns(table, _WIDE_COLUMNS, problems, years=True)
    if mapped is None:
        return []
    columns, years = mapped
    out: list[ReadObservation] = []
    for line, row in table.rows:
        if all(is_blank(c) for c in row) or not _check_width(table, line, row, problems):
            continue

        def cell(i: int | None, _row: Sequence[object] = row) -> object:
            return None if i is None or i >= len(_row) else _row[i]

        base = {name: table.ref(i, line) for name, i in columns.items()}
        row_loc = Location(table.source, line, base)
        before = len(problems)
        metric = _guard(problems, row_loc, parse_id, cell(columns["metric"]), "metric")
        component = to_text(cell(columns.get("component")))
        if component is not None:
            component = _guard(problems, row_loc, parse_id, component, "component")
        unit = unit_cell(to_text(cell(columns["unit"])))
        entity = to_text(cell(columns.get("entity")))
        if len(problems) > before or metric is None:
            continue
        for year, i in sorted(years.items()):
            raw = cell(i)
            if is_blank(raw):
                continue
            ref = table.ref(i, line)
            loc = Location(table.source, line, {**base, "value": ref, "period": ref, "text": ref})
            value: float | None = None
            text: str | None = None
            cell_unit = unit
            if is_missing_marker(raw):
                pass
            elif unit is None:
                text = to_text(raw)
            else:
                parsed = _guard(problems, loc, parse_number, raw, decimal)
                if parsed is None:
                    continue
                value, percent = parsed
                if percent:
                    cell_unit = _percent_unit(unit, loc, problems)
            obs = _observation(loc, problems, period=year, value=value,
                               unit=cell_unit if value is not None else unit, text=text,
                               flags=frozenset(), note=None, component=component,
                               entity=entity)
            if obs is not None:
                out.append(ReadObservation(metric, obs, loc))
    return out


def _percent_unit(unit: str | None, loc: Location, problems: Problems) -> str | None:
    if unit is None or unit.strip() in {"%", "procent", "percent"}:
        return unit or "%"
    problems.add(loc.error(f"the value has a percent sign but the unit is {unit!r}",
                           field="value"))
    return unit


def _guard(problems: Problems, loc: Location, read: Callable[_P, _T], *args: _P.args,
           **kwargs: _P.kwargs) -> _T | None:
    """``read(*args)``, or ``None`` with its problem recorded at ``loc``."""
    try:
        return read(*args, **kwargs)
    except InputError as exc:
        problems.add(relocate(exc, loc))
        return None


def _observation(loc: Location, problems: Problems, **fields: Any) -> Observation | None:
    try:
        return Observation(**fields)
    except InputError as exc:
        problems.add(relocate(exc, loc))
        return None


# -- CSV and XLSX -------------------------------------------------------------------------

_detect_delimiter = detect_delimiter  # kept for older imports


def parse_outcomes_csv(
    data: bytes,
    source: str,
    *,
    layout: Layout = "long",
    delimiter: str | None = None,
    decimal: str | None = None,
    problems: Problems,
    encoding: str | None = None,
) -> list[ReadObservation]:
    """Read outcomes from CSV bytes (UTF-8 with or without BOM; ``;``, ``,`` or tab).

    Problems go to ``problems``; the rows without problems are returned. Lines are the
    file's physical lines (a quoted field over several lines counts from its first).
    ``encoding`` names another encoding the file is in (``"windows-1252"``,
    ``"utf-16"``); without it a file that is not UTF-8 is refused with a hint.
    """
    table = csv_table(data, source, delimiter=delimiter, encoding=encoding,
                      problems=problems)
    return [] if table is None else _interpret(table, layout, decimal, problems)


def parse_outcomes_xlsx(
    data: bytes,
    source: str,
    *,
    layout: Layout = "long",
    sheet: str | None = None,
    decimal: str | None = None,
    problems: Problems,
) -> list[ReadObservation]:
    """Read outcomes from an ``.xlsx`` workbook (read-only, cached values, no macros).

    ``sheet`` names a sheet, or is ``"*"`` for every visible one (a sheet named by a
    year, ``2023``, gives that year to rows without a period). Needs :mod:`openpyxl`
    (the ``xlsx`` extra), imported only here. Problems name the row and the cell
    (``B7``; ``'2023'!B7`` when several sheets are read).
    """
    out: list[ReadObservation] = []
    for table in xlsx_tables(data, source, sheet=sheet, problems=problems):
        out.extend(_interpret(table, layout, decimal, problems))
    return out


# -- TOML ----------------------------------------------------------------------------------

_TOML_KEYS = ("metric", "period", "value", "unit", "text", "flags", "note", "component")


def parse_outcomes_toml(data: bytes, source: str, *, problems: Problems) -> list[ReadObservation]:
    """Read outcomes from TOML bytes: an array of ``[[outcome]]`` tables."""
    out: list[ReadObservation] = []
    for entry, loc in array_tables(data, source, "outcome", "an outcome file", problems):
        before = len(problems)
        for key in entry:
            if key not in _TOML_KEYS:
                problems.add(loc.error(f"unknown key; expected one of {', '.join(_TOML_KEYS)}",
                                       field=key))
        metric = _guard(problems, loc, parse_id, entry.get("metric"), "metric")
        period = _guard(problems, loc, parse_period, entry.get("period"))
        value: float | None = None
        unit = entry.get("unit")
        if unit is not None and not isinstance(unit, str):
            problems.add(loc.error("a unit must be a text", field="unit", value=unit))
        raw = entry.get("value")
        if raw is not None and not is_missing_marker(raw):
            parsed = _guard(problems, loc, parse_number, raw)
            if parsed is not None:
                value, percent = parsed
                if percent and isinstance(unit, str | None):
                    unit = _percent_unit(unit, loc, problems)
        texts: dict[str, str | None] = {}
        for key in ("text", "note", "component"):
            got = entry.get(key)
            if got is not None and not isinstance(got, str):
                problems.add(loc.error(f"{key} must be a text", field=key,
                                       value=_short(got)))
            texts[key] = got if isinstance(got, str) else None
        flags = _guard(problems, loc, parse_flags, entry.get("flags"))
        component = texts["component"]
        if component is not None:
            component = _guard(problems, loc, parse_id, component, "component")
        if len(problems) > before or metric is None or period is None:
            continue
        obs = _observation(loc, problems, period=period, value=value, unit=unit,
                           text=texts["text"], flags=flags or frozenset(), note=texts["note"],
                           component=component)
        if obs is not None:
            out.append(ReadObservation(metric, obs, loc))
    return out


def _short(value: object) -> object:
    text = repr(value)
    return value if len(text) <= 80 else text[:77] + "..."
