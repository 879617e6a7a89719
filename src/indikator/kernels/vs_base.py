"""Against a base value, for whole columns."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from indikator.codes import NEGATIVE, NO_VALUE, POSITIVE, UNCHANGED, reason_codes
from indikator.kernels._outcome import IMPROVED, SAME, Floats, Outcome, compare

__all__ = ["vs_base"]

_NO_CURRENT, _NO_REFERENCE, _IMPROVED, _SAME, _WORSENED = reason_codes(
    "no_current_value", "no_reference_value", "improved", "within_dead_band", "worsened"
)


def vs_base(
    current: Floats,
    reference: Floats,
    sign: npt.ArrayLike,
    dead_band: Floats | float = 0.0,
    relative_dead_band: Floats | float = 0.0,
) -> Outcome:
    """Rate the change from ``reference`` to ``current`` in the direction ``sign``.

    NaN is "no value". The dead band is the larger of ``dead_band`` and
    ``relative_dead_band * |reference|``; a change within it (inclusive) is unchanged.
    Figures: ``current``, ``reference``, ``change``, ``band``.
    """
    no_cur = np.isnan(current)
    no_ref = np.isnan(reference) & ~no_cur
    with np.errstate(invalid="ignore", over="ignore"):
        band = np.maximum(dead_band, relative_dead_band * np.abs(reference))
    code = compare(current, reference, sign, band)
    verdict = np.select(
        [no_cur | no_ref, code == IMPROVED, code == SAME], [NO_VALUE, POSITIVE, UNCHANGED],
        NEGATIVE,
    ).astype(np.int8)
    reason = np.select(
        [no_cur, no_ref, code == IMPROVED, code == SAME],
        [_NO_CURRENT, _NO_REFERENCE, _IMPROVED, _SAME],
        _WORSENED,
    ).astype(np.int32)
    with np.errstate(invalid="ignore", over="ignore"):
        change = current - reference
    return Outcome(verdict, reason, {"current": current, "reference": reference,
                                     "change": change, "band": band})
