"""The engine: a pure, deterministic walk with judgments applied and reasons kept."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.engine import assess, assess_metric
from indikator.errors import InputError, PluginError
from indikator.model import (
    Dataset,
    GoalArea,
    Judgment,
    Metric,
    Observation,
    Programme,
    SimpleIndicator,
)
from indikator.rollup import StrictMajority
from indikator.series import build_series
from indikator.strategies import VsBase
from indikator.testing.strategies import datasets, programmes
from indikator.verdict import Assessment, Basis, Level, Rating, Verdict

cases = programmes().flatmap(lambda p: st.tuples(st.just(p), datasets(programme=p)))


@settings(max_examples=30)
@given(cases)
def test_every_node_is_its_rule_or_its_judgment(case: tuple[Programme, Dataset]) -> None:
    programme, dataset = case
    tree = assess(programme, dataset)
    assert tree == assess(programme, dataset)  # deterministic
    metrics = programme.metrics()
    for node in tree.walk():
        judgment = dataset.judgment_for(node.id, dataset.period)
        if node.level is Level.METRIC:
            metric = metrics[node.id]
            series = build_series(metric, dataset.observations.get(node.id, ()))
            assert node.rule_verdict is metric.strategy.assess(series, dataset.period).verdict
        else:
            rule = _rule_of(programme, node)
            assert node.rule_verdict is rule.combine([c.verdict for c in node.children]).verdict
        if judgment is None:
            assert node.verdict is node.rule_verdict
            assert node.basis in {Basis.RULE, Basis.ROLLUP}
        else:
            assert node.verdict is judgment.verdict
            assert node.basis is Basis.JUDGMENT
            assert node.explanation.inputs["reason"] == judgment.reason.strip().rstrip(".")
            assert node.rule_explanation is not None
        assert node.explanation.reason


def _rule_of(programme: Programme, node: Assessment) -> Any:
    if node.level is Level.PROGRAMME:
        return programme.rollup
    for area in programme.goal_areas:
        if area.id == node.id:
            return area.rollup
        for ind in area.indicators:
            if ind.id == node.id:
                return ind.rollup  # type: ignore[attr-defined]
    raise AssertionError(node.id)


@settings(max_examples=20)
@given(cases)
def test_the_order_of_indicators_and_areas_does_not_change_verdicts(
    case: tuple[Programme, Dataset],
) -> None:
    programme, dataset = case
    reordered = attrs.evolve(
        programme,
        goal_areas=tuple(
            attrs.evolve(a, indicators=tuple(reversed(a.indicators)))
            for a in reversed(programme.goal_areas)
        ),
    )
    a, b = assess(programme, dataset), assess(reordered, dataset)
    assert a.verdict is b.verdict
    assert {n.id: n.verdict for n in a.walk()} == {n.id: n.verdict for n in b.walk()}


def seed_programme() -> Programme:
    bus = Metric(
        id="bus", name="Energi per km", unit="kWh/km", direction="lower", strategy=VsBase()
    )
    waste = Metric(
        id="waste",
        name="Avfall",
        unit="kg/länsinvånare",
        direction="lower",
        strategy=VsBase(relative_dead_band=0.05),
    )
    energy = Metric(
        id="energy", name="Energi", unit="kWh/m2 BRA", direction="lower", strategy=VsBase()
    )
    food = Metric(
        id="food",
        name="Matsvinn gram per portion",
        unit="gram",
        direction="lower",
        strategy=VsBase(),
    )
    ind = SimpleIndicator(
        id="circular", name="Cirkulära flöden", metrics=(bus, waste, energy, food)
    )
    area = GoalArea(id="inkop", name="Hållbara inköp", indicators=(ind,))
    return Programme(id="hp", name="Hållbarhetsprogram", goal_areas=(area,))


def seed_dataset(*judgments: Judgment) -> Dataset:
    return Dataset(
        programme="hp",
        period=2024,
        observations={
            "bus": [Observation(2023, 3.6, "kWh/km"), Observation(2024, 4.5, "kWh/km")],
            "waste": [
                Observation(2023, 6.8, "kg/länsinvånare"),
                Observation(2024, 6.6, "kg/länsinvånare"),
            ],
            "energy": [Observation(2023, 188, "kWh/m2 BRA"), Observation(2024, 185, "kWh/m2 BRA")],
            "food": [Observation(2023, 90, "gram"), Observation(2024, 0.095, "kg")],
        },
        judgments=judgments,
        source="data/2024.toml",
    )


def test_a_judgment_overrides_the_rule_and_keeps_what_the_rule_said() -> None:
    reason = "Värdet ligger inom kollektivtrafikens målvärde."
    tree = assess(
        seed_programme(),
        seed_dataset(Judgment(target="bus", period=2024, verdict="Positiv", reason=reason)),
    )
    bus = tree.find("bus")
    assert (bus.verdict, bus.rule_verdict, bus.basis) == (
        Verdict.POSITIVE,
        Verdict.NEGATIVE,
        Basis.JUDGMENT,
    )
    assert bus.judgment is not None
    assert bus.rule_explanation is not None
    assert bus.rule_explanation.reason == "worsened"
    assert "kollektivtrafikens målvärde" in bus.explanation.sentence("sv")
    assert "regeln ensam ger negativ" in bus.explanation.sentence("sv")
    assert "the rule alone gives negative" in bus.explanation.sentence("en")
    # N, U, P, N: exactly half negative is no majority; P (judged), U, P, N: no majority
    assert assess(seed_programme(), seed_dataset()).find("circular").verdict is Verdict.UNCHANGED
    assert tree.find("circular").verdict is Verdict.UNCHANGED
    # judging the marginal waste change positive as well tips it: P, P, P, N
    tree = assess(
        seed_programme(),
        seed_dataset(
            Judgment(target="bus", period=2024, verdict="Positiv", reason=reason),
            Judgment(target="waste", period=2024, verdict="positive", reason="Minskat avfall."),
        ),
    )
    assert tree.find("circular").verdict is Verdict.POSITIVE
    assert tree.find("circular").rule_explanation is not None
    assert tree.find("circular").explanation.computed["positive"] == 3


def test_outcomes_in_other_units_are_converted_to_the_metrics() -> None:
    food = assess_metric(seed_programme().metrics()["food"], seed_dataset())
    assert food.verdict is Verdict.NEGATIVE
    assert [o.unit for o in food.observations] == ["gram", "kg"]
    assert food.rule_explanation is not None
    assert food.rule_explanation.inputs["current"] == pytest.approx(95.0)


def test_bad_data_is_refused_with_where_and_what() -> None:
    ds = attrs.evolve(seed_dataset(), observations={"bussar": [Observation(2024, 1.0, "st")]})
    with pytest.raises(InputError) as info:
        assess(seed_programme(), ds)
    assert info.value.source == "data/2024.toml"
    assert "bussar" in str(info.value)
    ds = attrs.evolve(seed_dataset(), observations={"bus": [Observation(2024, 1.0, "kg/invånare")]})
    with pytest.raises(InputError) as info:
        assess(seed_programme(), ds)
    assert "'kg/invånare'" in str(info.value)
    assert "'kWh/km'" in str(info.value)
    assert info.value.source == "data/2024.toml"
    j = Judgment(target="bus", period=2024, verdict="positive", reason="r")
    with pytest.raises(InputError, match="two judgments"):
        assess(seed_programme(), seed_dataset(j, j))
    ds = attrs.evolve(
        seed_dataset(),
        observations={"bus": [Observation(2024, 1.0, "kWh/km"), Observation(2024, 2.0, "kWh/km")]},
    )
    with pytest.raises(InputError, match="two observations") as info:
        assess(seed_programme(), ds)


@attrs.frozen
class Broken:
    id: ClassVar[str] = "broken"

    def assess(self, series: object, period: int) -> Rating:
        raise ZeroDivisionError("oops")


def test_a_strategy_that_raises_is_reported_as_a_plugin_error() -> None:
    metric = Metric(id="x", name="X", unit="st", strategy=Broken())
    programme = Programme(
        id="p",
        name="P",
        goal_areas=(
            GoalArea(
                id="a", name="A", indicators=(SimpleIndicator(id="i", name="I", metrics=(metric,)),)
            ),
        ),
    )
    with pytest.raises(PluginError, match="broken") as info:
        assess(programme, Dataset(programme="p", period=2024))
    assert "'x'" in str(info.value)


def test_areas_without_indicators_have_no_value() -> None:
    # Two goal areas got "Inget värde" in 2024 because their indicators were removed.
    programme = attrs.evolve(
        seed_programme(),
        goal_areas=(*seed_programme().goal_areas, GoalArea(id="empty", name="Tom", indicators=())),
    )
    tree = assess(programme, seed_dataset())
    assert tree.find("empty").verdict is Verdict.NO_VALUE
    assert tree.find("empty").explanation.reason == "no_rated_children"
    area = tree.find("inkop").verdict
    assert tree.verdict is StrictMajority().combine([area, Verdict.NO_VALUE]).verdict
    assert tree.explanation.computed["no_value"] == 1


def _small() -> tuple[Programme, Dataset]:
    metric = Metric(id="m", name="M", unit="st", strategy=VsBase())
    programme = Programme(
        id="p",
        name="P",
        first_year=2023,
        last_year=2030,
        goal_areas=[
            GoalArea(
                id="a", name="A", indicators=[SimpleIndicator(id="i", name="I", metrics=[metric])]
            )
        ],
    )
    dataset = Dataset(
        programme="p",
        period=2024,
        observations={"m": [Observation(2023, 1, "st"), Observation(2024, 2, "st")]},
    )
    return programme, dataset


def test_every_node_carries_the_period_it_was_assessed_for() -> None:
    programme, dataset = _small()
    assert {n.period for n in assess(programme, dataset).walk()} == {2024}
    assert {n.period for n in assess(programme, dataset, 2023).walk()} == {2023}


@pytest.mark.parametrize("period", [2022, 2031])
def test_a_period_outside_the_programme_years_is_refused(period: int) -> None:
    programme, dataset = _small()
    message = r"outside the years of programme 'p' \(2023–2030\)"
    with pytest.raises(InputError, match=message) as info:
        assess(programme, dataset, period)
    assert info.value.field == "period"
    assert info.value.value == period


def test_a_report_is_labelled_with_the_tree_period_not_the_dataset_period() -> None:
    import json

    from indikator.render import render

    programme, dataset = _small()
    tree = assess(programme, dataset, 2023)
    report = json.loads(render(tree, dataset, "json", programme=programme))
    assert report["period"] == 2023
    assert report["programme"]["period"] == 2023
    table = render(tree, dataset, "table", programme=programme)
    assert "Utveckling 2023" in table
    assert "Utveckling 2024" not in table
