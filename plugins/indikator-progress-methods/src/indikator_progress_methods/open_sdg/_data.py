"""An Open SDG data file and the rows one series option selects from it.

A data file is a CSV with ``Year``, ``Value`` and any of ``Series``, ``Units``,
disaggregation columns, ``GeoCode`` and notes. The selection follows sdg-build's progress
code step by step:

1. Years written as ranges (``2017-2019``, ``2019/21``: any year longer than four
   characters) count as their first four characters.
2. ``GeoCode``, the observation attributes and the other non-disaggregation columns are
   set aside; a ``Progress`` column, when there is one, replaces ``Value``.
3. The option's ``unit``, ``series`` and ``disaggregation`` values keep the rows equal to
   them (a value or column the file does not have keeps no row, and the series is not
   available); without a ``disaggregation`` the headline rows are kept: those whose every
   disaggregation column is empty.
Before that, the cells are translated into the build's language (see :func:`translated`).

4. What is left must be one series: every remaining column other than ``Year`` and
   ``Value`` has one value (else the option is ambiguous: an error naming the column).
5. Rows without a value are dropped; two values in one year are an error.

Empty cells, and the texts pandas reads as missing (``NA``, ``N/A``, ``NaN``, ``null``,
...), are missing.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import attrs
from indikator import InputError

from indikator_progress_methods.open_sdg._config import (
    PROGRESS_COLUMN,
    SERIES_COLUMN,
    UNITS_COLUMN,
    SeriesOptions,
    SiteConfig,
)

__all__ = ["DataFile", "Selected", "read_data_file", "select", "translated"]

MISSING: Final = frozenset({
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
    "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
})
"""Cell texts read as missing (pandas' defaults, which sdg-build reads with)."""


@attrs.frozen
class DataFile:
    """One indicator's data, as text cells.

    Attributes:
        source: The file.
        columns: The header, in file order.
        rows: The cells of each row (``None`` where missing), in file order.
        lines: Each row's line number in the file.
        years: Each row's year (a range counts as its first year).
    """

    source: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    lines: tuple[int, ...]
    years: tuple[int, ...] = ()


@attrs.frozen
class Selected:
    """The points an option selected: years, values and the unit label of the rows.

    Attributes:
        years: The years, ascending.
        values: The value of each year.
        unit: The ``Units`` value of the rows (or the option's), if any.
        lines: The line of each point in the data file.
        problems: Why nothing was selected, when a value or column was not found.
    """

    years: tuple[int, ...]
    values: tuple[float, ...]
    unit: str | None
    lines: tuple[int, ...] = ()
    problems: tuple[str, ...] = ()


def read_data_file(path: Path, folder: Path | None = None) -> DataFile:
    """Read a data CSV (UTF-8, a byte-order mark allowed) with located errors.

    Bounded in size, and refused outside ``folder`` (by default the file's own folder).
    """
    from indikator_progress_methods.open_sdg._config import read_text

    source = str(path)
    text = read_text(path.parent if folder is None else folder, path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError("the file is empty; it needs a header with Year and Value",
                             source=source, line=1)
        columns = tuple(c.strip() for c in header)
        for need in ("Year", "Value"):
            if need not in columns:
                raise InputError(f"no {need} column (the header has {', '.join(columns)})",
                                 source=source, line=1, field=need)
        seen: set[str] = set()
        for name in columns:
            if name in seen:
                raise InputError("two columns have the same name", source=source, line=1,
                                 field=name)
            seen.add(name)
        rows: list[tuple[str | None, ...]] = []
        lines: list[int] = []
        start = reader.line_num
        for cells in reader:
            line = start + 1
            start = reader.line_num
            if not cells:
                continue
            if len(cells) != len(columns):
                raise InputError(f"{len(cells)} cells where the header has {len(columns)}",
                                 source=source, line=line)
            rows.append(tuple(None if c.strip() in MISSING else c for c in cells))
            lines.append(line)
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", source=source, line=reader.line_num) from None
    data = DataFile(source, columns, tuple(rows), tuple(lines))
    return attrs.evolve(data, years=tuple(_years(data)))


def translated(data: DataFile, groups: Mapping[str, Mapping[str, str]]) -> DataFile:
    """The file with every cell other than ``Year`` and ``Value`` translated.

    As sdg-build translates data before it rates a series: a cell is looked up in the
    ``data`` group, or, written ``group.key``, in that group; a cell without a
    translation stays as it is.
    """
    if not groups:
        return data
    default = groups.get("data", {})
    skip = {i for i, c in enumerate(data.columns) if c in ("Year", "Value", PROGRESS_COLUMN)}

    def one(cell: str | None) -> str | None:
        if cell is None:
            return None
        if cell in default:
            return default[cell]
        group, dot, key = cell.partition(".")
        if dot and key in groups.get(group, {}):
            return groups[group][key]
        return cell

    rows = tuple(
        tuple(cell if i in skip else one(cell) for i, cell in enumerate(row))
        for row in data.rows)
    return attrs.evolve(data, rows=rows)


def _years(data: DataFile) -> list[int]:
    """Each row's year (a range counts as its first four characters)."""
    col = data.columns.index("Year")
    texts = [row[col] for row in data.rows]
    ranges = any(t is not None and len(t.strip()) > 4 for t in texts)
    out: list[int] = []
    for text, line in zip(texts, data.lines, strict=True):
        if text is None:
            raise InputError("a row has no year", source=data.source, line=line, field="Year")
        shown = text.strip()[:4] if ranges else text.strip()
        try:
            number = float(shown)
        except ValueError:
            raise InputError("the year is not a number", source=data.source, line=line,
                             field="Year", value=text) from None
        if not math.isfinite(number) or number != int(number) or not 1900 <= number <= 2200:
            raise InputError("the year is not a whole year in 1900-2200", source=data.source,
                             line=line, field="Year", value=text)
        out.append(int(number))
    return out


def _value(text: str, data: DataFile, line: int, column: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise InputError("the value is not a number", source=data.source, line=line,
                         field=column, value=text) from None
    if not math.isfinite(number):
        raise InputError("the value is not a finite number", source=data.source, line=line,
                         field=column, value=text)
    return number


def select(data: DataFile, options: SeriesOptions, site: SiteConfig,
           *, config_source: str | None = None) -> Selected:
    """The points ``options`` selects from ``data`` (see the module docstring)."""
    where = config_source or options.source
    columns = data.columns
    index = {name: i for i, name in enumerate(columns)}
    aside = set(site.non_disaggregation) | set(site.observation_attributes)
    aside -= {"Year", "Value", SERIES_COLUMN, UNITS_COLUMN, PROGRESS_COLUMN}
    kept = [c for c in columns if c not in aside]
    value_col = PROGRESS_COLUMN if PROGRESS_COLUMN in index else "Value"
    years = data.years or tuple(_years(data))
    rows = list(range(len(data.rows)))
    problems: list[str] = []

    def keep(column: str, wanted: str) -> None:
        nonlocal rows
        if column not in index:
            problems.append(f"the data has no column {column!r}")
            rows = []
            return
        col = index[column]
        found = [r for r in rows if data.rows[r][col] == wanted]
        if not found and rows:
            problems.append(f"no row has {column} = {wanted!r}")
        rows = found

    if options.unit is not None:
        keep(UNITS_COLUMN, options.unit)
    if options.series is not None:
        keep(SERIES_COLUMN, options.series)
    if options.disaggregation:
        for name, wanted in options.disaggregation:
            keep(name, wanted)
    else:
        disaggregations = [index[c] for c in kept if c not in site.non_disaggregation]
        headline = [r for r in rows if all(data.rows[r][c] is None for c in disaggregations)]
        if rows and not headline:
            raise InputError(
                f"no headline rows (every disaggregation empty) for the series "
                f"{options.tag('') or 'of the indicator'!r} in {data.source}; choose a "
                "disaggregation", source=where, field=options.field)
        rows = headline
    for column in kept:
        if column in ("Year", "Value", PROGRESS_COLUMN):
            continue
        col = index[column]
        distinct = list(dict.fromkeys(data.rows[r][col] for r in rows))
        if len(distinct) > 1:
            shown = ", ".join("(empty)" if v is None else repr(v) for v in distinct[:4])
            raise InputError(
                f"the option selects several series in {data.source} ({column}: {shown}"
                f"{', ...' if len(distinct) > 4 else ''}); name a series, unit or "
                "disaggregation", source=where, field=options.field)
    unit = options.unit
    if UNITS_COLUMN in index and rows:
        unit = data.rows[rows[0]][index[UNITS_COLUMN]] or unit
    col = index[value_col]
    points: dict[int, tuple[float, int]] = {}
    for r in rows:
        text = data.rows[r][col]
        if text is None:
            continue
        line, year = data.lines[r], years[r]
        value = _value(text, data, line, value_col)
        if year in points:
            raise InputError(f"two values for {year} in the series {options.tag('')!r} "
                             f"(lines {points[year][1]} and {line})", source=data.source,
                             line=line, field="Year", value=year)
        points[year] = (value, line)
    ordered = sorted(points.items())
    return Selected(
        years=tuple(y for y, _ in ordered),
        values=tuple(v for _, (v, _l) in ordered),
        unit=unit,
        lines=tuple(line for _, (_v, line) in ordered),
        problems=tuple(problems),
    )

