"""The columnar face of the four methods agrees with their per-object ``assess``.

Many generated series, each under its own metric and entity, are rated in one
``rate_rows`` call over several periods; every row must carry exactly the verdict code and
reason that ``strategy.assess`` gives for the same series (built from the records, not
from the frame) and period. The generated data reaches every no-value reason of the four
methods (the test counts them), and hand-made cases sit exactly on every threshold.
End to end, ``indikator.evaluate`` over several entities gives, node by node, the verdict
and reason of ``indikator.assess`` on each entity alone.
"""

from __future__ import annotations

from collections import Counter
from enum import Enum

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from indikator import (
    Component,
    Dataset,
    Flag,
    GoalArea,
    Metric,
    Observation,
    Programme,
    SimpleIndicator,
    Target,
    TargetKind,
    TargetOwner,
    Verdict,
    WorstOf,
    assess,
    evaluate,
)
from indikator.codes import VERDICTS, reason_name, verdict_code
from indikator.data import Observations, SeriesFrame
from indikator.series import Series, build_series
from indikator.strategies import Components
from indikator.strategies.columns import Rows, rate_rows
from indikator.testing import strategies as ist

from indikator_progress_methods import kernels as k
from indikator_progress_methods.rollups import OpenSdgIndicator
from indikator_progress_methods.strategies import (
    DestatisWeather,
    EustatProjection,
    OpenSdgProgress,
    UnsdProgressChart,
)

# Small values make exact ties, zeros, equal base and target and opposite signs likely.
TIES = st.sampled_from([-2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 4.0, 9.0, 10.0, 100.0])
VALUES = st.one_of(TIES, st.integers(-20, 120).map(float), ist.finite_floats())
YEARS = st.integers(2008, 2032)
OPTIONAL_YEAR = st.one_of(st.none(), YEARS)
OPTIONAL_VALUE = st.one_of(st.none(), VALUES)
RATED = st.sampled_from(["positive", "unchanged", "negative"])


def _verdicts(categories: type[k.Weather] | type[k.OpenSdgStatus] | type[k.UnsdCategory]
              | type[k.EustatCategory]) -> st.SearchStrategy[dict[str, str]]:
    names = [c.value for c in categories if c.value not in ("not_assessable", "none")]
    return st.dictionaries(st.sampled_from(names), RATED, max_size=2)


STRATEGIES = st.one_of(
    st.builds(OpenSdgProgress, use_target=st.booleans(), target_value=OPTIONAL_VALUE,
              target_year=OPTIONAL_YEAR, base_year=OPTIONAL_YEAR,
              limit=st.one_of(st.none(), st.just(0.0), TIES, VALUES),
              verdicts=_verdicts(k.OpenSdgStatus)),
    st.builds(DestatisWeather, owner=st.sampled_from([None, *TargetOwner]),
              target_value=st.one_of(st.none(), st.none(), VALUES), target_year=OPTIONAL_YEAR,
              direction_only=st.booleans(), default_target_year=YEARS,
              verdicts=_verdicts(k.Weather)),
    st.builds(UnsdProgressChart, target_value=OPTIONAL_VALUE, target_year=OPTIONAL_YEAR,
              base_year=OPTIONAL_YEAR, verdicts=_verdicts(k.UnsdCategory)),
    st.builds(EustatProjection, use_target=st.booleans(), target_value=OPTIONAL_VALUE,
              target_year=OPTIONAL_YEAR, base_year=OPTIONAL_YEAR,
              near_bound_tolerance=st.sampled_from([0.0, 1.0, 2.5]),
              verdicts=_verdicts(k.EustatCategory)),
)


@st.composite
def metrics(draw: st.DrawFn, strategy: st.SearchStrategy[object] = STRATEGIES) -> Metric:
    """A metric in ``%`` or tonnes with any targets (several level years, keep, direction)."""
    unit = draw(st.sampled_from(["%", "t CO2e"]))
    target_unit = unit if unit == "%" else draw(st.sampled_from([unit, "kg CO2e"]))
    targets = draw(st.lists(ist.targets(unit=target_unit, value=VALUES, year=YEARS),
                            max_size=3))
    has_base = draw(st.booleans())
    return Metric(
        id="m", name="M", unit=unit, direction=draw(ist.directions()),
        strategy=draw(strategy), targets=targets,
        base_year=draw(YEARS) if has_base else None,
        base_value=draw(VALUES) if has_base else None,
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Metric, list[Observation], int]:
    """A metric, its observations (gaps, missing values, breaks, flags) and a period."""
    metric = draw(metrics())
    last = draw(st.integers(2012, 2030))
    unit = "%" if metric.unit == "%" else st.sampled_from(["t CO2e", "kg CO2e"])
    obs = draw(ist.series(unit=unit, values=VALUES, min_size=0, max_size=9, last=last,
                          missing=True, flags=True))
    return metric, obs, last


PLAIN = [OpenSdgProgress(), OpenSdgProgress(use_target=False), OpenSdgProgress(base_year=None),
         UnsdProgressChart(), UnsdProgressChart(base_year=None), EustatProjection(),
         EustatProjection(base_year=None), EustatProjection(use_target=False),
         DestatisWeather(), DestatisWeather(owner=None)]


@st.composite
def trend_cases(draw: st.DrawFn) -> tuple[Metric, list[Observation], int]:
    """A steady trend from a small base with a target near its path: every category."""
    base = draw(st.sampled_from([-10.0, -1.0, 0.0, 1.0, 10.0, 100.0]))
    growth = draw(st.sampled_from([-0.5, -0.05, -0.01, 0.0, 0.004, 0.01, 0.03, 0.1, 1.0]))
    last = draw(st.integers(2016, 2030))
    years = draw(ist.years(min_size=1, max_size=8, last=last))
    values = [round(base * (1.0 + growth) ** i, 2) for i in range(len(years))]
    factor = draw(st.sampled_from([-1.0, 0.0, 0.5, 1.0, 1.05, 1.2, 1.5, 2.0, 4.0]))
    kind = draw(st.sampled_from([TargetKind.LEVEL, TargetKind.LEVEL, TargetKind.KEEP]))
    target_year = None if kind is TargetKind.KEEP else draw(st.sampled_from(
        [2014, 2015, 2016, 2020, 2025, 2030]))
    targets = [Target(base * factor, "%", target_year, kind)] if draw(st.integers(0, 4)) else []
    metric = Metric(id="m", name="M", unit="%", direction=draw(ist.directions()),
                    strategy=draw(st.one_of(st.sampled_from(PLAIN), STRATEGIES)), targets=targets,
                    base_year=draw(st.one_of(st.none(), st.just(years[0]))),
                    base_value=None)
    if metric.base_year is not None:
        metric = attrs.evolve(metric, base_value=values[0])
        years, values = years[1:], values[1:]
    breaks = draw(st.sets(st.sampled_from(years), max_size=1)) if years else set()
    obs = [Observation(y, v, "%", flags=[Flag.SERIES_BREAK] if y in breaks else [])
           for y, v in zip(years, values, strict=True)]
    return metric, obs, last


SEEN: Counter[str] = Counter()


def _check(cases: list[tuple[Metric, list[Observation], int]]) -> None:
    """Rate every (entity, metric, period) at once and row by row; they must agree."""
    metrics = [attrs.evolve(m, id=f"m{i}") for i, (m, _, _) in enumerate(cases)]
    records: list[tuple[str, Observation]] = []
    for i, (m, (_, obs, _)) in enumerate(zip(metrics, cases, strict=True)):
        records += [(m.id, attrs.evolve(o, entity=f"e{i % 3}")) for o in obs]
    frame = SeriesFrame.build(Observations.from_records(records), metrics)
    periods = sorted({p + d for _, _, p in cases for d in (-2, -1, 0, 1)})
    # every entity of the frame, and one without any observations
    ents = range(len(frame.entities) + 1)
    e, m, p = (np.array(x, dtype=np.int64).ravel() for x in np.meshgrid(
        list(ents), range(len(metrics)), periods, indexing="ij"))
    rated = rate_rows([mt.strategy for mt in metrics], m, Rows.of(frame, e, m, p))
    for i in range(len(e)):
        metric = metrics[int(m[i])]
        entity = frame.entities[int(e[i])] if e[i] < len(frame.entities) else "none"
        mine = [o for mid, o in records if mid == metric.id and o.entity == entity]
        series = build_series(metric, mine) if mine else Series(metric)
        expected = metric.strategy.assess(series, int(p[i]))
        got = (VERDICTS[int(rated.verdict[i])], reason_name(int(rated.reason[i])))
        assert got == (expected.verdict, expected.explanation.reason), (
            metric, mine, int(p[i]))
        SEEN[f"{metric.strategy.id}:{expected.explanation.reason}"] += 1
    assert not rated.ratings  # every row went through a kernel, none through the loop


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(cases(), trend_cases(), trend_cases()), min_size=1, max_size=6))
def test_columns_agree_with_assess(cases: list[tuple[Metric, list[Observation], int]]) -> None:
    _check(cases)


# --------------------------------------------------------------------------------------
# Exact ties and rare reasons, by hand
# --------------------------------------------------------------------------------------


def _obs(values: dict[int, float] | list[Observation], unit: str = "%",
         breaks: tuple[int, ...] = ()) -> list[Observation]:
    if isinstance(values, list):
        return values
    return [Observation(y, v, unit, flags=[Flag.SERIES_BREAK] if y in breaks else [])
            for y, v in sorted(values.items())]


def _metric(strategy: object, *, direction: str = "higher", targets: tuple[Target, ...] = (),
            base_year: int | None = None, base_value: float | None = None) -> Metric:
    return Metric(id="m", name="M", unit="%", direction=direction, strategy=strategy,
                  targets=targets, base_year=base_year, base_value=base_value)


LEVEL_2030 = (Target(200.0, "%", 2030),)
TIE_CASES = [
    # Destatis: projected shortfall exactly 5 % and exactly 20 % of the gap (both inclusive)
    ("partly_cloudy", _metric(DestatisWeather(), targets=LEVEL_2030),
     {2016: 62.0, 2017: 71.5, 2018: 81.0, 2019: 90.5, 2020: 100.0}, 2020),
    ("partly_cloudy", _metric(DestatisWeather(), targets=LEVEL_2030),
     {2016: 68.0, 2017: 76.0, 2018: 84.0, 2019: 92.0, 2020: 100.0}, 2020),
    # Destatis keep: met exactly with a flat average (sun), not met and flat (thunderstorm)
    ("sun", _metric(DestatisWeather(target_value=5.0)),
     {2017: 5.0, 2018: 6.0, 2019: 4.0, 2020: 5.0}, 2020),
    ("thunderstorm", _metric(DestatisWeather(target_value=6.0)),
     {2017: 5.0, 2018: 6.0, 2019: 4.0, 2020: 5.0}, 2020),
    # Destatis: the base value fills the window to four points; a break leaves three
    ("sun", _metric(DestatisWeather(direction_only=True), base_year=2016, base_value=1.0),
     {2017: 2.0, 2018: 3.0, 2019: 4.0}, 2019),
    ("too_few_points", _metric(DestatisWeather(direction_only=True)),
     {2015: 1.0, 2016: 2.0, 2017: 3.0, 2018: 4.0, 2019: 5.0}, 2019, (2017,)),
    # ... and a break on a missing outcome in the base year keeps the base value
    ("sun", _metric(DestatisWeather(direction_only=True), base_year=2016, base_value=1.0),
     [Observation(2016, flags=[Flag.SERIES_BREAK]), *_obs({2017: 2.0, 2018: 3.0, 2019: 4.0})],
     2019),
    # Destatis: the window is the last six points (from 2015 here, not 2014 or 2016)
    ("partly_cloudy", _metric(DestatisWeather(direction_only=True)),
     {2014: 20.0, 2015: 0.0, 2016: 10.0, 2017: 9.0, 2018: 8.0, 2019: 7.0, 2020: 6.0}, 2020),
    # UNSD: CR exactly 0.5 (fair, inclusive)
    ("fair", _metric(UnsdProgressChart(target_value=9.0, target_year=2017)),
     {2015: 1.0, 2017: 4.0}, 2017),
    # Open SDG: no change is limited progress (P = 0 >= 0); at the limit C = 0: substantial
    ("limited_progress", _metric(OpenSdgProgress(use_target=False)),
     {2015: 50.0, 2020: 50.0}, 2020),
    ("substantial_progress", _metric(OpenSdgProgress(use_target=False, limit=100.0)),
     {2015: 100.0, 2020: 100.0}, 2020),
    # Open SDG: a limit ahead of the base scales the thresholds; one behind it is ignored
    ("substantial_progress", _metric(OpenSdgProgress(use_target=False, limit=100.0)),
     {2015: 90.0, 2016: 90.9}, 2016),
    ("moderate_progress", _metric(OpenSdgProgress(use_target=False, limit=100.0)),
     {2015: 150.0, 2016: 152.175}, 2016),
    # Open SDG: a zero base becomes 0.001; a target met exactly is achieved
    ("target_achieved", _metric(OpenSdgProgress(target_value=4.0)), {2015: 0.0, 2020: 4.0}, 2020),
    ("mixed_signs", _metric(OpenSdgProgress(use_target=False)), {2015: 0.0, 2020: -4.0}, 2020),
    # Open SDG with a target: rare reasons and moderate progress
    ("zero_required_rate", _metric(OpenSdgProgress(target_value=50.0)),
     {2015: 50.0, 2020: 40.0}, 2020),
    ("target_year_not_after_base", _metric(OpenSdgProgress(target_value=80.0, target_year=2015)),
     {2015: 50.0, 2020: 60.0}, 2020),
    ("target_sign_mismatch", _metric(OpenSdgProgress(target_value=-80.0), direction="lower"),
     {2015: 50.0, 2020: 60.0}, 2020),
    ("moderate_progress", _metric(OpenSdgProgress(target_value=80.0)),
     {2015: 40.0, 2020: 48.0}, 2020),
    # UNSD: each band and the reasons a random series seldom gives
    ("on_track", _metric(UnsdProgressChart(target_value=80.0)), {2015: 40.0, 2020: 70.0}, 2020),
    ("limited", _metric(UnsdProgressChart(target_value=80.0)), {2015: 40.0, 2020: 41.0}, 2020),
    ("deterioration", _metric(UnsdProgressChart(target_value=80.0)),
     {2015: 40.0, 2020: 30.0}, 2020),
    ("mixed_signs", _metric(UnsdProgressChart(target_value=80.0)),
     {2015: 40.0, 2020: -1.0}, 2020),
    ("target_behind_base", _metric(UnsdProgressChart(target_value=20.0)),
     {2015: 40.0, 2020: 30.0}, 2020),
    ("zero_required_rate", _metric(UnsdProgressChart(target_value=40.0)),
     {2015: 40.0, 2020: 30.0}, 2020),
    ("no_base_year", _metric(UnsdProgressChart(target_value=80.0)), {2013: 40.0, 2014: 50.0},
     2014),
    ("no_target", _metric(UnsdProgressChart()), {2015: 40.0, 2020: 50.0}, 2020),
    ("target_sign_mismatch", _metric(UnsdProgressChart(target_value=-80.0), direction="lower"),
     {2015: 40.0, 2020: 50.0}, 2020),
    ("target_year_not_after_base", _metric(UnsdProgressChart(target_value=80.0,
                                                             target_year=2015)),
     {2015: 40.0, 2020: 50.0}, 2020),
    ("too_few_points", _metric(UnsdProgressChart(target_value=80.0)), {2020: 50.0}, 2020),
    ("zero_base", _metric(UnsdProgressChart(target_value=80.0)), {2015: 0.0, 2020: 50.0}, 2020),
    ("no_current_value", _metric(UnsdProgressChart(target_value=80.0)), {2015: 40.0}, 2020),
    ("no_current_value", _metric(OpenSdgProgress()), {2015: 40.0}, 2020),
    ("no_current_value", _metric(DestatisWeather()), {2015: 40.0}, 2020),
    ("no_current_value", _metric(EustatProjection()), {2015: 40.0}, 2020),
    ("no_base_year", _metric(OpenSdgProgress(use_target=False)), {2013: 40.0, 2014: 50.0},
     2014),
    ("too_few_points", _metric(OpenSdgProgress(use_target=False)), {2020: 50.0}, 2020),
    ("deterioration", _metric(OpenSdgProgress(use_target=False)), {2015: 50.0, 2020: 40.0},
     2020),
    ("too_few_points", _metric(EustatProjection(use_target=False)), {2020: 50.0}, 2020),
    ("mixed_signs", _metric(EustatProjection(use_target=False)), {2015: 5.0, 2020: -1.0}, 2020),
    ("stagnation_or_regression", _metric(EustatProjection(use_target=False)),
     {2015: 50.0, 2020: 40.0}, 2020),
    # values so extreme that a figure leaves the float range
    ("numeric_overflow", _metric(OpenSdgProgress(use_target=False)),
     {2015: 1e-300, 2016: 1e300}, 2016),
    ("numeric_overflow", _metric(UnsdProgressChart(target_value=80.0)),
     {2015: 1e-300, 2016: 1e300}, 2016),
    ("numeric_overflow", _metric(EustatProjection(use_target=False)),
     {2015: 1e-300, 2016: 1e300}, 2016),
    ("numeric_overflow", _metric(DestatisWeather(direction_only=True)),
     {2017: -1e308, 2018: 0.0, 2019: 0.0, 2020: 1e308}, 2020),
    # Destatis: a level target approached too slowly (cloud)
    ("cloud", _metric(DestatisWeather(), targets=LEVEL_2030),
     {2017: 97.0, 2018: 98.0, 2019: 99.0, 2020: 100.0}, 2020),
    # EUSTAT: share exactly 0.95 in the target year (on track), past it (acceleration
    # needed), exactly 0.10; a 100 % target within the tolerance is achieved
    ("on_track", _metric(EustatProjection(target_value=200.0, target_year=2020)),
     {2015: 100.0, 2020: 195.0}, 2020),
    ("needs_acceleration", _metric(EustatProjection(target_value=200.0, target_year=2019)),
     {2015: 100.0, 2020: 195.0}, 2020),
    ("needs_acceleration", _metric(EustatProjection(target_value=20.0, target_year=2020)),
     {2015: 10.0, 2020: 11.0}, 2020),
    ("achieved", _metric(EustatProjection(target_value=100.0)), {2015: 90.0, 2020: 99.0}, 2020),
    ("target_equals_base", _metric(EustatProjection(target_value=10.0, target_year=2030),
                                   direction="lower"), {2015: 10.0, 2020: 11.0}, 2020),
    ("zero_base", _metric(EustatProjection(), base_year=2015, base_value=0.0),
     {2020: 3.0}, 2020),
]


@pytest.mark.parametrize("case", TIE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(TIE_CASES)])
def test_exact_ties_agree(case: tuple) -> None:  # type: ignore[type-arg]
    reason, metric, values, period, *breaks = case
    obs = _obs(values, breaks=breaks[0] if breaks else ())
    expected = metric.strategy.assess(build_series(metric, obs), period)
    assert expected.explanation.reason == reason  # the case sits where it says
    _check([(metric, obs, period)])


# --------------------------------------------------------------------------------------
# End to end: evaluate() over several entities against assess() on each entity
# --------------------------------------------------------------------------------------

E2E_METRICS = [
    Metric(id="osdg", name="Open SDG", unit="%", strategy=OpenSdgProgress(),
           targets=[Target(80, "%", 2030)]),
    Metric(id="osdg-free", name="Open SDG utan mål", unit="%", direction="lower",
           strategy=OpenSdgProgress(use_target=False, limit=0.0)),
    Metric(id="destatis", name="Destatis", unit="%", strategy=DestatisWeather(owner=None),
           targets=[Target(60, "%", 2025), Target(90, "%", 2030),
                    Target(40, "%", kind=TargetKind.KEEP, owner=TargetOwner.UNIT),
                    Target(kind=TargetKind.DIRECTION)]),
    Metric(id="unsd", name="UNSD", unit="%", strategy=UnsdProgressChart(),
           targets=[Target(60, "%", 2030)], base_year=2015, base_value=30.0),
    Metric(id="eustat", name="EUSTAT", unit="%", direction="lower",
           strategy=EustatProjection(verdicts={"needs_acceleration": "negative"}),
           targets=[Target(0, "%", 2030)]),
    Metric(id="eustat-free", name="EUSTAT utan mål", unit="%",
           strategy=EustatProjection(use_target=False)),
]
E2E = Programme(id="p", name="P", goal_areas=[GoalArea(id="a", name="A", indicators=[
    OpenSdgIndicator(id="i-osdg", name="Open SDG", metrics=E2E_METRICS[:2]),
    SimpleIndicator(id="i-rest", name="Övrigt", metrics=E2E_METRICS[2:], rollup=WorstOf()),
])])


@st.composite
def entity_data(draw: st.DrawFn) -> dict[str, list[Observation]]:
    out: dict[str, list[Observation]] = {}
    for m in E2E_METRICS:
        if draw(st.integers(0, 5)):
            out[m.id] = draw(ist.series(unit="%", values=st.one_of(TIES, st.integers(
                0, 100).map(float)), min_size=1, max_size=8, last=2024, missing=True,
                flags=True))
    return out


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(entity_data(), min_size=2, max_size=4))
def test_evaluate_over_entities_equals_assess_per_entity(
    entities: list[dict[str, list[Observation]]],
) -> None:
    names = [f"{1980 + i}" for i in range(len(entities))]
    everything: dict[str, list[Observation]] = {}
    for name, data in zip(names, entities, strict=True):
        for mid, obs in data.items():
            everything.setdefault(mid, []).extend(attrs.evolve(o, entity=name) for o in obs)
    result = evaluate(E2E, Dataset(programme="p", period=2024, observations=everything),
                      entities=names)
    for s, (name, data) in enumerate(zip(names, entities, strict=True)):
        own = {mid: [attrs.evolve(o, entity=name) for o in obs] for mid, obs in data.items()}
        alone = assess(E2E, Dataset(programme="p", period=2024, observations=own))
        together = result.tree(name)
        for node in together.walk():
            other = alone.find(node.id)
            assert (node.verdict, node.explanation.reason) == (
                other.verdict, other.explanation.reason), (name, node.id)
        # the kernels' reason codes are the lazy per-object explanations' reasons
        for m in E2E_METRICS:
            n = result.plan.index[m.id]
            series = build_series(m, own[m.id]) if m.id in own else Series(m)
            expected = m.strategy.assess(series, 2024)
            assert reason_name(int(result.reason[s, n])) == expected.explanation.reason
            assert int(result.rule[s, n]) == verdict_code(expected.verdict)
            assert together.find(m.id).explanation == expected.explanation


def test_a_mapping_changes_the_verdict_not_the_reason() -> None:
    mapped = attrs.evolve(E2E_METRICS[5], strategy=EustatProjection(
        use_target=False, verdicts={"on_track": "negative"}))
    obs = _obs({2015: 100.0, 2020: 200.0})
    for metric, verdict in ((E2E_METRICS[5], Verdict.POSITIVE), (mapped, Verdict.NEGATIVE)):
        programme = Programme(id="p", name="P", goal_areas=[GoalArea(id="a", name="A", indicators=[
            SimpleIndicator(id="i", name="I", metrics=[metric])])])
        node = evaluate(programme, Dataset(programme="p", period=2020,
                                           observations={metric.id: obs})).tree().find(metric.id)
        assert (node.verdict, node.explanation.reason) == (verdict, "on_track")


@st.composite
def component_cases(draw: st.DrawFn) -> tuple[Metric, list[Observation], int]:
    """A metric with two component series (two trends), each rated by one of the methods."""
    metric, first, last = draw(trend_cases())
    _, second, _ = draw(trend_cases())
    metric = attrs.evolve(metric, strategy=Components(each=metric.strategy),
                          components=(Component("a", "A"), Component("b", "B")))
    obs = [attrs.evolve(o, component="a") for o in first]
    obs += [attrs.evolve(o, component="b") for o in second if o.period <= last]
    return metric, obs, last


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(component_cases(), min_size=1, max_size=3))
def test_component_rows_agree_with_assess(
    cases: list[tuple[Metric, list[Observation], int]],
) -> None:
    # Components rates its component series through the methods' columnar faces: a check
    # of that wiring (component rows, component windows); the roll-up hides their reasons
    _check(cases)


# Every reason the four methods can give (``no_data``, ``duplicate_years`` and
# ``base_after_latest`` cannot arise through a strategy: the period's own outcome is always
# among the points, and a series has one point a year): the generated cases and the hand-made ones
# together must have reached each one (the test runs after the generated ones, in file
# order; the hand-made cases are rated again here so that the check does not depend on
# which other tests ran).
def _rated(categories: type[Enum]) -> list[str]:
    return [c.value for c in categories if c.value not in ("not_assessable", "none")]


REACHABLE = {
    "open_sdg_progress": {
        "no_current_value", "no_base_year", "mixed_signs", "too_few_points",
        "target_sign_mismatch", "target_year_not_after_base", "zero_required_rate",
        "numeric_overflow", *_rated(k.OpenSdgStatus),
    },
    "destatis_weather": {
        "no_current_value", "too_few_points", "numeric_overflow",
        *_rated(k.Weather),
    },
    "unsd_progress_chart": {
        "no_current_value", "no_target", "no_base_year", "target_behind_base",
        "too_few_points", "zero_base", "mixed_signs", "target_sign_mismatch",
        "target_year_not_after_base", "zero_required_rate", "numeric_overflow",
        *_rated(k.UnsdCategory),
    },
    "eustat_projection": {
        "no_current_value", "too_few_points", "zero_base", "mixed_signs", "target_equals_base",
        "numeric_overflow", *_rated(k.EustatCategory),
    },
}


def test_the_cases_reached_every_reason() -> None:
    if not SEEN:
        pytest.skip("runs after test_columns_agree_with_assess")
    for _, metric, values, period, *breaks in TIE_CASES:
        _check([(metric, _obs(values, breaks=breaks[0] if breaks else ()), period)])
    missing = {f"{sid}:{r}" for sid, reasons in REACHABLE.items() for r in reasons} - set(SEEN)
    assert not missing, sorted(SEEN.items())
