"""Properties of the vs_own_target strategy."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indikator.errors import InputError
from indikator.model import Flag, Metric, Observation, Target, TargetKind, TargetOwner
from indikator.series import build_series
from indikator.strategies import VsOwnTarget, kernels
from indikator.testing.strategies import directions, finite_floats, unit_pairs
from indikator.verdict import Direction, Rating, Verdict

RANK = {Verdict.NEGATIVE: 0, Verdict.UNCHANGED: 1, Verdict.POSITIVE: 2}
values = finite_floats(-1e5, 1e5)
maybe = st.one_of(st.none(), values)


def rate(
    direction: Direction,
    current: float | None,
    previous: float | None,
    target: float | None,
    *,
    kind: TargetKind = TargetKind.LEVEL,
    unit: str = "kg/länsinvånare",
    obs_unit: str | None = None,
    target_unit: str | None = None,
    flags: frozenset[Flag] = frozenset(),
    strategy: VsOwnTarget | None = None,
) -> Rating:
    strategy = strategy or VsOwnTarget()
    targets = ()
    if target is not None:
        targets = (
            Target(target, target_unit or unit, 2030, kind=kind, owner=TargetOwner.UNIT),
        )
    metric = Metric(
        id="m", name="M", unit=unit, direction=direction, strategy=strategy, targets=targets
    )
    obs = []
    if previous is not None:
        obs.append(Observation(2023, previous, obs_unit or unit))
    if current is not None:
        obs.append(Observation(2024, current, obs_unit or unit, flags=flags))
    else:
        obs.append(Observation(2024, flags=flags))
    return strategy.assess(build_series(metric, obs), 2024)


@given(directions(), values, maybe, values, finite_floats(0.0, 1e5))
def test_a_better_outcome_never_gives_a_worse_verdict(
    direction: Direction, current: float, previous: float | None, target: float, delta: float
) -> None:
    a = rate(direction, current, previous, target)
    b = rate(direction, current + direction.sign * delta, previous, target)
    assert RANK[b.verdict] >= RANK[a.verdict]


@given(directions(), values, maybe, values, st.sampled_from([TargetKind.LEVEL, TargetKind.KEEP]))
def test_flipping_direction_and_mirroring_values_gives_the_same_verdict(
    direction: Direction, current: float, previous: float | None, target: float, kind: TargetKind
) -> None:
    a = rate(direction, current, previous, target, kind=kind)
    b = rate(
        direction.flipped(),
        -current,
        None if previous is None else -previous,
        -target,
        kind=kind,
    )
    assert a.verdict is b.verdict
    assert a.explanation.reason == b.explanation.reason


@given(directions(), values, maybe, values, unit_pairs(different=True))
def test_the_same_data_in_compatible_units_gives_the_same_verdict(
    direction: Direction,
    current: float,
    previous: float | None,
    target: float,
    pair: tuple[str, str, float],
) -> None:
    unit, other, factor = pair
    a = rate(direction, current, previous, target, unit=unit)
    prev_other = None if previous is None else previous * factor
    b = rate(direction, current * factor, prev_other, target, unit=unit, obs_unit=other)
    c = rate(direction, current, previous, target * factor, unit=unit, target_unit=other)
    d = rate(direction, current * factor, prev_other, target * factor, unit=other)
    assert a.verdict is b.verdict is c.verdict is d.verdict


@given(directions(), values, maybe)
def test_exactly_at_the_target_is_met(
    direction: Direction, target: float, previous: float | None
) -> None:
    r = rate(direction, target, previous, target)
    assert r.verdict is Verdict.POSITIVE
    assert r.explanation.reason == "target_met"


@given(directions(), values, values, finite_floats(1e-3, 1e5))
def test_short_of_the_target_follows_the_change(
    direction: Direction, previous: float, target: float, gap: float
) -> None:
    current = target - direction.sign * gap  # short of the target
    r = rate(direction, current, previous, target)
    code = kernels.compare(current, previous, direction.sign)
    expected = {
        kernels.IMPROVED: (Verdict.UNCHANGED, "short_but_improving"),
        kernels.SAME: (Verdict.UNCHANGED, "short_and_unchanged"),
        kernels.WORSENED: (Verdict.NEGATIVE, "short_and_worse"),
    }[code]
    assert (r.verdict, r.explanation.reason) == expected
    assert r.explanation.computed["change"] == current - previous


@given(
    directions(),
    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
    st.sets(st.sampled_from([Flag.OWN_TARGET_MET, Flag.OWN_TARGET_NOT_MET, Flag.SERIES_BREAK])),
    st.sampled_from(TargetKind),
)
def test_any_finite_input_gives_a_verdict_or_no_value_with_a_reason(
    direction: Direction,
    current: float | None,
    previous: float | None,
    target: float | None,
    flags: set[Flag],
    kind: TargetKind,
) -> None:
    target = None if kind is TargetKind.DIRECTION else target
    r = rate(direction, current, previous, target, kind=kind, flags=frozenset(flags))
    assert r.explanation.reason
    for lang in ("sv", "en"):
        assert "{" not in r.explanation.sentence(lang)
    if current is None:
        assert r.explanation.reason == "no_current_value"
    elif target is None and not flags & {Flag.OWN_TARGET_MET, Flag.OWN_TARGET_NOT_MET}:
        assert r.explanation.reason == "target_unknown"
    else:
        assert r.verdict.is_rated


@given(directions(), values, maybe)
def test_a_reported_attainment_decides_when_the_target_value_is_unknown(
    direction: Direction, current: float, previous: float | None
) -> None:
    met = rate(direction, current, previous, None, flags=frozenset({Flag.OWN_TARGET_MET}))
    assert met.verdict is Verdict.POSITIVE
    assert met.explanation.inputs["met_from"] == "reported"
    short = rate(direction, current, previous, None, flags=frozenset({Flag.OWN_TARGET_NOT_MET}))
    assert short.verdict is not Verdict.POSITIVE


@pytest.mark.parametrize("bad", [math.nan, math.inf, "40"])
def test_a_bad_target_value_is_refused(bad: object) -> None:
    with pytest.raises(InputError) as info:
        VsOwnTarget(target_value=bad)  # type: ignore[arg-type]
    assert info.value.field == "target_value"
    assert repr(bad) in str(info.value)


def test_an_unknown_verdict_parameter_is_refused() -> None:
    with pytest.raises(InputError) as info:
        VsOwnTarget(short_but_improving="bättre")  # type: ignore[arg-type]
    assert info.value.field == "short_but_improving"
    assert "'bättre'" in str(info.value)
