"""Roll-ups as grouped counts: how many children of each parent have each verdict."""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

from indikator.codes import NEGATIVE, NO_VALUE, POSITIVE, UNCHANGED, Codes

__all__ = ["RollupCounts", "count_children"]

Ints = npt.NDArray[np.int64]


@attrs.frozen
class RollupCounts:
    """Per parent (and slot): how many children are positive, unchanged, negative, missing.

    Attributes:
        positive: Children rated positive.
        unchanged: Children rated unchanged.
        negative: Children rated negative.
        no_value: Children without a value.
    """

    positive: Ints
    unchanged: Ints
    negative: Ints
    no_value: Ints

    @property
    def children(self) -> Ints:
        """Every child, rated or not."""
        return self.positive + self.unchanged + self.negative + self.no_value

    @property
    def rated(self) -> Ints:
        """The rated children."""
        return self.positive + self.unchanged + self.negative


def count_children(verdicts: Codes, parent: npt.ArrayLike, n_parents: int) -> RollupCounts:
    """Count verdict codes by parent.

    Args:
        verdicts: ``(slots, children)`` verdict codes.
        parent: For each child column, the index of its parent column.
        n_parents: How many parents there are.

    Returns:
        Counts of shape ``(slots, n_parents)``.
    """
    v = np.asarray(verdicts)
    par = np.asarray(parent, dtype=np.int64)
    membership = np.zeros((v.shape[1], n_parents), dtype=np.float64)
    membership[np.arange(v.shape[1]), par] = 1.0

    def count(code: int) -> Ints:
        # a float matrix product runs in BLAS; counts are small integers, so exact
        return np.rint((v == code).astype(np.float64) @ membership).astype(np.int64)

    return RollupCounts(count(POSITIVE), count(UNCHANGED), count(NEGATIVE), count(NO_VALUE))
