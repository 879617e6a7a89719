"""The hook ``indikator_dataset_readers``: a folder without a manifest read by a plugin."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import indikator
from indikator import Dataset, GoalArea, Label, Metric, Observation, Programme, SimpleIndicator
from indikator.cli import main
from indikator.errors import InputError, PluginError
from indikator.io import read_validated
from indikator.plugins import new_plugin_manager, using_plugin_manager
from indikator.provides import DatasetRead, DatasetReader
from indikator.strategies import VsBase


def _read(folder: Path) -> DatasetRead:
    if (folder / "bad.txt").exists():
        raise InputError("a bad value", source=str(folder / "bad.txt"), line=3)
    if (folder / "crash.txt").exists():
        raise ZeroDivisionError("oops")
    metric = Metric(id="m", name="M", unit="%", strategy=VsBase())
    programme = Programme(id="p", name="P", goal_areas=[GoalArea(id="g", name="G", indicators=[
        SimpleIndicator(id="i", name="I", metrics=[metric])])])
    dataset = Dataset(programme="p", period=2030, observations={"m": [
        Observation(2015, 10.0, "%"), Observation(2020, 12.0, "%")]})
    return DatasetRead(programme=programme, dataset=dataset, periods="latest",
                       warnings=[InputError("just so you know", source=str(folder))])


class _Plugin:
    @indikator.hookimpl
    def indikator_dataset_readers(self) -> list[DatasetReader]:
        return [DatasetReader(id="mine", description=Label("Mitt", "Mine"),
                              claims=lambda folder: (folder / "mine.json").exists(),
                              read=_read)]


@pytest.fixture
def pm():  # type: ignore[no-untyped-def]
    manager = new_plugin_manager(autoload=False)
    manager.register(_Plugin(), name="mine")
    with using_plugin_manager(manager):
        yield manager


def _folder(tmp_path: Path, *files: str) -> Path:
    for name in ("mine.json", *files):
        (tmp_path / name).write_text("{}", "utf-8")
    return tmp_path


def test_a_claimed_folder_is_read_by_the_plugin(pm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    checked = read_validated(_folder(tmp_path), pm)
    assert checked.problems == ()
    assert checked.programme is not None
    assert checked.programme.id == "p"
    assert checked.periods == "latest"
    assert [str(w) for w in checked.warnings] == [f"{tmp_path}: just so you know"]


def test_assess_uses_the_readers_default_periods(pm, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(_folder(tmp_path)), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert ",2020," in out  # the metric at its own latest year, not the dataset's 2030
    assert "just so you know" in err
    assert main(["assess", str(_folder(tmp_path)), "--format", "csv", "--period", "2030"]) == 0
    assert ",2030," in capsys.readouterr().out


def test_bad_input_from_the_reader_is_exit_2(pm, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(_folder(tmp_path, "bad.txt"))]) == 2
    assert "bad.txt:3: a bad value" in capsys.readouterr().err


def test_a_crashing_reader_is_the_plugins_error(pm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PluginError, match="dataset reader 'mine' failed"):
        read_validated(_folder(tmp_path, "crash.txt"), pm)


def test_a_manifest_wins_and_an_unclaimed_folder_is_as_before(pm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    checked = read_validated(tmp_path, pm)  # no mine.json: nobody claims it
    assert checked.dataset is None
    assert "indikator.toml" in str(checked.problems[0])
    (tmp_path / "mine.json").write_text("{}", "utf-8")
    (tmp_path / "indikator.toml").write_text("[dataset]\n", "utf-8")
    checked = read_validated(tmp_path, pm)
    assert checked.periods is None
    assert checked.problems


def test_a_hook_that_returns_something_else_is_left_out(tmp_path: Path) -> None:
    manager = new_plugin_manager(autoload=False)
    manager.register(SimpleNamespace(indikator_dataset_readers=indikator.hookimpl(
        lambda: ["not a reader"])), name="odd")
    assert manager.dataset_readers() == []
    manager.strict = True
    with pytest.raises(PluginError, match="not a DatasetReader"):
        manager.dataset_readers()


def test_indikator_plugins_lists_each_plugins_dataset_readers(pm) -> None:  # type: ignore[no-untyped-def]
    from indikator.plugins import format_plugins_table, list_plugins, plugins_as_json

    infos = list_plugins(pm)
    mine = next(info for info in infos if info.name == "mine")
    assert mine.provides["dataset_readers"] == ("mine",)
    assert "dataset_readers" not in next(i for i in infos if i.name != "mine").provides
    assert "läsare av datamappar (dataset readers): mine" in format_plugins_table(infos)
    assert next(p for p in plugins_as_json(infos) if p["name"] == "mine")["provides"] == {
        "dataset_readers": ["mine"]}
