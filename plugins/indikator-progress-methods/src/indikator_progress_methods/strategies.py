"""The published methods as indikator strategies.

Each strategy is a frozen attrs record of parameters with a pure
``assess(series, period) -> Rating`` that wraps one kernel of
:mod:`indikator_progress_methods.kernels`:

==========================  ====================================================
id                          record
==========================  ====================================================
``open_sdg_progress``       :class:`OpenSdgProgress`: Statistics Canada / Open SDG
``destatis_weather``        :class:`DestatisWeather`: the four weather symbols
``unsd_progress_chart``     :class:`UnsdProgressChart`: ``CR = CAGR_a / CAGR_r``
``eustat_projection``       :class:`EustatProjection`: share of the way by 2030
==========================  ====================================================

Shared rules:

* The period assessed must have an outcome (else ``no_value`` with ``no_current_value``,
  as indikator's own strategies do); it is the method's "latest value".
* The points rated are the outcomes up to the period since the last
  :attr:`~indikator.Flag.SERIES_BREAK` (the sources mention breaks only for Destatis; an
  earlier value measured another way is not comparable for any of them). The metric's
  own base value counts as an outcome of its base year when the data has none.
* Values are in the metric's unit (the core converts them); target values from a
  :class:`~indikator.Target` are converted to it here.
* The method's own category is kept in the explanation (``computed["category"]``, its
  label in Swedish and English, and for Destatis the weather symbol) with every figure
  the kernel used or computed. It is mapped onto indikator's verdict through the
  ``verdicts`` parameter (see the ``*_VERDICTS`` defaults and the README for why).
* A series the method cannot rate gives ``no_value`` with the kernel's reason code
  (``too_few_points``, ``mixed_signs``, ...), never an exception.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, Final

import attrs
from indikator import InputError, Rating, Series, Target, TargetKind, TargetOwner, Verdict
from indikator.model import Metric
from indikator.units import are_compatible, conversion_factor
from indikator.verdict import Explanation, Figure

from indikator_progress_methods import kernels as k

if TYPE_CHECKING:
    from indikator.kernels import Outcome
    from indikator.strategies.columns import Index, Rows
from indikator_progress_methods._common import (
    Prepared,
    VerdictMap,
    check_bool,
    check_finite,
    check_year,
    not_assessable,
    percent,
    prepare,
    record_figures,
    target_in_metric_unit,
    to_optional_float,
    verdict_map_converter,
)

__all__ = [
    "DESTATIS_LABELS",
    "DESTATIS_SYMBOLS",
    "DESTATIS_VERDICTS",
    "EUSTAT_LABELS",
    "EUSTAT_VERDICTS",
    "OPEN_SDG_LABELS",
    "OPEN_SDG_VERDICTS",
    "UNSD_LABELS",
    "UNSD_VERDICTS",
    "DestatisWeather",
    "EustatProjection",
    "OpenSdgProgress",
    "UnsdProgressChart",
    "VerdictMap",
    "destatis_verdicts",
    "eustat_verdicts",
    "open_sdg_verdicts",
    "unsd_verdicts",
]

_P, _U, _N = Verdict.POSITIVE, Verdict.UNCHANGED, Verdict.NEGATIVE

# --------------------------------------------------------------------------------------
# Default mappings and labels
# --------------------------------------------------------------------------------------

OPEN_SDG_VERDICTS: Final[Mapping[k.OpenSdgStatus, Verdict]] = MappingProxyType(
    {
        k.OpenSdgStatus.TARGET_ACHIEVED: _P,
        k.OpenSdgStatus.SUBSTANTIAL: _P,
        k.OpenSdgStatus.MODERATE: _U,
        k.OpenSdgStatus.LIMITED: _U,
        k.OpenSdgStatus.DETERIORATION: _N,
    }
)
"""Default Open SDG mapping: achieved and substantial ("on track") are positive; moderate
("acceleration needed") and limited progress are unchanged, the Swedish scale's
"unchanged or insufficient development"; deterioration is negative."""

DESTATIS_VERDICTS: Final[Mapping[k.Weather, Verdict]] = MappingProxyType(
    {
        k.Weather.SUN: _P,
        k.Weather.PARTLY_CLOUDY: _U,
        k.Weather.CLOUD: _U,
        k.Weather.THUNDERSTORM: _N,
    }
)
"""Default Destatis mapping: sun positive; partly cloudy and cloud unchanged (right
direction but short of the target, met but worsening, or mixed signals: "insufficient");
thunderstorm (wrong direction) negative."""

UNSD_VERDICTS: Final[Mapping[k.UnsdCategory, Verdict]] = MappingProxyType(
    {
        k.UnsdCategory.ON_TRACK: _P,
        k.UnsdCategory.FAIR: _U,
        k.UnsdCategory.LIMITED: _U,
        k.UnsdCategory.DETERIORATION: _N,
    }
)
"""Default UNSD mapping: on track positive; fair ("acceleration needed") and limited or no
progress unchanged; deterioration negative."""

EUSTAT_VERDICTS: Final[Mapping[k.EustatCategory, Verdict]] = MappingProxyType(
    {
        k.EustatCategory.ACHIEVED: _P,
        k.EustatCategory.ON_TRACK: _P,
        k.EustatCategory.NEEDS_ACCELERATION: _U,
        k.EustatCategory.STAGNATION_OR_REGRESSION: _N,
    }
)
"""Default EUSTAT mapping, level for level of its three-step score: 3 (achieved, on track)
positive, 2 (acceleration needed) unchanged, 1 (stagnation or regression) negative."""

OPEN_SDG_LABELS: Final[Mapping[k.OpenSdgStatus, tuple[str, str]]] = MappingProxyType(
    {
        k.OpenSdgStatus.TARGET_ACHIEVED: ("målet nått", "target achieved"),
        k.OpenSdgStatus.SUBSTANTIAL: (
            "betydande framsteg, i rätt takt",
            "substantial progress, on track",
        ),
        k.OpenSdgStatus.MODERATE: (
            "måttliga framsteg, takten behöver öka",
            "moderate progress, acceleration needed",
        ),
        k.OpenSdgStatus.LIMITED: ("begränsade framsteg", "limited progress"),
        k.OpenSdgStatus.DETERIORATION: ("försämring", "deterioration"),
        k.OpenSdgStatus.NOT_ASSESSABLE: ("kan inte bedömas", "unable to assess"),
    }
)
"""Open SDG status labels (Swedish, English)."""

DESTATIS_LABELS: Final[Mapping[k.Weather, tuple[str, str]]] = MappingProxyType(
    {
        k.Weather.SUN: ("sol", "sun"),
        k.Weather.PARTLY_CLOUDY: ("växlande molnighet", "partly cloudy"),
        k.Weather.CLOUD: ("moln", "cloud"),
        k.Weather.THUNDERSTORM: ("åska", "thunderstorm"),
        k.Weather.NONE: ("ingen bedömning", "no assessment"),
    }
)
"""Destatis weather labels (Swedish, English)."""

DESTATIS_SYMBOLS: Final[Mapping[k.Weather, str]] = MappingProxyType(
    {
        k.Weather.SUN: "☀",
        k.Weather.PARTLY_CLOUDY: "⛅",
        k.Weather.CLOUD: "☁",
        k.Weather.THUNDERSTORM: "⛈",
        k.Weather.NONE: "–",
    }
)
"""The weather symbols as text."""

UNSD_LABELS: Final[Mapping[k.UnsdCategory, tuple[str, str]]] = MappingProxyType(
    {
        k.UnsdCategory.ON_TRACK: (
            "betydande framsteg, i rätt takt",
            "substantial progress, on track",
        ),
        k.UnsdCategory.FAIR: (
            "vissa framsteg, takten behöver öka",
            "fair progress, acceleration needed",
        ),
        k.UnsdCategory.LIMITED: ("begränsade eller inga framsteg", "limited or no progress"),
        k.UnsdCategory.DETERIORATION: ("försämring", "deterioration"),
        k.UnsdCategory.NOT_ASSESSABLE: ("kan inte bedömas", "not assessable"),
    }
)
"""UNSD progress-chart labels (Swedish, English)."""

EUSTAT_LABELS: Final[Mapping[k.EustatCategory, tuple[str, str]]] = MappingProxyType(
    {
        k.EustatCategory.ACHIEVED: ("målet nått", "target achieved"),
        k.EustatCategory.ON_TRACK: ("i rätt takt", "on track"),
        k.EustatCategory.NEEDS_ACCELERATION: (
            "framsteg, takten behöver öka",
            "progress, acceleration needed",
        ),
        k.EustatCategory.STAGNATION_OR_REGRESSION: (
            "stagnation eller tillbakagång",
            "stagnation or regression",
        ),
        k.EustatCategory.NOT_ASSESSABLE: ("ingen bedömning", "no assessment"),
    }
)
"""EUSTAT labels (Swedish, English)."""

# The Open SDG zero replacement, as sentences write it (the figure formatter would round
# it to 0).
_ZERO_SV: Final = f"{k.OPEN_SDG_ZERO_REPLACEMENT:g}".replace(".", ",")
_ZERO_EN: Final = f"{k.OPEN_SDG_ZERO_REPLACEMENT:g}"

_OPEN_SDG_MAP = verdict_map_converter(k.OpenSdgStatus, OPEN_SDG_VERDICTS)
_DESTATIS_MAP = verdict_map_converter(k.Weather, DESTATIS_VERDICTS)
_UNSD_MAP = verdict_map_converter(k.UnsdCategory, UNSD_VERDICTS)
_EUSTAT_MAP = verdict_map_converter(k.EustatCategory, EUSTAT_VERDICTS)


def open_sdg_verdicts(value: object = None) -> VerdictMap:
    """Build an Open SDG status → verdict mapping over :data:`OPEN_SDG_VERDICTS`."""
    return _OPEN_SDG_MAP(value)


def destatis_verdicts(value: object = None) -> VerdictMap:
    """Build a Destatis symbol → verdict mapping over :data:`DESTATIS_VERDICTS`."""
    return _DESTATIS_MAP(value)


def unsd_verdicts(value: object = None) -> VerdictMap:
    """Build a UNSD category → verdict mapping over :data:`UNSD_VERDICTS`."""
    return _UNSD_MAP(value)


def eustat_verdicts(value: object = None) -> VerdictMap:
    """Build an EUSTAT category → verdict mapping over :data:`EUSTAT_VERDICTS`."""
    return _EUSTAT_MAP(value)


def _to_owner(value: TargetOwner | str | None) -> TargetOwner | None:
    if value is None or isinstance(value, TargetOwner):
        return value
    try:
        return TargetOwner(value)
    except ValueError:
        from indikator import InputError

        choices = ", ".join(o.value for o in TargetOwner)
        raise InputError(f"expected one of {choices}", field="owner", value=value) from None


# --------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------


def _base_inputs(strategy: str, series: Series, period: int, verdicts: VerdictMap) -> dict[
    str, Figure
]:
    metric = series.metric
    return {
        "strategy": strategy,
        "period": period,
        "unit": metric.unit or "",
        "direction": metric.direction.value,
        "verdicts": verdicts.describe(),
    }


def _prep_figures(prep: Prepared) -> dict[str, Figure]:
    return {
        "points": len(prep.years),
        "break_year": prep.break_year,
        "dropped_before_break": prep.dropped,
        "metric_base_value_used": prep.base_added,
    }


def _category_figures(
    category: str, labels: tuple[str, str], verdicts: VerdictMap
) -> dict[str, Figure]:
    try:
        mapped: Figure = verdicts[category].value
    except KeyError:
        mapped = Verdict.NO_VALUE.value
    return {
        "category": category,
        "category_label_sv": labels[0],
        "category_label_en": labels[1],
        "mapped_verdict": mapped,
    }


def _programme_target(
    metric: Metric, value: float | None, year: int | None
) -> tuple[float | None, int, str | None]:
    """The target a CAGR method rates against: a parameter, else the programme target.

    Returns ``(value, year, source)``; the year falls back to the target's year and then
    to 2030; ``source`` is ``"parameter"``, ``"metric"`` or ``None`` (no target).
    """
    target = metric.target(TargetOwner.PROGRAMME)
    target_year = year
    if target_year is None and target is not None:
        target_year = target.year
    if target_year is None:
        target_year = k.DEFAULT_TARGET_YEAR
    if value is not None:
        return value, target_year, "parameter"
    if target is None:
        return None, target_year, None
    converted = target_in_metric_unit(target, metric)
    return converted, target_year, None if converted is None else "metric"


def _preferred_base(parameter: int | None, metric: Metric) -> int:
    if parameter is not None:
        return parameter
    return metric.base_year if metric.base_year is not None else k.DEFAULT_BASE_YEAR


# --------------------------------------------------------------------------------------
# Statistics Canada / Open SDG
# --------------------------------------------------------------------------------------


def _to_thresholds(value: object) -> tuple[tuple[str, float], ...]:
    """``progress_thresholds`` as sorted (key, value) pairs, each key once, each finite."""
    if value is None:
        return ()
    items = list(value.items()) if isinstance(value, Mapping) else value
    if isinstance(items, (str, bytes)) or not isinstance(items, (list, tuple)):
        raise InputError("progress_thresholds is a mapping of high, med and low to numbers",
                         field="progress_thresholds", value=value)
    out: dict[str, float] = {}
    for item in items:
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise InputError("progress_thresholds is a mapping of high, med and low to "
                             "numbers", field="progress_thresholds", value=value)
        key, number = item
        if key not in k.OPEN_SDG_THRESHOLD_KEYS or key in out:
            raise InputError("a threshold is one of high, med and low, each given once",
                             field="progress_thresholds", value=key)
        if (isinstance(number, bool) or not isinstance(number, (int, float))
                or not math.isfinite(number)):
            raise InputError("must be a finite number", field=f"progress_thresholds.{key}",
                             value=number)
        out[key] = float(number)
    return tuple(sorted(out.items()))


def _to_score_rule(value: object) -> k.OpenSdgScoreRule:
    if isinstance(value, k.OpenSdgScoreRule):
        return value
    try:
        return k.OpenSdgScoreRule(value)
    except ValueError:
        choices = ", ".join(r.value for r in k.OpenSdgScoreRule)
        raise InputError(f"the score rule is one of {choices}", field="score_rule",
                         value=value) from None


@attrs.frozen(kw_only=True)
class OpenSdgProgress:
    """The Statistics Canada / Open SDG progress measure, as a strategy.

    Growth from the base year to the period (``CAGR_a``) in the desired direction,
    against fixed thresholds (1.5 % / 0.5 % / 0 a year) without a target, or as a share
    of the growth the target requires (0.95 / 0.60 / 0) with one; a latest value that
    meets the target is "target achieved". The score in [-5, 5] is kept in the
    explanation (``computed["score"]``) for :class:`~indikator_progress_methods.rollups.
    OpenSdgIndicator`.

    Attributes:
        use_target: Rate against a target (the ``target_value`` parameter, else the
            metric's programme target, if it has a value); ``False`` always uses the
            no-target measure.
        target_value: A target in the metric's unit, overriding the metric's.
        target_year: The target year; by default the target's own year, else 2030.
        base_year: The preferred base year: it is used when it has an outcome, else the
            next year that has one (the Open SDG rule, default 2015). ``None`` uses the
            metric's base year (2015 when it has none).
        limit: A natural limit in the metric's unit (e.g. 100 for a share in %), scaling
            the positive thresholds of the no-target measure as the base value nears it.
            A limit behind the base value in the desired direction is ignored
            (``computed["limit_ignored"]``), as the method applies limits only in the
            direction of progress.
        verdicts: Status → verdict (:data:`OPEN_SDG_VERDICTS` by default); give only the
            statuses to change, e.g. ``{"moderate_progress": "positive"}``.
        progress_thresholds: Overrides of the thresholds ``high``, ``med`` and ``low``
            (an Open SDG configuration's ``progress_thresholds``), as a mapping or as
            (key, value) pairs; stored as sorted pairs. Without a target they are scaled
            by the natural-limit factor like the defaults.
        score_rule: How the score is drawn: ``"bands"`` (exact lines, kept inside the
            status' band; the default) or ``"sdg_build"`` (sdg-build's published
            scores, to the last digit); see :class:`~indikator_progress_methods.kernels.
            OpenSdgScoreRule`.

    The explanation keeps sdg-build's status name in ``computed["status"]``
    (``not_available`` where ``category`` says ``not_assessable``), also for a period
    without an outcome.
    """

    id: ClassVar[str] = "open_sdg_progress"
    use_target: bool = attrs.field(default=True, validator=check_bool)
    target_value: float | None = attrs.field(
        default=None, converter=to_optional_float, validator=check_finite
    )
    target_year: int | None = attrs.field(default=None, validator=check_year)
    base_year: int | None = attrs.field(default=k.DEFAULT_BASE_YEAR, validator=check_year)
    limit: float | None = attrs.field(
        default=None, converter=to_optional_float, validator=check_finite
    )
    verdicts: VerdictMap = attrs.field(factory=open_sdg_verdicts, converter=open_sdg_verdicts)
    progress_thresholds: tuple[tuple[str, float], ...] = attrs.field(
        default=(), converter=_to_thresholds
    )
    score_rule: k.OpenSdgScoreRule = attrs.field(
        default=k.OpenSdgScoreRule.BANDS, converter=_to_score_rule
    )

    @classmethod
    def rate_columns(
        cls, strategies: Sequence[OpenSdgProgress], which: Index, rows: Rows
    ) -> Outcome:
        """Rate many rows at once (row ``i`` with ``strategies[which[i]]``), as ``assess``."""
        from indikator_progress_methods import columns as c

        win = c.Windows(rows)
        target, target_year, preferred, limit, high, med, low = c.pair_columns(
            strategies, which, rows, _open_sdg_pair, 7, win.has_current
        )
        table = c.verdict_table((s.verdicts.as_dict() for s in strategies), list(k.OpenSdgStatus))
        return c.open_sdg(win, target, target_year, preferred, limit, table[which],
                          thresholds=(high, med, low))

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``."""
        inputs = _base_inputs(self.id, series, period, self.verdicts)
        metric = series.metric
        d = metric.direction.sign
        target, target_year, source = (None, k.DEFAULT_TARGET_YEAR, None)
        if self.use_target:
            target, target_year, source = _programme_target(
                metric, self.target_value, self.target_year
            )
        preferred = _preferred_base(self.base_year, metric)
        given = dict(self.progress_thresholds)
        if given:
            inputs.update({f"progress_threshold_{key}": v for key, v in given.items()})
        if self.score_rule is not k.OpenSdgScoreRule.BANDS:
            inputs["score_rule"] = self.score_rule.value
        if series.value(period) is None:
            missing = k.OpenSdgStatus.NOT_ASSESSABLE
            return not_assessable("no_current_value", inputs, {
                **_category_figures(missing.value, OPEN_SDG_LABELS[missing], self.verdicts),
                "status": missing.published,
                "score": None,
                "progress_value": None,
                "base_year": preferred,
                "base_value": None,
                "current_year": None,
                "current_value": None,
                "direction": d,
                "target": None if target is None else k.open_sdg_zero_replaced(target),
                "target_year": target_year if target is not None else None,
                "limit": self.limit if target is None else None,
            })
        prep = prepare(series, period)
        inputs.update(
            preferred_base_year=preferred, target_from=source, limit_parameter=self.limit
        )

        def rate(limit: float | None) -> k.OpenSdgSeriesResult:
            return k.open_sdg_series_progress_from_points(
                prep.years,
                prep.values,
                direction=d,
                target=target,
                target_year=target_year,
                limit=limit,
                base_year=preferred,
                progress_thresholds=given or None,
                score_rule=self.score_rule,
            )

        result = rate(self.limit)
        limit_ignored = False
        if (
            self.limit is not None
            and target is None
            and result.base_value is not None
            and d * (self.limit - result.base_value) < 0
        ):
            result, limit_ignored = rate(None), True
        status = result.status
        computed: dict[str, Figure] = {
            **_category_figures(status.value, OPEN_SDG_LABELS[status], self.verdicts),
            "status": status.published,
            **record_figures(result, skip=("thresholds", "status")),
            "threshold_high": result.thresholds.high,
            "threshold_med": result.thresholds.med,
            "threshold_low": result.thresholds.low,
            "threshold_high_percent": percent(result.thresholds.high),
            "threshold_med_percent": percent(result.thresholds.med),
            "cagr_a_percent": percent(result.cagr_a),
            "cagr_r_percent": percent(result.cagr_r),
            "progress_percent": percent(result.progress_value),
            "limit_ignored": limit_ignored,
            **_prep_figures(prep),
        }
        # The method replaces a base or target of exactly 0 by 0.001 (in the metric's
        # unit); the sentences say so, and show the 0 the data has.
        base_sv, base_en = "{base_value} {unit} ({base_year})", "{base_value} {unit} ({base_year})"
        target_sv, target_en = "{target} {unit}", "{target} {unit}"
        if result.base_value_replaced:
            computed["base_value_given"] = 0.0
            base_sv = "0 {unit} ({base_year}; metoden räknar det som " + _ZERO_SV + " {unit})"
            base_en = "0 {unit} ({base_year}; the method counts it as " + _ZERO_EN + " {unit})"
        if result.target_replaced:
            computed["target_given"] = 0.0
            target_sv = "0 {unit} (som metoden räknar som " + _ZERO_SV + " {unit})"
            target_en = "0 {unit} (which the method counts as " + _ZERO_EN + " {unit})"
        if status is k.OpenSdgStatus.NOT_ASSESSABLE:
            reason = (result.reason or k.Reason.NO_DATA).value
            note: tuple[str, str] | None = None
            if reason == k.Reason.MIXED_SIGNS.value and result.base_value_replaced:
                note = (
                    f"Basvärdet är {base_sv} och det senaste värdet {{current_value}} {{unit}}.",
                    f"The base value is {base_en} and the latest value {{current_value}} "
                    "{unit}.",
                )
            elif reason == k.Reason.TARGET_SIGN_MISMATCH.value and (
                result.target_replaced or result.base_value_replaced
            ):
                note = (
                    f"Basvärdet är {base_sv} och målet {target_sv}.",
                    f"The base value is {base_en} and the target {target_en}.",
                )
            return not_assessable(reason, inputs, computed, note=note)
        verdict = self.verdicts[status.value]
        tail_sv = ": {category_label_sv} (poäng {score})."
        tail_en = ": {category_label_en} (score {score})."
        if status is k.OpenSdgStatus.TARGET_ACHIEVED:
            sv = "{current_value} {unit} ({current_year}) når målet " + target_sv + tail_sv
            en = "{current_value} {unit} ({current_year}) meets the target " + target_en + tail_en
        elif result.has_target:
            sv = (
                f"Från {base_sv} till {{current_value}} {{unit}} "
                "({current_year}) är den årliga förändringen {cagr_a_percent} %, mot "
                f"{{cagr_r_percent}} % per år som målet {target_sv} år {{target_year}} "
                "kräver; framstegsvärdet {progress_value} (gränser {threshold_high} och "
                "{threshold_med})" + tail_sv
            )
            en = (
                f"From {base_en} to {{current_value}} {{unit}} "
                "({current_year}) the annual growth is {cagr_a_percent} %, against the "
                f"{{cagr_r_percent}} % a year the target {target_en} in {{target_year}} "
                "requires; progress value {progress_value} (thresholds {threshold_high} and "
                "{threshold_med})" + tail_en
            )
        else:
            sv = (
                f"Från {base_sv} till {{current_value}} {{unit}} "
                "({current_year}) är den årliga förändringen i önskad riktning "
                "{progress_percent} % (gränser {threshold_high_percent} % och "
                "{threshold_med_percent} %)" + tail_sv
            )
            en = (
                f"From {base_en} to {{current_value}} {{unit}} "
                "({current_year}) the annual growth in the desired direction is "
                "{progress_percent} % (thresholds {threshold_high_percent} % and "
                "{threshold_med_percent} %)" + tail_en
            )
        return Rating(verdict, Explanation(status.value, inputs, computed, sv, en))


# --------------------------------------------------------------------------------------
# Destatis weather symbols
# --------------------------------------------------------------------------------------


@attrs.frozen
class _DestatisTarget:
    """One target the Destatis strategy rates: level (with a year), keep, or direction."""

    kind: TargetKind
    value: float | None = None
    year: int | None = None


@attrs.frozen(kw_only=True)
class DestatisWeather:
    """The Destatis weather symbols (German Sustainable Development Strategy).

    The average annual change over the last six outcomes (at least four; since the last
    series break; non-annual data by the actual year span) is rated by the kind of each
    target of the metric:

    * a target value with a year (:attr:`TargetKind.LEVEL`): the change is projected to
      the target year and the shortfall compared with the remaining distance (sun below
      5 %, partly cloudy up to 20 %, cloud beyond while moving towards it, thunderstorm
      when moving away); a target already met is rated as one to keep;
    * a target to keep every year (:attr:`TargetKind.KEEP`): met and not worsening sun,
      met and worsening partly cloudy, not met but moving towards it cloud, otherwise
      thunderstorm;
    * a direction only (:attr:`TargetKind.DIRECTION`, or no target at all): the average
      change and the last single change, each right or not.

    Several level targets (target years) of the metric: the next one from the period on
    is rated (Destatis: "the next target year"). Each level, keep and direction target is
    rated and the worst symbol wins; targets that cannot be rated are left out.

    Attributes:
        owner: Whose targets: the programme's (default), the unit's own, or ``None`` for
            every target of the metric.
        target_value: A target in the metric's unit, replacing the metric's targets: with
            ``target_year`` a level target, without one a target to keep every year.
        target_year: The target year of ``target_value``.
        direction_only: Rate the direction only, whatever the targets.
        default_target_year: The year of a level target that has none (2030).
        verdicts: Symbol → verdict (:data:`DESTATIS_VERDICTS` by default), e.g.
            ``{"partly_cloudy": "positive"}``.
    """

    id: ClassVar[str] = "destatis_weather"
    owner: TargetOwner | None = attrs.field(default=TargetOwner.PROGRAMME, converter=_to_owner)
    target_value: float | None = attrs.field(
        default=None, converter=to_optional_float, validator=check_finite
    )
    target_year: int | None = attrs.field(default=None, validator=check_year)
    direction_only: bool = attrs.field(default=False, validator=check_bool)
    default_target_year: int = attrs.field(default=k.DEFAULT_TARGET_YEAR, validator=check_year)
    verdicts: VerdictMap = attrs.field(factory=destatis_verdicts, converter=destatis_verdicts)

    @classmethod
    def rate_columns(
        cls, strategies: Sequence[DestatisWeather], which: Index, rows: Rows
    ) -> Outcome:
        """Rate many rows at once (row ``i`` with ``strategies[which[i]]``), as ``assess``.

        A row's targets depend on its strategy, metric and period (the next level target
        from the period on), so they are listed once per distinct (strategy, metric,
        period) of the rows with an outcome; the array kernel rates every (row, target)
        and keeps each row's worst symbol.
        """
        import numpy as np
        from indikator.strategies.columns import pairs

        from indikator_progress_methods import columns as c

        win = c.Windows(rows)
        found, pair = pairs(which, rows.metric)
        span = int(rows.period.max(initial=0)) + 1
        key = np.where(win.has_current, pair * span + rows.period, -1)
        distinct, combo = np.unique(key, return_inverse=True)
        kinds: list[int] = []
        values: list[float] = []
        years: list[float] = []
        counts: list[int] = []
        for kk in distinct.tolist():
            if kk < 0:  # rows without an outcome: one placeholder, never rated
                encoded = [(c.DESTATIS_DIRECTION, _NAN, _NAN)]
            else:
                w, m = found[kk // span]
                s = strategies[w]
                encoded = [s._encode(t) for t in s._targets(rows.frame.metrics[m], kk % span)]
            for code, value, year in encoded:
                kinds.append(code)
                values.append(value)
                years.append(year)
            counts.append(len(encoded))
        per_combo = np.asarray(counts, dtype=np.int64)
        first = np.r_[0, np.cumsum(per_combo)[:-1]].astype(np.int64)
        per_row = per_combo[combo]
        task_row = np.repeat(np.arange(len(rows), dtype=np.int64), per_row)
        within = np.arange(len(task_row), dtype=np.int64) - np.repeat(
            np.cumsum(per_row) - per_row, per_row)
        task = first[combo][task_row] + within
        table = c.verdict_table((s.verdicts.as_dict() for s in strategies), list(k.Weather))
        return c.destatis(
            win, task_row, np.asarray(kinds, np.int64)[task], np.asarray(values)[task],
            np.asarray(years)[task], table[which],
        )

    def _encode(self, target: _DestatisTarget) -> tuple[int, float, float]:
        """A target as the array kernel's (kind, value, year), as :meth:`_rate` reads it."""
        from indikator_progress_methods import columns as c

        if target.kind is TargetKind.LEVEL and target.value is not None:
            year = target.year if target.year is not None else self.default_target_year
            return c.DESTATIS_LEVEL, target.value, float(year)
        if target.kind is TargetKind.KEEP and target.value is not None:
            return c.DESTATIS_KEEP, target.value, _NAN
        return c.DESTATIS_DIRECTION, _NAN, _NAN

    def _targets(self, metric: Metric, latest_year: int) -> list[_DestatisTarget]:
        direction = _DestatisTarget(TargetKind.DIRECTION)
        if self.direction_only:
            return [direction]
        if self.target_value is not None:
            kind = TargetKind.KEEP if self.target_year is None else TargetKind.LEVEL
            return [_DestatisTarget(kind, self.target_value, self.target_year)]
        chosen: list[Target] = [
            t for t in metric.targets if self.owner is None or t.owner is self.owner
        ]
        levels: list[tuple[int, float]] = []
        out: list[_DestatisTarget] = []
        has_direction = False
        for t in chosen:
            value = target_in_metric_unit(t, metric)
            if value is None:
                has_direction = True
            elif t.kind is TargetKind.KEEP:
                out.append(_DestatisTarget(TargetKind.KEEP, value))
            else:
                levels.append((t.year if t.year is not None else self.default_target_year, value))
        picked = k.destatis_next_target(levels, latest_year)
        if picked is not None:
            out.insert(0, _DestatisTarget(TargetKind.LEVEL, picked[1], picked[0]))
        if has_direction or not out:
            out.append(direction)
        return out

    def _rate(self, target: _DestatisTarget, prep: Prepared, d: int) -> k.DestatisResult:
        if target.kind is TargetKind.LEVEL and target.value is not None:
            return k.destatis_target_value(
                prep.years,
                prep.values,
                target=target.value,
                target_year=target.year if target.year is not None else self.default_target_year,
                direction=d,
            )
        if target.kind is TargetKind.KEEP and target.value is not None:
            return k.destatis_keep_target(prep.years, prep.values, target=target.value, direction=d)
        return k.destatis_direction_only(prep.years, prep.values, direction=d)

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``."""
        inputs = _base_inputs(self.id, series, period, self.verdicts)
        if series.value(period) is None:
            return not_assessable("no_current_value", inputs, {})
        metric = series.metric
        d = metric.direction.sign
        prep = prepare(series, period)
        targets = self._targets(metric, period)
        results = [self._rate(t, prep, d) for t in targets]
        combined = k.destatis_worst(r.symbol for r in results)
        index = combined.deciding_index if combined.deciding_index is not None else 0
        deciding = results[index]
        symbol = combined.symbol
        computed: dict[str, Figure] = {
            **_category_figures(symbol.value, DESTATIS_LABELS[symbol], self.verdicts),
            "symbol": DESTATIS_SYMBOLS[symbol],
            **record_figures(deciding, skip=("symbol", "break_year", "dropped_before_break")),
            "window_first_year": deciding.window_years[0] if deciding.window_years else None,
            "shortfall_percent": percent(deciding.shortfall_share),
            "targets_rated": combined.rated,
            "targets_unrated": combined.unrated,
            "deciding_target": index,
            **_prep_figures(prep),
        }
        if len(results) > 1:
            for i, r in enumerate(results):
                computed[f"target_{i}.symbol"] = r.symbol.value
                computed[f"target_{i}.procedure"] = r.procedure.value
                computed[f"target_{i}.target"] = r.target
                computed[f"target_{i}.target_year"] = r.target_year
                computed[f"target_{i}.reason"] = None if r.reason is None else r.reason.value
        if symbol is k.Weather.NONE:
            return not_assessable((deciding.reason or k.Reason.NO_DATA).value, inputs, computed)
        verdict = self.verdicts[symbol.value]
        tail_sv = ": {symbol} {category_label_sv}."
        tail_en = ": {symbol} {category_label_en}."
        procedure = deciding.procedure
        if procedure is k.DestatisProcedure.TARGET_VALUE:
            sv = (
                "Den genomsnittliga årliga förändringen {average_change} {unit} "
                "({window_first_year}–{latest_year}) ger {projected_value} {unit} år "
                "{target_year} mot målet {target} {unit}; det som fattas är "
                "{shortfall_percent} % av avståndet {gap} {unit}" + tail_sv
            )
            en = (
                "The average annual change {average_change} {unit} "
                "({window_first_year}–{latest_year}) gives {projected_value} {unit} in "
                "{target_year} against the target {target} {unit}; the shortfall is "
                "{shortfall_percent} % of the distance {gap} {unit}" + tail_en
            )
        elif procedure is k.DestatisProcedure.DIRECTION_ONLY:
            sv = (
                "Den genomsnittliga årliga förändringen är {average_change} {unit} och den "
                "senaste {last_change} {unit} per år" + tail_sv
            )
            en = (
                "The average annual change is {average_change} {unit} and the last one "
                "{last_change} {unit} a year" + tail_en
            )
        else:
            met_sv = "når" if deciding.target_met else "når inte"
            met_en = "meets" if deciding.target_met else "falls short of"
            sv = (
                f"{{latest_value}} {{unit}} ({{latest_year}}) {met_sv} målet {{target}} "
                "{unit}, och den genomsnittliga årliga förändringen är {average_change} "
                "{unit}" + tail_sv
            )
            en = (
                f"{{latest_value}} {{unit}} ({{latest_year}}) {met_en} the target {{target}} "
                "{unit}, and the average annual change is {average_change} {unit}" + tail_en
            )
        if len(results) > 1:
            sv = "Sämst av {targets_rated} bedömda mål: " + sv
            en = "Worst of {targets_rated} rated targets: " + en
        return Rating(verdict, Explanation(symbol.value, inputs, computed, sv, en))


# --------------------------------------------------------------------------------------
# UNSD progress chart
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class UnsdProgressChart:
    """The UNSD progress-chart ratio ``CR = CAGR_a / CAGR_r``, as a strategy.

    ``CR > 0.95`` on track, ``0.5 <= CR <= 0.95`` fair progress, ``-0.1 <= CR < 0.5``
    limited or no progress, below deterioration. Needs a target value: without one the
    verdict is ``no_value`` (``no_target``). The method infers the direction from the
    target's side of the base value; a target on the wrong side for the metric's direction
    (already met at the base) is not assessable (``target_behind_base``), since the ratio
    would then reward moving the wrong way.

    Attributes:
        target_value: A target in the metric's unit, overriding the metric's programme
            target.
        target_year: The target year; by default the target's own year, else 2030.
        base_year: The preferred base year (2015): used when it has an outcome, else the
            next year that has one; ``None`` uses the metric's base year.
        verdicts: Category → verdict (:data:`UNSD_VERDICTS` by default).
    """

    id: ClassVar[str] = "unsd_progress_chart"
    target_value: float | None = attrs.field(
        default=None, converter=to_optional_float, validator=check_finite
    )
    target_year: int | None = attrs.field(default=None, validator=check_year)
    base_year: int | None = attrs.field(default=k.DEFAULT_BASE_YEAR, validator=check_year)
    verdicts: VerdictMap = attrs.field(factory=unsd_verdicts, converter=unsd_verdicts)

    @classmethod
    def rate_columns(
        cls, strategies: Sequence[UnsdProgressChart], which: Index, rows: Rows
    ) -> Outcome:
        """Rate many rows at once (row ``i`` with ``strategies[which[i]]``), as ``assess``."""
        from indikator_progress_methods import columns as c

        win = c.Windows(rows)
        target, target_year, preferred = c.pair_columns(
            strategies, which, rows, _unsd_pair, 3, win.has_current
        )
        table = c.verdict_table((s.verdicts.as_dict() for s in strategies), list(k.UnsdCategory))
        return c.unsd(win, target, target_year, preferred, table[which])

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``."""
        inputs = _base_inputs(self.id, series, period, self.verdicts)
        current = series.value(period)
        if current is None:
            return not_assessable("no_current_value", inputs, {})
        metric = series.metric
        target, target_year, source = _programme_target(
            metric, self.target_value, self.target_year
        )
        preferred = _preferred_base(self.base_year, metric)
        inputs.update(preferred_base_year=preferred, target_from=source, target_year=target_year)
        prep = prepare(series, period)
        unrated = k.UnsdCategory.NOT_ASSESSABLE
        computed: dict[str, Figure] = {
            **_category_figures(unrated.value, UNSD_LABELS[unrated], self.verdicts),
            **_prep_figures(prep),
        }
        if target is None:
            return not_assessable("no_target", inputs, computed)
        inputs["target"] = target
        base_year = k.open_sdg_base_year(prep.years, preferred)
        if base_year is None:
            return not_assessable(k.Reason.NO_BASE_YEAR.value, inputs, computed)
        result = k.unsd_progress_ratio(
            base_year=base_year,
            base_value=prep.values[prep.years.index(base_year)],
            current_year=period,
            current_value=current,
            target=target,
            target_year=target_year,
        )
        category = result.category
        computed.update(
            _category_figures(category.value, UNSD_LABELS[category], self.verdicts),
            **record_figures(result, skip=("category",)),
            cagr_a_percent=percent(result.cagr_a),
            cagr_r_percent=percent(result.cagr_r),
        )
        if result.implied_direction is not None and result.implied_direction != (
            metric.direction.sign
        ):
            computed.update(category=k.UnsdCategory.NOT_ASSESSABLE.value)
            computed.update(mapped_verdict=Verdict.NO_VALUE.value)
            return not_assessable("target_behind_base", inputs, computed)
        if category is k.UnsdCategory.NOT_ASSESSABLE:
            return not_assessable((result.reason or k.Reason.NO_DATA).value, inputs, computed)
        sv = (
            "Från {base_value} {unit} ({base_year}) till {current_value} {unit} "
            "({current_year}) är den årliga förändringen {cagr_a_percent} %, mot "
            "{cagr_r_percent} % per år som målet {target} {unit} år {target_year} kräver; "
            "kvoten {ratio} (gränser 0,95, 0,5 och -0,1): {category_label_sv}."
        )
        en = (
            "From {base_value} {unit} ({base_year}) to {current_value} {unit} "
            "({current_year}) the annual growth is {cagr_a_percent} %, against the "
            "{cagr_r_percent} % a year the target {target} {unit} in {target_year} requires; "
            "ratio {ratio} (thresholds 0.95, 0.5 and -0.1): {category_label_en}."
        )
        return Rating(
            self.verdicts[category.value], Explanation(category.value, inputs, computed, sv, en)
        )


# --------------------------------------------------------------------------------------
# EUSTAT projection share
# --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class EustatProjection:
    """The EUSTAT (Basque statistics office) projection share, as a strategy.

    With a target: the observed growth rate since the base year is projected to the
    target year, ``y_T' = y_t * (1 + CAGR_a) ** (T - t)``, and the share of the way from
    the base value to the target, ``r = (y_T' - y_0) / (y_T - y_0)``, rated: ``r >= 0.95``
    on track, ``0.10 <= r < 0.95`` acceleration needed, below stagnation or regression.
    Without a target: ``CAGR_a`` in the desired direction against 2 % and 0.5 %. The
    latest value meeting the target is "achieved"; for targets of 0 % and 100 %, within
    ``near_bound_tolerance`` percentage points counts as met (only for metrics in a
    dimensionless unit such as ``%``; the bounds and tolerance are converted to the
    metric's unit).

    Attributes:
        use_target: Rate against a target (``target_value``, else the metric's programme
            target); ``False`` always uses the growth-rate thresholds.
        target_value: A target in the metric's unit, overriding the metric's.
        target_year: The target year; by default the target's own year, else 2030.
        base_year: The preferred base year (2015); without an outcome in it, the first
            later year with one (that leaves a later value), else the nearest earlier one.
            ``None`` uses the metric's base year.
        near_bound_tolerance: Percentage points from a 0 % or 100 % target that count as
            met (1).
        verdicts: Category → verdict (:data:`EUSTAT_VERDICTS` by default).
    """

    id: ClassVar[str] = "eustat_projection"
    use_target: bool = attrs.field(default=True, validator=check_bool)
    target_value: float | None = attrs.field(
        default=None, converter=to_optional_float, validator=check_finite
    )
    target_year: int | None = attrs.field(default=None, validator=check_year)
    base_year: int | None = attrs.field(default=k.DEFAULT_BASE_YEAR, validator=check_year)
    near_bound_tolerance: float = attrs.field(
        default=k.EUSTAT_NEAR_BOUND_TOLERANCE, converter=to_optional_float, validator=check_finite
    )
    verdicts: VerdictMap = attrs.field(factory=eustat_verdicts, converter=eustat_verdicts)

    @classmethod
    def rate_columns(
        cls, strategies: Sequence[EustatProjection], which: Index, rows: Rows
    ) -> Outcome:
        """Rate many rows at once (row ``i`` with ``strategies[which[i]]``), as ``assess``."""
        from indikator_progress_methods import columns as c

        win = c.Windows(rows)
        target, target_year, preferred, low, high, tolerance = c.pair_columns(
            strategies, which, rows, _eustat_pair, 6, win.has_current
        )
        table = c.verdict_table(
            (s.verdicts.as_dict() for s in strategies), list(k.EustatCategory)
        )
        return c.eustat(
            win, target, target_year, preferred, (low, high), tolerance, table[which]
        )

    def __attrs_post_init__(self) -> None:
        if self.near_bound_tolerance < 0:
            from indikator import InputError

            raise InputError(
                "must be >= 0", field="near_bound_tolerance", value=self.near_bound_tolerance
            )

    def _near_bounds(self, unit: str | None) -> tuple[tuple[float, ...], float]:
        """Return the 0 % and 100 % bounds and the tolerance in the metric's unit (or none)."""
        if unit is None or not are_compatible(unit, "%"):
            return (), 0.0
        factor = conversion_factor("%", unit)
        return (0.0, 100.0 * factor), self.near_bound_tolerance * factor

    def assess(self, series: Series, period: int) -> Rating:
        """Rate ``series`` for ``period``."""
        inputs = _base_inputs(self.id, series, period, self.verdicts)
        if series.value(period) is None:
            return not_assessable("no_current_value", inputs, {})
        metric = series.metric
        target, target_year, source = (None, k.DEFAULT_TARGET_YEAR, None)
        if self.use_target:
            target, target_year, source = _programme_target(
                metric, self.target_value, self.target_year
            )
        preferred = _preferred_base(self.base_year, metric)
        bounds, tolerance = self._near_bounds(metric.unit)
        inputs.update(
            preferred_base_year=preferred,
            target_from=source,
            near_bound_tolerance=self.near_bound_tolerance,
            near_bound_rule=bool(bounds),
        )
        prep = prepare(series, period)
        result = k.eustat_progress_from_points(
            prep.years,
            prep.values,
            direction=metric.direction.sign,
            target=target,
            target_year=target_year,
            base_year=preferred,
            near_bound_tolerance=tolerance,
            near_bounds=bounds,
        )
        category = result.category
        computed: dict[str, Figure] = {
            **_category_figures(category.value, EUSTAT_LABELS[category], self.verdicts),
            **record_figures(result, skip=("category",)),
            "score": category.score,
            "cagr_a_percent": percent(result.cagr_a),
            "share_percent": percent(result.share),
            **_prep_figures(prep),
        }
        if category is k.EustatCategory.NOT_ASSESSABLE:
            return not_assessable((result.reason or k.Reason.NO_DATA).value, inputs, computed)
        tail_sv = ": {category_label_sv}."
        tail_en = ": {category_label_en}."
        if category is k.EustatCategory.ACHIEVED:
            near = result.near_bound_met
            near_sv = " (inom {near_bound_tolerance} procentenheter)" if near else ""
            near_en = " (within {near_bound_tolerance} percentage points)" if near else ""
            sv = "{current_value} {unit} ({current_year}) når målet {target} {unit}"
            en = "{current_value} {unit} ({current_year}) meets the target {target} {unit}"
            if result.target_year_passed:
                sv += " (målår {target_year})"
                en += " (target year {target_year})"
            sv, en = sv + near_sv + tail_sv, en + near_en + tail_en
        elif result.target_year_passed:
            sv = (
                "Målåret {target_year} har passerats: {current_value} {unit} ({current_year}) "
                "är {share_percent} % av vägen från {base_value} {unit} ({base_year}) till "
                "målet {target} {unit} (gräns 10 %): målet nåddes inte (metodens kategori: "
                "{category_label_sv})."
            )
            en = (
                "The target year {target_year} has passed: "
                "{current_value} {unit} ({current_year}) is {share_percent} % of the way from "
                "{base_value} {unit} ({base_year}) to the target {target} {unit} (threshold "
                "10 %): the target was missed (the method's category: {category_label_en})."
            )
        elif result.has_target:
            sv = (
                "Med den årliga förändringen {cagr_a_percent} % sedan {base_year} blir värdet "
                "{projected_value} {unit} år {target_year}, {share_percent} % av vägen från "
                "{base_value} {unit} till målet {target} {unit} (gränser 95 % och 10 %)" + tail_sv
            )
            en = (
                "At the annual growth of {cagr_a_percent} % since {base_year} the value "
                "becomes {projected_value} {unit} in {target_year}, {share_percent} % of the "
                "way from {base_value} {unit} to the target {target} {unit} (thresholds 95 % and "
                "10 %)" + tail_en
            )
        else:
            sv = (
                "Den årliga förändringen sedan {base_year} är {cagr_a_percent} % (gränser 2 % "
                "och 0,5 % i önskad riktning)" + tail_sv
            )
            en = (
                "The annual growth since {base_year} is {cagr_a_percent} % (thresholds 2 % and "
                "0.5 % in the desired direction)" + tail_en
            )
        return Rating(
            self.verdicts[category.value], Explanation(category.value, inputs, computed, sv, en)
        )


# --------------------------------------------------------------------------------------
# Per-(strategy, metric) parameters of the columnar faces
# --------------------------------------------------------------------------------------

_NAN: Final = float("nan")


def _or_nan(value: float | None) -> float:
    return _NAN if value is None else float(value)


def _open_sdg_pair(s: OpenSdgProgress, metric: Metric) -> tuple[float, ...]:
    target, year = None, k.DEFAULT_TARGET_YEAR
    if s.use_target:
        target, year, _ = _programme_target(metric, s.target_value, s.target_year)
    given = dict(s.progress_thresholds)
    return (_or_nan(target), float(year), float(_preferred_base(s.base_year, metric)),
            _or_nan(s.limit), *(_or_nan(given.get(key)) for key in k.OPEN_SDG_THRESHOLD_KEYS))


def _unsd_pair(s: UnsdProgressChart, metric: Metric) -> tuple[float, ...]:
    target, year, _ = _programme_target(metric, s.target_value, s.target_year)
    return _or_nan(target), float(year), float(_preferred_base(s.base_year, metric))


def _eustat_pair(s: EustatProjection, metric: Metric) -> tuple[float, ...]:
    target, year = None, k.DEFAULT_TARGET_YEAR
    if s.use_target:
        target, year, _ = _programme_target(metric, s.target_value, s.target_year)
    bounds, tolerance = s._near_bounds(metric.unit)
    low, high = bounds if bounds else (_NAN, _NAN)
    return (_or_nan(target), float(year), float(_preferred_base(s.base_year, metric)), low,
            high, tolerance)
