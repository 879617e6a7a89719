"""Small integer codes for verdicts, bases and reasons: what the columnar engine stores.

Kernels return codes, not records (pandas' ``Categorical`` idea: codes in the hot path,
objects at the edge). A verdict code indexes :data:`VERDICTS`; a reason code indexes the
process-wide reason vocabulary, which grows as strategies name new reasons
(:func:`reason_code`) and is never reordered, so a code means the same reason for the
life of the process.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from indikator.verdict import Basis, Verdict

__all__ = [
    "BASES",
    "NEGATIVE",
    "NO_VALUE",
    "POSITIVE",
    "SCORES",
    "UNCHANGED",
    "VERDICTS",
    "Codes",
    "basis_code",
    "reason_code",
    "reason_codes",
    "reason_name",
    "verdict_code",
]

Codes = npt.NDArray[np.int8]
"""An array of verdict codes (``int8``)."""

VERDICTS: Final[tuple[Verdict, ...]] = (
    Verdict.POSITIVE,
    Verdict.UNCHANGED,
    Verdict.NEGATIVE,
    Verdict.NO_VALUE,
)
"""The verdicts by code: ``VERDICTS[code]``."""

POSITIVE: Final = 0
UNCHANGED: Final = 1
NEGATIVE: Final = 2
NO_VALUE: Final = 3

SCORES: Final = np.array([1.0, 0.0, -1.0, np.nan])
"""The score (+1, 0, -1, NaN for no value) of each verdict code."""

_VERDICT_CODE = {v: i for i, v in enumerate(VERDICTS)}

BASES: Final[tuple[Basis, ...]] = (Basis.RULE, Basis.JUDGMENT, Basis.ROLLUP)
"""The bases by code."""
_BASIS_CODE = {b: i for i, b in enumerate(BASES)}

_REASONS: list[str] = []
_REASON_CODE: dict[str, int] = {}


def verdict_code(verdict: Verdict) -> int:
    """The code of ``verdict``."""
    return _VERDICT_CODE[verdict]


def basis_code(basis: Basis) -> int:
    """The code of ``basis``."""
    return _BASIS_CODE[basis]


def reason_code(reason: str) -> int:
    """The code of a reason (registered on first use)."""
    found = _REASON_CODE.get(reason)
    if found is None:
        found = _REASON_CODE[reason] = len(_REASONS)
        _REASONS.append(reason)
    return found


def reason_codes(*reasons: str) -> tuple[int, ...]:
    """The codes of several reasons at once (for a kernel's constants)."""
    return tuple(reason_code(r) for r in reasons)


def reason_name(code: int) -> str:
    """The reason a code stands for.

    Raises:
        IndexError: No reason has that code.
    """
    if code < 0:
        raise IndexError(code)
    return _REASONS[code]
