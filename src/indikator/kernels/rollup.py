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
    slots = v.shape[0]
    order = np.argsort(par, kind="stable")
    v, par = v[:, order], par[order]
    sizes = np.bincount(par, minlength=n_parents)
    has = np.flatnonzero(sizes)
    starts = np.r_[0, np.cumsum(sizes)[:-1]][has]

    def count(code: int) -> Ints:
        out = np.zeros((slots, n_parents), dtype=np.int64)
        if len(has) and v.shape[1]:
            out[:, has] = np.add.reduceat((v == code).astype(np.int64), starts, axis=1)
        return out

    return RollupCounts(count(POSITIVE), count(UNCHANGED), count(NEGATIVE), count(NO_VALUE))
