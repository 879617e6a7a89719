"""Pytest fixtures for indikator plugin authors.

Pytest loads this module automatically when indikator is installed (entry point
``pytest11``, plugin name ``indikator``), so the fixtures need no import:

``indikator_pm``
    A fresh plugin manager with the built-in strategies and roll-ups only (no entry
    points), installed as the application's manager for the test, so code that calls
    :func:`indikator.plugins.get_plugin_manager` (the command line too) sees it.
``indikator_installed_pm``
    A fresh manager with every installed plugin (entry points loaded), likewise
    installed as the application's manager. "My plugin is listed" uses this one.
``register_plugin``
    ``register_plugin(plugin, name=None, pm=None)`` registers a plugin for the rest of
    the test and removes it afterwards. Without ``pm`` it registers in the manager the
    test uses (``indikator_installed_pm`` or ``indikator_pm``).

Example::

    import indikator
    from indikator.plugins import get_indicator

    class MyPlugin:
        @indikator.hookimpl
        def indikator_indicators(self):
            return [...]

    def test_indicator_is_found(register_plugin):
        register_plugin(MyPlugin(), "mine")
        assert get_indicator("my-indicator").plugin == "mine"
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from indikator.errors import PluginError
from indikator.plugins import IndikatorPluginManager, new_plugin_manager, using_plugin_manager

__all__ = ["indikator_installed_pm", "indikator_pm", "register_plugin"]

RegisterPlugin = Callable[..., str]
"""The type of the ``register_plugin`` fixture."""

_ACTIVE = pytest.StashKey[IndikatorPluginManager]()


@pytest.fixture
def indikator_pm(request: pytest.FixtureRequest) -> Iterator[IndikatorPluginManager]:
    """A fresh plugin manager with the built-ins only, used as the application's."""
    pm = new_plugin_manager(autoload=False)
    request.node.stash[_ACTIVE] = pm
    with using_plugin_manager(pm):
        yield pm


@pytest.fixture
def indikator_installed_pm(request: pytest.FixtureRequest) -> Iterator[IndikatorPluginManager]:
    """A fresh plugin manager with every installed plugin, used as the application's."""
    pm = new_plugin_manager(autoload=True)
    request.node.stash[_ACTIVE] = pm
    with using_plugin_manager(pm):
        yield pm


@pytest.fixture
def register_plugin(request: pytest.FixtureRequest) -> Iterator[RegisterPlugin]:
    """Register plugins for the rest of the test: ``register_plugin(plugin, name, pm)``."""
    done: list[tuple[IndikatorPluginManager, str, object]] = []

    def register(
        plugin: object, name: str | None = None, pm: IndikatorPluginManager | None = None
    ) -> str:
        target = pm
        if target is None:
            target = request.node.stash.get(_ACTIVE, None)
        if target is None:
            target = request.getfixturevalue("indikator_pm")
        got = target.add_plugin(plugin, name, raise_errors=True)
        if got is None:
            raise PluginError(
                name or target.get_canonical_name(plugin), "is blocked, so it cannot be registered"
            )
        done.append((target, got, plugin))
        return got

    yield register
    for target, got, plugin in reversed(done):
        if target.get_plugin(got) is plugin:
            target.unregister(name=got)
