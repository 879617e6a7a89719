"""Charts that carry the verdict's basis: inline SVG, drawn from the tree and definitions.

A metric's chart shows its observed series over every year the tree holds and, beside
it, what its rule measured it against, so a reader sees *why* the verdict is what it is:

* against a base (``vs_base``): the base or previous value and its year (a square), and
  the dead band around it where the band decides (a tinted strip);
* against a trajectory (``vs_trajectory``): the base value and year, the path to the
  target (dashed, purple), the value it requires in the assessed year (a ring) and the
  target (a dashed green line, labelled with its year);
* against a target (``vs_own_target``): the unit's own or the programme's target (a
  dashed green line) and the near band where it decides;
* a text scale: the steps of the scale, counted from 1, and the step of each year;
* components: one line and marker shape per component, each labelled;
* what it would take: for a metric rated unchanged or negative, the value the next
  period must reach to be rated positive (a hollow green diamond, joined to the last
  outcome by a dotted line).

Everything comes from the tree and the definitions: the explanation's inputs and
computed figures (the numbers the rule used and computed), the observations, and the
metric's definition. A chart never assesses: a path is drawn through the points its
explanation names (the base and the target, with the required value on it).

Why inline SVG, and not a plotting library: the page is one standalone file that opens
without a network and runs no script (its Content Security Policy forbids both); an SVG
is text in the page, reads the page's fonts, scales, prints, has a ``title`` and a
``desc`` for screen readers, and costs nothing to import. matplotlib or Vega would add a
heavy dependency (or a script) for about a hundred lines of drawing. The numbers on the
axes are printed by :mod:`indikator.numbers` (``1 520``, never ``1,52e+03``), in the
page's language.
"""

from __future__ import annotations

import html
import itertools
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from indikator.model import Flag, Observation, TargetBasis, TargetOwner
from indikator.numbers import format_number
from indikator.verdict import Assessment, Figure, Lang

if TYPE_CHECKING:
    from indikator.model import Metric

__all__ = ["ChartParts", "chart", "chart_parts", "nice_ticks"]

_Scale = Callable[[float], float]

_T: dict[str, tuple[str, str]] = {
    "trend": ("Utveckling", "Trend"),
    "no_chart": ("Inget diagram: inga sifferutfall.", "No chart: no numeric outcomes."),
    "chart_units": ("Diagrammet kan inte ritas: utfallen har enheter som inte går att "
                    "jämföra.", "No chart: the outcomes have units that cannot be compared."),
    "assessed": ("Större markering: bedömt år {period}", "Larger marker: the assessed year "
                 "{period}"),
    "hollow": ("Ofylld markering: preliminärt värde", "Hollow marker: provisional value"),
    "break": ("serieavbrott", "series break"),
    "base": ("Jämförelsevärde {value} ({year})", "Compared with {value} ({year})"),
    "base_value": ("Basvärde {value}", "Base value {value}"),
    "band": ("marginal ±{value}", "dead band ±{value}"),
    "path": ("bana från {start} ({start_year}) till {target} ({target_year})",
             "path from {start} ({start_year}) to {target} ({target_year})"),
    "rate_path": ("bana med {rate} % per år från {start} ({start_year})",
                  "path of {rate} % a year from {start} ({start_year})"),
    "required": ("krav {year}: {value}", "required in {year}: {value}"),
    "target": ("mål {year}: {value}", "target {year}: {value}"),
    "target_no_year": ("mål: {value}", "target: {value}"),
    "own_target": ("verksamhetens mål: {value}", "the unit's own target: {value}"),
    "near": ("nära målet inom {value}", "near the target within {value}"),
    "to_positive": ("för positiv bedömning {year}: {word} {value}",
                    "to be rated positive in {year}: {word} {value}"),
    "scale": ("Skala: {steps}", "Scale: {steps}"),
    "step": ("steg {n}", "step {n}"),
    "legend_base": ("kvadrat: jämförelsevärde", "square: the value compared with"),
    "legend_path": ("streckad lila: banan, ring: kravet", "dashed purple: the path, ring: "
                    "the required value"),
    "legend_target": ("streckad grön: målet", "dashed green: the target"),
    "legend_band": ("tonat fält: marginalen", "tinted strip: the dead band"),
    "legend_to_positive": ("ofylld grön romb: vad som krävs för positiv bedömning",
                           "hollow green diamond: what it would take to be rated positive"),
}
_WORDS = {(1, "sv"): "minst", (-1, "sv"): "högst", (1, "en"): "at least",
          (-1, "en"): "at most"}


def _t(key: str, lang: Lang, **fields: object) -> str:
    sv, en = _T[key]
    text = sv if lang == "sv" else en
    return text.format(**fields) if fields else text


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@attrs.frozen
class ChartParts:
    """What a metric's chart shows beside its outcomes, read from its explanation.

    Every value is in the unit of the explanation (the metric's unit); years are periods.

    Attributes:
        strategy: The id of the rule that decided (for a fallback: the one that did).
        unit: The unit of the figures.
        sign: +1 when higher is better, -1 when lower is better.
        base: The base or previous value compared with, and its year (``None``: a base
            value without a year).
        band: The band around a value within which the rule decides otherwise:
            ``(low, high)`` (a dead band, a near-target band).
        path: Points the trajectory passes through, by year.
        required: The value the path requires in the assessed year, and that year.
        targets: Targets as ``(value, year or None, own)``.
        to_positive: What it would take: ``(year, value)``.
        scale: The steps of a text scale, worst first.
    """

    strategy: str | None = None
    unit: str = ""
    sign: int = 1
    base: tuple[int | None, float] | None = None
    band: tuple[float, float] | None = None
    path: tuple[tuple[int, float], ...] = ()
    required: tuple[int, float] | None = None
    targets: tuple[tuple[float, int | None, bool], ...] = ()
    to_positive: tuple[int, float] | None = None
    scale: tuple[str, ...] = ()


def _num(figures: Mapping[str, Figure], key: str) -> float | None:
    v = figures.get(key)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v) if math.isfinite(v) else None


def _year(figures: Mapping[str, Figure], key: str) -> int | None:
    v = figures.get(key)
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def chart_parts(node: Assessment, metric: Metric | None = None) -> ChartParts:
    """The parts of a metric's chart, from its rule's explanation and its definition.

    A judged metric shows what its rule measured (the rule's own explanation).
    """
    expl = node.rule_explanation if node.rule_explanation is not None else node.explanation
    inputs, computed = expl.inputs, expl.computed
    figures = {**inputs, **computed}
    strategy = inputs.get("strategy")
    sign = -1 if inputs.get("direction") == "lower_is_better" else 1
    if metric is not None:
        sign = metric.direction.sign
    unit = inputs.get("unit")
    parts: dict[str, object] = {
        "strategy": strategy if isinstance(strategy, str) else None,
        "unit": unit if isinstance(unit, str) else (metric.unit or "" if metric else ""),
        "sign": sign,
    }
    edge, next_year = _num(computed, "to_positive"), _year(computed, "next_period")
    if edge is not None and next_year is not None:
        parts["to_positive"] = (next_year, edge)
    if strategy == "vs_base":
        ref = _num(figures, "reference")
        if ref is not None:
            year = _year(inputs, "reference_period")
            if year is None and metric is not None:
                year = metric.base_year
            parts["base"] = (year, ref)
            band = _num(computed, "band")
            if band:
                parts["band"] = (ref - band, ref + band)
    elif strategy == "vs_trajectory":
        start, start_year = _num(inputs, "start_value"), _year(inputs, "start_year")
        if start is not None:
            parts["base"] = (start_year, start)
        target, target_year = _num(inputs, "target_value"), _year(inputs, "target_year")
        expected, period = _num(computed, "expected"), _year(inputs, "period")
        if target is not None:
            parts["targets"] = ((target, target_year, False),)
        if expected is not None and period is not None:
            parts["required"] = (period, expected)
        path = []
        if start is not None and start_year is not None:
            path.append((start_year, start))
        if expected is not None and period is not None and period != start_year:
            path.append((period, expected))
        if target is not None and target_year is not None and target_year > max(
                [y for y, _ in path], default=-sys.maxsize):
            path.append((target_year, target))
        path.sort()
        parts["path"] = tuple(path)
    elif strategy == "vs_own_target":
        target = _num(inputs, "target_value")
        if target is not None:
            own = inputs.get("owner") == "unit"
            parts["targets"] = ((target, None, own),)
            near = _num(inputs, "near_band")
            if near:
                parts["band"] = tuple(sorted((target, target - sign * near * abs(target))))
    if metric is not None:
        scale = getattr(metric.strategy, "scale", ())
        if isinstance(scale, tuple) and all(isinstance(s, str) for s in scale):
            parts["scale"] = scale
        # the metric's other targets stated as levels in its unit (the unit's own too)
        shown = list(parts.get("targets", ()))  # type: ignore[call-overload]
        for t in metric.targets:
            if t.value is None or t.basis is not TargetBasis.ABSOLUTE or (
                    t.unit and t.unit != metric.unit):
                continue
            own = t.owner is TargetOwner.UNIT
            if not any(abs(v - float(t.value)) <= 1e-12 * max(1.0, abs(v)) for v, _y, _o
                       in shown):
                shown.append((float(t.value), t.year, own))
        if shown:
            parts["targets"] = tuple(shown)
    return ChartParts(**parts)  # type: ignore[arg-type]


_Group = tuple[str | None, str, list[tuple[int, float, frozenset[Flag]]]]


def _numeric_groups(observations: Iterable[Observation], unit: str | None = None
                    ) -> list[_Group] | None:
    """Numeric points per component, in one unit (``None``: incomparable units).

    ``unit`` (the metric's) when given, else each component's latest outcome's unit.
    """
    by_comp: dict[str | None, list[Observation]] = {}
    for o in observations:
        if o.value is not None and o.unit is not None:
            by_comp.setdefault(o.component, []).append(o)
    out: list[_Group] = []
    for comp, items in by_comp.items():
        items.sort(key=lambda o: o.period)
        shown = unit or items[-1].unit or ""
        points: list[tuple[int, float, frozenset[Flag]]] = []
        for o in items:
            value = o.value if o.value is not None else 0.0
            if o.unit != shown:
                from indikator.errors import InputError
                from indikator.units import convert

                try:
                    value = convert(value, o.unit or "", shown)
                except InputError:
                    if unit is not None:  # the metric's unit does not fit: each its own
                        return _numeric_groups(observations)
                    return None
            points.append((o.period, value, o.flags))
        out.append((comp, shown, points))
    return out


def _text_points(observations: Iterable[Observation], scale: Sequence[str]
                 ) -> list[tuple[int, float, frozenset[Flag]]]:
    steps = {" ".join(s.casefold().split()): i for i, s in reversed(list(enumerate(scale)))}
    out = []
    for o in sorted(observations, key=lambda o: o.period):
        if o.text is not None and o.component is None:
            step = steps.get(" ".join(o.text.casefold().split()))
            if step is not None:
                out.append((o.period, float(step + 1), o.flags))
    return out


def chart(node: Assessment, period: int, cid: str, lang: Lang,
          metric: Metric | None = None) -> list[str]:
    """A metric's chart as HTML lines: a ``figure`` with an inline SVG and its caption.

    Or a short paragraph saying why there is none (no numeric outcomes, units that
    cannot be compared).

    Args:
        node: The metric's node of the tree (its observations and explanation).
        period: The assessed period.
        cid: The id the SVG's title and description ids start with (unique in the page).
        lang: ``"sv"`` or ``"en"``.
        metric: The metric's definition, when known (unit, direction, targets, scale).
    """
    parts = chart_parts(node, metric)
    name = node.name.get(lang)
    if parts.scale:
        points = _text_points(node.observations, parts.scale)
        if points:
            return _svg([(None, "", points)], parts, period, cid, name, lang, text=True)
    groups = _numeric_groups(node.observations, metric.unit if metric is not None else None)
    if groups is None:
        return [f'<p class="basis">{_e(_t("chart_units", lang))}</p>']
    if not groups:
        return [f'<p class="basis">{_e(_t("no_chart", lang))}</p>']
    if len({u for _c, u, _p in groups}) > 1 or groups[0][1] != parts.unit:
        parts = ChartParts(strategy=parts.strategy, unit=groups[0][1], sign=parts.sign,
                           scale=parts.scale)  # the figures are in another unit: left out
    return _svg(groups, parts, period, cid, name, lang)


def nice_ticks(lo: float, hi: float, count: int = 4) -> tuple[list[float], int]:
    """Round tick values covering ``[lo, hi]`` (steps of 1, 2 or 5 × 10^k), and decimals.

    The decimals are those the step needs, so labels print as ``0,5``, ``1 520``.
    """
    span = hi - lo
    if not math.isfinite(span) or span <= 0:
        return [lo], 0
    raw = span / max(1, count)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    k = 0
    while first + k * step <= hi + step * 1e-9 and k < 50:
        ticks.append(first + k * step)
        k += 1
    decimals = max(0, -math.floor(math.log10(step) + 1e-12))
    return ticks, decimals


_DASHES = ("", "6 3", "2 2", "8 3 2 3")
_MARKS = ("circle", "square", "diamond", "triangle")
_INK, _PATH, _GOAL, _BASE, _BAND = "#1f4e79", "#6b3fa0", "#0f6b34", "#1a1a1a", "#f3e3a6"


def _svg(groups: list[_Group], parts: ChartParts, period: int, cid: str, name: str,
         lang: Lang, *, text: bool = False) -> list[str]:
    width, height = 320, 150
    left, right, top, bottom = 54, 306, 10, 122  # the frame
    inset = 10  # points stay this far inside the frame
    years = {p[0] for _c, _u, pts in groups for p in pts}
    values = [p[1] for _c, _u, pts in groups for p in pts]
    extra_years: list[int] = []
    extra_values: list[float] = []
    if parts.base is not None:
        extra_values.append(parts.base[1])
        if parts.base[0] is not None:
            extra_years.append(parts.base[0])
    if parts.band is not None:
        extra_values.extend(parts.band)
    if parts.required is not None:
        extra_years.append(parts.required[0])
        extra_values.append(parts.required[1])
    extra_values.extend(t[0] for t in parts.targets)
    if parts.to_positive is not None:
        extra_years.append(parts.to_positive[0])
        extra_values.append(parts.to_positive[1])
    if text:
        extra_values = [1.0, float(max(1, len(parts.scale)))]
    all_years = sorted(years | set(extra_years))
    y0, y1 = all_years[0], all_years[-1]
    every = [v for v in values + extra_values if math.isfinite(v)]
    lo, hi = min(every), max(every)
    if lo == hi:  # padded within the float range (a value near its maximum stays finite)
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = max(lo - pad, -sys.float_info.max), min(hi + pad, sys.float_info.max)
    x_lo, x_hi, y_lo, y_hi = left + inset, right - inset, top + inset, bottom - inset
    span = hi - lo

    def x(year: float) -> float:
        if y0 == y1:
            return (x_lo + x_hi) / 2
        return x_lo + (year - y0) / (y1 - y0) * (x_hi - x_lo)

    def y(value: float) -> float:
        if math.isfinite(span):
            return y_hi - (value - lo) / span * (y_hi - y_lo)
        # hi - lo exceeds the float range (values near its maximum): in halves
        return y_hi - (value / 2 - lo / 2) / (hi / 2 - lo / 2) * (y_hi - y_lo)

    def num(value: float) -> str:
        return format_number(value, lang)

    desc_parts = []
    for comp, g_unit, pts in groups:
        if text:
            series = "; ".join(f"{yr}: {_t('step', lang, n=int(v))}" for yr, v, _f in pts)
            desc_parts.append(series)
        else:
            series = "; ".join(f"{yr}: {num(v)}" for yr, v, _f in pts)
            desc_parts.append(f"{comp + ': ' if comp else ''}{series} {g_unit}")
    basis = _basis_words(parts, lang)
    desc = " | ".join(desc_parts) + ("".join(f". {b}" for b in basis))
    cls = f"chart chart-{parts.strategy.replace('_', '-')}" if parts.strategy else "chart"
    out = [
        "<figure>",
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{_e(cls)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{cid}-t {cid}-d">',
        f'<title id="{cid}-t">{_e(_t("trend", lang))}: {_e(name)}</title>',
        f'<desc id="{cid}-d">{_e(desc)}</desc>',
        f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
        'fill="#ffffff" stroke="#8a8a8a" stroke-width="1"/>',
    ]
    # the y axis: round ticks, numbers as the page prints them
    if text:
        ticks = [float(i + 1) for i in range(len(parts.scale))]
        labels = [str(i + 1) for i in range(len(parts.scale))]
    else:
        ticks, decimals = nice_ticks(lo, hi)
        labels = [format_number(t, lang, decimals=decimals, trim=False) for t in ticks]
    for tick, label in zip(ticks, labels, strict=True):
        ty = y(tick)
        if top - 0.5 <= ty <= bottom + 0.5:
            out.append(f'<line class="tick" x1="{left - 3}" y1="{ty:.1f}" x2="{right}" '
                       f'y2="{ty:.1f}" stroke="#e4e4e4" stroke-width="1"/>')
            out.append(f'<text class="tick-label" x="{left - 5}" y="{ty + 3.5:.1f}" '
                       f'text-anchor="end">{_e(label)}</text>')
    # the x axis: the first and last year, the assessed year
    shown_years = sorted({y0, y1} | ({period} if y0 <= period <= y1 else set()))
    for yr in shown_years:
        out.append(f'<text class="year-label" x="{x(yr):.1f}" y="{bottom + 14}" '
                   f'text-anchor="middle">{yr}</text>')
    if y0 <= period <= y1:
        px = x(period)
        out.append(f'<line class="assessed" x1="{px:.1f}" y1="{top}" x2="{px:.1f}" '
                   f'y2="{bottom}" stroke="#5a5a5a" stroke-width="1" stroke-dasharray="1 2"/>')
    out.extend(_basis_svg(parts, x, y, left, right, cid, lang))
    for index, (comp, _unit, pts) in enumerate(groups):
        dash = _DASHES[index % len(_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        segments: list[list[str]] = []
        for yr, v, flags in pts:
            if Flag.SERIES_BREAK in flags and segment:
                segments.append(segment)
                segment = []
                bx = x(yr) - 3
                out.append(f'<line class="break" x1="{bx:.1f}" y1="{top}" x2="{bx:.1f}" '
                           f'y2="{bottom}" stroke="#7a1111" stroke-width="1" '
                           f'stroke-dasharray="4 2"><title>{_e(_t("break", lang))} {yr}'
                           "</title></line>")
            segment.append(f"{x(yr):.1f},{y(v):.1f}")
        segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                out.append(f'<polyline class="observed" points="{" ".join(seg)}" fill="none" '
                           f'stroke="{_INK}" stroke-width="2"{dash_attr}/>')
        for yr, v, flags in pts:
            out.append(_marker(_MARKS[index % len(_MARKS)], x(yr), y(v), yr == period,
                               Flag.PROVISIONAL in flags, "observed"))
        if comp and pts:
            last_y, last_v, _ = pts[-1]
            label_y = max(y(last_v) - 7, top + 10)
            out.append(f'<text class="component" x="{x(last_y) - 8:.1f}" y="{label_y:.1f}" '
                       f'text-anchor="end">{_e(comp)}</text>')
    if parts.to_positive is not None and len(groups) == 1 and not text:
        out.extend(_to_positive_svg(parts, groups[0][2], x, y, lang))
    out.append("</svg>")
    units = ", ".join(_e(u) for u in sorted({u for _c, u, _p in groups}) if u)
    notes = [f"{_e(_t('trend', lang))}{f' ({units})' if units else ''}"]
    if text:
        notes.append(_e(_t("scale", lang, steps="; ".join(
            f"{i + 1} {s}" for i, s in enumerate(parts.scale)))))
    if any(yr == period for _c, _u, pts in groups for yr, _v, _f in pts):
        notes.append(_e(_t("assessed", lang, period=period)))
    if any(Flag.PROVISIONAL in f for _c, _u, pts in groups for _y, _v, f in pts):
        notes.append(_e(_t("hollow", lang)))
    notes.extend(_e(b) for b in _legend(parts, lang))
    out.append(f"<figcaption>{'. '.join(notes)}.</figcaption>")
    out.append("</figure>")
    return out


def _basis_words(parts: ChartParts, lang: Lang) -> list[str]:
    """The chart's basis in words (for its ``desc``): the same numbers as drawn."""
    u = f" {parts.unit}" if parts.unit else ""

    def num(v: float) -> str:
        return format_number(v, lang) + u

    out = []
    if parts.base is not None:
        year, value = parts.base
        out.append(_t("base", lang, value=num(value), year=year) if year is not None
                   else _t("base_value", lang, value=num(value)))
    if parts.band is not None and parts.strategy == "vs_base":
        out.append(_t("band", lang, value=num((parts.band[1] - parts.band[0]) / 2)))
    if parts.required is not None:
        out.append(_t("required", lang, year=parts.required[0], value=num(parts.required[1])))
    for value, year, own in parts.targets:
        if own:
            out.append(_t("own_target", lang, value=num(value)))
        elif year is not None:
            out.append(_t("target", lang, year=year, value=num(value)))
        else:
            out.append(_t("target_no_year", lang, value=num(value)))
    if parts.band is not None and parts.strategy == "vs_own_target":
        out.append(_t("near", lang, value=num(parts.band[1] - parts.band[0])))
    if parts.to_positive is not None:
        year, value = parts.to_positive
        out.append(_t("to_positive", lang, year=year, value=num(value),
                      word=_WORDS[(parts.sign, lang)]))
    return [s[0].upper() + s[1:] for s in out]


def _legend(parts: ChartParts, lang: Lang) -> list[str]:
    out = []
    if parts.base is not None and parts.base[0] is not None:
        out.append(_t("legend_base", lang))
    if parts.band is not None:
        out.append(_t("legend_band", lang))
    if parts.path or parts.required is not None:
        out.append(_t("legend_path", lang))
    if parts.targets:
        out.append(_t("legend_target", lang))
    if parts.to_positive is not None:
        out.append(_t("legend_to_positive", lang))
    return [s[0].upper() + s[1:] for s in out]


def _basis_svg(parts: ChartParts, x: _Scale, y: _Scale, left: float, right: float,
               cid: str, lang: Lang) -> list[str]:
    """The basis behind the series: band, targets, path, required value, base marker."""
    u = f" {parts.unit}" if parts.unit else ""
    out = []
    if parts.band is not None:
        lo, hi = parts.band
        top_y, bottom_y = y(hi), y(lo)
        out.append(f'<rect class="chart-band" x="{left}" y="{top_y:.1f}" '
                   f'width="{right - left}" height="{max(bottom_y - top_y, 1.0):.1f}" '
                   f'fill="{_BAND}" fill-opacity="0.6">'
                   f"<title>{_e(_basis_title(parts, lang, 'band'))}</title></rect>")
    for value, year, own in parts.targets:
        ty = y(value)
        label = (_t("own_target", lang, value=format_number(value, lang) + u) if own else
                 _t("target", lang, year=year, value=format_number(value, lang) + u)
                 if year is not None else
                 _t("target_no_year", lang, value=format_number(value, lang) + u))
        out.append(f'<line class="chart-target" x1="{left}" y1="{ty:.1f}" x2="{right}" '
                   f'y2="{ty:.1f}" stroke="{_GOAL}" stroke-width="1.5" stroke-dasharray="5 3">'
                   f"<title>{_e(label)}</title></line>")
        out.append(f'<text class="chart-target-label" x="{right - 3}" y="{ty - 3:.1f}" '
                   f'text-anchor="end" fill="{_GOAL}">{_e(label)}</text>')
    shown = _clip([(x(yr), y(v)) for yr, v in parts.path], left, right)
    if len(shown) > 1:
        pts = " ".join(f"{px:.1f},{py:.1f}" for px, py in shown)
        out.append(f'<polyline class="chart-path" points="{pts}" fill="none" stroke="{_PATH}" '
                   f'stroke-width="1.5" stroke-dasharray="4 3">'
                   f"<title>{_e(_basis_title(parts, lang, 'path'))}</title></polyline>")
    if parts.required is not None:
        year, value = parts.required
        title = _t("required", lang, year=year, value=format_number(value, lang) + u)
        out.append(f'<circle class="chart-required" cx="{x(year):.1f}" cy="{y(value):.1f}" '
                   f'r="5" fill="none" stroke="{_PATH}" stroke-width="2">'
                   f"<title>{_e(_cap(title))}</title></circle>")
    base_year = None if parts.base is None else parts.base[0]
    if parts.base is not None and base_year is not None:
        value = parts.base[1]
        bx, by = x(base_year), y(value)
        title = _t("base", lang, value=format_number(value, lang) + u, year=base_year)
        out.append(f'<rect class="chart-base" x="{bx - 5:.1f}" y="{by - 5:.1f}" width="10" '
                   f'height="10" fill="none" stroke="{_BASE}" stroke-width="1.5">'
                   f"<title>{_e(title)}</title></rect>")
    return out


def _clip(points: list[tuple[float, float]], left: float, right: float
          ) -> list[tuple[float, float]]:
    """A polyline cut to the frame's width (the path runs on to its target year)."""
    out: list[tuple[float, float]] = []
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        if bx < left or ax > right or bx == ax:
            continue
        def at(px: float, ax: float = ax, ay: float = ay, bx: float = bx, by: float = by
               ) -> tuple[float, float]:
            return px, ay + (by - ay) * (px - ax) / (bx - ax)
        start = at(max(ax, left))
        end = at(min(bx, right))
        if not out or out[-1] != start:
            out.append(start)
        out.append(end)
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _basis_title(parts: ChartParts, lang: Lang, what: str) -> str:
    u = f" {parts.unit}" if parts.unit else ""
    if what == "band" and parts.band is not None:
        lo, hi = parts.band
        if parts.strategy == "vs_own_target":
            return _cap(_t("near", lang, value=format_number(hi - lo, lang) + u))
        return _cap(_t("band", lang, value=format_number((hi - lo) / 2, lang) + u))
    (sy, sv), (ty, tv) = parts.path[0], parts.path[-1]
    return _cap(_t("path", lang, start=format_number(sv, lang) + u, start_year=sy,
                   target=format_number(tv, lang) + u, target_year=ty))


def _to_positive_svg(parts: ChartParts, pts: list[tuple[int, float, frozenset[Flag]]],
                     x: _Scale, y: _Scale, lang: Lang) -> list[str]:
    assert parts.to_positive is not None
    year, value = parts.to_positive
    u = f" {parts.unit}" if parts.unit else ""
    label = _t("to_positive", lang, year=year, value=format_number(value, lang) + u,
               word=_WORDS[(parts.sign, lang)])
    cx, cy = x(year), y(value)
    out = []
    if pts:
        ly, lv, _f = pts[-1]
        out.append(f'<line class="chart-to-positive-link" x1="{x(ly):.1f}" y1="{y(lv):.1f}" '
                   f'x2="{cx:.1f}" y2="{cy:.1f}" stroke="{_GOAL}" stroke-width="1" '
                   'stroke-dasharray="1 2"/>')
    s = 6.0
    diamond = (f"{cx:.1f},{cy - s:.1f} {cx + s:.1f},{cy:.1f} {cx:.1f},{cy + s:.1f} "
               f"{cx - s:.1f},{cy:.1f}")
    out.append(f'<polygon class="chart-to-positive" points="{diamond}" fill="#ffffff" '
               f'stroke="{_GOAL}" stroke-width="2"><title>{_e(label[0].upper() + label[1:])}'
               "</title></polygon>")
    return out


def _marker(kind: str, cx: float, cy: float, current: bool, provisional: bool,
            cls: str = "observed") -> str:
    r = 4.5 if current else 3.0
    fill = "#ffffff" if provisional else _INK
    style = f'class="{cls}" fill="{fill}" stroke="{_INK}" stroke-width="{2 if current else 1.5}"'
    if kind == "square":
        return (f'<rect x="{cx - r:.1f}" y="{cy - r:.1f}" width="{2 * r:.1f}" '
                f'height="{2 * r:.1f}" {style}/>')
    s = r + 1
    if kind == "diamond":
        pts = (f"{cx:.1f},{cy - s:.1f} {cx + s:.1f},{cy:.1f} {cx:.1f},{cy + s:.1f} "
               f"{cx - s:.1f},{cy:.1f}")
        return f'<polygon points="{pts}" {style}/>'
    if kind == "triangle":
        pts = f"{cx:.1f},{cy - s:.1f} {cx + s:.1f},{cy + r:.1f} {cx - s:.1f},{cy + r:.1f}"
        return f'<polygon points="{pts}" {style}/>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" {style}/>'
