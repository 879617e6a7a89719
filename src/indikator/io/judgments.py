"""The judgment readers: TOML files of ``[[judgment]]`` tables, and CSV or XLSX sheets.

A judgment is a verdict plus a mandatory reason. Analysts who keep them in Excel may
keep them as a sheet with one row per judgment and the columns ``metric`` (or
``target``), ``period``, ``verdict``, ``reason`` and optionally ``author``, ``date``
and ``entity`` (Swedish headings too: ``mätetal``, ``år``, ``bedömning``, ``motivering``,
``författare``, ``datum``, ``kommun``); a verdict may be written as its value or its
label (``Positiv``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from indikator.errors import InputError
from indikator.io._files import read_file
from indikator.io._problems import Location, Problems, relocate
from indikator.io._sheets import Table, csv_table, xlsx_tables
from indikator.io._text import array_tables
from indikator.io._values import is_blank, parse_id, parse_period, shown_value, to_text
from indikator.model import Judgment
from indikator.verdict import Verdict

__all__ = ["JUDGMENT_COLUMNS", "ReadJudgment", "parse_judgments_table", "parse_judgments_toml",
           "read_judgments"]

_KEYS = ("metric", "target", "period", "verdict", "reason", "author", "date", "entity")


@attrs.frozen
class ReadJudgment:
    """One judgment as read from a file, with where it was."""

    judgment: Judgment
    location: Location


JUDGMENT_COLUMNS: dict[str, str] = {
    "metric": "metric", "mätetal": "metric", "matetal": "metric", "target": "target",
    "node": "target", "indikator": "target", "indicator": "target",
    "period": "period", "year": "period", "år": "period",
    "verdict": "verdict", "bedömning": "verdict", "utveckling": "verdict",
    "reason": "reason", "motivering": "reason", "skäl": "reason", "anledning": "reason",
    "author": "author", "författare": "author", "bedömd av": "author",
    "date": "date", "datum": "date",
    "entity": "entity", "kommun": "entity", "municipality": "entity", "region": "entity",
    "organisation": "entity", "ou": "entity",
}
"""The column headings (case-insensitive) of a judgment sheet and what each is."""


def read_judgments(path: Path | str, *, problems: Problems | None = None,
                   delimiter: str | None = None, sheet: str | None = None,
                   encoding: str | None = None) -> list[ReadJudgment]:
    """Read one judgment file.

    Args:
        path: A TOML file of ``[[judgment]]`` tables, or a ``.csv`` or ``.xlsx`` sheet of
            one judgment per row.
        problems: Collect problems here and return the good judgments; when ``None``,
            raise the first problem.
        delimiter: A CSV file's delimiter (detected when ``None``).
        sheet: The workbook's sheet (the first visible one when ``None``; ``"*"``: all).
        encoding: A CSV file's encoding when it is not UTF-8 (``"windows-1252"``).

    Raises:
        InputError: Only when ``problems`` is ``None``: the file cannot be read, or a
            judgment is bad.
    """
    collect = Problems() if problems is None else problems
    before = len(collect)
    source = str(path)
    out: list[ReadJudgment] = []
    try:
        data = read_file(path, source)
    except InputError as exc:
        collect.add(exc)
    else:
        suffix = Path(path).suffix.lower()
        if suffix in (".csv", ".txt", ".xlsx", ".xlsm"):
            out = parse_judgments_table(data, source, problems=collect,
                                        kind="csv" if suffix in (".csv", ".txt") else "xlsx",
                                        delimiter=delimiter, sheet=sheet, encoding=encoding)
        else:
            out = parse_judgments_toml(data, source, problems=collect)
    if problems is None and len(collect) > before:
        collect.raise_if_any()
    return out


def parse_judgments_toml(data: bytes, source: str, *, problems: Problems) -> list[ReadJudgment]:
    """Read judgments from TOML bytes; problems go to ``problems``."""
    out: list[ReadJudgment] = []
    for entry, loc in array_tables(data, source, "judgment", "a judgment file", problems):
        found = _judgment(entry, loc, problems)
        if found is not None:
            out.append(ReadJudgment(found, loc))
    return out


def parse_judgments_table(data: bytes, source: str, *, problems: Problems, kind: str = "csv",
                          delimiter: str | None = None, sheet: str | None = None,
                          encoding: str | None = None) -> list[ReadJudgment]:
    """Read judgments from a CSV file or a workbook: one judgment per row.

    Problems name the line and the column (CSV) or the cell (``C4``); the good rows are
    returned.
    """
    if kind == "csv":
        found = csv_table(data, source, delimiter=delimiter, encoding=encoding,
                          problems=problems)
        tables = [] if found is None else [found]
    else:
        tables = xlsx_tables(data, source, sheet=sheet, problems=problems)
    out: list[ReadJudgment] = []
    for table in tables:
        out.extend(_table_judgments(table, problems))
    return out


def _table_judgments(table: Table, problems: Problems) -> list[ReadJudgment]:
    columns: dict[str, int] = {}
    header_loc = Location(table.source, table.header_line)
    for i, raw in enumerate(table.header):
        name = to_text(raw)
        if name is None or name.strip().startswith("#"):
            continue
        key = JUDGMENT_COLUMNS.get(" ".join(name.strip().casefold().split()))
        if key is None:
            problems.add(header_loc.error(
                "unknown column; a judgment sheet has metric (or target), period, verdict, "
                "reason, and optionally author, date, entity",
                field=table.ref(i, table.header_line), value=name))
            continue
        if key in columns:
            problems.add(header_loc.error("the column appears twice",
                                          field=table.ref(i, table.header_line), value=name))
            continue
        columns[key] = i
    missing = [k for k in ("period", "verdict", "reason") if k not in columns]
    if "metric" not in columns and "target" not in columns:
        missing.insert(0, "metric")
    if missing:
        problems.add(header_loc.error(
            f"the header has no {', '.join(repr(m) for m in missing)} column",
            field="header", value=[to_text(h) for h in table.header]))
        return []
    out: list[ReadJudgment] = []
    for line, row in table.rows:
        if all(is_blank(c) for c in row):
            continue
        entry: dict[str, object] = {}
        for key, i in columns.items():
            cell = row[i] if i < len(row) else None
            if key == "verdict" and is_blank(cell):
                continue  # reported as missing
            if not is_blank(cell):
                entry[key] = cell if key in ("period", "date") else to_text(cell)
            elif key == "reason":
                entry[key] = ""
        loc = Location(table.source, line, {k: table.ref(i, line) for k, i in columns.items()})
        found = _judgment(entry, loc, problems)
        if found is not None:
            out.append(ReadJudgment(found, loc))
    return out


def _judgment(entry: dict[str, object], loc: Location, problems: Problems) -> Judgment | None:
    before = len(problems)
    for key in entry:
        if key not in _KEYS:
            problems.add(loc.error(f"unknown key; expected one of {', '.join(_KEYS)}", field=key))
    if "metric" in entry and "target" in entry:
        problems.add(loc.error("give 'metric' or 'target', not both", field="target"))
    key = "target" if "target" in entry else "metric"
    target: str | None = None
    try:
        target = parse_id(entry.get(key), key)
    except InputError as exc:
        problems.add(relocate(exc, loc))
    period: int | None = None
    try:
        period = parse_period(entry.get("period"))
    except InputError as exc:
        problems.add(relocate(exc, loc))
    texts: dict[str, str | None] = {}
    for name in ("verdict", "reason", "author", "entity"):
        got = entry.get(name)
        if got is not None and not isinstance(got, str):
            problems.add(loc.error(f"{name} must be a text", field=name, value=shown_value(got)))
            got = None
        texts[name] = got
    verdict: Verdict | None = None
    if texts["verdict"] is None and "verdict" not in entry:
        problems.add(loc.error("a judgment needs a verdict (positive, unchanged, negative or "
                               "no_value)", field="verdict"))
    elif texts["verdict"] is not None:
        try:
            verdict = Verdict.parse(texts["verdict"])
        except ValueError as exc:
            problems.add(loc.error(str(exc), field="verdict", value=texts["verdict"]))
    if "reason" not in entry or (texts["reason"] is not None and not texts["reason"].strip()):
        problems.add(loc.error("a judgment needs a reason: say why the verdict differs from "
                               "the rule's", field="reason"))
    date = _date(entry.get("date"), loc, problems)
    if len(problems) > before or target is None or period is None or verdict is None:
        return None
    try:
        return Judgment(target=target, period=period, verdict=verdict,
                        reason=texts["reason"] or "", author=texts["author"], date=date,
                        entity=texts.get("entity"),
                        source=f"{loc.source}:{loc.line}" if loc.line else loc.source)
    except InputError as exc:
        problems.add(relocate(exc, loc))
        return None


def _date(value: object, loc: Location, problems: Problems) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.add(loc.error("a date must be written 2025-03-31", field="date",
                           value=shown_value(value)))
    return None
