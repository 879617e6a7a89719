"""Against a trajectory, for whole columns."""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from indikator.codes import NO_VALUE, POSITIVE, reason_codes
from indikator.kernels._outcome import SAME, WORSENED, Floats, Outcome, compare, tie_tolerance

__all__ = ["SHAPE_ANNUAL_RATE", "SHAPE_COMPOUND", "SHAPE_LINEAR", "vs_trajectory"]

SHAPE_LINEAR: Final = 0
"""An even pace from the start value to the target."""
SHAPE_COMPOUND: Final = 1
"""A constant relative pace from the start value to the target."""
SHAPE_ANNUAL_RATE: Final = 2
"""A fixed annual rate from the start value (``target_*`` unused)."""

(_NO_CURRENT, _NO_START, _NO_TARGET, _INVALID, _COMPOUND_UNDEF, _PATH_UNDEF, _ON_PATH,
 _WORSE, _NOT_IMPROVED, _BEHIND) = reason_codes(
    "no_current_value", "no_start_value", "no_target", "invalid_path", "compound_undefined",
    "path_undefined", "on_or_ahead_of_path", "worse_than_start", "not_improved", "behind_path",
)


def vs_trajectory(
    current: Floats,
    period: npt.ArrayLike,
    sign: npt.ArrayLike,
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
    n = len(cur)
    per = np.asarray(period, dtype=np.float64)
    shp = np.broadcast_to(np.asarray(shape), (n,))
    start, s_year = np.asarray(start_value, np.float64), np.asarray(start_year, np.float64)
    target = np.broadcast_to(np.asarray(target_value, np.float64), (n,))
    t_year = np.broadcast_to(np.asarray(target_year, np.float64), (n,))
    annual = shp == SHAPE_ANNUAL_RATE
    with np.errstate(all="ignore"):
        no_cur = np.isnan(cur)
        no_start = ~no_cur & (np.isnan(start) | np.isnan(s_year))
        no_target = ~no_cur & ~no_start & ~annual & (np.isnan(target) | np.isnan(t_year))
        invalid = ~no_cur & ~no_start & ~no_target & ~annual & (t_year <= s_year)
        frac = np.clip((per - s_year) / np.where(invalid | annual, 1.0, t_year - s_year),
                       0.0, 1.0)
        linear = start + (target - start) * frac
        compound_bad = (shp == SHAPE_COMPOUND) & (
            (start == 0.0) | (target == 0.0) | ((start > 0) != (target > 0))
        )
        compound = start * (target / start) ** frac
        compound_bad |= (shp == SHAPE_COMPOUND) & ~np.isfinite(compound)
        rated = annual_path(start, per - s_year, annual_rate)
        expected = np.select([annual, shp == SHAPE_COMPOUND], [rated, compound], linear)
        compound_bad &= ~no_cur & ~no_start & ~no_target & ~invalid
        undefined = (~no_cur & ~no_start & ~no_target & ~invalid & ~compound_bad
                     & ~np.isfinite(expected))
        gap = (cur - expected) * sign
        tol = tolerance + relative_tolerance * np.abs(expected)
        on_path = gap >= -(tol + tie_tolerance(cur, expected, tol))
        code = compare(cur, start, sign)
    missing = no_cur | no_start | no_target | invalid | compound_bad | undefined
    worse = code == WORSENED
    stalled = (code == SAME) & (np.asarray(not_improved) >= 0)
    behind_v = np.broadcast_to(np.asarray(behind, dtype=np.int8), (n,))
    worse_v = np.broadcast_to(np.asarray(worse_than_start, dtype=np.int8), (n,))
    stalled_v = np.broadcast_to(np.asarray(not_improved, dtype=np.int8), (n,))
    verdict = np.select(
        [missing, on_path, worse, stalled], [NO_VALUE, POSITIVE, worse_v, stalled_v], behind_v
    ).astype(np.int8)
    reason = np.select(
        [no_cur, no_start, no_target, invalid, compound_bad, undefined, on_path, worse, stalled],
        [_NO_CURRENT, _NO_START, _NO_TARGET, _INVALID, _COMPOUND_UNDEF, _PATH_UNDEF, _ON_PATH,
         _WORSE, _NOT_IMPROVED],
        _BEHIND,
    ).astype(np.int32)
    nan = np.nan
    expected = np.where(missing, nan, expected)
    return Outcome(verdict, reason, {
        "current": cur,
        "expected": expected,
        "start_value": start,
        "target_value": np.where(annual, nan, target),
        "gap": np.where(missing, nan, gap),
    })


def annual_path(start: Floats, years: Floats, rate: Floats | float) -> Floats:
    """``start * (1 + rate) ** years``; an overflow gives an infinite value, not an error."""
    with np.errstate(all="ignore"):
        out = start * (1.0 + np.asarray(rate, np.float64)) ** years
    return np.where(np.isnan(out) & (start == 0.0), 0.0, out)
