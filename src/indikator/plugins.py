"""The plugin host: builds plugin managers, validates what plugins provide, lists plugins.

Nothing is built at import time. :func:`new_plugin_manager` builds a fresh manager (for
tests and embedding); :func:`get_plugin_manager` caches one for applications. A manager

1. adds the hook specifications of :mod:`indikator.hookspecs`;
2. blocks the plugins named in ``INDIKATOR_DISABLE_PLUGINS`` (comma-separated) and in
   ``blocked``;
3. registers the built-in strategies and roll-ups (:mod:`indikator.builtins`, plugin
   name ``indikator``) through the same hooks as everyone else;
4. loads the entry points of group ``indikator`` one at a time, unless ``autoload`` is
   false or ``INDIKATOR_DISABLE_PLUGIN_AUTOLOAD=1``; a plugin that fails to import or
   register is reported and skipped;
5. checks that every hook implementation matches a specification.

Every hook result goes through one validation function: implementations are called one
at a time so each result is attributed to its plugin; a result must be a sequence of the
hook's record type; ids must be unique among all plugins. A plugin that raises inside a
hook, returns the wrong type or repeats an id another plugin provides is reported
(``error while loading indikator plugin NAME: ...``) and its contribution to that hook is
skipped, while the others keep working; every problem is reported, and ``indikator
plugins`` lists a skipped hook as skipped, not as provided. In strict mode
(``strict=True`` or ``INDIKATOR_STRICT_PLUGINS=1``) problems raise :class:`PluginError`
instead, naming every problem found (and never saying "skipped": nothing is): use it in
a plugin's own CI.

Other tools use the functions below: :func:`list_plugins`, :func:`list_indicators`,
:func:`get_indicator`, :func:`get_strategy`, :func:`get_rollup`, :func:`get_programme`
and friends, each result carrying the plugin that provides it.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import textwrap
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, TypeVar

import attrs
import pluggy

from indikator.errors import InputError, PluginError, escape_controls
from indikator.model import Indicator, Label, Programme
from indikator.provides import (
    DatasetReader,
    ProgrammeFiles,
    ProgrammeSpec,
    RollUpType,
    StrategyType,
    UnitDefinitions,
)

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = [
    "BUILTINS_NAME",
    "ENTRY_POINT_GROUP",
    "ENV_DISABLE_AUTOLOAD",
    "ENV_DISABLE_PLUGINS",
    "ENV_STRICT",
    "KINDS",
    "IndikatorPluginManager",
    "Kind",
    "PluginInfo",
    "Problem",
    "Provided",
    "apply_units",
    "format_plugins_table",
    "get_indicator",
    "get_plugin_manager",
    "get_programme",
    "get_programme_spec",
    "get_rollup",
    "get_strategy",
    "list_indicators",
    "list_plugins",
    "list_programmes",
    "list_rollups",
    "list_strategies",
    "list_units",
    "new_plugin_manager",
    "plugin_problems",
    "plugins_as_json",
    "reset_plugin_manager",
    "strict_error",
    "using_plugin_manager",
]

PROJECT_NAME: Final = "indikator"
"""The pluggy project name (the marker's name)."""
ENTRY_POINT_GROUP: Final = "indikator"
"""The entry-point group plugins register under."""
BUILTINS_NAME: Final = "indikator"
"""The plugin name of the built-in strategies and roll-ups."""
ENV_DISABLE_PLUGINS: Final = "INDIKATOR_DISABLE_PLUGINS"
"""Environment variable: comma-separated names of plugins to block."""
ENV_DISABLE_AUTOLOAD: Final = "INDIKATOR_DISABLE_PLUGIN_AUTOLOAD"
"""Environment variable: ``1`` loads no entry points (built-ins only)."""
ENV_STRICT: Final = "INDIKATOR_STRICT_PLUGINS"
"""Environment variable: ``1`` makes any plugin problem raise :class:`PluginError`."""

Kind = Literal["units", "strategies", "rollups", "indicators", "programmes"]
"""What a plugin can provide; one hook each."""
KINDS: Final[tuple[Kind, ...]] = ("units", "strategies", "rollups", "indicators", "programmes")
"""Every kind, in the order the host asks for them."""

_KIND_LABELS: Final[Mapping[str, Label]] = {
    "units": Label("enheter", "units"),
    "strategies": Label("strategier", "strategies"),
    "rollups": Label("sammanvägningar", "roll-ups"),
    "indicators": Label("indikatorer", "indicators"),
    "programmes": Label("program", "programmes"),
    "dataset_readers": Label("läsare av datamappar", "dataset readers"),
}
_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")
_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})

T = TypeVar("T")


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().casefold() in _TRUE_WORDS


def _env_names(name: str) -> list[str]:
    return [n.strip() for n in os.environ.get(name, "").split(",") if n.strip()]


@attrs.frozen
class Provided(Generic[T]):
    """One thing a plugin provides, with the plugin that provides it.

    Attributes:
        id: The thing's id (for units: the defined name).
        item: The thing: a record from :mod:`indikator.provides`, an
            :class:`~indikator.Indicator`, or (for units) the pint definition line.
        plugin: The name of the plugin that provides it.
        kind: What kind of thing it is.
    """

    id: str
    item: T
    plugin: str
    kind: Kind


@attrs.frozen
class Problem:
    """A problem with one plugin: it failed to load, raised in a hook or gave bad results.

    Attributes:
        plugin: The plugin's name.
        message: What is wrong (without what the host did about it).
        consequence: What the host skipped because of it, e.g. ``"its indicators are
            skipped"`` (empty if nothing); strict mode fails instead, so its errors leave
            this out.
        kind: The kind whose contribution was skipped, if the problem is in a hook.
    """

    plugin: str
    message: str
    consequence: str = ""
    kind: Kind | None = None

    @property
    def text(self) -> str:
        """The message followed by its consequence, as listings show it."""
        return f"{self.message}; {self.consequence}" if self.consequence else self.message

    def __str__(self) -> str:
        return escape_controls(f"error while loading indikator plugin {self.plugin}: {self.text}")


@attrs.frozen
class PluginInfo:
    """A registered plugin as ``indikator plugins`` lists it.

    Attributes:
        name: The plugin's name (its entry-point name, or ``indikator`` for built-ins).
        version: The version of the distribution it comes from, if known.
        distribution: The name of that distribution, if known.
        hooks: The hooks it implements, sorted.
        provides: For each kind it provides, the ids it provides (sorted).
        problems: The problems found with it, every one (with what was skipped).
        skipped: The kinds whose hook results were skipped because of a problem.
        loaded: Whether it is registered; ``False`` for a plugin that failed to import
            or register, listed so that it does not vanish (its problems say why).
    """

    name: str
    version: str | None
    distribution: str | None
    hooks: tuple[str, ...]
    provides: Mapping[str, tuple[str, ...]]
    problems: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    loaded: bool = True


@attrs.frozen
class _KindSpec:
    kind: Kind
    type: type
    singular: str
    entries: Callable[[Any], list[tuple[str, Any]]]

    @property
    def hook(self) -> str:
        return f"indikator_{self.kind}"

    @property
    def type_name(self) -> str:
        return self.type.__name__


def _unit_entries(record: UnitDefinitions) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for line in record.definitions:
        text = str(line).strip()
        if not text:
            continue
        if text.startswith("@label"):
            name = "@label " + " ".join(text[len("@label"):].rpartition("=")[0].split())
        else:
            name = text if text.startswith("@") else text.split("=", 1)[0].strip()
        out.append((name, text))
    return out


def _id_entries(record: Any) -> list[tuple[str, Any]]:
    ident = record.id
    if not isinstance(ident, str) or not _ID.match(ident):
        raise ValueError(
            f"the id {ident!r} is not valid (lower-case letters, digits, '-', '_' or '.')"
        )
    return [(ident, record)]


def _callable_factory(record: Any) -> list[tuple[str, Any]]:
    if not callable(record.factory):
        raise ValueError(f"the factory of {record.id!r} is not callable: {record.factory!r}")
    return _id_entries(record)


_SPECS: Final[Mapping[Kind, _KindSpec]] = {
    spec.kind: spec
    for spec in (
        _KindSpec("units", UnitDefinitions, "unit", _unit_entries),
        _KindSpec("strategies", StrategyType, "strategy", _callable_factory),
        _KindSpec("rollups", RollUpType, "roll-up", _callable_factory),
        _KindSpec("indicators", Indicator, "indicator", _id_entries),
        _KindSpec("programmes", ProgrammeSpec, "programme", _id_entries),
    )
}


@attrs.frozen
class _Collected:
    items: Mapping[str, Provided[Any]]
    problems: tuple[Problem, ...]


class IndikatorPluginManager(pluggy.PluginManager):
    """A pluggy plugin manager for indikator with a typed, validated view of its hooks.

    Build it with :func:`new_plugin_manager`. Use the methods :meth:`strategies`,
    :meth:`rollups`, :meth:`indicators`, :meth:`programmes` and :meth:`units` instead of
    ``pm.hook``: they return validated results keyed and sorted by id, each attributed
    to its plugin, and are recomputed only when plugins are registered or removed.

    Attributes:
        strict: Whether a plugin problem raises :class:`PluginError` instead of being
            reported and skipped.
    """

    def __init__(self, *, strict: bool = False) -> None:
        super().__init__(PROJECT_NAME)
        from indikator import hookspecs

        self.add_hookspecs(hookspecs)
        self.strict = strict
        self._load_problems: list[Problem] = []
        self._unit_problems: list[Problem] = []
        self._dists: dict[str, tuple[str | None, str | None]] = {}
        self._key: tuple[tuple[str, int], ...] | None = None
        self._cache: dict[Kind, _Collected] = {}
        self._file_cache: dict[Any, Any] = {}  # programme files read, by plugin
        self._lock = threading.RLock()

    # -- problems ---------------------------------------------------------------------

    def report(
        self, plugin: str, message: str, *, consequence: str = "", raise_error: bool = False
    ) -> None:
        """Record a problem with ``plugin``; in strict mode raise it as a PluginError.

        Args:
            plugin: The plugin's name.
            message: What is wrong.
            consequence: What is skipped because of it (left out when raising).
            raise_error: Raise even when not in strict mode.
        """
        if self.strict or raise_error:
            raise PluginError(plugin, message)
        self._load_problems.append(Problem(plugin, message, consequence))

    def problems(self) -> list[Problem]:
        """Every problem found so far, after validating every hook's results."""
        self.apply_units()  # before any hook builds records that parse units
        for kind in KINDS:
            self._collected(kind)
        seen: dict[Problem, None] = {}
        for p in self._load_problems:
            seen.setdefault(p)
        for kind in KINDS:
            for p in self._collected(kind).problems:
                seen.setdefault(p)
        for p in self._unit_problems:
            seen.setdefault(p)
        return list(seen)

    # -- registration -----------------------------------------------------------------

    def add_plugin(
        self,
        plugin: object,
        name: str | None = None,
        *,
        distribution: str | None = None,
        version: str | None = None,
        raise_errors: bool = False,
    ) -> str | None:
        """Register ``plugin`` safely: a failure is reported and leaves no trace.

        Checks that every hook it implements exists (a misspelt hook name is an error).

        Args:
            plugin: A module or object with :data:`indikator.hookimpl` functions.
            name: The name to register it under (its canonical name by default).
            distribution: The distribution it comes from, for listings.
            version: That distribution's version, for listings.
            raise_errors: Raise :class:`PluginError` on failure, as in strict mode.

        Returns:
            The name it is registered under; ``None`` if it is blocked or failed.
        """
        shown = name or self.get_canonical_name(plugin)
        try:
            registered = self.register(plugin, name=name)
        except Exception as exc:
            self._undo(plugin, shown)
            self.report(shown, f"cannot register it: {_describe(exc)}", raise_error=raise_errors)
            return None
        if registered is None:
            return None
        unknown = sorted(
            caller.name
            for caller in self.get_hookcallers(plugin) or []
            if not caller.has_spec()
            and any(
                impl.plugin is plugin and not impl.optionalhook
                for impl in caller.get_hookimpls()
            )
        )
        if unknown:
            self._undo(plugin, registered)
            known = ", ".join(_SPECS[k].hook for k in KINDS)
            self.report(
                registered,
                f"implements unknown hook(s) {', '.join(unknown)} (the hooks are {known})",
                raise_error=raise_errors,
            )
            return None
        if distribution is not None or version is not None:
            self._dists[registered] = (distribution, version)
        self._units_now()
        return registered

    def _units_now(self) -> None:
        """Apply plugin units as soon as a plugin is registered (before anything parses)."""
        with suppress(PluginError):  # strict mode: raised again where problems are listed
            self.apply_units()

    def _undo(self, plugin: object, name: str) -> None:
        try:
            if self.is_registered(plugin) or self.get_plugin(name) is plugin:
                self.unregister(plugin=plugin, name=name)
        except Exception:  # pragma: no cover - pluggy left nothing to undo
            pass

    def distribution_of(self, name: str) -> tuple[str | None, str | None]:
        """The (distribution, version) a registered plugin comes from, if known."""
        return self._dists.get(name, (None, None))

    # -- the typed facade -------------------------------------------------------------

    def programme_files(self) -> list[tuple[str, ProgrammeFiles]]:
        """The programme-file records plugins return, as ``(plugin, record)``.

        Their indicators and programmes are in :meth:`indicators` and
        :meth:`programmes`, attributed to the plugin.
        """
        out: list[tuple[str, ProgrammeFiles]] = []
        for impl in self.hook.indikator_programme_files.get_hookimpls():
            try:
                found = list(impl.function() or [])  # type: ignore[call-overload]
            except Exception:  # reported when its files are read
                continue
            out += [(impl.plugin_name, r) for r in found if isinstance(r, ProgrammeFiles)]
        return out

    def dataset_readers(self) -> list[tuple[str, DatasetReader]]:
        """The dataset readers plugins return, as ``(plugin, record)``, sorted by id.

        A hook that raises, and anything that is not a
        :class:`~indikator.provides.DatasetReader`, is left out (a strict manager raises
        :class:`PluginError` naming the plugin).
        """
        out: list[tuple[str, DatasetReader]] = []
        for impl in self.hook.indikator_dataset_readers.get_hookimpls():
            try:
                found = list(impl.function() or [])  # type: ignore[call-overload]
                bad = [r for r in found if not isinstance(r, DatasetReader)]
                if bad:
                    raise TypeError(f"returned {bad[0]!r}, not a DatasetReader")
            except Exception as exc:
                if self.strict:
                    raise PluginError(impl.plugin_name, "indikator_dataset_readers() "
                                      f"raised {_describe(exc)}") from None
                continue
            out += [(impl.plugin_name, r) for r in found]
        return sorted(out, key=lambda item: item[1].id)

    def units(self) -> Mapping[str, Provided[str]]:
        """Unit definitions by defined name (the items are pint definition lines)."""
        return self._collected("units").items

    def strategies(self) -> Mapping[str, Provided[StrategyType]]:
        """Kinds of assessment strategy by id."""
        return self._collected("strategies").items

    def rollups(self) -> Mapping[str, Provided[RollUpType]]:
        """Kinds of roll-up rule by id."""
        return self._collected("rollups").items

    def indicators(self) -> Mapping[str, Provided[Indicator]]:
        """Indicators by id (plugins' units are applied first)."""
        self.apply_units()
        return self._collected("indicators").items

    def programmes(self) -> Mapping[str, Provided[ProgrammeSpec]]:
        """Programme specifications by id."""
        self.apply_units()
        return self._collected("programmes").items

    def apply_units(self) -> list[str]:
        """Add the plugins' unit definitions to the unit registry (once each).

        Returns:
            The names defined by this call (empty if all were defined before).
        """
        units = self.units()
        if not units:
            return []
        defined, problems = _define_units(units.values())
        with self._lock:
            for p in problems:
                if p not in self._unit_problems:
                    if self.strict:
                        raise PluginError(p.plugin, p.message)
                    self._unit_problems.append(p)
        return defined

    def _collected(self, kind: Kind) -> _Collected:
        key = tuple((name, id(plugin)) for name, plugin in self.list_name_plugin() if plugin)
        with self._lock:
            if key != self._key:
                self._cache.clear()
                self._file_cache.clear()
                self._key = key
            found = self._cache.get(kind)
            if found is None:
                found = _validate(self, _SPECS[kind])
                self._cache[kind] = found
            return found


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _validate(
    pm: IndikatorPluginManager, spec: _KindSpec, kwargs: Mapping[str, object] | None = None
) -> _Collected:
    """The one validation of a hook's results (see the module docstring).

    ``kwargs`` are the hook's arguments (none yet; specs evolve by adding arguments,
    and each implementation receives only those it names).
    """
    given = {} if kwargs is None else kwargs
    accepted: dict[str, Provided[Any]] = {}
    problems: list[Problem] = []

    skipped = f"its {spec.kind} are skipped"

    def problem(plugin: str, message: str) -> None:
        problems.append(Problem(plugin, message, skipped, spec.kind))

    from indikator.programme_file.host import ProgrammeFileError, file_calls

    hook = getattr(pm.hook, spec.hook)
    calls: list[tuple[str, Callable[[], object]]] = [
        (impl.plugin_name,
         functools.partial(impl.function, **{arg: given[arg] for arg in impl.argnames}))
        for impl in hook.get_hookimpls()
        if not (impl.hookwrapper or impl.wrapper)
    ]
    results: list[tuple[str, list[tuple[str, Any]]]] = []
    for name, call in [*calls, *file_calls(pm, spec.kind)]:  # files: indicators, programmes
        try:
            result = call()
            entries = _entries(result, spec)
        except _WrongTypeError as exc:
            problem(name, f"{spec.hook}() {exc}")
            continue
        except ProgrammeFileError as exc:
            problem(name, str(exc))
            continue
        except Exception as exc:
            problem(name, f"{spec.hook}() raised {_describe(exc)}")
            continue
        results.append((name, entries))
    # An id two plugins provide is refused in both (neither may knock the other's out),
    # naming both; everything else of theirs is kept. The built-ins keep their own ids.
    owners: dict[str, list[str]] = {}
    for name, entries in results:
        for ident in dict.fromkeys(i for i, _item in entries):
            owners.setdefault(ident, []).append(name)
    for name, entries in results:
        clashes: list[str] = []
        bad: set[str] = set()
        mine: set[str] = set()
        for ident, _item in entries:
            others = [o for o in owners[ident] if o != name]
            if ident in mine:
                clashes.append(f"{spec.singular} {ident!r} is provided twice")
                bad.add(ident)
            elif BUILTINS_NAME in others:
                clashes.append(f"{spec.singular} {ident!r} is already provided by plugin "
                               f"{BUILTINS_NAME!r}")
                bad.add(ident)
            elif others and name != BUILTINS_NAME:
                clashes.append(f"{spec.singular} {ident!r} is also provided by plugin"
                               f"{'s' if len(others) > 1 else ''} "
                               f"{', '.join(map(repr, others))}")
                bad.add(ident)
            mine.add(ident)
        if clashes:
            problems.append(Problem(
                name, f"{'; '.join(clashes)} (ids must be unique among all plugins)",
                f"{'that id is' if len(bad) == 1 else 'those ids are'} skipped, the rest of "
                f"its {spec.kind} kept"))
        for ident, item in entries:
            if ident not in bad:
                accepted[ident] = Provided(ident, item, name, spec.kind)
    if pm.strict and problems:
        raise strict_error(problems)
    return _Collected(dict(sorted(accepted.items())), tuple(problems))


def strict_error(problems: Sequence[Problem]) -> PluginError:
    """One :class:`PluginError` naming every problem, for strict mode.

    The error's plugin is the first one at fault; the problems of the others follow,
    each with its plugin's name. Consequences ("... are skipped") are left out: in
    strict mode nothing is skipped, the whole run fails.
    """
    by_plugin: dict[str, list[str]] = {}
    for p in problems:
        messages = by_plugin.setdefault(p.plugin, [])
        if p.message not in messages:
            messages.append(p.message)
    (first, messages), *others = by_plugin.items()
    text = "; ".join(messages)
    for plugin, more in others:
        text += f"; also plugin {plugin!r}: " + "; ".join(more)
    return PluginError(first, text)


class _WrongTypeError(Exception):
    pass


def _entries(result: object, spec: _KindSpec) -> list[tuple[str, Any]]:
    if result is None:
        return []
    if isinstance(result, (str, bytes, Mapping)) or not isinstance(result, Iterable):
        raise _WrongTypeError(
            f"returned {type(result).__name__}, expected a list of {spec.type_name}"
        )
    out: list[tuple[str, Any]] = []
    for position, item in enumerate(result):
        if not isinstance(item, spec.type):
            raise _WrongTypeError(
                f"returned a {type(item).__name__} at position {position}, expected "
                f"{spec.type_name}"
            )
        try:
            out.extend(spec.entries(item))
        except Exception as exc:
            raise _WrongTypeError(f"returned an invalid {spec.type_name}: {exc}") from None
    return out


# -- units ----------------------------------------------------------------------------

def _define_units(entries: Iterable[Provided[str]]) -> tuple[list[str], list[Problem]]:
    from indikator.units import define_plugin_line

    defined: list[str] = []
    problems: list[Problem] = []
    for entry in entries:
        new, problem = define_plugin_line(entry.id, entry.item, entry.plugin)
        if new:
            defined.append(entry.id)
        if problem is not None:
            problems.append(Problem(entry.plugin, problem))
    return defined, problems


# -- building managers ----------------------------------------------------------------


def _entry_points() -> list[EntryPoint]:
    import importlib.metadata  # only when autoloading: it costs ~15 ms to import

    seen: set[tuple[str, str]] = set()
    out: list[EntryPoint] = []
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if (ep.name, ep.value) not in seen:
            seen.add((ep.name, ep.value))
            out.append(ep)
    return sorted(out, key=lambda ep: (ep.name, ep.value))


SLOW_IMPORT_SECONDS = 1.0
"""After this long importing one plugin, stderr says which plugin is loading."""


def _say_loading(name: str, value: str) -> None:
    import sys

    print(f"indikator: loading plugin {name} ({value}) is taking a while ...", file=sys.stderr,
          flush=True)


@contextmanager
def _saying_if_slow(name: str, value: str) -> Iterator[None]:
    """Say on stderr which plugin is loading when its import takes over a second."""
    timer = threading.Timer(SLOW_IMPORT_SECONDS, _say_loading, (name, value))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


class _UnitsChangedError(Exception):
    pass


def _unit_snapshot() -> dict[str, object] | None:
    """The unit registry's definitions by name (``None`` while it is not built yet)."""
    from indikator.units import _registry

    reg = _registry._registry
    if reg is None:
        return None
    return dict(getattr(reg, "_units", {}))


class _Redefinitions(logging.Handler):
    """Collects pint's ``Redefining 'x'`` warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.names: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        found = re.match(r"Redefining '([^']*)'", record.getMessage())
        if found:
            self.names.append(found.group(1))


@contextmanager
def _units_untouched(name: str, value: str) -> Iterator[None]:
    """Refuse a plugin whose import redefines units of the shared registry.

    Units come from the ``indikator_units`` hook, which refuses a name that exists; code
    run at import could redefine ``kWh`` for everyone. pint says so in a warning (caught
    here, also when the import builds the registry); in a registry built before the
    import, a definition replaced or added is seen by comparing. The changed registry is
    thrown away, so the next use builds a clean one, and :class:`_UnitsChangedError`
    names the units.
    """
    before = _unit_snapshot()
    caught = _Redefinitions()
    logger = logging.getLogger("pint")
    level = logger.level
    logger.addHandler(caught)
    if level == logging.NOTSET or level > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.removeHandler(caught)
        logger.setLevel(level)
    after = _unit_snapshot() or {}
    changed = dict.fromkeys(caught.names)
    if before is not None:  # replaced, or defined anew (pint's own prefixed forms have no raw)
        for key, definition in after.items():
            if (key in before and definition != before[key]) or (
                    key not in before and isinstance(getattr(definition, "raw", None), str)):
                changed.setdefault(key)
    if not changed:
        return
    _reset_units()
    names = list(changed)
    shown = ", ".join(map(repr, names[:5])) + (" and more" if len(names) > 5 else "")
    raise _UnitsChangedError(
        f"importing {value} redefined shared units ({shown}); define units with the "
        "indikator_units hook, which refuses a name that exists")


def _reset_units() -> None:
    """Forget the unit registry and everything parsed with it (it is rebuilt on use)."""
    from indikator.units import reset_units

    reset_units()


def _load_entry_points(pm: IndikatorPluginManager) -> None:
    for ep in _entry_points():
        if pm.is_blocked(ep.name):
            continue
        dist = ep.dist
        dist_name = None if dist is None else dist.metadata["Name"]
        version = None if dist is None else dist.version
        if pm.has_plugin(ep.name):
            pm.report(
                ep.name,
                "another plugin is already registered under this name",
                consequence=(
                    f"{ep.value} (from {dist_name or 'an unknown distribution'}) is skipped"
                ),
            )
            continue
        pm._dists.setdefault(ep.name, (dist_name, version))  # listed even if it fails
        try:
            with _saying_if_slow(ep.name, ep.value), _units_untouched(ep.name, ep.value):
                plugin = ep.load()
        except _UnitsChangedError as exc:
            pm.report(ep.name, str(exc), consequence="the plugin is not loaded")
            continue
        except Exception as exc:
            pm.report(ep.name, f"cannot import {ep.value}: {_describe(exc)}")
            continue
        pm.add_plugin(plugin, ep.name, distribution=dist_name, version=version)


def new_plugin_manager(
    *,
    strict: bool = False,
    autoload: bool = True,
    blocked: Iterable[str] = (),
    builtins: bool = True,
) -> IndikatorPluginManager:
    """Build a fresh plugin manager (see the module docstring for the steps).

    Args:
        strict: Raise :class:`PluginError` naming every plugin problem instead of
            reporting them and skipping what is broken (also
            ``INDIKATOR_STRICT_PLUGINS=1``). A strict manager validates every hook at once.
        autoload: Load the entry points of group ``indikator`` (turned off by
            ``INDIKATOR_DISABLE_PLUGIN_AUTOLOAD=1``).
        blocked: Names of plugins not to register, added to those in
            ``INDIKATOR_DISABLE_PLUGINS``.
        builtins: Register the built-in strategies and roll-ups (plugin ``indikator``).

    Raises:
        PluginError: In strict mode, a plugin failed.
    """
    strict = strict or _env_true(ENV_STRICT)
    # Build leniently, so that strict mode can name every problem at once.
    pm = IndikatorPluginManager(strict=False)
    for name in [*_env_names(ENV_DISABLE_PLUGINS), *blocked]:
        pm.set_blocked(name)
    if builtins:
        from indikator import builtins as builtin_plugin
        from indikator._version import DISTRIBUTION, __version__

        pm.add_plugin(
            builtin_plugin, BUILTINS_NAME, distribution=DISTRIBUTION, version=__version__
        )
    if autoload and not _env_true(ENV_DISABLE_AUTOLOAD):
        _load_entry_points(pm)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:  # pragma: no cover - add_plugin checks
        pm.report(pm.get_name(exc.plugin) or "?", str(exc))
    if strict:
        found = pm.problems()
        if found:
            raise strict_error(found)
        pm.strict = True
    return pm


_default_lock = threading.Lock()
_defaults: dict[bool, IndikatorPluginManager] = {}
_override: list[IndikatorPluginManager] = []


def get_plugin_manager(strict: bool = False) -> IndikatorPluginManager:
    """The application's plugin manager: built on first call, then cached.

    Environment variables are read when it is built. Inside :func:`using_plugin_manager`
    the manager given there is returned instead.

    Raises:
        PluginError: In strict mode, a plugin failed.
    """
    if _override:
        return _override[-1]
    strict = strict or _env_true(ENV_STRICT)
    with _default_lock:
        pm = _defaults.get(strict)
        if pm is None:
            pm = new_plugin_manager(strict=strict)
            _defaults[strict] = pm
        return pm


def reset_plugin_manager() -> None:
    """Forget the cached application managers (the next call builds new ones)."""
    with _default_lock:
        _defaults.clear()


@contextmanager
def using_plugin_manager(pm: IndikatorPluginManager) -> Iterator[IndikatorPluginManager]:
    """Make :func:`get_plugin_manager` return ``pm`` inside the ``with`` block."""
    _override.append(pm)
    try:
        yield pm
    finally:
        _override.remove(pm)


# -- listing ----------------------------------------------------------------------------


def _pm(pm: IndikatorPluginManager | None) -> IndikatorPluginManager:
    return get_plugin_manager() if pm is None else pm


def plugin_problems(pm: IndikatorPluginManager | None = None) -> list[str]:
    """Every problem with the plugins of ``pm``, one message each (empty if none)."""
    return [str(p) for p in _pm(pm).problems()]


def list_plugins(pm: IndikatorPluginManager | None = None) -> list[PluginInfo]:
    """The registered plugins, sorted by name, with what each provides."""
    pm = _pm(pm)
    problems = pm.problems()
    by_kind = {kind: pm._collected(kind).items for kind in KINDS}
    readers: dict[str, list[str]] = {}
    for plugin_name, reader in pm.dataset_readers():
        readers.setdefault(plugin_name, []).append(reader.id)
    infos: list[PluginInfo] = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        hooks = sorted({c.name for c in pm.get_hookcallers(plugin) or []})
        provides: dict[str, tuple[str, ...]] = {
            kind: ids
            for kind in KINDS
            if (ids := tuple(i for i, p in by_kind[kind].items() if p.plugin == name))
        }
        if readers.get(name):
            provides["dataset_readers"] = tuple(readers[name])
        dist, version = pm.distribution_of(name)
        mine = [p for p in problems if p.plugin == name]
        infos.append(
            PluginInfo(
                name=name,
                version=version,
                distribution=dist,
                hooks=tuple(hooks),
                provides=provides,
                problems=tuple(p.text for p in mine),
                skipped=tuple(k for k in KINDS if any(p.kind == k for p in mine)),
            )
        )
    listed = {info.name for info in infos}
    for name in dict.fromkeys(p.plugin for p in problems):  # failed to import or register
        if name in listed or pm.is_blocked(name):
            continue
        dist, version = pm.distribution_of(name)
        infos.append(PluginInfo(name=name, version=version, distribution=dist, hooks=(),
                                provides={}, loaded=False,
                                problems=tuple(p.text for p in problems if p.plugin == name)))
    return sorted(infos, key=lambda info: info.name)


def plugins_as_json(infos: Sequence[PluginInfo]) -> list[dict[str, Any]]:
    """Plugin records as JSON-ready dicts (the ``indikator plugins --json`` output)."""
    return [
        {
            "name": info.name,
            "version": info.version,
            "distribution": info.distribution,
            "hooks": list(info.hooks),
            "provides": {kind: list(ids) for kind, ids in info.provides.items()},
            "problems": list(info.problems),
            "skipped": list(info.skipped),
            "loaded": info.loaded,
        }
        for info in infos
    ]


def format_plugins_table(infos: Sequence[PluginInfo], *, width: int = 100) -> str:
    """Plugin records as a plain-text table: name, version, hooks, then what each provides.

    The hooks column lists only hooks whose results were accepted; a hook skipped because
    of a problem is listed on a line of its own, and every problem on one line each.
    Labels are in Swedish with English beside them.
    """
    if not infos:
        return "Inga tillägg är installerade (no plugins installed)."
    head = ("Tillägg (plugin)", "Version", "Krokar (hooks)")
    rows = [
        (
            info.name,
            info.version or "-",
            ", ".join(
                short
                for h in info.hooks
                if (short := h.removeprefix("indikator_")) not in info.skipped
            )
            or "-",
        )
        for info in infos
    ]
    w0 = max(len(head[0]), *(len(r[0]) for r in rows))
    w1 = max(len(head[1]), *(len(r[1]) for r in rows))
    lines = [
        f"{head[0]:<{w0}}  {head[1]:<{w1}}  {head[2]}",
        f"{'-' * w0}  {'-' * w1}  {'-' * len(head[2])}",
    ]
    for info, row in zip(infos, rows, strict=True):
        lines.append(f"{row[0]:<{w0}}  {row[1]:<{w1}}  {row[2]}")
        if not info.loaded:
            lines.append("    ! laddades inte (not loaded)")
        for kind, ids in info.provides.items():
            label = _KIND_LABELS.get(kind, Label(kind))
            lines.append(
                textwrap.fill(
                    ", ".join(ids),
                    width=width,
                    initial_indent=f"    {label.sv} ({label.en}): ",
                    subsequent_indent="        ",
                    break_on_hyphens=False,
                )
            )
        if info.skipped:
            lines.append(
                textwrap.fill(
                    ", ".join(info.skipped),
                    width=width,
                    initial_indent="    ! hoppades över (skipped): ",
                    subsequent_indent="        ",
                )
            )
        for message in info.problems:
            lines.append(
                textwrap.fill(
                    message,
                    width=width,
                    initial_indent="    ! fel (error): ",
                    subsequent_indent="        ",
                )
            )
    return escape_controls("\n".join(lines), keep="\n")


# -- the Python API for other tools ------------------------------------------------------


def _listing(ids: Iterable[str], limit: int = 30) -> str:
    shown = list(ids)
    if not shown:
        return "none installed"
    more = len(shown) - limit
    return ", ".join(shown[:limit]) + (f" and {more} more" if more > 0 else "")


def _get(found: Mapping[str, Provided[T]], kind: Kind, ident: str,
         pm: IndikatorPluginManager | None = None) -> Provided[T]:
    item = found.get(ident)
    if item is None:
        spec = _SPECS[kind]
        raise InputError(
            f"unknown {spec.singular} {ident!r}; known {kind}: {_listing(found)}"
            f"{_broken_note(pm, kind, ident)}",
            field=spec.singular,
        )
    return item


def _broken_note(pm: IndikatorPluginManager | None, kind: Kind, ident: str) -> str:
    """The plugins that may have provided ``ident``, had they not failed (or ``""``).

    Those that failed to load, whose ``kind`` hook was skipped, or that were refused
    ``ident`` itself (given by two plugins): the cause, in the same message as the symptom.
    """
    if pm is None:
        return ""
    registered = {name for name, plugin in pm.list_name_plugin() if plugin is not None}
    causes: dict[str, str] = {}
    for p in pm.problems():
        if (p.plugin not in registered or p.kind == kind
                or f"{_SPECS[kind].singular} {ident!r} " in p.message):
            causes.setdefault(p.plugin, p.message)
    if not causes:
        return ""
    listed = "; ".join(f"plugin {name!r}: {message}" for name, message in causes.items())
    return f" (a broken plugin may be why: {listed})"


def list_units(pm: IndikatorPluginManager | None = None) -> list[Provided[str]]:
    """Unit definitions from plugins, sorted by defined name."""
    return list(_pm(pm).units().values())


def apply_units(pm: IndikatorPluginManager | None = None) -> list[str]:
    """Add plugins' unit definitions to :func:`indikator.units.get_registry` (idempotent).

    Returns:
        The names this call defined.
    """
    return _pm(pm).apply_units()


def list_strategies(pm: IndikatorPluginManager | None = None) -> list[Provided[StrategyType]]:
    """Kinds of assessment strategy, sorted by id, each with its plugin."""
    return list(_pm(pm).strategies().values())


def get_strategy(
    strategy_id: str, pm: IndikatorPluginManager | None = None
) -> Provided[StrategyType]:
    """The kind of strategy with this id.

    Raises:
        InputError: No plugin provides it (the message lists the known ids).
    """
    manager = _pm(pm)
    return _get(manager.strategies(), "strategies", strategy_id, manager)


def list_rollups(pm: IndikatorPluginManager | None = None) -> list[Provided[RollUpType]]:
    """Kinds of roll-up rule, sorted by id, each with its plugin."""
    return list(_pm(pm).rollups().values())


def get_rollup(rollup_id: str, pm: IndikatorPluginManager | None = None) -> Provided[RollUpType]:
    """The kind of roll-up rule with this id.

    Raises:
        InputError: No plugin provides it (the message lists the known ids).
    """
    manager = _pm(pm)
    return _get(manager.rollups(), "rollups", rollup_id, manager)


def list_indicators(pm: IndikatorPluginManager | None = None) -> list[Provided[Indicator]]:
    """Indicators, sorted by id, each with its plugin."""
    return list(_pm(pm).indicators().values())


def get_indicator(
    indicator_id: str, pm: IndikatorPluginManager | None = None
) -> Provided[Indicator]:
    """The indicator with this id.

    Raises:
        InputError: No plugin provides it (the message lists the known ids).
    """
    manager = _pm(pm)
    return _get(manager.indicators(), "indicators", indicator_id, manager)


def list_programmes(pm: IndikatorPluginManager | None = None) -> list[Provided[ProgrammeSpec]]:
    """Programme specifications, sorted by id, each with its plugin."""
    return list(_pm(pm).programmes().values())


def get_programme_spec(
    programme_id: str, pm: IndikatorPluginManager | None = None
) -> Provided[ProgrammeSpec]:
    """The programme specification with this id (indicators named by id).

    Raises:
        InputError: No plugin provides it (the message lists the known ids).
    """
    manager = _pm(pm)
    return _get(manager.programmes(), "programmes", programme_id, manager)


def get_programme(programme_id: str, pm: IndikatorPluginManager | None = None) -> Programme:
    """The programme with this id, its goal areas' indicators resolved from all plugins.

    Raises:
        InputError: No plugin provides the programme, or it names an indicator no plugin
            provides (the message names it and lists the known ids), or the resolved
            programme is invalid (an id used twice).
    """
    pm = _pm(pm)
    found = get_programme_spec(programme_id, pm)
    spec = found.item
    indicators = pm.indicators()
    for area in spec.goal_areas:
        missing = [i for i in area.indicators if i not in indicators]
        if missing:
            raise InputError(
                f"programme {spec.id!r} (plugin {found.plugin!r}), goal area {area.id!r}, "
                f"names unknown indicator(s) {', '.join(map(repr, missing))}; "
                f"known indicators: {_listing(indicators)}"
                f"{_broken_note(pm, 'indicators', missing[0])}",
                field="indicators",
            )
    for area in spec.goal_areas:  # an indicator's own code may fail: name it and its plugin
        for ident in area.indicators:
            provided = indicators[ident]
            try:
                list(provided.item.metrics)
            except Exception as exc:
                raise PluginError(provided.plugin, f"indicator {ident!r} (in programme "
                                  f"{spec.id!r}): its metrics raised {_describe(exc)}") from None
    try:
        return spec.resolve({ident: p.item for ident, p in indicators.items()})
    except InputError as exc:
        raise InputError(
            f"programme {spec.id!r} from plugin {found.plugin!r} is invalid: {exc}"
        ) from None
    except Exception as exc:  # a plugin's code failed while the programme was built
        raise PluginError(found.plugin, f"programme {spec.id!r} cannot be built: "
                          f"{_describe(exc)}") from None
