"""Renderers: turn an assessment tree into a terminal table, Markdown, HTML or JSON.

Renderers only read the tree; they never assess.
"""

from __future__ import annotations

from typing import Literal

from indikator.model import Dataset, Programme
from indikator.verdict import Assessment, Lang

__all__ = ["FORMATS", "Format", "render"]

Format = Literal["table", "markdown", "html", "json"]
FORMATS: tuple[Format, ...] = ("table", "markdown", "html", "json")


def render(
    tree: Assessment,
    dataset: Dataset,
    fmt: Format = "table",
    lang: Lang = "sv",
    programme: Programme | None = None,
) -> str:
    """Render ``tree`` (assessed from ``dataset``) in the given format and language.

    ``programme`` gives the renderers the definitions the tree does not carry (goal
    sentences, targets, component names); without it they look it up among the
    installed plugins. The report is for the period the tree was assessed for.
    """
    if tree.period is not None and tree.period != dataset.period:
        import attrs

        dataset = attrs.evolve(dataset, period=tree.period)
    if fmt == "json":  # the report contract, with what reads it back without loss
        from indikator.io.jsonio import assessment_to_json

        return assessment_to_json(tree, dataset.period, lang=lang)
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
