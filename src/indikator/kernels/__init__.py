"""Array kernels: the arithmetic and tie rules of the built-in strategies and roll-ups.

Pure functions over numpy arrays, one element per row (a series at a period): no units,
no records, no explanations. Each returns an :class:`Outcome` of verdict codes, reason
codes and the key figures it computed (see :mod:`indikator.codes`). The strategies'
columnar faces gather their inputs into arrays and call these; the per-object faces use
the scalar helpers of :mod:`indikator.strategies.kernels`, which follow the same rules
value for value (a property test holds the two to it).

These are public: a tool that already holds its numbers in arrays can call them directly
(``benchmarks/bench_engine.py`` does).
"""

from __future__ import annotations

from indikator.kernels._outcome import EPS, Outcome, compare, tie_tolerance
from indikator.kernels.own_target import vs_target
from indikator.kernels.rollup import RollupCounts, count_children
from indikator.kernels.trajectory import (
    SHAPE_ANNUAL_RATE,
    SHAPE_COMPOUND,
    SHAPE_LINEAR,
    vs_trajectory,
)
from indikator.kernels.vs_base import vs_base

__all__ = [
    "EPS",
    "SHAPE_ANNUAL_RATE",
    "SHAPE_COMPOUND",
    "SHAPE_LINEAR",
    "Outcome",
    "RollupCounts",
    "compare",
    "count_children",
    "tie_tolerance",
    "vs_base",
    "vs_target",
    "vs_trajectory",
]
