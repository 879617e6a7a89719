"""Reading programme files: TOML definitions of programmes, indicators and metrics.

Every problem is collected with its file, line and key (``file:line: field: what (got
…)``), unknown keys and misspelt strategy ids with a suggestion; see
``docs/reference/programme-file.md`` for the format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path as FsPath
from typing import TYPE_CHECKING

import attrs

from indikator.errors import InputError
from indikator.io._problems import in_file_order
from indikator.io._text import load_toml
from indikator.model import Indicator, Programme
from indikator.programme_file._lines import TomlPaths
from indikator.programme_file._tables import TOP_KEYS, TableReader, suggest
from indikator.provides import ProgrammeSpec

if TYPE_CHECKING:
    from indikator.plugins import IndikatorPluginManager

__all__ = [
    "Definitions",
    "FileText",
    "load_programme",
    "read_definitions",
    "read_programme",
    "read_texts",
]


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


def read_texts(path: FsPath | str) -> list[FileText]:
    """The programme files at ``path``: one file, or every ``*.toml`` under a folder.

    Raises:
        InputError: No such file or folder, a folder without TOML files, or a file that
            cannot be read.
    """
    where = FsPath(path)
    if where.is_dir():
        files = sorted(p for p in where.rglob("*.toml") if p.is_file())
        if not files:
            raise InputError("the folder holds no programme files (*.toml)", source=str(where))
    elif where.exists():
        files = [where]
    else:
        raise InputError("no such programme file or folder", source=str(where))
    out: list[FileText] = []
    for file in files:
        try:
            out.append(FileText(str(file), file.read_bytes()))
        except OSError as exc:
            raise InputError(f"cannot read the programme file: {exc.strerror or exc}",
                             source=str(file)) from None
    return out


def read_definitions(
    files: Sequence[FileText], pm: IndikatorPluginManager | None = None
) -> Definitions:
    """Read programme files, collecting every problem (never raises on bad content).

    Args:
        files: The files' bytes (see :func:`read_texts`).
        pm: The plugin manager whose strategies and roll-ups the files may name (the
            application's if omitted).
    """
    from indikator.plugins import get_plugin_manager

    manager = get_plugin_manager() if pm is None else pm
    manager.apply_units()
    strategies, rollups = manager.strategies(), manager.rollups()
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


def _resolve(spec: ProgrammeSpec, defs: Definitions, known: Mapping[str, Indicator]
             ) -> tuple[Programme | None, list[InputError]]:
    own = {i.id: i for i in defs.indicators}
    pool = {**known, **own}
    problems: list[InputError] = []
    for area in spec.goal_areas:
        source, line = defs.lines.get(f"area:{spec.id}:{area.id}", (None, None))
        for ident in area.indicators:
            if ident not in pool and ident not in defs.declared:
                problems.append(InputError(
                    f"goal area {area.id!r} names an unknown indicator"
                    f"{suggest(ident, pool)}; define it in an [[indicator]] table or "
                    "install the plugin that provides it", source=source, line=line,
                    field="indicators", value=ident))
    if problems or any(i not in pool for a in spec.goal_areas for i in a.indicators):
        return None, problems
    try:
        return spec.resolve(pool), []
    except InputError as exc:
        source, line = defs.lines.get(f"programme:{spec.id}", (None, None))
        return None, [exc.located(source=source, line=line)]


def read_programme(
    path: FsPath | str,
    pm: IndikatorPluginManager | None = None,
    *,
    programme_id: str | None = None,
) -> tuple[Programme | None, tuple[InputError, ...]]:
    """Read the programme defined at ``path`` (a file or folder), with every problem.

    Goal areas may name indicators from the files or from any installed plugin.

    Args:
        path: A programme file or a folder of them.
        pm: The plugin manager (strategies, roll-ups, other plugins' indicators).
        programme_id: Which programme, if the files define several (the only one if
            omitted; the one a dataset names when it is among them).

    Returns:
        The programme (``None`` if there is any problem) and the problems.
    """
    from indikator.plugins import get_plugin_manager

    manager = get_plugin_manager() if pm is None else pm
    try:
        files = read_texts(path)
    except InputError as exc:
        return None, (exc,)
    defs = read_definitions(files, manager)
    problems = list(defs.problems)
    specs = list(defs.programmes)
    chosen = next((s for s in specs if s.id == programme_id), None)
    if chosen is None and len(specs) == 1:
        chosen = specs[0]
    if chosen is None:
        if not problems:
            what = ("defines no programme (add a [programme] table)" if not specs else
                    f"defines several programmes ({', '.join(s.id for s in specs)}); "
                    "name one")
            problems.append(InputError(what, source=str(path), field="programme"))
        return None, tuple(problems)
    known = {i: p.item for i, p in manager.indicators().items()}
    programme, more = _resolve(chosen, defs, known)
    problems.extend(more)
    if problems:
        return None, tuple(in_file_order(problems))
    return programme, ()


def load_programme(
    path: FsPath | str,
    pm: IndikatorPluginManager | None = None,
    *,
    programme_id: str | None = None,
) -> Programme:
    """The programme defined at ``path``; see :func:`read_programme`.

    Raises:
        InputError: Any problem (the first, saying how many more there are).
    """
    from indikator.io._problems import Problems

    programme, problems = read_programme(path, pm, programme_id=programme_id)
    found = Problems()
    found.extend(problems)
    found.raise_if_any()
    assert programme is not None
    return programme
