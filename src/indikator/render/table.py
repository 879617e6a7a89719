"""The terminal report: programme → goal areas → indicators → metrics.

Each metric shows its outcome the year before and in the assessed year, its verdict
(label and symbol, so it never relies on colour) and the sentence that explains it; a
judged metric shows the rule's own verdict beside the judged one. The plain-text table is
as wide as asked (``width``; :data:`WIDTH` columns by default, so the library's output is
the same everywhere; ``indikator assess`` passes the terminal's width), and coloured only
when asked (``color``: ANSI colours added to the verdicts' symbols and labels).

The helpers that format outcomes as reports print them (decimal comma in Swedish, the
unit, ``-`` for a missing outcome) are shared with :mod:`indikator.render.markdown`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from indikator import numbers
from indikator.errors import escape_controls
from indikator.model import Dataset, GoalArea, Indicator, Metric, Observation, Programme
from indikator.verdict import Assessment, Basis, Lang, Level

__all__ = [
    "MIN_WIDTH",
    "WIDTH",
    "Definitions",
    "colorize",
    "component_name",
    "format_number",
    "format_value",
    "load_definitions",
    "measured_against",
    "observation_text",
    "outcome_parts",
    "own_period",
    "render_table",
    "shows_sign",
    "text",
    "verdict_text",
    "with_year",
]

WIDTH: Final = 100
"""The width of the terminal report, in characters, when none is given."""
MIN_WIDTH: Final = 40
"""The narrowest terminal report (a narrower terminal wraps the lines)."""

_TEXTS: Final[dict[str, tuple[str, str]]] = {
    "metric": ("Mätetal", "Metric"),
    "outcome": ("Utfall {year}", "Outcome {year}"),
    "development": ("Utveckling {year}", "Development {year}"),
    "indicator": ("Indikator", "Indicator"),
    "indicators": ("Indikatorer", "Indicators"),
    "goal_area": ("Målområde", "Goal area"),
    "goal": ("Mål", "Goal"),
    "target": ("Målvärde {year}", "Target {year}"),
    "overall_indicator": ("Samlad bedömning av indikatorn", "Overall assessment of the indicator"),
    "overall_goal": ("Samlad bedömning av målet", "Overall assessment of the goal"),
    "overall": ("Samlad bedömning", "Overall assessment"),
    "why": ("Varför", "Why"),
    "judged": ("bedömd", "judged"),
    "rule": ("regeln", "rule"),
    "rule_alone": ("Regeln ensam", "The rule alone"),
    "no_indicators": ("Inga indikatorer", "No indicators"),
    "note": ("Not", "Note"),
    "judgments": ("bedömningar", "judgments"),
    "rules": ("regler", "rules"),
    "measured_against": ("Mäts gentemot basår {year}", "Measured against base year {year}"),
    "metrics_by": (
        "Av {metrics} mätetal bedöms {rules} med en regel och {judgments} genom en bedömning "
        "med angivet skäl.",
        "Of {metrics} metrics, {rules} are rated by a rule and {judgments} by a judgment with "
        "its reason.",
    ),
}

def text(key: str, lang: Lang, **fields: object) -> str:
    """A user-facing label of the reports in the given language."""
    sv, en = _TEXTS[key]
    template = sv if lang == "sv" else en
    return template.format(**fields) if fields else template


# -- definitions --------------------------------------------------------------------------


@attrs.frozen
class Definitions:
    """What the reports show beside the tree: goal sentences, targets, metrics' units.

    Built from the programme the tree was assessed with; every lookup is optional, so a
    report can still be rendered without definitions (then those parts are left out).
    The lookups go through indexes built once, when the record is made, so a report of
    n nodes makes n lookups of constant time (not n walks of the programme).
    """

    programme: Programme | None = None
    _areas: dict[str, GoalArea] = attrs.field(init=False, repr=False, eq=False)
    _indicators: dict[str, Indicator] = attrs.field(init=False, repr=False, eq=False)
    _metrics: dict[str, Metric] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        prog = self.programme
        # ids are unique within a programme (Programme checks it)
        object.__setattr__(self, "_areas", {} if prog is None else
                           {a.id: a for a in prog.goal_areas})
        object.__setattr__(self, "_indicators", {} if prog is None else prog.indicators())
        object.__setattr__(self, "_metrics", {} if prog is None else prog.metrics())

    def goal(self, area_id: str, lang: Lang) -> str | None:
        """The goal sentence of a goal area."""
        area = self._areas.get(area_id)
        return None if area is None or area.goal is None else area.goal.get(lang)

    def area_note(self, area_id: str) -> str | None:
        """The note of a goal area (why it has no indicators, for example)."""
        area = self._areas.get(area_id)
        return None if area is None else area.note

    def target(self, indicator_id: str, lang: Lang) -> str | None:
        """The indicator's target as the programme states it (Målvärde)."""
        ind = self._indicators.get(indicator_id)
        if ind is None or ind.target is None:
            return None
        return ind.target.get(lang)

    def target_year(self, indicator_id: str | None = None) -> int:
        """The year of the indicator's Målvärde: its own, else the programme's last year.

        2030 if neither is known.
        """
        if self.programme is None:
            return 2030
        ind = None if indicator_id is None else self._indicators.get(indicator_id)
        if ind is not None and ind.target_year is not None:
            return ind.target_year
        if self.programme.last_year is None:
            return 2030
        return self.programme.last_year

    def metric(self, metric_id: str) -> Metric | None:
        """The metric's definition."""
        return self._metrics.get(metric_id)


def load_definitions(dataset: Dataset, programme: Programme | None = None) -> Definitions:
    """The definitions of the dataset's programme.

    ``programme`` when given, else looked up among the installed plugins, if any.

    Never raises: without the plugin (or with a broken one) the reports leave goal
    sentences and targets out.
    """
    if programme is not None:
        return Definitions(programme)
    try:
        from indikator.plugins import get_programme

        return Definitions(get_programme(dataset.programme))
    except Exception:  # a report without definitions is still a report
        return Definitions(None)


# -- numbers and outcomes -----------------------------------------------------------------


def format_number(value: float, lang: Lang, *, signed: bool = False) -> str:
    """A number as reports print it: ``33,8`` (Swedish) or ``33.8``, no trailing zeros.

    Digits grouped by language (``1 214 000``, ``1,214,000``) and up to six significant
    digits, by :func:`indikator.numbers.format_number`. ``signed`` prints ``+`` before
    positive numbers (for changes against a base year).
    """
    return numbers.format_number(value, lang, signed=signed)


def format_value(value: float, unit: str | None, lang: Lang, *, signed: bool = False) -> str:
    """A value with its unit: ``3,6 kWh/km``, ``33,8 %``, ``2 st``, ``+1 %``.

    The unit always follows a space, as the explanations print it (the seed report
    glues ``%`` and ``st`` to the number: ``33,8%``, ``2st``).
    """
    number = format_number(value, lang, signed=signed)
    return f"{number} {unit}" if unit else number


def shows_sign(metric: Metric | None) -> bool:
    """Whether outcomes print with a sign: a change against the base year (base value 0)."""
    return metric is not None and metric.base_year is not None and metric.base_value == 0.0


def measured_against(metric: Metric | None, lang: Lang) -> str | None:
    """``Mäts gentemot basår 2019`` for a metric measured as a change against its base year.

    A fact of the metric's definition (a base year with base value 0: the outcomes are
    changes against that year), so every report shows it beside the metric's name.
    """
    if metric is None or not shows_sign(metric):
        return None
    return text("measured_against", lang, year=metric.base_year)


def outcome_parts(
    node: Assessment, period: int, metric: Metric | None
) -> list[tuple[str | None, Observation | None]]:
    """The observations of a metric node for one period, one per component.

    Returns ``[(None, obs)]`` for a metric without components, and ``[(component_id,
    obs), ...]`` in the metric's component order otherwise; ``obs`` is ``None`` where the
    data holds no row.
    """
    found = [o for o in node.observations if o.period == period]
    components = [c.id for c in metric.components] if metric is not None else []
    for o in node.observations:
        if o.component is not None and o.component not in components:
            components.append(o.component)
    if not components:
        main = [o for o in found if o.component is None]
        return [(None, main[0] if main else None)]
    by_component = {o.component: o for o in found}
    return [(c, by_component.get(c)) for c in components]


def component_name(metric: Metric | None, component: str, lang: Lang) -> str:
    """A component's name (``Kandidatförteckningen``), or its id without a definition."""
    if metric is not None:
        for c in metric.components:
            if c.id == component:
                return c.name.get(lang)
    return component


def observation_text(obs: Observation | None, metric: Metric | None, lang: Lang) -> str:
    """One outcome as printed: a value with its unit, a text, or ``-`` when missing."""
    if obs is None or obs.is_missing:
        return "-"
    if obs.text is not None:
        return obs.text
    assert obs.value is not None  # not missing and not a text
    return format_value(obs.value, obs.unit, lang, signed=shows_sign(metric))


def _outcome_lines(node: Assessment, period: int, metric: Metric | None, lang: Lang) -> list[str]:
    lines = []
    for component, obs in outcome_parts(node, period, metric):
        shown = observation_text(obs, metric, lang)
        if component is not None:
            shown = f"{component_name(metric, component, lang)} {shown}"
        lines.append(shown)
    return lines


# -- the terminal table -------------------------------------------------------------------


def verdict_text(node: Assessment, lang: Lang) -> str:
    """``▲ Positiv`` and so on."""
    return f"{node.verdict.symbol} {node.verdict.label(lang)}"


def _wrap(value: str, width: int) -> list[str]:
    # Lines break at spaces and after a word's own hyphens ("Material-,"), never inside a
    # word: the columns are made wide enough for the longest word (see _widths).
    return textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=True) or [""]


_MIN_WIDTHS: Final = (40, 16, 16)  # metric name, outcome the year before, outcome


def _widths(rows: Sequence[Sequence[list[str]]], indent: str, width: int = WIDTH
            ) -> tuple[int, int, int, int]:
    """Column widths of one metric table: each column at least as wide as its longest word.

    The outcome and verdict columns grow to fit their longest word (a long text outcome,
    ``Kandidatförteckningen``); the metric's name takes what is left of ``width``.
    """
    free = width - len(indent) - 6  # three gaps of two spaces

    def longest(column: int) -> int:
        return max((len(word) for row in rows for raw in row[column] for word in raw.split()),
                   default=0)

    before = max(_MIN_WIDTHS[1], longest(1))
    now = max(_MIN_WIDTHS[2], longest(2))
    verdict = max(free - sum(_MIN_WIDTHS), longest(3))
    # a narrow terminal: the verdict, then the outcome columns, give up room down to
    # their longest word, so that the name's column keeps its own
    cols = {1: before, 2: now, 3: verdict}
    short = longest(0) - (free - sum(cols.values()))
    for column in (3, 1, 2):
        give = max(0, min(short, cols[column] - longest(column)))
        cols[column] -= give
        short -= give
    before, now, verdict = cols[1], cols[2], cols[3]
    name = max(free - before - now - verdict, longest(0))
    return name, before, now, verdict


def _grid(rows: Sequence[Sequence[list[str]]], widths: Sequence[int], indent: str) -> list[str]:
    out = []
    for row in rows:
        cells = [
            [line for raw in cell for line in _wrap(raw, w)]
            for cell, w in zip(row, widths, strict=True)
        ]
        height = max(len(c) for c in cells)
        for i in range(height):
            parts = [
                (c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)
            ]
            out.append((indent + "  ".join(parts)).rstrip())
    return out


def _para(value: str, indent: str, width: int = WIDTH) -> list[str]:
    return _para_at(value, indent, width)


def _para_at(value: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(value, width, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False) or [indent.rstrip()]


_Row = tuple[list[str], list[str], list[str], list[str]]


def _metric_row(node: Assessment, period: int, defs: Definitions, lang: Lang) -> _Row:
    """The four cells of a metric's row: name, outcome the year before, outcome, verdict."""
    metric = defs.metric(node.id)
    verdict = [verdict_text(node, lang)]
    if node.basis is Basis.JUDGMENT and node.rule_verdict is not None:
        verdict[0] += f" ({text('judged', lang)})"
        verdict.append(
            f"{text('rule', lang)}: {node.rule_verdict.symbol} {node.rule_verdict.label(lang)}"
        )
    own = own_period(node, period)
    return (
        [node.name.get(lang)],
        with_year(_outcome_lines(node, own - 1, metric, lang), own - 1, own != period),
        with_year(_outcome_lines(node, own, metric, lang), own, own != period),
        verdict,
    )


def own_period(node: Assessment, period: int) -> int:
    """The period a metric was assessed for, else the report's.

    In ``periods="latest"`` mode each metric has its own latest period.
    """
    return node.period if node.period is not None else period


def with_year(lines: list[str], year: int, mark: bool) -> list[str]:
    """Outcome lines, the first marked with its year when it is not the column's."""
    if not mark or not lines:
        return lines
    return [f"{lines[0]} ({year})", *lines[1:]]


def _metric_notes(
    node: Assessment, period: int, defs: Definitions, lang: Lang, indent: str,
    width: int = WIDTH,
) -> Iterator[str]:
    """The lines under a metric's row: why, the rule alone, the notes."""
    yield from _para(f"{text('why', lang)}: {node.explanation.sentence(lang)}", indent,
                     width)
    if node.basis is Basis.JUDGMENT and node.rule_explanation is not None:
        yield from _para(
            f"{text('rule_alone', lang)}: {node.rule_explanation.sentence(lang)}", indent,
            width)
    own = own_period(node, period)
    notes = [o.note for o in node.observations if o.note and o.period in (own - 1, own)]
    against = measured_against(defs.metric(node.id), lang)
    if against:
        notes.insert(0, f"{against}.")
    for note in dict.fromkeys(notes):
        yield from _para(f"{text('note', lang)}: {note}", indent, width)


def render_table(
    tree: Assessment,
    dataset: Dataset,
    lang: Lang = "sv",
    programme: Programme | None = None,
    *,
    width: int | None = None,
    color: bool = False,
) -> str:
    """The assessment as a plain-text report for the terminal.

    Args:
        tree: The assessment (from :func:`indikator.assess`).
        dataset: The dataset it was assessed from (its period and title are shown).
        lang: ``"sv"`` or ``"en"``.
        programme: The programme's definitions (goal sentences, targets, component
            names); looked up among the installed plugins when omitted.
        width: The width in characters (:data:`WIDTH` when ``None``; at least
            :data:`MIN_WIDTH`). ``indikator assess`` passes the terminal's.
        color: Colour the verdicts with ANSI escapes (:func:`colorize`); the command
            does on a terminal, unless ``NO_COLOR`` is set.
    """
    shown = WIDTH if width is None else max(MIN_WIDTH, width)
    out = _render(tree, dataset, lang, load_definitions(dataset, programme), shown)
    return colorize(out, lang) if color else out


_COLORS: Final = {"positive": "32", "unchanged": "33", "negative": "31", "no_value": "2"}


def colorize(report: str, lang: Lang) -> str:
    """``report`` with every verdict symbol (and the label after it) in ANSI colour.

    Green for positive, yellow for unchanged, red for negative, dim for no value; the
    symbol and label stay, so the colour only adds to them.
    """
    import re

    from indikator.verdict import Verdict

    by_symbol = {v.symbol: v for v in Verdict}
    labels = "|".join(re.escape(" " + v.label(lang)) for v in Verdict)
    # a symbol on its own (a grid's cell) or before its label, never inside a word: the
    # no-value symbol is the en dash of "2019–2030"
    pattern = re.compile(f"(?<!\\S)({'|'.join(re.escape(s) for s in by_symbol)})({labels})?"
                         "(?![^\\s(*])")

    def paint(m: re.Match[str]) -> str:
        verdict = by_symbol[m.group(1)]
        return f"\x1b[{_COLORS[verdict.value]}m{m.group(0)}\x1b[0m"

    return pattern.sub(paint, report)


def _render(tree: Assessment, dataset: Dataset, lang: Lang, defs: Definitions,
            width: int = WIDTH) -> str:
    period = dataset.period

    def _para(value: str, indent: str) -> list[str]:
        return _para_at(value, indent, width)

    lines: list[str] = []
    if dataset.title is not None:
        lines.append(dataset.title.get(lang))
    head = (
        f"{tree.name.get(lang)}: {text('development', lang, year=period)}: "
        f"{verdict_text(tree, lang)}"
    )
    lines.extend(_para(head, ""))
    lines.extend(_para(tree.explanation.sentence(lang), "  "))
    metrics = [n for n in tree.walk() if n.level is Level.METRIC]
    judged = sum(1 for n in metrics if n.basis is Basis.JUDGMENT)
    lines.extend(_para(text("metrics_by", lang, metrics=len(metrics), rules=len(metrics) - judged,
                                judgments=judged), "  "))
    for area in tree.children:
        lines.append("")
        lines.append("=" * width)
        lines.extend(_para(f"{verdict_text(area, lang)}  {area.name.get(lang)}", ""))
        goal = defs.goal(area.id, lang)
        if goal:
            lines.extend(_para(f"{text('goal', lang)}: {goal}", "  "))
        why = area.explanation.sentence(lang)
        lines.extend(_para(f"{text('overall_goal', lang)}: {why}", "  "))
        if not area.children:
            lines.extend(_para(f"{text('no_indicators', lang)}.", "  "))
            note = defs.area_note(area.id)
            if note:
                lines.extend(_para(note, "  "))
        for ind in area.children:
            lines.append("")
            head = f"{verdict_text(ind, lang)}  {text('indicator', lang)}: {ind.name.get(lang)}"
            lines.extend(_para(head, "  "))
            target = defs.target(ind.id, lang)
            if target:
                label = text("target", lang, year=defs.target_year(ind.id))
                lines.extend(_para(f"{label}: {target}", "    "))
            why = ind.explanation.sentence(lang)
            lines.extend(_para(f"{text('overall_indicator', lang)}: {why}", "    "))
            indent = "    "
            header = (
                [text("metric", lang)],
                [text("outcome", lang, year=period - 1)],
                [text("outcome", lang, year=period)],
                [text("development", lang, year=period)],
            )
            rows = [_metric_row(metric, period, defs, lang) for metric in ind.children]
            widths = _widths([header, *rows], indent, width)
            lines.append("")
            lines.extend(_grid([header], widths, indent))
            lines.append(indent + "-" * (width - len(indent)))
            for metric, row in zip(ind.children, rows, strict=True):
                lines.extend(_grid([row], widths, indent))
                lines.extend(_metric_notes(metric, period, defs, lang, indent + "    ", width))
    # data-derived text (names, notes, outcomes) may hold terminal escape sequences
    return escape_controls("\n".join(lines), keep="\n") + "\n"
