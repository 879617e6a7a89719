"""Outcome readers: CSV, XLSX and TOML files, in the long and the wide layout.

Every reader collects its problems (one per bad row, cell or key) in a
:class:`~indikator.io.Problems` and goes on with the next row, so that a whole file is
checked in one pass; the rows without problems are returned. See ``docs/formats.md``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

import attrs

from indikator.errors import InputError
from indikator.io._files import read_file
from indikator.io._problems import Location, Problems, relocate
from indikator.io._text import array_tables, decode_utf8
from indikator.io._values import (
    is_blank,
    is_missing_marker,
    parse_flags,
    parse_id,
    parse_number,
    parse_period,
    shown_value,
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
                           ".toml": "toml"}

# Column names (case-insensitive) and the Swedish and other names accepted for them.
_ALIASES: dict[str, str] = {
    "metric": "metric", "mätetal": "metric", "matetal": "metric", "metric_id": "metric",
    "kpi": "metric", "nyckeltal": "metric",
    "period": "period", "year": "period", "år": "period",
    "value": "value", "värde": "value", "utfall": "value",
    "unit": "unit", "enhet": "unit",
    "text": "text",
    "flags": "flags", "flaggor": "flags", "flag": "flags",
    "note": "note", "not": "note", "anmärkning": "note", "fotnot": "note",
    "component": "component", "komponent": "component",
    "own_target": "own_target", "målvärde": "own_target", "eget_mål": "own_target",
    "verksamhetens_målvärde": "own_target",
    "entity": "entity", "entitet": "entity", "kommun": "entity", "kommunkod": "entity",
    "municipality": "entity", "region": "entity", "organisation": "entity", "ou": "entity",
}
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
    """The reader for a file: ``"csv"``, ``"xlsx"`` or ``"toml"`` (from its extension).

    Raises:
        InputError: The extension (or the declared format) is not one the readers know.
    """
    if declared is not None:
        if declared not in {"csv", "xlsx", "toml"}:
            raise InputError("unknown format; expected csv, xlsx or toml", field="format",
                             value=declared)
        return declared
    suffix = Path(path).suffix.lower()
    if suffix == ".xls":
        raise InputError("the old .xls format cannot be read: save the workbook as .xlsx",
                         source=str(path))
    found = FORMATS.get(suffix)
    if found is None:
        raise InputError(
            "unknown file type; expected .csv, .xlsx or .toml (or set format = ... in the "
            "manifest)",
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
) -> list[ReadObservation]:
    """Read one outcome file.

    Args:
        path: A ``.csv``, ``.xlsx`` or ``.toml`` file.
        layout: ``"long"`` (one row per metric and period) or ``"wide"`` (one column per
            year); TOML files are always long.
        delimiter: The CSV delimiter; detected from the header when ``None``.
        decimal: The decimal mark (``","`` or ``"."``); either is accepted when ``None``.
        sheet: The XLSX sheet; the first when ``None``.
        fmt: ``"csv"``, ``"xlsx"`` or ``"toml"`` to override the extension.
        problems: Collect problems here and return the good rows; when ``None``, raise
            the first problem.

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
                                     decimal=decimal, problems=collect)
        elif kind == "xlsx":
            out = parse_outcomes_xlsx(data, source, layout=layout, sheet=sheet,
                                      decimal=decimal, problems=collect)
        else:
            if layout != "long":
                collect.add(InputError("a TOML outcome file is always in the long layout",
                                       source=source, field="layout", value=layout))
            out = parse_outcomes_toml(data, source, problems=collect)
    if problems is None and len(collect) > before:
        collect.raise_if_any()
    return out


# -- tables (CSV and XLSX) -----------------------------------------------------------------


@attrs.frozen
class _Table:
    source: str
    header_line: int
    header: Sequence[object]
    rows: Sequence[tuple[int, Sequence[object]]]
    ref: Callable[[int, int], str]
    """The label of column ``i`` (0-based) on line ``n``: a header or a cell reference."""


def _interpret(table: _Table, layout: Layout, decimal: str | None,
               problems: Problems) -> list[ReadObservation]:
    if not any(not is_blank(c) for _line, row in table.rows for c in row):
        problems.warn(InputError("the file has a header but no rows: no outcomes were read "
                                 "from it", source=table.source, line=table.header_line))
    if layout == "wide":
        return _read_wide(table, decimal, problems)
    return _read_long(table, decimal, problems)


def _columns(table: _Table, known: Sequence[str], problems: Problems,
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
    required = ("metric", "unit") if years else ("metric", "period")
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


def _check_width(table: _Table, line: int, row: Sequence[object], problems: Problems) -> bool:
    extra = [i for i in range(len(table.header), len(row)) if not is_blank(row[i])]
    if extra:
        problems.add(Location(table.source, line).error(
            f"malformed row: a value beyond the last column of the header (the row has "
            f"{len(row)} fields, the header {len(table.header)})",
            field=table.ref(extra[0], line), value=to_text(row[extra[0]])))
        return False
    return True


def _read_long(table: _Table, decimal: str | None, problems: Problems) -> list[ReadObservation]:
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
        period = _guard(problems, loc, parse_period, cell("period"))
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


def _read_wide(table: _Table, decimal: str | None, problems: Problems) -> list[ReadObservation]:
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


# -- CSV -----------------------------------------------------------------------------------


def _detect_delimiter(text: str) -> str:
    """The delimiter of a CSV text, from its first non-blank line (the header)."""
    for line in text.splitlines():
        if not line.strip():
            continue
        counts: dict[str, int] = {}
        quoted = False
        for ch in line:
            if ch == '"':
                quoted = not quoted
            elif not quoted and ch in ";,\t":
                counts[ch] = counts.get(ch, 0) + 1
        if counts:
            return max(";,\t", key=lambda c: (counts.get(c, 0), c == ";"))
        break
    return ";"


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
"""A physical line with its ending, split as the CSV reader splits them."""


def _quote_opened(lines: Sequence[str], start: int, stop: int,
                  sep: str) -> tuple[int, int] | None:
    """Where a quoted field of a record (lines ``start`` to ``stop``) runs past its line.

    Returns the 1-based line and 0-based column of its opening quote, or ``None``.
    """
    opened: tuple[int, int] | None = None
    state = "start"  # start of a field, "plain", "quoted", or "quote" (a quote in quotes)
    for number in range(start, min(stop, len(lines)) + 1):
        began_quoted = state == "quoted"
        if not began_quoted:
            state = "start"
        column = 0
        for column_at, ch in enumerate(lines[number - 1].rstrip("\r\n")):
            if state == "quoted":
                state = "quote" if ch == '"' else "quoted"
            elif ch == '"' and state == "start":
                state, column = "quoted", column_at
            elif ch == '"' and state == "quote":
                state = "quoted"  # an escaped quote ("")
            else:
                state = "start" if ch == sep else "plain"
        if state == "quoted" and not began_quoted:
            opened = (number, column)
    return opened


def parse_outcomes_csv(
    data: bytes,
    source: str,
    *,
    layout: Layout = "long",
    delimiter: str | None = None,
    decimal: str | None = None,
    problems: Problems,
) -> list[ReadObservation]:
    """Read outcomes from CSV bytes (UTF-8 with or without BOM; ``;``, ``,`` or tab).

    Problems go to ``problems``; the rows without problems are returned. Lines are the
    file's physical lines (a quoted field over several lines counts from its first).
    """
    try:
        text = decode_utf8(data, source)
    except InputError as exc:
        problems.add(exc)
        return []
    sep = delimiter or _detect_delimiter(text)
    physical = _LINE.findall(text)
    offset = 0  # the lines before the current reader's first
    reader = csv.reader(iter(physical), delimiter=sep, strict=True)
    header: list[str] | None = None
    header_line = 0
    rows: list[tuple[int, Sequence[object]]] = []
    while True:
        start = offset + reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            stop = offset + reader.line_num
            opened = _quote_opened(physical, start, stop, sep)
            if opened is None:
                problems.add(InputError(f"malformed CSV row: {exc}", source=source,
                                        line=stop or start))
                continue
            line, column = opened
            at = "the end of the file" if stop >= len(physical) else f"line {stop}"
            field = physical[line - 1].rstrip("\r\n")[column:]
            problems.add(InputError(
                f"malformed CSV row: a quoted field opens on this line and is not closed "
                f"(the CSV reader stopped at {at}: {exc})", source=source, line=line,
                value=field if len(field) <= 40 else field[:37] + "..."))
            # read again from the line after the opening quote
            offset = line
            reader = csv.reader(iter(physical[offset:]), delimiter=sep, strict=True)
            continue
        if not record or all(not c.strip() for c in record):
            continue
        if header is None:
            header, header_line = [c.strip() for c in record], start
        else:
            if len(record) < len(header):
                problems.add(InputError(
                    f"malformed CSV row: {len(record)} field{'s' if len(record) != 1 else ''} "
                    f"but the header has {len(header)} (is the delimiter {sep!r} right, or a "
                    "quote unclosed?)",
                    source=source, line=start))
                continue
            rows.append((start, record))
    if header is None:
        problems.add(InputError("the file is empty: a header row is required", source=source,
                                line=1))
        return []
    names = list(header)

    def ref(i: int, _line: int) -> str:
        return names[i] if i < len(names) and names[i] else f"column {i + 1}"

    table = _Table(source, header_line, header, rows, ref)
    return _interpret(table, layout, decimal, problems)


# -- XLSX ----------------------------------------------------------------------------------


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

    Needs :mod:`openpyxl` (the ``xlsx`` extra), imported only here. Problems name the
    row and the cell (``B7``).
    """
    try:
        # openpyxl ships no type information (types-openpyxl is not a dependency)
        import openpyxl  # type: ignore[import-untyped]
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
    except ImportError:
        problems.add(InputError(
            "reading .xlsx needs openpyxl: pip install 'indikator[xlsx]'", source=source))
        return []
    bound = _zip_problem(data)
    if bound is not None:
        problems.add(InputError(bound, source=source))
        return []
    all_rows: list[tuple[int, list[object]]] = []
    formulas: dict[tuple[int, int], str] = {}
    for cached in (True, False):  # cached values; then formulas, to find uncached ones
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                              data_only=cached)
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            problems.add(InputError(
                f"cannot read the workbook (truncated or not an .xlsx file?): {_brief(exc)}",
                source=source))
            return []
        try:
            chosen = _choose_sheet(workbook, sheet, source, problems if cached else Problems())
            if chosen is None:
                return []
            worksheet = workbook[chosen]
            if not cached and not any(v is None for _n, r in all_rows for v in r):
                break  # no empty cell: no formula lacks its value
            try:
                rows_read = _sheet_rows(worksheet)
            except InputError as exc:
                problems.add(exc.located(source=source, field=str(chosen)))
                return []
            except Exception as exc:  # a damaged sheet fails while it is parsed
                problems.add(InputError(
                    f"cannot read the sheet (the workbook may be truncated or damaged): "
                    f"{_brief(exc)}", source=source, field=str(worksheet.title)))
                return []
        finally:
            workbook.close()
        if cached:
            all_rows = rows_read
        else:
            formulas = {(n, i): v for n, r in rows_read for i, v in enumerate(r)
                        if isinstance(v, str) and v.startswith("=")}
    by_number = dict(all_rows)
    uncached = [(n, i, f) for (n, i), f in sorted(formulas.items())
                if i >= len(by_number.get(n, [])) or by_number[n][i] is None]
    for number, i, formula in uncached:
        problems.add(InputError(
            "a formula without a computed value (the workbook was saved by a program that "
            "does not compute formulas: open it in Excel or LibreOffice and save it, or "
            "enter the value)", source=source, line=number,
            field=f"{get_column_letter(i + 1)}{number}", value=shown_value(formula)))
    if uncached:  # the rest of the sheet may lean on them: read nothing from it
        return []
    rows = [(n, r) for n, r in all_rows if any(not is_blank(c) for c in r)]
    if not rows:
        problems.add(InputError("the sheet is empty: a header row is required", source=source,
                                line=1))
        return []
    header_line, header = rows[0]

    def ref(i: int, line: int) -> str:
        return f"{get_column_letter(i + 1)}{line}"

    table = _Table(source, header_line, header, rows[1:], ref)
    return _interpret(table, layout, decimal, problems)


MAX_XLSX_EXPANDED = 256 * 1024 * 1024
"""The most bytes a workbook may expand to (its parts, uncompressed), checked first."""
MAX_XLSX_PARTS = 10_000
"""The most parts (files in the zip) a workbook may have."""
MAX_XLSX_ROWS = 100_000
"""The most rows read from a sheet."""
MAX_XLSX_COLUMNS = 1_000
"""The most columns a row may use (a wide layout of 1900–2200 needs about 305)."""
MAX_CELL_CHARS = 32_767
"""The longest text a cell may hold (Excel's own limit)."""


def _zip_problem(data: bytes) -> str | None:
    """What makes a workbook too large to read once expanded, or ``None``.

    The zip's directory declares each part's size; reading never goes past it, so the
    sum bounds what openpyxl can expand (a 600 kB workbook can claim 5 GB).
    """
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None  # openpyxl says what is wrong with it
    if len(parts) > MAX_XLSX_PARTS:
        return f"the workbook has {len(parts)} parts; at most {MAX_XLSX_PARTS} are read"
    expanded = sum(max(p.file_size, 0) for p in parts)
    if expanded > MAX_XLSX_EXPANDED:
        return (f"the workbook expands to {expanded // (1024 * 1024)} MiB; at most "
                f"{MAX_XLSX_EXPANDED // (1024 * 1024)} MiB are read (is it a zip bomb?)")
    return None


def _choose_sheet(workbook: Any, sheet: str | None, source: str,
                  problems: Problems) -> str | None:
    """The sheet to read: the named one, else the first visible one.

    A warning says so when the first visible sheet is not the first; ``None`` (reported)
    when there is no sheet to read.
    """
    names = list(workbook.sheetnames)
    if not names:
        problems.add(InputError("the workbook has no sheet", source=source))
        return None
    if sheet is not None:
        if sheet not in names:
            problems.add(InputError(f"no sheet of that name; the workbook has {names}",
                                    source=source, field="sheet", value=sheet))
            return None
        if not hasattr(workbook[sheet], "iter_rows"):
            problems.add(InputError("the sheet is a chart, not a worksheet of cells",
                                    source=source, field="sheet", value=sheet))
            return None
        return str(sheet)
    states = {ws.title: getattr(ws, "sheet_state", "visible") for ws in workbook.worksheets}
    visible = [n for n in names if states.get(n) == "visible"]
    if not visible:
        problems.add(InputError(
            "every worksheet is hidden; set sheet = \"...\" in the manifest to read one",
            source=source, field="sheet", value=names))
        return None
    if visible[0] != names[0]:
        problems.warn(InputError(
            f"the first sheet {names[0]!r} is {states.get(names[0], 'not a worksheet')}; "
            f"read the first visible sheet {visible[0]!r} (set sheet = \"...\" to choose)",
            source=source, field="sheet"))
    return str(visible[0])


def _sheet_rows(worksheet: Any) -> list[tuple[int, list[object]]]:
    """The rows of a sheet, bounded in number, width and cell length.

    Raises:
        InputError: Beyond :data:`MAX_XLSX_ROWS`, :data:`MAX_XLSX_COLUMNS` or
            :data:`MAX_CELL_CHARS` (read no further).
    """
    if hasattr(worksheet, "reset_dimensions"):
        worksheet.reset_dimensions()
    out: list[tuple[int, list[object]]] = []
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if number > MAX_XLSX_ROWS:
            raise InputError(f"the sheet has more than {MAX_XLSX_ROWS} rows", line=number)
        row = list(values)
        while row and is_blank(row[-1]):
            row.pop()
        if len(row) > MAX_XLSX_COLUMNS:
            raise InputError(f"the row uses more than {MAX_XLSX_COLUMNS} columns", line=number)
        for value in row:
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise InputError(f"a cell holds more than {MAX_CELL_CHARS} characters",
                                 line=number)
        out.append((number, row))
    return out


def _brief(exc: BaseException) -> str:
    text = str(exc).strip()
    text = text if len(text) <= 120 else text[:117] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


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
