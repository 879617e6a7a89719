"""Text outcomes: metrics followed up in words (the climate-risk row)."""

from __future__ import annotations

from typing import ClassVar

import attrs

from indikator.series import Series
from indikator.strategies._text import no_current, no_value
from indikator.verdict import Explanation, Figure, Rating, Verdict

__all__ = ["TextOutcome"]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


@attrs.frozen(kw_only=True)
class TextOutcome:
    """Rate an outcome given in words against the previous period's words.

    Without a scale: the same text (ignoring case and spacing) → unchanged; a different
    text → no value with reason ``text_changed``: words cannot be ranked by a rule, so a
    judgment must say which way it went.

    With a ``scale`` (texts from worst to best): a step up → positive, the same step →
    unchanged, a step down → negative; a text not on the scale → no value
    (``text_not_on_scale``).

    No text for the period → ``no_current_value``; no earlier text → ``no_previous_text``.
    """

    id: ClassVar[str] = "text"
    scale: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``."""
        point = series.at(period)
        if point is None or point.text is None:
            return no_current(self.id, period)
        prev = series.previous(period)
        inputs: dict[str, Figure] = {"strategy": self.id, "period": period, "current": point.text}
        if prev is None or prev.text is None:
            return no_value(
                "no_previous_text",
                "Det finns ingen tidigare beskrivning att jämföra med.",
                "There is no earlier description to compare with.",
                **inputs,
            )
        inputs.update(previous=prev.text, previous_period=prev.period)
        if self.scale:
            steps = [_norm(s) for s in self.scale]
            try:
                now, before = steps.index(_norm(point.text)), steps.index(_norm(prev.text))
            except ValueError:
                return no_value(
                    "text_not_on_scale",
                    "Beskrivningen finns inte på den angivna skalan.",
                    "The description is not on the given scale.",
                    **inputs,
                )
            if now > before:
                verdict, reason = Verdict.POSITIVE, "text_step_up"
            elif now < before:
                verdict, reason = Verdict.NEGATIVE, "text_step_down"
            else:
                verdict, reason = Verdict.UNCHANGED, "text_same"
            return Rating(
                verdict,
                Explanation(
                    reason,
                    inputs,
                    {"step": now, "previous_step": before, "steps": len(steps)},
                    "Steg {step} av {steps} på skalan {period}, mot steg {previous_step} "
                    "{previous_period}.",
                    "Step {step} of {steps} on the scale in {period}, against step "
                    "{previous_step} in {previous_period}.",
                ),
            )
        if _norm(point.text) == _norm(prev.text):
            return Rating(
                Verdict.UNCHANGED,
                Explanation(
                    "text_same",
                    inputs,
                    {},
                    "Samma beskrivning {period} som {previous_period}: «{current}».",
                    "The same description in {period} as in {previous_period}: «{current}».",
                ),
            )
        return no_value(
            "text_changed",
            "Beskrivningen har ändrats; en bedömning behöver ange åt vilket håll.",
            "The description changed; a judgment must say which way it went.",
            **inputs,
        )
