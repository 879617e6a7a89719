"""Text outcomes: metrics followed up in words (the climate-risk row)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import attrs
import numpy as np

from indikator.series import Series
from indikator.strategies._text import no_current, no_value
from indikator.verdict import Explanation, Figure, Rating, Verdict

if TYPE_CHECKING:
    from indikator.kernels import Outcome
    from indikator.strategies.columns import Index, Rows

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

    @classmethod
    def rate_columns(cls, strategies: Sequence[TextOutcome], which: Index, rows: Rows) -> Outcome:
        """Rate many rows at once (row ``i`` with ``strategies[which[i]]``).

        Texts cannot be ranked by arithmetic: this compares the rows' texts (and scale
        steps) one by one, without building series.
        """
        from indikator.codes import NEGATIVE, NO_VALUE, POSITIVE, UNCHANGED, reason_codes
        from indikator.kernels import Outcome

        frame = rows.frame
        now = frame.texts(frame.find(rows.group, rows.period))
        before = frame.texts(frame.previous(rows.group, rows.period))
        (no_cur, no_prev, off_scale, up, down, same, changed) = reason_codes(
            "no_current_value", "no_previous_text", "text_not_on_scale", "text_step_up",
            "text_step_down", "text_same", "text_changed",
        )
        scales = [{_norm(t): i for i, t in reversed(list(enumerate(s.scale)))}
                  for s in strategies]
        n = len(rows)
        verdict = np.full(n, NO_VALUE, dtype=np.int8)
        reason = np.zeros(n, dtype=np.int32)
        for i, (a, b, w) in enumerate(zip(now, before, which.tolist(), strict=True)):
            if a is None:
                reason[i] = no_cur
            elif b is None:
                reason[i] = no_prev
            elif strategies[w].scale:
                steps = scales[w]
                x, y = steps.get(_norm(a)), steps.get(_norm(b))
                if x is None or y is None:
                    reason[i] = off_scale
                else:
                    verdict[i], reason[i] = (
                        (POSITIVE, up) if x > y else (NEGATIVE, down) if x < y
                        else (UNCHANGED, same)
                    )
            elif _norm(a) == _norm(b):
                verdict[i], reason[i] = UNCHANGED, same
            else:
                reason[i] = changed
        return Outcome(verdict, reason, {})

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
            computed: dict[str, Figure] = {
                "step": now, "previous_step": before, "steps": len(steps),
                "step_number": now + 1, "previous_step_number": before + 1,
            }
            sv = ("Steg {step_number} av {steps} på skalan {period}, mot steg "
                  "{previous_step_number} {previous_period}.")
            en = ("Step {step_number} of {steps} on the scale in {period}, against step "
                  "{previous_step_number} in {previous_period}.")
            if verdict is not Verdict.POSITIVE and now + 1 < len(steps):
                # what it would take: one step up on the scale
                computed.update(next_period=period + 1, to_positive_step=now + 2,
                                to_positive_text=self.scale[now + 1])
                sv += (" För en positiv bedömning {next_period} behöver beskrivningen nå "
                       "steg {to_positive_step}: «{to_positive_text}».")
                en += (" To be rated positive in {next_period}, the description must reach "
                       "step {to_positive_step}: «{to_positive_text}».")
            return Rating(verdict, Explanation(reason, inputs, computed, sv, en))
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
