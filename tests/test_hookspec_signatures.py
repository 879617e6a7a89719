"""Hook specifications are versioned like names: a hook gains arguments, never loses them.

``tests/hookspecs.txt`` records each hook with its arguments. A recorded argument or hook
that disappears fails (a hook is retired only through a deprecation: its spec warns with
``warn_on_impl`` for one minor version first); new hooks and arguments must be recorded.
An implementation written to each recorded signature, and one that takes no arguments,
still registers with today's host.
"""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path

import pytest

import indikator
from indikator import hookspecs
from indikator._deprecations import DEPRECATIONS, minor_version
from indikator.errors import PluginError
from indikator.plugins import new_plugin_manager

RECORD = Path(__file__).with_name("hookspecs.txt")
VERSION = minor_version(indikator.__version__)


def recorded() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in RECORD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"(\w+)\(([\w, ]*)\)", line.strip())
        assert match, f"hookspecs.txt: not hook(arg, ...): {line!r}"
        args = tuple(a.strip() for a in match[2].split(",") if a.strip())
        out[match[1]] = args
    return out


def current() -> dict[str, tuple[str, ...]]:
    return {
        name: tuple(inspect.signature(obj).parameters)
        for name, obj in vars(hookspecs).items()
        if callable(obj) and getattr(obj, "indikator_spec", None) is not None
    }


RECORDED = recorded()
HOOK_DEPRECATIONS = {d.name: d for d in DEPRECATIONS if d.module == "indikator.hookspecs"}


def test_the_record_is_not_empty_and_names_the_hooks_of_the_module() -> None:
    assert RECORDED
    assert set(current()) <= set(hookspecs.__all__) | set(HOOK_DEPRECATIONS)


def test_no_hook_loses_an_argument() -> None:
    now = current()
    for hook, args in RECORDED.items():
        if hook not in now:
            continue  # a removed hook: the next test
        lost = [a for a in args if a not in now[hook]]
        assert not lost, f"{hook} lost argument(s) {lost}: hooks gain arguments, never lose them"


def test_a_hook_is_removed_only_after_its_deprecation() -> None:
    now = current()
    for hook in RECORDED:
        entry = HOOK_DEPRECATIONS.get(hook)
        if hook in now:
            if entry is not None and minor_version(entry.removed_in) > VERSION:
                spec = getattr(hookspecs, hook).indikator_spec
                assert spec.get("warn_on_impl") is not None, f"{hook}: deprecated, no warning"
            continue
        assert entry is not None, f"hook {hook} disappeared without a deprecation"
        assert minor_version(entry.removed_in) <= VERSION, (
            f"hook {hook} is to be removed in {entry.removed_in}, not before"
        )


def test_every_hook_and_argument_is_recorded() -> None:
    lines = [
        f"{hook}({', '.join(args)})"
        for hook, args in sorted(current().items())
        if RECORDED.get(hook) is None or set(args) - set(RECORDED[hook])
    ]
    assert not lines, "record these in tests/hookspecs.txt:\n" + "\n".join(lines)


def _plugin(hook: str, args: tuple[str, ...]) -> types.SimpleNamespace:
    """A plugin implementing ``hook`` with exactly ``args``, returning nothing to provide."""
    namespace: dict[str, object] = {}
    exec(f"def {hook}({', '.join(args)}):\n    return []\n", namespace)
    return types.SimpleNamespace(**{hook: indikator.hookimpl(namespace[hook])})


@pytest.mark.parametrize("hook", sorted(RECORDED))
def test_an_implementation_of_the_recorded_signature_still_registers(hook: str) -> None:
    if hook not in current():
        pytest.skip(f"{hook} was removed after its deprecation")
    for args in {RECORDED[hook], ()}:
        pm = new_plugin_manager(autoload=False, builtins=False)
        assert pm.add_plugin(_plugin(hook, args), "old-plugin", raise_errors=True) == "old-plugin"
        assert getattr(pm.hook, hook)() == [[]]


def test_an_implementation_with_an_argument_the_spec_lacks_is_refused() -> None:
    """The check above could fail: pluggy refuses arguments a spec does not have."""
    hook = sorted(RECORDED)[0]
    pm = new_plugin_manager(autoload=False, builtins=False)
    with pytest.raises(PluginError, match="PluginValidationError"):
        pm.add_plugin(_plugin(hook, ("no_such_argument",)), "new-plugin", raise_errors=True)
