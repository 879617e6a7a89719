"""Programme files shipped by plugins (hook ``indikator_programme_files``), for the host.

:func:`file_calls` gives the plugin host one call per plugin that implements the hook;
each call reads the plugin's files (as package data, with :mod:`importlib.resources`)
and returns the indicators or programmes they define, attributed to that plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

from indikator.errors import IndikatorError, InputError
from indikator.programme_file.definitions import Definitions, FileText, definitions_from
from indikator.provides import ProgrammeFiles

if TYPE_CHECKING:
    from indikator.plugins import IndikatorPluginManager

__all__ = ["ProgrammeFileError", "file_calls", "plugin_texts"]

HOOK = "indikator_programme_files"


class ProgrammeFileError(IndikatorError):
    """A plugin's programme files have problems; the message lists every one."""


def _walk(node: Traversable, shown: str) -> Iterator[tuple[Traversable, str]]:
    if node.is_file():
        yield node, shown
        return
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.is_dir():
            yield from _walk(child, f"{shown}/{child.name}")
        elif child.name.endswith(".toml"):
            yield child, f"{shown}/{child.name}"


def plugin_texts(record: ProgrammeFiles) -> list[FileText]:
    """The files a :class:`~indikator.provides.ProgrammeFiles` record names.

    Raises:
        InputError: The package cannot be found, or the path is missing or holds no
            TOML files.
    """
    try:
        root = resources.files(record.package)
    except (ModuleNotFoundError, TypeError) as exc:
        raise InputError(f"cannot find package {record.package!r}: {exc}",
                         field="package") from None
    node = root.joinpath(record.path) if record.path else root
    if not node.is_file() and not node.is_dir():
        raise InputError(f"package {record.package!r} has no {record.path!r}",
                         field="path")
    out: list[FileText] = []
    for item, shown in _walk(node, f"{record.package}/{record.path}".rstrip("/")):
        where = str(item) if hasattr(item, "__fspath__") else shown
        out.append(FileText(where, item.read_bytes()))
    if not out:
        raise InputError(f"{record.package}/{record.path} holds no programme files (*.toml)",
                         field="path")
    return out


def _definitions(pm: IndikatorPluginManager, plugin: str, function: Callable[[], Any]
                 ) -> Definitions:
    cache = pm._file_cache
    key = (plugin, id(function), pm._key)
    found: Definitions | None = cache.get(key)
    if found is None:
        try:
            records = list(function() or [])
            texts: list[FileText] = []
            for record in records:
                if not isinstance(record, ProgrammeFiles):
                    raise InputError(f"{HOOK}() returned a {type(record).__name__}, "
                                     "expected ProgrammeFiles")
                texts.extend(plugin_texts(record))
            pm.apply_units()
            found = definitions_from(texts, pm.strategies(), pm.rollups())
        except InputError as exc:
            found = Definitions((), (), (exc,))
        cache[key] = found
    return found


def file_calls(pm: IndikatorPluginManager, kind: str) -> list[tuple[str, Callable[[], Any]]]:
    """One ``(plugin name, call)`` per plugin implementing the hook, for ``kind``.

    ``kind`` is ``"indicators"`` or ``"programmes"`` (other kinds get none). A call
    returns that kind's records from the plugin's files, or raises
    :class:`ProgrammeFileError` listing every problem in them.
    """
    if kind not in ("indicators", "programmes"):
        return []
    hook = getattr(pm.hook, HOOK, None)
    if hook is None:  # pragma: no cover - the spec is always added
        return []
    calls: list[tuple[str, Callable[[], Any]]] = []
    for impl in hook.get_hookimpls():
        def call(name: str = impl.plugin_name, fn: Callable[[], Any] = impl.function) -> Any:
            defs = _definitions(pm, name, fn)
            if defs.problems:
                shown = "; ".join(str(p) for p in defs.problems)
                raise ProgrammeFileError(f"its programme files have {len(defs.problems)} "
                                            f"problem(s): {shown}")
            return list(defs.indicators if kind == "indicators" else defs.programmes)
        calls.append((impl.plugin_name, call))
    return calls
