"""Against a trajectory.

The outcome is compared with where a path from a base value to a target requires it to
be in the period (linear, compound, or a fixed annual rate).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import numpy as np
import numpy.typing as npt

from indikator.errors import InputError
from indikator.model import TargetOwner, _check_period
from indikator.series import Series
from indikator.strategies import kernels
from indikator.strategies._params import finite_or_none, to_verdict
from indikator.strategies._text import (
    Edge,
    no_current,
    no_value,
    rate_with_edge,
    with_point,
)
from indikator.targets import TargetBound, _to_bound, base_value_for, resolve_target
from indikator.verdict import Explanation, Figure, Rating, Verdict

if TYPE_CHECKING:
    from indikator.kernels import Outcome
    from indikator.strategies.columns import Floats, Index, Rows

__all__ = ["PathShape", "VsTrajectory"]


class PathShape(enum.Enum):
    """The shape of the path to the target."""

    LINEAR = "linear"
    """An even pace: the same absolute change every year (i jämn takt)."""
    COMPOUND = "compound"
    """The same relative change every year, from the start value to the target."""
    ANNUAL_RATE = "annual_rate"
    """A fixed annual rate of change (``annual_rate``) from a reference value."""


class RateFrom(enum.Enum):
    """Where a fixed annual rate is counted from."""

    PREVIOUS = "previous"
    BASE = "base"


def _to_behind(value: Verdict | str) -> Verdict:
    return to_verdict(value, "behind")


def _to_worse_than_start(value: Verdict | str) -> Verdict:
    return to_verdict(value, "worse_than_start")


def _to_not_improved(value: Verdict | str | None) -> Verdict | None:
    return None if value is None else to_verdict(value, "not_improved")


_VERDICT_TAILS: dict[Verdict, tuple[str, str]] = {
    Verdict.POSITIVE: ("", ""),
    Verdict.UNCHANGED: (
        " Det bedöms som otillräcklig utveckling (oförändrad).",
        " That is rated as insufficient development (unchanged).",
    ),
    Verdict.NEGATIVE: (
        " Det bedöms som en utveckling i oönskad riktning (negativ).",
        " That is rated as development in an undesired direction (negative).",
    ),
    Verdict.NO_VALUE: ("", ""),
}


def _positive_behind(s: VsTrajectory) -> bool:
    """Whether an outcome behind the path may rate positive (no one edge then)."""
    return Verdict.POSITIVE in (s.behind, s.worse_than_start, s.not_improved)


def _any_positive(strategies: Sequence[VsTrajectory], which: Index) -> npt.NDArray[np.bool_]:
    from indikator.strategies.columns import derived

    return derived(strategies, which, "trajectory.positive_behind", _positive_behind, bool)


def _edge_ahead(strategies: Sequence[VsTrajectory], which: Index, rows: Rows,
                current: Floats, sign: Floats, start: Floats, start_year: npt.NDArray[Any],
                from_previous: npt.NDArray[np.bool_], annual: npt.NDArray[np.bool_],
                no_fixed_start: npt.NDArray[np.bool_], base_year: Index,
                options: dict[str, npt.NDArray[Any]]) -> Floats:
    """The next period's edge of each row (the column form of ``next_edge``)."""
    from indikator.kernels import vs_trajectory
    from indikator.strategies.columns import per_target

    nxt = rows.period + 1
    n_start = np.where(from_previous, current, start)
    n_year = np.where(from_previous, rows.period, start_year).astype(np.float64)
    n_year[n_year < 0] = np.nan
    n_target, n_target_year = per_target(
        strategies, which, attrs.evolve(rows, period=nxt),
        lambda _s, metric: metric.target(TargetOwner.PROGRAMME),
        lambda s, series, period: s._target(series, period), 2)
    ahead = vs_trajectory(current, nxt.astype(np.float64), sign, n_start, n_year,
                          n_target, n_target_year, **options)
    expected = ahead.figures["expected"]
    tol = options["tolerance"] + options["relative_tolerance"] * np.abs(expected)
    edge: Floats = expected - sign * tol
    from_base = np.where(annual, ~from_previous, no_fixed_start)
    edge[from_base & (base_year == nxt)] = np.nan
    return edge


@attrs.frozen(kw_only=True)
class VsTrajectory:
    """Rate the outcome against the value a path to the target requires in the period.

    The path runs from ``start_value`` in ``start_year`` to ``target_value`` in
    ``target_year``. Omitted parameters come from the metric: the start value is the
    metric's base value (or its outcome in the base year), the start year its base year,
    the target its programme target. The start year is explicit because reports differ:
    Region Västmanland's −50 % by 2030 against 2019 requires 16.67 % in 2024 only when the
    path starts in 2021.

    For ``annual_rate`` the path is ``reference * (1 + annual_rate) ** years``, counted
    from the previous period (default) or from the base.

    Verdicts: on or ahead of the path (within ``tolerance + relative_tolerance *
    |expected|``; exactly on it counts as on) → positive; behind the path → ``behind``
    (unchanged by default: "insufficient development"); on the wrong side of the start
    value (or of the reference, for an annual rate) → ``worse_than_start`` (negative by
    default); exactly at the start value → ``not_improved`` if given (reason
    ``not_improved``), else as behind. Before the start year the path requires the start
    value; after the target year it requires the target.

    Missing data gives no value: ``no_current_value``, ``no_start_value``,
    ``no_target``, ``invalid_path`` (target year not after the start year),
    ``compound_undefined`` (zero or mixed-sign start and target), ``path_undefined``
    (values so extreme that the path's value overflows a float).
    """

    id: ClassVar[str] = "vs_trajectory"
    shape: PathShape = attrs.field(default=PathShape.LINEAR, converter=PathShape)
    start_year: int | None = attrs.field(default=None, validator=_check_period)
    start_value: float | None = attrs.field(default=None, validator=finite_or_none)
    target_year: int | None = attrs.field(default=None, validator=_check_period)
    target_value: float | None = attrs.field(default=None, validator=finite_or_none)
    annual_rate: float | None = attrs.field(default=None, validator=finite_or_none)
    rate_from: RateFrom = attrs.field(default=RateFrom.PREVIOUS, converter=RateFrom)
    tolerance: float = attrs.field(default=0.0, validator=finite_or_none)
    relative_tolerance: float = attrs.field(default=0.0, validator=finite_or_none)
    behind: Verdict = attrs.field(default=Verdict.UNCHANGED, converter=_to_behind)
    worse_than_start: Verdict = attrs.field(
        default=Verdict.NEGATIVE, converter=_to_worse_than_start
    )
    not_improved: Verdict | None = attrs.field(default=None, converter=_to_not_improved)
    bound: TargetBound = attrs.field(default=TargetBound.WEAKEST, converter=_to_bound)

    def __attrs_post_init__(self) -> None:
        if self.shape is PathShape.ANNUAL_RATE and self.annual_rate is None:
            raise InputError("an annual-rate path needs annual_rate", field="annual_rate")
        if self.annual_rate is not None and self.annual_rate <= -1.0:
            raise InputError(
                "annual_rate must be above -1", field="annual_rate", value=self.annual_rate
            )
        if self.tolerance < 0:
            raise InputError("must be >= 0", field="tolerance", value=self.tolerance)
        if self.relative_tolerance < 0:
            raise InputError(
                "must be >= 0", field="relative_tolerance", value=self.relative_tolerance
            )

    @classmethod
    def rate_columns(
        cls, strategies: Sequence[VsTrajectory], which: Index, rows: Rows
    ) -> Outcome:
        """Rate many rows at once (row ``i`` with ``strategies[which[i]]``)."""
        from indikator.codes import POSITIVE
        from indikator.kernels import SHAPE_ANNUAL_RATE, SHAPE_COMPOUND, SHAPE_LINEAR, vs_trajectory
        from indikator.strategies.columns import (
            derived,
            metric_columns,
            param,
            per_target,
            verdict_param,
        )

        cols = metric_columns(rows.frame)
        m = rows.metric
        shapes = {PathShape.LINEAR: SHAPE_LINEAR, PathShape.COMPOUND: SHAPE_COMPOUND,
                  PathShape.ANNUAL_RATE: SHAPE_ANNUAL_RATE}
        shape = derived(strategies, which, "trajectory.shape", lambda s: shapes[s.shape],
                        np.int64)
        annual = shape == SHAPE_ANNUAL_RATE
        base_year = cols["base_year"][m]
        observed_base = rows.value_in(base_year)
        fixed_start = param(strategies, which, "start_value").astype(np.float64)
        start = np.where(np.isnan(observed_base), cols["base_value"][m], observed_base)
        start = np.where(~annual & ~np.isnan(fixed_start), fixed_start, start)
        start_year = param(strategies, which, "start_year", -1).astype(np.int64)
        start_year = np.where((start_year >= 0) & ~annual, start_year, base_year).astype(
            np.float64
        )
        base_start, base_start_year = start, start_year
        from_previous = np.zeros(len(rows), dtype=bool)
        if annual.any():
            from_previous = annual & np.array(
                [s.rate_from is RateFrom.PREVIOUS for s in strategies])[which]
            prev_value, prev_year = rows.previous()
            start = np.where(from_previous, prev_value, start)
            start_year = np.where(from_previous, prev_year, start_year)
        start_year[start_year < 0] = np.nan
        target, target_year = per_target(
            strategies, which, rows, lambda _s, metric: metric.target(TargetOwner.PROGRAMME),
            lambda s, series, period: s._target(series, period), 2)
        sign = cols["sign"][m]
        current = rows.current()
        options = {
            "shape": shape,
            "annual_rate": param(strategies, which, "annual_rate", 0.0).astype(np.float64),
            "tolerance": param(strategies, which, "tolerance").astype(np.float64),
            "relative_tolerance": param(strategies, which, "relative_tolerance").astype(
                np.float64),
            "behind": verdict_param(strategies, which, "behind"),
            "worse_than_start": verdict_param(strategies, which, "worse_than_start"),
            "not_improved": verdict_param(strategies, which, "not_improved"),
        }
        out = vs_trajectory(current, rows.period.astype(np.float64), sign, start,
                            start_year.astype(np.float64), target, target_year, **options)
        # what it would take: the path's value in the next period, less the tolerance;
        # only where it can be read (a positive row's is dropped, a fallback reads a
        # no-value row's)
        edge = np.full(len(rows), np.nan)
        need = np.flatnonzero((out.verdict != POSITIVE) & ~np.isnan(current)
                              & ~_any_positive(strategies, which))
        if len(need):
            edge[need] = _edge_ahead(strategies, which[need], rows.take(need), current[need],
                                     sign[need], base_start[need], base_start_year[need],
                                     from_previous[need], annual[need],
                                     np.isnan(fixed_start[need]), base_year[need],
                                     {k: v[need] for k, v in options.items()})
        return attrs.evolve(out, figures={**out.figures, "to_positive": edge})

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``.

        An unchanged or negative rating also says what it would take: the next period's
        value that would rate positive (:meth:`next_edge`).
        """
        return rate_with_edge(self, series, period)

    def next_edge(self, series: Series, period: int) -> Edge | None:
        """The least outcome in the period after ``period`` that this rule rates positive.

        The value the path requires then, less the tolerance (on the path counts as on
        it). ``None`` without an outcome in ``period``, when the path has no value then,
        when the next period is the base year the path would start from, or when a
        parameter rates an outcome behind the path positive too (then no one figure is
        the edge).
        """
        current = series.value(period)
        if current is None or _positive_behind(self):
            return None
        metric = series.metric
        annual = self.shape is PathShape.ANNUAL_RATE
        from_base = (self.rate_from is RateFrom.BASE) if annual else self.start_value is None
        if from_base and metric.base_year is not None and metric.base_year == period + 1:
            return None
        ahead = self._rate(with_point(series, period + 1, current), period + 1)
        if ahead.verdict is Verdict.NO_VALUE:
            return None
        expected = ahead.explanation.computed["expected"]
        assert isinstance(expected, float)
        tol = self.tolerance + self.relative_tolerance * abs(expected)
        return expected - metric.direction.sign * tol, False

    def _rate(self, series: Series, period: int) -> Rating:
        current = series.value(period)
        if current is None:
            return no_current(self.id, period)
        metric = series.metric
        sign = metric.direction.sign
        inputs: dict[str, float | int | str | bool | None] = {
            "strategy": self.id,
            "shape": self.shape.value,
            "period": period,
            "current": current,
            "unit": metric.unit or "",
        }
        if self.shape is PathShape.ANNUAL_RATE:
            rate = float(self.annual_rate or 0.0)
            if self.rate_from is RateFrom.PREVIOUS:
                prev = series.previous(period)
                ref = None if prev is None else prev.value
                ref_year = None if prev is None else prev.period
            else:
                ref_year = metric.base_year
                ref = self._start_value(series, ref_year)
            if ref is None or ref_year is None:
                return no_value(
                    "no_start_value",
                    "Värde att räkna den årliga takten från saknas.",
                    "There is no value to count the annual rate from.",
                    **inputs,
                )
            expected = kernels.annual_rate_path(ref, period - ref_year, rate)
            start_value, start_year = ref, ref_year
            inputs.update(annual_rate=rate, start_value=ref, start_year=ref_year)
        else:
            path_year = self.start_year if self.start_year is not None else metric.base_year
            path_value = self._start_value(series, metric.base_year)
            target_value, target_year = self._target(series, period)
            if path_value is None or path_year is None:
                return no_value(
                    "no_start_value",
                    "Basvärde eller startår för banan saknas.",
                    "The path has no start value or start year.",
                    **inputs,
                )
            if target_value is None or target_year is None:
                return no_value(
                    "no_target",
                    "Målvärde eller målår saknas.",
                    "The path has no target value or target year.",
                    **inputs,
                )
            start_value, start_year = path_value, path_year
            inputs.update(
                start_value=start_value,
                start_year=start_year,
                target_value=target_value,
                target_year=target_year,
            )
            if target_year <= start_year:
                return no_value(
                    "invalid_path",
                    "Målåret {target_year} ligger inte efter startåret {start_year}.",
                    "The target year {target_year} is not after the start year {start_year}.",
                    **inputs,
                )
            frac = kernels.path_fraction(period, start_year, target_year)
            if self.shape is PathShape.LINEAR:
                expected = kernels.linear_path(frac, start_value, target_value)
            else:
                compound = kernels.compound_path(frac, start_value, target_value)
                if compound is None:
                    return no_value(
                        "compound_undefined",
                        "En bana med konstant procentuell takt kräver start- och målvärde "
                        "skilda från noll och med samma tecken.",
                        "A compound path needs non-zero start and target values of the same sign.",
                        **inputs,
                    )
                expected = compound
        if not math.isfinite(expected):
            return no_value(
                "path_undefined",
                "Banan ger inget ändligt värde för {period}.",
                "The path gives no finite value for {period}.",
                **inputs,
            )
        inputs["tolerance"] = self.tolerance
        if self.relative_tolerance:
            inputs["relative_tolerance"] = self.relative_tolerance
        tol = self.tolerance + self.relative_tolerance * abs(expected)
        gap = (current - expected) * sign
        required_change = expected - start_value
        computed = {
            "expected": expected,
            "required_change": required_change,
            "actual_change": current - start_value,
            "gap": gap,
        }
        path_sv, path_en = self._path_words(inputs)
        start_code = kernels.compare(current, start_value, sign)
        if gap >= -(tol + kernels.tolerance(current, expected, tol)):
            verdict, reason = Verdict.POSITIVE, "on_or_ahead_of_path"
            sv = (
                f"{{current}} {{unit}} {{period}} ligger i nivå med eller före {path_sv}, som "
                "kräver {expected} {unit} {period}."
            )
            en = (
                f"{{current}} {{unit}} in {{period}} is on or ahead of {path_en}, which "
                "requires {expected} {unit} in {period}."
            )
        elif start_code == kernels.WORSENED:
            verdict, reason = self.worse_than_start, "worse_than_start"
            sv = (
                "{current} {unit} {period} är sämre än utgångsvärdet {start_value} {unit}; "
                f"{path_sv} kräver {{expected}} {{unit}} {{period}}."
            )
            en = (
                "{current} {unit} in {period} is worse than the start value {start_value} "
                f"{{unit}}; {path_en} requires {{expected}} {{unit}} in {{period}}."
            )
        elif start_code == kernels.SAME and self.not_improved is not None:
            verdict, reason = self.not_improved, "not_improved"
            sv = (
                "{current} {unit} {period} är oförändrat mot utgångsvärdet {start_value} "
                f"{{unit}}; {path_sv} kräver {{expected}} {{unit}} {{period}}."
            )
            en = (
                "{current} {unit} in {period} has not moved from the start value "
                f"{{start_value}} {{unit}}; {path_en} requires {{expected}} {{unit}} in "
                "{period}."
            )
        else:
            verdict, reason = self.behind, "behind_path"
            sv = (
                f"{{current}} {{unit}} {{period}} ligger efter {path_sv}, som kräver "
                "{expected} {unit} {period}."
            )
            en = (
                f"{{current}} {{unit}} in {{period}} is behind {path_en}, which requires "
                "{expected} {unit} in {period}."
            )
        tail_sv, tail_en = _VERDICT_TAILS[verdict]
        return Rating(verdict, Explanation(reason, inputs, computed, sv + tail_sv, en + tail_en))

    def _path_words(self, inputs: dict[str, Figure]) -> tuple[str, str]:
        """The path named in words, in Swedish and English (fields filled from inputs)."""
        if self.shape is PathShape.ANNUAL_RATE:
            inputs["annual_rate_percent"] = 100.0 * float(self.annual_rate or 0.0)
            return (
                "banan med {annual_rate_percent} % per år från {start_value} {unit} {start_year}",
                "the path of {annual_rate_percent} % a year from {start_value} {unit} in "
                "{start_year}",
            )
        kind_sv, kind_en = (
            ("banan i jämn takt", "the even-pace path")
            if self.shape is PathShape.LINEAR
            else ("banan med konstant procentuell takt", "the constant-rate path")
        )
        start_sv = "{start_value} {unit} {start_year}"
        start_en = "{start_value} {unit} in {start_year}"
        return (
            f"{kind_sv} från {start_sv} till {{target_value}} {{unit}} {{target_year}}",
            f"{kind_en} from {start_en} to {{target_value}} {{unit}} in {{target_year}}",
        )

    def _start_value(self, series: Series, base_year: int | None) -> float | None:
        if self.start_value is not None and self.shape is not PathShape.ANNUAL_RATE:
            return self.start_value
        if base_year is not None:
            observed = series.value(base_year)
            if observed is not None:
                return observed
        return series.metric.base_value

    def _target(self, series: Series, period: int) -> tuple[float | None, int | None]:
        value, year = self.target_value, self.target_year
        metric = series.metric
        target = metric.target(TargetOwner.PROGRAMME)
        if target is not None:
            found = resolve_target(target, metric_unit=metric.unit, period=period,
                                   base_value=base_value_for(target, metric, series.value),
                                   direction=metric.direction, bound=self.bound)
            if value is None and found is not None:
                value = found[0]
            if year is None:
                year = target.year if found is None else found[1]
        return value, year
