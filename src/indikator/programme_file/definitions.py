"""What a set of programme files defines: the files' tables read into records.

The reading itself, given the strategies and roll-ups the files may name by id. It needs
no plugin manager, so the plugin host can serve programme files that plugins ship
(:mod:`indikator.programme_file.host`) and :mod:`indikator.programme_file.reader` can
offer the application's manager as a default, without an import circle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from indikator.errors import InputError
from indikator.io._problems import in_file_order
from indikator.io._text import load_toml
from indikator.model import Indicator
from indikator.programme_file._lines import TomlPaths
from indikator.programme_file._tables import TOP_KEYS, TableReader
from indikator.provides import ProgrammeSpec

__all__ = ["Definitions", "FileText", "definitions_from"]


@attrs.frozen
class FileText:
    """One programme file's bytes and the name messages give it."""

    source: str
    data: bytes


@attrs.frozen
class Definitions:
    """What a set of programme files defines, with every problem found.

    Attributes:
        programmes: The programmes (goal areas naming indicators by id).
        indicators: The indicators, in file order.
        problems: Every problem, in file order; nothing above comes from a bad table.
        lines: Where programmes and goal areas were read (for messages after reading).
        declared: Every indicator id the files declare, also those with problems.
    """

    programmes: tuple[ProgrammeSpec, ...]
    indicators: tuple[Indicator, ...]
    problems: tuple[InputError, ...]
    lines: Mapping[str, tuple[str, int | None]] = attrs.field(factory=dict)
    declared: frozenset[str] = frozenset()


def definitions_from(
    files: Sequence[FileText], strategies: Mapping[str, Any], rollups: Mapping[str, Any]
) -> Definitions:
    """Read programme files naming the given strategies and roll-ups by id.

    Every problem is collected (never raises on bad content).
    """
    problems: list[InputError] = []
    programmes: list[ProgrammeSpec] = []
    indicators: list[Indicator] = []
    where: dict[str, tuple[str, int | None]] = {}
    declared: set[str] = set()
    for file in files:
        try:
            doc = load_toml(file.data, file.source)
        except InputError as exc:
            problems.append(exc)
            continue
        reader = TableReader(file.source, TomlPaths(file.data.decode("utf-8-sig")), strategies,
                         rollups)
        reader.keys(doc, TOP_KEYS, (), "a programme file")
        for table, at in reader.tables(doc.get("indicator"), ("indicator",), "indicator",
                                       "indicator"):
            if isinstance(table.get("id"), str):
                declared.add(table["id"])
            ind = reader.indicator(table, at)
            if ind is None:
                continue
            if ind.id in where:
                src, line = where[ind.id]
                reader.error(at, "id", f"indicator id is defined twice (first at {src}:{line})",
                             value=ind.id)
                continue
            where[ind.id] = (file.source, reader.lines.line(at))
            indicators.append(ind)
        areas = [reader.goal_area(t, at) for t, at in
                 reader.tables(doc.get("goal_area"), ("goal_area",), "goal_area", "goal_area")]
        if "programme" in doc:
            spec = reader.programme(doc["programme"], areas)
            if spec is not None and f"programme:{spec.id}" in where:
                src, line = where[f"programme:{spec.id}"]
                reader.error(("programme",), "id", f"programme id is defined twice (first at "
                             f"{src}:{line})", value=spec.id)
            elif spec is not None:
                programmes.append(spec)
                where[f"programme:{spec.id}"] = (file.source, reader.lines.line(("programme",)))
                for index, area in enumerate(spec.goal_areas):
                    where[f"area:{spec.id}:{area.id}"] = (
                        file.source, reader.lines.line(("goal_area", index), "indicators"))
        elif areas:
            reader.error(("goal_area", 0), None, "goal areas belong to a programme: add a "
                         "[programme] table to this file", field="goal_area", has_value=False)
        problems.extend(reader.problems)
    return Definitions(tuple(programmes), tuple(indicators), tuple(in_file_order(problems)),
                       where, frozenset(declared))
