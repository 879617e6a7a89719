"""indikator.batch gives, series by series, what the per-object strategies give."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from indikator.batch import assess_changes, assess_trajectories
from indikator.errors import InputError, UnitError
from indikator.model import Metric, Observation, TargetOwner
from indikator.series import Series, build_series
from indikator.strategies import PathShape, RateFrom, Reference, VsBase, VsTrajectory
from indikator.testing.strategies import (
    directions,
    finite_floats,
    metric_with_series,
    metrics,
    trajectory_strategies,
    unit_pairs,
    vs_base_strategies,
)
from indikator.verdict import Level, Rating, Verdict

cases_per_batch = st.integers(1, 8)


def vs_base_columns(metric: Metric, series: Series, period: int) -> dict[str, object]:
    strategy = metric.strategy
    assert isinstance(strategy, VsBase)
    if strategy.reference is Reference.PREVIOUS:
        prev = series.previous(period)
        ref = None if prev is None else prev.value
        ref_period = None if prev is None else prev.period
    else:
        ref_period = metric.base_year
        ref = None if ref_period is None else series.value(ref_period)
        if ref is None:
            ref = metric.base_value
    return {"current": series.value(period), "reference": ref, "reference_period": ref_period}


@given(st.integers(2012, 2030), st.sampled_from(list(Reference)), st.data())
def test_assess_changes_equals_vs_base_series_by_series(
    period: int, kind: Reference, data: st.DataObject
) -> None:
    case = metric_with_series(
        metric=metrics(strategy=vs_base_strategies()),
        period=period,
        flags=True,
        max_size=5,
        missing=data.draw(st.booleans()),
    )
    cases = data.draw(st.lists(case, min_size=1, max_size=6))
    # One batch holds series that share the strategy's parameters, period and unit.
    first = cases[0][0].strategy
    assert isinstance(first, VsBase)
    strategy = VsBase(
        reference=kind, dead_band=first.dead_band, relative_dead_band=first.relative_dead_band
    )
    rows = []
    expected: list[Rating] = []
    for metric, obs, _ in cases:
        m = Metric(
            id=metric.id,
            name=metric.name,
            unit="kWh/km",
            direction=metric.direction,
            strategy=strategy,
            base_year=metric.base_year,
            base_value=metric.base_value,
        )
        obs = [o for o in obs if o.period <= period]
        series = build_series(m, obs)
        assume(kind is Reference.PREVIOUS or m.base_year != period)
        rows.append((m, vs_base_columns(m, series, period)))
        expected.append(strategy.assess(series, period))
        event(expected[-1].explanation.reason)
    result = assess_changes(
        [r["current"] for _, r in rows],  # type: ignore[misc]
        [r["reference"] for _, r in rows],  # type: ignore[misc]
        [m.direction for m, _ in rows],
        period=period,
        dead_band=strategy.dead_band,
        relative_dead_band=strategy.relative_dead_band,
        reference_kind=kind,
        reference_period=[r["reference_period"] for _, r in rows],  # type: ignore[misc]
        unit="kWh/km",
        ids=[m.id for m, _ in rows],
    )
    assert len(result) == len(expected)
    for i, want in enumerate(expected):
        assert result.verdicts[i] is want.verdict
        assert result.rating(i) == want
        node = result.assessment(i)
        assert (node.id, node.level, node.verdict) == (rows[i][0].id, Level.METRIC, want.verdict)


@given(
    st.lists(st.tuples(finite_floats(), finite_floats()), min_size=1, max_size=20),
    directions(),
    finite_floats(0.0, 50.0),
    unit_pairs(different=True),
)
def test_columns_in_another_unit_are_converted_once(
    rows: list[tuple[float, float]],
    direction: object,
    band: float,
    pair: tuple[str, str, float],
) -> None:
    unit, other, factor = pair
    cur = [c for c, _ in rows]
    ref = [r for _, r in rows]
    a = assess_changes(cur, ref, direction, period=2024, dead_band=band, unit=unit)  # type: ignore[arg-type]
    b = assess_changes(
        [c * factor for c in cur],
        [r * factor for r in ref],
        direction,  # type: ignore[arg-type]
        period=2024,
        dead_band=band,
        unit=unit,
        source_unit=other,
    )
    assert a.verdicts == b.verdicts


def trajectory_columns(metric: Metric, series: Series, period: int) -> dict[str, object]:
    s = metric.strategy
    assert isinstance(s, VsTrajectory)
    if s.shape is PathShape.ANNUAL_RATE:
        if s.rate_from is RateFrom.PREVIOUS:
            prev = series.previous(period)
            sv = None if prev is None else prev.value
            sy = None if prev is None else prev.period
        else:
            sy = metric.base_year
            sv = series.value(sy) if sy is not None else None
            sv = metric.base_value if sv is None else sv
        return {"start_value": sv, "start_year": sy, "target_value": None, "target_year": None}
    sy = s.start_year if s.start_year is not None else metric.base_year
    sv = s.start_value
    if sv is None:
        sv = series.value(metric.base_year) if metric.base_year is not None else None
        sv = metric.base_value if sv is None else sv
    target = metric.target(TargetOwner.PROGRAMME)
    tv = s.target_value if s.target_value is not None else (target and target.value)
    ty = s.target_year if s.target_year is not None else (target and target.year)
    return {"start_value": sv, "start_year": sy, "target_value": tv, "target_year": ty}


@given(st.sampled_from(list(PathShape)), st.data())
def test_assess_trajectories_equals_vs_trajectory_series_by_series(
    shape: PathShape, data: st.DataObject
) -> None:
    strategy = data.draw(trajectory_strategies(shape=shape, explicit=False))
    period = data.draw(st.integers(2012, 2030))
    n = data.draw(cases_per_batch)
    rows = []
    expected: list[Rating] = []
    for _ in range(n):
        metric = data.draw(metrics(strategy=strategy, unit="t CO2e", base=True, target=True))
        _, obs, _ = data.draw(metric_with_series(metric=metric, consecutive=None, max_size=4))
        obs = [Observation(o.period, o.value, o.unit) for o in obs if o.period < period]
        obs.append(Observation(period, data.draw(finite_floats()), "t CO2e"))
        series = build_series(metric, obs)
        cols = trajectory_columns(metric, series, period)
        if shape is PathShape.ANNUAL_RATE:
            assume(cols["start_year"] != period)
        rows.append((metric, cols, series.value(period)))
        expected.append(strategy.assess(series, period))
        event(expected[-1].explanation.reason)
    result = assess_trajectories(
        [c for _, _, c in rows],
        [r["start_value"] for _, r, _ in rows],  # type: ignore[misc]
        [r["target_value"] for _, r, _ in rows],  # type: ignore[misc]
        period=period,
        start_year=[r["start_year"] for _, r, _ in rows],  # type: ignore[misc]
        target_year=[r["target_year"] for _, r, _ in rows],  # type: ignore[misc]
        direction=[m.direction for m, _, _ in rows],
        shape=shape,
        annual_rate=strategy.annual_rate,
        tolerance=strategy.tolerance,
        behind=strategy.behind,
        worse_than_start=strategy.worse_than_start,
        unit="t CO2e",
    )
    for i, want in enumerate(expected):
        assert result.verdicts[i] is want.verdict, (i, want.explanation.reason)
        assert result.rating(i) == want


def test_the_seed_cases_through_the_batch_api() -> None:
    bus_waste = assess_changes(
        [4.5, 6.6],
        [3.6, 6.8],
        "lower_is_better",
        period=2024,
        relative_dead_band=0.05,
        unit="kg/länsinvånare",
    )
    assert bus_waste.verdicts == (Verdict.NEGATIVE, Verdict.UNCHANGED)
    climate = assess_trajectories(
        [1.0],
        [0.0],
        [-50.0],
        period=2024,
        start_year=2021,
        target_year=2030,
        direction="lower_is_better",
        unit="%",
        behind="unchanged",
        worse_than_start="unchanged",
    )
    assert climate.verdicts == (Verdict.UNCHANGED,)
    assert climate.explanation(0).computed["expected"] == pytest.approx(-50 / 3)
    antibiotics = assess_trajectories(
        [274.0],
        [268.0],
        period=2024,
        start_year=2023,
        direction="lower_is_better",
        shape="annual_rate",
        annual_rate=-0.025,
        unit="recept/1000 invånare",
    )
    assert antibiotics.verdicts == (Verdict.NEGATIVE,)
    assert "261,3" in antibiotics.explanation(0).sentence("sv")


def test_missing_values_give_no_value_with_the_strategys_reason() -> None:
    r = assess_changes([None, 1.0, 2.0], [1.0, None, 1.0], "higher", period=2024)
    assert r.verdicts == (Verdict.NO_VALUE, Verdict.NO_VALUE, Verdict.POSITIVE)
    assert [r.explanation(i).reason for i in range(3)] == [
        "no_current_value",
        "no_reference_value",
        "improved",
    ]
    assert r.counts()[Verdict.NO_VALUE] == 2


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "3,6"])
def test_bad_values_are_refused_naming_column_position_and_value(bad: object) -> None:
    with pytest.raises(InputError) as info:
        assess_changes([1.0, bad], [1.0, 2.0], "higher", period=2024)  # type: ignore[list-item]
    assert info.value.field == "current[1]"
    assert repr(bad) in str(info.value)
    with pytest.raises(InputError) as info:
        assess_trajectories(
            [1.0],
            [bad],
            [0.0],
            period=2024,
            start_year=2020,  # type: ignore[list-item]
            target_year=2030,
            direction="higher",
        )
    assert info.value.field == "start_value[0]"


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(InputError, match="reference"):
        assess_changes([1.0, 2.0], [1.0], "higher", period=2024)
    with pytest.raises(InputError) as info:
        assess_changes([1.0], [1.0], ["sideways"], period=2024)
    assert info.value.field == "direction[0]"
    with pytest.raises(InputError) as info:
        assess_changes([1.0], [1.0], "higher", period=2024, dead_band=math.nan)
    assert info.value.field == "dead_band"
    with pytest.raises(UnitError, match="kg/invånare"):
        assess_changes(
            [1.0], [1.0], "higher", period=2024, unit="kWh/km", source_unit="kg/invånare"
        )
    with pytest.raises(InputError) as info:
        assess_trajectories(
            [1.0],
            [1.0],
            [0.0],
            period=2024,
            start_year=2020,
            target_year=2030,
            direction="higher",
            tolerance=math.inf,
        )
    assert info.value.field == "tolerance"


def test_explanations_are_built_lazily_and_kept() -> None:
    r = assess_changes([2.0] * 1000, [1.0] * 1000, "higher", period=2024)
    assert r._cache == {}
    assert r.explanation(-1) is r.explanation(999)
    assert list(r._cache) == [999]
    with pytest.raises(IndexError):
        r.rating(1000)
