"""The engine: rate metrics, apply judgments, roll verdicts up.

It walks a programme, rates metrics with their strategies, applies judgments and rolls
verdicts up: a pure, deterministic function of definitions and data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from indikator.errors import IndikatorError, InputError, PluginError
from indikator.model import Dataset, GoalArea, Indicator, Judgment, Metric, Programme
from indikator.rollup import RollUp
from indikator.series import build_series
from indikator.verdict import Assessment, Basis, Explanation, Level, Rating

__all__ = ["assess", "assess_metric"]

_JudgmentIndex = Mapping[tuple[str, int], Judgment]


def assess(programme: Programme, dataset: Dataset, period: int | None = None) -> Assessment:
    """Assess a programme on a dataset for one period.

    Args:
        programme: The definitions (usually from a programme plugin).
        dataset: The outcomes and judgments.
        period: The period to assess; the dataset's period by default.

    Returns:
        The assessment tree: the programme, its goal areas, indicators and metrics, each
        with its verdict, basis and explanation.

    Raises:
        InputError: The data cannot be used with the definitions (an unknown metric id, a
            unit incompatible with the metric's, two outcomes for one period), or the
            period lies outside the programme's years.
        PluginError: A strategy raised instead of returning a verdict.
    """
    when = dataset.period if period is None else period
    if not programme.covers(when):
        raise InputError(
            f"the period lies outside the years of programme {programme.id!r} "
            f"({programme.years})",
            source=dataset.source,
            field="period",
            value=when,
        )
    known = programme.metrics()
    unknown = sorted(set(dataset.observations) - set(known))
    if unknown:
        raise InputError(
            f"outcomes for metrics the programme {programme.id!r} does not have",
            source=dataset.source,
            field="metric",
            value=", ".join(unknown),
        )
    judgments: dict[tuple[str, int], Judgment] = {}
    for j in dataset.judgments:
        key = (j.target, j.period)
        if key in judgments:
            raise InputError(
                "two judgments for the same node and period",
                source=j.source or dataset.source,
                field="target",
                value=f"{j.target} {j.period}",
            )
        judgments[key] = j
    areas = tuple(_assess_area(area, dataset, when, judgments) for area in programme.goal_areas)
    return _node(
        programme.id, programme.name, Level.PROGRAMME, programme.rollup, areas, when, judgments
    )


def assess_metric(metric: Metric, dataset: Dataset, period: int | None = None) -> Assessment:
    """Assess one metric on its outcomes in a dataset (judgments applied)."""
    when = dataset.period if period is None else period
    index = {(j.target, j.period): j for j in dataset.judgments}
    return _assess_metric(metric, dataset, when, index)


def _assess_area(
    area: GoalArea, dataset: Dataset, period: int, judgments: _JudgmentIndex
) -> Assessment:
    children = tuple(_assess_indicator(ind, dataset, period, judgments) for ind in area.indicators)
    return _node(area.id, area.name, Level.GOAL_AREA, area.rollup, children, period, judgments)


def _assess_indicator(
    indicator: Indicator, dataset: Dataset, period: int, judgments: _JudgmentIndex
) -> Assessment:
    children = tuple(_assess_metric(m, dataset, period, judgments) for m in indicator.metrics)
    try:
        rating = indicator.combine(children)
    except IndikatorError:
        raise
    except Exception as exc:
        raise PluginError(
            type(indicator).__module__, f"indicator {indicator.id!r} failed to combine: {exc!r}"
        ) from exc
    return _judged(
        indicator.id,
        indicator.name,
        Level.INDICATOR,
        rating,
        children,
        indicator.rollup_id,
        period,
        judgments,
        basis=Basis.ROLLUP,
    )


def _node(
    node_id: str,
    name: object,
    level: Level,
    rollup: RollUp,
    children: tuple[Assessment, ...],
    period: int,
    judgments: _JudgmentIndex,
) -> Assessment:
    rating = rollup.combine([c.verdict for c in children])
    return _judged(
        node_id, name, level, rating, children, rollup.id, period, judgments, basis=Basis.ROLLUP
    )


def _assess_metric(
    metric: Metric, dataset: Dataset, period: int, judgments: _JudgmentIndex
) -> Assessment:
    observations = dataset.observations.get(metric.id, ())
    try:
        series = build_series(metric, observations)
    except InputError as exc:
        raise exc.located(source=dataset.source) from None
    try:
        rating = metric.strategy.assess(series, period)
    except IndikatorError:
        raise
    except Exception as exc:
        raise PluginError(
            type(metric.strategy).__module__,
            f"strategy {metric.strategy.id!r} raised on metric {metric.id!r}: {exc!r}",
        ) from exc
    shown = tuple(
        sorted(
            (o for o in observations if o.period <= period),
            key=lambda o: (o.component or "", o.period),
        )
    )
    return _judged(
        metric.id,
        metric.name,
        Level.METRIC,
        rating,
        (),
        metric.strategy.id,
        period,
        judgments,
        basis=Basis.RULE,
        observations=shown,
    )


def _judged(
    node_id: str,
    name: object,
    level: Level,
    rating: Rating,
    children: Sequence[Assessment],
    strategy: str,
    period: int,
    judgments: _JudgmentIndex,
    *,
    basis: Basis,
    observations: tuple[object, ...] = (),
) -> Assessment:
    judgment = judgments.get((node_id, period))
    if judgment is None:
        verdict, explanation, used = rating.verdict, rating.explanation, basis
    else:
        verdict, used = judgment.verdict, Basis.JUDGMENT
        explanation = Explanation(
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
    return Assessment(
        id=node_id,
        name=name,  # type: ignore[arg-type]
        level=level,
        verdict=verdict,
        basis=used,
        explanation=explanation,
        children=tuple(children),
        rule_verdict=rating.verdict,
        rule_explanation=rating.explanation,
        strategy=strategy,
        observations=observations,  # type: ignore[arg-type]
        judgment=judgment,
        period=period,
    )
