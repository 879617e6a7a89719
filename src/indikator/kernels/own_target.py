"""Against a target (the unit's own or the programme's), for whole columns."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from indikator.codes import NO_VALUE, POSITIVE, reason_codes
from indikator.kernels._outcome import IMPROVED, SAME, WORSENED, Floats, Outcome, compare

__all__ = ["vs_target"]

(_NO_CURRENT, _UNKNOWN, _MET, _NEAR, _NO_HISTORY, _IMPROVING, _SAME_R, _WORSE) = reason_codes(
    "no_current_value", "target_unknown", "target_met", "near_target", "short_without_history",
    "short_but_improving", "short_and_unchanged", "short_and_worse",
)


def vs_target(
    current: Floats,
    target: Floats,
    sign: npt.ArrayLike,
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
    n = len(cur)
    tgt = np.broadcast_to(np.asarray(target, np.float64), (n,))
    prev = np.broadcast_to(np.asarray(previous, np.float64), (n,))
    rep = np.broadcast_to(np.asarray(reported), (n,))

    def verdicts(v: npt.ArrayLike) -> npt.NDArray[np.int8]:
        return np.broadcast_to(np.asarray(v, dtype=np.int8), (n,))

    no_cur = np.isnan(cur)
    known = ~np.isnan(tgt)
    unknown = ~no_cur & ~known & (rep == 0)
    with np.errstate(invalid="ignore", over="ignore"):
        met = np.where(known, compare(cur, tgt, sign) != WORSENED, rep > 0)
        near_band = np.asarray(near, np.float64) * np.abs(tgt)
        is_near = known & (np.asarray(near, np.float64) > 0) & (
            compare(cur, tgt, sign, near_band) == SAME
        )
        gap = (cur - tgt) * sign
    move = compare(cur, prev, sign)
    no_hist = np.isnan(prev)
    blank = no_cur | unknown
    verdict = np.select(
        [blank, met, is_near, no_hist, move == IMPROVED, move == SAME],
        [NO_VALUE, POSITIVE, verdicts(near_verdict), verdicts(short_without_history),
         verdicts(short_but_improving), verdicts(short_and_unchanged)],
        verdicts(short_and_worse),
    ).astype(np.int8)
    reason = np.select(
        [no_cur, unknown, met, is_near, no_hist, move == IMPROVED, move == SAME],
        [_NO_CURRENT, _UNKNOWN, _MET, _NEAR, _NO_HISTORY, _IMPROVING, _SAME_R],
        _WORSE,
    ).astype(np.int32)
    return Outcome(verdict, reason, {"current": cur, "target": np.asarray(tgt, np.float64),
                                     "previous": np.asarray(prev, np.float64), "gap": gap})
