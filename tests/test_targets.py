"""resolve_target: targets as reports state them, resolved into one value and year."""

from __future__ import annotations

import pytest
from hypothesis import given

from indikator.errors import InputError
from indikator.model import Milestone, Target, TargetBasis, TargetKind
from indikator.targets import TargetBound, resolve_target
from indikator.testing.strategies import directions, finite_floats, periods
from indikator.verdict import Direction

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def test_a_level_in_another_unit_is_converted() -> None:
    target = Target(value=0.5, unit="t", year=2030)
    assert resolve_target(target, metric_unit="kg", base_value=None, period=2024) == (
        pytest.approx(500.0), 2030)


def test_the_vastmanland_climate_target_is_a_change_against_2019() -> None:
    # −50 (percentage points) from the 2019 level 0 %: the metric is itself a change in %
    target = Target(value=-50, unit="%", year=2030, basis="change", base_year=2019)
    assert resolve_target(target, metric_unit="%", base_value=0.0, period=2024) == (-50.0, 2030)


@given(base=finite_floats(-1e6, 1e6), change=finite_floats(-100, 100))
def test_a_change_in_percent_scales_the_base_value(base: float, change: float) -> None:
    target = Target(value=change, year=2030, basis=TargetBasis.PERCENT, base_year=2018)
    value, year = resolve_target(target, metric_unit="t", base_value=base, period=2024) or (
        None, None)
    assert year == 2030
    assert value == pytest.approx(base * (1 + change / 100), abs=1e-9)


def test_a_relative_target_without_a_base_value_resolves_to_nothing() -> None:
    target = Target(value=-63, year=2030, basis=TargetBasis.PERCENT, base_year=2018)
    assert resolve_target(target, metric_unit="t", base_value=None, period=2024) is None


@given(low=finite_floats(-1e3, 1e3), high=finite_floats(-1e3, 1e3), direction=directions())
def test_the_weakest_bound_of_an_interval_is_the_easier_one(
    low: float, high: float, direction: Direction
) -> None:
    target = Target(value=low, value_to=high, unit="t", year=2030)
    weakest = resolve_target(target, metric_unit="t", base_value=None, period=2024,
                             direction=direction)
    strongest = resolve_target(target, metric_unit="t", base_value=None, period=2024,
                               direction=direction, bound=TargetBound.STRONGEST)
    assert weakest is not None
    assert strongest is not None
    assert {weakest[0], strongest[0]} == {low, high}
    # the weakest is the one an outcome reaches first, moving in the good direction
    assert (weakest[0] - strongest[0]) * direction.sign <= 0


@given(period=periods(2015, 2040))
def test_of_several_target_years_the_next_one_ahead_counts(period: int) -> None:
    target = Target(value=10, unit="st", year=2025,
                    milestones=[Milestone(2030, 20), Milestone(2035, 30)])
    value, year = resolve_target(target, metric_unit="st", base_value=None, period=period) or (
        None, None)
    expected = next((y for y in (2025, 2030, 2035) if y >= period), 2035)
    assert year == expected
    assert value == {2025: 10, 2030: 20, 2035: 30}[expected]


@given(period=periods(2015, 2040))
def test_a_level_to_keep_applies_from_its_first_year(period: int) -> None:
    target = Target(value=0, unit="st", kind=TargetKind.KEEP, from_year=2026)
    found = resolve_target(target, metric_unit="st", base_value=None, period=period)
    assert found == (None if period < 2026 else (0.0, None))


def test_a_direction_only_target_has_no_value() -> None:
    target = Target(kind=TargetKind.DIRECTION)
    assert resolve_target(target, metric_unit="st", base_value=1.0, period=2024) is None


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"value": 1, "unit": "st", "year": 2030, "milestones": [Milestone(2030, 2)]}, "milestones"),
    ({"value_to": 1, "unit": "st"}, "value_to"),
    ({"value": 1, "unit": "t", "basis": "percent"}, "unit"),
    ({"kind": "direction", "value": 1, "unit": "st"}, "kind"),
    ({"value": 1, "unit": "st", "from_year": 2025}, "from_year"),
    ({"value": 1, "value_to": 2, "unit": "st", "year": 2025,
      "milestones": [Milestone(2030, 3)]}, "milestones"),
])
def test_an_inconsistent_target_is_refused_naming_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(InputError) as caught:
        Target(**kwargs)
    assert caught.value.field == field


def test_existing_targets_keep_their_meaning() -> None:
    # positional construction and defaults as before the extension
    target = Target(300, "kg", 2030, TargetKind.LEVEL)
    assert (target.basis, target.value_to, target.milestones, target.years) == (
        TargetBasis.ABSOLUTE, None, (), (2030,))
    assert resolve_target(target, metric_unit="kg", base_value=None, period=2024) == (300, 2030)
