"""The result table: one row per (entity, node, period), trees and explanations on demand.

A :class:`Result` keeps verdicts, bases, rule verdicts and reasons as small integer codes
in ``(slot, node)`` arrays, where a *slot* is one (entity, period) assessed, and the key
figures of every metric row as floats. :meth:`Result.tree` builds today's
:class:`~indikator.verdict.Assessment` tree for one slot, with explanations and shown
observations left :class:`~indikator.verdict.Lazy`: each is built by the strategy's or
roll-up's per-object face the first time it is read, and only then.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs
import numpy as np
import numpy.typing as npt

from indikator._gc import paused
from indikator.codes import BASES, VERDICTS, reason_name
from indikator.data import EntityId, SeriesFrame
from indikator.errors import PluginError
from indikator.model import Judgment
from indikator.verdict import Assessment, Deferred, Explanation, Lang, Level, Rating, Verdict

if TYPE_CHECKING:
    from indikator.engine.plan import Plan

__all__ = ["COLUMNS", "Result", "Slots", "judgment_explanation"]

COLUMNS: tuple[str, ...] = (
    "entity", "node", "level", "period", "verdict", "basis", "rule_verdict", "strategy",
    "reason", "current", "reference", "expected", "target", "name", "to_positive",
)
"""The columns of :meth:`Result.columns` (and of ``indikator assess --format csv``).

``to_positive`` (added last, so older readers of the CSV keep their columns): for a
metric rated unchanged or negative, the value the next period must reach to be rated
positive under the metric's own rule; empty otherwise.
"""
_AFTER_NAME = ("to_positive",)

_LEVEL_NAMES = np.array([lv.value for lv in Level])
_VERDICT_NAMES = np.array([v.value for v in VERDICTS])
_VERDICT_OBJECTS = np.array(VERDICTS, dtype=object)
_BASIS_OBJECTS = np.array(BASES, dtype=object)
_BASIS_NAMES = np.array([b.value for b in BASES])


@attrs.frozen
class Slots:
    """The (entity, period) pairs assessed, one per row of the result's arrays.

    Attributes:
        entity: Each slot's entity, as an index into :attr:`entities`.
        period: Each slot's period (in ``latest`` mode: the default period; every node
            has its own in :attr:`Result.period`).
        entities: The entities assessed, in order.
        latest: Whether each metric was assessed at its own latest period.
    """

    entity: npt.NDArray[np.int64]
    period: npt.NDArray[np.int64]
    entities: tuple[EntityId, ...]
    latest: bool = False

    def __len__(self) -> int:
        return len(self.entity)


class Result:
    """Every (entity, node, period) assessed: verdicts as columns, trees on demand.

    Attributes:
        plan: The compiled programme (node ids, levels, parents).
        frame: The observations, as sorted and converted series.
        slots: The (entity, period) pairs assessed.
        verdict: ``(slot, node)`` verdict codes (after judgments).
        rule: ``(slot, node)`` verdict codes of the rule or roll-up alone.
        basis: ``(slot, node)`` basis codes.
        reason: ``(slot, node)`` reason codes.
        period: ``(slot, node)`` the period each node was assessed for.
        figures: ``(slot, metric)`` key figures by name.
        judged: The judgment applied at a ``(slot, node)``.
        ratings: Ratings already built (strategies without a kernel, custom roll-ups).
        failures: ``(slot, node)`` → (plugin module, what went wrong), for nodes whose
            strategy or indicator failed (they have no value; the rest is assessed).
    """

    def __init__(
        self,
        plan: Plan,
        frame: SeriesFrame,
        slots: Slots,
        entity_codes: npt.NDArray[np.int64],
        verdict: npt.NDArray[np.int8],
        rule: npt.NDArray[np.int8],
        basis: npt.NDArray[np.int8],
        reason: npt.NDArray[np.int32],
        period: npt.NDArray[np.int64],
        figures: Mapping[str, npt.NDArray[np.float64]],
        judged: dict[tuple[int, int], Judgment],
        ratings: dict[tuple[int, int], Rating],
        failures: dict[tuple[int, int], tuple[str, str]],
    ) -> None:
        self.plan, self.frame, self.slots = plan, frame, slots
        self._entity_codes = entity_codes
        self.verdict, self.rule, self.basis = verdict, rule, basis
        self.reason, self.period, self.figures = reason, period, figures
        self.judged, self.ratings, self.failures = judged, ratings, failures
        self._nodes: dict[int, list[Assessment]] = {}
        self._shown_cache: dict[tuple[int, int], tuple[Any, ...]] = {}
        self._judged_cache: dict[tuple[int, int], Explanation] = {}

    def __len__(self) -> int:
        return len(self.slots) * len(self.plan)

    def __repr__(self) -> str:
        return (f"<Result {self.plan.programme.id}: {len(self.entities)} entities × "
                f"{len(self.periods)} periods × {len(self.plan)} nodes>")

    # -- what was assessed ----------------------------------------------------------------

    @property
    def entities(self) -> tuple[EntityId, ...]:
        """The entities assessed."""
        return self.slots.entities

    @property
    def periods(self) -> tuple[int, ...]:
        """The periods assessed (every node's, in ``latest`` mode), ascending."""
        return tuple(int(p) for p in np.unique(self.period))

    def slot(self, entity: EntityId = None, period: int | None = None) -> int:
        """The slot of one (entity, period); either may be left out when there is one.

        Raises:
            KeyError: No such entity or period was assessed.
        """
        ents = self.slots.entities
        if entity is None and None not in ents:
            if len(ents) != 1:
                raise KeyError("several entities were assessed: name one")
            entity = ents[0]
        if entity not in ents:
            raise KeyError(f"entity {entity!r} was not assessed")
        mine = np.flatnonzero(self.slots.entity == ents.index(entity))
        if period is None:
            if len(mine) != 1:
                raise KeyError("several periods were assessed: name one")
            return int(mine[0])
        for s in mine.tolist():
            if int(self.slots.period[s]) == period:
                return int(s)
        raise KeyError(f"period {period} was not assessed")

    def verdict_of(self, node: str, entity: EntityId = None, period: int | None = None
                   ) -> Verdict:
        """The verdict of one node for one (entity, period)."""
        return VERDICTS[int(self.verdict[self.slot(entity, period), self.plan.index[node]])]

    def history(self, node: str, entity: EntityId = None) -> dict[int, Verdict]:
        """A node's verdict for every period assessed, for one entity.

        Raises:
            KeyError: No such node or entity.
        """
        n = self.plan.index[node]
        ents = self.slots.entities
        if entity is None and None not in ents and len(ents) == 1:
            entity = ents[0]
        if entity not in ents:
            raise KeyError(f"entity {entity!r} was not assessed")
        mine = np.flatnonzero(self.slots.entity == ents.index(entity)).tolist()
        return {int(self.period[s, n]): VERDICTS[int(self.verdict[s, n])] for s in mine}

    def problems(self) -> list[PluginError]:
        """Every failure as a :class:`~indikator.errors.PluginError`, once per message."""
        seen: dict[tuple[str, str], None] = dict.fromkeys(self.failures.values())
        return [PluginError(plugin, message) for plugin, message in seen]

    def check(self) -> Result:
        """This result, if no strategy or indicator failed.

        Raises:
            PluginError: The first failure (every one is in :meth:`problems`).
        """
        found = self.problems()
        if found:
            raise found[0]
        return self

    # -- trees ----------------------------------------------------------------------------

    def tree(self, entity: EntityId = None, period: int | None = None) -> Assessment:
        """The assessment tree of one (entity, period), explanations built when read."""
        return self.node(self.slot(entity, period), 0)

    def node(self, s: int, n: int) -> Assessment:
        """The :class:`~indikator.verdict.Assessment` of node ``n`` in slot ``s``.

        The first call for a slot builds all of its nodes at once.
        """
        nodes = self._nodes.get(s)
        if nodes is None:
            with paused():  # thousands of small objects, no cycles among them
                nodes = self._nodes[s] = self._build(s)
        return nodes[n]

    def forget_trees(self) -> None:
        """Drop the trees built so far (the engine calls this while it fills the table)."""
        self._nodes.clear()

    def _build(self, s: int) -> list[Assessment]:
        plan = self.plan
        make = Assessment._unchecked
        verdict = _VERDICT_OBJECTS[self.verdict[s]].tolist()
        rule = _VERDICT_OBJECTS[self.rule[s]].tolist()
        basis = _BASIS_OBJECTS[self.basis[s]].tolist()
        period = self.period[s].tolist()
        entity = self.slots.entities[int(self.slots.entity[s])]
        judged = ({n: j for (slot, n), j in self.judged.items() if slot == s}
                  if self.judged else {})
        nodes: list[Assessment] = [None] * len(plan)  # type: ignore[list-item]
        ids, names, levels, children, rule_ids = (
            plan.ids, plan.names, plan.levels, plan.children, plan.rule_ids)
        new = tuple.__new__
        metric, empty = Level.METRIC, ()
        leaves = plan.metric_node.tolist()
        # the leaves (no children, observations shown), all in one pass of C loops: each
        # field a list in leaf order, each node made by one call
        here = [self] * len(leaves), [s] * len(leaves), leaves
        own = list(map(new, repeat(Deferred), zip(*here, repeat(_RULE))))
        shown = map(new, repeat(Deferred), zip(*here, repeat(_SHOWN)))
        explained = own if not judged else [
            o if n not in judged else new(Deferred, (self, s, n, _JUDGED))
            for n, o in zip(leaves, own, strict=True)]
        at = _picker(leaves)
        leaf_nodes = Assessment._unchecked_many(
            len(leaves), at(ids), at(names), repeat(metric), at(verdict), at(basis),
            explained, repeat(empty), at(rule), own, at(rule_ids), shown,
            [judged.get(n) for n in leaves] if judged else repeat(None), at(period),
            repeat(entity))
        for n, node in zip(leaves, leaf_nodes, strict=True):
            nodes[n] = node
        for n in range(len(plan) - 1, -1, -1):  # parents after their children
            level = levels[n]
            if level is metric:
                continue
            judgment = judged.get(n) if judged else None
            own_n = new(Deferred, (self, s, n, _RULE))
            nodes[n] = make(
                ids[n], names[n], level, verdict[n], basis[n],
                own_n if judgment is None else new(Deferred, (self, s, n, _JUDGED)),
                tuple([nodes[c] for c in children[n]]), rule[n], own_n, rule_ids[n], empty,
                judgment, period[n], entity,
            )
        return nodes

    def resolve(self, key: tuple[int, int, int]) -> Any:
        """What a node's :class:`~indikator.verdict.Deferred` field stands for."""
        s, n, kind = key
        if kind == _SHOWN:
            found = self._shown_cache.get((s, n))
            if found is None:
                found = self._shown_cache[(s, n)] = self._shown(s, n)
            return found
        rating = self.rating(s, n)
        if kind == _JUDGED:
            judged = self._judged_cache.get((s, n))
            if judged is None:
                judged = self._judged_cache[(s, n)] = judgment_explanation(
                    self.judged[(s, n)], rating)
            return judged
        return rating.explanation

    def rating(self, s: int, n: int) -> Rating:
        """The rule's (or roll-up's) own rating of node ``n`` in slot ``s``.

        Built by the per-object face, so its explanation is the one ``assess`` gives.
        """
        found = self.ratings.get((s, n))
        if found is not None:
            return found
        failure = self.failures.get((s, n))
        plan = self.plan
        if failure is not None:
            found = Rating(Verdict.NO_VALUE, Explanation(
                "strategy_failed" if plan.levels[n] is Level.METRIC else "combine_failed",
                {"rule": plan.rule_ids[n], "plugin": failure[0], "message": failure[1]}, {},
                "Regeln kunde inte tillämpas: {message}",
                "The rule could not be applied: {message}",
            ))
        elif plan.levels[n] is Level.METRIC:
            m = int(plan.node_metric[n])
            series = self.frame.series(int(self._entity_codes[self.slots.entity[s]]), m)
            found = plan.metrics[m].strategy.assess(series, int(self.period[s, n]))
        else:
            rollup = plan.rollups[n]
            assert rollup is not None  # custom combines keep their ratings
            found = rollup.combine([VERDICTS[int(self.verdict[s, c])]
                                    for c in plan.children[n]])
        self.ratings[(s, n)] = found
        return found

    def _shown(self, s: int, n: int) -> tuple[Any, ...]:
        m = int(self.plan.node_metric[n])
        e = int(self._entity_codes[self.slots.entity[s]])
        table = self.frame.table
        return tuple(table.record(r) for r in self.frame.records(e, m, int(self.period[s, n])))

    # -- as a table -----------------------------------------------------------------------

    def columns(self, lang: Lang = "en") -> dict[str, npt.NDArray[Any]]:
        """The result as columns (:data:`COLUMNS`), one row per (entity, node, period).

        Rows run entity by entity, period by period, nodes in tree order. Figures are NaN
        where a node has none (every node but metrics). ``name`` is in ``lang``.
        """
        plan = self.plan
        n_s, n_n = len(self.slots), len(plan)
        ents = np.array(["" if e is None else e for e in self.slots.entities], dtype=object)
        node_level = np.array([list(Level).index(lv) for lv in plan.levels])

        def flat(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
            return a.reshape(-1)

        out: dict[str, npt.NDArray[Any]] = {
            "entity": np.repeat(ents[self.slots.entity], n_n),
            "node": np.tile(np.array(plan.ids, dtype=object), n_s),
            "level": np.tile(_LEVEL_NAMES[node_level], n_s),
            "period": flat(self.period),
            "verdict": _VERDICT_NAMES[flat(self.verdict)],
            "basis": _BASIS_NAMES[flat(self.basis)],
            "rule_verdict": _VERDICT_NAMES[flat(self.rule)],
            "strategy": np.tile(np.array(plan.rule_ids, dtype=object), n_s),
            "reason": _reason_names(flat(self.reason)),
        }
        for k in self.figures:
            out[k] = flat(self._figure_grid(k))
        out["name"] = np.tile(np.array([nm.get(lang) for nm in plan.names], dtype=object), n_s)
        for k in _AFTER_NAME:
            if k in out:
                out[k] = out.pop(k)
        return out

    def rows(self, lang: Lang = "en") -> Iterator[dict[str, Any]]:
        """The result row by row, as mappings of :data:`COLUMNS` (figures ``None`` if NaN)."""
        cols = self.columns(lang)
        names = list(cols)
        lists = [cols[k].tolist() for k in names]
        for values in zip(*lists, strict=True):
            yield {k: (None if isinstance(v, float) and v != v else v)
                   for k, v in zip(names, values, strict=True)}

    def to_csv(self, target: str | Path | TextIO | None = None, *, lang: Lang = "en") -> str:
        """The result as CSV (a header of :data:`COLUMNS`, figures empty where NaN).

        Written to ``target`` (a path or an open text file) when given; returned as text
        otherwise (an empty string when written). Text is quoted as the ``csv`` module
        quotes it; numbers are written as Python's ``repr`` writes them (round-trip
        exact).
        """
        with paused():
            if target is None:
                return "".join(self._csv_lines(lang))
            if isinstance(target, (str, Path)):
                with Path(target).open("w", encoding="utf-8", newline="") as f:
                    f.writelines(self._csv_lines(lang))
            else:
                target.writelines(self._csv_lines(lang))
        return ""

    def _csv_lines(self, lang: Lang) -> Iterator[str]:
        """The CSV text in a few large pieces.

        What repeats is written once: each entity's and node's quoted fields once, the
        middle of a row (verdict, basis, rule verdict, strategy, reason) once per distinct
        combination, and each distinct figure (by its bits, so ``-0.0`` stays itself)
        once; the per-row work is one join of ready-made strings.
        """
        plan = self.plan
        n_s = len(self.slots)

        quoted = _csv_quoted
        yield ",".join(COLUMNS) + "\n"
        ents = ["," if e is None else quoted(e) + "," for e in self.slots.entities]
        head = [f"{quoted(i)},{lv.value}" for i, lv in zip(plan.ids, plan.levels, strict=True)]
        names = [quoted(nm.get(lang)) for nm in plan.names]
        middle = self._csv_middles()
        figures = [_figure_texts(self._figure_grid(k))
                   for k in ("current", "reference", "expected", "target", *_AFTER_NAME)]
        prefixes: dict[int, list[str]] = {}
        for s in range(n_s):
            e = int(self.slots.entity[s])
            prefix = prefixes.get(e)
            if prefix is None:
                prefix = prefixes[e] = [ents[e] + h for h in head]
            rows = zip(prefix, middle[s].tolist(),
                       *(f[s].tolist() for f in figures[:4]), names,
                       *(f[s].tolist() for f in figures[4:]), strict=True)
            yield "\n".join(map(",".join, rows)) + "\n"

    def _csv_middles(self) -> npt.NDArray[Any]:
        """``(slot, node)`` → ``"period,verdict,basis,rule_verdict,strategy,reason"``."""
        plan = self.plan
        n_n = len(plan)
        n_r = int(self.reason.max(initial=0)) + 1
        years, year = np.unique(self.period, return_inverse=True)
        code = ((self.verdict.astype(np.int64) * len(BASES) + self.basis) * len(VERDICTS)
                + self.rule) * n_r + self.reason
        key = (code * n_n + np.arange(n_n)) * len(years) + year.reshape(self.period.shape)
        uniq, inverse = np.unique(key, return_inverse=True)
        rules = [_csv_quoted(r) for r in plan.rule_ids]
        texts = []
        for k in uniq.tolist():
            k, y = divmod(k, len(years))
            c, node = divmod(k, n_n)
            c, reason = divmod(c, n_r)
            c, rule = divmod(c, len(VERDICTS))
            verdict, basis = divmod(c, len(BASES))
            texts.append(f"{years[y]},{VERDICTS[verdict].value},{BASES[basis].value},"
                         f"{VERDICTS[rule].value},{rules[node]},{reason_name(reason)}")
        out: npt.NDArray[Any] = np.array(texts, dtype=object)[inverse.reshape(self.verdict.shape)]
        return out

    def _figure_grid(self, name: str) -> npt.NDArray[np.float64]:
        """A key figure for every ``(slot, node)``: NaN where the node has none."""
        full = np.full((len(self.slots), len(self.plan)), np.nan)
        full[:, self.plan.metric_node] = self.figures[name]
        return full

    def to_pandas(self, lang: Lang = "en") -> Any:
        """The result as a pandas DataFrame (pandas imported only now)."""
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        return pd.DataFrame(self.columns(lang))

    def to_polars(self, lang: Lang = "en") -> Any:
        """The result as a polars DataFrame (polars imported only now)."""
        import polars as pl

        return pl.DataFrame({k: v.tolist() if v.dtype == object else v
                             for k, v in self.columns(lang).items()})

    def to_arrow(self, lang: Lang = "en") -> Any:
        """The result as a pyarrow Table (pyarrow imported only now)."""
        import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

        return pa.table({k: v.tolist() if v.dtype == object else v
                         for k, v in self.columns(lang).items()})


def _picker(positions: list[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """A function giving the items of a sequence at ``positions``, in one C call."""
    if len(positions) > 1:
        return operator.itemgetter(*positions)
    return lambda seq: tuple(seq[p] for p in positions)


def _csv_quoted(value: str) -> str:
    """``value`` as one CSV field, quoted as the ``csv`` module quotes it."""
    buf = io.StringIO()  # with "\r\n" as the terminator, a line break in a field is quoted
    csv.writer(buf, lineterminator="\r\n").writerow([value])
    return buf.getvalue()[:-2]


def _figure_texts(grid: npt.NDArray[np.float64]) -> npt.NDArray[Any]:
    """Each figure as ``repr`` writes it, ``""`` for NaN; each distinct value written once.

    Values are told apart by their bits, so ``0.0`` and ``-0.0`` keep their own text.
    """
    flat = grid.reshape(-1)
    out = np.full(len(flat), "", dtype=object)
    has = ~np.isnan(flat)
    if has.any():
        values = flat[has]
        _, first, inverse = np.unique(values.view(np.int64), return_index=True,
                                         return_inverse=True)
        texts = np.array(list(map(repr, values[first].tolist())), dtype=object)
        out[has] = texts[inverse.reshape(-1)]
    return out.reshape(grid.shape)


def _reason_names(codes: npt.NDArray[np.int32]) -> npt.NDArray[Any]:
    uniq, inverse = np.unique(codes, return_inverse=True)
    return np.array([reason_name(int(c)) for c in uniq.tolist()], dtype=object)[inverse]


def judgment_explanation(judgment: Judgment, rating: Rating) -> Explanation:
    """The explanation of a judged node: the judgment's reason, the rule's verdict beside."""
    return Explanation(
        "judgment",
        {
            "verdict": judgment.verdict.value,
            "rule_verdict": rating.verdict.value,
            "rule_label_sv": rating.verdict.label("sv").lower(),
            "rule_label_en": rating.verdict.label("en").lower(),
            "reason": judgment.reason.strip().rstrip("."),
            "author": judgment.author,
            "date": None if judgment.date is None else judgment.date.isoformat(),
            "source": judgment.source,
        },
        {},
        "Bedömning: {reason} (regeln ensam ger {rule_label_sv}).",
        "Judgment: {reason} (the rule alone gives {rule_label_en}).",
    )


_RULE, _JUDGED, _SHOWN = 0, 1, 2
