"""Programme files: reading into records, located messages, the manifest key, the hook."""

from __future__ import annotations

import sys
import textwrap
import types
from pathlib import Path

import pytest

import indikator
from indikator.cli import main
from indikator.errors import InputError, PluginError
from indikator.model import SimpleIndicator, TargetBasis, TargetKind, TargetOwner
from indikator.plugins import get_programme, list_plugins, new_plugin_manager
from indikator.programme_file import FileText, load_programme, read_definitions, read_programme
from indikator.provides import ProgrammeFiles
from indikator.rollup import MeanScore, WorstOf
from indikator.strategies import Components, Fallback, VsBase, VsOwnTarget, VsTrajectory

GOOD = textwrap.dedent('''\
    [programme]
    id = "p-2030"
    name = "Program"
    name_en = "Programme"
    first_year = 2023
    last_year = 2030
    rollup = {id = "mean_score", positive_at = 0.5, negative_at = -0.5}

    [[goal_area]]
    id = "climate"
    name = "Klimat"
    goal = "Mindre utsläpp"
    indicators = ["p.co2"]

    [[indicator]]
    id = "p.co2"
    name = "Utsläppen minskar"
    target = "-63 %"
    target_year = 2027
    rollup = "worst_of"

    [[indicator.metric]]
    id = "co2"
    name = "Utsläpp"
    name_en = "Emissions"
    unit = "t"
    direction = "lower"
    base_year = 2018
    base_value = 500
    strategy = {id = "fallback", first = {id = "vs_base", reference = "base"}, \
then = "vs_trajectory"}

    [[indicator.metric.target]]
    change_percent = [-15, -20]
    year = 2025
    milestones = [{year = 2030, change_percent = [-60, -65]}]

    [[indicator.metric.target]]
    value = 200000
    unit = "kg"
    kind = "keep"
    from_year = 2026
    owner = "unit"

    [[indicator.metric]]
    id = "lists"
    name = "Listor"
    unit = "st"
    strategy = {id = "components", each = "vs_base", rollup = "worst_of"}

    [[indicator.metric.component]]
    id = "a"
    name = "A"
''')


def _defs(text: str, name: str = "p.toml"):
    return read_definitions([FileText(name, text.encode())], new_plugin_manager(autoload=False))


def _write(tmp_path: Path, text: str, name: str = "programme.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_file_is_read_into_the_records(tmp_path: Path) -> None:
    programme = load_programme(_write(tmp_path, GOOD), new_plugin_manager(autoload=False))
    assert (programme.id, programme.name.en, programme.first_year) == ("p-2030", "Programme", 2023)
    assert programme.rollup == MeanScore(positive_at=0.5, negative_at=-0.5)
    [area] = programme.goal_areas
    [ind] = area.indicators
    assert isinstance(ind, SimpleIndicator)
    assert (ind.target_year, ind.rollup) == (2027, WorstOf())
    co2, lists = ind.metrics
    assert co2.strategy == Fallback(first=VsBase(reference="base"), then=VsTrajectory())
    assert lists.strategy == Components(each=VsBase(), rollup=WorstOf())
    assert [c.id for c in lists.components] == ["a"]
    relative, keep = co2.targets
    assert (relative.basis, relative.value, relative.value_to, relative.unit) == (
        TargetBasis.PERCENT, -15.0, -20.0, None)
    assert [(m.year, m.value, m.value_to) for m in relative.milestones] == [(2030, -60, -65)]
    assert (keep.kind, keep.owner, keep.from_year, keep.unit) == (
        TargetKind.KEEP, TargetOwner.UNIT, 2026, "kg")


def test_a_folder_of_files_is_one_set_of_definitions(tmp_path: Path) -> None:
    head, rest = GOOD.split("[[indicator]]", 1)
    _write(tmp_path, head, "a.toml")
    (tmp_path / "indicators").mkdir()
    _write(tmp_path, "[[indicator]]" + rest, "indicators/co2.toml")
    pm = new_plugin_manager(autoload=False)
    assert load_programme(tmp_path, pm) == load_programme(_write(tmp_path / "indicators",
                                                                 GOOD, "all.txt"), pm)


def test_every_problem_is_reported_with_its_line_and_key() -> None:
    text = GOOD.replace('first_year = 2023', 'frist_year = 2023').replace(
        'direction = "lower"', 'direction = "lowr"').replace(
        '"vs_trajectory"}', '"vs_trajectroy"}').replace('unit = "st"', 'unit = "kilofoo"')
    defs = _defs(text)
    shown = [str(p) for p in defs.problems]
    lines = text.splitlines()

    def at(piece: str) -> int:
        return next(i for i, x in enumerate(lines, 1) if piece in x)

    assert shown == [
        f"p.toml:{at('frist_year')}: frist_year: unknown key in "
        "[programme] (did you mean 'first_year'?); expected one of id, name, name_en, "
        "first_year, last_year, owner, note, rollup",
        f"p.toml:{at('lowr')}: direction: expected "
        "higher_is_better or lower_is_better (got 'lowr')",
        f"p.toml:{at('vs_trajectroy')}: "
        "strategy.then: unknown strategy (did you mean 'vs_trajectory'?); known strategies: "
        "components, fallback, text, vs_base, vs_own_target, vs_trajectory "
        "(got 'vs_trajectroy')",
        f"p.toml:{at('kilofoo')}: unit: unknown unit: 'kilofoo' is "
        "not a unit indikator knows (got 'kilofoo')",
    ]


@pytest.mark.parametrize(("bad", "good"), [("strat_year", "start_year"),
                                            ("tolerence", "tolerance")])
def test_a_misspelt_parameter_gets_a_suggestion(bad: str, good: str) -> None:
    text = GOOD.replace('then = "vs_trajectory"', f'then = {{id = "vs_trajectory", {bad} = 1}}')
    [problem] = _defs(text).problems
    assert problem.field == f"strategy.then.{bad}"
    assert f"(did you mean {good!r}?)" in problem.message


def test_a_bad_parameter_value_is_placed_at_the_strategy() -> None:
    text = GOOD.replace('reference = "base"', 'reference = "bas"')
    [problem] = _defs(text).problems
    assert problem.field == "strategy.first.reference"
    assert problem.line == next(i for i, x in enumerate(text.splitlines(), 1) if "bas\"" in x)


def test_nested_tables_are_located_per_parent() -> None:
    # the second indicator's first metric: a header counted within its own indicator
    text = GOOD + textwrap.dedent('''
        [[indicator]]
        id = "p.two"
        name = "Två"

        [[indicator.metric]]
        id = "two"
        name = "Två"
        unit = "st"
        strategy = "vs_base"
        colour = "red"
        ''')
    [problem] = _defs(text).problems
    assert (problem.field, problem.line) == ("colour", len(text.splitlines()))


def test_the_cli_reads_the_programme_from_a_file(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, GOOD)
    _write(tmp_path, '''\
        [dataset]
        programme = "p-2030"
        period = 2024

        [[outcomes]]
        path = "o.csv"
        ''', "indikator.toml")
    (tmp_path / "o.csv").write_text("metric,period,value,unit\nco2,2024,420,t\n")
    prog = str(tmp_path / "programme.toml")
    assert main(["validate", str(tmp_path), "--programme", prog]) == 0
    assert main(["assess", str(tmp_path), "--programme", prog, "--format", "json"]) == 0
    assert '"id":"co2"' in capsys.readouterr().out  # compact JSON
    # without --programme the id is unknown among the installed plugins
    assert main(["validate", str(tmp_path)]) == 2


def test_the_manifest_names_a_programme_file(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, GOOD.replace('name = "Utsläpp"', 'name = "Utsläpp"\ncolor = 1'))
    _write(tmp_path, '''\
        [dataset]
        programme = "p-2030"
        period = 2024
        programme_file = "programme.toml"

        [[outcomes]]
        path = "o.csv"
        ''', "indikator.toml")
    (tmp_path / "o.csv").write_text("metric,period,value,unit\nco2,2024,420,t\n")
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'programme.toml'}:" in err
    assert "color: unknown key in a metric" in err


@pytest.mark.parametrize("where", ["../elsewhere.toml", "missing.toml"])
def test_a_manifest_programme_file_outside_or_missing_is_a_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _write(tmp_path, GOOD, "elsewhere.toml")
    _write(data, f'''\
        [dataset]
        programme = "p-2030"
        period = 2024
        programme_file = "{where}"

        [[outcomes]]
        path = "o.csv"
        ''', "indikator.toml")
    (data / "o.csv").write_text("metric,period,value,unit\nco2,2024,420,t\n")
    assert main(["validate", str(data)]) == 2
    assert "indikator.toml:4: programme_file: " in capsys.readouterr().err


def _files_plugin(tmp_path: Path, text: str, name: str) -> types.ModuleType:
    package = tmp_path / name
    (package / "programme").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "programme" / "p.toml").write_text(text, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    module = types.ModuleType(f"{name}_plugin")

    @indikator.hookimpl
    def indikator_programme_files() -> list[ProgrammeFiles]:
        return [ProgrammeFiles(package=name, path="programme")]

    module.indikator_programme_files = indikator_programme_files  # type: ignore[attr-defined]
    return module


def test_a_plugin_ships_programme_files_and_provides_their_indicators(tmp_path: Path) -> None:
    plugin = _files_plugin(tmp_path, GOOD, "pf_good")
    try:
        pm = new_plugin_manager(autoload=False)
        pm.add_plugin(plugin, "filed")
        assert pm.indicators()["p.co2"].plugin == "filed"
        assert pm.programmes()["p-2030"].plugin == "filed"
        [info] = [i for i in list_plugins(pm) if i.name == "filed"]
        assert info.provides == {"indicators": ("p.co2",), "programmes": ("p-2030",)}
        assert get_programme("p-2030", pm) == load_programme(
            tmp_path / "pf_good" / "programme", pm)
    finally:
        sys.path.remove(str(tmp_path))


def test_a_plugins_broken_file_is_reported_with_every_located_message(tmp_path: Path) -> None:
    text = GOOD.replace('first_year', 'frist_year').replace('"worst_of"', '"wrost_of"', 1)
    plugin = _files_plugin(tmp_path, text, "pf_bad")
    try:
        pm = new_plugin_manager(autoload=False)
        pm.add_plugin(plugin, "filed")
        assert "p.co2" not in pm.indicators()
        [problem] = [p for p in pm.problems() if p.plugin == "filed" and p.kind == "indicators"]
        assert "2 problem(s)" in problem.message
        assert "p.toml:5: frist_year: unknown key" in problem.message
        assert "rollup: unknown roll-up (did you mean 'worst_of'?)" in problem.message
        strict = new_plugin_manager(autoload=False, strict=True)
        strict.add_plugin(plugin, "filed")
        with pytest.raises(PluginError, match="frist_year"):
            strict.indicators()
    finally:
        sys.path.remove(str(tmp_path))


def test_reading_a_missing_path_or_empty_folder_is_a_problem(tmp_path: Path) -> None:
    assert read_programme(tmp_path / "nope.toml")[1][0].message.startswith("no such")
    assert "holds no programme files" in read_programme(tmp_path)[1][0].message


def test_the_indicator_target_year_heads_its_target_text(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    _write(tmp_path, GOOD)
    _write(tmp_path, '''\
        [dataset]
        programme = "p-2030"
        period = 2024

        [[outcomes]]
        path = "o.csv"
        ''', "indikator.toml")
    (tmp_path / "o.csv").write_text("metric,period,value,unit\nco2,2024,420,t\n")
    for fmt in ("table", "markdown", "html"):
        main(["assess", str(tmp_path), "--programme", str(tmp_path / "programme.toml"),
              "--format", fmt])
        out = capsys.readouterr().out
        assert "Målvärde 2027" in out, fmt
        assert "Målvärde 2030" not in out, fmt


def test_a_programme_file_error_from_python_names_the_place(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace('value = 200000', 'value = "lots"'))
    with pytest.raises(InputError) as caught:
        load_programme(path, new_plugin_manager(autoload=False))
    assert str(caught.value).startswith(f"{path}:{GOOD.splitlines().index('value = 200000') + 1}:")
    assert "must be a finite number" in str(caught.value)


def test_own_target_strategy_uses_the_resolved_interval(tmp_path: Path) -> None:
    from indikator import Dataset, Observation, assess_metric

    programme = load_programme(_write(tmp_path, GOOD), new_plugin_manager(autoload=False))
    metric = programme.metrics()["co2"]
    import attrs

    own = attrs.evolve(metric, strategy=VsOwnTarget(owner="programme"))
    strong = attrs.evolve(metric, strategy=VsOwnTarget(owner="programme", bound="strongest"))
    data = Dataset(programme="p-2030", period=2024,
                   observations={"co2": [Observation(2024, 420, "t")]})
    # 2025's interval: -15 % (425 t, the weakest for lower-is-better) to -20 % (400 t)
    assert assess_metric(own, data).explanation.inputs["target_value"] == pytest.approx(425)
    assert assess_metric(own, data).verdict.value == "positive"
    assert assess_metric(strong, data).explanation.inputs["target_value"] == pytest.approx(400)


def test_programme_show_prints_the_programme_as_understood(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programme", "show", "vastmanland-2023-2030", "--period", "2024",
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "metric co2e-total-change: The region's total CO2e emissions [%, lower_is_better]" in out
    assert 'strategy vs_trajectory start_year=2021, worse_than_start="unchanged"' in out
    assert "target (programme, level) change -50 % against 2019 by 2030 -> -50 % in 2030" in out


def test_programme_show_of_an_unknown_id_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programme", "show", "no-such-programme"]) == 2
    assert "unknown programme 'no-such-programme'" in capsys.readouterr().err


def test_a_programme_defined_in_two_files_is_a_problem(tmp_path: Path) -> None:
    _write(tmp_path, GOOD, "a.toml")
    _write(tmp_path, GOOD.split("[[indicator]]")[0], "b.toml")
    programme, problems = read_programme(tmp_path, new_plugin_manager(autoload=False))
    assert programme is None
    [problem] = problems
    assert str(problem).startswith(f"{tmp_path / 'b.toml'}:2: id: programme id is defined twice "
                                   f"(first at {tmp_path / 'a.toml'}:1)")


def test_programme_show_labels_are_swedish_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programme", "show", "vastmanland-2023-2030", "--period", "2024"]) == 0
    out = capsys.readouterr().out
    assert "mätetal co2e-total-change: Regionens totala utsläpp av CO2e" in out
    assert "mål (programme, level) förändring -50 % mot 2019 till 2030 -> -50 % år 2030" in out
