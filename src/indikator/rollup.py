"""Roll-up rules: how a parent's verdict is formed from its children's verdicts.

Every rule states how ``no_value`` children count (:class:`NoValuePolicy`); by default
they are left out, and a parent with no rated child gets ``no_value``. All rules depend
only on how many children have each verdict, so the order of children never matters.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import ClassVar, Protocol, runtime_checkable

import attrs
import numpy as np
import numpy.typing as npt

from indikator.codes import NEGATIVE, NO_VALUE, POSITIVE, UNCHANGED, reason_codes
from indikator.errors import InputError
from indikator.kernels.rollup import RollupCounts
from indikator.verdict import Explanation, Figure, Rating, Verdict

__all__ = [
    "AllPositive",
    "MeanScore",
    "NoValuePolicy",
    "RollUp",
    "StrictMajority",
    "WorstOf",
    "count_verdicts",
]


@runtime_checkable
class RollUp(Protocol):
    """A roll-up rule: a frozen record of parameters with a pure ``combine``."""

    @property
    def id(self) -> str:
        """The rule's registered id, e.g. ``"strict_majority"``."""
        ...

    def combine(self, verdicts: Sequence[Verdict]) -> Rating:
        """The parent's verdict from its children's verdicts (in any order)."""
        ...


class NoValuePolicy(enum.Enum):
    """How children with ``no_value`` count in a roll-up."""

    IGNORE = "ignore"
    """Left out: only rated children count (the seed report's practice)."""
    AS_UNCHANGED = "as_unchanged"
    """Counted as unchanged."""
    AS_NEGATIVE = "as_negative"
    """Counted as negative (missing data is a failure)."""
    PROPAGATE = "propagate"
    """Any child without a value makes the parent ``no_value``."""


def count_verdicts(verdicts: Sequence[Verdict], policy: NoValuePolicy) -> Counter[Verdict] | None:
    """Count children by verdict after applying ``policy``; ``None`` means "propagate"."""
    counts = Counter(verdicts)
    missing = counts.pop(Verdict.NO_VALUE, 0)
    if missing:
        if policy is NoValuePolicy.PROPAGATE:
            return None
        if policy is NoValuePolicy.AS_UNCHANGED:
            counts[Verdict.UNCHANGED] += missing
        elif policy is NoValuePolicy.AS_NEGATIVE:
            counts[Verdict.NEGATIVE] += missing
    return counts


Columns = tuple[npt.NDArray[np.int8], npt.NDArray[np.int32]]
"""Verdict codes and reason codes, one per parent and slot."""

_CHILD_WITHOUT_VALUE, _NO_RATED = reason_codes("child_without_value", "no_rated_children")


def _counted(counts: RollupCounts, policy: NoValuePolicy) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_],
    npt.NDArray[np.int32],
]:
    """Positive, unchanged and negative counts after ``policy``; where none (and why)."""
    pos, unch, neg, missing = counts.positive, counts.unchanged, counts.negative, counts.no_value
    if policy is NoValuePolicy.AS_UNCHANGED:
        unch = unch + missing
    elif policy is NoValuePolicy.AS_NEGATIVE:
        neg = neg + missing
    propagate = (missing > 0) if policy is NoValuePolicy.PROPAGATE else np.zeros_like(
        missing, dtype=bool)
    none = propagate | (pos + unch + neg == 0)
    why = np.where(propagate, _CHILD_WITHOUT_VALUE, _NO_RATED).astype(np.int32)
    return pos, unch, neg, none, why


def _columns(none: npt.NDArray[np.bool_], why: npt.NDArray[np.int32],
             conditions: list[npt.NDArray[np.bool_]], verdicts: list[int], reasons: list[int],
             default: tuple[int, int]) -> Columns:
    verdict = np.select([none, *conditions], [NO_VALUE, *verdicts], default[0]).astype(np.int8)
    reason = np.select([none, *conditions], [why, *reasons], default[1]).astype(np.int32)
    return verdict, reason


def _figures(verdicts: Sequence[Verdict], counts: Counter[Verdict]) -> dict[str, int]:
    return {
        "positive": counts[Verdict.POSITIVE],
        "unchanged": counts[Verdict.UNCHANGED],
        "negative": counts[Verdict.NEGATIVE],
        "no_value": sum(1 for v in verdicts if v is Verdict.NO_VALUE),
        "rated": counts[Verdict.POSITIVE] + counts[Verdict.UNCHANGED] + counts[Verdict.NEGATIVE],
        "children": len(verdicts),
    }


def _counts_sv(figures: Mapping[str, Figure]) -> str:
    """The counts as a Swedish phrase, with the adjectives agreeing with their numbers."""

    def word(key: str, one: str, many: str) -> str:
        return f"{{{key}}} {one if figures[key] == 1 else many}"

    return (
        f"{word('positive', 'positiv', 'positiva')}, "
        f"{word('unchanged', 'oförändrad', 'oförändrade')} och "
        f"{word('negative', 'negativ', 'negativa')} av {word('rated', 'bedömd', 'bedömda')}"
    )


_COUNTS_EN = "{positive} positive, {unchanged} unchanged and {negative} negative of {rated} rated"


def _tally(
    rule: str, verdicts: Sequence[Verdict], policy: NoValuePolicy
) -> dict[str, int] | Rating:
    """The figures a rule decides on, or the ``no_value`` rating when nothing is rated."""
    counts = count_verdicts(verdicts, policy)
    if counts is not None and counts.total() > 0:
        return _figures(verdicts, counts)
    if counts is None:
        reason = "child_without_value"
        sv = "Minst en del saknar värde, och regeln för vidare inget värde."
        en = "At least one child has no value, and the rule passes that on."
    else:
        reason = "no_rated_children"
        if len(verdicts) == 1:
            sv = "Den enda underliggande delen saknar bedömt värde."
            en = "The only child has no rated value."
        elif verdicts:
            sv = "Ingen av de {children} underliggande delarna har ett bedömt värde."
            en = "None of the {children} children has a rated value."
        else:
            sv = "Det finns inget att väga samman: inga underliggande delar."
            en = "There is nothing to roll up: no children."
    inputs: dict[str, Figure] = {"rule": rule, "children": len(verdicts)}
    return Rating(Verdict.NO_VALUE, Explanation(reason, inputs, {}, sv, en))


def _rating(
    rule: str,
    policy: NoValuePolicy,
    verdict: Verdict,
    reason: str,
    computed: Mapping[str, Figure],
    sv: str,
    en: str,
    **params: Figure,
) -> Rating:
    """A rule's rating: the counts sentence, then the rule's conclusion (``sv``, ``en``)."""
    inputs: dict[str, Figure] = {"rule": rule, **params, "no_value_policy": policy.value}
    return Rating(
        verdict,
        Explanation(
            reason, inputs, computed, f"{_counts_sv(computed)}: {sv}.", f"{_COUNTS_EN}: {en}."
        ),
    )


def _policy(value: NoValuePolicy | str) -> NoValuePolicy:
    try:
        return NoValuePolicy(value)
    except ValueError:
        choices = ", ".join(p.value for p in NoValuePolicy)
        raise InputError(f"expected one of {choices}", field="no_value", value=value) from None


@attrs.frozen
class StrictMajority:
    """Strict majority of the rated children.

    Positive if more than half of the rated children are positive, negative likewise,
    otherwise unchanged; no rated children gives no value.

    Exactly half is not a majority (3 positive of 6 gives unchanged). This rule
    reproduces every roll-up in Region Västmanland's 2024 report.
    """

    id: ClassVar[str] = "strict_majority"
    no_value: NoValuePolicy = attrs.field(default=NoValuePolicy.IGNORE, converter=_policy)

    def combine(self, verdicts: Sequence[Verdict]) -> Rating:
        """Apply the rule."""
        figures = _tally(self.id, verdicts, self.no_value)
        if isinstance(figures, Rating):
            return figures
        rated = figures["rated"]
        if 2 * figures["positive"] > rated:
            verdict, reason = Verdict.POSITIVE, "majority_positive"
            sv, en = "en majoritet är positiva", "a majority is positive"
        elif 2 * figures["negative"] > rated:
            verdict, reason = Verdict.NEGATIVE, "majority_negative"
            sv, en = "en majoritet är negativa", "a majority is negative"
        elif 2 * figures["unchanged"] > rated:
            verdict, reason = Verdict.UNCHANGED, "majority_unchanged"
            sv, en = "en majoritet är oförändrade", "a majority is unchanged"
        else:
            verdict, reason = Verdict.UNCHANGED, "no_majority"
            sv, en = "ingen strikt majoritet", "no strict majority"
        return _rating(self.id, self.no_value, verdict, reason, figures, sv, en)

    def combine_counts(self, counts: RollupCounts) -> Columns:
        """:meth:`combine` for many parents at once, from their children's counts."""
        pos, unch, neg, none, why = _counted(counts, self.no_value)
        rated = pos + unch + neg
        return _columns(none, why, [2 * pos > rated, 2 * neg > rated, 2 * unch > rated],
                        [POSITIVE, NEGATIVE, UNCHANGED], list(_MAJORITY), (UNCHANGED, _NO_MAJ))


@attrs.frozen
class WorstOf:
    """The worst verdict among the rated children."""

    id: ClassVar[str] = "worst_of"
    no_value: NoValuePolicy = attrs.field(default=NoValuePolicy.IGNORE, converter=_policy)

    def combine(self, verdicts: Sequence[Verdict]) -> Rating:
        """Apply the rule."""
        figures = _tally(self.id, verdicts, self.no_value)
        if isinstance(figures, Rating):
            return figures
        for verdict in (Verdict.NEGATIVE, Verdict.UNCHANGED, Verdict.POSITIVE):
            if figures[verdict.value]:
                break
        return _rating(
            self.id, self.no_value, verdict, "worst", {**figures, "worst": verdict.value},
            "det sämsta avgör", "the worst decides",
        )

    def combine_counts(self, counts: RollupCounts) -> Columns:
        """:meth:`combine` for many parents at once, from their children's counts."""
        _, unch, neg, none, why = _counted(counts, self.no_value)
        return _columns(none, why, [neg > 0, unch > 0], [NEGATIVE, UNCHANGED], [_WORST, _WORST],
                        (POSITIVE, _WORST))


@attrs.frozen
class MeanScore:
    """The mean of the scores (+1, 0, -1) of the rated children against two thresholds.

    Positive when the mean is at least ``positive_at``; negative when it is at most
    ``negative_at``; unchanged in between (ties at a threshold go to the outer verdict).
    """

    id: ClassVar[str] = "mean_score"
    positive_at: float = 0.5
    negative_at: float = -0.5
    no_value: NoValuePolicy = attrs.field(default=NoValuePolicy.IGNORE, converter=_policy)

    def __attrs_post_init__(self) -> None:
        if not -1.0 <= self.negative_at < self.positive_at <= 1.0:
            raise InputError(
                "thresholds must satisfy -1 <= negative_at < positive_at <= 1",
                field="positive_at",
                value=(self.negative_at, self.positive_at),
            )

    def combine(self, verdicts: Sequence[Verdict]) -> Rating:
        """Apply the rule."""
        figures = _tally(self.id, verdicts, self.no_value)
        if isinstance(figures, Rating):
            return figures
        mean = (figures["positive"] - figures["negative"]) / figures["rated"]
        if mean >= self.positive_at:
            verdict = Verdict.POSITIVE
        elif mean <= self.negative_at:
            verdict = Verdict.NEGATIVE
        else:
            verdict = Verdict.UNCHANGED
        return _rating(
            self.id, self.no_value, verdict, "mean_score", {**figures, "mean": mean},
            "medelpoäng {mean} (gränser {negative_at} och {positive_at})",
            "mean score {mean} (thresholds {negative_at} and {positive_at})",
            positive_at=self.positive_at,
            negative_at=self.negative_at,
        )

    def combine_counts(self, counts: RollupCounts) -> Columns:
        """:meth:`combine` for many parents at once, from their children's counts."""
        pos, unch, neg, none, why = _counted(counts, self.no_value)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = (pos - neg) / (pos + unch + neg)
        return _columns(none, why, [mean >= self.positive_at, mean <= self.negative_at],
                        [POSITIVE, NEGATIVE], [_MEAN, _MEAN], (UNCHANGED, _MEAN))


@attrs.frozen
class AllPositive:
    """All must be positive.

    Positive only if every rated child is positive; negative if any is negative;
    otherwise unchanged.
    """

    id: ClassVar[str] = "all_positive"
    no_value: NoValuePolicy = attrs.field(default=NoValuePolicy.IGNORE, converter=_policy)

    def combine(self, verdicts: Sequence[Verdict]) -> Rating:
        """Apply the rule."""
        figures = _tally(self.id, verdicts, self.no_value)
        if isinstance(figures, Rating):
            return figures
        if figures["negative"]:
            verdict, sv, en = Verdict.NEGATIVE, "minst en är negativ", "at least one is negative"
        elif figures["unchanged"]:
            verdict, sv, en = Verdict.UNCHANGED, "inte alla är positiva", "not all are positive"
        else:
            verdict, sv, en = Verdict.POSITIVE, "alla är positiva", "all are positive"
        return _rating(self.id, self.no_value, verdict, "all_positive", figures, sv, en)

    def combine_counts(self, counts: RollupCounts) -> Columns:
        """:meth:`combine` for many parents at once, from their children's counts."""
        _, unch, neg, none, why = _counted(counts, self.no_value)
        return _columns(none, why, [neg > 0, unch > 0], [NEGATIVE, UNCHANGED], [_ALL, _ALL],
                        (POSITIVE, _ALL))


_MAJORITY = reason_codes("majority_positive", "majority_negative", "majority_unchanged")
(_NO_MAJ,) = reason_codes("no_majority")
_WORST, _MEAN, _ALL = reason_codes("worst", "mean_score", "all_positive")
