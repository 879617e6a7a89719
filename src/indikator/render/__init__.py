"""Renderers: turn an assessment tree into a terminal table, Markdown, HTML or JSON.

Renderers only read the tree; they never assess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from indikator.model import Dataset, Programme
from indikator.render._matrix import MatrixMode
from indikator.render.theme import Theme
from indikator.verdict import Assessment, Lang

if TYPE_CHECKING:
    from indikator.results import Result

__all__ = ["FORMATS", "Format", "MatrixMode", "Theme", "render", "render_many"]

Format = Literal["table", "markdown", "html", "json", "csv"]
FORMATS: tuple[Format, ...] = ("table", "markdown", "html", "json", "csv")


def render(
    tree: Assessment,
    dataset: Dataset,
    fmt: Format = "table",
    lang: Lang = "sv",
    programme: Programme | None = None,
    *,
    indent: int | None = None,
    theme: Theme | None = None,
    width: int | None = None,
    color: bool = False,
) -> str:
    """Render ``tree`` (assessed from ``dataset``) in the given format and language.

    ``programme`` gives the renderers the definitions the tree does not carry (goal
    sentences, targets, component names); without it they look it up among the
    installed plugins. The report is for the period the tree was assessed for. JSON is
    compact unless ``indent`` asks for that many spaces per level. ``theme`` is the HTML
    report's graphic profile; ``width`` (characters, default 100) and ``color`` (ANSI
    colours for the verdicts) are the terminal table's.
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

        return render_table(tree, dataset, lang=lang, programme=programme, width=width,
                            color=color)
    if fmt == "markdown":
        from indikator.render.markdown import render_markdown

        return render_markdown(tree, dataset, lang=lang, programme=programme)
    if fmt == "html":
        from indikator.render.html import render_html

        return render_html(tree, dataset, lang=lang, programme=programme, theme=theme)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_many(
    trees: Sequence[Assessment],
    dataset: Dataset,
    fmt: Format = "table",
    lang: Lang = "sv",
    programme: Programme | None = None,
    *,
    indent: int | None = None,
    result: Result | None = None,
    matrix: MatrixMode = "indicators",
    theme: Theme | None = None,
    width: int | None = None,
    color: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Render several trees (entities, periods) as one report.

    One tree renders exactly as :func:`render` does. Several: ``json`` gives one object
    ``{"indikator_version", "entities", "periods", "reports": [{"entity", "period",
    "programme": NODE}, ...]}``. ``table``, ``markdown`` and ``html`` begin, with several
    entities, with a matrix of verdicts per period, entities × indicators (``matrix=
    "metrics"``: × metrics), and, with several periods, with every node's verdict in
    every year per entity (from ``result``'s :meth:`~indikator.results.Result.history`
    when given, else from the trees); then the reports follow, each under a heading
    naming its entity and period. ``html`` makes one page with a table of contents,
    where every cell links to its section. ``progress(done, total)`` is called as the
    reports are rendered.
    """
    if progress is not None:  # a phase that takes long says so while it runs
        progress(0, len(trees))
    if len(trees) == 1:
        text = render(trees[0], dataset, fmt, lang, programme, indent=indent, theme=theme,
                      width=width, color=color)
        if progress is not None:
            progress(1, 1)
        return text
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
    if fmt == "html":
        from indikator.render._many import render_many_html

        return render_many_html(trees, dataset, lang, programme, result=result, matrix=matrix,
                                theme=theme, progress=progress)
    if fmt not in ("table", "markdown"):
        render(trees[0], dataset, fmt, lang, programme)  # raises the format's own error
    from indikator.render._many import render_many_text

    parts = []
    for k, t in enumerate(trees):
        parts.append(render(t, dataset, fmt, lang, programme, width=width))
        if progress is not None:
            progress(k + 1, len(trees))
    text = render_many_text(trees, dataset, fmt, lang, parts, result=result, matrix=matrix,
                            width=width or 100)
    if color and fmt == "table":
        from indikator.render.table import colorize

        text = colorize(text, lang)
    return text
