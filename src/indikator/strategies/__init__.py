"""The built-in assessment strategies.

Each strategy is a frozen record of its parameters with a pure
``assess(series, period) -> Rating``; missing data gives ``no_value`` with a reason
code, never an exception. The arithmetic lives in :mod:`indikator.strategies.kernels`.

========================  ========================================================
id                        record
========================  ========================================================
``vs_base``               :class:`VsBase`: against a base year or the previous period
``vs_trajectory``         :class:`VsTrajectory`: against a linear, compound or annual-rate path
``vs_own_target``         :class:`VsOwnTarget`: reached, improving but short, moving away
``text``                  :class:`TextOutcome`: outcomes in words
``components``            :class:`Components`: several component series in one metric
``fallback``              :class:`Fallback`: a second strategy where the first lacks a reference
========================  ========================================================
"""

from indikator.strategies.composite import Components, Fallback
from indikator.strategies.own_target import VsOwnTarget
from indikator.strategies.text import TextOutcome
from indikator.strategies.trajectory import PathShape, RateFrom, VsTrajectory
from indikator.strategies.vs_base import Reference, VsBase

__all__ = [
    "Components",
    "Fallback",
    "PathShape",
    "RateFrom",
    "Reference",
    "TextOutcome",
    "VsBase",
    "VsOwnTarget",
    "VsTrajectory",
]
