"""Against a base value.

The period's outcome is compared with a base year's or the previous period's, in the
desired direction, with a dead band for marginal change.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import attrs
import numpy as np

from indikator.errors import InputError
from indikator.series import Series
from indikator.strategies import kernels
from indikator.strategies._text import Edge, no_current, no_value, rate_with_edge
from indikator.verdict import Explanation, Rating, Verdict

if TYPE_CHECKING:
    from indikator.kernels import Outcome
    from indikator.strategies.columns import Index, Rows

__all__ = ["Reference", "VsBase"]


class Reference(enum.Enum):
    """What the outcome is compared with."""

    PREVIOUS = "previous"
    """The latest earlier period with a value (since the last series break)."""
    BASE = "base"
    """The metric's base year (its outcome in the data, else the metric's base value)."""


def _non_negative(_inst: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not isinstance(value, (int, float)) or not value >= 0 or value == float("inf"):
        raise InputError("must be a finite number >= 0", field=attribute.name, value=value)


_VERDICT = {
    kernels.IMPROVED: Verdict.POSITIVE,
    kernels.SAME: Verdict.UNCHANGED,
    kernels.WORSENED: Verdict.NEGATIVE,
}
_REASON = {
    kernels.IMPROVED: "improved",
    kernels.SAME: "within_dead_band",
    kernels.WORSENED: "worsened",
}
_SV = {
    kernels.IMPROVED: "{current} {unit} {period} mot {reference} {unit} {reference_period}: "
    "förändringen {change} {change_unit_sv} går i önskad riktning.",
    kernels.SAME: "{current} {unit} {period} mot {reference} {unit} {reference_period}: "
    "förändringen {change} {change_unit_sv} ryms inom marginalen ±{band} {change_unit_sv}.",
    kernels.WORSENED: "{current} {unit} {period} mot {reference} {unit} {reference_period}: "
    "förändringen {change} {change_unit_sv} går i oönskad riktning.",
}
_EN = {
    kernels.IMPROVED: "{current} {unit} in {period} against {reference} {unit} in "
    "{reference_period}: the change {change} {change_unit_en} is in the desired direction.",
    kernels.SAME: "{current} {unit} in {period} against {reference} {unit} in "
    "{reference_period}: the change {change} {change_unit_en} is within the dead band "
    "±{band} {change_unit_en}.",
    kernels.WORSENED: "{current} {unit} in {period} against {reference} {unit} in "
    "{reference_period}: the change {change} {change_unit_en} is in the undesired direction.",
}


def _change_unit(unit: str | None, lang: str) -> str:
    """The unit of a change: a change of a percentage is in percentage points."""
    if unit is not None and unit.strip() in ("%", "procent", "percent"):
        return "procentenheter" if lang == "sv" else "percentage points"
    return unit or ""


@attrs.frozen(kw_only=True)
class VsBase:
    """Rate the change from a reference value in the desired direction.

    Attributes:
        reference: Compare with the previous period (default) or the base year.
        dead_band: A change of at most this size, in the metric's unit, is "unchanged".
        relative_dead_band: A change of at most this share of ``|reference|``
            (``0.02`` = 2 %) is "unchanged". The larger of the two bands applies.

    Verdicts: improved beyond the band → positive; within the band (inclusive) →
    unchanged; worsened beyond the band → negative. No outcome for the period, or no
    reference → no value (``no_current_value``, ``no_reference_value``). A zero or
    negative reference works as any other number; a zero reference has no relative band.
    """

    id: ClassVar[str] = "vs_base"
    reference: Reference = attrs.field(default=Reference.PREVIOUS, converter=Reference)
    dead_band: float = attrs.field(default=0.0, validator=_non_negative)
    relative_dead_band: float = attrs.field(default=0.0, validator=_non_negative)

    @classmethod
    def rate_columns(cls, strategies: Sequence[VsBase], which: Index, rows: Rows) -> Outcome:
        """Rate many rows at once (row ``i`` with ``strategies[which[i]]``)."""
        from indikator.kernels.vs_base import vs_base, vs_base_edge
        from indikator.strategies.columns import derived, metric_columns, param

        cols = metric_columns(rows.frame)
        m = rows.metric
        previous, _ = rows.previous()
        base = rows.value_in(cols["base_year"][m])
        base = np.where(np.isnan(base), cols["base_value"][m], base)
        use_previous = derived(strategies, which, "vs_base.previous",
                               lambda s: s.reference is Reference.PREVIOUS, bool)
        band = param(strategies, which, "dead_band")
        relative = param(strategies, which, "relative_dead_band")
        current = rows.current()
        out = vs_base(current, np.where(use_previous, previous, base), cols["sign"][m], band,
                      relative)
        # what it would take: the next period is compared with this one, or with the base
        # (which it would itself be when the base year is the next period)
        ahead = np.where(use_previous, current,
                         np.where(cols["base_year"][m] == rows.period + 1, np.nan, base))
        ahead[np.isnan(current)] = np.nan
        edge = vs_base_edge(ahead, cols["sign"][m], band, relative)
        return attrs.evolve(out, figures={**out.figures, "to_positive": edge})

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``.

        An unchanged or negative rating also says what it would take: the next period's
        value that would rate positive (:meth:`next_edge`).
        """
        return rate_with_edge(self, series, period)

    def next_edge(self, series: Series, period: int) -> Edge | None:
        """The least outcome in the period after ``period`` that this rule rates positive.

        Just past the dead band around the reference the next period would have: this
        period's outcome (``previous``) or the base. ``None`` without an outcome in
        ``period`` or a reference (or when the base year is the next period itself).
        """
        current = series.value(period)
        if current is None:
            return None
        metric = series.metric
        ref: float | None = current
        if self.reference is Reference.BASE:
            year = metric.base_year
            if year is not None and year == period + 1:
                return None
            ref = None if year is None else series.value(year)
            if ref is None:
                ref = metric.base_value
        if ref is None:
            return None
        sign = metric.direction.sign
        band = kernels.band_for(ref, self.dead_band, self.relative_dead_band)
        return kernels.beyond(ref + sign * band, sign, ref, band), True

    def _rate(self, series: Series, period: int) -> Rating:
        current = series.value(period)
        if current is None:
            return no_current(self.id, period)
        metric = series.metric
        ref_value: float | None
        ref_period: int | None
        if self.reference is Reference.PREVIOUS:
            prev = series.previous(period)
            ref_value = None if prev is None else prev.value
            ref_period = None if prev is None else prev.period
        else:
            ref_period = metric.base_year
            ref_value = None if ref_period is None else series.value(ref_period)
            if ref_value is None:
                ref_value = metric.base_value
        if ref_value is None:
            return no_value(
                "no_reference_value",
                (
                    "Det finns inget tidigare utfall att jämföra med"
                    if self.reference is Reference.PREVIOUS
                    else "Basvärde saknas"
                )
                + ", så utvecklingen kan inte bedömas.",
                (
                    "There is no earlier outcome to compare with"
                    if self.reference is Reference.PREVIOUS
                    else "There is no base value"
                )
                + ", so no development can be rated.",
                strategy=self.id,
                period=period,
                reference=self.reference.value,
            )
        band = kernels.band_for(ref_value, self.dead_band, self.relative_dead_band)
        code = kernels.compare(current, ref_value, metric.direction.sign, band)
        return Rating(
            _VERDICT[code],
            Explanation(
                _REASON[code],
                {
                    "strategy": self.id,
                    "period": period,
                    "current": current,
                    "reference": ref_value,
                    "reference_period": ref_period if ref_period is not None else "basvärde",
                    "reference_kind": self.reference.value,
                    "unit": metric.unit or "",
                    "change_unit_sv": _change_unit(metric.unit, "sv"),
                    "change_unit_en": _change_unit(metric.unit, "en"),
                    "direction": metric.direction.value,
                    "dead_band": self.dead_band,
                    "relative_dead_band": self.relative_dead_band,
                },
                {
                    "change": current - ref_value,
                    "relative_change": (current - ref_value) / abs(ref_value)
                    if ref_value
                    else None,
                    "band": band,
                },
                _SV[code],
                _EN[code],
            ),
        )
