"""Against a trajectory, for whole columns."""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from indikator.codes import NO_VALUE, POSITIVE, reason_codes
from indikator.kernels._outcome import Floats, Outcome, lookup, tie_tolerance

__all__ = ["SHAPE_ANNUAL_RATE", "SHAPE_COMPOUND", "SHAPE_LINEAR", "annual_path", "vs_trajectory"]

SHAPE_LINEAR: Final = 0
"""An even pace from the start value to the target."""
SHAPE_COMPOUND: Final = 1
"""A constant relative pace from the start value to the target."""
SHAPE_ANNUAL_RATE: Final = 2
"""A fixed annual rate from the start value (``target_*`` unused)."""

# local outcome codes, in the order of _REASONS
_ON, _BEHIND, _WORSE, _STALLED, _NO_CUR, _NO_START, _NO_TARGET, _INVALID, _COMPOUND, _UNDEF = (
    range(10)
)
_REASONS = reason_codes(
    "on_or_ahead_of_path", "behind_path", "worse_than_start", "not_improved",
    "no_current_value", "no_start_value", "no_target", "invalid_path", "compound_undefined",
    "path_undefined",
)


def vs_trajectory(
    current: Floats,
    period: npt.ArrayLike,
    sign: Floats | float,
    start_value: Floats,
    start_year: Floats,
    target_value: Floats | float = np.nan,
    target_year: Floats | float = np.nan,
    *,
    shape: npt.ArrayLike = SHAPE_LINEAR,
    annual_rate: Floats | float = 0.0,
    tolerance: Floats | float = 0.0,
    relative_tolerance: Floats | float = 0.0,
    behind: npt.ArrayLike = 1,
    worse_than_start: npt.ArrayLike = 2,
    not_improved: npt.ArrayLike = -1,
) -> Outcome:
    """Rate ``current`` against the value the path requires in ``period``.

    NaN is "no value" (years too: give them as floats). The path runs from
    (``start_year``, ``start_value``) to (``target_year``, ``target_value``), held at the
    start before it and at the target after it; an annual-rate path is
    ``start_value * (1 + annual_rate) ** (period - start_year)``. On or ahead of it,
    within ``tolerance + relative_tolerance * |expected|`` → positive; behind it and on
    the wrong side of the start value → ``worse_than_start`` (a verdict code, negative by
    default); behind it and exactly at the start value → ``not_improved`` (``-1``: as
    ``behind``); otherwise → ``behind`` (unchanged by default).

    Figures: ``current``, ``expected``, ``start_value``, ``target_value``, ``gap``.
    """
    cur = np.asarray(current, dtype=np.float64)
    sign = np.asarray(sign, dtype=np.float64)
    n = len(cur)
    per = np.asarray(period, dtype=np.float64)
    shp = np.asarray(shape)
    start = np.asarray(start_value, np.float64)
    s_year = np.asarray(start_year, np.float64)
    target = np.broadcast_to(np.asarray(target_value, np.float64), (n,))
    t_year = np.broadcast_to(np.asarray(target_year, np.float64), (n,))
    any_annual = bool(np.any(shp == SHAPE_ANNUAL_RATE))
    any_compound = bool(np.any(shp == SHAPE_COMPOUND))
    with np.errstate(all="ignore"):
        span = t_year - s_year
        frac = np.clip((per - s_year) / span, 0.0, 1.0)
        expected = start + (target - start) * frac
        bad_compound = np.zeros(n, dtype=bool)
        if any_compound:
            is_c = np.broadcast_to(shp == SHAPE_COMPOUND, (n,))
            compound = start * _pow(target / start, frac, is_c)
            expected = np.where(is_c, compound, expected)
            bad_compound = is_c & ((start == 0.0) | (target == 0.0) | ((start > 0) != (target > 0))
                                   | ~np.isfinite(compound))
        if any_annual:
            is_a = np.broadcast_to(shp == SHAPE_ANNUAL_RATE, (n,))
            rows = np.flatnonzero(is_a)
            years = np.broadcast_to(per - s_year, (n,))[rows]
            rate = np.broadcast_to(np.asarray(annual_rate, np.float64), (n,))[rows]
            expected = expected.copy()
            expected[rows] = annual_path(np.broadcast_to(start, (n,))[rows], years, rate)
        gap = (cur - expected) * sign
        tol = np.asarray(tolerance, np.float64) + np.asarray(relative_tolerance, np.float64) * (
            np.abs(expected))
        abs_cur = np.abs(cur)
        on_path = gap >= -(tol + tie_tolerance(abs_cur, expected, tol))
        moved = cur - start
        same = np.abs(moved) <= tie_tolerance(abs_cur, start)
        worse = (moved * sign < 0) & ~same
    stalled_v = np.asarray(not_improved)
    outcome = np.full(n, _BEHIND, dtype=np.int8)
    if np.any(stalled_v >= 0):
        outcome[same & np.broadcast_to(stalled_v >= 0, (n,))] = _STALLED
    outcome[worse] = _WORSE
    outcome[on_path] = _ON
    outcome[~np.isfinite(expected)] = _UNDEF
    outcome[bad_compound] = _COMPOUND
    if any_annual:
        needs_target = ~is_a
        outcome[needs_target & (span <= 0)] = _INVALID
        outcome[needs_target & (np.isnan(target) | np.isnan(t_year))] = _NO_TARGET
    else:
        outcome[span <= 0] = _INVALID
        outcome[np.isnan(target) | np.isnan(t_year)] = _NO_TARGET
    outcome[np.isnan(start) | np.isnan(s_year)] = _NO_START
    outcome[np.isnan(cur)] = _NO_CUR
    verdict, reason = lookup(
        outcome,
        [POSITIVE, behind, worse_than_start, not_improved, *([NO_VALUE] * 6)],
        _REASONS,
    )
    rated = outcome <= _STALLED
    return Outcome(verdict, reason, {
        "current": cur,
        "expected": np.where(rated, expected, np.nan),
        "start_value": start,
        "target_value": np.where(np.broadcast_to(shp == SHAPE_ANNUAL_RATE, (n,)), np.nan,
                                 target),
        "gap": np.where(rated, gap, np.nan),
    })


def _pow(base: Floats, exponent: Floats, where: npt.NDArray[np.bool_]) -> Floats:
    """``base ** exponent`` where ``where`` holds, as Python's float power computes it.

    numpy's vectorised power may differ from the C library's ``pow`` in the last bit,
    which can flip an exact tie against the per-object face; these shapes are rare, so
    the few rows that need a power get the scalar one.
    """
    out = np.full(np.shape(base), np.nan)
    b = np.broadcast_to(base, out.shape)
    e = np.broadcast_to(exponent, out.shape)
    for i in np.flatnonzero(where).tolist():
        try:
            out[i] = math.pow(float(b[i]), float(e[i]))
        except (OverflowError, ValueError):
            out[i] = math.inf if b[i] > 0 else math.nan
    return out


def annual_path(start: Floats, years: Floats, rate: Floats | float) -> Floats:
    """``start * (1 + rate) ** years``; an overflow gives an infinite value, not an error."""
    with np.errstate(all="ignore"):
        growth = np.broadcast_to(1.0 + np.asarray(rate, np.float64), np.shape(start))
        out = start * _pow(growth, np.broadcast_to(years, np.shape(start)),
                           np.ones(np.shape(start), dtype=bool))
    return np.where(np.isnan(out) & (start == 0.0), 0.0, out)
