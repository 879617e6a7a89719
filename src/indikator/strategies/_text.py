"""Shared reason texts for the built-in strategies."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

import attrs

from indikator.numbers import decimals_for, shared_decimals
from indikator.series import Point, Series
from indikator.verdict import Explanation, Figure, Rating, Verdict

NO_CURRENT = (
    "Utfall saknas för {period}.",
    "There is no outcome for {period}.",
)


def no_value(reason: str, sv: str, en: str, **inputs: Figure) -> Rating:
    """A ``no_value`` rating with a reason code and sentences."""
    return Rating(Verdict.NO_VALUE, Explanation(reason, inputs, {}, sv, en))


def no_current(strategy: str, period: int) -> Rating:
    """The rating when the period's outcome is missing."""
    return no_value("no_current_value", *NO_CURRENT, strategy=strategy, period=period)


# -- what it would take ---------------------------------------------------------------------

Edge = tuple[float, bool]
"""The least outcome a rule rates positive, and whether the rule needs it strictly beyond
the figure's edge (a dead band) or at least at it (a path, a target)."""

_WORDS: dict[tuple[bool, int], tuple[str, str]] = {
    (True, 1): ("högre än", "above"),
    (True, -1): ("lägre än", "below"),
    (False, 1): ("minst", "at least"),
    (False, -1): ("högst", "at most"),
}


def _suffixes(strict: bool, sign: int, unit: bool) -> tuple[str, str]:
    sv_word, en_word = _WORDS[(strict, 1 if sign >= 0 else -1)]
    u = " {unit}" if unit else ""
    return (
        f" För en positiv bedömning {{next_period}} behöver utfallet vara {sv_word} "
        f"{{to_positive_shown}}{u}.",
        f" To be rated positive in {{next_period}}, the outcome must be {en_word} "
        f"{{to_positive_shown}}{u}.",
    )


_ALL_SUFFIXES = [_suffixes(s, d, u) for s in (True, False) for d in (1, -1)
                 for u in (True, False)]


class _EdgedStrategy(Protocol):
    def _rate(self, series: Series, period: int) -> Rating: ...
    def next_edge(self, series: Series, period: int) -> Edge | None: ...


def rate_with_edge(strategy: _EdgedStrategy, series: Series, period: int) -> Rating:
    """``strategy``'s rating of ``series`` for ``period``, with what it would take.

    The shared body of the built-in strategies' ``assess``: an unchanged or negative
    rating also gives the next period's value that would rate positive
    (``strategy.next_edge``).
    """
    rating = strategy._rate(series, period)
    if rating.verdict is Verdict.POSITIVE or rating.verdict is Verdict.NO_VALUE:
        return rating
    return with_to_positive(rating, strategy.next_edge(series, period), period,
                            series.metric.direction.sign)


def with_to_positive(rating: Rating, edge: Edge | None, period: int, sign: int) -> Rating:
    """``rating`` with what it would take: the next period's value that rates positive.

    Only an unchanged or negative rating gets it: the figure ``to_positive`` and
    ``next_period`` in its computed figures and one more sentence in each language.
    """
    if edge is None or rating.verdict not in (Verdict.UNCHANGED, Verdict.NEGATIVE):
        return rating
    value, strict = edge
    if not math.isfinite(value):
        return rating
    expl = rating.explanation
    sv, en = _suffixes(strict, sign, bool(expl.inputs.get("unit")))
    computed = {**expl.computed, "to_positive": value, "next_period": period + 1,
                "to_positive_shown": _shown(value, sign, expl.inputs.values())}
    return Rating(rating.verdict, attrs.evolve(
        expl, computed=computed, template_sv=expl.template_sv + sv,
        template_en=expl.template_en + en))


def _shown(value: float, sign: int, inputs: Iterable[object]) -> float:
    """``value`` rounded away from the edge to the decimals the sentence prints.

    The sentence prints computed figures with the inputs' decimals (at least two and
    three significant digits, :meth:`~indikator.verdict.Explanation.sentence`); rounded
    in the desired direction, the figure it prints is never short of what the rule needs
    (a slack of a few billionths absorbs the tie rule's nudge and float noise, so 20
    prints as 20, not 20,01).
    """
    places = max(2, shared_decimals(inputs), decimals_for(value, 3))
    scale = 10.0 ** places
    x = value * scale
    if not math.isfinite(x):
        return value
    slack = 4e-9 * abs(x) + 1e-9
    rounded = math.ceil(x - slack) if sign > 0 else math.floor(x + slack)
    out = rounded / scale
    return out if math.isfinite(out) else value


def without_to_positive(rating: Rating) -> Rating:
    """``rating`` without what :func:`with_to_positive` added (a fallback decides anew)."""
    expl = rating.explanation
    if "to_positive" not in expl.computed:
        return rating
    sv, en = expl.template_sv, expl.template_en
    for s, e in _ALL_SUFFIXES:
        if sv.endswith(s) and en.endswith(e):
            sv, en = sv[: -len(s)], en[: -len(e)]
            break
    computed = {k: v for k, v in expl.computed.items()
                if k not in ("to_positive", "next_period", "to_positive_shown")}
    return Rating(rating.verdict, attrs.evolve(expl, computed=computed, template_sv=sv,
                                               template_en=en))


def with_point(series: Series, period: int, value: float | None,
               own_target: float | None = None) -> Series:
    """``series`` with its point in ``period`` replaced by a plain one holding ``value``.

    What the next period would look like, for a rule asked what it would take.
    """
    points = [p for p in series.points if p.period != period]
    points.append(Point(period, value, None, frozenset(), own_target))
    points.sort(key=lambda p: p.period)
    return Series(series.metric, tuple(points), series.components)
