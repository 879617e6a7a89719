"""The engine: a pure function of definitions and data.

:func:`evaluate` assesses every entity and every requested period at once and returns the
result table (:class:`~indikator.results.Result`). :func:`assess` is the one-entity,
one-period view of it: today's assessment tree.
"""

from __future__ import annotations

from indikator.engine.plan import Plan
from indikator.engine.run import Periods, evaluate
from indikator.errors import InputError
from indikator.model import Dataset, GoalArea, Metric, Programme, SimpleIndicator
from indikator.verdict import Assessment

__all__ = ["Periods", "Plan", "assess", "assess_metric", "evaluate"]


def assess(programme: Programme, dataset: Dataset, period: int | None = None) -> Assessment:
    """Assess a programme on a dataset of one entity for one period.

    Args:
        programme: The definitions (usually from a programme plugin).
        dataset: The outcomes and judgments.
        period: The period to assess; the dataset's period by default.

    Returns:
        The assessment tree: the programme, its goal areas, indicators and metrics, each
        with its verdict, basis and explanation (built when first read).

    Raises:
        InputError: The data cannot be used with the definitions (an unknown metric id, a
            unit incompatible with the metric's, two outcomes for one period), the period
            lies outside the programme's years, or the dataset holds several entities
            (use :func:`evaluate` and :meth:`Result.tree`).
        PluginError: A strategy or indicator failed (:func:`evaluate` assesses the rest
            and lists the failures instead).
    """
    result = evaluate(programme, dataset, periods=period).check()
    if len(result.entities) != 1:
        raise InputError(
            "the dataset holds several entities: use indikator.evaluate() and "
            "Result.tree(entity)",
            source=dataset.source,
            field="entity",
            value=", ".join(str(e) for e in result.entities),
        )
    return result.tree(result.entities[0])


def assess_metric(metric: Metric, dataset: Dataset, period: int | None = None) -> Assessment:
    """Assess one metric on its outcomes in a dataset (judgments applied)."""
    # the metric alone under a programme, a goal area and an indicator of its own: ids
    # derived from the metric's with a suffix, so none can equal it
    ids = [f"{metric.id}.{part}" for part in ("programme", "area", "indicator")]
    data = Dataset(
        programme=ids[0],
        period=dataset.period,
        observations={k: v for k, v in dataset.observations.items() if k == metric.id},
        judgments=dataset.judgments,
        source=dataset.source,
    )
    wrapper = Programme(id=ids[0], name=metric.name, goal_areas=[GoalArea(
        id=ids[1], name=metric.name, indicators=[
            SimpleIndicator(id=ids[2], name=metric.name, metrics=[metric])])])
    tree = assess(wrapper, data, period)
    return tree.children[0].children[0].children[0]
