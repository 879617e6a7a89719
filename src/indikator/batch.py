"""Columnar assessment: many series at once, with explanations built only when asked for.

The per-object path (:class:`~indikator.model.Metric`, :class:`~indikator.series.Series`,
``strategy.assess``) builds records and an :class:`~indikator.verdict.Explanation` for
every series. For tens of thousands of series (every municipality, every unit, every
year) this module runs the same numeric kernels
(:mod:`indikator.strategies.kernels`) over plain columns of floats instead, converts
units once per column (one factor per distinct unit), and keeps only a small outcome
code per series. :meth:`BatchResult.rating`, :meth:`BatchResult.explanation` and
:meth:`BatchResult.assessment` then materialise, for any one series, exactly the rating
the per-object strategy gives for it (they run that strategy on a one-series
:class:`~indikator.series.Series`), so the explanation of every verdict stays available.

Example::

    from indikator.batch import assess_changes

    result = assess_changes(
        current=[4.5, 6.6, 185.0],
        reference=[3.6, 6.8, 188.0],
        direction="lower_is_better",
        relative_dead_band=0.05,
        period=2024,
        unit="kWh/km",
    )
    result.verdicts          # (Verdict.NEGATIVE, Verdict.UNCHANGED, Verdict.UNCHANGED)
    result.explanation(0).sentence("en")

Missing values are ``None`` and give ``no_value`` with the strategy's reason code; NaN
and infinite values are refused with an :class:`~indikator.errors.InputError` naming
the column, the position and the value.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, Final

from indikator.errors import InputError
from indikator.model import Label, Metric
from indikator.series import Point, Series
from indikator.strategies import kernels
from indikator.strategies.trajectory import PathShape, RateFrom, VsTrajectory
from indikator.strategies.vs_base import Reference, VsBase
from indikator.units import conversion_factor
from indikator.verdict import (
    Assessment,
    Basis,
    Direction,
    Explanation,
    Level,
    Rating,
    Verdict,
)

__all__ = ["BatchResult", "assess_changes", "assess_trajectories"]

# Outcome codes of a batch run: the kernels' IMPROVED/SAME/WORSENED, and these.
_NO_CURRENT: Final = 10
_NO_REFERENCE: Final = 11
_BEHIND: Final = 12
_WORSE_THAN_START: Final = 13
_NO_START: Final = 14
_NO_TARGET: Final = 15
_INVALID_PATH: Final = 16
_COMPOUND_UNDEFINED: Final = 17
_PATH_UNDEFINED: Final = 18


class BatchResult:
    """The verdicts of a batch run, with each series' explanation on demand.

    Attributes:
        verdicts: One verdict per series, in input order.
        strategy: The id of the strategy the batch applied (``"vs_base"``, ...).
    """

    __slots__ = ("_cache", "_ids", "_materialise", "strategy", "verdicts")

    def __init__(
        self,
        verdicts: tuple[Verdict, ...],
        strategy: str,
        materialise: Callable[[int], Rating],
        ids: Sequence[str] | None,
    ) -> None:
        self.verdicts = verdicts
        self.strategy = strategy
        self._materialise = materialise
        self._ids = ids
        self._cache: dict[int, Rating] = {}

    def __len__(self) -> int:
        return len(self.verdicts)

    def __repr__(self) -> str:
        counts = ", ".join(f"{v.value}={n}" for v, n in self.counts().items())
        return f"<BatchResult {self.strategy}: {len(self)} series ({counts})>"

    def counts(self) -> Counter[Verdict]:
        """How many series got each verdict."""
        return Counter(self.verdicts)

    def rating(self, i: int) -> Rating:
        """The rating of series ``i``: its verdict and full explanation.

        Built on first request by running the per-object strategy on that series alone;
        it equals what the strategy gives for the same inputs.

        Raises:
            IndexError: There is no series ``i``.
        """
        if not -len(self.verdicts) <= i < len(self.verdicts):
            raise IndexError(f"series {i} out of range (0–{len(self.verdicts) - 1})")
        i %= len(self.verdicts)
        found = self._cache.get(i)
        if found is None:
            found = self._cache[i] = self._materialise(i)
        return found

    def explanation(self, i: int) -> Explanation:
        """The explanation of series ``i`` (see :meth:`rating`)."""
        return self.rating(i).explanation

    def id(self, i: int) -> str:
        """The id of series ``i``: the given id, else ``"series-<i>"``."""
        return self._ids[i] if self._ids is not None else f"series-{i}"

    def assessment(self, i: int, name: Label | str | None = None) -> Assessment:
        """Series ``i`` as a metric node of an assessment tree (basis: rule).

        Args:
            i: The position of the series.
            name: The metric's name (its id if omitted).
        """
        rating = self.rating(i)
        node_id = self.id(i)
        label = name if isinstance(name, Label) else Label(name or node_id)
        return Assessment(
            id=node_id,
            name=label,
            level=Level.METRIC,
            verdict=rating.verdict,
            basis=Basis.RULE,
            explanation=rating.explanation,
            rule_verdict=rating.verdict,
            rule_explanation=rating.explanation,
            strategy=self.strategy,
        )


def _column(value: object, n: int, name: str) -> list[Any]:
    """A scalar repeated ``n`` times, or a sequence of length ``n``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        return [value] * n
    if len(value) != n:
        raise InputError(
            f"the column has {len(value)} entries; the batch has {n} series",
            field=name,
            value=len(value),
        )
    return list(value)


def _is_scalar(value: object) -> bool:
    return isinstance(value, (str, bytes)) or not isinstance(value, Sequence)


def _signs(direction: Direction | str | Sequence[Direction | str], n: int) -> list[int]:
    cache: dict[object, int] = {}
    out: list[int] = []
    for i, d in enumerate(_column(direction, n, "direction")):
        s = cache.get(d)
        if s is None:
            try:
                s = (d if isinstance(d, Direction) else Direction.parse(d)).sign
            except (ValueError, AttributeError):
                raise InputError(
                    "expected higher_is_better or lower_is_better",
                    field=f"direction[{i}]",
                    value=d,
                ) from None
            cache[d] = s
        out.append(s)
    return out


def _values(
    column: Sequence[float | None],
    name: str,
    n: int | None,
    source_unit: str | Sequence[str] | None,
    unit: str | None,
) -> list[float | None]:
    """Validate a value column (finite or ``None``) and convert it to ``unit``."""
    if _is_scalar(column):
        raise InputError("a column (a sequence of numbers) is required", field=name, value=column)
    values = list(column)
    if n is not None and len(values) != n:
        raise InputError(
            f"the column has {len(values)} entries; the batch has {n} series",
            field=name,
            value=len(values),
        )
    isfinite = math.isfinite
    for i, v in enumerate(values):
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise InputError("a number or None is required", field=f"{name}[{i}]", value=v)
        if not isfinite(v):
            raise InputError(
                "a finite number is required (NaN and inf are refused)",
                field=f"{name}[{i}]",
                value=v,
            )
    if source_unit is None or unit is None:
        return [None if v is None else float(v) for v in values]
    if isinstance(source_unit, str):
        f = _factor(source_unit, unit, f"{name}_unit")
        return [None if v is None else v * f for v in values]
    units = _column(source_unit, len(values), f"{name}_unit")
    factors: dict[str, float] = {}
    out: list[float | None] = []
    for v, u in zip(values, units, strict=True):
        factor = factors.get(u)
        if factor is None:
            factor = factors[u] = _factor(u, unit, f"{name}_unit")
        out.append(None if v is None else v * factor)
    return out


def _factor(source: str, target: str, field: str) -> float:
    try:
        return conversion_factor(source, target)
    except InputError as exc:
        raise exc.located(field=field) from None


def _bands(value: float | Sequence[float], n: int, name: str) -> list[float]:
    out = _column(value, n, name)
    for i, b in enumerate(out):
        if isinstance(b, bool) or not isinstance(b, (int, float)) or not (0 <= b < math.inf):
            raise InputError(
                "must be a finite number >= 0",
                field=name if _is_scalar(value) else f"{name}[{i}]",
                value=b,
            )
    return [float(b) for b in out]


def _years(value: int | Sequence[int | None] | None, n: int, name: str) -> list[int | None]:
    out = _column(value, n, name)
    for i, y in enumerate(out):
        if y is not None and (isinstance(y, bool) or not isinstance(y, int)):
            raise InputError(
                "a year must be a whole number",
                field=name if _is_scalar(value) else f"{name}[{i}]",
                value=y,
            )
    return out


_CHANGE_VERDICT: Final = {
    kernels.IMPROVED: Verdict.POSITIVE,
    kernels.SAME: Verdict.UNCHANGED,
    kernels.WORSENED: Verdict.NEGATIVE,
    _NO_CURRENT: Verdict.NO_VALUE,
    _NO_REFERENCE: Verdict.NO_VALUE,
}


def assess_changes(
    current: Sequence[float | None],
    reference: Sequence[float | None],
    direction: Direction | str | Sequence[Direction | str],
    *,
    period: int | Sequence[int],
    dead_band: float | Sequence[float] = 0.0,
    relative_dead_band: float | Sequence[float] = 0.0,
    reference_kind: Reference | str = Reference.PREVIOUS,
    reference_period: int | Sequence[int | None] | None = None,
    unit: str | None = None,
    source_unit: str | Sequence[str] | None = None,
    ids: Sequence[str] | None = None,
) -> BatchResult:
    """Rate many series against a reference value, as :class:`~indikator.strategies.VsBase`.

    Series ``i`` compares ``current[i]`` with ``reference[i]`` in its direction, with
    the larger of the absolute and the relative dead band (a change of exactly the band
    is unchanged). Every parameter but the value columns may be one value for all
    series or a column of one value per series.

    Args:
        current: The outcomes of the period assessed (``None`` where missing).
        reference: The values compared with: the previous period's or the base
            value (``None`` where missing).
        direction: Which way is better.
        period: The period assessed.
        dead_band: An absolute dead band, in ``unit``.
        relative_dead_band: A dead band as a share of ``|reference|``.
        reference_kind: ``"previous"`` (the reference is an earlier period's outcome)
            or ``"base"`` (the metric's base value).
        reference_period: The reference's period; ``period - 1`` by default for
            ``"previous"``, the base value without a year for ``"base"``.
        unit: The unit the series are assessed (and explained) in.
        source_unit: The unit the value columns are given in, if not ``unit``; one
            unit, or one per series. Converted once per distinct unit.
        ids: An id per series, for :meth:`BatchResult.assessment`.

    Returns:
        The verdicts, with each explanation on demand.

    Raises:
        InputError: A column of the wrong length, a NaN or infinite value, a negative
            band, an unknown direction, or incompatible units.
    """
    n = len(current)
    cur = _values(current, "current", None, source_unit, unit)
    ref = _values(reference, "reference", n, source_unit, unit)
    kind = Reference(reference_kind)
    scalar_direction = _is_scalar(direction)
    signs = _signs(direction, n if not scalar_direction else 1)
    scalar_band = _is_scalar(dead_band) and _is_scalar(relative_dead_band)
    absolute = _bands(dead_band, n if not _is_scalar(dead_band) else 1, "dead_band")
    relative = _bands(
        relative_dead_band,
        n if not _is_scalar(relative_dead_band) else 1,
        "relative_dead_band",
    )
    periods = _years(period, n, "period")
    if reference_period is None and kind is Reference.PREVIOUS:
        ref_periods: list[int | None] = [None if p is None else p - 1 for p in periods]
    else:
        ref_periods = _years(reference_period, n, "reference_period")
    for i, (p, rp) in enumerate(zip(periods, ref_periods, strict=True)):
        if p is None:
            raise InputError("a period is required", field=f"period[{i}]", value=p)
        if rp is not None and (rp >= p if kind is Reference.PREVIOUS else rp == p):
            raise InputError(
                "the reference period must lie before the period assessed",
                field=f"reference_period[{i}]",
                value=rp,
            )

    compare = kernels.compare
    codes: list[int]
    if scalar_direction and scalar_band:
        sign, band_abs, band_rel = signs[0], absolute[0], relative[0]
        codes = []
        append = codes.append
        for c, r in zip(cur, ref, strict=True):
            if c is None:
                append(_NO_CURRENT)
            elif r is None:
                append(_NO_REFERENCE)
            else:
                band = band_rel * abs(r)
                append(compare(c, r, sign, band if band > band_abs else band_abs))
    else:
        sign_col = signs * n if scalar_direction else signs
        abs_col = absolute * n if len(absolute) == 1 else absolute
        rel_col = relative * n if len(relative) == 1 else relative
        band_for = kernels.band_for
        codes = [
            _NO_CURRENT
            if c is None
            else _NO_REFERENCE
            if r is None
            else compare(c, r, s, band_for(r, a, rl))
            for c, r, s, a, rl in zip(cur, ref, sign_col, abs_col, rel_col, strict=True)
        ]
    table = _CHANGE_VERDICT
    verdicts = tuple([table[c] for c in codes])

    def materialise(i: int) -> Rating:
        strategy = VsBase(
            reference=kind,
            dead_band=absolute[0 if len(absolute) == 1 else i],
            relative_dead_band=relative[0 if len(relative) == 1 else i],
        )
        sign = signs[0 if scalar_direction else i]
        p, rp, c, r = periods[i], ref_periods[i], cur[i], ref[i]
        assert p is not None
        points: list[Point] = []
        base_year: int | None = None
        base_value: float | None = None
        if kind is Reference.PREVIOUS:
            if r is not None and rp is not None:
                points.append(Point(rp, r))
        else:
            base_year, base_value = rp, r
        if c is not None:
            points.append(Point(p, c))
        metric = _metric(strategy, unit, sign, base_year, base_value)
        return strategy.assess(Series(metric, tuple(points)), p)

    return BatchResult(verdicts, VsBase.id, materialise, ids)


def _metric(
    strategy: VsBase | VsTrajectory,
    unit: str | None,
    sign: int,
    base_year: int | None = None,
    base_value: float | None = None,
) -> Metric:
    return Metric(
        id="batch",
        name="batch",
        unit=unit,
        direction=Direction.HIGHER_IS_BETTER if sign > 0 else Direction.LOWER_IS_BETTER,
        strategy=strategy,
        base_year=base_year,
        base_value=base_value,
    )


def assess_trajectories(
    current: Sequence[float | None],
    start_value: Sequence[float | None],
    target_value: Sequence[float | None] | None = None,
    *,
    period: int | Sequence[int],
    start_year: int | Sequence[int | None] | None,
    target_year: int | Sequence[int | None] | None = None,
    direction: Direction | str | Sequence[Direction | str],
    shape: PathShape | str = PathShape.LINEAR,
    annual_rate: float | None = None,
    tolerance: float = 0.0,
    behind: Verdict | str = Verdict.UNCHANGED,
    worse_than_start: Verdict | str = Verdict.NEGATIVE,
    unit: str | None = None,
    source_unit: str | Sequence[str] | None = None,
    ids: Sequence[str] | None = None,
) -> BatchResult:
    """Rate many series against a path, as :class:`~indikator.strategies.VsTrajectory`.

    For linear and compound paths, series ``i`` runs from ``start_value[i]`` in
    ``start_year[i]`` to ``target_value[i]`` in ``target_year[i]``; for a fixed annual
    rate, from ``start_value[i]`` in ``start_year[i]`` (the reference) at
    ``annual_rate`` a year. The verdicts, tie rules and reason codes are those of
    :class:`~indikator.strategies.VsTrajectory` with the same parameters.

    Args:
        current: The outcomes of the period assessed (``None`` where missing).
        start_value: The path's start (for an annual rate: the reference) values.
        target_value: The target values (not used for an annual rate).
        period: The period assessed.
        start_year: The path's start year (for an annual rate: the reference's year,
            which must differ from ``period``).
        target_year: The target year.
        direction: Which way is better.
        shape: ``"linear"``, ``"compound"`` or ``"annual_rate"``.
        annual_rate: The rate for ``"annual_rate"`` (``-0.025`` = -2.5 % a year).
        tolerance: How far behind the path still counts as on it, in ``unit``.
        behind: The verdict when behind the path.
        worse_than_start: The verdict when worse than the start value.
        unit: The unit the series are assessed (and explained) in.
        source_unit: The unit the value columns are given in, if not ``unit``.
        ids: An id per series, for :meth:`BatchResult.assessment`.

    Returns:
        The verdicts, with each explanation on demand.

    Raises:
        InputError: A column of the wrong length, a NaN or infinite value, a bad
            parameter (as :class:`~indikator.strategies.VsTrajectory` refuses it), an
            unknown direction, or incompatible units.
    """
    sh = PathShape(shape)
    template = VsTrajectory(
        shape=sh,
        annual_rate=annual_rate,
        rate_from=RateFrom.BASE,
        tolerance=tolerance,
        behind=behind,
        worse_than_start=worse_than_start,
    )
    n = len(current)
    cur = _values(current, "current", None, source_unit, unit)
    start = _values(start_value, "start_value", n, source_unit, unit)
    if target_value is None:
        target: list[float | None] = [None] * n
    else:
        target = _values(target_value, "target_value", n, source_unit, unit)
    scalar_direction = _is_scalar(direction)
    signs = _signs(direction, 1 if scalar_direction else n)
    sign_col = signs * n if scalar_direction else signs
    periods = _years(period, n, "period")
    start_years = _years(start_year, n, "start_year")
    target_years = _years(target_year, n, "target_year")
    annual = sh is PathShape.ANNUAL_RATE
    for i, p in enumerate(periods):
        if p is None:
            raise InputError("a period is required", field=f"period[{i}]", value=p)
        if annual and start_years[i] == p:
            raise InputError(
                "the reference year of an annual rate must differ from the period",
                field=f"start_year[{i}]",
                value=p,
            )

    tol = template.tolerance
    behind_v, worse_v = template.behind, template.worse_than_start
    rate = float(template.annual_rate or 0.0)
    ktol, compare, isfinite = kernels.tolerance, kernels.compare, math.isfinite
    fraction, linear, compound = kernels.path_fraction, kernels.linear_path, kernels.compound_path
    annual_path = kernels.annual_rate_path
    worsened, is_linear = kernels.WORSENED, sh is PathShape.LINEAR
    codes: list[int] = []
    append = codes.append
    for c, sv, tv, p, sy, ty, sign in zip(
        cur, start, target, periods, start_years, target_years, sign_col, strict=True
    ):
        if c is None:
            append(_NO_CURRENT)
            continue
        if sv is None or sy is None:
            append(_NO_START)
            continue
        expected: float | None
        if annual:
            expected = annual_path(sv, p - sy, rate)
        else:
            if tv is None or ty is None:
                append(_NO_TARGET)
                continue
            if ty <= sy:
                append(_INVALID_PATH)
                continue
            frac = fraction(p, sy, ty)
            expected = linear(frac, sv, tv) if is_linear else compound(frac, sv, tv)
        if expected is None:
            append(_COMPOUND_UNDEFINED)
        elif not isfinite(expected):
            append(_PATH_UNDEFINED)
        elif (c - expected) * sign >= -(tol + ktol(c, expected, tol)):
            append(kernels.IMPROVED)
        elif compare(c, sv, sign) == worsened:
            append(_WORSE_THAN_START)
        else:
            append(_BEHIND)
    table = {
        kernels.IMPROVED: Verdict.POSITIVE,
        _BEHIND: behind_v,
        _WORSE_THAN_START: worse_v,
    }
    verdicts = tuple([table.get(code, Verdict.NO_VALUE) for code in codes])

    def materialise(i: int) -> Rating:
        p, c, sv, sy = periods[i], cur[i], start[i], start_years[i]
        assert p is not None
        points = [] if c is None else [Point(p, c)]
        if annual:
            strategy = template
            metric = _metric(strategy, unit, sign_col[i], sy, sv)
        else:
            strategy = VsTrajectory(
                shape=sh,
                start_year=sy,
                start_value=sv,
                target_year=target_years[i],
                target_value=target[i],
                tolerance=tol,
                behind=behind_v,
                worse_than_start=worse_v,
            )
            metric = _metric(strategy, unit, sign_col[i])
        return strategy.assess(Series(metric, tuple(points)), p)

    return BatchResult(verdicts, VsTrajectory.id, materialise, ids)
