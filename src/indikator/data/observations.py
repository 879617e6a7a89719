"""Observations as columns: one array per field, not one record per value.

An :class:`Observations` table holds outcomes of any number of entities, metrics,
components and periods. Ids (entity, metric, component, unit) are stored as small integer
codes into tuples of distinct values, numbers as ``float64`` with NaN for "no value",
flags as a bit mask. It is validated once, where it is built (the boundary), and trusted
after that: the engine's kernels do no per-value checks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from indikator.data._columns import (
    _entity,
    _factorize,
    _factorize_with_none,
    _hashable,
    _merge,
    _metric_id,
    _optional,
    _own_targets,
    _parse_flags,
    _periods,
    _Repeat,
    _sorted_categories,
    _src,
    _values,
    _where,
)
from indikator.errors import InputError
from indikator.model import Flag, Observation

__all__ = ["FLAG_BITS", "EntityId", "Observations", "flags_of", "mask_of"]

EntityId = str | None
"""An entity's id (a Kolada or SCB code such as ``"1980"``); ``None`` is the unnamed one."""

FLAG_BITS: Final[dict[Flag, int]] = {f: 1 << i for i, f in enumerate(Flag)}
"""The bit of each flag in a flags mask."""

_FLAGSETS: dict[int, frozenset[Flag]] = {}


def flags_of(mask: int) -> frozenset[Flag]:
    """The flags set in ``mask``."""
    found = _FLAGSETS.get(mask)
    if found is None:
        found = _FLAGSETS[mask] = frozenset(f for f, bit in FLAG_BITS.items() if mask & bit)
    return found


def mask_of(flags: Iterable[Flag]) -> int:
    """The mask of a set of flags."""
    mask = 0
    for f in flags:
        mask |= FLAG_BITS[f]
    return mask


IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]


class Observations:
    """Outcomes as columns (entity, metric, component, period, value, unit, text, ...).

    Build one with :meth:`from_columns` (arrays or lists from any source) or
    :meth:`from_records` (:class:`~indikator.model.Observation` records by metric id).
    Every column has one entry per row; ids are codes into the tuples
    :attr:`entities`, :attr:`metrics`, :attr:`components` and :attr:`units`
    (``components[0]`` and ``units[0]`` are ``None``: no component, no unit).

    Attributes:
        entity: Entity codes (``int32``).
        metric: Metric codes.
        component: Component codes (0: the metric's main series).
        period: Years (``int32``).
        value: Values in :attr:`unit` (``float64``; NaN where there is none).
        unit: Unit codes (0: no unit).
        text: Text outcomes per row, or ``None`` when no row has one.
        flags: Flag masks (``uint8``; see :data:`FLAG_BITS`).
        note: Notes per row, or ``None``.
        own_target: The entity's own target per row, in the row's unit (NaN: none), or
            ``None`` when no row has one.
        source: Where each row was read from (``"file.csv:12"``), or ``None``.
        records: The records the table was built from, if it was (shown in reports).
    """

    __slots__ = (
        "component",
        "components",
        "entities",
        "entity",
        "flags",
        "metric",
        "metrics",
        "note",
        "own_target",
        "period",
        "records",
        "source",
        "text",
        "unit",
        "units",
        "value",
    )

    def __init__(
        self,
        *,
        entity: IntArray,
        entities: tuple[EntityId, ...],
        metric: IntArray,
        metrics: tuple[str, ...],
        component: IntArray,
        components: tuple[str | None, ...],
        period: IntArray,
        value: FloatArray,
        unit: IntArray,
        units: tuple[str | None, ...],
        flags: npt.NDArray[np.uint8],
        text: tuple[str | None, ...] | None = None,
        note: tuple[str | None, ...] | None = None,
        own_target: FloatArray | None = None,
        source: tuple[str | None, ...] | None = None,
        records: tuple[Observation, ...] | None = None,
    ) -> None:
        self.entity, self.entities = entity, entities
        self.metric, self.metrics = metric, metrics
        self.component, self.components = component, components
        self.period, self.value = period, value
        self.unit, self.units = unit, units
        self.flags, self.text, self.note = flags, text, note
        self.own_target = own_target
        self.source, self.records = source, records

    def __len__(self) -> int:
        return len(self.period)

    def __repr__(self) -> str:
        return (
            f"<Observations: {len(self)} rows, {len(self.entities)} entities, "
            f"{len(self.metrics)} metrics>"
        )

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def empty(cls) -> Observations:
        """A table with no rows."""
        return cls.from_columns(metric=[], period=[])

    @classmethod
    def from_records(
        cls,
        observations: Mapping[str, Iterable[Observation]] | Iterable[tuple[str, Observation]],
        *,
        sources: Sequence[str | None] | None = None,
    ) -> Observations:
        """A table of records: a mapping of metric id to observations, or (id, record) pairs.

        The records are kept (:attr:`records`) for reports that show them.
        """
        pairs = (
            [(m, o) for m, obs in observations.items() for o in obs]
            if isinstance(observations, Mapping)
            else list(observations)
        )
        recs = tuple(o for _, o in pairs)
        return cls._build(
            entity=[o.entity for o in recs],
            metric=[m for m, _ in pairs],
            component=[o.component for o in recs],
            period=np.fromiter((o.period for o in recs), dtype=np.int32, count=len(recs)),
            value=np.fromiter(
                (math.nan if o.value is None else o.value for o in recs),
                dtype=np.float64,
                count=len(recs),
            ),
            unit=[o.unit for o in recs],
            flags=np.fromiter((mask_of(o.flags) for o in recs), dtype=np.uint8, count=len(recs)),
            text=_optional(o.text for o in recs),
            note=_optional(o.note for o in recs),
            own_target=_own_targets([o.own_target for o in recs]),
            source=None if sources is None else tuple(sources),
            records=recs,
        )

    @classmethod
    def from_columns(
        cls,
        *,
        metric: Sequence[str] | npt.ArrayLike,
        period: Sequence[int] | npt.ArrayLike,
        value: Sequence[float | None] | npt.ArrayLike | None = None,
        unit: Sequence[str | None] | str | None = None,
        entity: Sequence[EntityId] | npt.ArrayLike | None = None,
        component: Sequence[str | None] | None = None,
        text: Sequence[str | None] | None = None,
        flags: Sequence[Iterable[Flag | str]] | None = None,
        note: Sequence[str | None] | None = None,
        source: Sequence[str | None] | None = None,
        own_target: Sequence[float | None] | npt.ArrayLike | None = None,
    ) -> Observations:
        """A table from columns (lists, tuples or numpy arrays, one entry per row).

        ``value`` may hold ``None`` or NaN for "no value"; infinite values, periods that
        are not whole years in 1900–2200, a value without a unit and a row with both a
        value and a text are refused with an :class:`~indikator.errors.InputError` naming
        the column, the first bad row (counted from 0, or its ``source``) and the value.
        ``unit`` may be one string for every row.

        Raises:
            InputError: A column is of the wrong length or holds a bad value.
        """
        n = len(metric)  # type: ignore[arg-type]

        def column(name: str, data: Any, default: Any) -> Any:
            if data is None:
                return _Repeat(default, n)
            if isinstance(data, str):
                return _Repeat(data, n)
            if len(data) != n:
                raise InputError(
                    f"the column has {len(data)} rows where 'metric' has {n}",
                    field=name,
                )
            return data

        src = None if source is None else tuple(column("source", source, None))
        periods = _periods(period, n, src)
        values = _values(column("value", value, math.nan), src)
        masks = (
            np.zeros(n, dtype=np.uint8)
            if flags is None
            else np.fromiter(
                (mask_of(_parse_flags(f, i, src))
                 for i, f in enumerate(column("flags", flags, ()))),
                dtype=np.uint8,
                count=n,
            )
        )
        return cls._build(
            entity=column("entity", entity, None),
            metric=column("metric", metric, None),
            component=column("component", component, None),
            period=periods,
            value=values,
            unit=column("unit", unit, None),
            flags=masks,
            text=None if text is None else _optional(column("text", text, None)),
            note=None if note is None else _optional(column("note", note, None)),
            own_target=None if own_target is None else _own_targets(
                _values(column("own_target", own_target, math.nan), src)),
            source=src,
            records=None,
            check=True,
        )

    @classmethod
    def _build(
        cls,
        *,
        entity: Sequence[EntityId],
        metric: Sequence[str],
        component: Sequence[str | None],
        period: IntArray,
        value: FloatArray,
        unit: Sequence[str | None],
        flags: npt.NDArray[np.uint8],
        text: tuple[str | None, ...] | None,
        note: tuple[str | None, ...] | None,
        own_target: FloatArray | None = None,
        source: tuple[str | None, ...] | None,
        records: tuple[Observation, ...] | None,
        check: bool = False,
    ) -> Observations:
        e_codes, e_cats = _factorize(_hashable(entity))
        m_codes, m_cats = _factorize(_hashable(metric))
        c_codes, c_cats = _factorize_with_none(_hashable(component))
        u_codes, u_cats = _factorize_with_none(_hashable(unit))
        if check:
            # each distinct value is checked once; a bad one is reported at its first row
            def first(codes: IntArray, k: int) -> int:
                return int(np.argmax(codes == k))

            def checked(cats: tuple[Any, ...], codes: IntArray,
                        check: Any) -> tuple[Any, ...]:
                try:
                    return tuple(check(v, -1, None) for v in cats)
                except InputError:
                    for k, v in enumerate(cats):  # again, to name the first bad row
                        check(v, first(codes, k), source)
                    raise

            e_cats = checked(e_cats, e_codes, _entity)
            if set(map(type, m_cats)) != {str} or "" in m_cats:  # common case: one pass
                m_cats = checked(m_cats, m_codes, _metric_id)
            for k, v in enumerate(c_cats):
                if v is not None and (not isinstance(v, str) or not v.strip()):
                    raise InputError(f"{_where(source, first(c_codes, k))}: a component id is "
                                     "a non-empty text", field="component", value=v)
            for k, v in enumerate(u_cats):
                if v is not None and not isinstance(v, str):
                    raise InputError(f"{_where(source, first(u_codes, k))}: a unit is a text",
                                     field="unit", value=v)
            if len(set(e_cats)) < len(e_cats):  # "1980" and " 1980" are one entity
                e_codes, e_cats = _merge(e_codes, e_cats)
        e_codes, e_cats = _sorted_categories(e_codes, e_cats)
        has_value = ~np.isnan(value)
        needs_unit = has_value if own_target is None else has_value | ~np.isnan(own_target)
        no_unit = needs_unit & (u_codes == 0)
        if no_unit.any():
            i = int(np.flatnonzero(no_unit)[0])
            raise InputError("a value needs a unit", source=_src(source, i), field="unit",
                             value=float(value[i]))
        if text is not None:
            both = [i for i in np.flatnonzero(has_value).tolist() if text[i] is not None]
            if both:
                i = both[0]
                raise InputError("an observation is a value or a text, not both",
                                 source=_src(source, i), field="text", value=text[i])
        return cls(
            entity=e_codes,
            entities=e_cats,
            metric=m_codes,
            metrics=m_cats,
            component=c_codes,
            components=c_cats,
            period=period,
            value=value,
            unit=u_codes,
            units=u_cats,
            flags=flags,
            text=text,
            note=note,
            own_target=own_target,
            source=source,
            records=records,
        )

    @classmethod
    def concat(cls, tables: Sequence[Observations]) -> Observations:
        """The rows of several tables, one after the other."""
        tables = [t for t in tables if len(t)]
        if not tables:
            return cls.empty()
        if len(tables) == 1:
            return tables[0]

        def labels(name: str) -> list[Any]:
            out: list[Any] = []
            for t in tables:
                cats = getattr(t, name + "s")
                out.extend(cats[c] for c in getattr(t, name).tolist())
            return out

        def optional(name: str) -> tuple[Any, ...] | None:
            if all(getattr(t, name) is None for t in tables):
                return None
            out: list[Any] = []
            for t in tables:
                col = getattr(t, name)
                out.extend([None] * len(t) if col is None else col)
            return tuple(out)

        recs = (
            tuple(r for t in tables for r in (t.records or ()))
            if all(t.records is not None for t in tables)
            else None
        )
        return cls._build(
            entity=labels("entity"),
            metric=labels("metric"),
            component=labels("component"),
            period=np.concatenate([t.period for t in tables]),
            value=np.concatenate([t.value for t in tables]),
            unit=labels("unit"),
            flags=np.concatenate([t.flags for t in tables]),
            text=optional("text"),
            note=optional("note"),
            own_target=None if all(t.own_target is None for t in tables) else np.concatenate(
                [np.full(len(t), np.nan) if t.own_target is None else t.own_target
                 for t in tables]),
            source=optional("source"),
            records=recs,
        )

    # -- reading --------------------------------------------------------------------------

    def take(self, rows: npt.NDArray[np.intp]) -> Observations:
        """The given rows (codes and categories kept)."""

        def pick(col: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
            return None if col is None else tuple(col[i] for i in rows.tolist())

        return Observations(
            entity=self.entity[rows],
            entities=self.entities,
            metric=self.metric[rows],
            metrics=self.metrics,
            component=self.component[rows],
            components=self.components,
            period=self.period[rows],
            value=self.value[rows],
            unit=self.unit[rows],
            units=self.units,
            flags=self.flags[rows],
            text=pick(self.text),
            note=pick(self.note),
            own_target=None if self.own_target is None else self.own_target[rows],
            source=pick(self.source),
            records=pick(self.records),
        )

    def where_entities(self, entities: Iterable[EntityId]) -> Observations:
        """The rows of the given entities.

        Raises:
            InputError: An entity has no rows in the table.
        """
        wanted = list(entities)
        known = {e: i for i, e in enumerate(self.entities)}
        missing = [e for e in wanted if e not in known]
        if missing:
            raise InputError(
                "no outcomes for this entity",
                field="entity",
                value=", ".join(str(e) for e in missing),
            )
        keep = np.isin(self.entity, [known[e] for e in wanted])
        return self.take(np.flatnonzero(keep))

    def record(self, i: int) -> Observation:
        """Row ``i`` as an :class:`~indikator.model.Observation`."""
        if self.records is not None:
            return self.records[i]
        v = float(self.value[i])
        return Observation(
            int(self.period[i]),
            None if math.isnan(v) else v,
            self.units[int(self.unit[i])],
            text=None if self.text is None else self.text[i],
            flags=flags_of(int(self.flags[i])),
            note=None if self.note is None else self.note[i],
            own_target=None if self.own_target is None or math.isnan(self.own_target[i])
            else float(self.own_target[i]),
            component=self.components[int(self.component[i])],
            entity=self.entities[int(self.entity[i])],
        )

    def location(self, i: int) -> str | None:
        """Where row ``i`` was read from, if known."""
        return _src(self.source, i)
