"""History: every node's verdict in every year of a programme period, for one entity.

For ``indikator assess --periods FIRST-LAST`` the reports show, per entity, a table of
symbols (programme, goal areas, indicators and metrics down, years across; in HTML each
symbol links to that node's section in that year's report) and, in HTML, a *small
multiple* per metric: its outcomes over the years with the verdict of each year marked
above them. The verdicts come from the engine's :meth:`Result.history` when the result
is at hand, else from the trees (the same verdicts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from indikator.render._matrix import _cell, _e
from indikator.results import Result
from indikator.verdict import Assessment, Lang, Level, Verdict

__all__ = ["History", "history_html", "history_markdown", "history_of", "history_text"]

_T: dict[str, tuple[str, str]] = {
    "title": ("Utveckling över åren", "Development over the years"),
    "caption": ("Bedömning per år", "Verdict per year"),
    "node": ("Mål, indikator och mätetal", "Goal, indicator and metric"),
    "multiples": ("Mätetalen år för år", "The metrics year by year"),
    "none": ("–", "–"),
    "trend": ("Utfall och bedömning per år", "Outcomes and verdict per year"),
}


def _t(key: str, lang: Lang) -> str:
    return _T[key][0 if lang == "sv" else 1]


@attrs.frozen
class History:
    """One entity's verdicts over the periods assessed.

    Attributes:
        entity: The entity (``None``: the dataset names none).
        periods: The periods, ascending.
        nodes: The nodes in tree order (from the last period's tree).
        verdicts: Per node (by position), its verdict per period (``None``: not assessed).
    """

    entity: str | None
    periods: tuple[int, ...]
    nodes: tuple[Assessment, ...]
    verdicts: tuple[tuple[Verdict | None, ...], ...]


def history_of(entity: str | None, trees: Sequence[Assessment],
               result: Result | None = None) -> History:
    """The history of one entity from its trees (one per period), by ``result.history``.

    ``trees`` are the entity's trees; without ``result`` the verdicts are read from them.
    """
    ordered = sorted(trees, key=lambda t: t.period or 0)
    periods = tuple(t.period or 0 for t in ordered)
    nodes = tuple(ordered[-1].walk())
    rows: list[tuple[Verdict | None, ...]] = []
    if result is not None:
        for node in nodes:
            found = result.history(node.id, entity)
            rows.append(tuple(found.get(p) for p in periods))
    else:
        by_tree = [{n.id: n.verdict for n in t.walk()} for t in ordered]
        rows = [tuple(v.get(node.id) for v in by_tree) for node in nodes]
    return History(entity, periods, nodes, tuple(rows))


# -- HTML ---------------------------------------------------------------------------------


def history_html(hist: History, lang: Lang, hid: str, heading: str,
                 link: Callable[[int, str], str | None]) -> list[str]:
    """The history of one entity as an HTML section with the id ``hid``.

    ``link(period, node_id)`` gives the id of the node's section in that period's report
    (or ``None``).
    """
    years = "".join(f'<th scope="col">{p}</th>' for p in hist.periods)
    out = [
        f'<section class="history" aria-labelledby="{hid}">',
        f'<h2 id="{hid}">{_e(heading)}</h2>',
        f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{hid}">',
        "<table>",
        f"<caption>{_e(_t('caption', lang))}</caption>",
        f'<thead><tr><th scope="col">{_e(_t("node", lang))}</th>{years}</tr></thead>',
        "<tbody>",
    ]
    for node, row in zip(hist.nodes, hist.verdicts, strict=True):
        cells = "".join(_cell(v, lang, link(p, node.id))
                        for p, v in zip(hist.periods, row, strict=True))
        out.append(f'<tr><th scope="row" class="lv-{node.level.value}">'
                   f"{_e(node.name.get(lang))}</th>{cells}</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    metrics = [(n, r) for n, r in zip(hist.nodes, hist.verdicts, strict=True)
               if n.level is Level.METRIC]
    if metrics:
        out += [f"<h3>{_e(_t('multiples', lang))}</h3>", '<ul class="multiples">']
        for k, (node, row) in enumerate(metrics):
            out.extend(_multiple(node, hist.periods, row, lang, f"{hid}-m{k}"))
        out.append("</ul>")
    out.append("</section>")
    return out


_FILL = {Verdict.POSITIVE: "#0f4a24", Verdict.UNCHANGED: "#4f3b00",
         Verdict.NEGATIVE: "#7a1111", Verdict.NO_VALUE: "#2e2e2e"}


def _multiple(node: Assessment, periods: tuple[int, ...], row: tuple[Verdict | None, ...],
              lang: Lang, cid: str) -> list[str]:
    """One metric's small multiple: its outcomes as a line, each year's verdict above."""
    from indikator.render.table import format_number

    width, height, left, right, top, bottom = 220, 74, 8, 212, 22, 58
    values = {o.period: o.value for o in node.observations
              if o.value is not None and o.component is None}
    shown = [p for p in periods if p in values]
    first, last = periods[0], periods[-1]

    def x(p: int) -> float:
        return (left + right) / 2 if first == last else left + (p - first) / (last - first) * (
            right - left)

    nums = [values[p] for p in shown]
    lo, hi = (min(nums), max(nums)) if nums else (0.0, 1.0)
    span = (hi - lo) or 1.0

    def y(v: float) -> float:
        return bottom - (v - lo) / span * (bottom - top) if hi != lo else (top + bottom) / 2

    said = "; ".join(
        f"{p}: {v.symbol} {v.label(lang)}"
        + (f" ({format_number(values[p], lang)})" if p in values else "")
        for p, v in zip(periods, row, strict=True) if v is not None)
    out = [
        "<li>",
        f"<h4>{_e(node.name.get(lang))}</h4>",
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{cid}-t {cid}-d">',
        f'<title id="{cid}-t">{_e(_t("trend", lang))}: {_e(node.name.get(lang))}</title>',
        f'<desc id="{cid}-d">{_e(said)}</desc>',
        f'<line x1="{left}" y1="{bottom + 4}" x2="{right}" y2="{bottom + 4}" '
        'stroke="#8a8a8a" stroke-width="1"/>',
    ]
    if len(shown) > 1:
        pts = " ".join(f"{x(p):.1f},{y(values[p]):.1f}" for p in shown)
        out.append(f'<polyline points="{pts}" fill="none" stroke="#1f4e79" stroke-width="1.5"/>')
    for p in shown:
        out.append(f'<circle cx="{x(p):.1f}" cy="{y(values[p]):.1f}" r="2.5" fill="#1f4e79"/>')
    for p, v in zip(periods, row, strict=True):
        if v is not None:
            out.append(f'<text x="{x(p):.1f}" y="14" text-anchor="middle" '
                       f'class="s-{v.value}" fill="{_FILL[v]}">{v.symbol}</text>')
    out.append(f'<text x="{left}" y="{height - 2}" font-size="10">{first}</text>')
    if last != first:
        out.append(f'<text x="{right}" y="{height - 2}" font-size="10" '
                   f'text-anchor="end">{last}</text>')
    out.append("</svg>")
    syms = " ".join(f"{p}\u00a0{v.symbol}" for p, v in zip(periods, row, strict=True)
                    if v is not None)
    out += [f'<p class="syms" aria-hidden="true">{_e(syms)}</p>', "</li>"]
    return out


# -- Markdown and text --------------------------------------------------------------------


def _md_cell(text: str) -> str:
    from indikator.render.markdown import _cell  # one escaping for every Markdown cell

    return _cell(text)


_INDENT = {Level.PROGRAMME: 0, Level.GOAL_AREA: 1, Level.INDICATOR: 2, Level.METRIC: 3}


def history_markdown(hist: History, lang: Lang, heading: str) -> str:
    """The history as a Markdown table of symbols (nodes down, years across)."""
    head = f"| {_t('node', lang)} | " + " | ".join(str(p) for p in hist.periods) + " |"
    rule = "|---|" + "|".join(":-:" for _ in hist.periods) + "|"
    lines = [f"## {_md_cell(heading)}", "", head, rule]
    for node, row in zip(hist.nodes, hist.verdicts, strict=True):
        name = _md_cell(node.name.get(lang))
        if node.level is not Level.METRIC:
            name = f"**{name}**"
        name = "\u00a0" * (2 * _INDENT[node.level]) + name  # outside the emphasis
        cells = " | ".join(v.symbol if v is not None else "" for v in row)
        lines.append(f"| {name} | {cells} |")
    return "\n".join(lines)


def history_text(hist: History, lang: Lang, heading: str, width: int) -> str:
    """The history as a plain-text grid for the terminal, at most ``width`` wide."""
    import textwrap

    cols = "".join(f"  {p}" for p in hist.periods)
    longest = max(len("  " * _INDENT[n.level] + n.name.get(lang)) for n in hist.nodes)
    name_w = min(max(20, width - len(cols)), max(longest, len(_t("node", lang))))
    lines = [heading, "-" * min(width, len(heading))]
    lines.append(_t("node", lang).ljust(name_w)[:name_w] + cols)
    for node, row in zip(hist.nodes, hist.verdicts, strict=True):
        indent = "  " * _INDENT[node.level]
        wrapped = textwrap.wrap(node.name.get(lang), name_w - len(indent),
                                break_long_words=True) or [""]
        syms = "".join(f"  {(v.symbol if v is not None else ' '):^4}" for v in row)
        lines.append((indent + wrapped[0]).ljust(name_w) + syms)
        lines.extend(indent + "  " + w for w in wrapped[1:])
    return "\n".join(line.rstrip() for line in lines)
