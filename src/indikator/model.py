"""Frozen records for definitions and data.

Definitions: metrics, indicators, goal areas, programmes. Data: observations,
judgments, datasets.

Definitions change rarely and live in plugins; observations and judgments change every
year and live in data files. Records validate themselves on construction: a bad field
raises :class:`~indikator.errors.InputError` naming the field and repeating the value.
"""

from __future__ import annotations

import abc
import datetime as dt
import enum
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from indikator.errors import InputError
from indikator.verdict import Direction, Lang, Rating, Verdict

if TYPE_CHECKING:
    from indikator.data import Observations
    from indikator.rollup import RollUp
    from indikator.verdict import Assessment

__all__ = [
    "Component",
    "Dataset",
    "Flag",
    "GoalArea",
    "Indicator",
    "Judgment",
    "Label",
    "Metric",
    "Milestone",
    "Observation",
    "Programme",
    "SimpleIndicator",
    "Strategy",
    "Target",
    "TargetBasis",
    "TargetKind",
    "TargetOwner",
]

MIN_PERIOD = 1900
MAX_PERIOD = 2200
_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def _fail(field: str, message: str, value: object) -> InputError:
    return InputError(message, field=field, value=value)


def _check_id(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise _fail(
            attribute.name,
            "an id is lower-case letters, digits, '-', '_' or '.', starting with a letter or digit",
            value,
        )


def _check_period(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None and attribute.name != "period":
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(attribute.name, "a year must be a whole number", value)
    if not MIN_PERIOD <= value <= MAX_PERIOD:
        raise _fail(attribute.name, f"a year must lie in {MIN_PERIOD}–{MAX_PERIOD}", value)


def _check_entity(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise _fail(
            attribute.name, "an entity is a non-empty code without surrounding spaces", value
        )


def _check_finite(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(attribute.name, "a number is required", _shown(value))
    if isinstance(value, int):  # left an int by _to_float: beyond the float range
        raise _fail(attribute.name, "the number is too large (beyond the float range)",
                    _shown(value))
    if not math.isfinite(value):
        raise _fail(attribute.name, "a finite number is required (NaN and inf are refused)", value)


def _to_float(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # _check_finite refuses it with the field's name
            return value
    return value


def _shown(value: object) -> object:
    """A value as a message may repeat it: its ``repr`` cut to 80 characters if longer."""
    try:
        text = repr(value)
    except Exception:  # a repr that fails (or is too long to compute) is not shown
        return f"<{type(value).__name__}>"
    return value if len(text) <= 80 else text[:77] + "..."


def _enum(cls: type[enum.Enum], field: str) -> Any:
    """A converter to ``cls`` that accepts members, values or (for Direction) words."""

    def convert(value: object) -> Any:
        if isinstance(value, cls):
            return value
        try:
            parse = getattr(cls, "parse", None)
            return parse(value) if parse is not None else cls(value)
        except (ValueError, AttributeError, TypeError):
            choices = ", ".join(str(m.value) for m in cls)
            raise _fail(field, f"expected one of {choices}", value) from None

    return convert


def _to_direction(value: Direction | str) -> Direction:
    return _enum(Direction, "direction")(value)  # type: ignore[no-any-return]


def _to_target_kind(value: TargetKind | str) -> TargetKind:
    return _enum(TargetKind, "kind")(value)  # type: ignore[no-any-return]


def _to_target_owner(value: TargetOwner | str) -> TargetOwner:
    return _enum(TargetOwner, "owner")(value)  # type: ignore[no-any-return]


def _kind_of(value: object) -> str:
    if value is None:
        return "None"
    name = type(value).__name__
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def _records(value: object, kind: type, field: str) -> tuple[Any, ...]:
    """``value`` as a tuple of ``kind`` records, or a clear error (not one from deep inside)."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _fail(field, f"expected a list of {kind.__name__} records, not "
                    f"{_kind_of(value)}", _shown(value))
    items = tuple(value)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise _fail(f"{field}[{index}]", f"expected a {kind.__name__} record, not "
                        f"{_kind_of(item)}", _shown(item))
    return items


def _to_targets(value: Iterable[Target]) -> tuple[Target, ...]:
    return _records(value, Target, "targets")


def _to_components(value: Iterable[Component]) -> tuple[Component, ...]:
    return _records(value, Component, "components")


def _to_metrics(value: Iterable[Metric]) -> tuple[Metric, ...]:
    return _records(value, Metric, "metrics")


def _to_indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return _records(value, Indicator, "indicators")


def _to_goal_areas(value: Iterable[GoalArea]) -> tuple[GoalArea, ...]:
    return _records(value, GoalArea, "goal_areas")


def _to_judgments(value: Iterable[Judgment]) -> tuple[Judgment, ...]:
    return _records(value, Judgment, "judgments")


def _check_texts(record: object, *names: str) -> None:
    """Each named attribute is a text or ``None``."""
    for name in names:
        value = getattr(record, name)
        if value is not None and not isinstance(value, str):
            raise _fail(name, f"a text is required, not {_kind_of(value)}", _shown(value))


def _check_unit(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    from indikator.units import parse_unit

    try:
        parse_unit(value)
    except InputError as exc:
        raise exc.located(field=attribute.name) from None


@attrs.frozen
class Label:
    """A user-facing name in Swedish and English.

    ``Label("Klimat")`` uses the Swedish text for English too; give ``en`` whenever a
    translation exists.
    """

    sv: str
    en: str = attrs.field()

    @en.default
    def _en_default(self) -> str:
        return self.sv

    def get(self, lang: Lang = "sv") -> str:
        """The text in the given language."""
        return self.sv if lang == "sv" else self.en

    def __str__(self) -> str:
        return self.sv


def _to_label(value: Label | str | Mapping[str, str] | Sequence[str]) -> Label:
    if isinstance(value, Label):
        return value
    if isinstance(value, str):
        return Label(value)
    if isinstance(value, Mapping):
        if "sv" not in value:
            raise _fail("name", "a name needs its Swedish text ({'sv': ..., 'en': ...})",
                        _shown(value))
        return Label(value["sv"], value.get("en", value["sv"]))
    if isinstance(value, bytes) or not isinstance(value, Iterable):
        raise _fail("name", f"a name is a text, {{'sv': ..., 'en': ...}} or (sv, en), not "
                    f"{_kind_of(value)}", _shown(value))
    seq = list(value)
    if not seq:
        raise _fail("name", "a name needs its Swedish text", _shown(value))
    return Label(seq[0], seq[1] if len(seq) > 1 else seq[0])


class Flag(enum.Enum):
    """Qualifiers of one observation."""

    PROVISIONAL = "provisional"
    """A preliminary figure that may be revised."""
    SERIES_BREAK = "series_break"
    """The method changed at this period: earlier values are not comparable."""
    RESTATED = "restated"
    """A value published earlier and later restated (the earlier figure in the note)."""
    OWN_TARGET_MET = "own_target_met"
    """The unit running the activity reports that its own target is met."""
    OWN_TARGET_NOT_MET = "own_target_not_met"
    """The unit running the activity reports that its own target is not met."""

    @classmethod
    def parse(cls, text: str) -> Flag:
        """Read a flag from its value (``"provisional"``, ``"series-break"``, ...).

        Raises:
            ValueError: ``text`` names no flag.
        """
        key = text.strip().casefold().replace("-", "_").replace(" ", "_")
        try:
            return cls(key)
        except ValueError:
            choices = ", ".join(f.value for f in cls)
            raise ValueError(f"unknown flag {text!r}; expected one of {choices}") from None


def _to_flags(value: Iterable[Flag | str]) -> frozenset[Flag]:
    if isinstance(value, (str, Flag)):
        value = [value]
    if isinstance(value, (bytes, Mapping)) or not isinstance(value, Iterable):
        raise _fail("flags", f"flags are a list of flags, not {_kind_of(value)}", _shown(value))
    out = set()
    for item in value:
        if not isinstance(item, (Flag, str)):
            raise _fail("flags", f"a flag is a text, not {_kind_of(item)}", _shown(item))
        try:
            out.add(item if isinstance(item, Flag) else Flag.parse(item))
        except ValueError as exc:
            raise _fail("flags", str(exc), item) from None
    return frozenset(out)


@attrs.frozen
class Observation:
    """One outcome of a metric for one period: a number with its unit, a text, or missing.

    Attributes:
        period: The year the outcome is for.
        value: The magnitude, in :attr:`unit`; ``None`` for a text or a missing outcome.
        unit: The unit the value is given in (required with a value).
        text: A text outcome (for metrics followed up in words); ``None`` otherwise.
        flags: Qualifiers such as provisional or series break.
        note: A free-text note (a footnote of the report).
        component: For a metric with component series, the component the value is for.
        entity: The entity (municipality, region, administration: a Kolada or SCB code
            such as ``"1980"``) the outcome is for; ``None`` for a dataset of one unnamed
            entity.
        own_target: The entity's own target for the period, in :attr:`unit`, as the unit
            running the activity reports it (per entity and year, so it lives in the data
            rather than in the metric); :class:`~indikator.strategies.VsOwnTarget` rates
            against it before the metric's own target.
    """

    period: int = attrs.field(validator=_check_period)
    value: float | None = attrs.field(default=None, converter=_to_float, validator=_check_finite)
    unit: str | None = attrs.field(default=None, validator=_check_unit)
    text: str | None = None
    flags: frozenset[Flag] = attrs.field(default=frozenset(), converter=_to_flags)
    note: str | None = None
    component: str | None = None
    entity: str | None = attrs.field(default=None, validator=_check_entity)
    own_target: float | None = attrs.field(
        default=None, converter=_to_float, validator=_check_finite
    )

    def __attrs_post_init__(self) -> None:
        _check_texts(self, "text", "note", "component")
        if self.value is not None and self.unit is None:
            raise _fail("unit", "a value needs a unit", self.value)
        if self.own_target is not None and self.unit is None:
            raise _fail("unit", "an own target needs a unit", self.own_target)
        if self.value is not None and self.text is not None:
            raise _fail("text", "an observation is a value or a text, not both", self.text)

    @property
    def is_missing(self) -> bool:
        """Whether the outcome is missing (no value and no text)."""
        return self.value is None and self.text is None


class TargetKind(enum.Enum):
    """What a target asks for."""

    LEVEL = "level"
    """Reach a value by the target year."""
    KEEP = "keep"
    """Keep the value at or beyond the target every year (an ideal value such as 0)."""
    DIRECTION = "direction"
    """Only a direction ("Öka", "Minska"): no value to reach."""


class TargetOwner(enum.Enum):
    """Whose target it is."""

    PROGRAMME = "programme"
    """The programme's target (Målvärde 2030)."""
    UNIT = "unit"
    """The own target of the unit running the activity (verksamhetens målvärde)."""


class TargetBasis(enum.Enum):
    """What a target's value is: a level, or a change against a base year."""

    ABSOLUTE = "absolute"
    """The value is the level to reach, in the target's unit."""
    CHANGE = "change"
    """The value is a change against the base year's value, in the target's unit
    ("−50 against 2019" for a metric in % against 2019)."""
    PERCENT = "percent"
    """The value is a change in per cent of the base year's value ("−63 % against 2018")."""


def _to_target_basis(value: TargetBasis | str) -> TargetBasis:
    return _enum(TargetBasis, "basis")(value)  # type: ignore[no-any-return]


def _check_finite_required(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        raise _fail(attribute.name, "a number is required", value)
    _check_finite(inst, attribute, value)


@attrs.frozen
class Milestone:
    """A further target year of a :class:`Target`, with its own value (same basis and unit).

    Attributes:
        year: The target year.
        value: The value for that year (a level or a change, as the target's).
        value_to: The other bound of an interval, if the value is one.
    """

    year: int = attrs.field(validator=_check_period)
    value: float = attrs.field(converter=_to_float, validator=_check_finite_required)
    value_to: float | None = attrs.field(
        default=None, converter=_to_float, validator=_check_finite
    )


def _to_milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return tuple(value)


@attrs.frozen
class Target:
    """A target of a metric, as a report states it.

    Resolve it into the value that counts in a period with
    :func:`indikator.targets.resolve_target`.

    Attributes:
        value: The value to reach or keep, in :attr:`unit` (a level, or a change when
            :attr:`basis` says so); ``None`` for a direction-only target or an own target
            whose value is not published (then attainment can be reported per
            observation with :attr:`Flag.OWN_TARGET_MET`).
        unit: The unit of :attr:`value` (``"%"`` for a change in per cent).
        year: The target year (``None`` for targets to keep every year).
        kind: Level, keep or direction only.
        owner: The programme's or the unit's own.
        note: Where the target comes from, or what it means.
        value_to: The other bound of an interval ("15–20 % below 2015"); which bound
            counts is the strategy's ``bound`` parameter (the weakest by default).
        basis: Whether :attr:`value` is a level or a change against :attr:`base_year`,
            in :attr:`unit` or in per cent of the base year's value.
        base_year: The year a change is counted from (the metric's base year if
            ``None``).
        from_year: For a target to keep: the first year it must be kept.
        milestones: Further target years with their own values ("2025 and 2030"): the
            next target year ahead of the period counts.
    """

    value: float | None = attrs.field(default=None, converter=_to_float, validator=_check_finite)
    unit: str | None = attrs.field(default=None, validator=_check_unit)
    year: int | None = attrs.field(default=None, validator=_check_period)
    kind: TargetKind = attrs.field(default=TargetKind.LEVEL, converter=_to_target_kind)
    owner: TargetOwner = attrs.field(
        default=TargetOwner.PROGRAMME, converter=_to_target_owner
    )
    note: str | None = None
    value_to: float | None = attrs.field(
        default=None, converter=_to_float, validator=_check_finite
    )
    basis: TargetBasis = attrs.field(default=TargetBasis.ABSOLUTE, converter=_to_target_basis)
    base_year: int | None = attrs.field(default=None, validator=_check_period)
    from_year: int | None = attrs.field(default=None, validator=_check_period)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_to_milestones)

    def __attrs_post_init__(self) -> None:
        if self.value is not None and self.unit is None and self.basis is not TargetBasis.PERCENT:
            raise _fail("unit", "a target value needs a unit", self.value)
        if self.value_to is not None and self.value is None:
            raise _fail("value_to", "an interval needs both bounds (value and value_to)",
                        self.value_to)
        if self.basis is TargetBasis.PERCENT and self.unit not in (None, "%"):
            raise _fail("unit", "a change in per cent is in %", self.unit)
        if self.kind is TargetKind.DIRECTION and (self.value is not None or self.milestones):
            raise _fail("kind", "a direction-only target has no value", self.value)
        if self.from_year is not None and self.kind is not TargetKind.KEEP:
            raise _fail("from_year", "only a target to keep has a first year to keep it",
                        self.from_year)
        if self.milestones:
            if self.year is None or self.value is None or self.kind is not TargetKind.LEVEL:
                raise _fail("milestones", "further target years need a level target with "
                            "a value and a year", len(self.milestones))
            years = [self.year, *(m.year for m in self.milestones)]
            if len(set(years)) != len(years):
                raise _fail("milestones", "a target year is given twice", years)
            if any((m.value_to is None and self.value_to is not None)
                   or (m.value_to is not None and self.value_to is None)
                   for m in self.milestones):
                raise _fail("milestones", "every target year is an interval, or none is",
                            len(self.milestones))

    @property
    def years(self) -> tuple[int, ...]:
        """Every target year, in order (empty for a target without a year)."""
        if self.year is None:
            return ()
        return tuple(sorted([self.year, *(m.year for m in self.milestones)]))


@runtime_checkable
class Strategy(Protocol):
    """An assessment strategy: a frozen record of parameters with a pure ``assess``.

    ``assess`` must never raise on finite input: missing data gives
    :attr:`Verdict.NO_VALUE` with a reason code.
    """

    @property
    def id(self) -> str:
        """The strategy's registered id, e.g. ``"vs_base"``."""
        ...

    def assess(self, series: Any, period: int) -> Rating:
        """Rate ``series`` (a :class:`~indikator.series.Series`) for ``period``."""
        ...


@attrs.frozen
class Component:
    """A component series of a metric (one of several sub-values in one cell)."""

    id: str = attrs.field(validator=_check_id)
    name: Label = attrs.field(converter=_to_label)


@attrs.frozen(kw_only=True)
class Metric:
    """A measured quantity (mätetal) with a unit, a direction and one assessment strategy.

    Attributes:
        id: A stable id, unique within the programme.
        name: The name as the report prints it, with an English name beside it.
        unit: The unit values are assessed in (observations in compatible units are
            converted once per series). ``None`` for metrics followed up in words.
        direction: Which way is better.
        strategy: The assessment strategy, with its parameters.
        base_year: The base year (basår), if any.
        base_value: The base value (basvärde) in :attr:`unit`, if the data does not hold
            an outcome for the base year.
        targets: The programme's and the unit's own targets.
        components: Component series (the chemicals row's three lists).
        note: Anything a reader should know about the metric.
    """

    id: str = attrs.field(validator=_check_id)
    name: Label = attrs.field(converter=_to_label)
    unit: str | None = attrs.field(default=None, validator=_check_unit)
    direction: Direction = attrs.field(
        default=Direction.HIGHER_IS_BETTER, converter=_to_direction
    )
    strategy: Strategy
    base_year: int | None = attrs.field(default=None, validator=_check_period)
    base_value: float | None = attrs.field(
        default=None, converter=_to_float, validator=_check_finite
    )
    targets: tuple[Target, ...] = attrs.field(default=(), converter=_to_targets)
    components: tuple[Component, ...] = attrs.field(default=(), converter=_to_components)
    note: str | None = None

    def target(self, owner: TargetOwner = TargetOwner.PROGRAMME) -> Target | None:
        """The first target of the given owner, if any."""
        for t in self.targets:
            if t.owner is owner:
                return t
        return None


class Indicator(abc.ABC):
    """An indicator: a statement followed up under a goal, measured by metrics.

    Indicator plugins implement this interface: which metrics the indicator has and how
    its verdict is formed from theirs. Most indicators need nothing more than
    :class:`SimpleIndicator`, which fills both in from records.
    """

    @property
    @abc.abstractmethod
    def id(self) -> str:
        """A stable id, unique within the programme."""

    @property
    @abc.abstractmethod
    def name(self) -> Label:
        """The indicator's statement, in Swedish and English."""

    @property
    @abc.abstractmethod
    def metrics(self) -> Sequence[Metric]:
        """The metrics the indicator is measured by."""

    @property
    def target(self) -> Label | None:
        """The 2030 target as the programme states it (``"Öka"``, ``"-50%, basår 2019"``)."""
        return None

    @property
    def target_year(self) -> int | None:
        """The year of :attr:`target` (``None``: the programme's last year)."""
        return None

    @abc.abstractmethod
    def combine(self, children: Sequence[Assessment]) -> Rating:
        """Form the indicator's verdict from its metrics' assessments."""

    @property
    def rollup_id(self) -> str:
        """The id of the roll-up used by :meth:`combine`, for reports."""
        return "custom"


def _default_rollup() -> RollUp:
    from indikator.rollup import StrictMajority

    return StrictMajority()


@attrs.frozen(kw_only=True)
class SimpleIndicator(Indicator):
    """The declarative indicator: metrics plus a roll-up rule (strict majority by default)."""

    id: str = attrs.field(validator=_check_id)
    name: Label = attrs.field(converter=_to_label)
    metrics: tuple[Metric, ...] = attrs.field(converter=_to_metrics)
    target: Label | None = attrs.field(
        default=None, converter=attrs.converters.optional(_to_label)
    )
    rollup: RollUp = attrs.field(factory=_default_rollup)
    note: str | None = None
    target_year: int | None = attrs.field(default=None, validator=_check_period)

    def combine(self, children: Sequence[Assessment]) -> Rating:
        """Roll the metrics' verdicts up with :attr:`rollup`."""
        return self.rollup.combine([c.verdict for c in children])

    @property
    def rollup_id(self) -> str:
        """The id of :attr:`rollup`."""
        return self.rollup.id


@attrs.frozen(kw_only=True)
class GoalArea:
    """A goal area (målområde) with its goal sentence and indicators."""

    id: str = attrs.field(validator=_check_id)
    name: Label = attrs.field(converter=_to_label)
    goal: Label | None = attrs.field(default=None, converter=attrs.converters.optional(_to_label))
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_to_indicators)
    rollup: RollUp = attrs.field(factory=_default_rollup)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Programme:
    """A programme of goal areas (hållbarhetsprogram), the root of an assessment."""

    id: str = attrs.field(validator=_check_id)
    name: Label = attrs.field(converter=_to_label)
    goal_areas: tuple[GoalArea, ...] = attrs.field(converter=_to_goal_areas)
    rollup: RollUp = attrs.field(factory=_default_rollup)
    first_year: int | None = attrs.field(default=None, validator=_check_period)
    last_year: int | None = attrs.field(default=None, validator=_check_period)
    owner: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        seen: dict[str, str] = {}
        for kind, node_id in self._ids():
            if node_id in seen:
                raise _fail(
                    "id", f"{kind} id is used twice in the programme ({seen[node_id]})", node_id
                )
            seen[node_id] = kind

    def _ids(self) -> Iterable[tuple[str, str]]:
        yield "programme", self.id
        for area in self.goal_areas:
            yield "goal area", area.id
            for ind in area.indicators:
                yield "indicator", ind.id
                for m in ind.metrics:
                    yield "metric", m.id

    def metrics(self) -> dict[str, Metric]:
        """Every metric of the programme, by id, in programme order."""
        return {m.id: m for area in self.goal_areas for ind in area.indicators for m in ind.metrics}

    def indicators(self) -> dict[str, Indicator]:
        """Every indicator of the programme, by id, in programme order."""
        return {ind.id: ind for area in self.goal_areas for ind in area.indicators}

    def covers(self, period: int) -> bool:
        """Whether ``period`` lies within the programme's years (open ends allowed)."""
        first, last = self.first_year, self.last_year
        return (first is None or period >= first) and (last is None or period <= last)

    @property
    def years(self) -> str:
        """The programme's years as text, ``"2023–2030"`` (``…`` for an open end)."""
        first = "…" if self.first_year is None else str(self.first_year)
        last = "…" if self.last_year is None else str(self.last_year)
        return f"{first}–{last}"


def _check_reason(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _fail(attribute.name, "a judgment needs a reason", value)


def _to_verdict(value: Verdict | str) -> Verdict:
    if isinstance(value, Verdict):
        return value
    if not isinstance(value, str):
        choices = ", ".join(v.value for v in Verdict)
        raise _fail("verdict", f"a verdict is one of {choices}, not {_kind_of(value)}",
                    _shown(value))
    try:
        return Verdict.parse(value)
    except (ValueError, AttributeError) as exc:
        raise _fail("verdict", str(exc), value) from None


@attrs.frozen(kw_only=True)
class Judgment:
    """A recorded verdict for one node (usually a metric) and period, with its reason.

    The assessment keeps both the judged verdict and what the rule alone gave.

    Attributes:
        target: The id of the metric (or indicator, goal area) judged.
        period: The period judged.
        verdict: The recorded verdict.
        reason: Why (mandatory, non-empty): the report's footnote.
        author: Who made the judgment.
        date: When.
        source: Where it was read from (``"judgments.toml:12"``).
        entity: The entity judged; ``None`` for a dataset of one unnamed entity (or a
            judgment that holds for every entity).
    """

    target: str = attrs.field(validator=_check_id)
    period: int = attrs.field(validator=_check_period)
    verdict: Verdict = attrs.field(converter=_to_verdict)
    reason: str = attrs.field(validator=_check_reason)
    author: str | None = None
    date: dt.date | None = None
    source: str | None = attrs.field(default=None, eq=False)
    entity: str | None = attrs.field(default=None, validator=_check_entity)

    def __attrs_post_init__(self) -> None:
        _check_texts(self, "author", "source")
        if self.date is not None and not isinstance(self.date, dt.date):
            raise _fail("date", f"a date is a datetime.date, not {_kind_of(self.date)}",
                        _shown(self.date))


def _to_observation_map(
    value: Mapping[str, Iterable[Observation]],
) -> dict[str, tuple[Observation, ...]]:
    if not isinstance(value, Mapping):
        raise _fail("observations", "observations are a mapping of metric id to a list of "
                    f"Observation records, not {_kind_of(value)}", _shown(value))
    out: dict[str, tuple[Observation, ...]] = {}
    for key, items in value.items():
        if not isinstance(key, str):
            raise _fail("observations", f"a metric id is a text, not {_kind_of(key)}",
                        _shown(key))
        out[key] = _records(items, Observation, f"observations[{key!r}]")
    return out


@attrs.frozen(kw_only=True)
class Dataset:
    """The data of one follow-up: outcomes and judgments, for one programme.

    A dataset holds any number of entities (see :attr:`Observation.entity`) and periods;
    one that names no entity is a dataset of one unnamed entity.

    Attributes:
        programme: The id of the programme the data is for.
        period: The period to assess by default (the report year).
        observations: Outcomes by metric id, in any order (records; small datasets).
        judgments: Recorded judgments.
        title: A title for reports.
        source: Where the dataset was read from.
        table: Further outcomes as columns (:class:`~indikator.data.Observations`), for
            data too large to hold as records; the engine reads both.
    """

    programme: str
    period: int = attrs.field(validator=_check_period)
    observations: Mapping[str, tuple[Observation, ...]] = attrs.field(
        factory=dict, converter=_to_observation_map
    )
    judgments: tuple[Judgment, ...] = attrs.field(default=(), converter=_to_judgments)
    title: Label | None = attrs.field(default=None, converter=attrs.converters.optional(_to_label))
    source: str | None = attrs.field(default=None, eq=False)
    table: Observations | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.programme, str):
            raise _fail("programme", f"the programme id is a text, not "
                        f"{_kind_of(self.programme)}", _shown(self.programme))
        _check_texts(self, "source")

    def judgment_for(self, target: str, period: int) -> Judgment | None:
        """The judgment recorded for a node and period, if any."""
        for j in self.judgments:
            if j.target == target and j.period == period:
                return j
        return None
