"""Hook specifications: what an indikator plugin can provide.

Every hook takes no arguments (specs evolve by adding arguments, which implementations
may leave out) and returns a sequence of frozen records from :mod:`indikator.provides`
(or :class:`~indikator.model.Indicator` instances). The host validates every result in
one place (:mod:`indikator.plugins`): types are checked, ids must be unique among all
plugins, and everything is attributed to the plugin that gave it.

Implement the hooks with the :data:`indikator.hookimpl` marker in a module and register
the module under the ``indikator`` entry-point group of your distribution::

    [project.entry-points.indikator]
    my_region = "my_region_plugin"

``examples/plugin-template/`` in the source tree is a complete plugin to copy. Build
records inside the hook functions, not at import time: units that plugins define are
added to the registry before the indicator hook is called.
"""

from __future__ import annotations

from collections.abc import Sequence

import pluggy

from indikator.model import Indicator
from indikator.provides import (
    DatasetReader,
    ProgrammeFiles,
    ProgrammeSpec,
    RollUpType,
    StrategyType,
    UnitDefinitions,
)

hookspec = pluggy.HookspecMarker("indikator")
"""The marker for indikator's hook specifications."""

__all__ = [
    "hookspec",
    "indikator_dataset_readers",
    "indikator_indicators",
    "indikator_programme_files",
    "indikator_programmes",
    "indikator_rollups",
    "indikator_strategies",
    "indikator_units",
]


@hookspec
def indikator_units() -> Sequence[UnitDefinitions]:
    """Add unit definitions (pint syntax), aliases and labels to the library's unit registry.

    Three kinds of line: a pint definition (``"bed_day = piece = _ = vårddygn"``), an
    alias of an existing unit (``"@alias tonne = tonnes"``) and a free-text label read as
    a unit (``"@label Antal vårddygn = bed_day"``). Each defined name (its symbol and
    aliases too) and each label is an id: two plugins may not define the same one (the
    second is refused naming the first), and a plugin may not redefine a unit the
    registry already has. Definitions are applied once, as soon as the plugin is
    registered: before anything parses a unit, in every command, in
    :func:`indikator.testing.check_plugin` and in the pytest fixtures.

    Returns:
        Records of definition lines, e.g. ``"bed_day = [count]"``.

    Added in 0.1.

    Example::

        import indikator
        from indikator.provides import UnitDefinitions

        @indikator.hookimpl
        def indikator_units():
            return [
                UnitDefinitions(
                    definitions=["bed_day = piece = _ = vårddygn"],
                    description="hospital bed days (vårddygn)",
                )
            ]
    """
    raise NotImplementedError


@hookspec
def indikator_strategies() -> Sequence[StrategyType]:
    """Provide kinds of assessment strategy, by id.

    A strategy is a frozen record of parameters with a pure ``assess(series, period)``
    that returns a :class:`~indikator.verdict.Rating` (see :class:`indikator.Strategy`).
    Registering its kind lets data files and other tools build it by id.

    Returns:
        One :class:`~indikator.provides.StrategyType` per kind.

    Added in 0.1.

    Example::

        import indikator
        from indikator import Label
        from indikator.provides import StrategyType
        from my_plugin.strategies import VsMedian

        @indikator.hookimpl
        def indikator_strategies():
            return [
                StrategyType(
                    id="vs_median",
                    factory=VsMedian,
                    description=Label("Mot medianen", "Against the median"),
                )
            ]
    """
    raise NotImplementedError


@hookspec
def indikator_rollups() -> Sequence[RollUpType]:
    """Provide kinds of roll-up rule, by id.

    A roll-up rule is a frozen record with a pure ``combine(verdicts)`` (see
    :class:`indikator.RollUp`); it forms a parent's verdict from its children's.

    Returns:
        One :class:`~indikator.provides.RollUpType` per kind.

    Added in 0.1.

    Example::

        import indikator
        from indikator import Label
        from indikator.provides import RollUpType
        from my_plugin.rollups import BestOf

        @indikator.hookimpl
        def indikator_rollups():
            return [
                RollUpType(
                    id="best_of",
                    factory=BestOf,
                    description=Label("Det bästa avgör", "Best of"),
                )
            ]
    """
    raise NotImplementedError


@hookspec
def indikator_indicators() -> Sequence[Indicator]:
    """Provide indicators: each with its metrics and how its verdict is formed.

    Most indicators are :class:`~indikator.SimpleIndicator` records; any
    :class:`~indikator.Indicator` subclass works. Ids are unique among all plugins.

    Returns:
        The indicators, in any order (the host sorts them by id).

    Added in 0.1.

    Example::

        import indikator
        from indikator import Direction, Label, Metric, SimpleIndicator, Target
        from indikator.strategies import VsBase

        @indikator.hookimpl
        def indikator_indicators():
            return [
                SimpleIndicator(
                    id="waste",
                    name=Label("Avfallet minskar", "Waste decreases"),
                    metrics=[
                        Metric(
                            id="waste-per-capita",
                            name=Label("Avfall per invånare", "Waste per inhabitant"),
                            unit="kg/invånare",
                            direction=Direction.LOWER_IS_BETTER,
                            strategy=VsBase(relative_dead_band=0.02),
                            targets=[Target(value=300, unit="kg/invånare", year=2030)],
                        )
                    ],
                )
            ]
    """
    raise NotImplementedError


@hookspec
def indikator_programmes() -> Sequence[ProgrammeSpec]:
    """Provide programmes: goal areas that group indicators by id.

    The indicators may come from any plugin; the host resolves the ids when the
    programme is used (:func:`indikator.plugins.get_programme`) and names any id that no
    plugin provides.

    Returns:
        One :class:`~indikator.provides.ProgrammeSpec` per programme.

    Added in 0.1.

    Example::

        import indikator
        from indikator import Label
        from indikator.provides import GoalAreaSpec, ProgrammeSpec

        @indikator.hookimpl
        def indikator_programmes():
            return [
                ProgrammeSpec(
                    id="my-region-2030",
                    name=Label("Hållbarhetsprogram 2030", "Sustainability programme 2030"),
                    goal_areas=[
                        GoalAreaSpec(
                            id="climate",
                            name=Label("Klimat", "Climate"),
                            indicators=["co2e-total"],
                        )
                    ],
                )
            ]
    """
    raise NotImplementedError


@hookspec
def indikator_programme_files() -> Sequence[ProgrammeFiles]:
    """Ship programmes and indicators as programme files (TOML package data).

    The files are read with :mod:`indikator.programme_file` (the format is in the
    reference, "Programme files"); each indicator and programme they define is provided
    by this plugin, as if it came from :func:`indikator_indicators` or
    :func:`indikator_programmes`. A file with problems is reported with every located
    message, and what it defines is skipped.

    Returns:
        One :class:`~indikator.provides.ProgrammeFiles` per file or folder.

    Added in 0.2.

    Example::

        import indikator
        from indikator.provides import ProgrammeFiles

        @indikator.hookimpl
        def indikator_programme_files():
            return [ProgrammeFiles(package="my_region_plugin", path="programme")]
    """
    raise NotImplementedError


@hookspec
def indikator_dataset_readers() -> Sequence[DatasetReader]:
    """Read dataset folders of another layout (no ``indikator.toml`` manifest).

    When ``indikator assess FOLDER`` or ``indikator validate FOLDER`` finds no manifest
    in the folder, it asks each reader's ``claims(folder)`` in turn, and the first that
    claims the folder reads it into a programme and a dataset
    (:class:`~indikator.provides.DatasetRead`). A folder with a manifest is always read
    as a manifest folder. A reader that raises something other than an
    :class:`~indikator.errors.InputError` is reported as the plugin's error. A reader
    reads its files with :func:`indikator.io.read_dataset_file`, which bounds each file's
    size and refuses any file outside the folder, whatever the folder's configuration says.

    Returns:
        One :class:`~indikator.provides.DatasetReader` per layout.

    Added in 0.2.

    Example::

        import indikator
        from indikator import Label
        from indikator.provides import DatasetReader

        from my_layout_plugin import my_layout  # claims(folder) -> bool, read(folder)

        @indikator.hookimpl
        def indikator_dataset_readers():
            return [DatasetReader(
                id="my_layout",
                description=Label("Mitt format", "My layout"),
                claims=my_layout.claims,
                read=my_layout.read,  # returns a DatasetRead
            )]
    """
    raise NotImplementedError
