"""Edge cases the Canadian data does not reach, against the method's published text, and
properties of what is new: thresholds overrides, sdg-build's score rule, grouped roll-ups.

The text: open-sdg/open-sdg ``docs/progress-methodology.md`` (summarised in
``methods.md``): a base or target of 0 counts as 0.001; base and latest values of
opposite signs cannot be assessed; a natural limit scales the positive thresholds by
``C = 1 - (y0/limit)**4.44`` when the base lies on the near side of the limit; a target
met is "target achieved" (score 5).
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from indikator import Dataset, GoalArea, Metric, Observation, Programme, Target, evaluate
from progress_methods_helpers import make_series
from test_columns import _check, trend_cases

from indikator_progress_methods import kernels as k
from indikator_progress_methods.rollups import OpenSdgIndicator
from indikator_progress_methods.strategies import OpenSdgProgress

SDG_BUILD = OpenSdgProgress(score_rule="sdg_build", use_target=False)


def _computed(strategy: OpenSdgProgress, values: dict[int, float], **kw: object) -> dict:  # type: ignore[type-arg]
    series = make_series(values, strategy=strategy, **kw)
    return dict(strategy.assess(series, max(values)).explanation.computed)


def test_a_base_of_zero_counts_as_0_001() -> None:
    c = _computed(SDG_BUILD, {2015: 0.0, 2020: 5.0})
    assert c["base_value"] == 0.001
    assert c["base_value_replaced"] is True
    assert c["progress_value"] == pytest.approx((5 / 0.001) ** (1 / 5) - 1)
    assert c["status"] == "substantial_progress"
    assert c["score"] == 5.0


def test_a_target_of_zero_counts_as_0_001() -> None:
    c = _computed(OpenSdgProgress(score_rule="sdg_build"), {2015: 2.0, 2020: 1.0},
                  direction="lower", targets=[Target(0.0, "%", 2030)])
    assert c["target"] == 0.001
    assert c["target_replaced"] is True
    cagr_a, cagr_r = 0.5 ** (1 / 5) - 1, (0.001 / 2) ** (1 / 15) - 1
    assert c["progress_value"] == pytest.approx(-cagr_a / abs(cagr_r))


def test_opposite_signs_are_not_available() -> None:
    c = _computed(SDG_BUILD, {2015: -2.0, 2020: 3.0})
    assert (c["status"], c["category"]) == ("not_available", "not_assessable")
    assert c["score"] is None


def test_an_all_negative_series_flips_the_direction() -> None:
    c = _computed(SDG_BUILD, {2015: -10.0, 2020: -5.0})  # higher is better: -10 → -5
    assert c["sign"] == -1
    assert c["progress_value"] == pytest.approx(-(0.5 ** (1 / 5) - 1))
    assert c["status"] == "substantial_progress"


def test_a_limit_beyond_the_base_scales_the_thresholds() -> None:
    strategy = OpenSdgProgress(score_rule="sdg_build", use_target=False, limit=100.0)
    coefficient = 1 - 0.9**4.44  # 0.374: 1.5 % a year becomes 0.56 %
    c = _computed(strategy, {2015: 90.0, 2020: 93.0})  # 0.66 % a year
    assert c["coefficient"] == pytest.approx(coefficient)
    assert c["threshold_high"] == pytest.approx(0.015 * coefficient)
    p = (93 / 90) ** (1 / 5) - 1
    assert c["status"] == "substantial_progress"
    assert c["score"] == pytest.approx(min(500 * p / coefficient - 5, 5))
    c = _computed(strategy, {2015: 90.0, 2020: 91.0})  # 0.22 % a year: moderate with C
    assert c["status"] == "moderate_progress"


def test_a_limit_behind_the_base_is_ignored() -> None:
    strategy = OpenSdgProgress(score_rule="sdg_build", use_target=False, limit=100.0)
    c = _computed(strategy, {2015: 120.0, 2020: 121.0})
    assert c["limit_ignored"] is True
    assert c["coefficient"] == 1.0
    assert c["threshold_high"] == 0.015


def test_a_base_at_the_limit_kept_is_substantial_progress() -> None:
    strategy = OpenSdgProgress(score_rule="sdg_build", use_target=False, limit=100.0)
    c = _computed(strategy, {2015: 100.0, 2020: 100.0})
    assert c["coefficient"] == 0.0
    assert (c["status"], c["score"]) == ("substantial_progress", 5.0)


@pytest.mark.parametrize("target_year", [2010, 2015])
def test_a_target_year_not_after_the_base_year_is_not_available(target_year: int) -> None:
    strategy = OpenSdgProgress(score_rule="sdg_build", target_year=target_year)
    c = _computed(strategy, {2015: 50.0, 2020: 60.0}, targets=[Target(80.0, "%", 2030)])
    assert c["status"] == "not_available"
    assert c["score"] is None


def test_a_target_met_is_achieved_with_score_5() -> None:
    c = _computed(OpenSdgProgress(score_rule="sdg_build"), {2015: 50.0, 2020: 81.0},
                  targets=[Target(80.0, "%", 2030)])
    assert (c["status"], c["score"], c["target_achieved"]) == ("target_achieved", 5.0, True)


def test_sdg_build_scores_at_the_published_anchor_points() -> None:
    t = k.open_sdg_thresholds(has_target=True)
    assert k.open_sdg_build_score(0.95, t, has_target=True) == pytest.approx(2.5, abs=1e-4)
    assert k.open_sdg_build_score(0.6, t, has_target=True) == pytest.approx(0.0, abs=1e-4)
    assert k.open_sdg_build_score(0.0, t, has_target=True) == -2.5
    assert k.open_sdg_build_score(-0.6, t, has_target=True) == pytest.approx(-5.0, abs=1e-4)
    assert k.open_sdg_build_score(2.0, t, has_target=True) == 5.0
    n = k.open_sdg_thresholds(has_target=False)
    for p, score in [(0.02, 5.0), (0.015, 2.5), (0.005, 0.0), (0.0, -2.5), (-0.02, -5.0)]:
        assert k.open_sdg_build_score(p, n, has_target=False) == pytest.approx(score)


def test_given_thresholds_replace_the_defaults_and_scale_with_the_limit() -> None:
    t = k.open_sdg_thresholds(has_target=False, coefficient=0.5, given={"high": 0.03})
    assert (t.high, t.med, t.low) == (0.015, 0.0025, 0.0)
    t = k.open_sdg_thresholds(has_target=True, coefficient=0.5, given={"low": -0.1})
    assert (t.high, t.med, t.low) == (0.95, 0.6, -0.1)
    with pytest.raises(ValueError, match="high, med and low"):
        k.open_sdg_thresholds(has_target=True, given={"top": 1.0})


@settings(max_examples=200, deadline=None)
@given(st.floats(-3, 3), st.booleans(), st.floats(0.01, 1.0))
def test_the_two_score_rules_differ_by_less_than_1e_3(p: float, has_target: bool,
                                                     c: float) -> None:
    coefficient = 1.0 if has_target else c
    t = k.open_sdg_thresholds(has_target=has_target, coefficient=coefficient)
    built = k.open_sdg_build_score(p, t, has_target=has_target, coefficient=coefficient)
    exact = k.open_sdg_score(p, has_target=has_target, coefficient=coefficient)
    assert -5.0 <= built <= 5.0
    assert built == pytest.approx(exact, abs=1e-3)


# -- the columnar face honours given thresholds ---------------------------------------------

THRESHOLDS = st.fixed_dictionaries({}, optional={
    "high": st.sampled_from([0.01, 0.015, 0.9, 1.0]),
    "med": st.sampled_from([0.0, 0.005, 0.5, 0.6]),
    "low": st.sampled_from([-0.5, -0.01, 0.0]),
})


PARAMETERS = st.tuples(st.booleans(), st.sampled_from([None, 100.0, 10.0]), THRESHOLDS,
                       st.sampled_from(["bands", "sdg_build"]))


@st.composite
def threshold_cases(draw: st.DrawFn) -> tuple[Metric, list[Observation], int]:
    metric, obs, last = draw(trend_cases())
    use_target, limit, given, rule = draw(PARAMETERS)
    strategy = OpenSdgProgress(use_target=use_target, limit=limit, progress_thresholds=given,
                               score_rule=rule)
    return (Metric(id="m", name="M", unit="%", direction=metric.direction, strategy=strategy,
                   targets=metric.targets, base_year=metric.base_year,
                   base_value=metric.base_value), obs, last)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(threshold_cases(), min_size=1, max_size=4))
def test_columns_honour_given_thresholds_as_assess_does(
        cases: list[tuple[Metric, list[Observation], int]]) -> None:
    _check(cases)


# -- grouped roll-ups -------------------------------------------------------------------------

GROWTH = st.sampled_from([-0.2, -0.01, 0.0, 0.004, 0.01, 0.03, 0.3])


def _indicator_score(growths: list[float], groups: object) -> float | None:
    metrics = [Metric(id=f"m{i}", name=f"M{i}", unit="%", strategy=SDG_BUILD)
               for i in range(len(growths))]
    indicator = OpenSdgIndicator(id="i", name="I", metrics=metrics, groups=groups)
    programme = Programme(id="p", name="P", goal_areas=[GoalArea(id="g", name="G",
                                                                 indicators=[indicator])])
    observations = {f"m{i}": [Observation(2015, 50.0, "%"),
                              Observation(2020, 50.0 * (1 + g) ** 5, "%")]
                    for i, g in enumerate(growths)}
    dataset = Dataset(programme="p", period=2020, observations=observations)
    tree = evaluate(programme, dataset, periods="latest").tree(None, 2020)
    node = tree.find("i")
    assert node is not None
    score = node.explanation.computed["score"]
    assert score is None or isinstance(score, float)
    return score


@settings(max_examples=30, deadline=None)
@given(st.lists(GROWTH, min_size=1, max_size=5), st.data())
def test_a_group_of_one_counts_as_its_series(growths: list[float],
                                             data: st.DataObject) -> None:
    ids = [f"m{i}" for i in range(len(growths))]
    wrapped = data.draw(st.integers(0, len(ids) - 1))
    grouped = tuple((x,) if i == wrapped else x for i, x in enumerate(ids))
    flat = _indicator_score(growths, None)
    assert flat is not None
    assert _indicator_score(growths, grouped) == pytest.approx(flat)


@settings(max_examples=30, deadline=None)
@given(st.lists(GROWTH, min_size=3, max_size=5), st.randoms())
def test_the_order_of_members_and_groups_does_not_matter(growths: list[float],
                                                         rnd: object) -> None:
    ids = [f"m{i}" for i in range(len(growths))]
    layout: list[object] = [ids[0], (ids[1], ids[2]), *ids[3:]]
    shuffled_inner = [ids[0], (ids[2], ids[1]), *ids[3:]]
    rnd.shuffle(shuffled_inner)  # type: ignore[attr-defined]
    assert _indicator_score(growths, tuple(layout)) == pytest.approx(
        _indicator_score(growths, tuple(shuffled_inner)))


def test_a_group_weighs_as_one_member() -> None:
    growths = [0.3, -0.2, -0.2, -0.2]
    scores = [k.open_sdg_build_score(g_p, k.open_sdg_thresholds(has_target=False),
                                     has_target=False)
              for g_p in ((1 + g) ** 1 - 1 for g in growths)]
    grouped = _indicator_score(growths, ("m0", ("m1", "m2", "m3")))
    assert grouped == pytest.approx((scores[0] + sum(scores[1:]) / 3) / 2)
    assert _indicator_score(growths, None) == pytest.approx(sum(scores) / 4)


def test_a_group_without_a_scored_member_is_left_out() -> None:
    flat = _indicator_score([0.01], None)
    metrics = [Metric(id=f"m{i}", name=f"M{i}", unit="%", strategy=SDG_BUILD) for i in range(3)]
    indicator = OpenSdgIndicator(id="i", name="I", metrics=metrics, groups=("m0", ("m1", "m2")))
    programme = Programme(id="p", name="P", goal_areas=[GoalArea(id="g", name="G",
                                                                 indicators=[indicator])])
    dataset = Dataset(programme="p", period=2020, observations={"m0": [
        Observation(2015, 50.0, "%"), Observation(2020, 50.0 * 1.01**5, "%")]})
    node = evaluate(programme, dataset, periods="latest").tree(None, 2020).find("i")
    assert node is not None
    assert node.explanation.computed["score"] == pytest.approx(flat)
    assert node.explanation.computed["group.1.score"] is None


@pytest.mark.parametrize(("groups", "words"), [
    (("m0", "mx"), "no such metric"),
    (("m0",), "belongs in groups"),
    (("m0", ()), "at least one member"),
])
def test_groups_must_name_the_metrics(groups: object, words: str) -> None:
    from indikator import InputError

    metrics = [Metric(id=f"m{i}", name=f"M{i}", unit="%", strategy=SDG_BUILD) for i in range(2)]
    with pytest.raises(InputError, match=words):
        OpenSdgIndicator(id="i", name="I", metrics=metrics, groups=groups)


def test_every_permutation_of_a_small_layout_gives_one_score() -> None:
    growths = [0.3, -0.01, 0.004, 0.03]
    scores = {round(s, 12) for s in (
        _indicator_score(growths, (p[0], (p[1], p[2]), p[3]))  # type: ignore[arg-type]
        for p in itertools.permutations(["m0", "m1", "m2", "m3"])
        if {p[1], p[2]} == {"m1", "m2"}) if s is not None}
    assert len(scores) == 1
    assert not math.isnan(next(iter(scores)))
