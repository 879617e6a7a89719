"""Entities side by side: one programme, many entities, a matrix of verdicts.

Rows are the entities, columns the programme's overall verdict and then its indicators
(``matrix="indicators"``, the default) or its metrics (``matrix="metrics"``, grouped
under their indicators). Every cell shows the verdict's symbol, with its label for
screen readers and as a tooltip, and a legend says what each symbol means: the matrix
never relies on colour.

In HTML the matrix is *sortable without a script*: the page holds one copy of the table
per sort order (by name; by the overall verdict; by each column, best first), each under
its own anchor. A column's heading links to the copy sorted by it; the stylesheet shows
the copy the address points to (``:target``) and the one by name otherwise. Without the
stylesheet every copy is shown, each with its caption, so nothing needs a script to be
read. Each entity's name links to its report, each cell to the node's section there.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Literal

import attrs

from indikator.verdict import Assessment, Lang, Level, Verdict

__all__ = ["MATRIX_MODES", "Column", "MatrixMode", "columns_of", "matrix_html",
           "matrix_markdown", "matrix_text", "sort_orders"]

MatrixMode = Literal["indicators", "metrics"]
MATRIX_MODES: tuple[MatrixMode, ...] = ("indicators", "metrics")

_T: dict[str, tuple[str, str]] = {
    "title": ("Jämförelse mellan organisationer {period}", "Entities compared, {period}"),
    "entity": ("Organisation", "Entity"),
    "overall": ("Samlad bedömning", "Overall"),
    "by_name": ("Sorterad efter namn", "Sorted by name"),
    "by": ("Sorterad efter {column}, bäst först", "Sorted by {column}, best first"),
    "sort": ("Sortera efter", "Sort by"),
    "name": ("namn", "name"),
    "columns": ("Kolumner", "Columns"),
    "legend": ("Teckenförklaring", "Legend"),
}
_RANK = {Verdict.POSITIVE: 0, Verdict.UNCHANGED: 1, Verdict.NEGATIVE: 2, Verdict.NO_VALUE: 3}
_ORDER = (Verdict.POSITIVE, Verdict.UNCHANGED, Verdict.NEGATIVE, Verdict.NO_VALUE)


def _t(key: str, lang: Lang, **fields: object) -> str:
    text = _T[key][0 if lang == "sv" else 1]
    return text.format(**fields) if fields else text


@attrs.frozen
class Column:
    """One column of the matrix: a node of the programme.

    Attributes:
        id: The node's id.
        name: Its name (in the report's language).
        group: The indicator a metric column sits under (``None`` for indicators).
    """

    id: str
    name: str
    group: str | None = None


def columns_of(tree: Assessment, mode: MatrixMode, lang: Lang) -> list[Column]:
    """The matrix's columns after the overall verdict: indicators, or metrics."""
    out: list[Column] = []
    for node in tree.walk():
        if mode == "indicators" and node.level is Level.INDICATOR:
            out.append(Column(node.id, node.name.get(lang)))
        elif mode == "metrics" and node.level is Level.INDICATOR:
            out += [Column(m.id, m.name.get(lang), node.name.get(lang))
                    for m in node.children if m.level is Level.METRIC]
    return out


def _entity_name(entity: str | None) -> str:
    return "–" if entity is None else entity


def _natural(text: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text))


def sort_orders(trees: Sequence[Assessment], columns: Sequence[Column]
                ) -> list[tuple[str | None, list[int]]]:
    """Every sort order: ``(column id or None for by name, tree positions in order)``.

    By name (natural order: ``2`` before ``10``); then by the overall verdict and by each
    column, best first (positive, unchanged, negative, no value), ties by name.
    """
    verdicts = [{n.id: n.verdict for n in t.walk()} for t in trees]
    by_name = sorted(range(len(trees)), key=lambda k: _natural(_entity_name(trees[k].entity)))
    out: list[tuple[str | None, list[int]]] = [(None, by_name)]
    keys = [trees[0].id, *(c.id for c in columns)] if trees else []
    for key in keys:
        order = sorted(by_name, key=lambda k: _RANK[verdicts[k].get(key, Verdict.NO_VALUE)])
        out.append((key, order))
    return out


# -- HTML ---------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text)[:40]


def matrix_html(trees: Sequence[Assessment], columns: Sequence[Column], lang: Lang, mid: str,
                period: int, report: Callable[[int], str],
                link: Callable[[int, str], str | None], *, open_: bool = True) -> list[str]:
    """The matrix of one period as an HTML section with the id ``mid``.

    ``trees`` are one per entity; ``report(k)`` is the id of tree ``k``'s report section,
    ``link(k, node_id)`` the id of a node's section in it. A closed ``<details>`` holds
    the matrix when ``open_`` is false (an earlier period).
    """
    if not trees:
        return []
    overall = trees[0].name.get(lang)
    title = _t("title", lang, period=period)
    names = {trees[0].id: _t("overall", lang), **{c.id: c.name for c in columns}}
    verdicts = [{n.id: n.verdict for n in t.walk()} for t in trees]
    orders = sort_orders(trees, columns)
    ids = {key: f"{mid}-by-{'name' if key is None else _slug(key)}" for key, _ in orders}
    if len(set(ids.values())) != len(ids):  # two ids alike after the slug: numbered
        ids = {key: f"{mid}-by-{k}" for k, (key, _) in enumerate(orders)}
    out = [f'<section class="matrix" aria-labelledby="{mid}">']
    if open_:
        out.append(f'<h2 id="{mid}">{_e(title)}</h2>')
    else:
        out += ["<details>", f'<summary><h2 id="{mid}">{_e(title)}'
                "</h2></summary>"]
    sorts = [f'<a href="#{ids[None]}">{_e(_t("name", lang))}</a>']
    sorts += [f'<a href="#{ids[key]}">{_e(names.get(key or "", ""))}</a>'
              for key, _ in orders[1:]]
    out.append(f'<p class="sorts">{_e(_t("sort", lang))}: {" · ".join(sorts)}</p>')
    out.append('<div class="orders">')
    grouped = any(c.group for c in columns)
    for key, order in orders:
        tid = ids[key]
        caption = (_t("by_name", lang) if key is None
                   else _t("by", lang, column=names[key]))
        cls = "order default" if key is None else "order"
        out += [f'<div class="{cls}" id="{tid}">',
                f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{tid}-c">',
                "<table>", f'<caption id="{tid}-c">{_e(caption)}</caption>', "<thead>"]
        if grouped:
            groups: list[tuple[str | None, int]] = []
            for c in columns:
                if groups and groups[-1][0] == c.group:
                    groups[-1] = (c.group, groups[-1][1] + 1)
                else:
                    groups.append((c.group, 1))
            out.append('<tr><td colspan="2"></td>' + "".join(
                f'<th scope="colgroup" colspan="{n}">{_e(g or "")}</th>' for g, n in groups)
                + "</tr>")
        heads = [f'<th scope="col"{_sorted_attr(key is None)}>'
                 f'<a href="#{ids[None]}">{_e(_t("entity", lang))}</a></th>']
        for col_key in [trees[0].id, *(c.id for c in columns)]:
            heads.append(f'<th scope="col"{_sorted_attr(col_key == key)}>'
                         f'<a href="#{ids[col_key]}">{_e(names[col_key])}</a></th>')
        out += ["<tr>" + "".join(heads) + "</tr>", "</thead>", "<tbody>"]
        for k in order:
            cells = []
            for col_key in [trees[0].id, *(c.id for c in columns)]:
                v = verdicts[k].get(col_key)
                target = report(k) if col_key == trees[0].id else link(k, col_key)
                cells.append(_cell(v, lang, target))
            out.append(f'<tr><th scope="row"><a href="#{_e(report(k))}">'
                       f"{_e(_entity_name(trees[k].entity))}</a></th>{''.join(cells)}</tr>")
        out += ["</tbody>", "</table>", "</div>", "</div>"]
    out.append("</div>")
    legend = " · ".join(f'<span aria-hidden="true">{v.symbol}</span> {_e(v.label(lang))}'
                        for v in _ORDER)
    out.append(f'<p class="sorts">{_e(_t("legend", lang))}: {legend}. '
               f"{_e(overall)}: {_e(_t('overall', lang).lower())}.</p>")
    if not open_:
        out.append("</details>")
    out.append("</section>")
    return out


def _sorted_attr(active: bool) -> str:
    return ' aria-sort="descending"' if active else ""


def _cell(v: Verdict | None, lang: Lang, href: str | None) -> str:
    if v is None:
        return "<td>–</td>"
    inner = (f'<span aria-hidden="true">{v.symbol}</span>'
             f'<span class="sr">{_e(v.label(lang))}</span>')
    if href:
        inner = f'<a href="#{_e(href)}" title="{_e(v.label(lang))}">{inner}</a>'
    return f'<td class="v-{v.value}">{inner}</td>'


# -- Markdown and text --------------------------------------------------------------------


def _grid_rows(trees: Sequence[Assessment], columns: Sequence[Column]) -> list[list[str]]:
    keys = [trees[0].id, *(c.id for c in columns)]
    rows = []
    for k in sort_orders(trees, columns)[0][1]:
        found = {n.id: n.verdict for n in trees[k].walk()}
        rows.append([_entity_name(trees[k].entity),
                     *(found[key].symbol if key in found else "" for key in keys)])
    return rows


def _legend(lang: Lang) -> str:
    return ", ".join(f"{v.symbol} {v.label(lang)}" for v in _ORDER)


def matrix_markdown(trees: Sequence[Assessment], columns: Sequence[Column], lang: Lang,
                    period: int) -> str:
    """The matrix as a Markdown table, sorted by name, with a legend."""
    from indikator.render.markdown import _cell as md

    if not trees:
        return ""
    head = [_t("entity", lang), _t("overall", lang),
            *((f"{c.group}: {c.name}" if c.group else c.name) for c in columns)]
    lines = [f"# {md(_t('title', lang, period=period))}", "",
             "| " + " | ".join(md(h) for h in head) + " |",
             "|---|" + "|".join(":-:" for _ in head[1:]) + "|"]
    lines += ["| " + " | ".join(md(c) for c in row) + " |"
              for row in _grid_rows(trees, columns)]
    lines += ["", f"{md(_t('legend', lang))}: {md(_legend(lang))}."]
    return "\n".join(lines)


def matrix_text(trees: Sequence[Assessment], columns: Sequence[Column], lang: Lang,
                period: int, width: int) -> str:
    """The matrix as a plain-text grid: numbered columns, their names listed below."""
    import textwrap

    if not trees:
        return ""
    rows = _grid_rows(trees, columns)
    name_w = max(len(_t("entity", lang)), *(len(r[0]) for r in rows))
    nums = ["P", *(str(k) for k in range(1, len(columns) + 1))]
    col_w = max(len(n) for n in nums)
    title = _t("title", lang, period=period)
    lines = [title, "-" * min(width, len(title)),
             _t("entity", lang).ljust(name_w) + "".join(f"  {n:^{col_w}}" for n in nums)]
    for row in rows:
        lines.append(row[0].ljust(name_w) + "".join(f"  {c:^{col_w}}" for c in row[1:]))
    lines.append("")
    key = [f"P = {_t('overall', lang)}"]
    key += [f"{k} = {(c.group + ': ') if c.group else ''}{c.name}"
            for k, c in enumerate(columns, 1)]
    for item in key:
        lines += textwrap.wrap(item, width, subsequent_indent="    ") or [""]
    lines += textwrap.wrap(f"{_t('legend', lang)}: {_legend(lang)}.", width)
    return "\n".join(line.rstrip() for line in lines)
