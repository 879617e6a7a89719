"""Shared reason texts for the built-in strategies."""

from __future__ import annotations

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
