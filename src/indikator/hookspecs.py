"""Hook specifications: what an indikator plugin can provide.

Every hook takes no arguments (specs evolve by adding arguments, which implementations
may leave out) and returns a sequence of frozen records from :mod:`indikator.provides`.
Implement them with the :data:`indikator.hookimpl` marker and register the module under
the ``indikator`` entry-point group::

    [project.entry-points.indikator]
    my_region = "my_region_plugin"
"""

from __future__ import annotations

from collections.abc import Sequence

import pluggy

from indikator.model import Indicator
from indikator.provides import ProgrammeSpec, RollUpType, StrategyType, UnitDefinitions

hookspec = pluggy.HookspecMarker("indikator")
"""The marker for indikator's hook specifications."""

__all__ = [
    "hookspec",
    "indikator_indicators",
    "indikator_programmes",
    "indikator_rollups",
    "indikator_strategies",
    "indikator_units",
]


@hookspec
def indikator_units() -> Sequence[UnitDefinitions]:
    """Add unit definitions to the library's unit registry.

    Added in 0.1.

    Example::

        @indikator.hookimpl
        def indikator_units():
            return [UnitDefinitions(definitions=["bed_day = [count]"],
                                    description="hospital bed days")]
    """
    raise NotImplementedError


@hookspec
def indikator_strategies() -> Sequence[StrategyType]:
    """Provide assessment strategies (kinds), by id.

    Added in 0.1.

    Example::

        @indikator.hookimpl
        def indikator_strategies():
            return [StrategyType(id="vs_median", factory=VsMedian,
                                 description=Label("Mot medianen", "Against the median"))]
    """
    raise NotImplementedError


@hookspec
def indikator_rollups() -> Sequence[RollUpType]:
    """Provide roll-up rules (kinds), by id.

    Added in 0.1.

    Example::

        @indikator.hookimpl
        def indikator_rollups():
            return [RollUpType(id="best_of", factory=BestOf,
                               description=Label("Bästa", "Best of"))]
    """
    raise NotImplementedError


@hookspec
def indikator_indicators() -> Sequence[Indicator]:
    """Provide indicators: each with its metrics and how its verdict is formed.

    Added in 0.1.

    Example::

        @indikator.hookimpl
        def indikator_indicators():
            return [SimpleIndicator(id="waste", name=Label("Avfall", "Waste"),
                                    metrics=[Metric(id="waste-per-capita", ...)])]
    """
    raise NotImplementedError


@hookspec
def indikator_programmes() -> Sequence[ProgrammeSpec]:
    """Provide programmes: goal areas that group indicators by id.

    The indicators may come from other plugins; the host resolves them.

    Added in 0.1.

    Example::

        @indikator.hookimpl
        def indikator_programmes():
            return [ProgrammeSpec(id="my-region-2030", name="Hållbarhetsprogram",
                                  goal_areas=[GoalAreaSpec(id="climate", name="Klimat",
                                                           indicators=["co2e-total"])])]
    """
    raise NotImplementedError
