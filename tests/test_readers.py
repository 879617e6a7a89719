"""Outcome and judgment readers on good input: CSV (as Swedish and English Excel export it),
XLSX, TOML; long and wide layouts; the manifest and its options."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from indikator.io import (
    Problems,
    load_dataset,
    parse_outcomes_csv,
    read_dataset,
    read_judgments,
    read_outcomes,
)
from indikator.model import Flag, Observation
from indikator.verdict import Verdict

DATA = Path(__file__).parent / "data"


def _csv(data: bytes, **options: object) -> list[tuple[str, Observation, int | None]]:
    problems = Problems()
    out = parse_outcomes_csv(data, "t.csv", problems=problems, **options)  # type: ignore[arg-type]
    assert not problems, [str(p) for p in problems]
    return [(r.metric, r.observation, r.location.line) for r in out]


def test_swedish_excel_csv_semicolon_decimal_comma_bom() -> None:
    data = "\ufeffmetric;period;value;unit;note\nbus;2023;4,5;kWh/km;\nbus;2024;1 234,25;kWh/km;x\n"
    rows = _csv(data.encode("utf-8"))
    assert rows == [
        ("bus", Observation(2023, 4.5, "kWh/km"), 2),
        ("bus", Observation(2024, 1234.25, "kWh/km", note="x"), 3),
    ]


def test_english_csv_comma_decimal_point_no_bom() -> None:
    rows = _csv(b"metric,period,value,unit\nbus,2023,4.5,kWh/km\nbus,2024,\"4,25\",kWh/km\n")
    assert [r[1].value for r in rows] == [4.5, 4.25]


def test_tab_separated_and_crlf_line_endings() -> None:
    rows = _csv(b"metric\tperiod\tvalue\tunit\r\nbus\t2023\t-3,5e1\tkWh/km\r\n")
    assert rows[0][1].value == -35.0


def test_declared_delimiter_and_decimal() -> None:
    rows = _csv(b"metric|period|value|unit\nbus|2023|4,5|kWh/km\n", delimiter="|", decimal=",")
    assert rows[0][1].value == 4.5


def test_unicode_minus_nbsp_thousands_and_percent_sign() -> None:
    data = "metric;period;value;unit\nm;2023;\u22122,5;%\nm;2024;12\u00a0500;st\nm;2022;45 %;\n"
    rows = _csv(data.encode())
    assert [(o.value, o.unit) for _, o, _ in rows] == [(-2.5, "%"), (12500.0, "st"), (45.0, "%")]


def test_missing_markers_text_flags_component_and_swedish_headers() -> None:
    data = (
        "Mätetal;År;Värde;Enhet;Text;Flaggor;Not;Komponent;Namn\n"
        "plan;2023;;;påbörjad;;;;Plan\n"
        "m;2024;-;st;;provisional, series-break;fotnot;risk;Kemikalier\n"
    )
    rows = _csv(data.encode())
    assert rows[0][1] == Observation(2023, text="påbörjad")
    assert rows[1][1].is_missing
    assert rows[1][1].flags == {Flag.PROVISIONAL, Flag.SERIES_BREAK}
    assert (rows[1][1].note, rows[1][1].component) == ("fotnot", "risk")


def test_quoted_multiline_note_counts_lines_from_its_start() -> None:
    data = b'metric;period;value;unit;note\nm;2023;1;st;"two\nlines"\nm;2024;2;st;\n'
    rows = _csv(data)
    assert rows[0][1].note == "two\nlines"
    assert [r[2] for r in rows] == [2, 4]


def test_wide_layout_as_bilaga_1() -> None:
    data = ("metric;unit;2019;2023;2024;namn\n"
            "waste;kg/invånare;512;498,5;-;Avfall\nplan;;;påbörjad;klar;\n")
    rows = _csv(data.encode(), layout="wide")
    assert [(m, o.period, o.value, o.text) for m, o, _ in rows] == [
        ("waste", 2019, 512.0, None),
        ("waste", 2023, 498.5, None),
        ("waste", 2024, None, None),
        ("plan", 2023, None, "påbörjad"),
        ("plan", 2024, None, "klar"),
    ]


def test_toml_outcomes(tmp_path: Path) -> None:
    path = tmp_path / "o.toml"
    path.write_text(
        '[[outcome]]\nmetric = "bus"\nperiod = 2024\nvalue = 4.5\nunit = "kWh/km"\n'
        'flags = ["own_target_met"]\nnote = "n"\n\n'
        '[[outcome]]\nmetric = "plan"\nperiod = 2024\ntext = "klar"\n',
        encoding="utf-8",
    )
    rows = read_outcomes(path)
    assert rows[0].observation == Observation(2024, 4.5, "kWh/km", flags={Flag.OWN_TARGET_MET},
                                              note="n")
    assert rows[0].location.line == 1
    assert rows[1].location.line == 9
    assert rows[1].observation.text == "klar"


def _workbook(path: Path, rows: list[list[object]], sheet: str = "Bilaga 1") -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Först"
    ws2 = wb.create_sheet(sheet)
    for row in rows:
        ws2.append(row)
    wb.save(path)
    return path


def test_xlsx_long_layout_reads_the_named_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "u.xlsx", [
        ["metric", "period", "value", "unit", "note"],
        ["bus", 2023, 4.5, "kWh/km", None],
        [None, None, None, None, None],
        ["bus", 2024.0, "4,25", "kWh/km", "text-formatted number"],
    ])
    rows = read_outcomes(path, sheet="Bilaga 1")
    assert [(r.observation.period, r.observation.value, r.location.line) for r in rows] == [
        (2023, 4.5, 2), (2024, 4.25, 4)]
    assert rows[1].location.field("value") == "C4"


def test_xlsx_wide_layout_with_numeric_year_headers(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx", [["metric", "unit", 2023, 2024],
                                           ["bus", "kWh/km", 3.6, 4.5]])
    rows = read_outcomes(path, layout="wide", sheet="Bilaga 1")
    assert [(r.observation.period, r.observation.value) for r in rows] == [(2023, 3.6), (2024, 4.5)]
    assert rows[1].location.field("value") == "D2"


def test_judgments_toml(tmp_path: Path) -> None:
    path = tmp_path / "j.toml"
    path.write_text(
        '# comment\n[[judgment]]\nmetric = "waste"\nperiod = 2024\nverdict = "Oförändrad"\n'
        'reason = "Marginell."\nauthor = "Hållbarhet"\ndate = 2025-03-31\n\n'
        '[[judgment]]\ntarget = "energy"\nperiod = 2024\nverdict = "negative"\n'
        'reason = "Se not."\n',
        encoding="utf-8",
    )
    read = read_judgments(path)
    first, second = (r.judgment for r in read)
    assert (first.target, first.verdict, first.date) == ("waste", Verdict.UNCHANGED,
                                                         dt.date(2025, 3, 31))
    assert first.source == f"{path}:2"
    assert (second.target, second.verdict, second.source) == ("energy", Verdict.NEGATIVE,
                                                              f"{path}:10")


def test_fixture_dataset_loads_with_every_file() -> None:
    ds = load_dataset(DATA / "good")
    assert ds.programme == "test-prog"
    assert ds.period == 2024
    assert ds.title is not None
    assert ds.title.en == "Sustainability report 2024"
    assert [o.value for o in ds.observations["waste"]] == [512.0, None, 498.5, 470.25]
    assert ds.observations["bus-energy"][2].note is not None
    assert "<script>" in ds.observations["bus-energy"][2].note
    assert ds.judgments[0].reason.startswith("Förändringen")


def test_manifest_file_path_works_like_the_folder() -> None:
    assert load_dataset(DATA / "good" / "indikator.toml") == load_dataset(DATA / "good")


def test_read_dataset_keeps_where_each_record_came_from() -> None:
    loaded = read_dataset(DATA / "good")
    assert not loaded.problems
    loc = loaded.locations.observations[("waste", 3)]
    assert loc.source.endswith("wide.csv")
    assert loc.line == 2
    assert loc.field("value") == "2024"


def test_the_vastmanland_example_loads_when_present() -> None:
    example = Path(__file__).parents[1] / "examples" / "vastmanland-2024"
    if not (example / "indikator.toml").exists():
        pytest.skip("examples/vastmanland-2024 is not in this tree")
    ds = load_dataset(example)
    assert ds.period == 2024
    assert sum(len(v) for v in ds.observations.values()) > 20


def test_xlsx_is_imported_lazily(tmp_path: Path) -> None:
    import subprocess
    import sys

    shutil.copytree(DATA / "good", tmp_path / "d")
    code = (
        "import sys, indikator, indikator.io\n"
        f"indikator.io.load_dataset({str(tmp_path / 'd')!r})\n"
        "print('openpyxl' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
