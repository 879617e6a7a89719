"""The result table as an Excel workbook: a verdict sheet and a sheet like Bilaga 1.

:func:`render_xlsx` writes two sheets (openpyxl's write-only mode, so a table of a
million rows streams):

* **Bedömningar** (*Verdicts*): one row per (entity, node, period), the columns of
  :meth:`~indikator.results.Result.columns` under headings in the chosen language,
  verdicts as their labels (``Positiv``) on the colour of their verdict, key figures as
  numbers; the heading row frozen and filtered.
* **Bilaga 1** (*Appendix 1*): per entity and period assessed, per goal area and
  indicator, the table of the seed report's appendix (``Mätetal | Utfall 2023 | Utfall
  2024 | Utveckling 2024``) with the indicator's roll-up under it (``Samlad bedömning av
  indikator``); the heading row frozen.

Text from the data is written as text, never as a formula (a name starting with ``=``
stays a name), with control characters removed (the format cannot hold them).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any, Final

from indikator.model import Programme
from indikator.render.table import (
    Definitions,
    component_name,
    observation_text,
    outcome_parts,
    text,
)
from indikator.results import Result
from indikator.verdict import Assessment, Lang, Level, Verdict

__all__ = ["HEADINGS", "VERDICT_COLOURS", "render_xlsx"]

HEADINGS: Final[dict[str, tuple[str, str]]] = {
    "entity": ("Organisation", "Entity"),
    "node": ("Id", "Id"),
    "level": ("Nivå", "Level"),
    "period": ("År", "Year"),
    "verdict": ("Bedömning", "Verdict"),
    "basis": ("Grund", "Basis"),
    "rule_verdict": ("Regelns bedömning", "Rule verdict"),
    "strategy": ("Regel", "Rule"),
    "reason": ("Orsak", "Reason"),
    "current": ("Utfall", "Current"),
    "reference": ("Jämförelsevärde", "Reference"),
    "expected": ("Förväntat", "Expected"),
    "target": ("Mål", "Target"),
    "name": ("Namn", "Name"),
    "to_positive": ("För positiv bedömning", "To be rated positive"),
}
"""The verdict sheet's heading of each column (Swedish, English); others by their key."""

VERDICT_COLOURS: Final[dict[str, str]] = {
    "positive": "C6EFCE",
    "unchanged": "FFEB9C",
    "negative": "FFC7CE",
    "no_value": "E7E6E6",
}
"""The fill of a verdict's cell (Excel's own good, neutral and bad; grey for none)."""

_SHEETS: Final = {"verdicts": ("Bedömningar", "Verdicts"), "appendix": ("Bilaga 1", "Appendix 1")}
_LEVELS: Final = {"programme": ("Program", "Programme"), "goal_area": ("Målområde", "Goal area"),
                  "indicator": ("Indikator", "Indicator"), "metric": ("Mätetal", "Metric")}
_BASES: Final = {"rule": ("Regel", "Rule"), "judgment": ("Bedömning", "Judgment"),
                 "rollup": ("Sammanvägning", "Roll-up")}
_VERDICT_COLUMNS: Final = ("verdict", "rule_verdict")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "sv" else pair[1]


class _Cells:
    """Cells of a write-only sheet, styles made once and shared."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
        from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]

        self.sheet, self._cell = sheet, WriteOnlyCell
        self.bold = Font(bold=True)
        self.heading = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.fills = {v: PatternFill("solid", start_color=c, end_color=c)
                      for v, c in VERDICT_COLOURS.items()}

    def cell(self, value: object, *, bold: bool = False, heading: bool = False,
             verdict: str | None = None, wrap: bool = False) -> Any:
        if isinstance(value, str):
            value = _ILLEGAL.sub("", value)
        out = self._cell(self.sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            out.data_type = "s"  # data, not a formula
        if bold or heading:
            out.font = self.bold
        if heading:
            out.fill = self.heading
        if verdict is not None:
            out.fill = self.fills[verdict]
        if wrap:
            out.alignment = self.wrap
        return out


def render_xlsx(result: Result, *, lang: Lang = "sv", programme: Programme | None = None) -> bytes:
    """The result as the bytes of an ``.xlsx`` workbook (see the module docstring).

    Args:
        result: The result table (from :func:`indikator.evaluate`).
        lang: The language of headings and labels.
        programme: The definitions for the appendix's targets and component names (the
            result's own programme by default).

    Needs openpyxl (the ``xlsx`` extra), imported only here.
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    _verdict_sheet(book.create_sheet(_pick(_SHEETS["verdicts"], lang)), result, lang)
    defs = Definitions(programme or result.plan.programme)
    trees = [result.node(s, 0) for s in range(len(result.slots))]
    _appendix_sheet(book.create_sheet(_pick(_SHEETS["appendix"], lang)), trees, defs, lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _verdict_sheet(sheet: Any, result: Result, lang: Lang) -> None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    cols = result.columns(lang)
    names = list(cols)
    widths = {"entity": 14, "node": 28, "name": 48, "reason": 24, "strategy": 18}
    for i, key in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(key, 14)
    sheet.freeze_panes = "A2"
    cells = _Cells(sheet)
    sheet.append([cells.cell(_pick(HEADINGS[k], lang) if k in HEADINGS else k, heading=True)
                  for k in names])
    lists = [cols[k].tolist() for k in names]
    verdicts = {v.value: v.label(lang) for v in Verdict}
    levels = {k: _pick(v, lang) for k, v in _LEVELS.items()}
    bases = {k: _pick(v, lang) for k, v in _BASES.items()}
    kinds = [("verdict" if k in _VERDICT_COLUMNS else "level" if k == "level" else
              "basis" if k == "basis" else "entity" if k == "entity" else "plain")
             for k in names]
    for row in zip(*lists, strict=True):
        out: list[Any] = []
        for kind, value in zip(kinds, row, strict=True):
            if kind == "verdict":
                out.append(cells.cell(verdicts.get(value, value), verdict=value))
            elif kind == "level":
                out.append(levels.get(value, value))
            elif kind == "basis":
                out.append(bases.get(value, value))
            elif kind == "entity":
                out.append(value or None)
            elif isinstance(value, float) and value != value:
                out.append(None)
            elif isinstance(value, str):
                out.append(cells.cell(value))
            else:
                out.append(value)
        sheet.append(out)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(lists[0]) + 1}"


def _appendix_sheet(sheet: Any, trees: Sequence[Assessment], defs: Definitions,
                    lang: Lang) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate((52, 22, 22, 22), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    cells = _Cells(sheet)
    first = next((t.period for t in trees if t.period is not None), None)
    sheet.append(_heading(cells, first, lang))
    several = len(trees) > 1
    for tree in trees:
        period = tree.period if tree.period is not None else first
        if period is None:
            continue
        if several:
            who = tree.entity if tree.entity is not None else "–"
            sheet.append([])
            sheet.append([cells.cell(f"{_pick(HEADINGS['entity'], lang)} {who}, {period}",
                                     bold=True)])
        for area in tree.children:
            if not area.children:
                continue
            sheet.append([])
            sheet.append([cells.cell(area.name.get(lang), bold=True)])
            for ind in area.children:
                _indicator_rows(sheet, cells, ind, period, defs, lang)


def _heading(cells: _Cells, period: int | None, lang: Lang) -> list[Any]:
    year = "" if period is None else period
    prior = "" if period is None else period - 1
    return [cells.cell(text("metric", lang), heading=True),
            cells.cell(text("outcome", lang, year=prior).strip(), heading=True),
            cells.cell(text("outcome", lang, year=year).strip(), heading=True),
            cells.cell(text("development", lang, year=year).strip(), heading=True)]


def _indicator_rows(sheet: Any, cells: _Cells, ind: Assessment, period: int,
                    defs: Definitions, lang: Lang) -> None:
    sheet.append([])
    sheet.append([cells.cell(f"{text('indicator', lang)}: {ind.name.get(lang)}", bold=True,
                             wrap=True)])
    target = defs.target(ind.id, lang)
    if target:
        sheet.append([cells.cell(f"{text('target', lang, year=defs.target_year(ind.id))}: "
                                 f"{target}")])
    sheet.append(_heading(cells, period, lang))
    for node in ind.children:
        if node.level is not Level.METRIC:
            continue
        metric = defs.metric(node.id)

        def shown(year: int, _node: Assessment = node, _metric: Any = metric) -> str:
            parts = []
            for component, obs in outcome_parts(_node, year, _metric):
                value = observation_text(obs, _metric, lang)
                if component is not None:
                    value = f"{component_name(_metric, component, lang)} {value}"
                parts.append(value)
            return "\n".join(parts)

        sheet.append([cells.cell(node.name.get(lang), wrap=True),
                      cells.cell(shown(period - 1), wrap=True),
                      cells.cell(shown(period), wrap=True),
                      cells.cell(node.verdict.label(lang), verdict=node.verdict.value)])
    sheet.append([cells.cell(text("overall_indicator", lang), bold=True), None, None,
                  cells.cell(ind.verdict.label(lang), bold=True, verdict=ind.verdict.value)])
