"""Reading programme files: TOML definitions of programmes, indicators and metrics.

Every problem is collected with its file, line and key (``file:line: field: what (got
…)``), unknown keys and misspelt strategy ids with a suggestion; see
``docs/reference/programme-file.md`` for the format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path as FsPath
from typing import TYPE_CHECKING

from indikator.errors import InputError
from indikator.io._problems import in_file_order
from indikator.model import Indicator, Programme
from indikator.programme_file._tables import suggest
from indikator.programme_file.definitions import Definitions, FileText, definitions_from
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
    return definitions_from(files, manager.strategies(), manager.rollups())


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
