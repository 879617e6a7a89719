"""Strategies built from other strategies: component series, and a fallback."""

from __future__ import annotations

from typing import ClassVar

import attrs

from indikator.model import Strategy
from indikator.rollup import RollUp, WorstOf
from indikator.series import Series
from indikator.strategies.vs_base import VsBase
from indikator.verdict import Explanation, Figure, Rating, Verdict

__all__ = ["Components", "Fallback"]


@attrs.frozen(kw_only=True)
class Components:
    """Rate each component series with ``each``, then combine them with ``rollup``.

    For a metric with several sub-values in one cell (the chemicals row: CMR,
    Kandidatförteckningen, Priodatabas). Components without a value in the period, or
    without an earlier value, get no value and are left out by the default roll-up (the
    worst of the rated components), so a list that is new this year does not hide a list
    that got worse.
    """

    id: ClassVar[str] = "components"
    each: Strategy = attrs.field(factory=VsBase)
    rollup: RollUp = attrs.field(factory=WorstOf)

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``."""
        metric = series.metric
        ids = [c.id for c in metric.components] or sorted(series.components)
        ratings: dict[str, Rating] = {}
        for cid in ids:
            sub = series.components.get(cid) or Series(metric, (), {})
            ratings[cid] = self.each.assess(sub, period)
        combined = self.rollup.combine([r.verdict for r in ratings.values()])
        names = {c.id: c.name for c in metric.components}
        parts_sv = "; ".join(
            f"{names[c].sv if c in names else c}: {r.verdict.label('sv').lower()}"
            for c, r in ratings.items()
        )
        parts_en = "; ".join(
            f"{names[c].en if c in names else c}: {r.verdict.label('en').lower()}"
            for c, r in ratings.items()
        )
        computed: dict[str, Figure] = {
            f"component.{c}": r.verdict.value for c, r in ratings.items()
        }
        for c, r in ratings.items():
            computed[f"component.{c}.reason"] = r.explanation.reason
        computed.update({k: v for k, v in combined.explanation.computed.items()})
        return Rating(
            combined.verdict,
            Explanation(
                "components_" + combined.explanation.reason,
                {
                    "strategy": self.id,
                    "each": self.each.id,
                    "rollup": self.rollup.id,
                    "period": period,
                },
                computed,
                f"Delserierna ({parts_sv}) vägs samman med regeln {self.rollup.id}: "
                + combined.explanation.template_sv,
                f"The components ({parts_en}) are combined with the rule {self.rollup.id}: "
                + combined.explanation.template_en,
            ),
        )


@attrs.frozen(kw_only=True)
class Fallback:
    """Use ``first``, and ``then`` where ``first`` lacks a reference.

    Where ``first`` gives no value for want of a reference (not for want of an
    outcome), ``then`` decides.

    This is the seed report's own method: "metrics are judged against a base value; where
    there is none, against how well the development follows the programme's goal".
    """

    id: ClassVar[str] = "fallback"
    first: Strategy
    then: Strategy

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``."""
        rating = self.first.assess(series, period)
        if (
            rating.verdict is not Verdict.NO_VALUE
            or rating.explanation.reason == "no_current_value"
        ):
            return rating
        second = self.then.assess(series, period)
        expl = second.explanation
        return Rating(
            second.verdict,
            attrs.evolve(
                expl,
                inputs={
                    **expl.inputs,
                    "fallback_from": self.first.id,
                    "fallback_reason": rating.explanation.reason,
                },
            ),
        )
