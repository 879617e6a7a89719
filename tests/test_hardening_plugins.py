"""Plugins and the Python API (issue 17): broken plugins named where their symptom shows,
shared units guarded at import, slow imports announced; wrong types from Python refused
with the field named.

Broken entry points are real distributions on ``sys.path`` (the ``install`` fixture of
``test_plugins_failures``).
"""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

import indikator
from indikator import plugins
from indikator.cli import main
from indikator.errors import InputError, PluginError
from indikator.model import (
    Dataset,
    GoalArea,
    Judgment,
    Metric,
    Observation,
    Programme,
    SimpleIndicator,
    Target,
)
from indikator.plugins import get_programme, new_plugin_manager, reset_plugin_manager
from indikator.strategies import VsBase


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> Any:
    for var in ("INDIKATOR_DISABLE_PLUGINS", "INDIKATOR_DISABLE_PLUGIN_AUTOLOAD",
                "INDIKATOR_STRICT_PLUGINS"):
        monkeypatch.delenv(var, raising=False)
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Install a one-module distribution with an ``indikator`` entry point on sys.path."""
    modules: list[str] = []

    def make(entry_name: str, source: str) -> str:
        module = f"fake_plugin_{uuid.uuid4().hex[:10]}"
        root = tmp_path / module
        info = root / f"fake_{entry_name.replace('-', '_')}-1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: fake-{entry_name}\nVersion: 1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[indikator]\n{entry_name} = {module}\n",
                                               encoding="utf-8")
        (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        monkeypatch.syspath_prepend(str(root))
        modules.append(module)
        return module

    yield make
    for module in modules:
        sys.modules.pop(module, None)


def _only(names: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Block every installed plugin but ``names`` (the others are not ours to judge)."""
    import importlib.metadata

    others = {ep.name for ep in importlib.metadata.entry_points(group="indikator")} - names
    monkeypatch.setenv("INDIKATOR_DISABLE_PLUGINS", ",".join(sorted(others)))


PROGRAMME_PLUGIN = """
import indikator
from indikator.provides import GoalAreaSpec, ProgrammeSpec


@indikator.hookimpl
def indikator_programmes():
    return [ProgrammeSpec(id="broken-prog", name="P", goal_areas=[
        GoalAreaSpec(id="area", name="A", indicators=["{indicator}"])])]
"""


# -- a broken plugin is named where its symptom shows ---------------------------------------


def test_an_unknown_programme_names_the_plugin_that_failed_to_load(
        install: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    install("region-prog", "import indikator_no_such_dependency_xyz\n")
    _only({"region-prog"}, monkeypatch)
    pm = new_plugin_manager()
    with pytest.raises(InputError) as err:
        get_programme("region-2030", pm)
    message = err.value.message
    assert message.startswith("unknown programme 'region-2030'")
    assert "plugin 'region-prog': cannot import" in message
    assert "indikator_no_such_dependency_xyz" in message


def test_the_cli_names_the_broken_plugin_on_the_manifest_line(
        install: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    install("region-prog", "raise RuntimeError('config missing')\n")
    _only({"region-prog"}, monkeypatch)
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "o.csv").write_text("metric;period;value;unit\nm;2024;1;%\n", encoding="utf-8")
    (folder / "indikator.toml").write_text(
        '[dataset]\nprogramme = "region-2030"\nperiod = 2024\n[[outcomes]]\npath = "o.csv"\n',
        encoding="utf-8")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    [line] = [ln for ln in err.splitlines() if "unknown programme" in ln]
    assert line.startswith(f"{folder / 'indikator.toml'}:2: programme:")
    assert "plugin 'region-prog': cannot import" in line
    assert "RuntimeError: config missing" in line


def test_an_unknown_programme_without_broken_plugins_says_nothing_more(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _only(set(), monkeypatch)
    with pytest.raises(InputError) as err:
        get_programme("region-2030", new_plugin_manager())
    assert "broken plugin" not in err.value.message


def test_an_indicator_whose_metrics_raise_names_its_plugin_and_node(
        install: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    install("bad-metrics", """
        import indikator
        from indikator import Indicator, Label


        class Broken(Indicator):
            id = "broken-ind"
            name = Label("Trasig")

            @property
            def metrics(self):
                raise KeyError("no such column")

            def combine(self, children):
                raise AssertionError


        @indikator.hookimpl
        def indikator_indicators():
            return [Broken()]
        """)
    install("bad-prog", PROGRAMME_PLUGIN.format(indicator="broken-ind"))
    _only({"bad-metrics", "bad-prog"}, monkeypatch)
    with pytest.raises(PluginError) as err:
        get_programme("broken-prog", new_plugin_manager())
    assert err.value.plugin == "bad-metrics"
    assert "indicator 'broken-ind'" in err.value.message
    assert "its metrics raised KeyError" in err.value.message


def test_validate_reports_an_indicator_whose_metrics_raise_with_status_2(
        install: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    install("bad-metrics", """
        import indikator
        from indikator import Indicator, Label


        class Broken(Indicator):
            id = "broken-ind"
            name = Label("Trasig")
            metrics = property(lambda self: 1 / 0)

            def combine(self, children):
                raise AssertionError


        @indikator.hookimpl
        def indikator_indicators():
            return [Broken()]
        """)
    install("bad-prog", PROGRAMME_PLUGIN.format(indicator="broken-ind"))
    _only({"bad-metrics", "bad-prog"}, monkeypatch)
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "o.csv").write_text("metric;period;value;unit\nm;2024;1;%\n", encoding="utf-8")
    (folder / "indikator.toml").write_text(
        '[dataset]\nprogramme = "broken-prog"\nperiod = 2024\n[[outcomes]]\npath = "o.csv"\n',
        encoding="utf-8")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert "indikator plugin 'bad-metrics': indicator 'broken-ind'" in err
    assert "ZeroDivisionError" in err


# -- shared units at import ---------------------------------------------------------------


def test_a_plugin_that_redefines_a_shared_unit_at_import_is_refused(
        install: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from indikator.units import conversion_factor, get_registry

    get_registry()  # built before the plugin loads, as after any earlier use
    install("unit-hijack", """
        from indikator.units import get_registry

        get_registry().define("kilowatt_hour = 2 * joule")
        get_registry().define("percent = 0.5")
        """)
    _only({"unit-hijack"}, monkeypatch)
    pm = new_plugin_manager()
    [problem] = [str(p) for p in pm.problems() if p.plugin == "unit-hijack"]
    assert "redefined shared units" in problem
    assert "'percent'" in problem
    assert "the plugin is not loaded" in problem
    assert "unit-hijack" not in [n for n, p in pm.list_name_plugin() if p is not None]
    # the registry is clean again
    assert conversion_factor("kWh", "J") == 3.6e6
    assert conversion_factor("%", "dimensionless") == 0.01


def test_a_plugin_that_builds_the_registry_and_redefines_a_unit_is_refused(
        install: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from indikator import units

    plugins._reset_units()  # not built yet, as in a fresh process
    assert units._registry._registry is None
    install("unit-hijack", """
        from indikator.units import get_registry

        get_registry().define("meter = 3 * foot")
        """)
    _only({"unit-hijack"}, monkeypatch)
    pm = new_plugin_manager()
    [problem] = [str(p) for p in pm.problems() if p.plugin == "unit-hijack"]
    assert "'meter'" in problem
    assert units.conversion_factor("m", "cm") == 100.0


def test_a_plugin_that_only_uses_units_at_import_is_loaded(
        install: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    install("unit-user", """
        from indikator import Metric
        from indikator.strategies import VsBase

        M = Metric(id="m", name="M", unit="kWh/m2 BRA", strategy=VsBase())
        """)
    _only({"unit-user"}, monkeypatch)
    pm = new_plugin_manager()
    assert [p for p in pm.problems() if p.plugin == "unit-user"] == []
    assert "unit-user" in [n for n, p in pm.list_name_plugin() if p is not None]


# -- slow imports -------------------------------------------------------------------------


def test_a_plugin_slow_to_import_is_named_on_stderr(
        install: Any, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    said = threading.Event()
    real = plugins._say_loading

    def say(name: str, value: str) -> None:
        real(name, value)
        said.set()

    monkeypatch.setattr(plugins, "_say_loading", say)
    monkeypatch.setattr(plugins, "SLOW_IMPORT_SECONDS", 0.0)
    # the import waits until the notice is out: slow by construction, not by the clock
    monkeypatch.setattr(indikator, "_test_notice", said, raising=False)
    install("sleepy", """
        import indikator

        assert indikator._test_notice.wait(30)
        """)
    _only({"sleepy"}, monkeypatch)
    pm = new_plugin_manager()
    assert "sleepy" in [n for n, p in pm.list_name_plugin() if p is not None]
    err = capsys.readouterr().err
    assert "indikator: loading plugin sleepy (" in err
    assert "is taking a while" in err


def test_a_quick_import_says_nothing(install: Any, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    install("quick", "X = 1\n")
    _only({"quick"}, monkeypatch)
    new_plugin_manager()
    assert "loading plugin" not in capsys.readouterr().err


# -- the Python API: wrong types give located errors --------------------------------------


METRIC = Metric(id="m", name="M", unit="%", strategy=VsBase())


@pytest.mark.parametrize(("make", "field", "words"), [
    (lambda: Observation("2024"), "period", "whole number"),
    (lambda: Observation(2024, flags=None), "flags", "not None"),
    (lambda: Observation(2024, flags=[1]), "flags", "not an int"),
    (lambda: Observation(2024, text=5), "text", "a text is required"),
    (lambda: Observation(2024, note=["x"]), "note", "a text is required"),
    (lambda: Observation(2024, value="4,5", unit="%"), "value", "a number is required"),
    (lambda: Dataset(programme="p", period=2024, observations=[Observation(2024)]),
     "observations", "a mapping of metric id"),
    (lambda: Dataset(programme="p", period=2024, observations=None), "observations",
     "not None"),
    (lambda: Dataset(programme="p", period=2024, observations={"m": None}),
     "observations['m']", "not None"),
    (lambda: Dataset(programme="p", period=2024, observations={"m": "text"}),
     "observations['m']", "not a str"),
    (lambda: Dataset(programme="p", period=2024, observations={"m": [1]}),
     "observations['m'][0]", "Observation record"),
    (lambda: Dataset(programme="p", period=2024, observations={1: []}), "observations",
     "a metric id is a text"),
    (lambda: Dataset(programme=None, period=2024), "programme", "not None"),
    (lambda: Dataset(programme="p", period="2024"), "period", "whole number"),
    (lambda: Dataset(programme="p", period=2024, judgments=None), "judgments", "not None"),
    (lambda: Dataset(programme="p", period=2024, judgments=[{"target": "m"}]),
     "judgments[0]", "Judgment record"),
    (lambda: Dataset(programme="p", period=2024, title=5), "name", "not an int"),
    (lambda: Dataset(programme="p", period=2024, title={"en": "x"}), "name", "Swedish"),
    (lambda: Judgment(target="m", period=2024, verdict=None, reason="r"), "verdict",
     "not None"),
    (lambda: Judgment(target="m", period=2024, verdict="positive", reason="r",
                      date="2024-01-01"), "date", "datetime.date"),
    (lambda: Metric(id="m", name=None, strategy=VsBase()), "name", "not None"),
    (lambda: Metric(id="m", name="M", strategy=VsBase(), targets=None), "targets",
     "not None"),
    (lambda: Metric(id="m", name="M", strategy=VsBase(), targets=[1]), "targets[0]",
     "Target record"),
    (lambda: SimpleIndicator(id="i", name="I", metrics=None), "metrics", "not None"),
    (lambda: GoalArea(id="a", name="A", indicators=[METRIC]), "indicators[0]",
     "Indicator record"),
    (lambda: Programme(id="p", name="P", goal_areas="abc"), "goal_areas", "not a str"),
    (lambda: Target(value=10**400, unit="%"), "value", "too large"),
])
def test_wrong_types_from_python_are_input_errors_naming_the_field(
        make: Any, field: str, words: str) -> None:
    with pytest.raises(InputError) as err:
        make()
    assert err.value.field == field
    assert words in err.value.message


def test_right_types_are_still_accepted() -> None:
    ds = Dataset(programme="p", period=2024,
                 observations={"m": (Observation(2024, 4, "%", flags=["provisional"]),)},
                 judgments=(Judgment(target="m", period=2024, verdict="positive", reason="r",
                                     date=dt.date(2025, 3, 31)),),
                 title=("Titel", "Title"))
    assert ds.observations["m"][0].value == 4.0
    assert ds.title is not None
    assert ds.title.en == "Title"
