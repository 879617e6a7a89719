"""Against a target (the unit's own or the programme's), for whole columns."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from indikator.codes import NO_VALUE, POSITIVE, reason_codes
from indikator.kernels._outcome import Floats, Outcome, lookup, tie_tolerance

__all__ = ["vs_target"]

_MET, _NEAR, _NO_HISTORY, _IMPROVING, _SAME, _WORSE, _NO_CUR, _UNKNOWN = range(8)
_REASONS = reason_codes(
    "target_met", "near_target", "short_without_history", "short_but_improving",
    "short_and_unchanged", "short_and_worse", "no_current_value", "target_unknown",
)


def vs_target(
    current: Floats,
    target: Floats,
    sign: Floats | float,
    *,
    previous: Floats | float = np.nan,
    reported: npt.ArrayLike = 0,
    near: Floats | float = 0.0,
    near_verdict: npt.ArrayLike = 1,
    short_but_improving: npt.ArrayLike = 1,
    short_and_unchanged: npt.ArrayLike = 1,
    short_and_worse: npt.ArrayLike = 2,
    short_without_history: npt.ArrayLike = 2,
) -> Outcome:
    """Rate ``current`` against ``target`` in the direction ``sign``.

    At or beyond the target (exactly on it counts) → positive. Where ``target`` is NaN,
    ``reported`` decides (+1: the unit reports it met, -1: not met, 0: nothing reported →
    no value, ``target_unknown``). Short of it by at most ``near * |target|`` →
    ``near_verdict``; otherwise, against ``previous``: better → ``short_but_improving``,
    the same → ``short_and_unchanged``, worse → ``short_and_worse``, no previous value →
    ``short_without_history`` (all verdict codes).

    Figures: ``current``, ``target``, ``previous``, ``gap``.
    """
    cur = np.asarray(current, dtype=np.float64)
    sign = np.asarray(sign, dtype=np.float64)
    n = len(cur)
    tgt = np.broadcast_to(np.asarray(target, np.float64), (n,))
    prev = np.broadcast_to(np.asarray(previous, np.float64), (n,))
    near_share = np.asarray(near, np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        abs_cur, abs_tgt = np.abs(cur), np.abs(tgt)
        diff = cur - tgt
        gap: Floats = diff * sign
        met = (gap > 0) | (np.abs(diff) <= tie_tolerance(abs_cur, abs_tgt))
        outcome = np.full(n, _WORSE, dtype=np.int8)
        history = ~np.isnan(prev)
        if history.any():
            moved = cur - prev
            same = np.abs(moved) <= tie_tolerance(abs_cur, prev)
            outcome[(moved * sign > 0) & ~same] = _IMPROVING
            outcome[same] = _SAME
        outcome[~history] = _NO_HISTORY
        if np.any(near_share > 0):
            band = near_share * abs_tgt
            within = np.abs(diff) <= band + tie_tolerance(abs_cur, abs_tgt, band)
            outcome[within & (near_share > 0)] = _NEAR
    known = ~np.isnan(tgt)
    rep = np.broadcast_to(np.asarray(reported), (n,))
    outcome[np.where(known, met, rep > 0)] = _MET
    outcome[~known & (rep == 0)] = _UNKNOWN
    outcome[np.isnan(cur)] = _NO_CUR
    verdict, reason = lookup(
        outcome,
        [POSITIVE, near_verdict, short_without_history, short_but_improving,
         short_and_unchanged, short_and_worse, NO_VALUE, NO_VALUE],
        _REASONS,
    )
    return Outcome(verdict, reason, {"current": cur, "target": np.asarray(tgt, np.float64),
                                     "previous": np.asarray(prev, np.float64), "gap": gap})
