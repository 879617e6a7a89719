"""A metric's observations prepared for a strategy: sorted, in the metric's unit.

Units are converted once per series (one factor per distinct unit), never per value, so
strategies work on plain floats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from indikator.errors import InputError
from indikator.model import Flag, Metric, Observation
from indikator.units import conversion_factor

__all__ = ["Point", "Series", "build_series"]


@attrs.frozen
class Point:
    """One period of a series: a float in the metric's unit, a text, or neither.

    ``own_target`` is the entity's own target for the period, in the metric's unit, when
    the data reports one.
    """

    period: int
    value: float | None = None
    text: str | None = None
    flags: frozenset[Flag] = frozenset()
    own_target: float | None = None


@attrs.frozen
class Series:
    """The observations of one metric (or one component of it), ready to assess.

    Attributes:
        metric: The metric the series belongs to.
        points: One point per period, sorted by period.
        components: Component series by component id (the chemicals row).
    """

    metric: Metric
    points: tuple[Point, ...] = ()
    components: Mapping[str, Series] = attrs.field(factory=dict)

    def at(self, period: int) -> Point | None:
        """The point for ``period``, if there is one."""
        for p in self.points:
            if p.period == period:
                return p
        return None

    def value(self, period: int) -> float | None:
        """The value for ``period``, if there is one."""
        p = self.at(period)
        return None if p is None else p.value

    def previous(self, period: int) -> Point | None:
        """The latest point before ``period`` that has a value or a text.

        A point flagged :attr:`Flag.SERIES_BREAK` at or before ``period`` cuts the
        series: nothing before the break is comparable, so nothing before it is returned.
        """
        found: Point | None = None
        for p in self.points:
            if p.period >= period:
                break
            if Flag.SERIES_BREAK in p.flags:
                found = None  # the break point itself is the first comparable one
            if p.value is not None or p.text is not None:
                found = p
        current = self.at(period)
        if current is not None and Flag.SERIES_BREAK in current.flags:
            return None
        return found

    def window(self, period: int) -> tuple[Point, ...]:
        """The points with a value up to and including ``period``, since the last break."""
        out: list[Point] = []
        for p in self.points:
            if p.period > period:
                break
            if Flag.SERIES_BREAK in p.flags:
                out = []
            if p.value is not None:
                out.append(p)
        return tuple(out)


def build_series(metric: Metric, observations: Iterable[Observation]) -> Series:
    """Convert a metric's observations into a :class:`Series` in the metric's unit.

    Observations for a component go into that component's series.

    Raises:
        InputError: A unit cannot be converted to the metric's unit, or a period
            appears twice.
    """
    main: list[Observation] = []
    parts: dict[str, list[Observation]] = {}
    for obs in observations:
        if obs.component is None:
            main.append(obs)
        else:
            parts.setdefault(obs.component, []).append(obs)
    components = {
        cid: Series(metric, _points(metric, obs_list), {}) for cid, obs_list in parts.items()
    }
    return Series(metric, _points(metric, main), components)


def _points(metric: Metric, observations: list[Observation]) -> tuple[Point, ...]:
    factors: dict[str, float] = {}
    by_period: dict[int, Point] = {}
    for obs in observations:
        value = obs.value
        own = obs.own_target
        if value is not None or own is not None:
            unit = obs.unit or ""
            if metric.unit is None:
                raise InputError(
                    f"metric {metric.id!r} is followed up in words and takes no values",
                    field="value",
                    value=value if value is not None else own,
                )
            factor = factors.get(unit)
            if factor is None:
                try:
                    factor = conversion_factor(unit, metric.unit)
                except InputError as exc:
                    raise type(exc)(
                        f"metric {metric.id!r}, period {obs.period}: {exc.message}",
                        field="unit",
                        value=unit,
                    ) from None
                factors[unit] = factor
            value = None if value is None else value * factor
            own = None if own is None else own * factor
        if obs.period in by_period:
            raise InputError(
                f"metric {metric.id!r} has two observations for the same period",
                field="period",
                value=obs.period,
            )
        by_period[obs.period] = Point(obs.period, value, obs.text, obs.flags, own)
    return tuple(by_period[k] for k in sorted(by_period))
