"""Bad input, one test per case: each message names the file, the line (row or cell) and
what is wrong; ``validate`` lists every problem at once; the CLI exits 2 without a
traceback."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from indikator.cli import main
from indikator.errors import InputError
from indikator.io import load_dataset, read_dataset, validate, validate_dataset
from indikator.model import Dataset, Judgment, Observation, Programme

_spec = importlib.util.spec_from_file_location("io_test_programme",
                                               Path(__file__).parent / "data" / "ioprog.py")
assert _spec is not None
assert _spec.loader is not None
_prog = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_prog)
PROG: Programme = _prog.programme()

HEADER = "metric;period;value;unit;text;flags;note;component\n"


@pytest.fixture(autouse=True)
def _programme_from_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI and validate_dataset get the test programme instead of an installed one."""
    import indikator.plugins

    def get_programme(programme_id: str, pm: object = None) -> Programme:
        if programme_id != PROG.id:
            raise InputError(f"no plugin provides programme {programme_id!r}", field="programme")
        return PROG

    monkeypatch.setattr(indikator.plugins, "get_programme", get_programme)


GOOD_ROW = HEADER + "waste;2023;510;kg/invånare;;;;\n"


def make(tmp_path: Path, outcomes: bytes | str | None = GOOD_ROW, *, judgments: str | None = None,
         name: str = "outcomes.csv", extra: str = "", head: str = "") -> Path:
    folder = tmp_path / "ds"
    folder.mkdir(exist_ok=True)
    manifest = f'[dataset]\nprogramme = "test-prog"\nperiod = 2024\n{head}\n'
    if outcomes is not None:
        data = outcomes.encode("utf-8") if isinstance(outcomes, str) else outcomes
        (folder / name).write_bytes(data)
        manifest += f'[[outcomes]]\npath = "{name}"\n{extra}\n'
    if judgments is not None:
        (folder / "judgments.toml").write_text(judgments, encoding="utf-8")
        manifest += '[[judgments]]\npath = "judgments.toml"\n'
    (folder / "indikator.toml").write_text(manifest, encoding="utf-8")
    return folder


def only(folder: Path) -> InputError:
    problems = validate_dataset(folder)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def where(err: InputError) -> tuple[str, int | None, str | None]:
    return Path(err.source or "").name, err.line, err.field


# -- one test per bad-input case -----------------------------------------------------------


def test_unknown_metric_id(tmp_path: Path) -> None:
    err = only(make(tmp_path, HEADER + "bus-energy;2024;4,5;kWh/km;;;;\n"
                    "bus-enrgy;2024;1;kWh/km;;;;\n"))
    assert where(err) == ("outcomes.csv", 3, "metric")
    assert "unknown metric id" in err.message
    assert "did you mean 'bus-energy'" in err.message


def test_unknown_unit(tmp_path: Path) -> None:
    err = only(make(tmp_path, HEADER + "bus-energy;2024;4,5;kWh/furlongz;;;;\n"))
    assert where(err) == ("outcomes.csv", 2, "unit")
    assert "unknown unit" in err.message
    assert err.value == "kWh/furlongz"


def test_unit_incompatible_with_the_metric(tmp_path: Path) -> None:
    err = only(make(tmp_path, HEADER + "bus-energy;2023;4,5;kWh/km;;;;\n"
                    "bus-energy;2024;4;kg;;;;\n"))
    assert where(err) == ("outcomes.csv", 3, "unit")
    assert "incompatible" in err.message
    assert "kWh/km" in err.message


def test_duplicate_observation_for_a_period(tmp_path: Path) -> None:
    err = only(make(tmp_path, HEADER + "waste;2024;1;kg/invånare;;;;\n"
                    "waste;2024;2;kg/invånare;;;;\n"))
    assert where(err) == ("outcomes.csv", 3, "period")
    assert "a second outcome" in err.message
    assert "outcomes.csv:2" in err.message
    with pytest.raises(InputError, match="a second outcome"):
        load_dataset(tmp_path / "ds")


def test_empty_year_and_non_numeric_value(tmp_path: Path) -> None:
    folder = make(tmp_path, HEADER + "waste;;1;kg/invånare;;;;\nwaste;2024;abc;kg/invånare;;;;\n")
    first, second = validate_dataset(folder)
    assert where(first) == ("outcomes.csv", 2, "period")
    assert "a year is required" in first.message
    assert where(second) == ("outcomes.csv", 3, "value")
    assert "not a number" in second.message


def test_non_numeric_value_in_a_wide_workbook_names_the_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in (["metric", "unit", 2023, 2024], ["waste", "kg/invånare", 500, "ca 480"]):
        wb.active.append(row)
    wb.save(tmp_path / "w.xlsx")
    folder = make(tmp_path, (tmp_path / "w.xlsx").read_bytes(), name="w.xlsx",
                  extra='layout = "wide"')
    err = only(folder)
    assert where(err) == ("w.xlsx", 2, "D2")
    assert "not a number" in err.message


def test_toml_value_of_the_wrong_type(tmp_path: Path) -> None:
    err = only(make(tmp_path, '[[outcome]]\nmetric = "waste"\nperiod = 2024\n\nvalue = true\n'
                    'unit = "kg/invånare"\n', name="o.toml"))
    assert where(err) == ("o.toml", 5, "value")
    assert "a number is required" in err.message


@pytest.mark.parametrize("bad", ["NaN", "inf", "-Infinity"])
def test_nan_or_inf_in_csv(tmp_path: Path, bad: str) -> None:
    err = only(make(tmp_path, HEADER + f"waste;2024;{bad};kg/invånare;;;;\n"))
    assert where(err) == ("outcomes.csv", 2, "value")
    assert "NaN and inf" in err.message


def test_nan_in_toml_and_an_excel_error_value(tmp_path: Path) -> None:
    err = only(make(tmp_path, '[[outcome]]\nmetric = "waste"\nperiod = 2024\nvalue = nan\n'
                    'unit = "kg/invånare"\n', name="o.toml"))
    assert where(err) == ("o.toml", 4, "value")
    assert "NaN and inf" in err.message
    err = only(make(tmp_path, HEADER + "waste;2024;#DIVISION/0!;kg/invånare;;;;\n"))
    assert where(err) == ("outcomes.csv", 2, "value")
    assert "spreadsheet error" in err.message


def test_year_out_of_range(tmp_path: Path) -> None:
    err = only(make(tmp_path, HEADER + "waste;1850;1;kg/invånare;;;;\n"))
    assert where(err) == ("outcomes.csv", 2, "period")
    assert "out of range" in err.message
    err = only(make(tmp_path, "metric;unit;1850;2024\nwaste;kg/invånare;1;2\n",
                    extra='layout = "wide"'))
    assert where(err) == ("outcomes.csv", 1, "1850")
    assert "out of range" in err.message


def test_judgment_without_a_reason(tmp_path: Path) -> None:
    err = only(make(tmp_path, judgments='[[judgment]]\nmetric = "waste"\nperiod = 2024\n'
                    'verdict = "unchanged"\n'))
    assert where(err) == ("judgments.toml", 1, "reason")
    assert "needs a reason" in err.message
    err = only(make(tmp_path, judgments='[[judgment]]\nmetric = "waste"\nperiod = 2024\n'
                    'verdict = "unchanged"\nreason = "   "\n'))
    assert where(err) == ("judgments.toml", 5, "reason")


def test_judgment_with_an_unknown_verdict(tmp_path: Path) -> None:
    err = only(make(tmp_path, judgments='[[judgment]]\nmetric = "waste"\nperiod = 2024\n'
                    'verdict = "great"\nreason = "r"\n'))
    assert where(err) == ("judgments.toml", 4, "verdict")
    assert "unknown verdict" in err.message


def test_a_bad_date_or_text_is_quoted_once(tmp_path: Path) -> None:
    folder = make(tmp_path, head="title = 2024\n",
                  judgments='[[judgment]]\nmetric = "waste"\nperiod = 2024\n'
                  'verdict = "negative"\nreason = "r"\nauthor = 7\ndate = "31/03/2025"\n')
    problems = validate_dataset(folder)
    assert [where(p) for p in problems] == [("indikator.toml", 4, "title"),
                                            ("judgments.toml", 6, "author"),
                                            ("judgments.toml", 7, "date")]
    assert [str(p).split(" (got ")[1] for p in problems] == ["2024)", "7)", "'31/03/2025')"]
    long = "x" * 200
    (err,) = validate_dataset(make(tmp_path, judgments='[[judgment]]\nmetric = "waste"\n'
                                   f'period = 2024\nverdict = "negative"\nreason = "r"\n'
                                   f'date = "{long}"\n'))
    assert str(err).endswith(f"(got '{'x' * 77}...')")


def test_judgment_for_an_unknown_metric(tmp_path: Path) -> None:
    err = only(make(tmp_path, judgments='\n[[judgment]]\nmetric = "wastes"\nperiod = 2024\n'
                    'verdict = "negative"\nreason = "r"\n'))
    assert where(err) == ("judgments.toml", 3, "metric")
    assert "unknown metric" in err.message


def test_malformed_csv_rows(tmp_path: Path) -> None:
    folder = make(tmp_path, HEADER + "waste;2024;1;kg/invånare\n"
                  "waste;2023;1;kg/invånare;;;;;surplus\n"
                  'waste;2022;"1;kg/invånare;;;;\n')
    problems = validate_dataset(folder)
    assert [where(p)[:2] for p in problems] == [("outcomes.csv", 2), ("outcomes.csv", 3),
                                                ("outcomes.csv", 4)]
    assert all("malformed" in p.message for p in problems)
    assert problems[1].field == "column 9"
    assert "surplus" in str(problems[1])


def test_unclosed_quote_is_reported_where_the_field_opens(tmp_path: Path) -> None:
    rows = [f"waste;{year};{year - 1500};kg/invånare;;;{{}};" for year in range(2000, 2040)]
    rows[2] = rows[2].replace(";2002;", ';"2002;')  # line 4 (after the header)
    rows[5] = rows[5].format('"a ""quoted"" note"')  # line 7: the next quote
    rows[9] = rows[9].format('"a note over\ntwo lines"')  # lines 11-12: well formed
    rows = [row.format("") for row in rows]
    rows[20] = rows[20].replace(";2020;520;", ";2020;x;")  # line 23: found again after it
    problems = validate_dataset(make(tmp_path, HEADER + "\n".join(rows) + "\n"))
    assert [where(p) for p in problems] == [("outcomes.csv", 4, None),
                                            ("outcomes.csv", 23, "value")]
    assert "a quoted field opens on this line and is not closed" in problems[0].message
    assert "stopped at line 7" in problems[0].message
    assert problems[0].value == '"2002;502;kg/invånare;;;;'
    loaded = read_dataset(make(tmp_path, HEADER + "\n".join(rows) + "\n"))
    assert loaded.dataset is not None
    read = loaded.dataset.observations["waste"]
    assert len(read) == 38  # all but the two bad rows, lines 5-22 read again
    assert read[8].note == "a note over\ntwo lines"
    assert loaded.locations.observations[("waste", 9)].line == 13
    with pytest.raises(InputError, match=r"outcomes\.csv:7: .*at the end of the file"):
        load_dataset(make(tmp_path, HEADER + "".join(f"waste;{y};1;kg/invånare;;;;\n"
                                                     for y in range(2019, 2024))
                          + 'waste;2024;2;kg/invånare;;;"unclosed;\n'))


def test_truncated_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["metric", "period", "value", "unit"])
    wb.save(tmp_path / "full.xlsx")
    data = (tmp_path / "full.xlsx").read_bytes()
    err = only(make(tmp_path, data[: len(data) // 2], name="u.xlsx"))
    assert where(err)[0] == "u.xlsx"
    assert "truncated" in err.message


def test_file_not_utf8(tmp_path: Path) -> None:
    data = (HEADER + "waste;2023;1;kg/invånare;;;;\nwaste;2024;2;kg/invånare;;;Västerås;\n")
    err = only(make(tmp_path, data.encode("cp1252")))
    assert where(err) == ("outcomes.csv", 2, None)
    assert "not UTF-8" in err.message
    assert "CSV UTF-8" in err.message


def test_unknown_columns_flags_and_bad_manifest_options(tmp_path: Path) -> None:
    folder = make(tmp_path, "metric;period;vaule;unit\nwaste;2024;1;kg/invånare\n",
                  extra='decimal = ";"')
    err, column = validate_dataset(folder)
    assert where(err) == ("indikator.toml", 7, "decimal")
    assert where(column) == ("outcomes.csv", 1, "vaule")  # the file is read all the same
    folder = make(tmp_path, "metric;period;vaule;unit;flags\nwaste;2024;1;kg/invånare;prelim\n")
    first, second = validate_dataset(folder)
    assert where(first) == ("outcomes.csv", 1, "vaule")
    assert "unknown column" in first.message
    assert where(second) == ("outcomes.csv", 2, "flags")
    assert "unknown flag" in second.message


def test_a_manifest_problem_hides_no_problem_in_the_files(tmp_path: Path) -> None:
    folder = make(tmp_path, "metric;period;vaule;unit\nwaste;2024;1,5;kg/invånare\n",
                  extra='delimitter = ";"\ndecimal = "."\nsheet = 3',
                  judgments='[[judgment]]\nmetric = "waste"\nperiod = 2024\nverdict = "meh"\n'
                  'reason = "r"\n')
    manifest = (folder / "indikator.toml").read_text(encoding="utf-8")
    manifest = manifest.replace('[[judgments]]\n', '[[judgments]]\nlayout = "wide"\n')
    (folder / "indikator.toml").write_text(manifest, encoding="utf-8")
    problems = validate_dataset(folder)
    assert [where(p) for p in problems] == [
        ("indikator.toml", 7, "delimitter"), ("indikator.toml", 9, "sheet"),
        ("indikator.toml", 11, "layout"),
        ("outcomes.csv", 1, "vaule"), ("judgments.toml", 4, "verdict")]
    assert "unknown key in [[outcomes]]" in problems[0].message
    assert "unknown column" in problems[3].message
    folder = make(tmp_path, HEADER + "waste;2024;1,5;kg/invånare;;;;\nwaste;2023;x;kg;;;;\n",
                  extra='decimal = ";"')
    decimal, value = validate_dataset(folder)  # read with either mark, checked all the same
    assert where(decimal) == ("indikator.toml", 7, "decimal")
    assert where(value) == ("outcomes.csv", 3, "value")


def test_manifest_problems(tmp_path: Path) -> None:
    (tmp_path / "indikator.toml").write_text('[dataset]\nprogramme = "test-prog"\nperiod = "x"\n'
                                             '[[outcomes]]\npath = "missing.csv"\n')
    problems = validate_dataset(tmp_path)
    assert [(where(p)[1], p.field) for p in problems] == [(3, "period"), (None, None)]
    assert "cannot read" in problems[1].message
    assert str(problems[1].source).endswith("missing.csv")
    (tmp_path / "indikator.toml").write_text('[dataset\nprogramme = "x"\n')
    (err,) = validate_dataset(tmp_path)
    assert where(err) == ("indikator.toml", 1, None)
    assert "not valid TOML" in err.message
    (err,) = validate_dataset(tmp_path / "nowhere")
    assert "no such dataset" in err.message


# -- every problem at once -----------------------------------------------------------------


def test_validate_lists_every_problem_at_once(tmp_path: Path) -> None:
    folder = make(
        tmp_path,
        HEADER
        + "nope;2024;1;st;;;;\n"  # unknown metric
        + "waste;2024;1;kg/smurf;;;;\n"  # unknown unit
        + "bus-energy;2024;1;kg;;;;\n"  # incompatible unit
        + "veg-share;2024;inf;%;;;;\n"  # inf
        + "veg-share;2400;1;%;;;;\n"  # year out of range
        + "chemicals;2024;1;st;;;;phase-out\nchemicals;2024;2;st;;;;phase-out\n",  # duplicate
        judgments='[[judgment]]\nmetric = "waste"\nperiod = 2024\nverdict = "meh"\n'
        '\n[[judgment]]\nmetric = "nope"\nperiod = 2024\nverdict = "positive"\nreason = "r"\n',
    )
    problems = validate_dataset(folder)
    lines = [(Path(p.source or "").name, p.line, p.field) for p in problems]
    assert lines == [("outcomes.csv", 2, "metric"), ("outcomes.csv", 3, "unit"),
                     ("outcomes.csv", 4, "unit"), ("outcomes.csv", 5, "value"),
                     ("outcomes.csv", 6, "period"), ("outcomes.csv", 8, "period"),
                     ("judgments.toml", 1, "reason"), ("judgments.toml", 4, "verdict"),
                     ("judgments.toml", 7, "metric")]
    with pytest.raises(InputError) as info:
        load_dataset(folder)
    assert "more problems" in str(info.value)


def test_load_dataset_counts_the_rest_after_the_whole_first_message(tmp_path: Path) -> None:
    import pickle

    folder = make(tmp_path, HEADER + "waste;2024;NaN;kg/invånare;;;;\n"
                  "veg-share;2024;abc;%;;;;\nwaset;2024;1;kg/invånare;;;;\n")
    assert len(validate_dataset(folder)) == 3  # the misspelt id needs the programme
    with pytest.raises(InputError) as info:
        load_dataset(folder)
    err = info.value
    assert str(err) == (f"{folder / 'outcomes.csv'}:2: value: NaN and inf are not values "
                        "(got 'NaN') [and 1 more problem: `indikator validate` lists them all]")
    assert (err.line, err.field, err.value, err.message) == (
        2, "value", "NaN", "NaN and inf are not values")
    assert [p.line for p in getattr(err, "problems", ())] == [2, 3]
    assert str(pickle.loads(pickle.dumps(err))) == str(err)


def test_validate_is_pure_on_in_memory_datasets() -> None:
    ds = Dataset(
        programme="other",
        period=2024,
        observations={"bus-energy": [Observation(2024, 1.0, "kg")], "ghost": [Observation(2024)],
                      "plan": [Observation(2024, 3.0, "st")],
                      "chemicals": [Observation(2024, 1.0, "st", component="nope")]},
        judgments=[Judgment(target="climate", period=2024, verdict="positive", reason="r"),
                   Judgment(target="gone", period=2024, verdict="positive", reason="r")],
        source="mem",
    )
    problems = validate(ds, PROG)
    messages = [p.message for p in problems]
    assert len(problems) == 6, messages
    assert "not 'test-prog'" in messages[0]
    assert any("incompatible" in m for m in messages)
    assert any("followed up in words" in m for m in messages)
    assert any("unknown component" in m for m in messages)
    assert sum("unknown" in m for m in messages) >= 3
    assert all(p.source == "mem" for p in problems)
    assert validate(ds, PROG) == problems or [str(p) for p in validate(ds, PROG)] == [
        str(p) for p in problems]


def test_good_fixture_has_no_problems() -> None:
    folder = Path(__file__).parent / "data" / "good"
    assert validate_dataset(folder) == []
    loaded = read_dataset(folder)
    assert loaded.dataset is not None
    assert validate(loaded.dataset, PROG, locations=loaded.locations) == []


# -- the command line ----------------------------------------------------------------------


def test_cli_validate_exit_2_lists_problems_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make(tmp_path, HEADER + "nope;2024;1;st;;;;\nwaste;1850;1;kg/invånare;;;;\n")
    assert main(["validate", str(folder)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert f"{folder / 'outcomes.csv'}:2: metric: unknown metric id" in captured.err
    assert f"{folder / 'outcomes.csv'}:3: period: the year is out of range" in captured.err
    assert "2 problem(s)" in captured.err


def test_cli_validate_json_and_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    folder = make(tmp_path, HEADER + "waste;2024;x;kg/invånare;;;;\n")
    assert main(["validate", "--json", str(folder)]) == 2
    (problem,) = json.loads(capsys.readouterr().out)
    assert (problem["line"], problem["field"]) == (2, "value")
    assert main(["validate", str(Path(__file__).parent / "data" / "good")]) == 0
    assert "OK" in capsys.readouterr().out


def test_cli_assess_bad_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make(tmp_path, HEADER + "waste;2024;1;kg/invånare;;;;\n",
                  judgments='[[judgment]]\nmetric = "waste"\nperiod = 2024\nverdict = "x"\n'
                  'reason = "r"\n')
    assert main(["assess", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "judgments.toml:4: verdict: unknown verdict" in err
