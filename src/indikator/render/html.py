"""The HTML report: one standalone page, accessible, in Swedish or English.

The page has inline CSS and inline SVG only: no scripts, no fonts, no network (a Content
Security Policy forbids them, too). A verdict is always shown by its symbol and its label
(:attr:`Verdict.symbol`, :meth:`Verdict.label`), colour only adds to them. The layout
follows the programme: goal areas (``h2``) → indicators (``h3``) → metrics (``h4``), each
with its verdict and explanation; every metric has a small trend chart of its outcomes
and, beside it, a table of them (the chart in a fixed column, so every card is laid out
alike; on a narrow screen the table goes under the chart). A judged node shows its
verdict once, then the judgment's reason and, beside it, the rule's own verdict and
explanation (the explanation of a judged node is that reason, so it is not repeated).

Every text that comes from data or definitions is escaped with :func:`html.escape`: a
note holding ``<script>`` shows as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from indikator.labels import rule_label
from indikator.model import Dataset, Flag, Observation, Programme
from indikator.numbers import format_number
from indikator.render.theme import THEME_CSS, Theme
from indikator.verdict import Assessment, Basis, Lang, Level, Verdict

if TYPE_CHECKING:
    from indikator.render.table import Definitions

__all__ = ["document", "render_html"]

_T: dict[str, tuple[str, str]] = {
    "overall": ("Samlad bedömning", "Overall verdict"),
    "overview": ("Översikt", "Overview"),
    "overview_caption": ("Bedömning per målområde och antal mätetal per bedömning",
                         "Verdict per goal area and number of metrics per verdict"),
    "goal_area": ("Målområde", "Goal area"),
    "indicator": ("Indikator", "Indicator"),
    "verdict": ("Bedömning", "Verdict"),
    "metrics": ("Mätetal", "Metrics"),
    "legend": ("Teckenförklaring", "Legend"),
    "period": ("Redovisningsår", "Report year"),
    "basis": ("Grund", "Basis"),
    "basis_rule": ("regel", "rule"),
    "basis_judgment": ("bedömning med motivering", "judgment with a reason"),
    "basis_rollup": ("sammanvägning", "roll-up"),
    "reason": ("Motivering", "Reason"),
    "rule_alone": ("Regeln ensam", "The rule alone"),
    "by": ("av", "by"),
    "outcomes": ("Utfall", "Outcomes"),
    "year": ("År", "Year"),
    "value": ("Värde", "Value"),
    "unit": ("Enhet", "Unit"),
    "component": ("Delserie", "Component"),
    "remark": ("Anmärkning", "Remark"),
    "trend": ("Utveckling", "Trend"),
    "goal": ("Mål", "Goal"),
    "note": ("Anmärkning", "Note"),
    "target": ("Målvärde {year}", "Target {year}"),
    "target_value": ("Målvärde", "Target"),
    "direction": ("Riktning", "Direction"),
    "no_chart": ("Inget diagram: inga sifferutfall.", "No chart: no numeric outcomes."),
    "no_outcomes": ("Inga utfall.", "No outcomes."),
    "chart_units": ("Diagrammet kan inte ritas: utfallen har enheter som inte går att "
                    "jämföra.", "No chart: the outcomes have units that cannot be compared."),
    "made_by": ("Skapad med indikator", "Made with indikator"),
    "skip": ("Hoppa till innehållet", "Skip to the content"),
    "contents": ("Innehåll", "Contents"),
    "to_contents": ("↑ Till innehållet", "↑ Back to the contents"),
    "assessed": ("Större markering: bedömt år {period}", "Larger marker: the assessed year "
                 "{period}"),
    "hollow": ("Ofylld markering: preliminärt värde", "Hollow marker: provisional value"),
    "break": ("serieavbrott", "series break"),
}
_FLAG_LABELS: dict[Flag, tuple[str, str]] = {
    Flag.PROVISIONAL: ("preliminärt", "provisional"),
    Flag.SERIES_BREAK: ("serieavbrott", "series break"),
    Flag.RESTATED: ("omräknat", "restated"),
    Flag.OWN_TARGET_MET: ("verksamhetens mål nått", "own target met"),
    Flag.OWN_TARGET_NOT_MET: ("verksamhetens mål inte nått", "own target not met"),
}
_MEANING: dict[Verdict, tuple[str, str]] = {
    Verdict.POSITIVE: ("utveckling i önskad riktning", "development in the desired direction"),
    Verdict.UNCHANGED: ("oförändrad eller otillräcklig utveckling",
                        "unchanged or insufficient development"),
    Verdict.NEGATIVE: ("utveckling i oönskad riktning", "development in an undesired direction"),
    Verdict.NO_VALUE: ("värde saknas", "no value"),
}

# Text on tinted backgrounds: every pair has a contrast ratio above 7:1 (WCAG AAA).
_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1a1a1a; background: #ffffff; line-height: 1.45; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.2rem; border-bottom: 2px solid #1f4e79; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .3rem; border-bottom: 1px solid #8a8a8a; }
h3 { font-size: 1.15rem; margin: 1.4rem 0 .3rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
.sub { margin: 0 0 .6rem; color: #333; }
.verdict { display: inline-block; white-space: nowrap; font-weight: 600; font-size: .9rem;
  padding: .05rem .5rem; border-radius: .3rem; border: 1px solid currentColor;
  vertical-align: middle; }
.verdict .sym { margin-right: .3rem; }
.v-positive { background: #e3f1e6; color: #0f4a24; }
.v-unchanged { background: #fff3cf; color: #4f3b00; }
.v-negative { background: #fde6e6; color: #7a1111; }
.v-no_value { background: #eeeeee; color: #2e2e2e; }
.expl { margin: .2rem 0 .5rem; }
.basis { margin: .2rem 0; font-size: .9rem; color: #333; }
.def { margin: .2rem 0; }
.judgment { border-left: 4px solid #1f4e79; background: #f3f6fa; padding: .4rem .7rem;
  margin: .4rem 0; }
.judgment p { margin: .2rem 0; }
.metric { border: 1px solid #c4c4c4; border-radius: .4rem; padding: .7rem .9rem;
  margin: .6rem 0; }
.data { display: grid; grid-template-columns: 320px minmax(0, 1fr); gap: 1rem;
  align-items: start; }
.data table { width: 100%; }
@media (max-width: 40rem) { .data { grid-template-columns: minmax(0, 1fr); } }
figure { margin: 0; }
figcaption { font-size: .8rem; color: #333; }
table { border-collapse: collapse; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid #c4c4c4; padding: .2rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
footer { margin-top: 2rem; padding-bottom: 2rem; font-size: .85rem; color: #333; }
svg text { font-family: inherit; font-size: 10px; fill: #1a1a1a; }
@media print { .metric { break-inside: avoid; } }
"""


def render_html(
    tree: Assessment, dataset: Dataset, lang: Lang = "sv", *, programme: Programme | None = None,
    theme: Theme | None = None,
) -> str:
    """Render an assessment tree as one standalone HTML page.

    Args:
        tree: The assessment tree (its root is the programme).
        dataset: The dataset it was assessed from (for the title and the period).
        lang: ``"sv"`` or ``"en"``.
        programme: The definitions the tree was assessed with, for goal sentences,
            targets, directions and units; looked up among the installed plugins when
            ``None`` (and left out when not found).
        theme: A region's graphic profile (stylesheet, logo), see
            :mod:`indikator.render.theme`.

    Returns:
        The page, a complete HTML document.
    """
    from indikator.render.table import load_definitions

    page = _Page(lang, load_definitions(dataset, programme), tree)
    name = tree.name.get(lang)
    title = dataset.title.get(lang) if dataset.title is not None else None
    head_title = " – ".join(x for x in (name, title, str(dataset.period)) if x)
    head = [
        f"<h1>{_e(name)}</h1>",
        f'<p class="sub">{_e(title) + " · " if title else ""}{page.t("period")} '
        f"{dataset.period}</p>",
        f'<p>{page.t("overall")}: {page.badge(tree.verdict)}</p>',
        *page.explanation(tree),
    ]
    return document(lang, head_title, head, page.toc(tree), page.report(tree, dataset.period),
                    theme)


def document(lang: Lang, title: str, head: Sequence[str], nav: Sequence[str],
             main: Sequence[str], theme: Theme | None = None) -> str:
    """A complete page: the head (style and theme), header, table of contents, main, footer."""
    from indikator import __version__

    theme = theme or Theme()
    logo = (f'<img class="logo" src="{_e(theme.logo)}" alt="{_e(theme.logo_alt)}">'
            if theme.logo else "")
    own = f"<style>{theme.css}</style>" if theme.css else ""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; font-src data:\">",
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}{THEME_CSS}</style>",
        *([own] if own else []),
        "</head>",
        "<body>",
        f'<a class="skip" href="#main">{_e(_T["skip"][0 if lang == "sv" else 1])}</a>',
        "<header>",
        *([logo] if logo else []),
        *head,
        "</header>",
        *nav,
        '<main id="main">',
        *main,
        "</main>",
        f"<footer><p>{_e(_T['made_by'][0 if lang == 'sv' else 1])} {_e(__version__)}.</p>"
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


class _Page:
    """Builds the page's parts in one language, keeping element ids unique."""

    def __init__(self, lang: Lang, definitions: Definitions, tree: Assessment,
                 prefix: str = "") -> None:
        self.lang: Lang = lang
        self.defs = definitions
        self.prefix = prefix  # before every id, so several reports share one page
        self._ids: set[str] = set()
        # every section's id, known before any is written (the overview and the table
        # of contents link to them), by node id (unique within a programme)
        self.anchors: dict[str, str] = {}
        kinds = {Level.GOAL_AREA: "area", Level.INDICATOR: "ind", Level.METRIC: "metric"}
        for node in tree.walk():
            if node.level in kinds and node.id not in self.anchors:
                self.anchors[node.id] = self.uid(kinds[node.level], node.id)

    def t(self, key: str) -> str:
        pair = _T[key]
        return _e(pair[0] if self.lang == "sv" else pair[1])

    def uid(self, prefix: str, node_id: str) -> str:
        base = f"{self.prefix}{prefix}-{_NOT_ID.sub('_', node_id)}"[:60]
        out, n = base, 1
        while out in self._ids:
            n += 1
            out = f"{base}-{n}"
        self._ids.add(out)
        return out

    def pid(self, name: str) -> str:
        """A fixed element id (``overview-h``), with the page's prefix."""
        return f"{self.prefix}{name}"

    def anchor(self, node: Assessment) -> str:
        """The id of a node's section (given out once, before the sections are written)."""
        found = self.anchors.get(node.id)
        return found if found is not None else self.uid("node", node.id)

    def toc(self, tree: Assessment, heading: bool = True) -> list[str]:
        """The table of contents: the overview, then goal areas with their indicators."""
        areas = tree.children if tree.level is Level.PROGRAMME else (tree,)
        hid = self.pid("toc-h")
        out = [f'<nav class="toc" aria-labelledby="{hid}">',
               f'<h2 id="{hid}">{self.t("contents")}</h2>' if heading else
               f'<p class="sr" id="{hid}">{self.t("contents")}</p>',
               "<ol>", f'<li><a href="#{self.pid("overview-h")}">{self.t("overview")}</a></li>']
        for area in areas:
            out.append(f"<li>{self.toc_link(area)}")
            inds = [i for i in area.children if i.level is not Level.METRIC] or []
            if inds:
                out.append("<ol>")
                out += [f"<li>{self.toc_link(i)}</li>" for i in inds]
                out.append("</ol>")
            out.append("</li>")
        out += ["</ol>", "</nav>"]
        return out

    def toc_link(self, node: Assessment) -> str:
        v = node.verdict
        return (f'<a href="#{self.anchor(node)}"><span class="sym" aria-hidden="true">'
                f'{v.symbol}</span>{_e(node.name.get(self.lang))}'
                f'<span class="sr"> ({_e(v.label(self.lang))})</span></a>')

    def report(self, tree: Assessment, period: int) -> list[str]:
        """The overview and the sections of every goal area."""
        areas = tree.children if tree.level is Level.PROGRAMME else (tree,)
        out = self.overview(tree)
        for area in areas:
            out.extend(self.area(area, period))
        return out

    def badge(self, verdict: Verdict) -> str:
        return (f'<span class="verdict v-{verdict.value}"><span class="sym" aria-hidden="true">'
                f"{verdict.symbol}</span>{_e(verdict.label(self.lang))}</span>")

    def basis(self, node: Assessment) -> str:
        key = {Basis.RULE: "basis_rule", Basis.JUDGMENT: "basis_judgment",
               Basis.ROLLUP: "basis_rollup"}[node.basis]
        rule = f" ({_e(rule_label(node.strategy, self.lang))})" if node.strategy else ""
        return f'<p class="basis">{self.t("basis")}: {self.t(key)}{rule}</p>'

    def explanation(self, node: Assessment) -> list[str]:
        """Why the node has its verdict: the explanation, or for a judged node the judgment.

        A judged node's explanation is the judgment's reason, which the judgment block
        shows with its author beside the rule's own verdict: it is shown once.
        """
        if node.judgment is not None:
            return self.judgment_block(node)
        return [f'<p class="expl">{_e(node.explanation.sentence(self.lang))}</p>']

    def judgment_block(self, node: Assessment) -> list[str]:
        j = node.judgment
        if j is None:
            return []
        who = ", ".join(_e(x) for x in (j.author, j.date.isoformat() if j.date else None) if x)
        out = [
            '<div class="judgment">',
            f'<p><strong>{self.t("reason")}:</strong> {_e(j.reason)}'
            f"{f' ({who})' if who else ''}</p>",
        ]
        if node.rule_verdict is not None:
            rule_text = (node.rule_explanation.sentence(self.lang)
                         if node.rule_explanation is not None else "")
            out.append(f'<p><strong>{self.t("rule_alone")}:</strong> '
                       f"{self.badge(node.rule_verdict)} {_e(rule_text)}</p>")
        out.append("</div>")
        return out

    def definition(self, key: str, text: str | None, **fields: object) -> list[str]:
        if not text:
            return []
        label = self.t(key).format(**fields) if fields else self.t(key)
        return [f'<p class="def"><strong>{label}:</strong> {_e(text)}</p>']

    def metric_definition(self, metric_id: str) -> list[str]:
        metric = self.defs.metric(metric_id)
        if metric is None:
            return []
        from indikator.render.table import measured_against

        parts = [f"{self.t('direction')}: {_e(metric.direction.label(self.lang))}"]
        if metric.unit:
            parts.append(f"{self.t('unit')}: {_e(metric.unit)}")
        against = measured_against(metric, self.lang)
        if against:
            parts.append(_e(against))
        target = metric.target()
        if target is not None and target.value is not None:
            year = f" ({target.year})" if target.year is not None else ""
            parts.append(f"{self.t('target_value')}: {_e(format_number(target.value, self.lang))} "
                         f"{_e(target.unit or '')}{year}")
        return [f'<p class="basis">{" · ".join(parts)}</p>']

    def overview(self, tree: Assessment) -> list[str]:
        areas = tree.children if tree.level is Level.PROGRAMME else (tree,)
        order = (Verdict.POSITIVE, Verdict.UNCHANGED, Verdict.NEGATIVE, Verdict.NO_VALUE)
        heads = "".join(
            f'<th scope="col"><span aria-hidden="true">{v.symbol}</span> '
            f"{_e(v.label(self.lang))}</th>" for v in order)
        hid = self.pid("overview-h")
        out = [
            f'<section aria-labelledby="{hid}">',
            f'<h2 id="{hid}">{self.t("overview")}</h2>',
            f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{hid}">',
            '<table class="overview">',
            f"<caption>{self.t('overview_caption')}</caption>",
            f'<thead><tr><th scope="col">{self.t("goal_area")}</th>'
            f'<th scope="col">{self.t("verdict")}</th>{heads}</tr></thead>',
            "<tbody>",
        ]
        for area in areas:
            metrics = [n for n in area.walk() if n.level is Level.METRIC]
            href = f"#{self.anchor(area)}"
            cells = []
            for v in order:  # a count links to the first metric of the area with it
                these = [m for m in metrics if m.verdict is v]
                if these:
                    cells.append(f'<td class="num"><a href="#{self.anchor(these[0])}">'
                                 f"{len(these)}</a></td>")
                else:
                    cells.append('<td class="num">0</td>')
            out.append(f'<tr><th scope="row"><a href="{href}">{_e(area.name.get(self.lang))}'
                       f'</a></th><td><a href="{href}">{self.badge(area.verdict)}</a></td>'
                       f'{"".join(cells)}</tr>')
        out += ["</tbody>", "</table>", "</div>", f'<h3>{self.t("legend")}</h3>',
                '<ul class="legend">']
        for v in order:
            meaning = _MEANING[v][0 if self.lang == "sv" else 1]
            out.append(f"<li>{self.badge(v)} {_e(meaning)}</li>")
        out += ["</ul>", "</section>"]
        return out

    def area(self, area: Assessment, period: int) -> list[str]:
        hid = self.anchor(area)
        out = [
            f'<section class="area" aria-labelledby="{hid}">',
            f'<h2 id="{hid}">{_e(area.name.get(self.lang))} {self.badge(area.verdict)}</h2>',
            *self.definition("goal", self.defs.goal(area.id, self.lang)),
            *self.definition("note", self.defs.area_note(area.id)),
            *self.explanation(area),
        ]
        for ind in area.children:
            if ind.level is Level.METRIC:
                out.extend(self.metric(ind, period))
                continue
            iid = self.anchor(ind)
            out += [
                f'<section class="indicator" aria-labelledby="{iid}">',
                f'<h3 id="{iid}">{_e(ind.name.get(self.lang))} {self.badge(ind.verdict)}</h3>',
                *self.definition("target", self.defs.target(ind.id, self.lang),
                                 year=self.defs.target_year(ind.id)),
                *self.explanation(ind),
            ]
            for metric in ind.children:
                out.extend(self.metric(metric, period))
            out.append("</section>")
        out.append(f'<p class="top"><a href="#{self.pid("toc-h")}">{self.t("to_contents")}</a>'
                   "</p>")
        out.append("</section>")
        return out

    def metric(self, node: Assessment, period: int) -> list[str]:
        from indikator.render.table import shows_sign

        mid = self.anchor(node)
        out = [
            f'<article class="metric" aria-labelledby="{mid}">',
            f'<h4 id="{mid}">{_e(node.name.get(self.lang))}</h4>',
            f"<p>{self.t('verdict')}: {self.badge(node.verdict)}</p>",
            *self.explanation(node),
            *self.metric_definition(node.id),
            self.basis(node),
            '<div class="data">',
            *self.chart(node, period, mid),
            *self.table(node.observations, signed=shows_sign(self.defs.metric(node.id))),
            "</div>",
            "</article>",
        ]
        return out

    def table(self, observations: Sequence[Observation], *, signed: bool = False) -> list[str]:
        if not observations:
            return [f"<p>{self.t('no_outcomes')}</p>"]
        with_component = any(o.component for o in observations)
        head = (f'<th scope="col">{self.t("year")}</th>'
                + (f'<th scope="col">{self.t("component")}</th>' if with_component else "")
                + f'<th scope="col">{self.t("value")}</th><th scope="col">{self.t("unit")}</th>'
                f'<th scope="col">{self.t("remark")}</th>')
        out = ["<table>", f"<caption>{self.t('outcomes')}</caption>",
               f"<thead><tr>{head}</tr></thead>", "<tbody>"]
        for o in observations:
            if o.value is not None:
                shown = _e(format_number(o.value, self.lang))
                if signed and o.value > 0:
                    shown = "+" + shown
            elif o.text is not None:
                shown = _e(o.text)
            else:
                shown = "–"
            flags = [_FLAG_LABELS[f][0 if self.lang == "sv" else 1]
                     for f in sorted(o.flags, key=lambda f: f.value)]
            remark = "; ".join(_e(x) for x in [*flags, o.note] if x)
            comp = f"<td>{_e(o.component or '')}</td>" if with_component else ""
            cls = ' class="num"' if o.value is not None else ""
            out.append(f'<tr><th scope="row">{o.period}</th>{comp}<td{cls}>{shown}</td>'
                       f"<td>{_e(o.unit or '')}</td><td>{remark}</td></tr>")
        out += ["</tbody>", "</table>"]
        return out

    def chart(self, node: Assessment, period: int, mid: str) -> list[str]:
        from indikator.render.charts import chart

        return chart(node, period, f"{mid}-chart", self.lang, self.defs.metric(node.id))
