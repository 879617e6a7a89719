"""Renderers: turn an assessment tree into a terminal table, Markdown, HTML or JSON.

Renderers only read the tree; they never assess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from indikator.model import Dataset, Programme
from indikator.verdict import Assessment, Lang

__all__ = ["FORMATS", "Format", "render", "render_many"]

Format = Literal["table", "markdown", "html", "json", "csv"]
FORMATS: tuple[Format, ...] = ("table", "markdown", "html", "json", "csv")

_ENTITY = {"sv": "Organisation", "en": "Entity"}
_IDS = re.compile(r'\b(id|aria-labelledby|aria-describedby|for)="([^"]+)"')
_LINKS = re.compile(r'\bhref="#([^"]+)"')


def render(
    tree: Assessment,
    dataset: Dataset,
    fmt: Format = "table",
    lang: Lang = "sv",
    programme: Programme | None = None,
    *,
    indent: int | None = None,
) -> str:
    """Render ``tree`` (assessed from ``dataset``) in the given format and language.

    ``programme`` gives the renderers the definitions the tree does not carry (goal
    sentences, targets, component names); without it they look it up among the
    installed plugins. The report is for the period the tree was assessed for. JSON is
    compact unless ``indent`` asks for that many spaces per level.
    """
    if tree.period is not None and tree.period != dataset.period:
        import attrs

        dataset = attrs.evolve(dataset, period=tree.period)
    if fmt == "json":  # the report contract, with what reads it back without loss
        from indikator.io.jsonio import assessment_to_json

        return assessment_to_json(tree, dataset.period, lang=lang, indent=indent)
    if fmt == "csv":
        raise ValueError("csv is a table of every node: render it with Result.to_csv()")
    if fmt == "table":
        from indikator.render.table import render_table

        return render_table(tree, dataset, lang=lang, programme=programme)
    if fmt == "markdown":
        from indikator.render.markdown import render_markdown

        return render_markdown(tree, dataset, lang=lang, programme=programme)
    if fmt == "html":
        from indikator.render.html import render_html

        return render_html(tree, dataset, lang=lang, programme=programme)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_many(
    trees: Sequence[Assessment],
    dataset: Dataset,
    fmt: Format = "table",
    lang: Lang = "sv",
    programme: Programme | None = None,
    *,
    indent: int | None = None,
) -> str:
    """Render several trees (entities, periods) as one report.

    One tree renders exactly as :func:`render` does. Several: ``json`` gives one object
    ``{"indikator_version", "entities", "periods", "reports": [{"entity", "period",
    "programme": NODE}, ...]}``; ``table`` and ``markdown`` put the reports one after the
    other, each under a heading naming its entity and period; ``html`` makes one page with
    a section per report.
    """
    if len(trees) == 1:
        return render(trees[0], dataset, fmt, lang, programme, indent=indent)
    if fmt == "json":
        from indikator import __version__
        from indikator.io.jsonio import assessment_to_dict, dumps

        return dumps({
            "indikator_version": __version__,
            "lang": lang,
            "entities": list(dict.fromkeys(t.entity for t in trees)),
            "periods": sorted({t.period for t in trees if t.period is not None}),
            "reports": [{"entity": t.entity, "period": t.period,
                         "programme": assessment_to_dict(t, t.period or dataset.period,
                                                         lang=lang)["programme"]}
                        for t in trees],
        }, indent=indent)
    parts = [render(t, dataset, fmt, lang, programme) for t in trees]
    heads = [f"{_ENTITY[lang]} {t.entity if t.entity is not None else '–'}, {t.period}"
             for t in trees]
    if fmt == "markdown":
        return "\n\n".join(f"# {h}\n\n{p}" for h, p in zip(heads, parts, strict=True))
    if fmt == "html":
        import html as _html

        first = parts[0]
        start, end = first.index("<body>") + len("<body>"), first.rindex("</body>")
        bodies = []
        for k, (h, p) in enumerate(zip(heads, parts, strict=True)):
            body = p[p.index("<body>") + len("<body>"):p.rindex("</body>")]
            if k:  # one page: every section's ids (and the links to them) its own
                body = _IDS.sub(rf'\1="e{k}-\2"', body)
                body = _LINKS.sub(rf'href="#e{k}-\1"', body)
            bodies.append(
                f'<section class="entity"><h1 style="max-width:72rem;margin:1.5rem auto 0;'
                f'padding:0 1rem">{_html.escape(h)}</h1>{body}</section>')
        return first[:start] + "\n".join(bodies) + first[end:]
    return "\n\n".join(f"{h}\n{'=' * len(h)}\n{p}" for h, p in zip(heads, parts, strict=True))
