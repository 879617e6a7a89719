"""Shared parts of the strategy layer: verdict mappings, series preparation, explanations.

Private to the distribution; the public names are re-exported by
:mod:`indikator_progress_methods.strategies`.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs
from indikator import Explanation, Flag, InputError, Rating, Series, Target, TargetKind, Verdict
from indikator.model import Metric
from indikator.units import conversion_factor
from indikator.verdict import Figure

from indikator_progress_methods.kernels import Reason

E = TypeVar("E", bound=enum.Enum)

_RATED = (Verdict.POSITIVE, Verdict.UNCHANGED, Verdict.NEGATIVE)


@attrs.frozen
class VerdictMap:
    """A mapping from a method's categories to indikator's verdicts (hashable, frozen).

    Build it through a strategy's ``verdicts`` parameter: a mapping from category (its
    value such as ``"partly_cloudy"``, or the enum member) to a verdict (a
    :class:`~indikator.Verdict` or its value or label). Categories left out keep the
    strategy's default; unknown categories, the "not assessable" category and the verdict
    ``no_value`` are refused with an :class:`~indikator.InputError` naming the field.

    Attributes:
        pairs: ``(category value, verdict)`` for every rated category, best first.
    """

    pairs: tuple[tuple[str, Verdict], ...]

    def __getitem__(self, category: str) -> Verdict:
        for key, verdict in self.pairs:
            if key == category:
                return verdict
        raise KeyError(category)

    def as_dict(self) -> dict[str, Verdict]:
        """The mapping as a plain dict from category value to verdict."""
        return dict(self.pairs)

    def describe(self) -> str:
        """The mapping as one line, ``"sun=positive, cloud=unchanged, ..."``."""
        return ", ".join(f"{key}={verdict.value}" for key, verdict in self.pairs)


def verdict_map_converter(
    categories: Iterable[E], defaults: Mapping[E, Verdict], field: str = "verdicts"
) -> Callable[[Any], VerdictMap]:
    """Return an attrs converter to :class:`VerdictMap` over ``categories`` (best first)."""
    order = [c for c in categories if c in defaults]
    names = [c.value for c in order]

    def convert(value: Any) -> VerdictMap:
        if isinstance(value, VerdictMap):
            given: Mapping[Any, Any] = value.as_dict()
        elif value is None:
            given = {}
        elif isinstance(value, Mapping):
            given = value
        else:
            raise InputError(
                "expected a mapping from category to verdict", field=field, value=value
            )
        chosen = {c.value: defaults[c] for c in order}
        for key, raw in given.items():
            name = key.value if isinstance(key, enum.Enum) else key
            if name not in chosen:
                raise InputError(
                    f"unknown category; expected one of {', '.join(names)}",
                    field=field,
                    value=key,
                )
            chosen[name] = _rated_verdict(raw, f"{field}.{name}")
        return VerdictMap(tuple((n, chosen[n]) for n in names))

    return convert


def _rated_verdict(value: object, field: str) -> Verdict:
    if isinstance(value, Verdict):
        verdict = value
    elif isinstance(value, str):
        try:
            verdict = Verdict.parse(value)
        except ValueError:
            raise InputError(
                "expected positive, unchanged or negative", field=field, value=value
            ) from None
    else:
        raise InputError("expected positive, unchanged or negative", field=field, value=value)
    if verdict not in _RATED:
        raise InputError(
            "a category maps to positive, unchanged or negative (no_value is kept for "
            "series that cannot be assessed)",
            field=field,
            value=value,
        )
    return verdict


# --------------------------------------------------------------------------------------
# Parameter validation
# --------------------------------------------------------------------------------------


def check_year(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: ``None`` or a whole year in 1900-2200."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise InputError("a year must be a whole number in 1900-2200", field=attribute.name,
                         value=value)


def check_finite(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: ``None`` or a finite number (bools refused)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InputError("must be a finite number", field=attribute.name, value=value)


def to_optional_float(value: object) -> object:
    """Attrs converter: ints become floats, everything else is left for the validator."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def check_bool(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Attrs validator: a real bool."""
    if not isinstance(value, bool):
        raise InputError("must be true or false", field=attribute.name, value=value)


# --------------------------------------------------------------------------------------
# Series preparation
# --------------------------------------------------------------------------------------


@attrs.frozen
class Prepared:
    """The points a method rates: values up to the period, since the last series break.

    Attributes:
        years: The years with a value, ascending.
        values: Their values, in the metric's unit.
        break_year: The year of the last :attr:`~indikator.Flag.SERIES_BREAK` up to the
            period, if any (points before it are left out).
        dropped: How many points with a value were left out for the break.
        base_added: Whether the metric's own base value was added as a point of its base
            year (the data had no outcome for that year).
    """

    years: tuple[int, ...]
    values: tuple[float, ...]
    break_year: int | None
    dropped: int
    base_added: bool


def prepare(series: Series, period: int) -> Prepared:
    """Cut ``series`` to the points a method rates for ``period``.

    Every point with a value up to and including ``period``, from the last series break
    on. The metric's base value (:attr:`Metric.base_value`, in its unit) counts as an
    outcome of its base year when the data has none for that year, the year is not after
    the period and not before the break.
    """
    break_year: int | None = None
    for p in series.points:
        if p.period > period:
            break
        if Flag.SERIES_BREAK in p.flags:
            break_year = p.period
    all_points = [
        (p.period, p.value) for p in series.points if p.period <= period and p.value is not None
    ]
    kept = [(y, v) for y, v in all_points if break_year is None or y >= break_year]
    metric = series.metric
    added = False
    if (
        metric.base_year is not None
        and metric.base_value is not None
        and metric.base_year <= period
        and (break_year is None or metric.base_year >= break_year)
        and all(y != metric.base_year for y, _ in kept)
    ):
        kept = sorted([*kept, (metric.base_year, metric.base_value)])
        added = True
    return Prepared(
        years=tuple(y for y, _ in kept),
        values=tuple(float(v) for _, v in kept),
        break_year=break_year,
        dropped=len(all_points) - len([y for y, _ in all_points if break_year is None
                                       or y >= break_year]),
        base_added=added,
    )


def target_in_metric_unit(target: Target, metric: Metric) -> float | None:
    """The target's value converted to the metric's unit (``None`` without a value).

    Raises:
        InputError: The target's unit cannot be converted to the metric's, naming the
            metric's ``targets`` field and both units.
    """
    if target.value is None or target.kind is TargetKind.DIRECTION:
        return None
    if target.unit and metric.unit and target.unit != metric.unit:
        try:
            return target.value * conversion_factor(target.unit, metric.unit)
        except InputError as exc:
            raise InputError(
                f"the target's unit does not fit the metric's: {exc.message}",
                field=f"{metric.id}.targets",
                value=target.unit,
            ) from None
    return target.value


# --------------------------------------------------------------------------------------
# Explanations
# --------------------------------------------------------------------------------------


def figure(value: object) -> Figure:
    """A kernel figure as an explanation figure (enums by value, sequences joined)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return figure(value.value)
    if isinstance(value, (tuple, list)):
        return ", ".join(str(figure(v)) for v in value)
    return str(value)


def record_figures(record: object, *, skip: Iterable[str] = ()) -> dict[str, Figure]:
    """Every field of an attrs kernel record as explanation figures."""
    left_out = set(skip)
    return {
        name: figure(value)
        for name, value in attrs.asdict(record, recurse=False).items()  # type: ignore[arg-type]
        if name not in left_out
    }


def percent(value: float | None) -> float | None:
    """A rate as a percentage (for sentences), ``None`` stays ``None``."""
    return None if value is None else value * 100.0


_REASON_TEXTS: dict[str, tuple[str, str]] = {
    "no_current_value": ("Utfall saknas för {period}.", "There is no outcome for {period}."),
    "no_target": (
        "Metoden behöver ett målvärde, och mätetalet har inget.",
        "The method needs a target value, and the metric has none.",
    ),
    "target_behind_base": (
        "Målet {target} {unit} ligger på fel sida om basvärdet för mätetalets riktning, så "
        "kvoten säger inget om framsteg.",
        "The target {target} {unit} lies on the wrong side of the base value for the "
        "metric's direction, so the ratio says nothing about progress.",
    ),
    Reason.NO_DATA.value: (
        "Det finns inga utfall till och med {period} (efter ett eventuellt seriebrott).",
        "There are no outcomes up to {period} (after any series break).",
    ),
    Reason.DUPLICATE_YEARS.value: (
        "Två utfall gäller samma år.",
        "Two outcomes are for the same year.",
    ),
    Reason.NO_BASE_YEAR.value: (
        "Det finns inget utfall år {preferred_base_year} eller senare att använda som basår.",
        "There is no outcome in {preferred_base_year} or later to use as the base year.",
    ),
    Reason.BASE_AFTER_LATEST.value: (
        "Basåret ligger efter det senaste året.",
        "The base year lies after the latest year.",
    ),
    Reason.TOO_FEW_POINTS.value: (
        "Det finns för få utfall (eller för kort tidsspann) för metoden.",
        "There are too few outcomes (or too short a span) for the method.",
    ),
    Reason.ZERO_BASE.value: (
        "Basvärdet är 0, så en årlig förändringstakt saknas.",
        "The base value is 0, so there is no annual growth rate.",
    ),
    Reason.MIXED_SIGNS.value: (
        "Basvärdet och det senaste värdet har olika tecken, så en årlig förändringstakt "
        "saknas.",
        "The base and latest values have opposite signs, so there is no annual growth rate.",
    ),
    Reason.TARGET_SIGN_MISMATCH.value: (
        "Basvärdet och målet har olika tecken, så den nödvändiga takten saknas.",
        "The base value and the target have opposite signs, so there is no required rate.",
    ),
    Reason.TARGET_YEAR_NOT_AFTER_BASE.value: (
        "Målåret ligger inte efter basåret.",
        "The target year is not after the base year.",
    ),
    Reason.ZERO_REQUIRED_RATE.value: (
        "Målet är lika med basvärdet, så den nödvändiga takten är 0 och kvoten saknas.",
        "The target equals the base value, so the required rate is 0 and there is no ratio.",
    ),
    Reason.TARGET_EQUALS_BASE.value: (
        "Målet är lika med basvärdet, så andelen av vägen saknas.",
        "The target equals the base value, so there is no share of the way.",
    ),
    Reason.NUMERIC_OVERFLOW.value: (
        "Värdena är så extrema att beräkningen lämnar talområdet.",
        "The values are so extreme that the computation leaves the number range.",
    ),
    Reason.SCORE_OUT_OF_RANGE.value: (
        "Poängen ligger utanför [-5, 5].",
        "The score lies outside [-5, 5].",
    ),
    Reason.NOTHING_RATED.value: (
        "Inget av de underliggande har kunnat bedömas.",
        "None of the members could be rated.",
    ),
}


def not_assessable(
    reason: str,
    inputs: Mapping[str, Figure],
    computed: Mapping[str, Figure],
    *,
    note: tuple[str, str] | None = None,
) -> Rating:
    """A ``no_value`` rating with the kernel's (or the strategy's) reason code.

    ``note`` (Swedish, English) is added after the reason's sentence, e.g. to say that
    the method replaced a value before finding the series unratable.
    """
    sv, en = _REASON_TEXTS.get(reason, ("Kan inte bedömas ({reason}).", "Not assessable."))
    if note is not None:
        sv, en = f"{sv} {note[0]}", f"{en} {note[1]}"
    return Rating(
        Verdict.NO_VALUE,
        Explanation(
            reason,
            dict(inputs),
            dict(computed),
            sv + " Metoden kan inte bedöma serien.",
            en + " The method cannot assess the series.",
        ),
    )
