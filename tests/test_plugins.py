"""The plugin host: built-ins, entry-point discovery, the Python API, units, the CLI."""

from __future__ import annotations

import json
import uuid

import attrs
import indikator_example
import pytest

import indikator
from indikator import Label, Metric, SimpleIndicator, Verdict
from indikator.cli import main
from indikator.errors import InputError, PluginError
from indikator.plugins import (
    BUILTINS_NAME,
    KINDS,
    IndikatorPluginManager,
    apply_units,
    format_plugins_table,
    get_indicator,
    get_plugin_manager,
    get_programme,
    get_programme_spec,
    get_rollup,
    get_strategy,
    list_indicators,
    list_plugins,
    list_programmes,
    list_rollups,
    list_strategies,
    list_units,
    new_plugin_manager,
    plugin_problems,
    plugins_as_json,
    reset_plugin_manager,
    using_plugin_manager,
)
from indikator.provides import GoalAreaSpec, ProgrammeSpec, UnitDefinitions
from indikator.rollup import AllPositive, MeanScore, StrictMajority, WorstOf
from indikator.strategies import (
    Components,
    Fallback,
    TextOutcome,
    VsBase,
    VsOwnTarget,
    VsTrajectory,
)
from indikator.testing import check_plugin, registered

BUILTIN_STRATEGIES = {
    "vs_base": VsBase,
    "vs_trajectory": VsTrajectory,
    "vs_own_target": VsOwnTarget,
    "text": TextOutcome,
    "components": Components,
    "fallback": Fallback,
}
BUILTIN_ROLLUPS = {
    "strict_majority": StrictMajority,
    "worst_of": WorstOf,
    "mean_score": MeanScore,
    "all_positive": AllPositive,
}


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


def _indicator(ident: str, unit: str = "%") -> SimpleIndicator:
    return SimpleIndicator(
        id=ident,
        name=Label(f"Indikator {ident}", f"Indicator {ident}"),
        metrics=[Metric(id=f"{ident}-m", name=f"Mätetal {ident}", unit=unit, strategy=VsBase())],
    )


class IndicatorPlugin:
    """A plugin object providing indicators with the given ids."""

    def __init__(self, *ids: str, unit: str = "%") -> None:
        self.ids = ids
        self.unit = unit

    @indikator.hookimpl
    def indikator_indicators(self):
        return [_indicator(i, self.unit) for i in self.ids]


class ProgrammePlugin:
    def __init__(self, spec: ProgrammeSpec) -> None:
        self.spec = spec

    @indikator.hookimpl
    def indikator_programmes(self):
        return [self.spec]


# -- the factory and the built-ins ----------------------------------------------------------


def test_nothing_is_built_at_import_time():
    import indikator.plugins as plugins

    assert plugins._defaults == {}
    assert plugins._override == []


def test_builtins_are_registered_through_the_hooks(indikator_pm):
    assert indikator_pm.get_plugin(BUILTINS_NAME) is indikator.builtins
    strategies = list_strategies(indikator_pm)
    assert [s.id for s in strategies] == sorted(BUILTIN_STRATEGIES)
    for s in strategies:
        assert s.plugin == BUILTINS_NAME
        assert s.item.factory is BUILTIN_STRATEGIES[s.id]
        assert s.item.id == s.item.factory.id
        assert s.item.description.sv != s.item.description.en
    rollups = list_rollups(indikator_pm)
    assert [r.id for r in rollups] == sorted(BUILTIN_ROLLUPS)
    assert {r.id: r.item.factory for r in rollups} == BUILTIN_ROLLUPS
    assert plugin_problems(indikator_pm) == []


def test_builtin_factories_build_working_records(indikator_pm):
    rule = get_rollup("worst_of", indikator_pm).item.factory()
    assert rule.combine([Verdict.POSITIVE, Verdict.NEGATIVE]).verdict is Verdict.NEGATIVE
    strategy = get_strategy("vs_base", indikator_pm).item.factory(dead_band=2.0)
    assert strategy.dead_band == 2.0


def test_builtins_can_be_left_out_or_blocked():
    assert new_plugin_manager(autoload=False, builtins=False).strategies() == {}
    pm = new_plugin_manager(autoload=False, blocked=[BUILTINS_NAME])
    assert pm.strategies() == {}
    assert list_plugins(pm) == []


def test_the_facade_has_one_method_per_kind(indikator_pm):
    for kind in KINDS:
        found = getattr(indikator_pm, kind)()
        assert list(found) == sorted(found)
        assert all(p.kind == kind and p.id == key for key, p in found.items())


def test_get_plugin_manager_is_cached_and_resettable():
    first = get_plugin_manager()
    assert get_plugin_manager() is first
    assert get_plugin_manager(strict=True) is not first
    assert get_plugin_manager(strict=True).strict
    reset_plugin_manager()
    assert get_plugin_manager() is not first


def test_using_plugin_manager_overrides_the_default():
    pm = new_plugin_manager(autoload=False)
    with using_plugin_manager(pm):
        assert get_plugin_manager() is pm
        assert list_strategies()[0].plugin == BUILTINS_NAME
    assert get_plugin_manager() is not pm


# -- entry-point discovery with the real, installed template ------------------------------


def test_the_installed_template_is_discovered_by_its_entry_point(indikator_installed_pm):
    assert indikator_installed_pm.get_plugin("example") is indikator_example
    info = {i.name: i for i in list_plugins(indikator_installed_pm)}["example"]
    assert info.distribution == "indikator-example"
    assert info.version == "0.1.0"
    assert info.hooks == ("indikator_indicators", "indikator_programmes")
    assert info.provides == {
        "indicators": (indikator_example.INDICATOR_ID,),
        "programmes": (indikator_example.PROGRAMME_ID,),
    }
    builtin = {i.name: i for i in list_plugins(indikator_installed_pm)}[BUILTINS_NAME]
    assert builtin.version == indikator.__version__
    assert builtin.provides["strategies"] == tuple(sorted(BUILTIN_STRATEGIES))


def test_no_autoload_means_no_entry_points():
    pm = new_plugin_manager(autoload=False)
    assert [i.name for i in list_plugins(pm)] == [BUILTINS_NAME]


# -- the Python API ---------------------------------------------------------------------------


def test_indicators_and_programmes_are_attributed(indikator_installed_pm):
    found = get_indicator(indikator_example.INDICATOR_ID)
    assert found.plugin == "example"
    assert found.kind == "indicators"
    assert found in list_indicators()
    spec = get_programme_spec(indikator_example.PROGRAMME_ID)
    assert spec.plugin == "example"
    assert spec in list_programmes()


def test_get_programme_resolves_indicator_ids(indikator_installed_pm):
    programme = get_programme(indikator_example.PROGRAMME_ID, indikator_installed_pm)
    assert isinstance(programme, indikator.Programme)
    [area] = programme.goal_areas
    assert area.indicators == (get_indicator(indikator_example.INDICATOR_ID).item,)
    assert list(programme.metrics()) == [indikator_example.METRIC_ID]


def test_get_programme_uses_indicators_of_other_plugins_and_their_rollups(
    indikator_pm, register_plugin
):
    register_plugin(IndicatorPlugin("t.one", "t.two"), "indicators")
    spec = ProgrammeSpec(
        id="t-prog",
        name="Program",
        goal_areas=[
            GoalAreaSpec(id="t.area", name="Område", indicators=["t.two", "t.one"],
                         rollup=WorstOf()),
            GoalAreaSpec(id="t.empty", name="Tomt"),
        ],
        rollup=AllPositive(),
        first_year=2023,
        last_year=2030,
    )
    register_plugin(ProgrammePlugin(spec), "programme")
    programme = get_programme("t-prog")
    assert [i.id for i in programme.goal_areas[0].indicators] == ["t.two", "t.one"]
    assert programme.goal_areas[0].rollup == WorstOf()
    assert programme.goal_areas[1].rollup == StrictMajority()
    assert programme.goal_areas[1].indicators == ()
    assert programme.rollup == AllPositive()
    assert (programme.first_year, programme.last_year) == (2023, 2030)


def test_an_unknown_programme_is_named_with_the_known_ones(indikator_installed_pm):
    with pytest.raises(InputError) as err:
        get_programme("no-such-programme")
    message = str(err.value)
    assert "unknown programme 'no-such-programme'" in message
    assert indikator_example.PROGRAMME_ID in message


def test_an_unknown_indicator_in_a_programme_is_named(indikator_pm, register_plugin):
    register_plugin(IndicatorPlugin("t.known"), "indicators")
    spec = ProgrammeSpec(
        id="t-prog",
        name="P",
        goal_areas=[GoalAreaSpec(id="t.area", name="A", indicators=["t.known", "t.missing"])],
    )
    register_plugin(ProgrammePlugin(spec), "prog")
    with pytest.raises(InputError) as err:
        get_programme("t-prog")
    message = str(err.value)
    assert "'t.missing'" in message
    assert "plugin 'prog'" in message
    assert "goal area 't.area'" in message
    assert "known indicators: t.known" in message


@pytest.mark.parametrize(
    ("getter", "kind"),
    [(get_strategy, "strategies"), (get_rollup, "rollups"), (get_indicator, "indicators"),
     (get_programme_spec, "programmes")],
)
def test_unknown_ids_are_named_with_the_known_ones(indikator_pm, getter, kind):
    with pytest.raises(InputError) as err:
        getter("nope")
    message = str(err.value)
    assert "'nope'" in message
    known = list(getattr(indikator_pm, kind)())
    assert f"known {kind}: " + (", ".join(known) if known else "none installed") in message


def test_a_programme_that_repeats_an_id_is_refused_with_its_plugin(indikator_pm, register_plugin):
    register_plugin(IndicatorPlugin("t.one"), "indicators")
    spec = ProgrammeSpec(
        id="t-prog",
        name="P",
        goal_areas=[GoalAreaSpec(id="t.one", name="A", indicators=["t.one"])],
    )
    register_plugin(ProgrammePlugin(spec), "prog")
    with pytest.raises(InputError, match=r"programme 't-prog' from plugin 'prog' is invalid"):
        get_programme("t-prog")


def test_results_are_recomputed_when_plugins_change(indikator_pm):
    assert indikator_pm.indicators() == {}
    plugin = IndicatorPlugin("t.one")
    with registered(plugin, indikator_pm, "mine") as name:
        assert name == "mine"
        assert get_indicator("t.one").plugin == "mine"
    assert indikator_pm.indicators() == {}
    assert not indikator_pm.is_registered(plugin)


def test_registered_refuses_a_blocked_plugin():
    pm = new_plugin_manager(autoload=False, blocked=["mine"])
    with pytest.raises(PluginError, match="blocked"), registered(IndicatorPlugin("x"), pm, "mine"):
        pass


# -- units ----------------------------------------------------------------------------------


def test_plugin_units_are_applied_before_indicators_are_built(indikator_pm, register_plugin):
    unit = f"bed_day_{uuid.uuid4().hex[:8]}"

    class Plugin:
        @indikator.hookimpl
        def indikator_units(self):
            return [UnitDefinitions(definitions=[f"{unit} = piece"], description="vårddygn")]

        @indikator.hookimpl
        def indikator_indicators(self):
            return [_indicator("t.beds", unit=f"{unit}/inhabitant")]

    register_plugin(Plugin(), "beds")
    assert [u.id for u in list_units()] == [unit]
    assert get_indicator("t.beds").item.metrics[0].unit == f"{unit}/inhabitant"
    assert plugin_problems() == []
    from indikator.units import conversion_factor

    assert conversion_factor(f"{unit}/inhabitant", "st/inhabitant") == 1.0
    # Idempotent: applying again, also from a new manager, defines nothing new.
    assert apply_units() == []
    pm2 = new_plugin_manager(autoload=False)
    pm2.register(Plugin(), "beds")
    assert apply_units(pm2) == []
    assert plugin_problems(pm2) == []


def test_a_unit_that_exists_is_not_redefined(indikator_pm, register_plugin):
    class Plugin:
        @indikator.hookimpl
        def indikator_units(self):
            return [UnitDefinitions(definitions=["meter = 2 * foot"])]

    register_plugin(Plugin(), "metre-hack")
    [problem] = plugin_problems()
    assert problem.startswith("error while loading indikator plugin metre-hack: ")
    assert "unit 'meter' already exists" in problem
    from indikator.units import conversion_factor

    assert conversion_factor("m", "cm") == 100.0


def test_two_plugins_may_not_define_the_same_unit(indikator_pm, register_plugin):
    unit = f"widget_{uuid.uuid4().hex[:8]}"

    def units_plugin():
        class Plugin:
            @indikator.hookimpl
            def indikator_units(self):
                return [UnitDefinitions(definitions=[f"{unit} = piece"])]

        return Plugin()

    register_plugin(units_plugin(), "first")
    register_plugin(units_plugin(), "second")
    # refused in both, naming both: neither may knock the other's unit out
    assert unit not in {u.id for u in list_units()}
    first, second = plugin_problems()
    assert "plugin first:" in first
    assert f"unit {unit!r} is also provided by plugin 'second'" in first
    assert "plugin second:" in second
    assert f"unit {unit!r} is also provided by plugin 'first'" in second


# -- check_plugin ---------------------------------------------------------------------------


def test_check_plugin_passes_a_good_plugin():
    assert check_plugin(IndicatorPlugin("t.good")) == []


def test_check_plugin_reports_a_plugin_without_hooks():
    class Forgot:
        def indikator_indicators(self):  # no @indikator.hookimpl
            return []

    [problem] = check_plugin(Forgot(), name="forgot")
    assert problem == (
        "error while loading indikator plugin forgot: implements no indikator hook "
        "(are its functions marked with @indikator.hookimpl?)"
    )


def test_check_plugin_reports_bad_results_and_can_raise():
    class Bad:
        @indikator.hookimpl
        def indikator_indicators(self):
            return [{"id": "t.dict"}]

    [problem] = check_plugin(Bad(), name="bad")
    assert "indikator_indicators() returned a dict at position 0, expected Indicator" in problem
    with pytest.raises(PluginError) as err:
        check_plugin(Bad(), name="bad", raise_errors=True)
    assert err.value.plugin == "bad"


def test_check_plugin_reports_an_unresolvable_programme_and_a_shared_metric():
    spec = ProgrammeSpec(
        id="t-prog", name="P", goal_areas=[GoalAreaSpec(id="t.a", name="A", indicators=["t.x"])]
    )

    class Plugin:
        @indikator.hookimpl
        def indikator_indicators(self):
            one = _indicator("t.one")
            return [one, attrs.evolve(one, id="t.two")]

        @indikator.hookimpl
        def indikator_programmes(self):
            return [spec]

    problems = check_plugin(Plugin(), name="p")
    assert len(problems) == 2
    assert "metric 't.one-m' is used by indicators 't.one' and 't.two'" in problems[0]
    assert "names unknown indicator(s) 't.x'" in problems[1]


def test_check_plugin_in_the_installed_manager_leaves_it_registered(indikator_installed_pm):
    assert check_plugin(indikator_example, pm=indikator_installed_pm) == []
    assert indikator_installed_pm.get_plugin("example") is indikator_example


def test_testing_reexports_the_hypothesis_strategies():
    import indikator.testing as testing
    from indikator.testing import strategies

    assert testing.observations is strategies.observations
    assert testing.metrics is strategies.metrics
    assert "series" in dir(testing)
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = testing.no_such_thing


# -- listing and the command line -------------------------------------------------------------


def test_table_lists_name_version_hooks_and_what_each_provides(indikator_pm, register_plugin):
    register_plugin(IndicatorPlugin("t.alpha", "t.beta"), "alpha-plugin")
    table = format_plugins_table(list_plugins())
    lines = table.splitlines()
    assert lines[0].split() == ["Tillägg", "(plugin)", "Version", "Krokar", "(hooks)"]
    row = next(i for i, line in enumerate(lines) if line.startswith("alpha-plugin "))
    assert lines[row].split() == ["alpha-plugin", "-", "indicators"]
    assert lines[row + 1].strip() == "indikatorer (indicators): t.alpha, t.beta"
    builtin = next(line for line in lines if line.startswith(f"{BUILTINS_NAME} "))
    assert builtin.split() == [BUILTINS_NAME, indikator.__version__, "rollups,", "strategies"]
    assert format_plugins_table([]) == "Inga tillägg är installerade (no plugins installed)."


def test_json_records_are_plain_data(indikator_pm):
    [record] = plugins_as_json(list_plugins())
    assert record == {
        "name": BUILTINS_NAME,
        "version": indikator.__version__,
        "distribution": "indikator-core",
        "hooks": ["indikator_rollups", "indikator_strategies"],
        "provides": {
            "strategies": sorted(BUILTIN_STRATEGIES),
            "rollups": sorted(BUILTIN_ROLLUPS),
        },
        "problems": [],
        "skipped": [],
        "loaded": True,
    }
    assert json.loads(json.dumps(record)) == record


def test_cli_plugins_table(indikator_installed_pm, capsys):
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert any(line.split()[:2] == ["example", "0.1.0"] for line in out.splitlines())
    assert f"indikatorer (indicators): {indikator_example.INDICATOR_ID}" in out
    assert "vs_base" in out


def test_cli_plugins_json(indikator_installed_pm, capsys):
    assert main(["plugins", "--json"]) == 0
    records = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["example"]["version"] == "0.1.0"
    assert records["example"]["hooks"] == ["indikator_indicators", "indikator_programmes"]
    assert records["example"]["provides"]["indicators"] == [indikator_example.INDICATOR_ID]
    assert records[BUILTINS_NAME]["provides"]["rollups"] == sorted(BUILTIN_ROLLUPS)


def test_cli_builds_its_manager_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("INDIKATOR_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["plugins", "--json"]) == 0
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == [BUILTINS_NAME]
    assert isinstance(get_plugin_manager(), IndikatorPluginManager)
