"""Targets as reports state them, resolved into the value that counts in a period.

A :class:`~indikator.model.Target` may be a level ("300 kg by 2030"), a change against a
base year in the metric's unit or in per cent ("−50 % against 2019"), an interval
("15–20 % below 2015"), several target years ("2025 and 2030"), a level to keep every
year from a given year, or a direction only. :func:`resolve_target` turns any of them
into one ``(value, year)`` in the metric's unit; it works on plain numbers, so a
vectorised engine can call it once per metric and period.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from indikator.model import Metric, Target, TargetBasis, TargetKind
from indikator.units import conversion_factor
from indikator.verdict import Direction

__all__ = ["TargetBound", "base_value_for", "resolve_target", "target_base_year"]


class TargetBound(enum.Enum):
    """Which bound of an interval target counts."""

    WEAKEST = "weakest"
    """The bound that is easier to reach (the lower one when higher is better)."""
    STRONGEST = "strongest"
    """The bound that is harder to reach."""


def _to_bound(value: TargetBound | str) -> TargetBound:
    return value if isinstance(value, TargetBound) else TargetBound(value)


def target_base_year(target: Target, metric_base_year: int | None) -> int | None:
    """The year a relative target is counted from (``None`` for a level)."""
    if target.basis is TargetBasis.ABSOLUTE:
        return None
    return target.base_year if target.base_year is not None else metric_base_year


def base_value_for(
    target: Target, metric: Metric, value_at: Callable[[int], float | None]
) -> float | None:
    """The base value a relative target is counted from, in the metric's unit.

    The outcome in the target's base year (``value_at(year)``, e.g. a series' ``value``),
    else the metric's base value when the base year is the metric's. ``None`` for a level
    target or when no value is known.
    """
    year = target_base_year(target, metric.base_year)
    if year is None:
        return None
    observed = value_at(year)
    if observed is not None:
        return observed
    if year == metric.base_year:
        return metric.base_value
    return None


def _level(target: Target, amount: float, metric_unit: str | None,
           base_value: float | None) -> float | None:
    if target.basis is TargetBasis.PERCENT:
        if base_value is None:
            return None
        return base_value * (1.0 + amount / 100.0)
    factor = 1.0
    if target.unit and metric_unit and target.unit != metric_unit:
        factor = conversion_factor(target.unit, metric_unit)
    if target.basis is TargetBasis.CHANGE:
        if base_value is None:
            return None
        return base_value + amount * factor
    return amount * factor


def resolve_target(
    target: Target,
    *,
    metric_unit: str | None,
    base_value: float | None,
    period: int,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    bound: TargetBound | str = TargetBound.WEAKEST,
) -> tuple[float, int | None] | None:
    """The value a target asks for in ``period``, in the metric's unit, and its year.

    Args:
        target: The target.
        metric_unit: The metric's unit (a level in another unit is converted).
        base_value: The base year's value in the metric's unit, for a relative target
            (see :func:`base_value_for`); ignored for a level.
        period: The period assessed: of several target years the first one not before
            it counts (after the last one, the last one); a target to keep from a year
            does not apply before that year.
        direction: The metric's direction, to tell the weakest bound of an interval.
        bound: Which bound of an interval counts.

    Returns:
        ``(value, year)``; the year is ``None`` for a target to keep. ``None`` for a
        direction-only target, a target without a value, one to keep that does not
        apply yet, or a relative target without a base value.
    """
    if target.kind is TargetKind.DIRECTION or target.value is None:
        return None
    keeping = target.kind is TargetKind.KEEP and target.from_year is not None
    if keeping and period < (target.from_year or period):
        return None
    points = [(target.year, target.value, target.value_to)]
    points += [(m.year, m.value, m.value_to) for m in target.milestones]
    if len(points) > 1:
        dated = sorted(points, key=lambda p: p[0] or 0)
        ahead = [p for p in dated if p[0] is not None and p[0] >= period]
        points = [ahead[0] if ahead else dated[-1]]
    year, low, high = points[0]
    first = _level(target, low, metric_unit, base_value)
    if first is None:
        return None
    value = first
    if high is not None:
        second = _level(target, high, metric_unit, base_value)
        if second is None:
            return None
        weakest = min(first, second) if direction.sign > 0 else max(first, second)
        strongest = max(first, second) if direction.sign > 0 else min(first, second)
        value = weakest if _to_bound(bound) is TargetBound.WEAKEST else strongest
    return value, (None if target.kind is TargetKind.KEEP else year)
