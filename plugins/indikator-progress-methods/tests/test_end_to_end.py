"""A small programme assessed with these strategies, and the Open SDG indicator roll-up."""

from __future__ import annotations

import pytest
from indikator import (
    Dataset,
    GoalArea,
    Judgment,
    Level,
    Metric,
    Programme,
    SimpleIndicator,
    Target,
    Verdict,
    WorstOf,
    assess,
)
from progress_methods_helpers import observations

from indikator_progress_methods.rollups import OpenSdgIndicator
from indikator_progress_methods.strategies import (
    DestatisWeather,
    EustatProjection,
    OpenSdgProgress,
    UnsdProgressChart,
)

P, U, N, NV = Verdict.POSITIVE, Verdict.UNCHANGED, Verdict.NEGATIVE, Verdict.NO_VALUE

EMISSIONS = Metric(
    id="emissions", name=("Utsläpp", "Emissions"), unit="t CO2e", direction="lower",
    strategy=OpenSdgProgress(), targets=[Target(500_000, "kg CO2e", 2030)],
)
RENEWABLES = Metric(
    id="renewables", name=("Förnybar andel", "Renewable share"), unit="%", direction="higher",
    strategy=OpenSdgProgress(), targets=[Target(80, "%", 2030)],
)
WASTE = Metric(
    id="waste", name="Avfall", unit="kg", direction="lower",
    strategy=OpenSdgProgress(use_target=False),
)
BUSES = Metric(
    id="buses", name="Bussresor", unit="st", direction="higher",
    strategy=DestatisWeather(), targets=[Target(120, "st", 2030)],
)
ORGANIC = Metric(
    id="organic", name="Ekologiskt", unit="%", direction="higher",
    strategy=UnsdProgressChart(), targets=[Target(60, "%", 2030)],
)
SICK = Metric(
    id="sick", name="Sjukfrånvaro", unit="%", direction="lower", strategy=EustatProjection(),
)


def programme(open_sdg: OpenSdgIndicator | None = None) -> Programme:
    osdg = open_sdg or OpenSdgIndicator(
        id="climate-osdg", name=("Klimatet", "Climate"), metrics=[EMISSIONS, RENEWABLES, WASTE]
    )
    mixed = SimpleIndicator(
        id="mixed", name="Blandat", metrics=[BUSES, ORGANIC, SICK], rollup=WorstOf()
    )
    return Programme(
        id="demo",
        name="Demo",
        goal_areas=[GoalArea(id="all", name="Allt", indicators=[osdg, mixed])],
    )


def dataset(
    period: int = 2020, skip: tuple[str, ...] = (), **overrides: dict[int, float]
) -> Dataset:
    data = {
        "emissions": ({2015: 1000.0, 2020: 850.0}, "t CO2e"),  # -3.2 %/yr, needs -4.5 %/yr
        "renewables": ({2015: 40.0, 2020: 60.0}, "%"),  # ahead of the 80 % path
        "waste": ({2015: 500.0, 2020: 520.0}, "kg"),  # rising: deterioration
        "buses": ({2017: 80.0, 2018: 85.0, 2019: 90.0, 2020: 95.0}, "st"),  # 5/yr -> 145
        "organic": ({2015: 20.0, 2020: 22.0}, "%"),  # far too slow
        "sick": ({2015: 6.0, 2020: 5.0}, "%"),  # -3.6 %/yr
    }
    obs = {}
    for key, (values, unit) in data.items():
        if key in skip:
            continue
        obs[key] = observations(overrides.get(key, values), unit)
    return Dataset(programme="demo", period=period, observations=obs)


def node(tree, node_id):
    return tree.find(node_id)


def test_metrics_keep_their_method_categories():
    tree = assess(programme(), dataset())
    cats = {
        m: node(tree, m).explanation.computed["category"]
        for m in ("emissions", "renewables", "waste", "buses", "organic", "sick")
    }
    assert cats == {
        "emissions": "moderate_progress",
        "renewables": "substantial_progress",
        "waste": "deterioration",
        "buses": "sun",
        "organic": "limited",
        "sick": "on_track",
    }
    assert [node(tree, m).verdict for m in ("emissions", "renewables", "waste")] == [U, P, N]
    assert [node(tree, m).verdict for m in ("buses", "organic", "sick")] == [P, U, P]
    # the 500 000 kg target of a metric in tonnes is converted: 500 t
    assert node(tree, "emissions").explanation.computed["target"] == pytest.approx(500.0)
    assert node(tree, "mixed").verdict is U  # worst of positive, unchanged, positive


def _scores(tree, ids):
    return [node(tree, m).explanation.computed["score"] for m in ids]


def test_open_sdg_indicator_is_the_mean_score_band():
    tree = assess(programme(), dataset())
    ind = node(tree, "climate-osdg")
    scores = _scores(tree, ("emissions", "renewables", "waste"))
    mean = sum(scores) / 3
    c = ind.explanation.computed
    assert c["score"] == pytest.approx(mean)
    band = (
        "substantial_progress" if mean >= 2.5 else "moderate_progress" if mean >= 0
        else "limited_progress" if mean >= -2.5 else "deterioration"
    )
    assert c["category"] == band
    assert (c["scored"], c["unscored"], c["target_achieved"]) == (3, 0, False)
    assert ind.level is Level.INDICATOR
    assert ind.strategy == "open_sdg_mean_score"
    assert "{" not in ind.explanation.sentence("sv")


def test_target_achieved_only_if_every_series_achieved_it():
    met = {"emissions": {2015: 1000.0, 2020: 400.0}, "renewables": {2015: 40.0, 2020: 85.0}}
    two = OpenSdgIndicator(id="climate-osdg", name="Klimat", metrics=[EMISSIONS, RENEWABLES])
    tree = assess(programme(two), dataset(skip=("waste",), **met))
    ind = node(tree, "climate-osdg")
    assert (ind.explanation.computed["category"], ind.verdict) == ("target_achieved", P)
    assert ind.explanation.computed["score"] == 5.0

    one = {"emissions": {2015: 1000.0, 2020: 400.0}, "renewables": {2015: 40.0, 2020: 39.0}}
    tree = assess(programme(two), dataset(skip=("waste",), **one))
    ind = node(tree, "climate-osdg")
    scores = _scores(tree, ("emissions", "renewables"))
    assert scores[0] == 5.0  # achieved
    assert ind.explanation.computed["target_achieved"] is False
    assert ind.explanation.computed["category"] != "target_achieved"
    assert ind.explanation.computed["score"] == pytest.approx(sum(scores) / 2)


def test_judged_and_unscored_metrics_are_left_out():
    judged = Dataset(
        programme="demo", period=2020, observations=dataset().observations,
        judgments=[Judgment(target="waste", period=2020, verdict="positive", reason="Ny metod")],
    )
    tree = assess(programme(), judged)
    c = node(tree, "climate-osdg").explanation.computed
    assert (c["scored"], c["judged"], c["metric.waste.score"]) == (2, 1, None)
    assert c["score"] == pytest.approx(sum(_scores(tree, ("emissions", "renewables"))) / 2)
    assert node(tree, "waste").verdict is P  # the judgment is kept on the metric


def test_no_scored_metric_gives_no_value():
    empty = {"emissions": {2020: 800.0}, "renewables": {2020: 60.0}, "waste": {2020: 1.0}}
    tree = assess(programme(), dataset(**empty))
    ind = node(tree, "climate-osdg")
    assert (ind.verdict, ind.explanation.reason) == (NV, "nothing_rated")


def test_indicator_mapping_is_configurable():
    strict = OpenSdgIndicator(
        id="climate-osdg", name="Klimat", metrics=[EMISSIONS, RENEWABLES, WASTE],
        verdicts={"moderate_progress": "negative", "limited_progress": "negative"},
    )
    default = node(assess(programme(), dataset()), "climate-osdg")
    custom = node(assess(programme(strict), dataset()), "climate-osdg")
    assert default.explanation.computed["category"] == custom.explanation.computed["category"]
    assert default.verdict is U
    assert custom.verdict is N
