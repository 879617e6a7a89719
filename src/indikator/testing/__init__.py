"""Test helpers for indikator's plugin authors (and indikator's own tests).

* :func:`check_plugin` runs the host's validation on a plugin and returns (or raises)
  its problems: a plugin's second test, after "my plugin is listed".
* :func:`registered` registers a plugin for the length of a ``with`` block.
* pytest fixtures (``indikator_pm``, ``indikator_installed_pm``, ``register_plugin``)
  come from :mod:`indikator.testing.fixtures`, a pytest plugin that pytest loads
  automatically once indikator is installed (entry point ``pytest11``).
* Hypothesis strategies for observations, series, metrics and more live in
  :mod:`indikator.testing.strategies` and are re-exported here on first use
  (``from indikator.testing import observations``); they need ``indikator-core[testing]``.

A plugin's first tests::

    from indikator.plugins import list_plugins
    from indikator.testing import check_plugin
    import my_plugin

    def test_my_plugin_is_listed(indikator_installed_pm):
        names = [info.name for info in list_plugins(indikator_installed_pm)]
        assert "my_plugin" in names

    def test_my_plugin_passes_the_hosts_checks():
        assert check_plugin(my_plugin) == []
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from indikator.errors import InputError, PluginError
from indikator.model import Strategy
from indikator.plugins import IndikatorPluginManager, Problem, new_plugin_manager

__all__ = ["check_plugin", "registered"]


def check_plugin(
    plugin: object,
    *,
    name: str | None = None,
    pm: IndikatorPluginManager | None = None,
    raise_errors: bool = False,
) -> list[str]:
    """Run the host's validation on ``plugin`` and return its problems.

    The plugin is registered in ``pm`` (by default a fresh manager with the built-ins
    only) unless it is already registered there, every hook is validated as the
    application would, and then it is removed again. On top of the host's checks, this
    also reports:

    * a plugin that implements no indikator hook (a missing ``@indikator.hookimpl``);
    * a metric whose strategy is not a :class:`~indikator.Strategy` record;
    * a metric id used by two of the plugin's indicators;
    * a programme that cannot be built (for instance an indicator id no plugin provides).

    Args:
        plugin: The plugin module or object.
        name: The name to register it under (its canonical name by default).
        pm: The manager to check it in; pass one with the other plugins it depends on
            (e.g. the ``indikator_installed_pm`` fixture) if its programme uses their
            indicators.
        raise_errors: Raise a :class:`~indikator.errors.PluginError` listing the problems
            instead of returning them.

    Returns:
        One message per problem (``"error while loading indikator plugin NAME: ..."``);
        empty if the plugin is fine.
    """
    manager = new_plugin_manager(autoload=False) if pm is None else pm
    was_registered = manager.is_registered(plugin)
    if was_registered:
        plugin_name = manager.get_name(plugin) or "?"
    else:
        plugin_name = name or manager.get_canonical_name(plugin)
    strict, manager.strict = manager.strict, False
    try:
        if not was_registered and manager.add_plugin(plugin, plugin_name) is None:
            found = [str(p) for p in manager.problems() if p.plugin == plugin_name]
            return _finish(
                found or [str(Problem(plugin_name, "is blocked"))], plugin_name, raise_errors
            )
        found = [str(p) for p in manager.problems() if p.plugin == plugin_name]
        found += [str(Problem(plugin_name, m)) for m in _deep_checks(manager, plugin_name)]
        return _finish(found, plugin_name, raise_errors)
    finally:
        manager.strict = strict
        if not was_registered and manager.is_registered(plugin):
            manager.unregister(plugin)


def _finish(found: list[str], plugin_name: str, raise_errors: bool) -> list[str]:
    if found and raise_errors:
        raise PluginError(plugin_name, "; ".join(found))
    return found


def _deep_checks(pm: IndikatorPluginManager, plugin_name: str) -> list[str]:
    from indikator.plugins import get_programme

    out: list[str] = []
    plugin = pm.get_plugin(plugin_name)
    hooks = [c.name for c in pm.get_hookcallers(plugin) or []]
    if not hooks:
        out.append(
            "implements no indikator hook (are its functions marked with @indikator.hookimpl?)"
        )
    metric_owner: dict[str, str] = {}
    for ind_id, provided in pm.indicators().items():
        if provided.plugin != plugin_name:
            continue
        for metric in provided.item.metrics:
            if not isinstance(metric.strategy, Strategy):
                out.append(
                    f"indicator {ind_id!r}, metric {metric.id!r}: the strategy "
                    f"{metric.strategy!r} has no 'id' and 'assess(series, period)'"
                )
            if metric.id in metric_owner:
                out.append(
                    f"metric {metric.id!r} is used by indicators {metric_owner[metric.id]!r} "
                    f"and {ind_id!r}"
                )
            metric_owner.setdefault(metric.id, ind_id)
    for prog_id, spec in pm.programmes().items():
        if spec.plugin != plugin_name:
            continue
        try:
            get_programme(prog_id, pm)
        except InputError as exc:
            out.append(str(exc))
    return out


@contextmanager
def registered(
    plugin: object, pm: IndikatorPluginManager, name: str | None = None
) -> Iterator[str]:
    """Register ``plugin`` in ``pm`` for the length of the ``with`` block.

    Yields:
        The name it is registered under.

    Raises:
        PluginError: It cannot be registered (blocked, a name taken, an unknown hook).
    """
    shown = name or pm.get_canonical_name(plugin)
    got = pm.add_plugin(plugin, name, raise_errors=True)
    if got is None:
        raise PluginError(shown, "is blocked, so it cannot be registered")
    try:
        yield got
    finally:
        if pm.get_plugin(got) is plugin:
            pm.unregister(name=got)


_STRATEGIES = "indikator.testing.strategies"


def __getattr__(name: str) -> Any:
    """Re-export the hypothesis strategies of :mod:`indikator.testing.strategies` lazily."""
    if name.startswith("_"):
        raise AttributeError(name)
    try:
        module = importlib.import_module(_STRATEGIES)
    except ModuleNotFoundError as exc:
        if exc.name in (_STRATEGIES, "hypothesis"):
            raise AttributeError(
                f"module 'indikator.testing' has no attribute {name!r}"
                + (" (install indikator-core[testing] for hypothesis)" if exc.name else "")
            ) from None
        raise
    if name in getattr(module, "__all__", ()):
        return getattr(module, name)
    raise AttributeError(f"module 'indikator.testing' has no attribute {name!r}")


def __dir__() -> list[str]:
    names = list(__all__)
    try:
        module = importlib.import_module(_STRATEGIES)
    except ModuleNotFoundError:
        return names
    return sorted({*names, *getattr(module, "__all__", ())})
