"""What it would take: the ``to_positive`` figure is the edge of the metric's own rule.

For every metric rated unchanged or negative, ``to_positive`` is the value the next
period must reach to be rated positive. Three properties hold it to that:

* the columnar face (the result table) and the per-object face (the explanation's
  computed figures) give the same figure, bit for bit, for every row;
* fed back as the next period's outcome, the figure rates positive;
* a value slightly short of it (by a millionth of the figures' scale, far more than the
  tie rule's billionth and far less than any dead band, path or target step) does not.
"""

from __future__ import annotations

import math

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator import Dataset, GoalArea, Programme, SimpleIndicator, evaluate
from indikator.codes import VERDICTS
from indikator.model import Metric, Observation
from indikator.series import Series, build_series
from indikator.strategies import TextOutcome, VsBase, VsOwnTarget, VsTrajectory
from indikator.strategies._text import with_point
from indikator.testing import strategies as ist
from indikator.verdict import Rating, Verdict

TIES = st.sampled_from([-2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0])
VALUES = st.one_of(TIES, ist.finite_floats())


def _case(strategy: st.SearchStrategy[object], components: tuple[str, ...] = ()
          ) -> st.SearchStrategy[tuple[Metric, list[Observation], int]]:
    return ist.metric_with_series(
        metric=ist.metrics(strategy=strategy, values=VALUES, components=components),  # type: ignore[arg-type]
        values=VALUES,
        flags=True,
    )


CASES = st.one_of(
    _case(ist.vs_base_strategies()),
    _case(ist.trajectory_strategies()),
    _case(ist.own_target_strategies()),
    _case(ist.fallback_strategies()),
    _case(ist.components_strategies(), ("cmr", "kand")),
)


def _series(metric: Metric, observations: list[Observation]) -> Series:
    return build_series(metric, observations) if observations else Series(metric)


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(CASES, min_size=1, max_size=5))
def test_the_table_and_the_explanation_give_the_same_figure(
    cases: list[tuple[Metric, list[Observation], int]],
) -> None:
    metrics = [attrs.evolve(m, id=f"m{i}") for i, (m, _, _) in enumerate(cases)]
    programme = Programme(id="p", name="P", goal_areas=[GoalArea(
        id="a", name="A", indicators=[SimpleIndicator(id="i", name="I", metrics=metrics)])])
    obs = {m.id: [attrs.evolve(o, entity=f"e{i}") for o in observations]
           for i, (m, (_, observations, _)) in enumerate(zip(metrics, cases, strict=True))}
    periods = sorted({p for _, _, p in cases} | {p - 1 for _, _, p in cases})
    result = evaluate(programme, Dataset(programme="p", period=periods[-1], observations=obs),
                      periods=periods, entities=[f"e{i}" for i in range(len(cases))])
    column = result.figures["to_positive"]
    for s in range(len(result.slots)):
        entity = result.entities[int(result.slots.entity[s])]
        for k, metric in enumerate(metrics):
            n = result.plan.index[metric.id]
            mine = [o for o in obs[metric.id] if o.entity == entity]
            rating = metric.strategy.assess(_series(metric, mine), int(result.period[s, n]))
            want = rating.explanation.computed.get("to_positive")
            got = float(column[s, k])
            if want is None:
                assert math.isnan(got), (metric, mine, got)
            else:
                assert isinstance(want, float)
                assert got == want, (metric, mine, got, want)
            if VERDICTS[int(result.rule[s, n])] in (Verdict.POSITIVE, Verdict.NO_VALUE):
                assert math.isnan(got)


def _scale(*ratings: Rating) -> float:
    out = 1.0
    for r in ratings:
        for v in {**r.explanation.inputs, **r.explanation.computed}.values():
            if isinstance(v, float) and math.isfinite(v):
                out = max(out, abs(v))
    return out


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(CASES)
def test_the_figure_is_the_edge(case: tuple[Metric, list[Observation], int]) -> None:
    metric, observations, period = case
    series = _series(metric, observations)
    rating = metric.strategy.assess(series, period)
    edge = rating.explanation.computed.get("to_positive")
    if rating.verdict not in (Verdict.UNCHANGED, Verdict.NEGATIVE):
        assert edge is None
        return
    if edge is None:
        return
    assert isinstance(edge, float)
    assert rating.explanation.computed["next_period"] == period + 1
    point = series.at(period)
    own = None if point is None else point.own_target
    sign = metric.direction.sign
    reached = metric.strategy.assess(with_point(series, period + 1, edge, own), period + 1)
    assert reached.verdict is Verdict.POSITIVE, (reached.explanation.sentence("en"), edge)
    short = edge - sign * 1e-6 * _scale(rating, reached)
    missed = metric.strategy.assess(with_point(series, period + 1, short, own), period + 1)
    assert missed.verdict is not Verdict.POSITIVE, (missed.explanation.sentence("en"), short)


def _one(strategy: object, values: list[float], direction: str = "higher_is_better",
         **metric: object) -> Rating:
    m = Metric(id="m", name="M", unit="st", direction=direction, strategy=strategy,  # type: ignore[arg-type]
               **metric)  # type: ignore[arg-type]
    obs = [Observation(2020 + i, v, unit="st") for i, v in enumerate(values)]
    return m.strategy.assess(build_series(m, obs), 2019 + len(values))


def test_each_rule_says_what_it_would_take() -> None:
    # against the previous value: just past the dead band, in the desired direction
    within = _one(VsBase(dead_band=2.0), [10.0, 11.0])
    assert within.verdict is Verdict.UNCHANGED
    assert within.explanation.computed["to_positive"] > 13.0
    assert within.explanation.computed["to_positive"] < 13.0 + 1e-6
    assert "högre än 13 st" in within.explanation.sentence("sv")
    lower = _one(VsBase(), [5.0, 6.0], "lower_is_better")
    assert lower.explanation.computed["to_positive"] < 6.0
    assert "below 6 st" in lower.explanation.sentence("en")
    # against a path: the path's next value (on it counts)
    path = _one(VsTrajectory(start_year=2020, start_value=0.0, target_year=2030,
                             target_value=100.0), [0.0, 5.0])
    assert path.verdict is Verdict.UNCHANGED
    assert path.explanation.computed["to_positive"] == 20.0
    assert "minst 20 st" in path.explanation.sentence("sv")
    # against a target: the target
    short = _one(VsOwnTarget(target_value=50.0), [10.0, 9.0])
    assert short.verdict is Verdict.NEGATIVE
    assert short.explanation.computed["to_positive"] == 50.0
    assert "at least 50 st" in short.explanation.sentence("en")
    # positive: nothing to say
    assert "to_positive" not in _one(VsBase(), [1.0, 2.0]).explanation.computed


def test_a_text_scale_names_the_next_step_counted_from_one() -> None:
    m = Metric(id="t", name="T", strategy=TextOutcome(scale=("Låg", "Medel", "Hög")))
    obs = [Observation(2023, text="Medel"), Observation(2024, text="Låg")]
    rating = m.strategy.assess(build_series(m, obs), 2024)
    assert rating.verdict is Verdict.NEGATIVE
    sv = rating.explanation.sentence("sv")
    assert sv.startswith("Steg 1 av 3 på skalan 2024, mot steg 2 2023.")
    assert "steg 2: «Medel»" in sv
    series = build_series(m, [*obs, Observation(2025, text=str(
        rating.explanation.computed["to_positive_text"]))])
    assert m.strategy.assess(series, 2025).verdict is Verdict.POSITIVE
    top = build_series(m, [Observation(2023, text="Hög"), Observation(2024, text="Hög")])
    assert "to_positive_text" not in m.strategy.assess(top, 2024).explanation.computed


def test_the_sentence_rounds_away_from_the_edge() -> None:
    # -22.222... is required in 2025: "at most -22.22" (the nearest) would not be enough
    from indikator.strategies import VsTrajectory as Path

    rating = _one(Path(start_year=2021, start_value=0.0, target_year=2030,
                       target_value=-50.0), [-2.0, 1.0, 1.0, 1.0, 1.0], "lower_is_better")
    assert "at most -22.23 st" in rating.explanation.sentence("en")
    edge = rating.explanation.computed["to_positive"]
    assert isinstance(edge, float)
    assert -22.23 < edge < -22.22
    up = _one(Path(start_year=2020, start_value=0.0, target_year=2030, target_value=100.0),
              [0.0, 5.0])
    assert "minst 20 st" in up.explanation.sentence("sv")  # 20 stays 20
