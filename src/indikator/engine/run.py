"""The vectorised pass: every entity, every period, one kernel call per strategy kind.

:func:`evaluate` rates all (entity, metric, period) rows of a dataset at once (grouped by
strategy kind, see :func:`~indikator.strategies.columns.rate_rows`), applies judgments
joined on (entity, node, period), and rolls verdicts up level by level as grouped counts.
Its result (:class:`~indikator.results.Result`) holds one row per (entity, node, period);
trees and explanations are built from it only when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt

from indikator._gc import paused
from indikator.codes import (
    BASES,
    NEGATIVE,
    NO_VALUE,
    UNCHANGED,
    basis_code,
    reason_code,
    verdict_code,
)
from indikator.data import EntityId, Observations, SeriesFrame
from indikator.engine.plan import Plan
from indikator.errors import InputError
from indikator.kernels import count_children
from indikator.model import Dataset, Judgment, Programme
from indikator.results import Result
from indikator.results.result import Slots
from indikator.strategies.columns import FIGURES, Rows, rate_rows
from indikator.verdict import Level, Rating, Verdict

__all__ = ["Periods", "evaluate"]

Periods = int | Iterable[int] | Literal["latest"] | None
"""Which periods to assess: one year, several, ``"latest"`` (each metric at its own latest
period with an outcome), or ``None`` (the dataset's period)."""

_RULE, _JUDGMENT, _ROLLUP = (basis_code(b) for b in BASES)
_COMBINE_FAILED = reason_code("combine_failed")


def evaluate(
    programme: Programme,
    data: Dataset | Observations,
    *,
    periods: Periods = None,
    entities: Iterable[EntityId] | None = None,
    judgments: Iterable[Judgment] = (),
) -> Result:
    """Assess ``programme`` on ``data`` for every entity and the requested periods.

    Args:
        programme: The definitions.
        data: A dataset (records and/or a table), or a table of observations alone.
        periods: One year, several years (a ``range`` for a programme period),
            ``"latest"``, or ``None`` for the dataset's period (required for a bare
            table).
        entities: The entities to assess (every entity in the data by default); an
            entity without observations is assessed too (every metric without a value).
        judgments: Further judgments, besides the dataset's.

    Returns:
        The result table: one row per (entity, node, period).

    Raises:
        InputError: The data cannot be used with the definitions (an unknown metric id, a
            unit incompatible with the metric's, two outcomes for one period, two
            judgments for one node and period), or a period lies outside the
            programme's years.
    """
    with paused():
        return _evaluate(programme, data, periods, entities, judgments)


def _evaluate(programme: Programme, data: Dataset | Observations, periods: Periods,
              entities: Iterable[EntityId] | None, judgments: Iterable[Judgment]) -> Result:
    plan = Plan.of(programme)
    source = data.source if isinstance(data, Dataset) else None
    table = _table(data)
    default = data.period if isinstance(data, Dataset) else None
    all_judgments = [*(data.judgments if isinstance(data, Dataset) else ()), *judgments]
    known = plan.memo.get("metric_ids")
    if known is None:
        known = plan.memo["metric_ids"] = frozenset(m.id for m in plan.metrics)
    unknown = sorted(set(table.metrics) - known)
    if unknown:
        raise InputError(
            f"outcomes for metrics the programme {programme.id!r} does not have",
            source=source,
            field="metric",
            value=", ".join(unknown),
        )
    wanted = None if entities is None else list(dict.fromkeys(entities))
    if wanted is not None:
        table = table.take(np.flatnonzero(np.isin(
            table.entity, [i for i, e in enumerate(table.entities) if e in set(wanted)])))
    try:
        frame = SeriesFrame.build(table, plan.metrics, plan.memo)
    except InputError as exc:
        raise exc.located(source=source) from None
    names: list[EntityId] = list(frame.entities) if wanted is None else wanted
    if wanted is None:
        present = set(np.unique(table.entity).tolist())
        names = [e for i, e in enumerate(frame.entities) if i in present] or [None]
    code = {e: i for i, e in enumerate(frame.entities)}
    extra = len(frame.entities)
    ent_codes = []
    for e in names:
        if e in code:
            ent_codes.append(code[e])
        else:
            ent_codes.append(extra)
            extra += 1
    latest = periods == "latest"
    years = _years(programme, periods, default, source)
    slots = Slots(
        entity=np.repeat(np.arange(len(names)), len(years)),
        period=np.tile(np.asarray(years, dtype=np.int64), len(names)),
        entities=tuple(names),
        latest=latest,
    )
    return _run(plan, frame, slots, np.asarray(ent_codes, dtype=np.int64), all_judgments,
                source)


def _table(data: Dataset | Observations) -> Observations:
    if isinstance(data, Observations):
        return data
    if not isinstance(data, Dataset):
        raise InputError("expected a Dataset or an Observations table", field="data",
                         value=type(data).__name__)
    parts = [Observations.from_records(data.observations)] if data.observations else []
    if data.table is not None:
        parts.append(data.table)
    return Observations.concat(parts)


def _years(programme: Programme, periods: Periods, default: int | None,
           source: str | None) -> list[int]:
    if periods is None or periods == "latest":
        if default is None:
            if periods == "latest":
                return [programme.last_year or programme.first_year or 2200]
            raise InputError("no period given, and a bare table has none of its own",
                             field="periods")
        years = [default]
    elif isinstance(periods, int) and not isinstance(periods, bool):
        years = [periods]
    elif isinstance(periods, (str, bool)):
        raise InputError("expected a year, years or 'latest'", field="periods", value=periods)
    else:
        years = sorted(set(periods))
        if not years:
            raise InputError("no periods to assess", field="periods")
    for y in years:
        if isinstance(y, bool) or not isinstance(y, (int, np.integer)):
            raise InputError("a year must be a whole number", field="period", value=y)
        if periods != "latest" and not programme.covers(int(y)):
            raise InputError(
                f"the period lies outside the years of programme {programme.id!r} "
                f"({programme.years})",
                source=source,
                field="period",
                value=int(y),
            )
    return [int(y) for y in years]


def _run(plan: Plan, frame: SeriesFrame, slots: Slots, ent_codes: npt.NDArray[np.int64],
         judgments: Sequence[Judgment], source: str | None) -> Result:
    n_slots, n_nodes, n_metrics = len(slots), len(plan), len(plan.metrics)
    verdict = np.full((n_slots, n_nodes), NO_VALUE, dtype=np.int8)
    reason = np.zeros((n_slots, n_nodes), dtype=np.int32)
    period = np.repeat(slots.period[:, None], n_nodes, axis=1)
    # metrics: one row per (slot, metric)
    e_rows = np.repeat(ent_codes[slots.entity], n_metrics)
    m_rows = np.tile(np.arange(n_metrics, dtype=np.int64), n_slots)
    p_rows = np.repeat(slots.period, n_metrics)
    if slots.latest:
        p_rows = _latest_periods(frame, e_rows, m_rows, p_rows)
    rows = Rows.of(frame, e_rows, m_rows, p_rows)
    strategies = plan.memo.get("strategies")
    if strategies is None:
        strategies = plan.memo["strategies"] = [m.strategy for m in plan.metrics]
    rated = rate_rows(strategies, m_rows, rows)
    mcols = plan.metric_node
    verdict[:, mcols] = rated.verdict.reshape(n_slots, n_metrics)
    reason[:, mcols] = rated.reason.reshape(n_slots, n_metrics)
    period[:, mcols] = p_rows.reshape(n_slots, n_metrics)
    # what it would take is said only where the rule's verdict is unchanged or negative
    rated.figures["to_positive"][(rated.verdict != UNCHANGED) & (rated.verdict != NEGATIVE)] = (
        np.nan)
    figures = {k: rated.figures[k].reshape(n_slots, n_metrics) for k in FIGURES}
    rule = verdict.copy()
    basis = np.full((n_slots, n_nodes), _ROLLUP, dtype=np.int8)
    basis[:, mcols] = _RULE
    found = _judgments(plan, slots, judgments, source)
    ratings: dict[tuple[int, int], Rating] = {
        (i // n_metrics, int(mcols[i % n_metrics])): r for i, r in rated.ratings.items()
    }
    failures: dict[tuple[int, int], tuple[str, str]] = {
        (i // n_metrics, int(mcols[i % n_metrics])): msg for i, msg in rated.failures.items()
    }
    result = Result(plan, frame, slots, ent_codes, verdict, rule, basis, reason, period,
                    figures, {}, ratings, failures)
    _apply(result, plan.metric_node.tolist(), found)
    for level in (Level.INDICATOR, Level.GOAL_AREA, Level.PROGRAMME):
        _roll_up(result, plan.at_level(level))
        _apply(result, plan.at_level(level), found)
    result.forget_trees()
    return result


def _latest_periods(frame: SeriesFrame, e: npt.NDArray[np.int64], m: npt.NDArray[np.int64],
                    fallback: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Each (entity, metric)'s latest period with an outcome in any of its series."""
    best = np.full(len(e), -1, dtype=np.int64)
    for c in range(max(frame.groups.shape[2], 1)):
        rows = Rows.of(frame, e, m, fallback, np.full(len(e), c, dtype=np.int64))
        best = np.maximum(best, frame.periods(frame.latest(rows.group)))
    return np.where(best >= 0, best, fallback)


def _judgments(plan: Plan, slots: Slots, judgments: Sequence[Judgment],
               source: str | None) -> dict[tuple[int, int, int], Judgment]:
    """Judgments by (entity index, node, year).

    One without an entity holds for every entity (an entity's own judgment wins).
    """
    by_key: dict[tuple[EntityId, str, int], Judgment] = {}
    for j in judgments:
        key = (j.entity, j.target, j.period)
        if key in by_key:
            raise InputError(
                "two judgments for the same node and period",
                source=j.source or source,
                field="target",
                value=f"{j.target} {j.period}" + ("" if j.entity is None else f" {j.entity}"),
            )
        by_key[key] = j
    index = {e: i for i, e in enumerate(slots.entities)}
    out: dict[tuple[int, int, int], Judgment] = {}
    for (entity, target, year), j in by_key.items():
        node = plan.index.get(target)
        if node is None:
            continue
        if entity is None:
            for i in range(len(slots.entities)):
                out.setdefault((i, node, year), j)
        elif entity in index:
            out[(index[entity], node, year)] = j
    return out


def _apply(result: Result, nodes: Sequence[int],
           judgments: dict[tuple[int, int, int], Judgment]) -> None:
    """Judged verdicts replace the rule's for the given nodes (the rule's is kept)."""
    if not judgments:
        return
    wanted = set(nodes)
    for (entity, node, year), j in judgments.items():
        if node not in wanted:
            continue
        for s in np.flatnonzero(result.slots.entity == entity).tolist():
            if int(result.period[s, node]) == year:
                result.verdict[s, node] = verdict_code(j.verdict)
                result.basis[s, node] = _JUDGMENT
                result.judged[(s, node)] = j


def _roll_up(result: Result, nodes: Sequence[int]) -> None:
    """Roll the children's (judged) verdicts up into ``nodes``, for every slot at once."""
    plan = result.plan
    groups, custom = _rollup_groups(plan, nodes)
    for group, kids, owner in groups:
        rollup = plan.rollups[group[0]]
        counts = count_children(result.verdict[:, kids], owner, len(group))
        verdict, reason = rollup.combine_counts(counts)  # type: ignore[union-attr]
        result.verdict[:, group] = verdict
        result.rule[:, group] = verdict
        result.reason[:, group] = reason
        if result.slots.latest:
            for node in group:
                if plan.children[node]:
                    result.period[:, node] = result.period[:, list(plan.children[node])].max(1)
    if custom:
        result.forget_trees()  # the children are final now; trees built earlier are not
    for node in custom:
        _combine_each(result, node)


Ints = npt.NDArray[np.int64]


def _rollup_groups(plan: Plan, nodes: Sequence[int]
                   ) -> tuple[list[tuple[list[int], Ints, Ints]], list[int]]:
    """``nodes`` grouped by equal columnar rule, and those without a columnar rule.

    Each group comes with its children and, per child, its owner's place in the group;
    derived once per plan and level.
    """
    key = ("rollup-groups", tuple(nodes))
    found = plan.memo.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    by_rule: dict[object, list[int]] = {}
    custom: list[int] = []
    for node in nodes:
        rollup = plan.rollups[node]
        if rollup is not None and hasattr(rollup, "combine_counts"):
            try:  # equal rules (frozen records) run as one
                rule: object = (type(rollup), rollup)
                hash(rule)
            except TypeError:
                rule = id(rollup)
            by_rule.setdefault(rule, []).append(node)
        else:
            custom.append(node)
    groups = [(group,
               np.array([c for node in group for c in plan.children[node]], dtype=np.int64),
               np.array([k for k, node in enumerate(group) for _ in plan.children[node]],
                        dtype=np.int64))
              for group in by_rule.values()]
    plan.memo[key] = groups, custom
    return groups, custom


def _combine_each(result: Result, node: int) -> None:
    """A node whose rule has no columnar face: combine its children slot by slot."""
    plan = result.plan
    definition = plan.definitions[node]
    rollup = plan.rollups[node]
    for s in range(len(result.slots)):
        children = tuple(result.node(s, c) for c in plan.children[node])
        if result.slots.latest and children:
            result.period[s, node] = max(int(result.period[s, c]) for c in plan.children[node])
        try:
            if rollup is not None:
                rating = rollup.combine([c.verdict for c in children])
            else:
                rating = definition.combine(children)  # type: ignore[union-attr]
            if not isinstance(rating, Rating) or not isinstance(rating.verdict, Verdict):
                raise TypeError(f"returned {rating!r}, not a Rating with a Verdict")
        except Exception as exc:  # a plugin's bug: name it, roll up the rest
            result.failures[(s, node)] = (
                type(definition).__module__,
                f"indicator {plan.ids[node]!r} failed to combine its metrics: "
                f"{type(exc).__name__}: {exc}",
            )
            result.reason[s, node] = _COMBINE_FAILED
            result.verdict[s, node] = result.rule[s, node] = NO_VALUE
            continue
        result.ratings[(s, node)] = rating
        result.verdict[s, node] = result.rule[s, node] = verdict_code(rating.verdict)
        result.reason[s, node] = reason_code(rating.explanation.reason)
