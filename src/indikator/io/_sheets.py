"""Tables as files hold them: the header and rows of a CSV file or of workbook sheets.

The readers of outcomes and judgments interpret a :class:`Table`; this module only finds
one in the bytes, bounded (rows, columns, cell length, a workbook's expanded size) and
with every row's line, so that a message can name the line and the cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from indikator.errors import InputError
from indikator.io._problems import Problems
from indikator.io._text import decode_text
from indikator.io._values import is_blank, shown_value

__all__ = ["ALIASES", "ALL_SHEETS", "Table", "csv_table", "detect_delimiter", "xlsx_tables"]

ALL_SHEETS = "*"
"""``sheet = "*"``: every visible sheet of a workbook."""

# Column names (case-insensitive) and the Swedish and other names accepted for them.
ALIASES: dict[str, str] = {
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




@attrs.frozen
class Table:
    """A sheet or CSV file: its header, its rows and how a cell is named."""

    source: str
    header_line: int
    header: Sequence[object]
    rows: Sequence[tuple[int, Sequence[object]]]
    ref: Callable[[int, int], str]
    """The label of column ``i`` (0-based) on line ``n``: a header or a cell reference."""
    sheet_period: int | None = None
    """The year a workbook's sheet is named by (``2023``), for rows without a period."""


# -- CSV -----------------------------------------------------------------------------------


def detect_delimiter(text: str) -> str:
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


def csv_table(data: bytes, source: str, *, delimiter: str | None = None,
              encoding: str | None = None, problems: Problems) -> Table | None:
    """The header and rows of CSV bytes (UTF-8, or the ``encoding`` named).

    Problems go to ``problems``; ``None`` when there is no header. Lines are the file's
    physical lines (a quoted field over several lines counts from its first).
    """
    try:
        text = decode_text(data, source, encoding)
    except InputError as exc:
        problems.add(exc)
        return None
    sep = delimiter or detect_delimiter(text)
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
        return None
    names = list(header)

    def ref(i: int, _line: int) -> str:
        return names[i] if i < len(names) and names[i] else f"column {i + 1}"

    return Table(source, header_line, header, rows, ref)


# -- XLSX ----------------------------------------------------------------------------------


def xlsx_tables(data: bytes, source: str, *, sheet: str | None = None,
                problems: Problems) -> list[Table]:
    """The tables of a workbook's sheets (read-only, cached values, no macros).

    ``sheet`` is a sheet's name, :data:`ALL_SHEETS` (every visible sheet, each named in
    its cells' references: ``'2023'!C4``), or ``None`` for the first visible sheet.
    A merged cell in a sheet's first row makes its first two rows the header (a group
    heading over its columns, or a heading over two rows); a formula whose value was
    never computed is named by its cell and nothing is read from its sheet. Needs
    :mod:`openpyxl` (the ``xlsx`` extra), imported only here.
    """
    try:
        # openpyxl ships no type information (types-openpyxl is not a dependency)
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        problems.add(InputError(
            "reading .xlsx needs openpyxl: pip install 'indikator-core[xlsx]'", source=source))
        return []
    bound = _zip_problem(data)
    if bound is not None:
        problems.add(InputError(bound, source=source))
        return []
    read: dict[str, list[tuple[int, list[object]]]] = {}
    merged: dict[str, list[tuple[int, int, int, int]]] = {}
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    chosen: list[str] = []
    for cached in (True, False):  # cached values; then formulas, to find uncached ones
        if not cached and not any(v is None for rows in read.values() for _n, r in rows
                                  for v in r):
            break  # no empty cell: no formula lacks its value
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                              data_only=cached)
        except Exception as exc:  # openpyxl raises many types for a damaged workbook
            problems.add(InputError(
                f"cannot read the workbook (truncated or not an .xlsx file?): {_brief(exc)}",
                source=source))
            return []
        try:
            if cached:
                chosen = _choose_sheets(workbook, sheet, source, problems)
            for name in chosen:
                if not cached and not any(v is None for _n, r in read[name] for v in r):
                    continue  # no empty cell: no formula lacks its value
                worksheet = workbook[name]
                try:
                    rows_read = _sheet_rows(worksheet)
                    if cached:
                        merged[name] = _merged_ranges(workbook, worksheet)
                except InputError as exc:
                    problems.add(exc.located(source=source, field=str(name)))
                    return []
                except Exception as exc:  # a damaged sheet fails while it is parsed
                    problems.add(InputError(
                        f"cannot read the sheet (the workbook may be truncated or damaged): "
                        f"{_brief(exc)}", source=source, field=str(worksheet.title)))
                    return []
                if cached:
                    read[name] = rows_read
                else:
                    formulas[name] = {(n, i): v for n, r in rows_read for i, v in enumerate(r)
                                      if isinstance(v, str) and v.startswith("=")}
        finally:
            workbook.close()
    several = sheet == ALL_SHEETS
    out: list[Table] = []
    for name in chosen:
        table = _sheet_table(source, name, read[name], merged.get(name, []),
                             formulas.get(name, {}), problems, several=several)
        if table is not None:
            out.append(table)
    return out


def _sheet_table(source: str, name: str, all_rows: list[tuple[int, list[object]]],
                 merged: list[tuple[int, int, int, int]], formulas: dict[tuple[int, int], str],
                 problems: Problems, *, several: bool) -> Table | None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    prefix = (f"{name}!" if re.fullmatch(r"[A-Za-z0-9_]+", name) else
              "'" + name.replace("'", "''") + "'!") if several else ""
    by_number = dict(all_rows)
    uncached = [(n, i, f) for (n, i), f in sorted(formulas.items())
                if i >= len(by_number.get(n, [])) or by_number[n][i] is None]
    for number, i, formula in uncached:
        problems.add(InputError(
            "a formula without a computed value (the workbook was saved by a program that "
            "does not compute formulas: open it in Excel or LibreOffice and save it, or "
            "enter the value)", source=source, line=number,
            field=f"{prefix}{get_column_letter(i + 1)}{number}", value=shown_value(formula)))
    if uncached:  # the rest of the sheet may lean on them: read nothing from it
        return None
    rows = [(n, r) for n, r in all_rows if any(not is_blank(c) for c in r)]
    if not rows:
        if several:
            problems.warn(InputError("the sheet is empty: nothing was read from it",
                                     source=source, field=prefix.rstrip("!")))
        else:
            problems.add(InputError("the sheet is empty: a header row is required",
                                    source=source, line=1))
        return None
    header_line, header = rows[0]
    body = rows[1:]
    if body and _two_rows(header_line, header, body[0], merged):
        header, body = _two_row_header(header_line, header, body[0], merged), body[1:]

    def ref(i: int, line: int) -> str:
        return f"{prefix}{get_column_letter(i + 1)}{line}"

    year = re.fullmatch(r"\s*(\d{4})\s*", name)
    return Table(source, header_line, header, body, ref,
                 sheet_period=int(year.group(1)) if year else None)


def _two_rows(line: int, upper: list[object], lower_row: tuple[int, list[object]],
              merged: list[tuple[int, int, int, int]]) -> bool:
    """Whether a sheet's heading takes two rows.

    It does when a merged cell of the first row reaches down into the second, sits over
    it as a title (nothing else in the first row), or groups columns over headings of
    their own (the second row empty under another heading).
    """
    mine = [(t, left, b, r) for t, left, b, r in merged if t == line]
    if not mine:
        return False
    if lower_row[0] != line + 1:
        return False
    if any(b > line for _t, _l, b, _r in mine):
        return True
    covered = {c for _t, left, _b, r in mine for c in range(left - 1, r)}
    others = [i for i, v in enumerate(upper) if i not in covered and not is_blank(v)]
    lower = lower_row[1]
    return not others or any(i >= len(lower) or is_blank(lower[i]) for i in others)


def _two_row_header(line: int, upper: list[object], lower_row: tuple[int, list[object]],
                    merged: list[tuple[int, int, int, int]]) -> list[object]:
    """One header from two rows: the lower row's heading, else the merged one above."""
    filled = list(upper)
    for top, left, bottom, right in merged:
        if top == line and left - 1 < len(upper):
            value = upper[left - 1]
            while len(filled) < right:
                filled.append(None)
            for col in range(left - 1, right):
                filled[col] = value
        del bottom
    lower = lower_row[1]
    width = max(len(filled), len(lower))
    return [lower[i] if i < len(lower) and not is_blank(lower[i]) else
            (filled[i] if i < len(filled) else None) for i in range(width)]


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _merged_ranges(workbook: Any, worksheet: Any) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a read-only sheet as (top, left, bottom, right), 1-based.

    Read from the sheet's XML (a read-only sheet does not parse them); bounded by the
    workbook's checked size.
    """
    from openpyxl.utils import column_index_from_string

    path = getattr(worksheet, "_worksheet_path", None)
    archive = getattr(workbook, "_archive", None)
    if path is None or archive is None:
        return []
    with archive.open(path) as part:
        xml = part.read()
    out = []
    for found in _MERGE.finditer(xml):
        c1, r1, c2, r2 = found.groups()
        left, top = column_index_from_string(c1.decode()), int(r1)
        right = column_index_from_string(c2.decode()) if c2 else left
        bottom = int(r2) if r2 else top
        out.append((top, left, bottom, right))
    return out


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


def _choose_sheets(workbook: Any, sheet: str | None, source: str,
                   problems: Problems) -> list[str]:
    """The sheets to read: the named one, every visible one, else the first visible one.

    A warning says so when the first visible sheet is not the first; none (reported)
    when there is no sheet to read.
    """
    names = list(workbook.sheetnames)
    if not names:
        problems.add(InputError("the workbook has no sheet", source=source))
        return []
    states = {ws.title: getattr(ws, "sheet_state", "visible") for ws in workbook.worksheets}
    visible = [n for n in names if states.get(n) == "visible"]
    if sheet == ALL_SHEETS:
        if not visible:
            problems.add(InputError("every worksheet is hidden", source=source, field="sheet",
                                    value=names))
        return visible
    if sheet is not None:
        if sheet not in names:
            problems.add(InputError(f"no sheet of that name; the workbook has {names}",
                                    source=source, field="sheet", value=sheet))
            return []
        if not hasattr(workbook[sheet], "iter_rows"):
            problems.add(InputError("the sheet is a chart, not a worksheet of cells",
                                    source=source, field="sheet", value=sheet))
            return []
        return [str(sheet)]
    if not visible:
        problems.add(InputError(
            "every worksheet is hidden; set sheet = \"...\" in the manifest to read one",
            source=source, field="sheet", value=names))
        return []
    if visible[0] != names[0]:
        problems.warn(InputError(
            f"the first sheet {names[0]!r} is {states.get(names[0], 'not a worksheet')}; "
            f"read the first visible sheet {visible[0]!r} (set sheet = \"...\" to choose)",
            source=source, field="sheet"))
    return [str(visible[0])]


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

