"""What every kernel returns, and the tie rule they share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs
import numpy as np
import numpy.typing as npt

from indikator.codes import Codes

__all__ = [
    "EPS", "IMPROVED", "SAME", "WORSENED", "Outcome", "beyond", "compare", "tie_tolerance",
]

EPS: Final = 1e-9
"""Relative tolerance under which two values count as equal (as in the scalar kernels)."""

IMPROVED: Final = 1
SAME: Final = 0
WORSENED: Final = -1

Floats = npt.NDArray[np.float64]


@attrs.frozen
class Outcome:
    """Verdict codes, reason codes and key figures for a batch of rows.

    Attributes:
        verdict: One verdict code per row (:data:`indikator.codes.VERDICTS`).
        reason: One reason code per row (:func:`indikator.codes.reason_name`).
        figures: Key figures by name (``current``, ``reference``, ``expected``,
            ``target``, ...), one float per row, NaN where a row has none.
    """

    verdict: Codes
    reason: npt.NDArray[np.int32]
    figures: Mapping[str, Floats] = attrs.field(factory=dict)

    def __len__(self) -> int:
        return len(self.verdict)


def tie_tolerance(*values: Floats | float) -> Floats:
    """``EPS`` times the largest magnitude among ``values``, element by element."""
    out = np.abs(np.asarray(values[0], dtype=np.float64))
    for v in values[1:]:
        out = np.maximum(out, np.abs(v))
    return EPS * out


TINY: Final = 2.2250738585072014e-308
"""The smallest normal float: the scale of :func:`beyond` when every value is zero."""


def beyond(edge: Floats, sign: Floats | float, *scale: Floats | float) -> Floats:
    """The value just past ``edge`` in the direction ``sign`` that the tie rule tells apart.

    The column form of :func:`indikator.strategies.kernels.beyond` (the same arithmetic,
    value for value).
    """
    m = np.abs(np.asarray(edge, dtype=np.float64))
    for v in scale:
        m = np.maximum(m, np.abs(v))
    m = np.maximum(m, TINY)
    with np.errstate(invalid="ignore", over="ignore"):
        out: Floats = edge + np.asarray(sign, dtype=np.float64) * (2.0 * EPS * m)
    return out


def compare(current: Floats, reference: Floats, sign: Floats | float,
            band: Floats | float = 0.0) -> npt.NDArray[np.int8]:
    """+1 improved, 0 the same (within ``band``, inclusive), -1 worsened, per element.

    The column form of :func:`indikator.strategies.kernels.compare`.
    """
    sign = np.asarray(sign, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        diff = current - reference
        same = np.abs(diff) <= band + tie_tolerance(current, reference, band)
        better = diff * sign > 0
    return np.where(same, SAME, np.where(better, IMPROVED, WORSENED)).astype(np.int8)


def uniform(values: npt.ArrayLike) -> int | None:
    """The one value of a scalar or an array whose elements are all equal, else ``None``."""
    arr = np.asarray(values)
    if arr.ndim == 0:
        return int(arr)
    if not len(arr):
        return 0
    first = arr.flat[0]
    return int(first) if bool(np.all(arr == first)) else None


def lookup(outcome: npt.NDArray[np.int8], verdicts: list[npt.ArrayLike],
           reasons: tuple[int, ...]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int32]]:
    """Verdict and reason codes of local outcome codes ``0..k-1``.

    ``verdicts[j]`` is the verdict of outcome ``j``: a code, or an array of per-row codes
    (a strategy parameter that differs between rows).
    """
    reason = np.asarray(reasons, dtype=np.int32)[outcome]
    fixed = [uniform(v) for v in verdicts]
    table = np.asarray([0 if f is None else f for f in fixed], dtype=np.int8)
    verdict = table[outcome]
    for j, f in enumerate(fixed):
        if f is None:
            rows = outcome == j
            verdict[rows] = np.asarray(verdicts[j], dtype=np.int8)[rows]
    return verdict, reason
