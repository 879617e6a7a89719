"""Outputs of the result table: the workbook cell by cell, Parquet, compact JSON,
`-o -`, UTF-8 whatever the terminal, and the one node serialiser."""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest

import indikator as ik
from indikator.cli import main
from indikator.io import load_dataset
from indikator.io.jsonio import assessment_from_json, assessment_to_dict, assessment_to_json
from indikator.plugins import get_programme
from indikator.render.parquet import render_parquet
from indikator.render.xlsx import HEADINGS, VERDICT_COLOURS, render_xlsx
from indikator.report import to_dict

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vastmanland-2024"


@pytest.fixture(scope="module")
def result() -> ik.Result:
    ds = load_dataset(EXAMPLE)
    return ik.evaluate(get_programme(ds.programme), ds)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_verdict_sheet_cell_by_cell(result: ik.Result, lang: str) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(result, lang=lang)))  # type: ignore[arg-type]
    sheet = book.worksheets[0]
    assert sheet.title == ("Bedömningar" if lang == "sv" else "Verdicts")
    assert sheet.freeze_panes == "A2"
    cols = result.columns(lang)  # type: ignore[arg-type]
    names = list(cols)
    assert [c.value for c in sheet[1]] == [HEADINGS[k][0 if lang == "sv" else 1] for k in names]
    assert sheet.max_row == len(result) + 1
    labels = {v.value: v.label(lang) for v in ik.Verdict}  # type: ignore[arg-type]
    for r, row in enumerate(sheet.iter_rows(min_row=2), start=0):
        for c, key in enumerate(names):
            want = cols[key][r]
            got = row[c].value
            if key in ("verdict", "rule_verdict"):
                assert got == labels[want]
                assert row[c].fill.start_color.rgb[-6:] == VERDICT_COLOURS[want]
            elif key in ("current", "reference", "expected", "target", "to_positive"):
                assert (got is None) if math.isnan(want) else got == pytest.approx(want)
            elif key in ("period", "node", "strategy", "reason", "name"):
                assert got == want
            elif key == "entity":
                assert got is None  # the example names no entity


def test_the_appendix_sheet_reads_like_bilaga_1(result: ik.Result) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(result, lang="sv")))
    sheet = book["Bilaga 1"]
    assert sheet.freeze_panes == "A2"
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Mätetal", "Utfall 2023", "Utfall 2024", "Utveckling 2024"]
    bus = next(i for i, r in enumerate(rows) if r[0] and r[0].startswith("Energianvändning per"))
    assert rows[bus][1:] == ["3,6 kWh/km", "4,5 kWh/km", "Positiv"]
    cell = sheet.cell(row=bus + 1, column=4)
    assert cell.fill.start_color.rgb[-6:] == VERDICT_COLOURS["positive"]
    overall = next(r for r in rows[bus:] if r[0] == "Samlad bedömning av indikatorn")
    assert overall[3] == "Oförändrad"
    tree = result.tree()
    indicators = [n for n in tree.walk() if n.level is ik.Level.INDICATOR]
    assert sum(1 for r in rows if r[0] and r[0].startswith("Indikator: ")) == len(indicators)


def test_text_from_the_data_is_never_a_formula() -> None:
    metric = ik.Metric(id="m", name=ik.Label("=HYPERLINK(\"x\")\x07"), unit="%",
                       strategy=ik.strategies.VsBase())  # type: ignore[attr-defined]
    programme = ik.Programme(id="p", name=ik.Label("P"), goal_areas=[ik.GoalArea(
        id="a", name=ik.Label("A"), indicators=[ik.SimpleIndicator(
            id="i", name=ik.Label("I"), metrics=[metric])])])
    data = ik.Observations.from_columns(metric=["m"], period=[2024], value=[1.0], unit="%")
    result = ik.evaluate(programme, data, periods=2024)
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(result))).worksheets[0]
    names = [row[13].value for row in sheet.iter_rows(min_row=2)]
    assert names[-1] == "=HYPERLINK(\"x\")"
    assert sheet.cell(row=5, column=14).data_type == "s"


def test_parquet_holds_the_result_table(result: ik.Result) -> None:
    table = pq.read_table(io.BytesIO(render_parquet(result, lang="en")))
    cols = result.columns("en")
    assert table.column_names == list(cols)
    assert table.column("verdict").to_pylist() == cols["verdict"].tolist()
    got = table.column("current").to_pylist()
    assert [None if math.isnan(v) else v for v in cols["current"].tolist()] == got


def test_xlsx_and_parquet_from_the_command(tmp_path: Path) -> None:
    out = tmp_path / "v.xlsx"
    assert main(["assess", str(EXAMPLE), "--format", "xlsx", "--lang", "en", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Verdicts", "Appendix 1"]
    pq_out = tmp_path / "v.parquet"
    assert main(["assess", str(EXAMPLE), "--format", "parquet", "-o", str(pq_out)]) == 0
    assert pq.read_table(pq_out).num_rows == 42


def test_json_is_compact_by_default_and_indented_on_request(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(EXAMPLE), "--format", "json"]) == 0
    compact = capsys.readouterr().out
    assert compact.count("\n") == 1
    assert '"period":2024' in compact
    assert main(["assess", str(EXAMPLE), "--format", "json", "--indent", "2"]) == 0
    indented = capsys.readouterr().out
    assert '\n  "period": 2024' in indented
    assert json.loads(compact) == json.loads(indented)
    assert main(["assess", str(EXAMPLE), "--format", "json", "-o", "-"]) == 0
    assert capsys.readouterr().out == compact


def test_output_is_utf8_whatever_the_terminal_encoding(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    for fmt in ("table", "json", "csv"):
        done = subprocess.run([sys.executable, "-m", "indikator", "assess", str(EXAMPLE),
                               "--format", fmt, "-o", "-"], capture_output=True, env=env,
                              check=False, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "Hållbar" in done.stdout.decode("utf-8")


def test_a_binary_format_to_a_terminal_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["assess", str(EXAMPLE), "--format", "xlsx"]) == 2
    assert "binary format" in capsys.readouterr().err


def test_one_serialiser_that_cannot_contradict_the_tree(result: ik.Result) -> None:
    tree = result.tree()
    assert to_dict(tree)["programme"] == tree.to_dict()
    assert to_dict(tree, 2024) == to_dict(tree)
    with pytest.raises(ValueError, match="assessed for 2024, not 1999"):
        to_dict(tree, 1999)
    with pytest.raises(ValueError, match="assessed for 2024, not 1999"):
        assessment_to_dict(tree, 1999)
    metric = tree.find("bus-energy-per-km")
    node = metric.to_dict("en")
    assert {"id", "name", "level", "verdict", "children", "basis", "rule_verdict", "strategy",
            "explanation", "observations"} <= set(node)
    assert node == to_dict(tree, lang="en")["programme"]["children"][0]["children"][0][
        "children"][0]
    assert assessment_from_json(assessment_to_json(tree)) == tree
    exact = tree.to_dict(exact=True)
    assert exact == assessment_to_dict(tree)["programme"]


def test_a_workbook_of_several_entities() -> None:
    from indikator.io.frames import read_frame
    from indikator.strategies import VsBase

    metric = ik.Metric(id="w", name=ik.Label("Avfall", "Waste"), unit="kg",
                       direction="lower_is_better", strategy=VsBase())
    programme = ik.Programme(id="p", name=ik.Label("P"), goal_areas=[ik.GoalArea(
        id="a", name=ik.Label("Område", "Area"), indicators=[ik.SimpleIndicator(
            id="i", name=ik.Label("Indikatorn", "The indicator"), metrics=[metric])])])
    data = read_frame({"kommun": ["0180", "0180", "1980", "1980"], "metric": ["w"] * 4,
                       "period": [2023, 2024] * 2, "value": [5.0, 4.0, 5.0, 6.0]}, unit="kg")
    result = ik.evaluate(programme, data, periods=2024)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(result, lang="en")))
    verdicts = [[c.value for c in row] for row in book["Verdicts"].iter_rows(min_row=2)]
    assert [(r[0], r[1], r[4]) for r in verdicts if r[2] == "Metric"] == [
        ("0180", "w", "Positive"), ("1980", "w", "Negative")]
    appendix = [[c.value for c in row] for row in book["Appendix 1"].iter_rows()]
    heads = [r[0] for r in appendix if r[0] and r[0].startswith("Entity ")]
    assert heads == ["Entity 0180, 2024", "Entity 1980, 2024"]
    waste = [r for r in appendix if r[0] == "Waste"]
    assert waste == [["Waste", "5 kg", "4 kg", "Positive"], ["Waste", "5 kg", "6 kg", "Negative"]]


def test_a_workbook_to_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["assess", str(EXAMPLE), "--format", "xlsx", "-o", "-"]) == 0
    data = capsysbinary.readouterr().out
    assert data[:2] == b"PK"  # a zip, as every workbook is
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["Bedömningar", "Bilaga 1"]
