"""Compiling definitions into a plan: the programme's nodes as flat arrays.

The plan numbers every node of the programme in tree order (parents before children,
as :meth:`Assessment.walk <indikator.verdict.Assessment.walk>` lists them) and keeps,
per node, its level, parent, definition and roll-up rule, so the engine can work level by
level on columns instead of walking objects.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from indikator.model import GoalArea, Indicator, Label, Metric, Programme, SimpleIndicator
from indikator.rollup import RollUp
from indikator.verdict import Level

__all__ = ["Plan"]

Definition = Programme | GoalArea | Indicator | Metric


@attrs.frozen
class Plan:
    """A programme's nodes in tree order.

    Attributes:
        programme: The programme compiled.
        ids: Node ids.
        names: Node names.
        levels: Node levels.
        parent: Each node's parent (``-1`` for the programme).
        children: Each node's children, in order.
        definitions: The record each node comes from.
        rollups: Each non-metric node's roll-up rule, or ``None`` for an indicator
            that combines its metrics itself (a custom :meth:`Indicator.combine`).
        rule_ids: The strategy id (metrics) or roll-up id (other nodes).
        metrics: The metrics, in tree order.
        metric_node: Each metric's node.
        node_metric: Each node's metric index (``-1`` for other nodes).
        index: Node index by id.
        memo: What strategies derive from the definitions alone, kept across runs (the
            plan lives as long as its programme, and definitions are frozen).
    """

    programme: Programme
    ids: tuple[str, ...]
    names: tuple[Label, ...]
    levels: tuple[Level, ...]
    parent: npt.NDArray[np.int64]
    children: tuple[tuple[int, ...], ...]
    definitions: tuple[Definition, ...]
    rollups: tuple[RollUp | None, ...]
    rule_ids: tuple[str, ...]
    metrics: tuple[Metric, ...]
    metric_node: npt.NDArray[np.int64]
    node_metric: npt.NDArray[np.int64]
    index: dict[str, int]
    memo: dict[Any, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def of(cls, programme: Programme) -> Plan:
        """The plan of ``programme``, compiled once per programme object.

        It is kept while the programme lives (definitions are frozen, so a plan never goes
        stale).
        """
        key = id(programme)
        found = _PLANS.get(key)
        if found is not None and found[0]() is programme:
            return found[1]
        plan = cls.compile(programme)
        def forget(_ref: object, key: int = key, plans: dict[int, Any] = _PLANS) -> None:
            plans.pop(key, None)

        try:
            ref = weakref.ref(programme, forget)
        except TypeError:  # not weak-referenceable: compile each time
            return plan
        _PLANS[key] = (ref, plan)
        return plan

    @classmethod
    def compile(cls, programme: Programme) -> Plan:
        """Number the nodes of ``programme``."""
        ids: list[str] = []
        names: list[Label] = []
        levels: list[Level] = []
        parent: list[int] = []
        defs: list[Definition] = []
        rollups: list[RollUp | None] = []
        rule_ids: list[str] = []
        children: list[list[int]] = []

        def add(d: Definition, level: Level, up: int, rollup: RollUp | None, rule: str) -> int:
            i = len(ids)
            ids.append(d.id)
            names.append(d.name)
            levels.append(level)
            parent.append(up)
            defs.append(d)
            rollups.append(rollup)
            rule_ids.append(rule)
            children.append([])
            if up >= 0:
                children[up].append(i)
            return i

        root = add(programme, Level.PROGRAMME, -1, programme.rollup, programme.rollup.id)
        for area in programme.goal_areas:
            a = add(area, Level.GOAL_AREA, root, area.rollup, area.rollup.id)
            for ind in area.indicators:
                k = add(ind, Level.INDICATOR, a, _rollup_of(ind), ind.rollup_id)
                for m in ind.metrics:
                    add(m, Level.METRIC, k, None, m.strategy.id)
        node_metric = np.full(len(ids), -1, dtype=np.int64)
        metric_nodes = [i for i, lv in enumerate(levels) if lv is Level.METRIC]
        node_metric[metric_nodes] = np.arange(len(metric_nodes))
        return cls(
            programme=programme,
            ids=tuple(ids),
            names=tuple(names),
            levels=tuple(levels),
            parent=np.asarray(parent, dtype=np.int64),
            children=tuple(tuple(c) for c in children),
            definitions=tuple(defs),
            rollups=tuple(rollups),
            rule_ids=tuple(rule_ids),
            metrics=tuple(defs[i] for i in metric_nodes),  # type: ignore[misc]
            metric_node=np.asarray(metric_nodes, dtype=np.int64),
            node_metric=node_metric,
            index={node_id: i for i, node_id in enumerate(ids)},
        )

    def __len__(self) -> int:
        return len(self.ids)

    def at_level(self, level: Level) -> Sequence[int]:
        """The nodes of one level, in tree order."""
        found = self.memo.get(("level", level))
        if found is None:
            found = self.memo[("level", level)] = [
                i for i, lv in enumerate(self.levels) if lv is level]
        return found


_PLANS: dict[int, tuple[weakref.ref[Programme], Plan]] = {}


def _rollup_of(indicator: Indicator) -> RollUp | None:
    """The indicator's roll-up rule, if its verdict is nothing but that rule's."""
    if isinstance(indicator, SimpleIndicator) and (
        type(indicator).combine is SimpleIndicator.combine
    ):
        rollup: RollUp = indicator.rollup
        return rollup
    return None
