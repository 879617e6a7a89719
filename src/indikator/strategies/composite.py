"""Strategies built from other strategies: component series, and a fallback."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import attrs
import numpy as np

from indikator.labels import rule_label
from indikator.model import Label, Strategy
from indikator.numbers import format_number
from indikator.rollup import RollUp, WorstOf
from indikator.series import Series
from indikator.strategies._text import (
    _WORDS,
    Edge,
    _shown,
    with_to_positive,
    without_to_positive,
)
from indikator.strategies.vs_base import VsBase
from indikator.verdict import Explanation, Figure, Rating, Verdict

if TYPE_CHECKING:
    from indikator.strategies.columns import Index, Rated, Rows

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

    @classmethod
    def rate_columns(cls, strategies: Sequence[Components], which: Index, rows: Rows) -> Rated:
        """Rate many rows at once: each component's rows by ``each``, then ``rollup``."""
        from indikator.codes import reason_code, reason_name
        from indikator.kernels import count_children
        from indikator.strategies.columns import Rated, rate_rows

        frame = rows.frame
        code_of = {c: i for i, c in enumerate(frame.components) if c is not None}
        declared = [tuple(c.id for c in frame.metrics[m].components) for m in
                    range(len(frame.metrics))]
        # every (row, component) pair the per-object face would rate
        row_of: list[int] = []
        comp: list[int] = []
        for i, (e, m) in enumerate(zip(rows.entity.tolist(), rows.metric.tolist(), strict=True)):
            ids = declared[m] or sorted(frame.series(e, m).components)
            for cid in ids:
                row_of.append(i)
                comp.append(code_of.get(cid, -1))
        at = np.asarray(row_of, dtype=np.int64)
        sub = rows.take(at)
        from indikator.strategies.columns import Rows as _Rows

        sub = _Rows.of(frame, sub.entity, sub.metric, sub.period, np.asarray(comp, np.int64))
        eaches = [s.each for s in strategies]
        parts = rate_rows(eaches, which[at], sub)
        counts = count_children(parts.verdict[None, :], at, len(rows))
        out = Rated.empty(len(rows))
        for w, strategy in enumerate(strategies):
            mine = np.flatnonzero(which == w)
            picked = type(counts)(*(getattr(counts, f)[:, mine] for f in
                                    ("positive", "unchanged", "negative", "no_value")))
            verdict, reason = strategy.rollup.combine_counts(picked)  # type: ignore[attr-defined]
            out.verdict[mine] = verdict[0]
            prefixed = {int(c): reason_code("components_" + reason_name(int(c)))
                        for c in np.unique(reason[0])}
            out.reason[mine] = [prefixed[int(c)] for c in reason[0].tolist()]
        return out

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
        tail_sv, tail_en = self._to_positive(series, period, combined.verdict, ratings,
                                             names, computed)
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
                _literal(f"Delserierna ({parts_sv}) vägs samman med regeln ")
                + f"”{rule_label(self.rollup, 'sv')}”: " + combined.explanation.template_sv
                + tail_sv,
                _literal(f"The components ({parts_en}) are combined with the rule ")
                + f"“{rule_label(self.rollup, 'en')}”: " + combined.explanation.template_en
                + tail_en,
            ),
        )

    def _to_positive(self, series: Series, period: int, verdict: Verdict,
                     ratings: dict[str, Rating], names: dict[str, Label],
                     computed: dict[str, Figure]) -> tuple[str, str]:
        """What it would take, component by component, where every part must be positive.

        Under "the worst part" and "all positive" the metric is positive only when every
        rated component is: each component not yet positive is named with the value its
        next period must reach (its figure in ``component.ID.to_positive``). Other
        roll-ups weigh the parts together, so no one list says it: nothing is added.
        """
        if verdict not in (Verdict.UNCHANGED, Verdict.NEGATIVE) or getattr(
                self.rollup, "id", None) not in ("worst_of", "all_positive"):
            return "", ""
        sign = series.metric.direction.sign
        unit = series.metric.unit or ""
        parts_sv: list[str] = []
        parts_en: list[str] = []
        for cid, rating in ratings.items():
            if rating.verdict is Verdict.POSITIVE:
                continue
            sub = series.components.get(cid) or Series(series.metric, (), {})
            edge = _edge_of(self.each, sub, period)
            if edge is None or not math.isfinite(edge[0]):
                continue
            computed[f"component.{cid}.to_positive"] = edge[0]
            shown = format_number(_shown(edge[0], sign, ()), "sv")
            shown_en = format_number(_shown(edge[0], sign, ()), "en")
            word_sv, word_en = _WORDS[(edge[1], 1 if sign >= 0 else -1)]
            name = names.get(cid)
            parts_sv.append(f"{name.sv if name else cid} {word_sv} {shown} {unit}".rstrip())
            parts_en.append(f"{name.en if name else cid} {word_en} {shown_en} {unit}".rstrip())
        if not parts_sv:
            return "", ""
        computed["next_period"] = period + 1
        return (
            " För en positiv bedömning {next_period} behöver delserierna vara: "
            + _literal("; ".join(parts_sv)) + ".",
            " To be rated positive in {next_period}, the components must be: "
            + _literal("; ".join(parts_en)) + ".",
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

    @classmethod
    def rate_columns(cls, strategies: Sequence[Fallback], which: Index, rows: Rows) -> Rated:
        """Rate many rows at once: ``first``, then ``then`` where it lacks a reference."""
        from indikator.codes import NO_VALUE, reason_code
        from indikator.strategies.columns import rate_rows

        out = rate_rows([s.first for s in strategies], which, rows)
        again = np.flatnonzero(
            (out.verdict == NO_VALUE) & (out.reason != reason_code("no_current_value"))
        )
        if len(again):
            for i in again.tolist():
                out.ratings.pop(i, None)
            first_edge = out.figures["to_positive"][again].copy()
            out.put(again, rate_rows([s.then for s in strategies], which[again],
                                     rows.take(again)))
            # the next period: ``first`` decides it where it would have a reference then
            keep = ~np.isnan(first_edge)
            out.figures["to_positive"][again[keep]] = first_edge[keep]
        return out

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``.

        What it would take (an unchanged or negative rating) is the next period's edge of
        whichever rule would decide it (:meth:`next_edge`).
        """
        rating = without_to_positive(self._rate(series, period))
        return with_to_positive(rating, self.next_edge(series, period), period,
                                series.metric.direction.sign)

    def next_edge(self, series: Series, period: int) -> Edge | None:
        """The least outcome in the period after ``period`` that this rule rates positive.

        ``first``'s, where ``first`` would have a reference in that period; ``then``'s
        where ``first`` has none and ``then`` decided this period (a strategy without
        ``next_edge`` has none).
        """
        edge = _edge_of(self.first, series, period)
        if edge is not None:
            return edge
        if self._first_decides(self.first.assess(series, period)):
            return None
        return _edge_of(self.then, series, period)

    @staticmethod
    def _first_decides(rating: Rating) -> bool:
        return (rating.verdict is not Verdict.NO_VALUE
                or rating.explanation.reason == "no_current_value")

    def _rate(self, series: Series, period: int) -> Rating:
        rating = self.first.assess(series, period)
        if self._first_decides(rating):
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


def _edge_of(strategy: Strategy, series: Series, period: int) -> Edge | None:
    edge_of = getattr(strategy, "next_edge", None)
    return None if edge_of is None else edge_of(series, period)


def _literal(text: str) -> str:
    """Text from data (names) inside a sentence template: braces kept as they are."""
    return text.replace("{", "{{").replace("}", "}}")
