"""Broken plugins: each failure mode is reported by name, skipped, and the rest keep working.

Broken entry points are real: each test writes a small distribution (a ``.dist-info``
folder with ``entry_points.txt``, and its module) into a temporary folder on ``sys.path``,
so discovery goes through ``importlib.metadata`` exactly as for an installed plugin.
"""

from __future__ import annotations

import json
import sys
import textwrap
import uuid
from pathlib import Path

import indikator_example
import pytest

import indikator
from indikator.cli import main
from indikator.errors import PluginError
from indikator.plugins import (
    BUILTINS_NAME,
    format_plugins_table,
    get_indicator,
    get_plugin_manager,
    get_programme,
    get_strategy,
    list_plugins,
    new_plugin_manager,
    plugin_problems,
    plugins_as_json,
    reset_plugin_manager,
)

PREFIX = "error while loading indikator plugin"

GOOD_INDICATOR = """
import indikator
from indikator import Metric, SimpleIndicator
from indikator.strategies import VsBase


@indikator.hookimpl
def indikator_indicators():
    return [SimpleIndicator(id="{ident}", name="Bra", metrics=[
        Metric(id="{ident}-m", name="M", unit="%", strategy=VsBase())])]
"""


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    for var in (
        "INDIKATOR_DISABLE_PLUGINS",
        "INDIKATOR_DISABLE_PLUGIN_AUTOLOAD",
        "INDIKATOR_STRICT_PLUGINS",
    ):
        monkeypatch.delenv(var, raising=False)
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.fixture
def install(tmp_path, monkeypatch):
    """Install a one-module distribution with an ``indikator`` entry point on sys.path."""
    modules: list[str] = []

    def make(entry_name: str, source: str, *, version: str = "1.0") -> str:
        module = f"fake_plugin_{uuid.uuid4().hex[:10]}"
        dist = f"fake-{entry_name}"
        root = tmp_path / module
        info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            f"[indikator]\n{entry_name} = {module}\n", encoding="utf-8"
        )
        (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        monkeypatch.syspath_prepend(str(root))
        modules.append(module)
        return module

    yield make
    for module in modules:
        sys.modules.pop(module, None)


def _names(pm) -> list[str]:
    return [info.name for info in list_plugins(pm)]


def _others_still_work(pm) -> None:
    """The built-ins and the installed template are unaffected by a broken plugin."""
    assert "example" in _names(pm)
    assert get_indicator(indikator_example.INDICATOR_ID, pm).plugin == "example"
    assert get_programme(indikator_example.PROGRAMME_ID, pm).id == indikator_example.PROGRAMME_ID
    assert get_strategy("vs_base", pm).plugin == BUILTINS_NAME


def _problems_of(pm, name: str) -> list[str]:
    return [p for p in plugin_problems(pm) if p.startswith(f"{PREFIX} {name}: ")]


# -- each failure mode ------------------------------------------------------------------------


def test_an_entry_point_that_fails_to_import(install):
    module = install("broken-import", "import indikator_no_such_module_xyz\n")
    pm = new_plugin_manager()
    [problem] = _problems_of(pm, "broken-import")
    assert problem == (
        f"{PREFIX} broken-import: cannot import {module}: ModuleNotFoundError: "
        "No module named 'indikator_no_such_module_xyz'"
    )
    # listed, not vanished: with its problem, as not loaded, in the table and the JSON
    [info] = [i for i in list_plugins(pm) if i.name == "broken-import"]
    assert info.loaded is False
    assert info.provides == {}
    assert info.version == "1.0"
    assert info.problems == (problem.removeprefix(f"{PREFIX} broken-import: "),)
    [record] = [r for r in plugins_as_json([info])]
    assert record["loaded"] is False
    assert record["problems"] == list(info.problems)
    table = format_plugins_table(list_plugins(pm))
    assert "! laddades inte (not loaded)" in table.split("broken-import", 1)[1]
    _others_still_work(pm)


def test_an_entry_point_that_raises_on_import(install):
    install("raises-on-import", "raise RuntimeError('configuration missing')\n")
    pm = new_plugin_manager()
    [problem] = _problems_of(pm, "raises-on-import")
    assert problem.endswith("RuntimeError: configuration missing")
    _others_still_work(pm)


def test_an_exception_inside_a_hook(install):
    install(
        "raises-in-hook",
        """
        import indikator

        @indikator.hookimpl
        def indikator_indicators():
            raise ValueError("the data file is gone")
        """,
    )
    pm = new_plugin_manager()
    [problem] = _problems_of(pm, "raises-in-hook")
    assert problem == (
        f"{PREFIX} raises-in-hook: indikator_indicators() raised ValueError: the data file "
        "is gone; its indicators are skipped"
    )
    # Still registered and listed (its hook is there), providing nothing, with the problem.
    info = {i.name: i for i in list_plugins(pm)}["raises-in-hook"]
    assert info.version == "1.0"
    assert info.distribution == "fake-raises-in-hook"
    assert info.provides == {}
    assert info.problems == (problem.removeprefix(f"{PREFIX} raises-in-hook: "),)
    _others_still_work(pm)


@pytest.mark.parametrize(
    ("returned", "message"),
    [
        ("{'id': 'x'}", "indikator_indicators() returned dict, expected a list of Indicator"),
        ("'x'", "indikator_indicators() returned str, expected a list of Indicator"),
        ("42", "indikator_indicators() returned int, expected a list of Indicator"),
        (
            "[{'id': 'x'}]",
            "indikator_indicators() returned a dict at position 0, expected Indicator",
        ),
    ],
)
def test_a_wrong_return_type(install, returned, message):
    install(
        "wrong-type",
        f"""
        import indikator

        @indikator.hookimpl
        def indikator_indicators():
            return {returned}
        """,
    )
    pm = new_plugin_manager()
    assert _problems_of(pm, "wrong-type") == [
        f"{PREFIX} wrong-type: {message}; its indicators are skipped"
    ]
    _others_still_work(pm)


def test_a_strategy_record_given_for_an_indicator_is_refused(indikator_pm, register_plugin):
    class Plugin:
        @indikator.hookimpl
        def indikator_strategies(self):
            return [indikator.SimpleIndicator(id="t.x", name="X", metrics=[])]

    register_plugin(Plugin(), "mixed-up")
    [problem] = plugin_problems()
    assert "returned a SimpleIndicator at position 0, expected StrategyType" in problem
    assert [s.plugin for s in indikator_pm.strategies().values()] == [BUILTINS_NAME] * 6


def test_a_duplicate_id_is_refused_in_both_plugins_naming_both(install):
    # Whichever name sorts first, neither plugin knocks the other's indicator out: the
    # id is refused in both, both are named, and everything else of both is kept.
    install(
        "aaa-duplicate",
        GOOD_INDICATOR.replace('"{ident}-m"', '"zz-m"').format(
            ident=indikator_example.INDICATOR_ID
        ),
    )
    pm = new_plugin_manager()
    [mine] = _problems_of(pm, "aaa-duplicate")
    [theirs] = _problems_of(pm, "example")
    ident = indikator_example.INDICATOR_ID
    assert mine == (
        f"{PREFIX} aaa-duplicate: indicator {ident!r} is also provided by plugin 'example' "
        "(ids must be unique among all plugins); that id is skipped, the rest of its "
        "indicators kept"
    )
    assert f"indicator {ident!r} is also provided by plugin 'aaa-duplicate'" in theirs
    assert ident not in pm.indicators()
    # the rest of the template is kept: its programme and strategies still load
    assert "example" in _names(pm)
    assert get_strategy("vs_base", pm).plugin == BUILTINS_NAME


def test_a_duplicate_id_keeps_the_other_ids_of_both(indikator_pm, register_plugin):
    def plugin(*ids: str) -> object:
        class Plugin:
            @indikator.hookimpl
            def indikator_rollups(self):
                return [indikator.provides.RollUpType(id=i, factory=indikator.WorstOf,
                                                      description=i) for i in ids]

        return Plugin()

    register_plugin(plugin("t.shared", "t.left"), "left")
    register_plugin(plugin("t.right", "t.shared"), "right")
    owners = {i: p.plugin for i, p in indikator_pm.rollups().items() if i.startswith("t.")}
    assert owners == {"t.left": "left", "t.right": "right"}
    left, right = plugin_problems()
    assert "plugin left:" in left
    assert "'t.shared' is also provided by plugin 'right'" in left
    assert "plugin right:" in right
    assert "'t.shared' is also provided by plugin 'left'" in right
    info = {i.name: i for i in list_plugins(indikator_pm)}
    assert info["left"].skipped == ()  # the hook is not skipped as a whole


def test_a_plugin_cannot_take_over_a_builtin_strategy(indikator_pm, register_plugin):
    class Impostor:
        @indikator.hookimpl
        def indikator_strategies(self):
            return [
                indikator.provides.StrategyType(id="vs_base", factory=dict, description="x"),
                indikator.provides.StrategyType(id="t.mine", factory=dict, description="y"),
            ]

    register_plugin(Impostor(), "impostor")
    [problem] = plugin_problems()
    assert "strategy 'vs_base' is already provided by plugin 'indikator'" in problem
    assert get_strategy("vs_base").item.factory is indikator.strategies.VsBase
    assert indikator_pm.strategies()["t.mine"].plugin == "impostor"  # the rest is kept


def test_an_id_repeated_within_one_plugin(indikator_pm, register_plugin):
    class Twice:
        @indikator.hookimpl
        def indikator_rollups(self):
            rt = indikator.provides.RollUpType(
                id="t.twice", factory=indikator.WorstOf, description="z"
            )
            return [rt, rt]

    register_plugin(Twice(), "twice")
    [problem] = plugin_problems()
    assert "roll-up 't.twice' is provided twice" in problem


def test_an_unknown_hook_is_reported_and_the_plugin_skipped(install):
    install(
        "misspelt",
        """
        import indikator

        @indikator.hookimpl
        def indikator_indicator():
            return []
        """,
    )
    pm = new_plugin_manager()
    [problem] = _problems_of(pm, "misspelt")
    assert "implements unknown hook(s) indikator_indicator" in problem
    assert [i.loaded for i in list_plugins(pm) if i.name == "misspelt"] == [False]
    _others_still_work(pm)


def test_a_hook_with_an_argument_the_spec_lacks_fails_to_register(install):
    install(
        "bad-signature",
        """
        import indikator

        @indikator.hookimpl
        def indikator_indicators(region):
            return []
        """,
    )
    pm = new_plugin_manager()
    [problem] = _problems_of(pm, "bad-signature")
    assert "cannot register it: PluginValidationError" in problem
    assert [i.loaded for i in list_plugins(pm) if i.name == "bad-signature"] == [False]
    assert pm.get_plugin("bad-signature") is None
    _others_still_work(pm)


def test_several_broken_plugins_at_once(install):
    install("broken-a", "import indikator_no_such_module_abc\n")
    install(
        "broken-b",
        """
        import indikator

        @indikator.hookimpl
        def indikator_programmes():
            return None.missing
        """,
    )
    install("fine", GOOD_INDICATOR.format(ident="t.fine"))
    pm = new_plugin_manager()
    assert len(_problems_of(pm, "broken-a")) == 1
    assert len(_problems_of(pm, "broken-b")) == 1
    assert get_indicator("t.fine", pm).plugin == "fine"
    _others_still_work(pm)


TWO_BROKEN_HOOKS = """
import indikator
from indikator.provides import RollUpType


@indikator.hookimpl
def indikator_indicators():
    raise RuntimeError("the data file is gone")


@indikator.hookimpl
def indikator_programmes():
    return "not a list"


@indikator.hookimpl
def indikator_rollups():
    return [RollUpType(id="t.twobroken", factory=indikator.WorstOf, description="works")]
"""


def test_every_problem_of_a_plugin_is_listed_and_nothing_skipped_shows_as_provided(install):
    install("two-broken", TWO_BROKEN_HOOKS)
    pm = new_plugin_manager()
    assert _problems_of(pm, "two-broken") == [
        f"{PREFIX} two-broken: indikator_indicators() raised RuntimeError: the data file is "
        "gone; its indicators are skipped",
        f"{PREFIX} two-broken: indikator_programmes() returned str, expected a list of "
        "ProgrammeSpec; its programmes are skipped",
    ]
    info = {i.name: i for i in list_plugins(pm)}["two-broken"]
    assert len(info.problems) == 2
    assert info.skipped == ("indicators", "programmes")
    assert info.provides == {"rollups": ("t.twobroken",)}

    table = format_plugins_table([info])
    row, *rest = table.splitlines()[2:]
    # The hooks column shows only the hook whose results were accepted.
    assert row.split() == ["two-broken", "1.0", "rollups"]
    assert rest[0].strip() == "sammanvägningar (roll-ups): t.twobroken"
    assert rest[1].strip() == "! hoppades över (skipped): indicators, programmes"
    errors = [line for line in rest if line.lstrip().startswith("! fel (error):")]
    assert len(errors) == 2
    assert "indikator_indicators() raised RuntimeError" in errors[0]
    assert "indikator_programmes() returned str" in errors[1]

    [record] = plugins_as_json([info])
    assert record["skipped"] == ["indicators", "programmes"]
    assert record["provides"] == {"rollups": ["t.twobroken"]}
    _others_still_work(pm)


def test_the_cli_table_shows_every_problem_of_a_plugin(install, capsys):
    install("two-broken", TWO_BROKEN_HOOKS)
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out.splitlines()
    row = next(i for i, line in enumerate(out) if line.startswith("two-broken "))
    block = []
    for line in out[row + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line)
    assert out[row].split()[2:] == ["rollups"]
    assert sum(line.lstrip().startswith("! fel (error):") for line in block) == 2
    assert not any("indikatorer (indicators)" in line for line in block)


# -- strict mode ------------------------------------------------------------------------------


def test_strict_mode_raises_on_an_import_error(install):
    install("broken-import", "import indikator_no_such_module_xyz\n")
    with pytest.raises(PluginError) as err:
        new_plugin_manager(strict=True)
    assert err.value.plugin == "broken-import"
    assert "No module named 'indikator_no_such_module_xyz'" in str(err.value)


def test_strict_mode_raises_on_a_bad_hook_result_at_once(install):
    install(
        "raises-in-hook",
        """
        import indikator

        @indikator.hookimpl
        def indikator_rollups():
            raise KeyError("k")
        """,
    )
    with pytest.raises(PluginError, match="indikator_rollups\\(\\) raised KeyError"):
        new_plugin_manager(strict=True)


def test_strict_mode_names_every_problem_and_never_says_skipped(install):
    install("two-broken", TWO_BROKEN_HOOKS)
    install("broken-import", "import indikator_no_such_module_xyz\n")
    with pytest.raises(PluginError) as err:
        new_plugin_manager(strict=True)
    message = str(err.value)
    assert "skipped" not in message
    assert err.value.plugin == "broken-import"
    assert "No module named 'indikator_no_such_module_xyz'" in message
    assert (
        "also plugin 'two-broken': indikator_indicators() raised RuntimeError: the data "
        "file is gone; indikator_programmes() returned str, expected a list of ProgrammeSpec"
    ) in message


def test_strict_cli_error_does_not_say_skipped(install, capsys):
    install("raises-in-hook", GOOD_INDICATOR.format(ident="t.x").replace(
        "return [SimpleIndicator", "raise KeyError('k')\n    return [SimpleIndicator"
    ))
    assert main(["--strict-plugins", "plugins"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("indikator: error: indikator plugin 'raises-in-hook': ")
    assert "indikator_indicators() raised KeyError" in err
    assert "skipped" not in err


def test_strict_mode_raises_on_a_plugin_registered_later():
    pm = new_plugin_manager(strict=True, autoload=False)
    pm.register(indikator_example, "example")

    class Dup:
        @indikator.hookimpl
        def indikator_indicators(self):
            return indikator_example.indikator_indicators()

    pm.register(Dup(), "dup")
    with pytest.raises(PluginError) as err:
        pm.indicators()
    assert err.value.plugin in ("dup", "example")  # both are named
    assert "also provided by plugin 'example'" in err.value.message
    assert "also provided by plugin 'dup'" in err.value.message


def test_strict_mode_passes_when_everything_is_fine(monkeypatch):
    import importlib.metadata

    # Other plugins in this environment are not ours to judge: block all but the template.
    others = {ep.name for ep in importlib.metadata.entry_points(group="indikator")} - {"example"}
    monkeypatch.setenv("INDIKATOR_DISABLE_PLUGINS", ",".join(sorted(others)))
    pm = new_plugin_manager(strict=True)
    assert plugin_problems(pm) == []
    assert _names(pm) == ["example", BUILTINS_NAME]


def test_strict_mode_from_the_environment(install, monkeypatch):
    install("broken-import", "import indikator_no_such_module_xyz\n")
    monkeypatch.setenv("INDIKATOR_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError):
        new_plugin_manager()
    with pytest.raises(PluginError):
        get_plugin_manager()


# -- the environment ----------------------------------------------------------------------------


def test_blocking_a_broken_plugin_avoids_loading_it(install, monkeypatch):
    module = install("broken-import", "import indikator_no_such_module_xyz\n")
    monkeypatch.setenv("INDIKATOR_DISABLE_PLUGINS", " broken-import , example")
    pm = new_plugin_manager()
    assert _problems_of(pm, "broken-import") == []
    assert module not in sys.modules
    names = _names(pm)
    assert "example" not in names
    assert BUILTINS_NAME in names
    assert pm.is_blocked("example")


def test_the_blocked_argument_adds_to_the_environment(monkeypatch):
    monkeypatch.setenv("INDIKATOR_DISABLE_PLUGINS", "example")
    pm = new_plugin_manager(blocked=[BUILTINS_NAME])
    assert "example" not in _names(pm)
    assert BUILTINS_NAME not in _names(pm)


@pytest.mark.parametrize("value", ["1", "true", "YES"])
def test_disabling_autoload_from_the_environment(install, monkeypatch, value):
    install("broken-import", "import indikator_no_such_module_xyz\n")
    monkeypatch.setenv("INDIKATOR_DISABLE_PLUGIN_AUTOLOAD", value)
    pm = new_plugin_manager()
    assert _names(pm) == [BUILTINS_NAME]
    assert plugin_problems(pm) == []


@pytest.mark.parametrize("value", ["", "0", "no"])
def test_autoload_stays_on_for_false_values(monkeypatch, value):
    monkeypatch.setenv("INDIKATOR_DISABLE_PLUGIN_AUTOLOAD", value)
    assert "example" in _names(new_plugin_manager())


# -- the command line with broken plugins ----------------------------------------------------


def test_cli_warns_about_a_broken_plugin_and_lists_the_rest(install, capsys):
    install("broken-import", "import indikator_no_such_module_xyz\n")
    assert main(["plugins", "--json"]) == 0
    captured = capsys.readouterr()
    records = {r["name"]: r for r in json.loads(captured.out)}
    assert "example" in records
    broken = records["broken-import"]  # listed with its problem, not vanished
    assert broken["loaded"] is False
    assert broken["problems"][0].startswith("cannot import")
    assert records["example"]["loaded"] is True
    assert (
        f"indikator: warning: {PREFIX} broken-import: cannot import" in captured.err
    )


def test_cli_strict_plugins_fails_with_status_2(install, capsys):
    install("broken-import", "import indikator_no_such_module_xyz\n")
    assert main(["--strict-plugins", "plugins"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("indikator: error: indikator plugin 'broken-import': ")
    assert "No module named 'indikator_no_such_module_xyz'" in captured.err
    assert "Traceback" not in captured.err


def test_cli_strict_from_the_environment_fails_with_status_2(install, monkeypatch, capsys):
    install(
        "wrong-type",
        """
        import indikator

        @indikator.hookimpl
        def indikator_strategies():
            return "vs_base"
        """,
    )
    monkeypatch.setenv("INDIKATOR_STRICT_PLUGINS", "1")
    assert main(["plugins"]) == 2
    err = capsys.readouterr().err
    assert "indikator plugin 'wrong-type': indikator_strategies() returned str" in err


def test_the_fake_distribution_really_is_found_by_importlib(install):
    import importlib.metadata

    module = install("probe", GOOD_INDICATOR.format(ident="t.probe"))
    [ep] = [ep for ep in importlib.metadata.entry_points(group="indikator") if ep.name == "probe"]
    assert ep.value == module
    assert Path(sys.modules.get(module, ep.load()).__file__).name == f"{module}.py"
