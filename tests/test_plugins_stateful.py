"""A model-based test of registering, unregistering and blocking plugins.

The model is a plain dict of registered plugins (in registration order) and a set of
blocked names. From it the test predicts what the host must list: which plugins, which
indicator each provides (an id two plugins provide is refused in both, which are both
reported, and keep their other ids), and which plugins have problems.
"""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import indikator
from indikator import Label, Metric, SimpleIndicator
from indikator.plugins import (
    BUILTINS_NAME,
    list_indicators,
    list_plugins,
    new_plugin_manager,
    plugin_problems,
)
from indikator.strategies import VsBase

NAMES = st.sampled_from(["p0", "p1", "p2", "p3"])
IDS = st.frozensets(st.sampled_from(["t.a", "t.b", "t.c", "t.d"]), max_size=2)

_INDICATORS = {
    ident: SimpleIndicator(
        id=ident,
        name=Label(ident),
        metrics=[Metric(id=f"{ident}-m", name="m", unit="%", strategy=VsBase())],
    )
    for ident in ("t.a", "t.b", "t.c", "t.d")
}


class _Plugin:
    def __init__(self, ids: frozenset[str]) -> None:
        self.ids = ids

    @indikator.hookimpl
    def indikator_indicators(self) -> list[SimpleIndicator]:
        return [_INDICATORS[i] for i in sorted(self.ids)]


class PluginRegistry(RuleBasedStateMachine):
    """The host against a dict model."""

    @initialize()
    def start(self) -> None:
        self.pm = new_plugin_manager(autoload=False)
        self.registered: dict[str, frozenset[str]] = {}
        self.blocked: set[str] = set()

    @rule(name=NAMES, ids=IDS)
    def register(self, name: str, ids: frozenset[str]) -> None:
        got = self.pm.register(_Plugin(ids), name=name) if name not in self.registered else None
        if name in self.blocked or name in self.registered:
            assert got is None
        else:
            assert got == name
            self.registered[name] = ids

    @precondition(lambda self: bool(self.registered))
    @rule(data=st.data())
    def unregister(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.registered)))
        self.pm.unregister(name=name)
        del self.registered[name]

    @rule(name=NAMES)
    def block(self, name: str) -> None:
        self.pm.set_blocked(name)
        self.blocked.add(name)
        self.registered.pop(name, None)

    @rule(name=NAMES)
    def unblock(self, name: str) -> None:
        self.pm.unblock(name)
        self.blocked.discard(name)

    def _expected(self) -> tuple[dict[str, str], set[str]]:
        """Who owns each id, and which plugins have a problem.

        An id two plugins provide belongs to neither and both have a problem; their other
        ids are theirs.
        """
        count: dict[str, int] = {}
        for ids in self.registered.values():
            for ident in ids:
                count[ident] = count.get(ident, 0) + 1
        owner = {i: name for name, ids in self.registered.items() for i in ids if count[i] == 1}
        troubled = {name for name, ids in self.registered.items()
                    if any(count[i] > 1 for i in ids)}
        return owner, troubled

    @invariant()
    def lists_what_the_model_says(self) -> None:
        owner, troubled = self._expected()
        infos = {info.name: info for info in list_plugins(self.pm)}
        assert set(infos) == {BUILTINS_NAME, *self.registered}
        assert {p.id: p.plugin for p in list_indicators(self.pm)} == owner
        for name in self.registered:
            provided = set(infos[name].provides.get("indicators", ()))
            assert provided == {i for i, o in owner.items() if o == name}
            assert bool(infos[name].problems) == (name in troubled)
        problem_plugins = {
            p.removeprefix("error while loading indikator plugin ").split(":")[0]
            for p in plugin_problems(self.pm)
        }
        assert problem_plugins == troubled

    @invariant()
    def blocked_names_are_blocked(self) -> None:
        for name in ("p0", "p1", "p2", "p3"):
            assert self.pm.is_blocked(name) == (name in self.blocked)


PluginRegistry.TestCase.settings = settings(
    max_examples=40, stateful_step_count=12, deadline=None
)
TestPluginRegistry = PluginRegistry.TestCase
