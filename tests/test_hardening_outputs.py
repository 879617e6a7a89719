"""Outputs and warnings (issue 17): JSON read back, safe writes, escaping, encodings.

The JSON report the CLI prints reads back with the project's own reader, without loss;
``--output`` never overwrites the dataset and is written whole or not at all; Markdown
and HTML carry no markup from data; output never depends on the terminal's encoding;
XLSX workbooks are bounded and say what they read; warnings name what changes nothing.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.cli import main
from indikator.engine import assess
from indikator.errors import InputError
from indikator.io import (
    Problems,
    _files,
    judgment_warnings,
    load_dataset,
    parse_outcomes_xlsx,
    read_dataset,
)
from indikator.io import _sheets as outcomes_module  # the bounds of CSV and XLSX tables
from indikator.io.jsonio import assessment_from_json
from indikator.model import Dataset, Judgment, Observation, Programme
from indikator.render import render
from indikator.report import to_dict
from indikator.testing import strategies as ist
from indikator.verdict import Verdict

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "vastmanland-2024"

_spec = importlib.util.spec_from_file_location("outputs_test_programme",
                                               Path(__file__).parent / "data" / "ioprog.py")
assert _spec is not None
assert _spec.loader is not None
_prog = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_prog)
PROG: Programme = _prog.programme()


def _example_programme() -> Programme | None:
    from indikator.plugins import get_programme

    try:
        return get_programme("vastmanland-2023-2030")
    except Exception:
        return None


needs_example = pytest.mark.skipif(_example_programme() is None,
                                   reason="indikator-vastmanland is not installed")


@pytest.fixture
def test_programme(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI gets the small test programme (tests/data/ioprog.py)."""
    import indikator.plugins

    def get_programme(programme_id: str, pm: object = None) -> Programme:
        if programme_id != PROG.id:
            raise InputError(f"no plugin provides programme {programme_id!r}")
        return PROG

    monkeypatch.setattr(indikator.plugins, "get_programme", get_programme)


def _dataset(folder: Path, csv: str, *, judgments: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = '[dataset]\nprogramme = "test-prog"\nperiod = 2024\n\n[[outcomes]]\npath = "o.csv"\n'
    (folder / "o.csv").write_text(csv, encoding="utf-8")
    if judgments is not None:
        (folder / "j.toml").write_text(judgments, encoding="utf-8")
        manifest += '\n[[judgments]]\npath = "j.toml"\n'
    (folder / "indikator.toml").write_text(manifest, encoding="utf-8")
    return folder


GOOD = ("metric;period;value;unit;note\nwaste;2023;510;kg/invånare;\n"
        "waste;2024;480;kg/invånare;\n")


# -- JSON: the CLI's report reads back -----------------------------------------------------


@needs_example
def test_the_cli_json_report_of_the_example_reads_back_without_loss(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    assert main(["assess", str(EXAMPLE), "--format", "json", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    programme = _example_programme()
    assert programme is not None
    tree = assess(programme, load_dataset(EXAMPLE))
    back = assessment_from_json(text)
    assert back == tree
    judged = [n for n in back.walk() if n.judgment is not None]
    assert judged, "the example has judgments"
    assert all(n.rule_explanation is not None for n in back.walk() if n.rule_verdict)
    # the report contract is kept: every key of the report mapping is there
    contract = to_dict(tree, 2024)
    data = json.loads(text)
    assert set(contract) <= set(data)
    assert set(contract["programme"]) <= set(data["programme"])


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sampled_from(["sv", "en"]))
def test_the_json_format_of_generated_trees_reads_back(data: st.DataObject, lang: Any) -> None:
    programme = data.draw(ist.programmes(max_areas=2, max_indicators=2, max_metrics=2))
    ds = data.draw(ist.datasets(programme=programme))
    metrics = list(programme.metrics())
    if metrics and data.draw(st.booleans()):  # a judgment, which the old report lost
        verdict = data.draw(st.sampled_from(list(Verdict)))
        ds = attrs.evolve(ds, judgments=[Judgment(target=metrics[0], period=ds.period,
                                                  verdict=verdict, reason="Skäl.")])
    tree = assess(programme, ds)
    assert assessment_from_json(render(tree, ds, "json", lang, programme)) == tree


def test_an_old_style_report_with_a_judgment_reads_with_its_period() -> None:
    ds = Dataset(programme=PROG.id, period=2024, observations={
        "waste": [Observation(2023, 510, "kg/invånare"), Observation(2024, 480, "kg/invånare")]},
        judgments=[Judgment(target="waste", period=2024, verdict="unchanged", reason="Skäl.")])
    tree = assess(PROG, ds)
    report = to_dict(tree, 2024)  # the report mapping alone: no judgment period
    back = assessment_from_json(json.dumps(report))
    node = back.find("waste")
    assert node.judgment is not None
    assert node.judgment.period == 2024


def test_a_bad_report_names_the_json_path_once() -> None:
    ds = Dataset(programme=PROG.id, period=2024, judgments=[
        Judgment(target="waste", period=2024, verdict="unchanged", reason="Skäl.")])
    data = json.loads(render(assess(PROG, ds), ds, "json", "sv", PROG))
    waste = data["programme"]["children"][0]["children"][0]["children"][1]
    assert waste["id"] == "waste"
    waste["judgment"]["period"] = "x"
    with pytest.raises(InputError) as err:
        assessment_from_json(json.dumps(data))
    assert err.value.field == "programme.children[0].children[0].children[1].judgment.period"


# -- --output ------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["o.csv", "indikator.toml", "j.toml", "./sub/../o.csv"])
def test_output_may_not_be_one_of_the_dataset_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], test_programme: None,
        target: str) -> None:
    folder = _dataset(tmp_path / "ds", GOOD, judgments="")
    (folder / "sub").mkdir()
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    status = main(["assess", str(folder), "--output", str(folder / target)])
    err = capsys.readouterr().err
    assert status == 2
    assert "--output: the report would overwrite one of the dataset's own files" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_output_through_a_link_to_a_dataset_file_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], test_programme: None) -> None:
    folder = _dataset(tmp_path / "ds", GOOD)
    (tmp_path / "out.md").symlink_to(folder / "o.csv")
    assert main(["assess", str(folder), "--output", str(tmp_path / "out.md")]) == 2
    assert (folder / "o.csv").read_text(encoding="utf-8") == GOOD


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.md"
    target.write_text("the old report\n", encoding="utf-8")

    def fail(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space"):
        _files.write_atomic(target, b"x" * 100_000)
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_the_cli_reports_a_failed_write_as_bad_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], test_programme: None) -> None:
    folder = _dataset(tmp_path / "ds", GOOD)
    status = main(["assess", str(folder), "--output", str(tmp_path / "no" / "such" / "r.md")])
    assert status == 2
    assert "cannot write the report" in capsys.readouterr().err


def test_an_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    _files.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


# -- encodings -----------------------------------------------------------------------------


@needs_example
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_output_to_a_cp1252_terminal_is_utf8_and_never_crashes(fmt: str) -> None:
    env = dict(os.environ, PYTHONIOENCODING="cp1252")
    done = subprocess.run([sys.executable, "-m", "indikator.cli", "assess", str(EXAMPLE),
                           "--format", fmt], capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")
    assert "▲" in text  # not in cp1252: written as UTF-8


def test_stdout_without_a_byte_buffer_gets_escapes_not_a_crash(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from indikator import cli

    class Narrow(io.StringIO):
        encoding = "cp1252"

    out = Narrow()
    monkeypatch.setattr(sys, "stdout", out)
    cli._write_stdout("▲ Positiv\n".encode())
    assert out.getvalue() == "\\u25b2 Positiv\n"


# -- Markdown and HTML carry no markup from data -------------------------------------------

HOSTILE = "[klick](javascript:alert(1)) <script>alert(2)</script> ![i](x) *fet* `kod`"


def _hostile_tree() -> tuple[Any, Dataset]:
    ds = Dataset(programme=PROG.id, period=2024, observations={
        "waste": [Observation(2023, 510, "kg/invånare"),
                  Observation(2024, 480, "kg/invånare", note=HOSTILE)],
        "plan": [Observation(2024, text=HOSTILE)]},
        judgments=[Judgment(target="veg-share", period=2024, verdict="positive",
                            reason=HOSTILE)])
    return assess(PROG, ds), ds


def test_markdown_escapes_links_images_html_and_emphasis_from_data() -> None:
    tree, ds = _hostile_tree()
    text = render(tree, ds, "markdown", "sv", PROG)
    assert "[klick](javascript:" not in text
    assert "<script>" not in text
    assert "![i](x)" not in text
    assert "\\[klick\\](javascript:alert(1)) &lt;script&gt;" in text
    assert "\\*fet\\*" in text
    assert "\\`kod\\`" in text


def test_html_escapes_every_data_text() -> None:
    tree, ds = _hostile_tree()
    text = render(tree, ds, "html", "sv", PROG)
    assert "<script>alert(2)" not in text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text


@pytest.mark.parametrize("values", [(1.7976931348623157e308,),
                                    (1.7976931348623157e308, -1.7976931348623157e308),
                                    (-1.7976931348623157e308,),
                                    (5e-324, 0.0)])  # found by the fuzz suite
def test_html_renders_values_near_the_float_maximum(values: tuple[float, ...]) -> None:
    obs = [Observation(2024 - i, v, "kg/invånare") for i, v in enumerate(values)]
    ds = Dataset(programme=PROG.id, period=2024, observations={"waste": obs})
    text = render(assess(PROG, ds), ds, "html", "en", PROG)
    assert "<svg" in text
    assert "nan" not in text.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_the_terminal_table_escapes_control_sequences() -> None:
    ds = Dataset(programme=PROG.id, period=2024, observations={
        "plan": [Observation(2024, text="\x1b[2J\x1b[31mröd")]}, title="T\x1b]0;x\x07")
    text = render(assess(PROG, ds), ds, "table", "sv", PROG)
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "\\x1b[2J" in text


# -- XLSX ----------------------------------------------------------------------------------

openpyxl = pytest.importorskip("openpyxl")


def _workbook(*rows: list[object], hidden_first: bool = False, all_hidden: bool = False
              ) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden_first or all_hidden:
        ws.title = "gömd"
        ws.append(["metric", "period", "value", "unit"])
        ws.append(["hidden-row", 2024, 1, "%"])
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("Utfall")
        wb.active = 1
    ws.append(["metric", "period", "value", "unit"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    if not all_hidden:
        return buf.getvalue()
    # openpyxl will not save a workbook without a visible sheet; Excel files can be so
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b'state="visible"', b'state="hidden"')
            dst.writestr(info, data)
    return out.getvalue()


def test_a_formula_without_a_computed_value_is_reported_by_cell() -> None:
    problems = Problems()
    out = parse_outcomes_xlsx(_workbook(["waste", 2024, "=B2*2", "kg/invånare"]), "u.xlsx",
                              problems=problems)
    assert out == []
    [problem] = problems
    assert (problem.line, problem.field) == (2, "C2")
    assert "a formula without a computed value" in problem.message
    assert "=B2*2" in str(problem)


def test_a_hidden_first_sheet_is_not_read_and_a_warning_says_what_was() -> None:
    problems = Problems()
    out = parse_outcomes_xlsx(_workbook(["waste", 2024, 480, "kg/invånare"],
                                        hidden_first=True), "u.xlsx", problems=problems)
    assert [r.metric for r in out] == ["waste"]
    assert list(problems) == []
    [warning] = problems.warnings
    assert "the first sheet 'gömd' is hidden" in warning.message
    assert "read the first visible sheet 'Utfall'" in warning.message


def test_a_named_hidden_sheet_is_read_as_asked() -> None:
    problems = Problems()
    out = parse_outcomes_xlsx(_workbook(hidden_first=True), "u.xlsx", sheet="gömd",
                              problems=problems)
    assert [r.metric for r in out] == ["hidden-row"]


def test_a_workbook_whose_sheets_are_all_hidden_is_refused() -> None:
    problems = Problems()
    assert parse_outcomes_xlsx(_workbook(all_hidden=True), "u.xlsx", problems=problems) == []
    [problem] = problems
    assert "every worksheet is hidden" in problem.message


def test_a_workbook_that_expands_beyond_the_bound_is_not_opened(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = _workbook(["waste", 2024, 480, "kg/invånare"])
    monkeypatch.setattr(outcomes_module, "MAX_XLSX_EXPANDED", 1000)

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("openpyxl was called")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    problems = Problems()
    assert parse_outcomes_xlsx(data, "u.xlsx", problems=problems) == []
    [problem] = problems
    assert "the workbook expands to" in problem.message
    assert "zip bomb" in problem.message


@pytest.mark.parametrize(("bound", "rows", "message"), [
    ("MAX_XLSX_ROWS", [["waste", 2024, 1, "%"]] * 5, "more than 3 rows"),
    ("MAX_XLSX_COLUMNS", [["waste", 2024, 1, "%", *range(10)]], "more than 3 columns"),
    ("MAX_CELL_CHARS", [["waste" * 3, 2024, 1, "%"]], "more than 3 characters"),
])
def test_rows_columns_and_cells_are_bounded(monkeypatch: pytest.MonkeyPatch, bound: str,
                                            rows: list[list[object]], message: str) -> None:
    monkeypatch.setattr(outcomes_module, bound, 3)
    problems = Problems()
    assert parse_outcomes_xlsx(_workbook(*rows), "u.xlsx", problems=problems) == []
    [problem] = problems
    assert message in problem.message
    assert problem.source == "u.xlsx"


# -- warnings ------------------------------------------------------------------------------


def test_a_file_with_only_a_header_warns(tmp_path: Path, test_programme: None,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    folder = _dataset(tmp_path / "ds", "metric;period;value;unit\n")
    loaded = read_dataset(folder)
    assert loaded.problems == ()
    [warning] = loaded.warnings
    assert (warning.source, warning.line) == (str(folder / "o.csv"), 1)
    assert "a header but no rows" in warning.message
    assert main(["validate", str(folder)]) == 0
    assert "\nwarning: " in "\n" + capsys.readouterr().err


def test_judgments_that_change_nothing_warn(tmp_path: Path, test_programme: None,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = _dataset(tmp_path / "ds", GOOD, judgments=(
        '[[judgment]]\nmetric = "waste"\nperiod = 2024\nverdict = "positive"\n'
        'reason = "Samma som regeln."\n\n'
        '[[judgment]]\nmetric = "veg-share"\nperiod = 2023\nverdict = "negative"\n'
        'reason = "Ett annat år."\n'))
    ds = load_dataset(folder)
    tree = assess(PROG, ds)
    assert tree.find("waste").rule_verdict is Verdict.POSITIVE
    loaded = read_dataset(folder)
    same, other = judgment_warnings(ds, tree, locations=loaded.locations)
    assert (same.line, same.field) == (4, "verdict")
    assert "gives the rule's own verdict" in same.message
    assert (other.line, other.field) == (9, "period")
    assert "a year not assessed" in other.message
    out = tmp_path / "r.md"
    assert main(["assess", str(folder), "--format", "markdown", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    judged = [line for line in err.splitlines() if "the judgment for" in line]
    assert len(judged) == 2
    assert all(line.startswith("indikator: warning: ") for line in judged)
    assert "j.toml:4: verdict:" in err


def test_a_judgment_that_differs_from_the_rule_does_not_warn(tmp_path: Path) -> None:
    ds = Dataset(programme=PROG.id, period=2024, observations={
        "waste": [Observation(2023, 510, "kg/invånare"), Observation(2024, 480, "kg/invånare")]},
        judgments=[Judgment(target="waste", period=2024, verdict="unchanged", reason="Skäl.")])
    assert judgment_warnings(ds, assess(PROG, ds)) == []


@needs_example
def test_the_example_needs_no_warning(tmp_path: Path) -> None:
    copy = tmp_path / "ex"
    shutil.copytree(EXAMPLE, copy)
    programme = _example_programme()
    assert programme is not None
    ds = load_dataset(copy)
    assert read_dataset(copy).warnings == ()
    assert judgment_warnings(ds, assess(programme, ds)) == []
