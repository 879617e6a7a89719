"""The report in Markdown, laid out like the appendix of a Swedish follow-up report.

First the roll-ups ("Samlad bedömning"): the programme's verdict, a table of goal areas
with their goal sentences, and per goal area a table of its indicators. Then, per goal
area and indicator, a table like the seed report's Bilaga 1::

    | Mätetal | Utfall 2023 | Utfall 2024 | Utveckling 2024 |

with outcomes printed with their units (``3,6 kWh/km``, ``33,8 %``, ``-`` for a missing
value), footnote markers (``*``, ``**``, …) where the report puts them, the footnotes under
the table, and the explanation of every metric's verdict. A marker sits

* on the metric's name for a fact of its definition (``Mäts gentemot basår 2019``);
* on an outcome for a note about that figure: a note on the year before, on a missing
  outcome, or on an outcome flagged restated, provisional or series break (``93%*``);
* on the verdict for a note on the assessed year's outcome, which explains its
  development (``Positiv*``), and for a judgment, whose reason is the footnote.
"""

from __future__ import annotations

import re
from typing import Final

from indikator.model import Dataset, Flag, Metric, Observation, Programme
from indikator.render.table import (
    Definitions,
    component_name,
    load_definitions,
    measured_against,
    observation_text,
    outcome_parts,
    own_period,
    text,
    verdict_text,
    with_year,
)
from indikator.verdict import Assessment, Basis, Lang, Level

__all__ = ["render_markdown"]

_MD_TEXTS: Final[dict[str, tuple[str, str]]] = {
    "overall_title": (
        "Samlad bedömning av måluppfyllelse",
        "Overall assessment of goal attainment",
    ),
    "area_column": ("Målområde i hållbarhetsprogrammet", "Goal area of the programme"),
    "goal_column": ("Mål i hållbarhetsprogrammet", "Goal of the programme"),
    "appendix": ("Bilaga 1 Indikatorer med mätetal", "Appendix 1 Indicators with metrics"),
    "why": ("Varför", "Why"),
    "judgment": ("Bedömning", "Judgment"),
    "rule_alone": ("Regeln ensam", "The rule alone"),
}


def _t(key: str, lang: Lang) -> str:
    sv, en = _MD_TEXTS[key]
    return sv if lang == "sv" else en


def _cell(value: str) -> str:
    """Escape a table cell: as running text, and pipes and line breaks."""
    return _inline(value).replace("|", "\\|").replace("\n", "<br>")  # after escaping


# Markdown's punctuation that starts markup: emphasis, code, links and images (no link
# without brackets). HTML's < > & are written as entities, so no tag or autolink from
# data reaches a renderer.
_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]])")


def _inline(value: str) -> str:
    """Escape running text, so that data-derived text makes no markup.

    No link, image, emphasis or raw HTML: ``[x](javascript:…)`` and ``<script>`` print
    as they are written.
    """
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_PUNCTUATION.sub(r"\\\1", escaped)


class _Footnotes:
    """The footnotes of one table, numbered ``*``, ``**``, … in order, equal texts shared."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def mark(self, note: str) -> str:
        if note not in self.texts:
            self.texts.append(note)
        return "*" * (self.texts.index(note) + 1)

    def lines(self) -> list[str]:
        return [f"{_inline('*' * (i + 1))} {_inline(t)}" for i, t in enumerate(self.texts)]


# Flags that qualify the figure itself: a note on such an outcome is about the figure.
_FIGURE_FLAGS: Final = frozenset({Flag.RESTATED, Flag.PROVISIONAL, Flag.SERIES_BREAK})


def _explains_verdict(obs: Observation, period: int) -> bool:
    """Whether an outcome's note explains the verdict (starred there) or the figure."""
    return obs.period == period and not obs.is_missing and not obs.flags & _FIGURE_FLAGS


def _name_cell(node: Assessment, metric: Metric | None, lang: Lang, notes: _Footnotes) -> str:
    shown = node.name.get(lang)
    against = measured_against(metric, lang)
    if against:
        shown += notes.mark(f"{against}.")
    return shown


def _outcome_cell(
    node: Assessment, shown_period: int, period: int, metric: Metric | None, lang: Lang,
    notes: _Footnotes, mark_year: bool = False,
) -> str:
    parts = []
    for component, obs in outcome_parts(node, shown_period, metric):
        shown = observation_text(obs, metric, lang)
        if obs is not None and obs.note and not _explains_verdict(obs, period):
            shown += notes.mark(obs.note)
        if component is not None:
            shown = f"{component_name(metric, component, lang)} {shown}"
        parts.append(shown)
    return "\n".join(with_year(parts, shown_period, mark_year))


def _verdict_cell(node: Assessment, period: int, lang: Lang, notes: _Footnotes) -> str:
    shown = verdict_text(node, lang)
    why = [o.note.strip() for o in node.observations
           if o.note and _explains_verdict(o, period)]
    if node.basis is Basis.JUDGMENT and node.judgment is not None:
        why.append(f"{_t('judgment', lang)}: {node.judgment.reason.strip()}")
    if why:
        shown += notes.mark(_sentences(list(dict.fromkeys(why))))
    if node.basis is Basis.JUDGMENT and node.rule_verdict is not None:
        rule = node.rule_verdict
        shown += f" ({text('rule', lang)}: {rule.symbol} {rule.label(lang)})"
    return shown


def _sentences(parts: list[str]) -> str:
    """Parts of one footnote, each ended as a sentence when there are several.

    A note and a judgment's reason on the same verdict do not run into each other
    ("Ny indikator från 2024. Bedömning: …").
    """
    if len(parts) == 1:
        return parts[0]
    return " ".join(p if p.endswith((".", "!", "?", "…")) else p + "." for p in parts)


def _why(node: Assessment, lang: Lang) -> str:
    name = node.name.get(lang).rstrip(".")
    why = _inline(node.explanation.sentence(lang))
    out = f"- {_inline(name)}: {verdict_text(node, lang)}. {why}"
    if node.basis is Basis.JUDGMENT and node.rule_explanation is not None:
        out += f" {_t('rule_alone', lang)}: {_inline(node.rule_explanation.sentence(lang))}"
    return out


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _indicator_section(
    ind: Assessment, period: int, defs: Definitions, lang: Lang
) -> list[str]:
    out = [f"**{text('indicator', lang)}:** {_inline(ind.name.get(lang))}", ""]
    target = defs.target(ind.id, lang)
    if target:
        out += [f"{text('target', lang, year=defs.target_year(ind.id))}: {_inline(target)}", ""]
    out.append(
        _row(
            [
                text("metric", lang),
                text("outcome", lang, year=period - 1),
                text("outcome", lang, year=period),
                text("development", lang, year=period),
            ]
        )
    )
    out.append("|---|---|---|---|")
    notes = _Footnotes()
    for node in ind.children:
        metric = defs.metric(node.id)
        own = own_period(node, period)
        out.append(
            _row(
                [
                    _name_cell(node, metric, lang, notes),
                    _outcome_cell(node, own - 1, own, metric, lang, notes, own != period),
                    _outcome_cell(node, own, own, metric, lang, notes, own != period),
                    _verdict_cell(node, period, lang, notes),
                ]
            )
        )
    out.append(
        f"| **{text('overall_indicator', lang)}** |  |  | **{_cell(verdict_text(ind, lang))}** |"
    )
    out.append("")
    if notes.texts:
        for line in notes.lines():
            out += [line, ""]
    out.append(f"{_t('why', lang)}:")
    out.append("")
    out += [_why(node, lang) for node in ind.children]
    out.append(f"- {text('overall_indicator', lang)}: {_inline(ind.explanation.sentence(lang))}")
    out.append("")
    return out


def render_markdown(
    tree: Assessment,
    dataset: Dataset,
    lang: Lang = "sv",
    programme: Programme | None = None,
) -> str:
    """The assessment as Markdown: the roll-up tables, then a Bilaga 1 table per indicator.

    Args:
        tree: The assessment (from :func:`indikator.assess`).
        dataset: The dataset it was assessed from (its period and title are shown).
        lang: ``"sv"`` or ``"en"``.
        programme: The programme's definitions (goal sentences, targets, component
            names); looked up among the installed plugins when omitted.
    """
    defs = load_definitions(dataset, programme)
    period = dataset.period
    title = dataset.title.get(lang) if dataset.title is not None else tree.name.get(lang)
    out = [f"# {_inline(title)}", "", f"## {_t('overall_title', lang)}", ""]
    out.append(
        f"**{_inline(tree.name.get(lang))}** — {text('development', lang, year=period)}: "
        f"**{verdict_text(tree, lang)}**. {_inline(tree.explanation.sentence(lang))}"
    )
    out.append("")
    metrics = [n for n in tree.walk() if n.level is Level.METRIC]
    judged = sum(1 for n in metrics if n.basis is Basis.JUDGMENT)
    out += [
        text("metrics_by", lang, metrics=len(metrics), rules=len(metrics) - judged,
             judgments=judged),
        "",
    ]
    out.append(
        _row([_t("area_column", lang), _t("goal_column", lang),
              text("development", lang, year=period)])
    )
    out.append("|---|---|---|")
    for area in tree.children:
        out.append(_row([area.name.get(lang), defs.goal(area.id, lang) or "",
                         verdict_text(area, lang)]))
    out.append("")
    for area in tree.children:
        out += [f"### {_inline(area.name.get(lang))}", ""]
        goal = defs.goal(area.id, lang)
        if goal:
            out += [f"{text('goal', lang)}: {_inline(goal)}", ""]
        if area.children:
            out.append(_row([text("indicators", lang), text("development", lang, year=period)]))
            out.append("|---|---|")
            for ind in area.children:
                out.append(_row([ind.name.get(lang), verdict_text(ind, lang)]))
            out.append(
                f"| **{text('overall_goal', lang)}** | **{_cell(verdict_text(area, lang))}** |"
            )
            out.append("")
        else:
            out += [f"{text('overall_goal', lang)}: **{verdict_text(area, lang)}**. "
                    f"{text('no_indicators', lang)}.", ""]
            note = defs.area_note(area.id)
            if note:
                out += [f"> {_inline(note)}", ""]
    out += [f"## {_t('appendix', lang)}", ""]
    for area in tree.children:
        if not area.children:
            continue
        out += [f"### {_inline(area.name.get(lang))}", ""]
        for ind in area.children:
            out += _indicator_section(ind, period, defs, lang)
    return "\n".join(out).rstrip() + "\n"
