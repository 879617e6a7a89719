"""Series as columns: observations in their metrics' units, sorted, with vectorised look-ups.

A :class:`SeriesFrame` is to many series what :class:`~indikator.series.Series` is to one.
It converts units once per distinct (unit, metric) pair, with one multiply per column,
sorts the rows by (entity, metric, component, period) and answers, for whole arrays of
(series, period) at once, the questions a strategy asks of one series: the value in a
period, the latest earlier outcome (since the last series break), the outcome in the base
year, the latest period with an outcome. :meth:`SeriesFrame.series` gives back the
per-object :class:`~indikator.series.Series` of one (entity, metric), equal to what
:func:`~indikator.series.build_series` builds from the same records.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from indikator.data._columns import _factorize
from indikator.data.observations import FLAG_BITS, EntityId, Observations, flags_of
from indikator.errors import InputError
from indikator.model import MAX_PERIOD, MIN_PERIOD, Flag, Metric
from indikator.series import Point, Series
from indikator.units import conversion_factor

__all__ = ["SeriesFrame"]



Index = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

_SPAN: Final = MAX_PERIOD - MIN_PERIOD + 2
_BREAK: Final = FLAG_BITS[Flag.SERIES_BREAK]


class SeriesFrame:
    """The observations of a programme's metrics as sorted, converted series.

    Build with :meth:`build`. A *group* is one series: one (entity, metric, component);
    component 0 is the metric's main series. Row look-ups return row indices into the
    sorted arrays (``-1``: no such row); :meth:`values` turns them into values.

    Attributes:
        metrics: The metrics, in the order their indices refer to.
        entities: The entities, in the order their codes refer to.
        components: Component ids by code (``components[0]`` is ``None``).
        period: The sorted rows' periods.
        value: Their values in the metric's unit (NaN: none).
        own_target: Their reported own targets in the metric's unit (NaN: none), or
            ``None`` when no row has one.
        flags: Their flag masks.
        text: Their texts (``None`` when no row has one).
        row: Each sorted row's index in the table it was built from.
        table: That table.
    """

    def __init__(self, table: Observations, metrics: Sequence[Metric],
                 metric_of_code: npt.NDArray[np.int64],
                 cache: dict[Any, Any] | None = None) -> None:
        self.cache: dict[Any, Any] = {} if cache is None else cache
        """Memo of what depends on the definitions only (per-metric columns, strategy
        parameters, resolved targets): the engine hands every frame of one programme the
        same dict, so repeated runs do not derive them again."""
        self.table = table
        self.metrics = tuple(metrics)
        self.entities: tuple[EntityId, ...] = table.entities
        self.components: tuple[str | None, ...] = table.components
        m = metric_of_code[table.metric] if len(table) else np.zeros(0, dtype=np.int64)
        order = np.lexsort((table.period, table.component, m, table.entity))
        self.row = order
        e = table.entity[order].astype(np.int64)
        m = m[order]
        c = table.component[order].astype(np.int64)
        self.period = table.period[order]
        self.flags = table.flags[order]
        self.text = None if table.text is None else tuple(table.text[i] for i in order.tolist())
        n_e, n_m, n_c = max(len(self.entities), 1), max(len(self.metrics), 1), len(self.components)
        gkey = (e * n_m + m) * n_c + c
        n = len(order)
        starts = np.flatnonzero(np.r_[True, gkey[1:] != gkey[:-1]]) if n else np.zeros(0, np.int64)
        self.g_start = starts.astype(np.int64)
        self.g_stop = np.r_[starts[1:], n].astype(np.int64) if n else starts.astype(np.int64)
        self.g_entity, self.g_metric, self.g_component = e[starts], m[starts], c[starts]
        self.row_group = np.repeat(np.arange(len(starts), dtype=np.int64), self.g_stop - starts)
        self.groups = np.full((n_e, n_m, n_c), -1, dtype=np.int64)
        self.groups[self.g_entity, self.g_metric, self.g_component] = np.arange(len(starts))
        self.keys = self.row_group * _SPAN + (self.period.astype(np.int64) - MIN_PERIOD)
        self._check_duplicates()
        self.value = self._converted(table.value[order], m, table.unit[order])
        self.own_target = (None if table.own_target is None else
                           self._converted(table.own_target[order], m, table.unit[order]))
        idx = np.arange(n, dtype=np.int64)
        valid = ~np.isnan(self.value)
        if self.text is not None:
            valid |= np.fromiter((t is not None for t in self.text), dtype=bool, count=n)
        self.valid = valid
        is_start = np.zeros(n, dtype=bool)
        is_start[starts] = True
        self.seg_start = np.maximum.accumulate(
            np.where(is_start | ((self.flags & _BREAK) != 0), idx, -1)
        ) if n else idx
        self.last_valid = np.maximum.accumulate(np.where(valid, idx, -1)) if n else idx
        self._series: dict[tuple[int, int], Series] = {}

    @classmethod
    def build(cls, table: Observations, metrics: Sequence[Metric],
              cache: dict[Any, Any] | None = None) -> SeriesFrame:
        """Sort and convert ``table`` for ``metrics`` (every metric id must be among them).

        ``cache`` is a memo that lives as long as the definitions (see :attr:`cache`).

        Raises:
            InputError: A metric id of the table is not among ``metrics``, a unit cannot
                be converted to its metric's, a metric followed up in words has a value,
                or one series has two outcomes for a period (each naming the row).
        """
        memo = {} if cache is None else cache
        index = memo.get("metric_index")
        if index is None:
            index = memo["metric_index"] = {mt.id: i for i, mt in enumerate(metrics)}
        of_code = np.fromiter(map(index.get, table.metrics, itertools.repeat(-1)),
                              dtype=np.int64, count=len(table.metrics))
        if (of_code < 0).any():
            unknown = [table.metrics[i] for i in np.flatnonzero(of_code < 0).tolist()]
            raise InputError("outcomes for metrics not in the programme", field="metric",
                             value=", ".join(sorted(unknown)))
        return cls(table, metrics, of_code, memo)

    # -- construction helpers -------------------------------------------------------------

    def _where(self, sorted_row: int) -> str | None:
        return self.table.location(int(self.row[sorted_row]))

    def _check_duplicates(self) -> None:
        if len(self.keys) < 2:
            return
        dup = np.flatnonzero(self.keys[1:] == self.keys[:-1])
        if len(dup):
            j = int(dup[0]) + 1
            metric = self.metrics[int(self.g_metric[self.row_group[j]])]
            raise InputError(
                f"metric {metric.id!r} has two observations for the same period"
                + self._entity_words(j),
                source=self._where(j),
                field="period",
                value=int(self.period[j]),
            )

    def _entity_words(self, j: int) -> str:
        ent = self.entities[int(self.g_entity[self.row_group[j]])] if len(self.entities) else None
        return "" if ent is None else f" (entity {ent})"

    def _converted(self, values: Floats, metric: Index, unit: npt.NDArray[np.int32]) -> Floats:
        """Values in their metric's unit: one factor per distinct unit pair, one multiply."""
        out = values.astype(np.float64, copy=True)
        has = ~np.isnan(values)
        if not has.any():
            return out
        found = self.cache.get("metric_units")
        if found is None:
            codes, names = _factorize([m.unit for m in self.metrics])
            found = self.cache["metric_units"] = (names, codes.astype(np.int64))
        m_unit_names, m_unit_code = found
        words = np.array([u is None for u in m_unit_names], dtype=bool)[m_unit_code[metric]]
        if np.any(has & words):
            j = int(np.flatnonzero(has & words)[0])
            mt = self.metrics[int(metric[j])]
            raise InputError(
                f"metric {mt.id!r} is followed up in words and takes no values",
                source=self._where(j),
                field="value",
                value=float(values[j]),
            )
        n_u = len(self.table.units)
        pair = m_unit_code[metric] * n_u + unit.astype(np.int64)
        used, first, inverse = np.unique(pair[has], return_index=True, return_inverse=True)
        rows = np.flatnonzero(has)
        factors = np.empty(len(used))
        for k, p in enumerate(used.tolist()):
            target = m_unit_names[p // n_u]
            u = self.table.units[p % n_u] or ""
            try:
                factors[k] = 1.0 if u == target else conversion_factor(u, str(target))
            except InputError as exc:
                j = int(rows[first[k]])
                mt = self.metrics[int(metric[j])]
                raise type(exc)(
                    f"metric {mt.id!r}, period {int(self.period[j])}: {exc.message}",
                    source=self._where(j),
                    field="unit",
                    value=u,
                ) from None
        if np.all(factors == 1.0):
            return out
        out[rows] = values[rows] * factors[inverse]
        return out

    # -- vectorised look-ups --------------------------------------------------------------

    def group(self, entity: npt.ArrayLike, metric: npt.ArrayLike, component: int = 0) -> Index:
        """The groups of (entity code, metric index) pairs' series (``-1``: no rows)."""
        if component >= self.groups.shape[2]:
            return np.full(np.shape(entity), -1, dtype=np.int64)
        found: Index = self.groups[np.asarray(entity, dtype=np.int64),
                                   np.asarray(metric, np.int64), component]
        return found

    def _key(self, group: Index, period: npt.ArrayLike) -> Index:
        return np.where(group >= 0, group * _SPAN + (np.asarray(period, np.int64) - MIN_PERIOD),
                        -1)

    def find(self, group: Index, period: npt.ArrayLike) -> Index:
        """The row of each (group, period), ``-1`` where the series has no point then."""
        key = self._key(group, period)
        pos = np.searchsorted(self.keys, key, side="left")
        posc = np.minimum(pos, max(len(self.keys) - 1, 0))
        hit = (pos < len(self.keys)) & (group >= 0)
        if len(self.keys):
            hit &= self.keys[posc] == key
        return np.where(hit, posc, -1)

    def previous(self, group: Index, period: npt.ArrayLike) -> Index:
        """The latest earlier row with a value or text, since the last series break.

        As :meth:`Series.previous <indikator.series.Series.previous>`: a point flagged as a
        series break at ``period`` itself has no previous row.
        """
        if not len(self.keys):
            return np.full(np.shape(group), -1, dtype=np.int64)
        key = self._key(group, period)
        pos = np.searchsorted(self.keys, key, side="left")
        j = np.maximum(pos - 1, 0)
        cand = self.last_valid[j]
        ok = (pos > 0) & (group >= 0) & (self.row_group[j] == group) & (cand >= self.seg_start[j])
        here = self.find(group, period)
        broken = (here >= 0) & ((self.flags[np.maximum(here, 0)] & _BREAK) != 0)
        return np.where(ok & ~broken, cand, -1)

    def segment(self, group: Index, period: npt.ArrayLike) -> tuple[Index, Index]:
        """The rows ``[start, stop)`` up to ``period`` since the last break at or before it."""
        if not len(self.keys):
            zero = np.zeros(np.shape(group), dtype=np.int64)
            return zero, zero
        key = self._key(group, period)
        stop = np.searchsorted(self.keys, key, side="right")
        j = np.maximum(stop - 1, 0)
        ok = (stop > 0) & (group >= 0) & (self.row_group[j] == group)
        return np.where(ok, self.seg_start[j], stop), stop

    def latest(self, group: Index, until: npt.ArrayLike | None = None) -> Index:
        """The latest row with a value or text (at or before ``until``), ``-1`` if none."""
        if not len(self.keys):
            return np.full(np.shape(group), -1, dtype=np.int64)
        if until is None:
            stop = np.where(group >= 0, self.g_stop[np.maximum(group, 0)], 0)
        else:
            stop = np.searchsorted(self.keys, self._key(group, until), side="right")
        j = np.maximum(stop - 1, 0)
        cand = np.where(stop > 0, self.last_valid[j], -1)
        start = np.where(group >= 0, self.g_start[np.maximum(group, 0)], 0)
        return np.where((group >= 0) & (cand >= start), cand, -1)

    def values(self, rows: Index) -> Floats:
        """The values at ``rows`` (NaN where the row is ``-1`` or has no value)."""
        if not len(self.value):
            return np.full(np.shape(rows), np.nan)
        return np.where(rows >= 0, self.value[np.maximum(rows, 0)], np.nan)

    def own_targets(self, rows: Index) -> Floats:
        """The entity's own target reported at ``rows`` (NaN where none)."""
        if self.own_target is None or not len(self.own_target):
            return np.full(np.shape(rows), np.nan)
        return np.where(rows >= 0, self.own_target[np.maximum(rows, 0)], np.nan)

    def periods(self, rows: Index) -> Index:
        """The periods of ``rows`` (``-1`` where the row is ``-1``)."""
        if not len(self.period):
            return np.full(np.shape(rows), -1, dtype=np.int64)
        return np.where(rows >= 0, self.period[np.maximum(rows, 0)], -1).astype(np.int64)

    def has_flag(self, rows: Index, flag: Flag) -> npt.NDArray[np.bool_]:
        """Whether each of ``rows`` carries ``flag`` (``False`` for ``-1``)."""
        if not len(self.flags):
            return np.zeros(np.shape(rows), dtype=bool)
        found: npt.NDArray[np.bool_] = (rows >= 0) & (
            (self.flags[np.maximum(rows, 0)] & FLAG_BITS[flag]) != 0)
        return found

    def texts(self, rows: Index) -> list[str | None]:
        """The texts at ``rows`` (``None`` where there is none)."""
        if self.text is None:
            return [None] * len(rows)
        text = self.text
        return [text[r] if r >= 0 else None for r in rows.tolist()]

    # -- back to objects ------------------------------------------------------------------

    def series(self, entity: int, metric: int) -> Series:
        """The :class:`~indikator.series.Series` of one (entity code, metric index)."""
        key = (entity, metric)
        found = self._series.get(key)
        if found is not None:
            return found
        mt = self.metrics[metric]
        main: tuple[Point, ...] = ()
        parts: dict[str, Series] = {}
        if 0 <= entity < self.groups.shape[0]:
            for c in range(self.groups.shape[2]):
                g = int(self.groups[entity, metric, c])
                if g < 0:
                    continue
                pts = self._points(g)
                if c == 0:
                    main = pts
                else:
                    parts[str(self.components[c])] = Series(mt, pts, {})
        found = self._series[key] = Series(mt, main, parts)
        return found

    def _points(self, g: int) -> tuple[Point, ...]:
        start, stop = int(self.g_start[g]), int(self.g_stop[g])
        text, own = self.text, self.own_target
        out = []
        for j in range(start, stop):
            v = float(self.value[j])
            t = math.nan if own is None else float(own[j])
            out.append(Point(
                int(self.period[j]),
                None if math.isnan(v) else v,
                None if text is None else text[j],
                flags_of(int(self.flags[j])),
                None if math.isnan(t) else t,
            ))
        return tuple(out)

    def records(self, entity: int, metric: int, until: int | None = None) -> tuple[int, ...]:
        """The table rows of one (entity, metric), every component, up to ``until``.

        Sorted by (component, period), as reports list them.
        """
        if not 0 <= entity < self.groups.shape[0]:
            return ()
        out: list[tuple[str, int, int]] = []
        for c in range(self.groups.shape[2]):
            g = int(self.groups[entity, metric, c])
            if g < 0:
                continue
            comp = self.components[c] or ""
            for j in range(int(self.g_start[g]), int(self.g_stop[g])):
                p = int(self.period[j])
                if until is None or p <= until:
                    out.append((comp, p, int(self.row[j])))
        out.sort()
        return tuple(r for _, _, r in out)
