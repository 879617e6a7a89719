"""indikator: rate progress on public-sector indicators.

Metrics with units, assessment strategies (against a base value, a trajectory, an own
target), judgments with reasons, roll-ups to indicators, goal areas and programmes, and an
explanation for every verdict. Indicators, programmes, strategies and roll-ups are pluggy
plugins (entry-point group ``indikator``), marked with :data:`hookimpl`.
"""

from __future__ import annotations

import pluggy

from indikator._version import __version__

hookimpl = pluggy.HookimplMarker("indikator")
"""The marker for implementations of indikator hooks in plugins."""

from indikator.data import Observations  # noqa: E402
from indikator.engine import assess, assess_metric, evaluate  # noqa: E402
from indikator.errors import IndikatorError, InputError, PluginError, UnitError  # noqa: E402
from indikator.model import (  # noqa: E402
    Component,
    Dataset,
    Flag,
    GoalArea,
    Indicator,
    Judgment,
    Label,
    Metric,
    Observation,
    Programme,
    SimpleIndicator,
    Strategy,
    Target,
    TargetKind,
    TargetOwner,
)
from indikator.results import Result  # noqa: E402
from indikator.rollup import (  # noqa: E402
    AllPositive,
    MeanScore,
    NoValuePolicy,
    RollUp,
    StrictMajority,
    WorstOf,
)
from indikator.series import Point, Series  # noqa: E402
from indikator.verdict import (  # noqa: E402
    Assessment,
    Basis,
    Direction,
    Explanation,
    Level,
    Rating,
    Verdict,
)

__all__ = [
    "AllPositive",
    "Assessment",
    "Basis",
    "Component",
    "Dataset",
    "Direction",
    "Explanation",
    "Flag",
    "GoalArea",
    "Indicator",
    "IndikatorError",
    "InputError",
    "Judgment",
    "Label",
    "Level",
    "MeanScore",
    "Metric",
    "NoValuePolicy",
    "Observation",
    "Observations",
    "PluginError",
    "Point",
    "Programme",
    "Rating",
    "Result",
    "RollUp",
    "Series",
    "SimpleIndicator",
    "Strategy",
    "StrictMajority",
    "Target",
    "TargetKind",
    "TargetOwner",
    "UnitError",
    "Verdict",
    "WorstOf",
    "__version__",
    "assess",
    "assess_metric",
    "evaluate",
    "hookimpl",
]
