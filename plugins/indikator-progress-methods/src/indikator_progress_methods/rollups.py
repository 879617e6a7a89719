"""The Open SDG indicator-level roll-up: the mean of the series' scores.

Why an :class:`~indikator.Indicator` and not a :class:`~indikator.RollUp`: a roll-up rule
sees only its children's verdicts (+1, 0, -1), while the Open SDG roll-up averages each
series' score in [-5, 5] and needs to know which series achieved their target. Both live
in the metrics' explanations (``computed["score"]`` and ``computed["target_achieved"]``,
written by :class:`~indikator_progress_methods.strategies.OpenSdgProgress`), which
:meth:`Indicator.combine` receives with the children's assessments. Averaging verdicts
instead would throw the scores away and invent a score per verdict, so no verdict-level
roll-up is offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

import attrs
from indikator import Assessment, Basis, Explanation, InputError, Label, Metric, Rating
from indikator.model import Indicator
from indikator.verdict import Figure

from indikator_progress_methods import kernels as k
from indikator_progress_methods._common import VerdictMap, not_assessable
from indikator_progress_methods.strategies import (
    OPEN_SDG_LABELS,
    OpenSdgProgress,
    open_sdg_verdicts,
)

__all__ = ["OpenSdgIndicator"]



_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def _check_id(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise InputError(
            "an id is lower-case letters, digits, '-', '_' or '.', starting with a letter or digit",
            field=attribute.name,
            value=value,
        )


def _to_label(value: Label | str) -> Label:
    return value if isinstance(value, Label) else Label(value)


def _to_optional_label(value: Label | str | None) -> Label | None:
    return None if value is None else _to_label(value)


def _to_metrics(value: Sequence[Metric]) -> tuple[Metric, ...]:
    return tuple(value)


Layout = tuple["str | Layout", ...]
"""Metric ids and groups (tuples of the same, nested to any depth) in the order rolled up."""


def _to_layout(value: object) -> Layout | None:
    if value is None:
        return None
    return _layout(value, "groups")


def _layout(value: object, field: str) -> Layout:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InputError("a group is a list of metric ids and groups", field=field,
                         value=value)
    out: list[str | Layout] = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            out.append(item)
        else:
            out.append(_layout(item, f"{field}[{i}]"))
    if not out:
        raise InputError("a group needs at least one member", field=field, value=value)
    return tuple(out)


def _layout_ids(layout: Layout) -> list[str]:
    out: list[str] = []
    for item in layout:
        out.extend([item] if isinstance(item, str) else _layout_ids(item))
    return out


@attrs.frozen
class _Member:
    """One scored series, as :func:`kernels.open_sdg_rollup` reads it."""

    score: float | None
    target_achieved: bool


def _member(child: Assessment) -> _Member | None:
    """The child's Open SDG score, or None when it has none (or was judged)."""
    if child.basis is Basis.JUDGMENT or child.strategy != OpenSdgProgress.id:
        return None
    expl = child.rule_explanation or child.explanation
    score = expl.computed.get("score")
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        return None
    return _Member(float(score), expl.computed.get("target_achieved") is True)


@attrs.frozen(kw_only=True)
class OpenSdgIndicator(Indicator):
    """An indicator whose verdict is the Open SDG mean-score roll-up of its series.

    The indicator's score is the mean of the scores of its metrics rated with
    ``open_sdg_progress``; its status comes from the score bands [2.5, 5] substantial,
    [0, 2.5) moderate, [-2.5, 0) limited, [-5, -2.5) deterioration, and it is "target
    achieved" only when every scored series achieved its target. The status is mapped
    onto a verdict with ``verdicts`` (as :class:`~indikator_progress_methods.strategies.
    OpenSdgProgress` does). Metrics without a score are left out, as sdg-build leaves
    unscored series out: those not assessable, those rated by another strategy, and
    those whose verdict is a recorded judgment (a judgment replaces the rule's verdict
    and has no score; they are counted in ``computed["judged"]``). No scored metric gives
    ``no_value`` (``nothing_rated``).

    ``groups`` nests the mean as Open SDG's ``group`` option does: each group's mean
    score counts once in the indicator's mean (a group of one counts as its series; a
    group without a scored member is left out like an unscored series; groups nest), and
    a group has achieved its target when every scored member has. A metric id may appear
    more than once (Open SDG counts a series configured twice twice).

    Attributes:
        id: A stable id, unique within the programme.
        name: The indicator's statement, in Swedish and English.
        metrics: Its metrics (usually each with :class:`OpenSdgProgress`).
        target: The target as the programme states it.
        verdicts: Status → verdict (:data:`~indikator_progress_methods.strategies.
            OPEN_SDG_VERDICTS` by default).
        note: Anything a reader should know.
        groups: The metrics' ids and groups (tuples) in the order rolled up; ``None``
            (the default) averages every metric once. Every id must be one of
            ``metrics`` and every metric must appear.
    """

    rule_id: ClassVar[str] = "open_sdg_mean_score"
    id: str = attrs.field(validator=_check_id)
    name: Label = attrs.field(converter=_to_label)
    metrics: tuple[Metric, ...] = attrs.field(converter=_to_metrics)
    target: Label | None = attrs.field(default=None, converter=_to_optional_label)
    verdicts: VerdictMap = attrs.field(factory=open_sdg_verdicts, converter=open_sdg_verdicts)
    note: str | None = None
    groups: Layout | None = attrs.field(default=None, converter=_to_layout)

    def __attrs_post_init__(self) -> None:
        if self.groups is None:
            return
        known = {m.id for m in self.metrics}
        used = _layout_ids(self.groups)
        for metric_id in used:
            if metric_id not in known:
                raise InputError(f"the indicator {self.id!r} has no such metric",
                                 field="groups", value=metric_id)
        missing = [m.id for m in self.metrics if m.id not in set(used)]
        if missing:
            raise InputError(f"every metric of the indicator {self.id!r} belongs in groups",
                             field="groups", value=", ".join(missing))

    @property
    def rollup_id(self) -> str:
        """``"open_sdg_mean_score"``."""
        return self.rule_id

    def combine(self, children: Sequence[Assessment]) -> Rating:
        """The mean-score roll-up of the children's Open SDG scores."""
        members: list[_Member] = []
        by_id: dict[str, _Member] = {}
        computed: dict[str, Figure] = {}
        judged = 0
        for child in children:
            member = _member(child)
            judged += child.basis is Basis.JUDGMENT
            computed[f"metric.{child.id}.score"] = None if member is None else member.score
            by_id[child.id] = member or _Member(None, False)
            if member is not None:
                members.append(member)
        if self.groups is None:
            result = k.open_sdg_rollup(members)
        else:
            result = self._roll(self.groups, by_id, computed, "group")
            computed["series_scored"] = len(members)
        status = result.status
        labels = OPEN_SDG_LABELS[status]
        computed.update(
            category=status.value,
            category_label_sv=labels[0],
            category_label_en=labels[1],
            status=status.published,
            score=result.score,
            target_achieved=result.target_achieved,
            scored=result.scored,
            unscored=len(children) - result.scored,
            judged=judged,
            children=len(children),
        )
        inputs: dict[str, Figure] = {"rule": self.rule_id, "verdicts": self.verdicts.describe()}
        if status is k.OpenSdgStatus.NOT_ASSESSABLE:
            return not_assessable(
                (result.reason or k.Reason.NOTHING_RATED).value, inputs, computed
            )
        verdict = self.verdicts[status.value]
        if status is k.OpenSdgStatus.TARGET_ACHIEVED:
            sv = "Alla {scored} bedömda serier når sina mål: {category_label_sv}."
            en = "All {scored} rated series meet their targets: {category_label_en}."
        elif self.groups is not None and any(not isinstance(g, str) for g in self.groups):
            sv = (
                "Medelpoängen för {scored} bedömda serier och grupper (varje grupp räknas en "
                "gång) är {score} (band 2,5 / 0 / -2,5): {category_label_sv}."
            )
            en = (
                "The mean score of {scored} rated series and groups (each group counted "
                "once) is {score} (bands 2.5 / 0 / -2.5): {category_label_en}."
            )
        else:
            sv = (
                "Medelpoängen för {scored} bedömda serier är {score} (band 2,5 / 0 / -2,5): "
                "{category_label_sv}."
            )
            en = (
                "The mean score of {scored} rated series is {score} (bands 2.5 / 0 / -2.5): "
                "{category_label_en}."
            )
        return Rating(verdict, Explanation(status.value, inputs, computed, sv, en))

    def _roll(self, layout: Layout, by_id: Mapping[str, _Member],
              computed: dict[str, Figure], path: str) -> k.OpenSdgRollupResult:
        """Roll ``layout`` up, its groups first (their scores go into ``computed``)."""
        members: list[k.OpenSdgScored] = []
        number = 0
        for item in layout:
            if isinstance(item, str):
                members.append(by_id.get(item, _Member(None, False)))
                continue
            number += 1
            name = f"{path}.{number}"
            group = self._roll(item, by_id, computed, name)
            computed[f"{name}.score"] = group.score
            members.append(group)
        return k.open_sdg_rollup(members)

