"""Workbooks of several sheets, merged headings, dates and formulas; CSV encodings; judgment
sheets (CSV and XLSX)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import textwrap
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.cli import main
from indikator.errors import InputError
from indikator.io import Problems, read_dataset, read_judgments
from indikator.io.outcomes import parse_outcomes_csv, parse_outcomes_xlsx
from indikator.verdict import Verdict


def _book(sheets: dict[str, list[list[Any]]], merges: dict[str, list[str]] | None = None
          ) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _read(data: bytes, **options: Any) -> tuple[list[Any], Problems]:
    problems = Problems()
    return parse_outcomes_xlsx(data, "data.xlsx", problems=problems, **options), problems


def _by(found: list[Any]) -> dict[tuple[str, int], float | None]:
    return {(r.metric, r.observation.period): r.observation.value for r in found}


def test_one_sheet_per_year_gives_each_sheet_its_year() -> None:
    data = _book({"2023": [["metric", "value", "unit"], ["waste", 6.8, "kg"]],
                  "2024": [["metric", "value", "unit"], ["waste", 6.6, "kg"]]})
    found, problems = _read(data, sheet="*")
    assert not problems.errors
    assert _by(found) == {("waste", 2023): 6.8, ("waste", 2024): 6.6}
    assert found[1].location.cells["value"] == "2024!B2"


def test_one_sheet_per_metric_group_in_the_wide_layout() -> None:
    data = _book({"Klimat": [["metric", "unit", 2023, 2024], ["co2", "%", -10, -12]],
                  "Avfall": [["metric", "unit", 2023, 2024], ["waste", "kg", 6.8, 6.6]]})
    found, problems = _read(data, sheet="*", layout="wide")
    assert not problems.errors
    assert _by(found) == {("co2", 2023): -10, ("co2", 2024): -12, ("waste", 2023): 6.8,
                          ("waste", 2024): 6.6}


def test_a_merged_heading_over_the_year_columns() -> None:
    data = _book({"Utfall": [["Mätetal", "Enhet", "Utfall", None],
                             [None, None, 2023, 2024],
                             ["waste", "kg", 6.8, 6.6]]},
                 merges={"Utfall": ["A1:A2", "B1:B2", "C1:D1"]})
    found, problems = _read(data, layout="wide")
    assert not problems.errors, problems.errors
    assert _by(found) == {("waste", 2023): 6.8, ("waste", 2024): 6.6}
    assert found[0].location.line == 3


def test_a_date_where_a_number_belongs_names_the_sheet_and_cell() -> None:
    data = _book({"2023": [["metric", "value", "unit"], ["a", 1, "%"]],
                  "2024": [["metric", "value", "unit"], ["a", 2, "%"],
                           ["b", dt.datetime(2024, 3, 1), "%"]]})
    found, problems = _read(data, sheet="*")
    [problem] = problems.errors
    assert str(problem) == ("data.xlsx:3: 2024!B3: a number is required, not a date "
                            "(got '2024-03-01T00:00:00')")
    assert len(found) == 2  # nothing else lost


def test_a_formula_without_its_value_names_its_cell() -> None:
    data = _book({"Data": [["metric", "period", "value", "unit"],
                           ["a", 2024, "=1+1", "%"]]})
    found, problems = _read(data)
    [problem] = problems.errors
    assert problem.field == "C2"
    assert "formula without a computed value" in problem.message
    assert found == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.integers(2000, 2030),
                       # a workbook keeps 15 significant digits, as Excel does
                       st.lists(st.tuples(st.sampled_from(["a", "b-c", "d.e"]),
                                          st.integers(-10**12, 10**12).map(lambda i: i / 1000)),
                                max_size=4, unique_by=lambda t: t[0]),
                       min_size=1, max_size=4))
def test_round_trip_a_workbook_of_year_sheets(years: dict[int, list[tuple[str, float]]]
                                              ) -> None:
    data = _book({str(y): [["metric", "value", "unit"], *[[m, v, "%"] for m, v in rows]]
                  for y, rows in years.items()})
    found, problems = _read(data, sheet="*")
    assert not problems.errors
    assert _by(found) == {(m, y): v for y, rows in years.items() for m, v in rows}


# -- CSV encodings ---------------------------------------------------------------------

CSV = "mätetal;år;värde;enhet;anmärkning\nsorted-waste;2024;36,8;%;Ökad återvinning\n"


@pytest.mark.parametrize("encoding", ["windows-1252", "utf-16"])
def test_a_csv_in_a_named_encoding_is_read(encoding: str) -> None:
    data = CSV.encode("cp1252" if encoding == "windows-1252" else "utf-16")
    problems = Problems()
    [found] = parse_outcomes_csv(data, "u.csv", problems=problems, encoding=encoding)
    assert (found.metric, found.observation.value) == ("sorted-waste", 36.8)
    assert found.observation.note == "Ökad återvinning"


@pytest.mark.parametrize("data", [CSV.encode("cp1252"), CSV.encode("utf-16")])
def test_without_an_encoding_the_refusal_and_its_hint_stay(data: bytes) -> None:
    problems = Problems()
    assert parse_outcomes_csv(data, "u.csv", problems=problems) == []
    [problem] = problems.errors
    assert "CSV UTF-8" in problem.message
    assert 'encoding = "windows-1252"' in problem.message


def test_an_encoding_in_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "u.csv").write_bytes(CSV.encode("cp1252"))
    (tmp_path / "indikator.toml").write_text(textwrap.dedent('''\
        [dataset]
        programme = "p"
        period = 2024
        [[outcomes]]
        path = "u.csv"
        encoding = "windows-1252"
        '''), encoding="utf-8")
    loaded = read_dataset(tmp_path)
    assert not loaded.problems
    assert loaded.dataset is not None
    assert loaded.dataset.observations["sorted-waste"][0].note == "Ökad återvinning"
    (tmp_path / "indikator.toml").write_text(
        (tmp_path / "indikator.toml").read_text(encoding="utf-8").replace("windows-1252",
                                                                          "ebcdic"),
        encoding="utf-8")
    assert any(p.field == "encoding" for p in read_dataset(tmp_path).problems)


def test_a_byte_the_encoding_lacks_names_its_line() -> None:
    problems = Problems()
    data = b"metric;period;value;unit\n" + b"a;2024;1;\x81\n"
    parse_outcomes_csv(data, "u.csv", problems=problems, encoding="windows-1252")
    [problem] = problems.errors
    assert (problem.line, "0x81" in problem.message) == (2, True)


# -- judgments as a sheet --------------------------------------------------------------

JUDGMENTS = [["mätetal", "år", "bedömning", "motivering", "författare", "datum"],
             ["waste", 2024, "Oförändrad", "Marginell förändring", "Anna", "2025-03-31"],
             ["co2", 2024, "negative", "Fel riktning", None, None]]


def _judgments_csv(tmp: Path, rows: list[list[Any]], name: str = "j.csv") -> Path:
    path = tmp / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return path


def test_judgments_from_a_csv_and_a_workbook(tmp_path: Path) -> None:
    from_csv = read_judgments(_judgments_csv(tmp_path, JUDGMENTS))
    book = tmp_path / "j.xlsx"
    rows = [JUDGMENTS[0], *[[*r[:5], dt.date(2025, 3, 31) if r[5] else None]
                            for r in JUDGMENTS[1:]]]
    book.write_bytes(_book({"Bedömningar": rows}))
    from_xlsx = read_judgments(book)
    for found in (from_csv, from_xlsx):
        first, second = (r.judgment for r in found)
        assert (first.target, first.period, first.verdict) == ("waste", 2024, Verdict.UNCHANGED)
        assert (first.author, first.date) == ("Anna", dt.date(2025, 3, 31))
        assert (second.verdict, second.reason) == (Verdict.NEGATIVE, "Fel riktning")
    assert from_xlsx[0].location.cells["reason"] == "D2"


def test_a_bad_judgment_row_is_located_and_the_rest_read(tmp_path: Path) -> None:
    rows = [*JUDGMENTS, ["food", 2024, "bättre", "", None, "31/3"]]
    problems = Problems()
    found = read_judgments(_judgments_csv(tmp_path, rows), problems=problems)
    assert len(found) == 2
    shown = [str(p) for p in problems.errors]
    assert any(s.startswith(f"{tmp_path / 'j.csv'}:4: bedömning: unknown verdict") for s in shown)
    assert any(":4: motivering: a judgment needs a reason" in s for s in shown)
    assert any(":4: datum: a date must be written 2025-03-31" in s for s in shown)


def test_a_judgment_sheet_without_a_reason_column(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the header has no 'reason' column"):
        read_judgments(_judgments_csv(tmp_path, [["metric", "period", "verdict"],
                                                 ["a", 2024, "positive"]]))


def test_a_dataset_with_a_judgment_sheet_is_assessed(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "vastmanland-2024"
    for name in ("utfall.csv",):
        (tmp_path / name).write_bytes((example / name).read_bytes())
    _judgments_csv(tmp_path, [["metric", "period", "verdict", "reason"],
                              ["food-waste-per-portion", 2024, "positive", "Ny mätmetod"]])
    manifest = (example / "indikator.toml").read_text(encoding="utf-8").replace(
        'path = "judgments.toml"', 'path = "j.csv"')
    (tmp_path / "indikator.toml").write_text(manifest, encoding="utf-8")
    assert main(["assess", str(tmp_path), "--format", "csv"]) == 0
    row = next(ln for ln in capsys.readouterr().out.splitlines()
               if ",food-waste-per-portion," in ln)
    assert ",positive,judgment,negative," in row


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["a", "b.c", "d-e"]), st.integers(1900, 2200),
                          st.sampled_from(list(Verdict)),
                          st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc",
                                                                                  "Zl", "Zp"]),
                                  min_size=1).filter(str.strip)),
                unique_by=lambda t: t[:2], max_size=10))
def test_round_trip_judgments_through_a_csv(tmp_path: Path, rows: list[Any]) -> None:
    path = _judgments_csv(tmp_path, [["metric", "period", "verdict", "reason"],
                                     *[[m, p, v.value, r] for m, p, v, r in rows]])
    found = [(j.judgment.target, j.judgment.period, j.judgment.verdict, j.judgment.reason)
             for j in read_judgments(path)]
    assert found == [(m, p, v, r.strip()) for m, p, v, r in rows]



def test_a_bad_judgment_sheet_in_a_dataset_exits_2_naming_the_cell(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "vastmanland-2024"
    (tmp_path / "utfall.csv").write_bytes((example / "utfall.csv").read_bytes())
    book = tmp_path / "j.xlsx"
    book.write_bytes(_book({"J": [["metric", "period", "verdict", "reason"],
                                  ["food-waste-per-portion", 2024, "kanske", "Ny metod"]]}))
    manifest = (example / "indikator.toml").read_text(encoding="utf-8").replace(
        'path = "judgments.toml"', 'path = "j.xlsx"')
    (tmp_path / "indikator.toml").write_text(manifest, encoding="utf-8")
    assert main(["assess", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{book}:2: C2: unknown verdict 'kanske'" in err
    assert "Traceback" not in err


_text = st.text(st.characters(codec="cp1252", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
                min_size=1, max_size=20).filter(lambda t: t.strip() == t and t[0] not in "#-")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["a", "b.c"]), st.integers(1900, 2200), _text),
                unique_by=lambda t: t[:2], min_size=1, max_size=8),
       st.sampled_from(["windows-1252", "utf-16", "utf-16-le"]))
def test_round_trip_a_csv_in_another_encoding(rows: list[Any], encoding: str) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerows(
        [["metric", "period", "text"], *rows])
    codec = {"windows-1252": "cp1252"}.get(encoding, encoding)
    problems = Problems()
    found = parse_outcomes_csv(buf.getvalue().encode(codec), "u.csv", problems=problems,
                               encoding=encoding)
    assert not problems.errors
    assert [(r.metric, r.observation.period, r.observation.text) for r in found] == rows


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["a", "b.c", "d-e"]), st.integers(1900, 2200),
                          st.sampled_from(list(Verdict)),
                          st.text(st.characters(codec="utf-8", exclude_categories=[
                              "Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=30)
                          .filter(lambda t: t.strip() == t and not t.startswith(("=", "#"))),
                          st.one_of(st.none(), st.dates(dt.date(2000, 1, 1),
                                                        dt.date(2100, 1, 1)))),
                unique_by=lambda t: t[:2], max_size=8))
def test_round_trip_judgments_through_a_workbook(tmp_path: Path, rows: list[Any]) -> None:
    book = tmp_path / "j.xlsx"
    book.write_bytes(_book({"J": [["metric", "period", "verdict", "reason", "date"],
                                  *[[m, p, v.label("sv"), r, d] for m, p, v, r, d in rows]]}))
    found = [(j.judgment.target, j.judgment.period, j.judgment.verdict, j.judgment.reason,
              j.judgment.date) for j in read_judgments(book)]
    assert found == rows


def test_a_merged_title_over_the_heading_and_a_merged_heading_over_data() -> None:
    titled = _book({"S": [["Utfall 2024", None, None, None],
                          ["metric", "period", "value", "unit"], ["a", 2024, 1.5, "%"]]},
                   merges={"S": ["A1:D1"]})
    found, problems = _read(titled)
    assert not problems.errors
    assert _by(found) == {("a", 2024): 1.5}
    # a heading merged over two columns, the row below it data: one heading row
    grouped = _book({"S": [["metric", "period", "value", None, "unit"],
                           ["a", 2024, 1.5, None, "%"]]}, merges={"S": ["C1:D1"]})
    found, problems = _read(grouped)
    assert not problems.errors
    assert _by(found) == {("a", 2024): 1.5}
