"""Against an own target: reached, improving but short of it, or moving away."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import attrs
import numpy as np
import numpy.typing as npt

from indikator.model import Flag, Metric, Target, TargetKind, TargetOwner
from indikator.series import Series
from indikator.strategies import kernels
from indikator.strategies._params import finite_or_none, to_verdict
from indikator.strategies._text import (
    Edge,
    no_current,
    no_value,
    rate_with_edge,
    with_point,
)
from indikator.targets import TargetBound, _to_bound, base_value_for, resolve_target
from indikator.verdict import Explanation, Figure, Rating, Verdict

if TYPE_CHECKING:
    from indikator.kernels import Outcome
    from indikator.strategies.columns import Index, Rows

__all__ = ["VsOwnTarget"]


def _to_short_but_improving(value: Verdict | str) -> Verdict:
    return to_verdict(value, "short_but_improving")


def _to_short_and_unchanged(value: Verdict | str) -> Verdict:
    return to_verdict(value, "short_and_unchanged")


def _to_short_and_worse(value: Verdict | str) -> Verdict:
    return to_verdict(value, "short_and_worse")


def _to_short_without_history(value: Verdict | str) -> Verdict:
    return to_verdict(value, "short_without_history")


def _to_near(value: Verdict | str) -> Verdict:
    return to_verdict(value, "near")


def _non_negative(_inst: object, attribute: attrs.Attribute[float], value: float) -> None:
    from indikator.errors import InputError

    finite_or_none(_inst, attribute, value)
    if value < 0:
        raise InputError("must be >= 0", field=attribute.name, value=value)


def _short_is_positive(s: VsOwnTarget) -> bool:
    """Whether an outcome short of the target may rate positive (no one edge then)."""
    return Verdict.POSITIVE in (s.short_but_improving, s.short_and_unchanged,
                                s.short_and_worse)


def _short_positive(strategies: Sequence[VsOwnTarget], which: Index) -> npt.NDArray[np.bool_]:
    from indikator.strategies.columns import derived

    return derived(strategies, which, "own_target.short_positive", _short_is_positive, bool)


@attrs.frozen(kw_only=True)
class VsOwnTarget:
    """Rate the outcome against a target: the unit's own (default) or the programme's.

    Whether the target is met is decided from the target's value when the metric has one
    (at or beyond the target counts as met; exactly on it is met), otherwise from the
    outcome's :attr:`~indikator.model.Flag.OWN_TARGET_MET` /
    :attr:`~indikator.model.Flag.OWN_TARGET_NOT_MET` flag (the unit's own report, for
    targets whose value is not published).

    Verdicts:

    * met → positive (``target_met``; an ideal value such as 0 incidents kept is met);
    * short of it by at most ``near_band`` × |target| (when ``near_band`` > 0) → ``near``
      (unchanged by default; reason ``near_target``);
    * short of it, improving on the previous period → ``short_but_improving``
      (unchanged by default: the report's "better, but not up to the unit's target");
    * short of it, no change → ``short_and_unchanged`` (unchanged);
    * short of it and worse than the previous period → ``short_and_worse`` (negative);
    * short of it with no earlier value → ``short_without_history`` (negative).

    No outcome, or no way to tell whether the target is met, gives no value
    (``no_current_value``, ``target_unknown``).

    Attributes:
        owner: Whose target: the unit's own (default) or the programme's.
        target_value: A target value in the metric's unit, overriding the metric's.
        near_band: A share of ``|target|`` within which an outcome short of the target
            counts as near it (0: off).
    """

    id: ClassVar[str] = "vs_own_target"
    owner: TargetOwner = attrs.field(default=TargetOwner.UNIT, converter=TargetOwner)
    target_value: float | None = attrs.field(default=None, validator=finite_or_none)
    short_but_improving: Verdict = attrs.field(
        default=Verdict.UNCHANGED, converter=_to_short_but_improving
    )
    short_and_unchanged: Verdict = attrs.field(
        default=Verdict.UNCHANGED, converter=_to_short_and_unchanged
    )
    short_and_worse: Verdict = attrs.field(default=Verdict.NEGATIVE, converter=_to_short_and_worse)
    short_without_history: Verdict = attrs.field(
        default=Verdict.NEGATIVE, converter=_to_short_without_history
    )
    bound: TargetBound = attrs.field(default=TargetBound.WEAKEST, converter=_to_bound)
    near_band: float = attrs.field(default=0.0, validator=_non_negative)
    near: Verdict = attrs.field(default=Verdict.UNCHANGED, converter=_to_near)

    @classmethod
    def rate_columns(cls, strategies: Sequence[VsOwnTarget], which: Index, rows: Rows) -> Outcome:
        """Rate many rows at once (row ``i`` with ``strategies[which[i]]``)."""
        from indikator.codes import POSITIVE
        from indikator.kernels import vs_target
        from indikator.strategies.columns import (
            derived,
            metric_columns,
            param,
            per_target,
            verdict_param,
        )

        frame = rows.frame
        here = frame.find(rows.group, rows.period)
        reported = np.where(frame.has_flag(here, Flag.OWN_TARGET_MET), 1,
                            np.where(frame.has_flag(here, Flag.OWN_TARGET_NOT_MET), -1, 0))
        (target,) = per_target(
            strategies, which, rows, lambda s, metric: metric.target(s.owner),
            lambda s, series, period: (
                s._target_value(series.metric.target(s.owner), series.metric, series, period),),
            1)
        previous, _ = rows.previous()
        uses_data = derived(strategies, which, "own_target.uses_data",
                            lambda s: s.owner is TargetOwner.UNIT and s.target_value is None,
                            bool)
        reported_target = frame.own_targets(here)
        target = np.where(uses_data & ~np.isnan(reported_target), reported_target, target)

        def verdicts(name: str) -> npt.NDArray[np.int8]:
            return verdict_param(strategies, which, name)

        sign = metric_columns(frame)["sign"][rows.metric]
        current = frame.values(here)
        out = vs_target(
            current, target, sign,
            previous=previous, reported=reported, near=param(strategies, which, "near_band"),
            near_verdict=verdicts("near"),
            short_but_improving=verdicts("short_but_improving"),
            short_and_unchanged=verdicts("short_and_unchanged"),
            short_and_worse=verdicts("short_and_worse"),
            short_without_history=verdicts("short_without_history"),
        )
        # what it would take: the target the next period is held to (the one reported in
        # the data this period stays), or the edge of the near band where that rates
        # positive; only where it can be read (a fallback reads a no-value row's)
        edge = np.full(len(rows), np.nan)
        need = np.flatnonzero((out.verdict != POSITIVE) & ~np.isnan(current)
                              & ~_short_positive(strategies, which))
        if len(need):
            ahead_rows = rows.take(need)
            (ahead,) = per_target(
                strategies, which[need], attrs.evolve(ahead_rows, period=ahead_rows.period + 1),
                lambda s, metric: metric.target(s.owner),
                lambda s, series, period: (
                    s._target_value(series.metric.target(s.owner), series.metric, series,
                                    period),),
                1)
            reported_here = reported_target[need]
            ahead = np.where(uses_data[need] & ~np.isnan(reported_here), reported_here, ahead)
            near = param(strategies, which, "near_band")[need]
            near_counts = (verdicts("near")[need] == POSITIVE) & (near > 0)
            sign_here = sign[need]
            with np.errstate(invalid="ignore", over="ignore"):
                edge[need] = np.where(near_counts, ahead - sign_here * near * np.abs(ahead),
                                      ahead)
        return attrs.evolve(out, figures={**out.figures, "to_positive": edge})

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``.

        An unchanged or negative rating also says what it would take: the next period's
        value that would rate positive (:meth:`next_edge`).
        """
        return rate_with_edge(self, series, period)

    def next_edge(self, series: Series, period: int) -> Edge | None:
        """The least outcome in the period after ``period`` that this rule rates positive.

        The target the next period is held to (a target the data reports for this period
        is taken to stay), or the edge of the near band when ``near`` is positive.
        ``None`` without an outcome in ``period`` or a target value, or when a parameter
        rates an outcome short of the target positive too (no one figure is the edge).
        """
        point = series.at(period)
        if point is None or point.value is None or _short_is_positive(self):
            return None
        metric = series.metric
        target = self._reported(point.own_target)
        if target is None:
            target = self._target_value(metric.target(self.owner), metric,
                                        with_point(series, period + 1, point.value), period + 1)
        if target is None:
            return None
        if self.near is Verdict.POSITIVE and self.near_band > 0:
            sign = metric.direction.sign
            return target - sign * self.near_band * abs(target), False
        return target, False

    def _rate(self, series: Series, period: int) -> Rating:
        point = series.at(period)
        if point is None or point.value is None:
            return no_current(self.id, period)
        current = point.value
        metric = series.metric
        sign = metric.direction.sign
        target = metric.target(self.owner)
        reported = self._reported(point.own_target)
        target_value = (reported if reported is not None
                        else self._target_value(target, metric, series, period))
        inputs: dict[str, Figure] = {
            "strategy": self.id,
            "period": period,
            "current": current,
            "unit": metric.unit or "",
            "owner": self.owner.value,
            "target_value": target_value,
            "target_kind": None if target is None else target.kind.value,
        }
        if reported is not None:
            inputs["target_from"] = "data"
        if target_value is not None:
            met = kernels.compare(current, target_value, sign) != kernels.WORSENED
            inputs["met_from"] = "value"
        elif Flag.OWN_TARGET_MET in point.flags:
            met = True
            inputs["met_from"] = "reported"
        elif Flag.OWN_TARGET_NOT_MET in point.flags:
            met = False
            inputs["met_from"] = "reported"
        else:
            return no_value(
                "target_unknown",
                "Målvärdet är okänt och det finns ingen uppgift om huruvida det nås.",
                "The target value is unknown and there is no report of whether it is met.",
                **inputs,
            )
        target_sv = (
            " ({target_value} {unit})" if target_value is not None else " (enligt verksamheten)"
        )
        target_en = (
            " ({target_value} {unit})" if target_value is not None else " (as the unit reports)"
        )
        whose_sv = "verksamhetens målvärde" if self.owner is TargetOwner.UNIT else "programmets mål"
        whose_en = (
            "the unit's own target" if self.owner is TargetOwner.UNIT else "the programme's target"
        )
        if met:
            keep = target is not None and target.kind is TargetKind.KEEP
            return Rating(
                Verdict.POSITIVE,
                Explanation(
                    "target_met",
                    inputs,
                    {"met": True},
                    f"{{current}} {{unit}} {{period}} når {whose_sv}{target_sv}"
                    + (", som ska hållas varje år." if keep else "."),
                    f"{{current}} {{unit}} in {{period}} meets {whose_en}{target_en}"
                    + (", to be kept every year." if keep else "."),
                ),
            )
        if (
            target_value is not None
            and self.near_band > 0
            and kernels.compare(current, target_value, sign, self.near_band * abs(target_value))
            == kernels.SAME
        ):
            inputs["near_band"] = self.near_band
            inputs["near_band_percent"] = 100.0 * self.near_band
            return Rating(
                self.near,
                Explanation(
                    "near_target",
                    inputs,
                    {"met": False, "gap": (current - target_value) * sign},
                    f"{{current}} {{unit}} {{period}} når inte {whose_sv}{target_sv}, men "
                    "ligger inom {near_band_percent} % av det.",
                    f"{{current}} {{unit}} in {{period}} falls short of {whose_en}{target_en}, "
                    "but lies within {near_band_percent} % of it.",
                ),
            )
        prev = series.previous(period)
        if prev is None or prev.value is None:
            return Rating(
                self.short_without_history,
                Explanation(
                    "short_without_history",
                    inputs,
                    {"met": False},
                    f"{{current}} {{unit}} {{period}} når inte {whose_sv}{target_sv}, och "
                    "det finns inget tidigare utfall att jämföra med.",
                    f"{{current}} {{unit}} in {{period}} falls short of {whose_en}{target_en}, "
                    "and there is no earlier outcome to compare with.",
                ),
            )
        code = kernels.compare(current, prev.value, sign)
        inputs.update(previous=prev.value, previous_period=prev.period)
        computed: dict[str, Figure] = {"met": False, "change": current - prev.value}
        if code == kernels.IMPROVED:
            verdict, reason = self.short_but_improving, "short_but_improving"
            sv_move, en_move, sv_and, en_and = "bättre än", "better than", "men", "but"
        elif code == kernels.SAME:
            verdict, reason = self.short_and_unchanged, "short_and_unchanged"
            sv_move, en_move, sv_and, en_and = "lika med", "equal to", "och", "and"
        else:
            verdict, reason = self.short_and_worse, "short_and_worse"
            sv_move, en_move, sv_and, en_and = "sämre än", "worse than", "och", "and"
        return Rating(
            verdict,
            Explanation(
                reason,
                inputs,
                computed,
                f"{{current}} {{unit}} {{period}} är {sv_move} {{previous}} {{unit}} "
                f"{{previous_period}} {sv_and} når inte {whose_sv}{target_sv}.",
                f"{{current}} {{unit}} in {{period}} is {en_move} {{previous}} {{unit}} in "
                f"{{previous_period}} {en_and} falls short of {whose_en}{target_en}.",
            ),
        )

    def _reported(self, own_target: float | None) -> float | None:
        """The entity's own target from the data, when it counts (the unit's own)."""
        if self.owner is TargetOwner.UNIT and self.target_value is None:
            return own_target
        return None

    def _target_value(
        self, target: Target | None, metric: Metric, series: Series, period: int
    ) -> float | None:
        if self.target_value is not None:
            return self.target_value
        if target is None:
            return None
        found = resolve_target(target, metric_unit=metric.unit, period=period,
                               base_value=base_value_for(target, metric, series.value),
                               direction=metric.direction, bound=self.bound)
        return None if found is None else found[0]
