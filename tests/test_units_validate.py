"""validate and units: messages in words, overflow after conversion, the two warnings
(a ~1000× jump between consecutive outcomes, a metric without outcomes) and the
manifest's unit labels. Run on copies of the bundled Västmanland example."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indikator import Dataset, Label, Metric, Observation, SimpleIndicator
from indikator.cli import main
from indikator.io import read_dataset, read_validated
from indikator.io.validate import JUMP_FACTOR, validation_warnings
from indikator.model import GoalArea, Programme
from indikator.strategies import VsBase

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vastmanland-2024"


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


def copy_example(tmp_path: Path, *edits: tuple[int, str, str], drop: str | None = None,
                 manifest_extra: str = "") -> Path:
    folder = tmp_path / "ds"
    shutil.copytree(EXAMPLE, folder)
    csv = folder / "utfall.csv"
    lines = csv.read_text(encoding="utf-8-sig").split("\n")
    for number, old, new in edits:
        assert old in lines[number - 1], (number, old, lines[number - 1])
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
    if drop is not None:
        lines = [line for line in lines if not line.startswith(drop + ";")]
    csv.write_text("\ufeff" + "\n".join(lines), encoding="utf-8")
    if manifest_extra:
        manifest = folder / "indikator.toml"
        manifest.write_text(manifest.read_text(encoding="utf-8") + manifest_extra,
                            encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@needs_programme
def test_the_example_validates_without_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", str(EXAMPLE)) == (0, f"{EXAMPLE}: OK\n", "")


@needs_programme
def test_a_wrong_but_compatible_unit_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 95 kg per portion where grams were meant: 95 000 g against 90 g the year before
    folder = copy_example(tmp_path, (11, ";95;gram;", ";95;kg;"))
    status, out, err = run(capsys, "validate", str(folder))
    assert status == 0
    assert out == f"{folder}: OK (1 warning(s))\n"
    (line,) = err.splitlines()
    assert line.startswith(f"warning: {folder / 'utfall.csv'}:11: enhet: metric "
                           "'food-waste-per-portion': the outcome for 2024 is 1 056 times that "
                           "for 2023 once both are in gram (90 → 9.5e+04)")
    assert line.endswith("is the unit right? (got 'kg')")
    status, out, err = run(capsys, "validate", "--json", str(folder))
    assert status == 0
    assert json.loads(out) == []  # the JSON lists problems; warnings go to stderr
    assert err.splitlines() == [line]


@needs_programme
def test_a_metric_without_outcomes_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(tmp_path, drop="food-waste-per-portion")
    status, out, err = run(capsys, "validate", str(folder))
    assert (status, out) == (0, f"{folder}: OK (1 warning(s))\n")
    assert err == (f"warning: {folder / 'indikator.toml'}:7: metric: programme "
                   "'vastmanland-2023-2030' has metric 'food-waste-per-portion', but no file "
                   "gives an outcome for it\n")


@needs_programme
def test_warnings_are_listed_apart_from_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(tmp_path, (3, ";2024;4,5;kWh/km", ";2024;4,5;kg"),
                          drop="food-waste-per-portion")
    status, _, err = run(capsys, "validate", str(folder))
    assert status == 2
    lines = err.splitlines()
    assert lines[0].startswith(f"{folder / 'utfall.csv'}:3: enhet:")
    assert lines[1].startswith("warning: ")
    assert lines[2] == f"1 problem(s) in {folder}"
    checked = read_validated(folder)
    assert len(checked.problems) == 1
    assert len(checked.warnings) == 1


@needs_programme
def test_an_incompatible_unit_is_described_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(tmp_path, (9, ";185;kWh/m2 BRA;", ";185;kWh;"))
    status, _, err = run(capsys, "validate", str(folder))
    assert status == 2
    assert err.splitlines()[0] == (
        f"{folder / 'utfall.csv'}:9: enhet: metric 'building-energy', period 2024: incompatible "
        "units: the file gives kWh, an energy; the metric is in kWh/m2 BRA, energy per floor "
        "area (BRA) (got 'kWh')")


@needs_programme
def test_a_value_that_overflows_once_converted_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "1" + "0" * 306
    folder = copy_example(tmp_path, (7, ";6,6;kg/länsinvånare;", f";{huge};t/länsinvånare;"))
    status, out, err = run(capsys, "assess", str(folder))
    assert (status, out) == (2, "")
    assert "utfall.csv:7: utfall: metric 'waste-per-inhabitant', period 2024: the value is " \
           "too large once converted to kg/länsinvånare" in err
    assert "internal error" not in err


@needs_programme
def test_the_manifest_declares_unit_labels_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_example(
        tmp_path, (5, ";36,8;%;", ";36,8;Andel i procent;"),
        manifest_extra='\n[unit_labels]\n"Andel i procent" = "%"\n')
    assert run(capsys, "validate", str(folder))[0] == 0
    loaded = read_dataset(folder)
    (obs,) = [o for o in loaded.dataset.observations["sorted-waste-share"]  # type: ignore[union-attr]
              if o.period == 2024]
    assert obs.unit == "%"
    # without the declaration the label is unknown
    plain = copy_example(tmp_path / "b", (5, ";36,8;%;", ";36,8;Andel i procent;"))
    status, _, err = run(capsys, "validate", str(plain))
    assert status == 2
    assert "utfall.csv:5: enhet:" in err


def test_a_manifest_label_with_a_bad_unit_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "indikator.toml").write_text(
        '[dataset]\nprogramme = "p"\nperiod = 2024\n\n[[outcomes]]\npath = "u.csv"\n\n'
        '[unit_labels]\nAntal = "st"\n"Skräp" = "9**9**9"\n', encoding="utf-8")
    (folder / "u.csv").write_text("mätetal;år;utfall;enhet\nm;2024;1;Antal\n", encoding="utf-8")
    loaded = read_dataset(folder)
    (problem,) = loaded.problems
    assert problem.source == str(folder / "indikator.toml")
    assert problem.line == 10
    assert problem.field == "unit_labels"
    assert "label 'Skräp'" in problem.message


def _programme(unit: str) -> Programme:
    metric = Metric(id="m", name="M", unit=unit, strategy=VsBase())
    other = Metric(id="n", name="N", unit=unit, strategy=VsBase())
    indicator = SimpleIndicator(id="i", name="I", metrics=[metric, other])
    return Programme(id="p", name=Label("P"), goal_areas=[
        GoalArea(id="a", name=Label("A"), indicators=[indicator])])


@pytest.mark.parametrize(
    ("values", "warned"),
    [
        ([(2022, 52.0, "g"), (2023, 47.5, "kg")], True),  # 47 500 g after 52 g
        ([(2022, 52.0, "g"), (2023, 0.05, "kg")], False),  # 50 g: the same, in kg
        ([(2022, 1.0, "g"), (2023, JUMP_FACTOR * 0.99, "g")], False),
        ([(2022, 1.0, "g"), (2023, JUMP_FACTOR, "g")], True),
        ([(2022, 1.0, "g"), (2023, -1000.0, "g")], False),  # a change of sign is not a slip
        ([(2022, 0.0, "g"), (2023, 1000.0, "g")], False),
        ([(2023, 1000.0, "g"), (2022, 1.0, "g")], True),  # consecutive by year, not by row
    ],
)
def test_jumps_are_warned_about_after_conversion(
    values: list[tuple[int, float, str]], warned: bool
) -> None:
    data = Dataset(programme="p", period=2023, observations={
        "m": [Observation(y, v, u) for y, v, u in values],
        "n": [Observation(2023, 1.0, "g")],
    })
    found = validation_warnings(data, _programme("g"))
    assert bool(found) == warned
    assert all(w.field == "unit" for w in found)


@pytest.mark.parametrize("placeholder", ["-", "–", ".."])
def test_a_placeholder_unit_cell_is_an_empty_cell(placeholder: str) -> None:
    from indikator.io import Problems, parse_outcomes_csv

    data = (f"mätetal;år;utfall;enhet\nm;2023;-;{placeholder}\nm;2024;4,5;{placeholder}\n"
            "m;2022;4,5;kg\n").encode()
    problems = Problems()
    rows = parse_outcomes_csv(data, "u.csv", problems=problems)
    # the missing outcome is read as missing; a value with no unit is refused at its row
    assert [(r.observation.period, r.observation.value, r.observation.unit) for r in rows] == [
        (2023, None, None), (2022, 4.5, "kg")]
    (problem,) = problems
    assert (problem.line, problem.field) == (3, "enhet")
    assert "a value needs a unit" in problem.message


def test_a_placeholder_unit_in_the_wide_layout_marks_a_text_metric() -> None:
    from indikator.io import Problems, parse_outcomes_csv

    data = "mätetal;enhet;2023;2024\nm;-;Påbörjad;Klar\n".encode()
    problems = Problems()
    rows = parse_outcomes_csv(data, "u.csv", layout="wide", problems=problems)
    assert list(problems) == []
    assert [r.observation.text for r in rows] == ["Påbörjad", "Klar"]


def test_an_incompatible_trap_unit_comes_with_its_hint() -> None:
    from indikator.io import validate

    data = Dataset(programme="p", period=2023, observations={
        "m": [Observation(2023, 1118.4, "kt")], "n": [Observation(2023, 1.0, "t CO2e")]})
    (problem,) = validate(data, _programme("t CO2e"))
    assert problem.message == (
        "metric 'm', period 2023: incompatible units: the file gives kt, a mass; the metric is "
        "in t CO2e, a mass of CO2 equivalents (note: indikator reads kt and kton as kilotonnes "
        "(1 000 t), not knots or US tons)")
