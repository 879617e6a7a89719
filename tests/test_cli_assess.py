"""``indikator assess`` on bad input reports what ``indikator validate`` reports (every
problem, each at its file, line and field) and exits 2; a ``--period`` outside the
programme's years is one clear line. Run on copies of the bundled Västmanland example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indikator.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vastmanland-2024"

pytestmark = pytest.mark.skipif(
    not (EXAMPLE / "indikator.toml").exists(), reason="the Västmanland example is not present"
)


def _programme_installed() -> bool:
    from indikator.plugins import get_programme

    try:
        get_programme("vastmanland-2023-2030")
    except Exception:
        return False
    return True


needs_programme = pytest.mark.skipif(
    not _programme_installed(), reason="indikator-vastmanland is not installed"
)


def copy_example(tmp_path: Path, *edits: tuple[int, str, str]) -> Path:
    """A copy of the example with ``old`` replaced by ``new`` on line ``n`` of utfall.csv."""
    folder = tmp_path / "ds"
    shutil.copytree(EXAMPLE, folder)
    csv = folder / "utfall.csv"
    lines = csv.read_text(encoding="utf-8-sig").split("\n")
    for number, old, new in edits:
        assert old in lines[number - 1], (number, old, lines[number - 1])
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
    csv.write_text("\ufeff" + "\n".join(lines), encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def problem_lines(err: str) -> list[str]:
    """The problem lines of stderr, without the command's ``indikator: error:`` prefix."""
    prefix = "indikator: error: "
    return [line.removeprefix(prefix) for line in err.splitlines() if line.startswith(prefix)]


@needs_programme
def test_assess_names_the_row_of_a_wrong_unit_as_validate_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(tmp_path, (3, ";2024;4,5;kWh/km", ";2024;4,5;kg"))
    status, out, err = run(capsys, "assess", str(folder))
    assert (status, out) == (2, "")
    (line,) = problem_lines(err)
    assert line.startswith(f"{folder / 'utfall.csv'}:3: enhet: metric 'bus-energy-per-km'")
    assert "incompatible" in line
    assert "Traceback" not in err
    assert run(capsys, "validate", str(folder))[2].splitlines()[0] == line


@needs_programme
def test_assess_lists_every_problem_validate_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(
        tmp_path,
        (3, ";2024;4,5;", ";2024;NaN;"),
        (4, ";2023;33,8;", ";2023;abc;"),
        (5, "sorted-waste-share;", "sorted-wast-share;"),
    )
    status, out, err = run(capsys, "assess", str(folder), "--format", "json")
    assert (status, out) == (2, "")
    found = problem_lines(err)
    v_status, _, v_err = run(capsys, "validate", str(folder))
    assert v_status == 2
    errors = [line for line in v_err.splitlines() if not line.startswith("warning: ")]
    assert found == errors[:-1]  # validate's last line is its count; warnings come apart
    source = folder / "utfall.csv"
    assert [line.split(": ")[0:2] for line in found] == [
        [f"{source}:3", "utfall"], [f"{source}:4", "utfall"], [f"{source}:5", "mätetal"]]
    assert "did you mean 'sorted-waste-share'?" in found[2]
    assert f"3 problems in {folder}" in err
    assert "more problem" not in err


@needs_programme
@pytest.mark.parametrize("period", ["2031", "2022"])
def test_assess_refuses_a_period_outside_the_programme_in_one_line(
    capsys: pytest.CaptureFixture[str], period: str
) -> None:
    status, out, err = run(capsys, "assess", str(EXAMPLE), "--period", period)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "indikator: error: --period: the year lies outside the years of programme "
        f"'vastmanland-2023-2030' (2023–2030) (got {period})"]


@needs_programme
def test_assess_accepts_a_period_inside_the_programme(
    capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    status, out, _ = run(capsys, "assess", str(EXAMPLE), "--period", "2023", "--format", "json")
    assert status == 0
    assert json.loads(out)["period"] == 2023


@needs_programme
def test_validate_reports_a_manifest_period_outside_the_programme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(tmp_path)
    manifest = folder / "indikator.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("period = 2024", "period = 2031"), encoding="utf-8")
    line = text.split("\n").index("period = 2024") + 1
    status, _, err = run(capsys, "validate", str(folder))
    assert status == 2
    assert err.splitlines()[0] == (
        f"{manifest}:{line}: period: the report year lies outside the programme's years "
        "(2023–2030) (got 2031)")
    status, out, err = run(capsys, "assess", str(folder))
    assert (status, out) == (2, "")
    assert problem_lines(err) == [f"{manifest}:{line}: period: the report year lies outside "
                                  "the programme's years (2023–2030) (got 2031)"]
