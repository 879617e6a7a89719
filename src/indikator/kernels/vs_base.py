"""Against a base value, for whole columns."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from indikator.codes import NEGATIVE, NO_VALUE, POSITIVE, UNCHANGED, reason_codes
from indikator.kernels._outcome import Floats, Outcome, beyond, lookup, tie_tolerance

__all__ = ["vs_base", "vs_base_edge"]

_REASONS = reason_codes(
    "improved", "within_dead_band", "worsened", "no_current_value", "no_reference_value"
)
_VERDICTS: list[npt.ArrayLike] = [POSITIVE, UNCHANGED, NEGATIVE, NO_VALUE, NO_VALUE]


def vs_base(
    current: Floats,
    reference: Floats,
    sign: Floats | float,
    dead_band: Floats | float = 0.0,
    relative_dead_band: Floats | float = 0.0,
) -> Outcome:
    """Rate the change from ``reference`` to ``current`` in the direction ``sign``.

    NaN is "no value". The dead band is the larger of ``dead_band`` and
    ``relative_dead_band * |reference|``; a change within it (inclusive, with the tie
    rule of :func:`~indikator.kernels.compare`) is unchanged.
    Figures: ``current``, ``reference``, ``change``, ``band``.
    """
    sign = np.asarray(sign, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        abs_ref = np.abs(reference)
        band = np.maximum(dead_band, relative_dead_band * abs_ref)
        diff = current - reference
        same = np.abs(diff) <= band + tie_tolerance(current, abs_ref, band)
        worse = diff * sign < 0
    outcome = np.where(same, np.int8(1), np.where(worse, np.int8(2), np.int8(0)))
    outcome[np.isnan(reference)] = 4
    outcome[np.isnan(current)] = 3
    verdict, reason = lookup(outcome, _VERDICTS, _REASONS)
    return Outcome(verdict, reason, {"current": current, "reference": reference,
                                     "change": diff, "band": band})


def vs_base_edge(
    reference: Floats,
    sign: Floats | float,
    dead_band: Floats | float = 0.0,
    relative_dead_band: Floats | float = 0.0,
) -> Floats:
    """The least outcome :func:`vs_base` rates positive against ``reference``.

    Just past the dead band in the desired direction (the band is inclusive): the
    column form of ``VsBase.next_edge``. NaN where ``reference`` is NaN.
    """
    sign = np.asarray(sign, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        band = np.maximum(dead_band, relative_dead_band * np.abs(reference))
        return beyond(reference + sign * band, sign, reference, band)
