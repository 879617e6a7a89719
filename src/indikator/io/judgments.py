"""The judgment reader: TOML files of ``[[judgment]]`` tables (verdict plus mandatory reason)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from indikator.errors import InputError
from indikator.io._files import read_file
from indikator.io._problems import Location, Problems, relocate
from indikator.io._text import array_tables
from indikator.io._values import parse_id, parse_period, shown_value
from indikator.model import Judgment
from indikator.verdict import Verdict

__all__ = ["ReadJudgment", "parse_judgments_toml", "read_judgments"]

_KEYS = ("metric", "target", "period", "verdict", "reason", "author", "date", "entity")


@attrs.frozen
class ReadJudgment:
    """One judgment as read from a file, with where it was."""

    judgment: Judgment
    location: Location


def read_judgments(path: Path | str, *, problems: Problems | None = None) -> list[ReadJudgment]:
    """Read one judgment file.

    Args:
        path: A TOML file of ``[[judgment]]`` tables.
        problems: Collect problems here and return the good judgments; when ``None``,
            raise the first problem.

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
