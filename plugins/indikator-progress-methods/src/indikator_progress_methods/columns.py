"""The published methods over columns: series windows and array kernels.

The columnar face of the four strategies (their ``rate_columns``). Each row is one series
at one period (:class:`indikator.strategies.columns.Rows`); :class:`Windows` holds, for
every row at once, the points the per-object face cuts with
:func:`~indikator_progress_methods._common.prepare` (the values up to the period since the
last series break, plus the metric's base value as a point of its base year when the data
has none), and the kernels below rate them with the tie rules and reason order of the
scalar kernels in :mod:`indikator_progress_methods.kernels`. They know nothing of
explanations: each returns an :class:`~indikator.kernels.Outcome` of verdict codes,
reason codes (the ``Explanation.reason`` the per-object ``assess`` gives) and key figures.

Growth rates need ``x ** (1 / years)``. numpy's ``power`` may run in SIMD code (SVML on
AVX-512 machines) that differs from the C library's ``pow`` in the last bit for some
inputs, and one bit decides an exact tie at a threshold; so every power here is taken by
:func:`math.pow` element by element (:func:`exact_pow`) on the rows that need one. That is
the only per-element Python in the kernels; everything else is whole-column numpy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from indikator import Flag, Verdict
from indikator.codes import NO_VALUE, reason_code, verdict_code
from indikator.kernels import Outcome
from indikator.model import Metric
from indikator.strategies.columns import Rows, metric_columns, per_pair

from indikator_progress_methods import kernels as k

__all__ = [
    "DESTATIS_DIRECTION",
    "DESTATIS_KEEP",
    "DESTATIS_LEVEL",
    "Windows",
    "destatis",
    "eustat",
    "exact_pow",
    "open_sdg",
    "pair_columns",
    "unsd",
    "verdict_table",
]

Floats = npt.NDArray[np.float64]
Index = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.int8]

DESTATIS_LEVEL: Final = 0
"""A Destatis target value with a year."""
DESTATIS_KEEP: Final = 1
"""A Destatis target to keep every year."""
DESTATIS_DIRECTION: Final = 2
"""A Destatis direction only."""

_NO_CURRENT = reason_code("no_current_value")
_NO_TARGET = reason_code("no_target")
_BEHIND_BASE = reason_code("target_behind_base")
_R = {r: reason_code(r.value) for r in k.Reason}


def _pow_one(base: float, exponent: float) -> float:
    try:
        return math.pow(base, exponent)
    except (OverflowError, ValueError):  # as kernels._pow: overflow, or 0 ** negative
        return math.inf


def exact_pow(base: Floats, exponent: Floats, where: Mask) -> Floats:
    """``base ** exponent`` by :func:`math.pow` where ``where`` (NaN elsewhere).

    Overflow gives +inf, as the scalar kernels' ``_pow``. See the module docstring for why
    this does not use numpy's ``power``.
    """
    out = np.full(len(base), np.nan)
    idx = np.flatnonzero(where)
    if len(idx):
        out[idx] = np.fromiter(
            map(_pow_one, base[idx].tolist(), exponent[idx].tolist()), np.float64, len(idx)
        )
    return out


def verdict_table(maps: Iterable[Mapping[str, Verdict]], categories: Sequence[Enum]) -> Codes:
    """Verdict codes by (strategy, category), ``no_value`` for unmapped categories.

    Args:
        maps: Each strategy's category value → :class:`~indikator.Verdict` mapping.
        categories: The method's categories, in the order category codes refer to.
    """
    rows = [
        [verdict_code(m[c.value]) if c.value in m else NO_VALUE for c in categories]
        for m in maps
    ]
    return np.array(rows, dtype=np.int8).reshape(-1, len(categories))


def pair_columns(strategies: Sequence[Any], which: Index, rows: Rows,
                 compute: Callable[[Any, Metric], tuple[float, ...]], width: int,
                 where: Mask) -> list[Floats]:
    """Per-(strategy, metric) parameters of the rows ``where`` holds (NaN elsewhere).

    ``compute(strategy, metric)`` runs once per distinct pair among those rows only, so a
    parameter that cannot be had (a target in a unit that does not convert) stops the
    batch only where the per-object face would fail too.
    """
    out = [np.full(len(rows), np.nan) for _ in range(width)]
    idx = np.flatnonzero(where).astype(np.int64)
    if len(idx):
        for col, got in zip(out, per_pair(strategies, which[idx], rows.take(idx), compute,
                                          width), strict=True):
            col[idx] = got
    return out


def _year(x: Floats) -> Index:
    """Years given as floats (NaN, on rows not rated: 0) as ints."""
    return np.where(np.isnan(x), 0.0, x).astype(np.int64)


def _opposite(a: Floats, b: Floats) -> Mask:
    """Strictly positive against strictly negative (as ``kernels._opposite_signs``)."""
    return ((a > 0) & (b < 0)) | ((a < 0) & (b > 0))


def _meets(value: Floats, target: Floats, d: Floats) -> Mask:
    """Inclusive, in the desired direction (NaN never meets)."""
    return np.where(d > 0, value >= target, value <= target)


class Windows:
    """The points each row's method rates: the columnar form of ``prepare``.

    For row ``i`` the points are the outcomes with a value of its series up to
    ``period[i]`` from the last series break on, plus the metric's base value as a point
    of its base year when that year has no such outcome, is not after the period and not
    before the break. They are addressed by their rank in year order (:meth:`point`);
    the last one is the period's own outcome wherever ``has_current`` holds.

    Attributes:
        rows: The rows.
        period: Their periods.
        current: The outcome in the period (NaN: none).
        has_current: Whether there is one.
        sign: The metric's direction (+1 higher is better, -1 lower).
        n: How many points each row has.
    """

    def __init__(self, rows: Rows) -> None:
        frame = rows.frame
        self.rows = rows
        self.period = rows.period
        self.current = rows.current()
        self.has_current = ~np.isnan(self.current)
        cols = metric_columns(frame)
        m = rows.metric
        self.sign: Floats = cols["sign"][m]
        numeric = frame.cache.get("progress_methods.numeric")
        if numeric is None:
            has = ~np.isnan(frame.value)
            numeric = frame.cache["progress_methods.numeric"] = (
                has, np.flatnonzero(has).astype(np.int64),
                np.r_[0, np.cumsum(has)].astype(np.int64))
        self._has: Mask = numeric[0]
        self._numeric_rows: Index = numeric[1]
        self._cum: Index = numeric[2]
        start, stop = frame.segment(rows.group, rows.period)
        self._start, self._stop = start, stop
        first = np.where(start < stop, start, -1)
        broken = frame.has_flag(first, Flag.SERIES_BREAK)
        break_year = np.where(broken, frame.periods(first), -1)
        by, bv = cols["base_year"][m], cols["base_value"][m]
        wanted = (by >= 0) & ~np.isnan(bv) & (by <= rows.period) & (by >= break_year)
        found = frame.find(np.where(wanted, rows.group, -1), np.where(wanted, by, rows.period))
        in_data = (found >= 0) & self._has[np.maximum(found, 0)] if len(self._has) else (
            np.zeros(len(rows), dtype=bool))
        self.base_added: Mask = wanted & ~in_data
        self._base_year, self._base_value = by, bv
        self._base_rank = self._numeric_before(by)
        self.n: Index = self._cum[stop] - self._cum[start] + self.base_added

    def __len__(self) -> int:
        return len(self.period)

    def _numeric_before(self, year: Index) -> Index:
        """Outcomes with a value in the window before ``year`` (base point not counted)."""
        _, below = self.rows.frame.segment(self.rows.group, year - 1)
        at = np.clip(below, self._start, self._stop)
        return self._cum[at] - self._cum[self._start]

    def count_before(self, year: Index) -> Index:
        """How many of each row's points lie before ``year``."""
        year = np.asarray(year, dtype=np.int64)
        out: Index = self._numeric_before(year) + (self.base_added & (self._base_year < year))
        return out

    def point(self, i: Index) -> tuple[Index, Floats]:
        """The year and value of each row's point of rank ``i`` (meaningful for ``0 <= i < n``)."""
        frame = self.rows.frame
        if not len(self._numeric_rows):
            return self._base_year.copy(), self._base_value.copy()
        base_here = self.base_added & (i == self._base_rank)
        q = i - (self.base_added & (i > self._base_rank))
        at = np.clip(self._cum[self._start] + q, 0, len(self._numeric_rows) - 1)
        row = self._numeric_rows[at]
        year = np.where(base_here, self._base_year, frame.period[row].astype(np.int64))
        value = np.where(base_here, self._base_value, frame.value[row])
        return year, value


class _Choose:
    """Reason and category codes picked by the first condition that holds, row by row."""

    def __init__(self, n: int) -> None:
        self.open = np.ones(n, dtype=bool)
        self.reason = np.zeros(n, dtype=np.int32)
        self.category = np.full(n, -1, dtype=np.int64)

    def reason_if(self, cond: Mask, code: int) -> None:
        hit = self.open & cond
        self.reason[hit] = code
        self.open &= ~hit

    def category_if(self, cond: Mask, category: Index | int, codes: npt.NDArray[np.int32]) -> None:
        hit = self.open & cond
        self.category[hit] = np.broadcast_to(category, hit.shape)[hit]
        self.reason[hit] = codes[self.category[hit]]
        self.open &= ~hit

    def outcome(self, verdicts: Codes, figures: dict[str, Floats]) -> Outcome:
        rated = self.category >= 0
        verdict = np.full(len(self.reason), NO_VALUE, dtype=np.int8)
        idx = np.flatnonzero(rated)
        verdict[idx] = verdicts[idx, self.category[idx]]
        return Outcome(verdict, self.reason, figures)


def _category_reasons(categories: Sequence[Enum]) -> npt.NDArray[np.int32]:
    return np.array([reason_code(str(c.value)) for c in categories], dtype=np.int32)


_OSDG = list(k.OpenSdgStatus)
_OSDG_REASONS = _category_reasons(_OSDG)
(_OSDG_ACHIEVED, _OSDG_SUBSTANTIAL, _OSDG_MODERATE, _OSDG_LIMITED, _OSDG_DETERIORATION) = (
    _OSDG.index(s) for s in (
        k.OpenSdgStatus.TARGET_ACHIEVED, k.OpenSdgStatus.SUBSTANTIAL, k.OpenSdgStatus.MODERATE,
        k.OpenSdgStatus.LIMITED, k.OpenSdgStatus.DETERIORATION))


def open_sdg(win: Windows, target: Floats, target_year: Floats, preferred: Floats,
             limit: Floats, verdicts: Codes,
             thresholds: tuple[Floats, Floats, Floats] | None = None) -> Outcome:
    """Rate rows with the Open SDG progress measure.

    Args:
        win: The rows' points.
        target: The target in the metric's unit (NaN: rate without one).
        target_year: The target year.
        preferred: The preferred base year.
        limit: A natural limit (NaN: none).
        verdicts: Per row, the verdict code of each :class:`~kernels.OpenSdgStatus`.
        thresholds: Per row, given ``high``, ``med`` and ``low`` thresholds (NaN: the
            default); without a target they are scaled by the natural-limit factor.

    Figures: ``current``, ``reference`` (the base value used), ``target`` (as used).
    """
    n = len(win)
    cur, d, t = win.current, win.sign, win.period.astype(np.float64)
    has_t = ~np.isnan(target)
    t_used = np.where(target == 0, k.OPEN_SDG_ZERO_REPLACEMENT, target)
    achieved = has_t & _meets(cur, t_used, d)
    i = win.count_before(_year(preferred))
    has_base = win.has_current & (i < win.n)
    y_year, y0 = win.point(i)
    t0 = y_year.astype(np.float64)
    s = np.where(y0 < 0, -1.0, 1.0)
    b_used = np.where(y0 == 0, k.OPEN_SDG_ZERO_REPLACEMENT, y0)
    with np.errstate(all="ignore"):
        has_limit = ~np.isnan(limit) & ~has_t
        use_limit = has_limit & has_base & ~(d * (limit - b_used) < 0)
        ratio = np.abs(y0) / np.abs(limit)
        x = np.where(ratio <= 1.0, ratio, 2.0 - ratio)
        bend = use_limit & (np.abs(limit) != 0) & (ratio < 2.0)
        coefficient = np.where(bend, 1.0 - exact_pow(x, np.full(n, k.OPEN_SDG_LIMIT_EXPONENT),
                                                     bend), 1.0)
        mixed = _opposite(b_used, cur)
        too_few = t - t0 < 1
        sign_mismatch = has_t & _opposite(b_used, t_used)
        year_not_after = has_t & (target_year <= t0)
        go = has_base & ~achieved & ~mixed & ~too_few & ~sign_mismatch & ~year_not_after
        cagr_a = exact_pow(np.abs(cur / b_used), 1.0 / (t - t0), go) - 1.0
        cagr_r = exact_pow(np.abs(t_used / b_used), 1.0 / (target_year - t0), go & has_t) - 1.0
        zero_rate = go & has_t & (cagr_r == 0.0)
        progress = np.where(has_t, s * d * cagr_a / np.abs(cagr_r), s * d * cagr_a)
        finite = np.isfinite(cagr_a) & (~has_t | np.isfinite(cagr_r)) & np.isfinite(progress)
        given_high, given_med, given_low = thresholds or (np.full(n, np.nan),) * 3
        high = np.where(has_t, 0.95, 0.015)
        med = np.where(has_t, 0.6, 0.005)
        high = np.where(np.isnan(given_high), high, given_high)
        med = np.where(np.isnan(given_med), med, given_med)
        low = np.where(np.isnan(given_low), 0.0, given_low)
        high = np.where(has_t, high, high * coefficient)
        med = np.where(has_t, med, med * coefficient)
        low = np.where(has_t, low, low * coefficient)
    pick = _Choose(n)
    pick.reason_if(~win.has_current, _NO_CURRENT)
    pick.category_if(achieved, _OSDG_ACHIEVED, _OSDG_REASONS)
    pick.reason_if(~has_base, _R[k.Reason.NO_BASE_YEAR])
    pick.reason_if(mixed, _R[k.Reason.MIXED_SIGNS])
    pick.reason_if(too_few, _R[k.Reason.TOO_FEW_POINTS])
    pick.reason_if(sign_mismatch, _R[k.Reason.TARGET_SIGN_MISMATCH])
    pick.reason_if(year_not_after, _R[k.Reason.TARGET_YEAR_NOT_AFTER_BASE])
    pick.reason_if(zero_rate, _R[k.Reason.ZERO_REQUIRED_RATE])
    pick.reason_if(~finite, _R[k.Reason.NUMERIC_OVERFLOW])
    pick.category_if(progress >= high, _OSDG_SUBSTANTIAL, _OSDG_REASONS)
    pick.category_if(progress >= med, _OSDG_MODERATE, _OSDG_REASONS)
    pick.category_if(progress >= low, _OSDG_LIMITED, _OSDG_REASONS)
    pick.category_if(pick.open, _OSDG_DETERIORATION, _OSDG_REASONS)
    return pick.outcome(verdicts, {
        "current": cur,
        "reference": np.where(has_base, b_used, np.nan),
        "target": np.where(win.has_current, t_used, np.nan),
    })


_UNSD = list(k.UnsdCategory)
_UNSD_REASONS = _category_reasons(_UNSD)
_UNSD_ON, _UNSD_FAIR, _UNSD_LIMITED, _UNSD_DETERIORATION = (
    _UNSD.index(c) for c in (k.UnsdCategory.ON_TRACK, k.UnsdCategory.FAIR,
                             k.UnsdCategory.LIMITED, k.UnsdCategory.DETERIORATION))


def unsd(win: Windows, target: Floats, target_year: Floats, preferred: Floats,
         verdicts: Codes) -> Outcome:
    """Rate rows with the UNSD progress-chart ratio ``CR = CAGR_a / CAGR_r``.

    Args:
        win: The rows' points.
        target: The target in the metric's unit (NaN: none, ``no_target``).
        target_year: The target year.
        preferred: The preferred base year.
        verdicts: Per row, the verdict code of each :class:`~kernels.UnsdCategory`.

    Figures: ``current``, ``reference`` (the base value), ``target``.
    """
    n = len(win)
    cur, d, t = win.current, win.sign, win.period.astype(np.float64)
    has_t = ~np.isnan(target)
    i = win.count_before(_year(preferred))
    has_base = win.has_current & has_t & (i < win.n)
    y_year, y0 = win.point(i)
    t0 = y_year.astype(np.float64)
    with np.errstate(all="ignore"):
        implied = np.where(target > y0, 1.0, np.where(target < y0, -1.0, 0.0))
        behind = has_base & (implied != 0) & (implied != d)
        too_few = t - t0 < 1
        zero_base = y0 == 0
        mixed = _opposite(y0, cur)
        sign_mismatch = _opposite(y0, target)
        year_not_after = target_year <= t0
        go = has_base & ~behind & ~too_few & ~zero_base & ~mixed & ~sign_mismatch & (
            ~year_not_after)
        cagr_a = exact_pow(np.abs(cur / y0), 1.0 / (t - t0), go) - 1.0
        cagr_r = exact_pow(np.abs(target / y0), 1.0 / (target_year - t0), go) - 1.0
        zero_rate = cagr_r == 0.0
        ratio = cagr_a / cagr_r
        finite = np.isfinite(cagr_a) & np.isfinite(cagr_r) & np.isfinite(ratio)
    pick = _Choose(n)
    pick.reason_if(~win.has_current, _NO_CURRENT)
    pick.reason_if(~has_t, _NO_TARGET)
    pick.reason_if(~has_base, _R[k.Reason.NO_BASE_YEAR])
    pick.reason_if(behind, _BEHIND_BASE)
    pick.reason_if(too_few, _R[k.Reason.TOO_FEW_POINTS])
    pick.reason_if(zero_base, _R[k.Reason.ZERO_BASE])
    pick.reason_if(mixed, _R[k.Reason.MIXED_SIGNS])
    pick.reason_if(sign_mismatch, _R[k.Reason.TARGET_SIGN_MISMATCH])
    pick.reason_if(year_not_after, _R[k.Reason.TARGET_YEAR_NOT_AFTER_BASE])
    pick.reason_if(zero_rate, _R[k.Reason.ZERO_REQUIRED_RATE])
    pick.reason_if(~finite, _R[k.Reason.NUMERIC_OVERFLOW])
    pick.category_if(ratio > k.UNSD_ON_TRACK_ABOVE, _UNSD_ON, _UNSD_REASONS)
    pick.category_if(ratio >= k.UNSD_FAIR_FROM, _UNSD_FAIR, _UNSD_REASONS)
    pick.category_if(ratio >= k.UNSD_LIMITED_FROM, _UNSD_LIMITED, _UNSD_REASONS)
    pick.category_if(pick.open, _UNSD_DETERIORATION, _UNSD_REASONS)
    return pick.outcome(verdicts, {
        "current": cur,
        "reference": np.where(has_base, y0, np.nan),
        "target": np.where(win.has_current, target, np.nan),
    })


_EUSTAT = list(k.EustatCategory)
_EUSTAT_REASONS = _category_reasons(_EUSTAT)
_EU_ACHIEVED, _EU_ON, _EU_ACCELERATE, _EU_STAGNATION = (
    _EUSTAT.index(c) for c in (k.EustatCategory.ACHIEVED, k.EustatCategory.ON_TRACK,
                               k.EustatCategory.NEEDS_ACCELERATION,
                               k.EustatCategory.STAGNATION_OR_REGRESSION))


def eustat(win: Windows, target: Floats, target_year: Floats, preferred: Floats,
           near_bounds: tuple[Floats, Floats], tolerance: Floats, verdicts: Codes) -> Outcome:
    """Rate rows with the EUSTAT projection share (or growth rate without a target).

    Args:
        win: The rows' points.
        target: The target in the metric's unit (NaN: rate the growth rate).
        target_year: The target year.
        preferred: The preferred base year.
        near_bounds: The 0 % and 100 % bounds in the metric's unit (NaN: no bound).
        tolerance: The near-bound tolerance in the metric's unit.
        verdicts: Per row, the verdict code of each :class:`~kernels.EustatCategory`.

    Figures: ``current``, ``reference`` (the base value), ``target``, ``expected`` (the
    projected value).
    """
    n = len(win)
    cur, d, t = win.current, win.sign, win.period.astype(np.float64)
    has_t = ~np.isnan(target)
    lo, hi = near_bounds
    with np.errstate(all="ignore"):
        met = has_t & _meets(cur, target, d)
        near = has_t & ~met & ((target == lo) | (target == hi)) & (
            np.abs(cur - target) <= tolerance)
        enough = win.n >= 2
        i = win.count_before(_year(preferred))
        i = np.where(i <= win.n - 2, i, win.n - 2)
        y_year, y_value = win.point(i)
        t0 = np.where(enough, y_year, win.period).astype(np.float64)
        y0 = np.where(enough, y_value, cur)
        s = np.where(y0 < 0, -1.0, 1.0)
        too_few = t - t0 < 1
        zero_base = y0 == 0
        mixed = _opposite(y0, cur)
        go = win.has_current & ~met & ~near & ~too_few & ~zero_base & ~mixed
        factor = exact_pow(np.abs(cur / y0), 1.0 / (t - t0), go)
        cagr_a = factor - 1.0
        horizon = np.maximum(target_year - t, 0.0)
        projected = cur * exact_pow(factor, horizon, go & has_t)
        denominator = target - y0
        equal = has_t & (denominator == 0)
        share = d * (projected - y0) / np.abs(denominator)
        finite = np.isfinite(cagr_a) & (~has_t | (np.isfinite(projected) & np.isfinite(share)))
        growth = d * (s * cagr_a)
        passed = target_year < t
    pick = _Choose(n)
    pick.reason_if(~win.has_current, _NO_CURRENT)
    pick.category_if(met | near, _EU_ACHIEVED, _EUSTAT_REASONS)
    pick.reason_if(too_few, _R[k.Reason.TOO_FEW_POINTS])
    pick.reason_if(zero_base, _R[k.Reason.ZERO_BASE])
    pick.reason_if(mixed, _R[k.Reason.MIXED_SIGNS])
    pick.reason_if(equal, _R[k.Reason.TARGET_EQUALS_BASE])
    pick.reason_if(~finite, _R[k.Reason.NUMERIC_OVERFLOW])
    # with a target: the share of the way (a passed target year is never on track)
    pick.category_if(has_t & (share >= k.EUSTAT_ON_TRACK_SHARE) & ~passed, _EU_ON,
                     _EUSTAT_REASONS)
    pick.category_if(has_t & (share >= k.EUSTAT_PROGRESS_SHARE), _EU_ACCELERATE,
                     _EUSTAT_REASONS)
    pick.category_if(has_t, _EU_STAGNATION, _EUSTAT_REASONS)
    # without one: the directed growth rate
    pick.category_if(growth >= k.EUSTAT_ON_TRACK_GROWTH, _EU_ON, _EUSTAT_REASONS)
    pick.category_if(growth >= k.EUSTAT_PROGRESS_GROWTH, _EU_ACCELERATE, _EUSTAT_REASONS)
    pick.category_if(pick.open, _EU_STAGNATION, _EUSTAT_REASONS)
    has_base = win.has_current & ~too_few
    return pick.outcome(verdicts, {
        "current": cur,
        "reference": np.where(has_base, y0, np.nan),
        "target": np.where(win.has_current, target, np.nan),
        "expected": np.where(go & has_t & finite, projected, np.nan),
    })


_WEATHER = list(k.Weather)
_WEATHER_REASONS = _category_reasons(_WEATHER)
_SUN, _PARTLY, _CLOUD, _THUNDER, _NONE = (
    _WEATHER.index(w) for w in (k.Weather.SUN, k.Weather.PARTLY_CLOUDY, k.Weather.CLOUD,
                                k.Weather.THUNDERSTORM, k.Weather.NONE))
# worst first; NONE last, so that the minimum over a row's targets is its worst rated one
_WORST_ORDER: Final = np.array([_THUNDER, _CLOUD, _PARTLY, _SUN, _NONE], dtype=np.int64)
_RANK_OF: Final = np.argsort(_WORST_ORDER)


def destatis(win: Windows, task_row: Index, kind: Index, target: Floats, target_year: Floats,
             verdicts: Codes) -> Outcome:
    """Rate rows with the Destatis weather symbols, the worst of each row's targets.

    Args:
        win: The rows' points.
        task_row: For each target rated, its row; every row has at least one, and a
            row's targets are consecutive, in the strategy's order.
        kind: Each target's kind (:data:`DESTATIS_LEVEL`, :data:`DESTATIS_KEEP`,
            :data:`DESTATIS_DIRECTION`).
        target: Each target's value (NaN for a direction).
        target_year: Each level target's year.
        verdicts: Per row, the verdict code of each :class:`~kernels.Weather`.

    Figures: ``current``, ``reference`` (the first value of the window).
    """
    n = len(win)
    cur, d, t = win.current, win.sign, win.period.astype(np.float64)
    few = win.n < k.DESTATIS_MIN_POINTS
    first_year, first_value = win.point(np.maximum(win.n - k.DESTATIS_WINDOW_POINTS, 0))
    prev_year, prev_value = win.point(win.n - 2)
    with np.errstate(all="ignore"):
        average = (cur - first_value) / (t - first_year)
        last_change = (cur - prev_value) / (t - prev_year)
    window_reason = np.where(few, _R[k.Reason.TOO_FEW_POINTS],
                             np.where(~np.isfinite(average), _R[k.Reason.NUMERIC_OVERFLOW], -1))
    # per target
    r = task_row
    dd, latest, avg = d[r], cur[r], average[r]
    with np.errstate(all="ignore"):
        directed = dd * avg
        met = _meets(latest, target, dd)
        keep = np.where(met, np.where(directed >= 0, _SUN, _PARTLY),
                        np.where(directed > 0, _CLOUD, _THUNDER))
        projected = latest + avg * (target_year - t[r])
        gap = np.abs(target - latest)
        shortfall = dd * (target - projected)
        share = shortfall / gap
        level_finite = np.isfinite(projected) & np.isfinite(gap) & np.isfinite(shortfall) & (
            np.isfinite(share))
        projected_symbol = np.where(share < k.DESTATIS_SUN_SHARE, _SUN, np.where(
            share <= k.DESTATIS_PARTLY_CLOUDY_SHARE, _PARTLY,
            np.where(directed > 0, _CLOUD, _THUNDER)))
        as_keep = met | (target_year <= t[r])
        level = np.where(as_keep, keep, np.where(level_finite, projected_symbol, _NONE))
        last = last_change[r]
        last_right = dd * last > 0
        direction = np.where(~np.isfinite(last), _NONE, np.where(
            directed > 0, np.where(last_right, _SUN, _PARTLY),
            np.where(last_right, _CLOUD, _THUNDER)))
    symbol = np.select([kind == DESTATIS_LEVEL, kind == DESTATIS_KEEP], [level, keep], direction)
    own_reason = np.where(symbol == _NONE, _R[k.Reason.NUMERIC_OVERFLOW], -1)
    blocked = window_reason[r] >= 0
    symbol = np.where(blocked, _NONE, symbol).astype(np.int64)
    reason = np.where(blocked, window_reason[r], own_reason)
    # the worst rated symbol of each row; unrated everywhere: the first target's reason
    starts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]]) if len(r) else np.zeros(0, np.int64)
    worst = _WORST_ORDER[np.minimum.reduceat(_RANK_OF[symbol], starts)] if len(r) else (
        np.full(0, _NONE))
    per_row = np.full(n, _NONE, dtype=np.int64)
    first_reason = np.full(n, _R[k.Reason.NO_DATA], dtype=np.int64)
    per_row[r[starts]] = worst
    first_reason[r[starts]] = reason[starts]
    pick = _Choose(n)
    pick.reason_if(~win.has_current, _NO_CURRENT)
    none = per_row == _NONE
    pick.reason = np.where(pick.open & none, first_reason, pick.reason).astype(np.int32)
    pick.open &= ~none
    pick.category_if(pick.open, per_row, _WEATHER_REASONS)
    return pick.outcome(verdicts, {
        "current": cur,
        "reference": np.where(win.has_current & ~few, first_value, np.nan),
    })
