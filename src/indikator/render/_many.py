"""Several reports as one: entities side by side, years side by side, then each report.

:func:`indikator.render.render_many` calls this for the table, Markdown and HTML formats
when there is more than one tree. The report starts with what only several trees can
show:

* with several entities, a matrix of entities × indicators (or metrics)
  (:mod:`indikator.render._matrix`): in HTML one per period, the latest first and open,
  in the table and Markdown the latest period's;
* with several periods, every node's verdict in every year, per entity
  (:mod:`indikator.render._history`);

then every (entity, period) report follows, each under a heading naming its entity and
period. In HTML it is one page with a table of contents; every cell of the matrix and the
history links to the node's section in its report, and every id on the page is unique
(each report's ids carry its own prefix).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from indikator.model import Dataset, Programme
from indikator.render._history import History, history_html, history_markdown, history_of
from indikator.render._history import history_text as _history_text
from indikator.render._matrix import (
    MatrixMode,
    columns_of,
    matrix_html,
    matrix_markdown,
    matrix_text,
)
from indikator.verdict import Assessment, Lang

if TYPE_CHECKING:
    from indikator.render.theme import Theme
    from indikator.results import Result

__all__ = ["heading_of", "render_many_html", "render_many_text"]

_ENTITY = {"sv": "Organisation", "en": "Entity"}
_T: dict[str, tuple[str, str]] = {
    "history": ("Utveckling över åren", "Development over the years"),
    "reports": ("Rapporterna", "The reports"),
    "compare": ("Jämförelse", "Comparison"),
    "entities": ("{n} organisationer", "{n} entities"),
    "years": ("år {first}–{last}", "years {first}–{last}"),
    "year": ("år {first}", "year {first}"),
}


def _t(key: str, lang: Lang, **fields: object) -> str:
    text = _T[key][0 if lang == "sv" else 1]
    return text.format(**fields) if fields else text


def heading_of(tree: Assessment, lang: Lang) -> str:
    """``Organisation 1980, 2024`` (English: ``Entity``)."""
    return f"{_ENTITY[lang]} {tree.entity if tree.entity is not None else '–'}, {tree.period}"


def _history_heading(entity: str | None, lang: Lang, several: bool) -> str:
    base = _t("history", lang)
    return f"{base}: {_ENTITY[lang]} {entity}" if several and entity is not None else base


def _grouped(trees: Sequence[Assessment]) -> tuple[list[str | None], list[int]]:
    entities = list(dict.fromkeys(t.entity for t in trees))
    periods = sorted({t.period for t in trees if t.period is not None})
    return entities, periods


def _histories(trees: Sequence[Assessment], entities: Sequence[str | None],
               result: Result | None) -> list[History]:
    out = []
    for entity in entities:
        mine = [t for t in trees if t.entity == entity]
        try:
            out.append(history_of(entity, mine, result))
        except KeyError:  # a result that is not these trees': read them instead
            out.append(history_of(entity, mine, None))
    return out


def render_many_text(trees: Sequence[Assessment], dataset: Dataset, fmt: str, lang: Lang,
                     parts: Sequence[str], *, result: Result | None = None,
                     matrix: MatrixMode = "indicators", width: int = 100) -> str:
    """The table or Markdown report of several trees, ``parts`` their reports."""
    entities, periods = _grouped(trees)
    out: list[str] = []
    if len(entities) > 1 and periods:  # the latest period's (the history shows the rest)
        period = periods[-1]
        these = [t for t in trees if t.period == period]
        cols = columns_of(these[0], matrix, lang)
        out.append(matrix_markdown(these, cols, lang, period) if fmt == "markdown"
                   else matrix_text(these, cols, lang, period, width))
    if len(periods) > 1:
        for hist in _histories(trees, entities, result):
            head = _history_heading(hist.entity, lang, len(entities) > 1)
            out.append(history_markdown(hist, lang, head) if fmt == "markdown"
                       else _history_text(hist, lang, head, width))
    heads = [heading_of(t, lang) for t in trees]
    if fmt == "markdown":
        out += [f"# {h}\n\n{p}" for h, p in zip(heads, parts, strict=True)]
    else:
        out += [f"{h}\n{'=' * len(h)}\n{p}" for h, p in zip(heads, parts, strict=True)]
    return "\n\n".join(x.rstrip("\n") for x in out) + "\n"


def render_many_html(trees: Sequence[Assessment], dataset: Dataset, lang: Lang,
                     programme: Programme | None, *, result: Result | None = None,
                     matrix: MatrixMode = "indicators", theme: Theme | None = None,
                     progress: Callable[[int, int], None] | None = None) -> str:
    """One page of several reports: the matrix, the history, then each report."""
    from indikator.render.html import _Page, document
    from indikator.render.table import load_definitions

    defs = load_definitions(dataset, programme)
    entities, periods = _grouped(trees)
    pages = [_Page(lang, defs, t, prefix=f"r{k}-") for k, t in enumerate(trees)]
    where = {(t.entity, t.period): k for k, t in enumerate(trees)}
    first = trees[0]
    name = first.name.get(lang)
    title = dataset.title.get(lang) if dataset.title is not None else None
    span = (_t("years", lang, first=periods[0], last=periods[-1]) if len(periods) > 1
            else _t("year", lang, first=periods[0]) if periods else "")
    facts = " · ".join(x for x in (title, _t("entities", lang, n=len(entities))
                                   if len(entities) > 1 else None, span) if x)
    head = [f"<h1>{_e(name)}</h1>", f'<p class="sub">{_e(facts)}</p>']

    def report_id(k: int) -> str:
        return f"r{k}-report"

    def node_link(k: int, node_id: str) -> str | None:
        return pages[k].anchors.get(node_id, report_id(k) if node_id == trees[k].id else None)

    toc: list[str] = []
    body: list[str] = []
    if len(entities) > 1:
        items = []
        for n, period in enumerate(reversed(periods)):
            these = [where[(e, period)] for e in entities if (e, period) in where]
            cols = columns_of(trees[these[0]], matrix, lang)
            mid = f"matrix-{period}"
            body += matrix_html([trees[k] for k in these], cols, lang, mid, period,
                                lambda j, these=these: report_id(these[j]),  # type: ignore[misc]
                                lambda j, nid, these=these: node_link(these[j], nid),  # type: ignore[misc]
                                open_=n == 0)
            items.append(f'<li><a href="#{mid}">{period}</a></li>')
        toc.append(f'<li><a href="#matrix-{periods[-1]}">{_e(_t("compare", lang))}</a>'
                   f"<ol>{''.join(items)}</ol></li>")
    if len(periods) > 1:
        items = []
        for i, hist in enumerate(_histories(trees, entities, result)):
            hid = f"history-{i}"
            label = _history_heading(hist.entity, lang, len(entities) > 1)
            body += history_html(
                hist, lang, hid, label,
                lambda p, nid, e=hist.entity: (  # type: ignore[misc]
                    node_link(where[(e, p)], nid) if (e, p) in where else None))
            items.append(f'<li><a href="#{hid}">{_e(label)}</a></li>')
        toc.append(f'<li><a href="#history-0">{_e(_t("history", lang))}</a>'
                   f"<ol>{''.join(items)}</ol></li>")
    items = []
    by_entity: dict[str | None, list[str]] = {}
    for k, (tree, page) in enumerate(zip(trees, pages, strict=True)):
        h = heading_of(tree, lang)
        rid = report_id(k)
        body += [f'<section class="entity" id="{rid}" aria-labelledby="{rid}-h">',
                 f'<h1 id="{rid}-h">{_e(h)}</h1>', '<div class="report-head">',
                 f'<p>{page.t("overall")}: {page.badge(tree.verdict)}</p>',
                 *page.explanation(tree), *page.toc(tree, heading=False), "</div>",
                 *page.report(tree, tree.period or dataset.period), "</section>"]
        v = tree.verdict
        shown = str(tree.period) if len(periods) > 1 else h
        by_entity.setdefault(tree.entity, []).append(
            f'<a href="#{rid}"><span class="sym" aria-hidden="true">{v.symbol}</span>'
            f'{_e(shown)}<span class="sr"> ({_e(v.label(lang))})</span></a>')
        if progress is not None:
            progress(k + 1, len(trees))
    for entity, links in by_entity.items():  # one line per entity: its years side by side
        if len(periods) > 1:
            who = f"{_ENTITY[lang]} {entity if entity is not None else '–'}"
            items.append(f"<li>{_e(who)}: {' · '.join(links)}</li>")
        else:
            items += [f"<li>{link}</li>" for link in links]
    toc.append(f'<li><a href="#{report_id(0)}">{_e(_t("reports", lang))}</a>'
               f"<ol>{''.join(items)}</ol></li>")
    contents = pages[0].t("contents")
    nav = ['<nav class="toc" aria-labelledby="toc-h">', f'<h2 id="toc-h">{contents}</h2>',
           "<ol>", *toc, "</ol>", "</nav>"]
    head_title = " – ".join(x for x in (name, title, span) if x)
    return document(lang, head_title, head, nav, body, theme)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)
