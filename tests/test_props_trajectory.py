"""Properties of the vs_trajectory strategy in all three shapes (linear, compound,
fixed annual rate)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from indikator.errors import InputError
from indikator.model import Metric, Observation, Target, TargetOwner
from indikator.series import build_series
from indikator.strategies import PathShape, RateFrom, VsTrajectory
from indikator.testing.strategies import directions, finite_floats, unit_pairs
from indikator.verdict import Direction, Rating, Verdict

RANK = {Verdict.NEGATIVE: 0, Verdict.UNCHANGED: 1, Verdict.POSITIVE: 2}


@dataclass(frozen=True)
class Case:
    """One trajectory problem: a metric's base and target, earlier outcomes and now."""

    strategy: VsTrajectory
    direction: Direction
    base_year: int
    base_value: float
    target_year: int
    target_value: float
    history: tuple[tuple[int, float], ...]
    period: int
    current: float

    def mirrored(self) -> Case:
        return replace(
            self,
            direction=self.direction.flipped(),
            base_value=-self.base_value,
            target_value=-self.target_value,
            history=tuple((y, -v) for y, v in self.history),
            current=-self.current,
            strategy=_mirror_strategy(self.strategy),
        )

    def rate(
        self,
        *,
        unit: str = "kWh/km",
        obs_unit: str | None = None,
        target_unit: str | None = None,
        factor: float = 1.0,
        current: float | None = None,
    ) -> Rating:
        """Rate the case; ``factor`` converts every value given in ``unit``."""
        cur = self.current if current is None else current
        metric = Metric(
            id="m",
            name="M",
            unit=unit,
            direction=self.direction,
            strategy=self.strategy,
            base_year=self.base_year,
            base_value=self.base_value * factor,
            targets=(
                Target(
                    self.target_value * (factor if target_unit is None else 1.0),
                    unit if target_unit is None else target_unit,
                    self.target_year,
                    owner=TargetOwner.PROGRAMME,
                ),
            ),
        )
        obs = [Observation(y, v * factor, obs_unit or unit) for y, v in self.history]
        obs.append(Observation(self.period, cur * factor, obs_unit or unit))
        return self.strategy.assess(build_series(metric, obs), self.period)


def _mirror_strategy(s: VsTrajectory) -> VsTrajectory:
    return replace_strategy(
        s,
        start_value=None if s.start_value is None else -s.start_value,
        target_value=None if s.target_value is None else -s.target_value,
    )


def replace_strategy(s: VsTrajectory, **changes: object) -> VsTrajectory:
    import attrs

    return attrs.evolve(s, **changes)  # type: ignore[misc]


@st.composite
def cases(
    draw: st.DrawFn,
    *,
    shape: PathShape | None = None,
    values: st.SearchStrategy[float] | None = None,
    behind: Verdict | None = None,
) -> Case:
    vals = values if values is not None else finite_floats(-1e4, 1e4)
    sh = shape if shape is not None else draw(st.sampled_from(PathShape))
    base_year = draw(st.integers(2010, 2022))
    target_year = draw(st.integers(base_year + 1, base_year + 15))
    period = draw(st.integers(base_year - 2, target_year + 3))
    kwargs: dict[str, object] = {
        "shape": sh,
        "tolerance": draw(st.sampled_from([0.0, 0.0, 0.5, 2.0])),
        "behind": behind or draw(st.sampled_from([Verdict.UNCHANGED, Verdict.NEGATIVE])),
    }
    if sh is PathShape.ANNUAL_RATE:
        kwargs["annual_rate"] = draw(st.sampled_from([-0.025, -0.1, 0.0, 0.03]))
        kwargs["rate_from"] = draw(st.sampled_from(RateFrom))
    elif draw(st.booleans()):
        kwargs["start_year"] = draw(st.integers(base_year, target_year - 1))
    prev_year = period - draw(st.integers(1, 3))
    history: list[tuple[int, float]] = []
    if prev_year != base_year:
        history.append((prev_year, draw(vals)))
    if period != base_year and draw(st.booleans()):
        history.append((base_year, draw(vals)))
    history = [h for h in history if h[0] != period]
    return Case(
        strategy=VsTrajectory(**kwargs),  # type: ignore[arg-type]
        direction=draw(directions()),
        base_year=base_year,
        base_value=draw(vals),
        target_year=target_year,
        target_value=draw(vals),
        history=tuple(sorted(dict(history).items())),
        period=period,
        current=draw(vals),
    )


@given(cases(), finite_floats(0.0, 1e4))
def test_a_better_outcome_never_gives_a_worse_verdict(case: Case, delta: float) -> None:
    assume(case.period != case.base_year)  # there the outcome is also the path's start
    a = case.rate()
    b = case.rate(current=case.current + case.direction.sign * delta)
    assume(a.verdict.is_rated)
    assert b.verdict.is_rated
    assert RANK[b.verdict] >= RANK[a.verdict]


@given(cases())
def test_flipping_direction_and_mirroring_all_values_gives_the_same_verdict(case: Case) -> None:
    a = case.rate()
    b = case.mirrored().rate()
    assert a.verdict is b.verdict
    assert a.explanation.reason == b.explanation.reason


@given(cases(), unit_pairs(different=True))
def test_a_target_in_a_compatible_unit_gives_the_same_verdict(
    case: Case, pair: tuple[str, str, float]
) -> None:
    unit, other, factor = pair
    a = case.rate(unit=unit)
    b = replace(case, target_value=case.target_value * factor).rate(unit=unit, target_unit=other)
    assert a.verdict is b.verdict


@given(cases(), unit_pairs(different=True))
def test_the_whole_metric_in_a_compatible_unit_gives_the_same_verdict(
    case: Case, pair: tuple[str, str, float]
) -> None:
    unit, other, factor = pair
    s = case.strategy
    scaled = replace_strategy(
        s,
        tolerance=s.tolerance * factor,
        start_value=None if s.start_value is None else s.start_value * factor,
        target_value=None if s.target_value is None else s.target_value * factor,
    )
    a = case.rate(unit=unit)
    b = replace(case, strategy=scaled).rate(unit=other, factor=factor)
    assert a.verdict is b.verdict


@given(cases(), unit_pairs(different=True))
def test_outcomes_in_a_compatible_unit_give_the_same_verdict(
    case: Case, pair: tuple[str, str, float]
) -> None:
    unit, other, factor = pair
    a = case.rate(unit=unit)
    # Give every outcome in the other unit: the value times the factor.
    metric = Metric(
        id="m",
        name="M",
        unit=unit,
        direction=case.direction,
        strategy=case.strategy,
        base_year=case.base_year,
        base_value=case.base_value,
        targets=(Target(case.target_value, unit, case.target_year),),
    )
    obs = [Observation(y, v * factor, other) for y, v in case.history]
    obs.append(Observation(case.period, case.current * factor, other))
    b = case.strategy.assess(build_series(metric, obs), case.period)
    assert a.verdict is b.verdict


@given(cases())
def test_exactly_on_the_path_is_positive(case: Case) -> None:
    first = case.rate()
    assume(first.verdict.is_rated)
    expected = first.explanation.computed["expected"]
    assert isinstance(expected, float)
    on_path = case.rate(current=expected)
    assert on_path.verdict is Verdict.POSITIVE
    assert on_path.explanation.reason == "on_or_ahead_of_path"


@given(cases(shape=PathShape.LINEAR), finite_floats(1.0, 100.0))
def test_behind_the_path_beyond_the_tolerance_is_not_positive(case: Case, gap: float) -> None:
    assume(case.period != case.base_year)  # there the outcome is the path's own start
    first = case.rate()
    expected = first.explanation.computed["expected"]
    assert isinstance(expected, float)
    behind = expected - case.direction.sign * (case.strategy.tolerance + gap)
    r = case.rate(current=behind)
    assert r.verdict is not Verdict.POSITIVE
    assert r.explanation.reason in {"behind_path", "worse_than_start"}
    assert r.verdict is (
        case.strategy.behind if r.explanation.reason == "behind_path" else Verdict.NEGATIVE
    )


@given(cases(shape=PathShape.LINEAR), finite_floats(-1e4, 1e4))
def test_after_the_target_year_the_path_requires_the_target(case: Case, current: float) -> None:
    late = replace(case, period=case.target_year + 2, history=())
    r = late.rate(current=current)
    assert r.explanation.computed["expected"] == pytest.approx(case.target_value)


anything = st.floats(allow_nan=False, allow_infinity=False)


@given(
    cases(values=anything),
    st.one_of(st.none(), st.floats(-2.0, 1e3, allow_nan=False).filter(lambda r: r > -1)),
    st.integers(1900, 2200),
)
def test_any_finite_input_gives_a_verdict_or_no_value_with_a_reason(
    case: Case, rate: float | None, period: int
) -> None:
    strategy = case.strategy
    if rate is not None and strategy.shape is PathShape.ANNUAL_RATE:
        strategy = replace_strategy(strategy, annual_rate=rate)
    case = replace(case, strategy=strategy, period=period)
    case = replace(case, history=tuple((y, v) for y, v in case.history if y != period))
    r = case.rate()
    assert r.explanation.reason
    for lang in ("sv", "en"):
        assert "{" not in r.explanation.sentence(lang)
    if not r.verdict.is_rated:
        assert r.explanation.reason in {
            "no_start_value",
            "no_target",
            "invalid_path",
            "compound_undefined",
            "path_undefined",
        }


@pytest.mark.parametrize(
    ("strategy", "base_value", "current", "period"),
    [
        # 1000 % a year for 190 years overflows a float (it raised OverflowError).
        (VsTrajectory(shape="annual_rate", annual_rate=999.0, rate_from="base"), 5.0, 3.0, 2200),
        # -99.9 % a year counted backwards from a base after the period.
        (VsTrajectory(shape="annual_rate", annual_rate=-0.999, rate_from="base"), 5.0, 3.0, 1901),
        # start and target so far apart that their difference overflows
        (
            VsTrajectory(start_value=-1e308, target_value=1e308, start_year=2010, target_year=2020),
            1.0,
            3.0,
            2010,
        ),
    ],
)
def test_a_path_that_overflows_gives_no_value(
    strategy: VsTrajectory, base_value: float, current: float, period: int
) -> None:
    metric = Metric(
        id="m", name="M", unit="st", strategy=strategy, base_year=2010, base_value=base_value
    )
    r = strategy.assess(build_series(metric, [Observation(period, current, "st")]), period)
    assert r.verdict is Verdict.NO_VALUE
    assert r.explanation.reason == "path_undefined"


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("start_value", math.nan),
        ("target_value", math.inf),
        ("annual_rate", math.nan),
        ("tolerance", math.nan),
        ("tolerance", -math.inf),
        ("tolerance", -1.0),
        ("annual_rate", -1.0),
        ("start_value", "12"),
    ],
)
def test_bad_parameters_are_refused_naming_the_field(field: str, bad: object) -> None:
    with pytest.raises(InputError) as info:
        VsTrajectory(**{field: bad})  # type: ignore[arg-type]
    assert info.value.field == field
    assert repr(bad) in str(info.value)


def test_an_annual_rate_path_needs_its_rate() -> None:
    with pytest.raises(InputError, match="annual_rate"):
        VsTrajectory(shape=PathShape.ANNUAL_RATE)


@pytest.mark.parametrize("field", ["behind", "worse_than_start"])
def test_unknown_verdicts_for_behind_are_refused(field: str) -> None:
    with pytest.raises(InputError, match="otillräcklig") as info:
        VsTrajectory(**{field: "otillräcklig"})  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize("bad", ["2021", 2021.0, True])
def test_years_must_be_whole_numbers(bad: object) -> None:
    with pytest.raises(InputError) as info:
        VsTrajectory(start_year=bad)  # type: ignore[arg-type]
    assert info.value.field == "start_year"
