"""The records plugin hooks return: one documented type per hook.

A plugin never hands the host a bare dict: each hook returns a sequence of one of these
frozen records, which the host validates and attributes to the plugin that gave it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from indikator.errors import InputError
from indikator.model import Dataset, GoalArea, Indicator, Label, Programme, _check_id, _to_label
from indikator.rollup import RollUp

__all__ = [
    "DatasetRead",
    "DatasetReader",
    "GoalAreaSpec",
    "ProgrammeFiles",
    "ProgrammeSpec",
    "RollUpType",
    "StrategyType",
    "UnitDefinitions",
]


def _to_strings(value: Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _to_goal_areas(value: Iterable[GoalAreaSpec]) -> tuple[GoalAreaSpec, ...]:
    return tuple(value)


def _rollup(rule: RollUp | None) -> dict[str, RollUp]:
    """The ``rollup`` keyword for a model record: none (its default) when not given."""
    return {} if rule is None else {"rollup": rule}


@attrs.frozen(kw_only=True)
class StrategyType:
    """A kind of assessment strategy a plugin provides.

    Attributes:
        id: The id metrics refer to (``"vs_base"``); unique among all plugins.
        factory: Builds a strategy record from keyword parameters (usually the class).
        description: What the strategy does, in Swedish and English.
    """

    id: str = attrs.field(validator=_check_id)
    factory: Callable[..., Any]
    description: Label = attrs.field(converter=_to_label)


@attrs.frozen(kw_only=True)
class RollUpType:
    """A kind of roll-up rule a plugin provides.

    Attributes:
        id: The id (``"strict_majority"``); unique among all plugins.
        factory: Builds the rule from keyword parameters (usually the class).
        description: What the rule does, in Swedish and English.
    """

    id: str = attrs.field(validator=_check_id)
    factory: Callable[..., RollUp]
    description: Label = attrs.field(converter=_to_label)


@attrs.frozen(kw_only=True)
class UnitDefinitions:
    """Unit definitions a plugin adds to the library's registry (pint syntax).

    Attributes:
        definitions: Lines such as ``"portion = piece"``.
        description: What the units are for.
    """

    definitions: tuple[str, ...] = attrs.field(converter=_to_strings)
    description: str = ""


@attrs.frozen(kw_only=True)
class ProgrammeFiles:
    """Programme files a plugin ships as package data (no Python classes needed).

    The host reads them with :mod:`indikator.programme_file`; every indicator and
    programme they define is provided by the plugin that names them.

    Attributes:
        package: The package holding the files (``__name__`` of the plugin module).
        path: A file or folder inside the package (every ``*.toml`` under a folder).
        description: What the files define.
    """

    package: str
    path: str = ""
    description: str = ""


@attrs.frozen(kw_only=True)
class GoalAreaSpec:
    """A goal area of a programme, naming its indicators by id.

    Attributes:
        id: The goal area's id.
        name: Its name.
        goal: Its goal sentence.
        indicators: The ids of its indicators, in report order (may be empty: a goal
            area without indicators gets "no value").
        rollup: How its indicators' verdicts roll up (strict majority if omitted).
        note: Anything a reader should know.
    """

    id: str = attrs.field(validator=_check_id)
    name: Label = attrs.field(converter=_to_label)
    goal: Label | None = attrs.field(default=None, converter=attrs.converters.optional(_to_label))
    indicators: tuple[str, ...] = attrs.field(default=(), converter=_to_strings)
    rollup: RollUp | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class ProgrammeSpec:
    """A programme: goal areas grouping indicators that (other) plugins register.

    Attributes:
        id: The programme's id, named by a dataset's manifest.
        name: Its name.
        goal_areas: Its goal areas, in report order.
        rollup: How goal areas roll up into the programme (strict majority if omitted).
        first_year: The programme's first year.
        last_year: Its last year.
        owner: The organisation that owns it.
        note: Anything a reader should know.
    """

    id: str = attrs.field(validator=_check_id)
    name: Label = attrs.field(converter=_to_label)
    goal_areas: tuple[GoalAreaSpec, ...] = attrs.field(converter=_to_goal_areas)
    rollup: RollUp | None = None
    first_year: int | None = None
    last_year: int | None = None
    owner: str | None = None
    note: str | None = None

    def resolve(self, indicators: Mapping[str, Indicator]) -> Programme:
        """The programme, each goal area's indicator ids looked up in ``indicators``.

        A goal area or programme without a ``rollup`` gets the model's default (strict
        majority). :func:`indikator.plugins.get_programme` resolves a programme this way
        with the indicators of all plugins.

        Raises:
            InputError: A goal area names an id that is not in ``indicators`` (field
                ``indicators``), or the programme is invalid (an id used twice).
        """
        areas: list[GoalArea] = []
        for area in self.goal_areas:
            missing = [i for i in area.indicators if i not in indicators]
            if missing:
                raise InputError(
                    f"goal area {area.id!r} names unknown indicator(s) "
                    f"{', '.join(map(repr, missing))}",
                    field="indicators",
                )
            areas.append(
                GoalArea(
                    id=area.id,
                    name=area.name,
                    goal=area.goal,
                    indicators=[indicators[i] for i in area.indicators],
                    note=area.note,
                    **_rollup(area.rollup),
                )
            )
        return Programme(
            id=self.id,
            name=self.name,
            goal_areas=areas,
            first_year=self.first_year,
            last_year=self.last_year,
            owner=self.owner,
            note=self.note,
            **_rollup(self.rollup),
        )


def _to_problems(value: Iterable[InputError]) -> tuple[InputError, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class DatasetRead:
    """What a :class:`DatasetReader` read from a folder: the definitions and the data.

    Attributes:
        programme: The programme the folder defines.
        dataset: Its data (``dataset.programme`` is ``programme.id``).
        periods: What ``indikator assess`` assesses when neither ``--period`` nor
            ``--periods`` is given: ``"latest"`` (each metric at its own latest year), a
            year, or ``None`` for the dataset's period.
        warnings: What was read but may not be what was meant (printed, never fatal).
    """

    programme: Programme
    dataset: Dataset
    periods: Literal["latest"] | int | None = None
    warnings: tuple[InputError, ...] = attrs.field(default=(), converter=_to_problems)


@attrs.frozen(kw_only=True)
class DatasetReader:
    """A reader of dataset folders in a layout of their own (no ``indikator.toml``).

    ``indikator assess FOLDER`` and ``indikator validate FOLDER`` ask the readers in turn
    when the folder has no manifest; the first whose ``claims`` is true reads it.

    Attributes:
        id: The reader's id (``"open_sdg"``).
        description: What folders it reads, in Swedish and English.
        claims: Whether a folder is one it reads (a cheap look at the file names).
        read: Reads the folder; raises :class:`~indikator.errors.InputError` with the
            file, line and field of bad input.
    """

    id: str = attrs.field(validator=_check_id)
    description: Label = attrs.field(converter=_to_label)
    claims: Callable[[Path], bool]
    read: Callable[[Path], DatasetRead]
