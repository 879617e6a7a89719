"""The Open SDG reader on small hand-made repositories: selection, options, bad input."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from indikator import InputError, evaluate
from indikator.cli import main

from indikator_progress_methods import DestatisWeather, UnsdProgressChart
from indikator_progress_methods.open_sdg import read_open_sdg
from indikator_progress_methods.rollups import OpenSdgIndicator
from indikator_progress_methods.strategies import OpenSdgProgress


def repo(tmp_path: Path, configs: dict[str, str], data: dict[str, str],
         site: str | None = None, meta_md: dict[str, str] | None = None) -> Path:
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "indicator-config").mkdir()
    for ident, text in configs.items():
        (root / "indicator-config" / f"{ident}.yml").write_text(textwrap.dedent(text), "utf-8")
    for ident, text in data.items():
        (root / "data" / f"indicator_{ident}.csv").write_text(textwrap.dedent(text).lstrip(),
                                                              "utf-8")
    for ident, text in (meta_md or {}).items():
        (root / "meta").mkdir(exist_ok=True)
        (root / "meta" / f"{ident}.md").write_text(textwrap.dedent(text).lstrip(), "utf-8")
    if site is not None:
        (root / "config_data.yml").write_text(textwrap.dedent(site), "utf-8")
    return root


def rated(root: Path) -> dict[str, dict[str, object]]:
    found = read_open_sdg(root)
    tree = evaluate(found.programme, found.dataset, periods="latest").tree(
        None, found.dataset.period)
    return {n.id: dict(n.explanation.computed) for n in tree.walk()}


AUTO = """
auto_progress_calculation: true
progress_calculation_options:
"""


def test_headline_rows_series_unit_and_year_ranges(tmp_path: Path) -> None:
    root = repo(tmp_path, {"1-1-1": AUTO + """
      - series: A
        unit: Percentage (%)
        direction: positive
      - series: B
        direction: negative
        base_year: 2016
    """}, {"1-1-1": """
        Year,Series,Units,Sex,GeoCode,COMMENT_OBS,Value
        2015-2016,A,Percentage (%),,1,note,10
        2020-2021,A,Percentage (%),,1,,12
        2020-2021,A,Percentage (%),Female,1,,99
        2020-2021,A,Number,,1,,500
        2015,B,"Rate per 100,000 population",,,,8
        2016,B,"Rate per 100,000 population",,,,4
        2019,B,"Rate per 100,000 population",,,,NA
        2021,B,"Rate per 100,000 population",,,,2
    """}, site="""
        indicator_options:
          non_disaggregation_columns: [Year, Units, Series, Value, GeoCode, Progress]
          observation_attributes: [COMMENT_OBS]
    """)
    found = read_open_sdg(root)
    a, b = found.series
    assert (a.unit_label, b.unit_label) == ("Percentage (%)", "Rate per 100,000 population")
    metrics = found.programme.metrics()
    assert metrics[a.metric].unit == "Percentage (%)"
    assert metrics[b.metric].unit == "dimensionless"  # a label, kept in the note
    assert metrics[b.metric].note == "Units: Rate per 100,000 population"
    assert [o.period for o in found.dataset.observations[a.metric]] == [2015, 2020]
    assert [o.value for o in found.dataset.observations[b.metric]] == [8.0, 4.0, 2.0]
    computed = rated(root)
    assert computed[b.metric]["base_year"] == 2016  # the configured base year
    assert computed[b.metric]["current_year"] == 2021


def test_a_progress_column_replaces_the_value(tmp_path: Path) -> None:
    root = repo(tmp_path, {"2-2-2": AUTO + "  - direction: positive\n"}, {"2-2-2": """
        Year,Value,Progress
        2015,-5,5
        2020,-10,10
    """})
    assert [o.value for o in read_open_sdg(root).dataset.observations["2-2-2.1"]] == [5, 10]


def test_translations_into_the_first_language(tmp_path: Path) -> None:
    root = repo(tmp_path, {"2-4-1": AUTO + "  - series: Short\n    direction: positive\n"},
                {"2-4-1": """
        Year,Series,Value
        2015,Long name,1
        2020,Long name,2
        2020,Other,3
    """}, site="languages: [en, fr]\n")
    assert read_open_sdg(root).series[0].problems  # untranslated: "Short" is not in the data
    (root / "translations" / "en").mkdir(parents=True)
    (root / "translations" / "en" / "data.yml").write_text("Long name: Short\n", "utf-8")
    assert not read_open_sdg(root).series[0].problems
    assert read_open_sdg(root, language="fr").series[0].problems


def test_groups_nest_and_an_entry_configured_twice_counts_twice(tmp_path: Path) -> None:
    root = repo(tmp_path, {"9-9-9": AUTO + """
      - series: A
        direction: positive
      - group:
        - series: B
          direction: positive
        - series: B
          direction: positive
        - group:
          - series: C
            direction: positive
    """}, {"9-9-9": """
        Year,Series,Value
        2015,A,10
        2020,A,20
        2015,B,10
        2020,B,9
        2015,C,10
        2020,C,10.2
    """})
    found = read_open_sdg(root)
    indicator = found.programme.goal_areas[0].indicators[0]
    assert isinstance(indicator, OpenSdgIndicator)
    assert len(indicator.metrics) == 3  # B once
    assert indicator.groups == ("9-9-9.1", ("9-9-9.2", "9-9-9.2", ("9-9-9.3",)), )
    computed = rated(root)
    a, b, c = (computed[f"9-9-9.{i}"]["score"] for i in (1, 2, 3))
    assert isinstance(a, float)
    assert isinstance(b, float)
    assert isinstance(c, float)
    assert computed["9-9-9"]["score"] == pytest.approx((a + (b + b + c) / 3) / 2)
    assert computed["9-9-9"]["group.1.score"] == pytest.approx((b + b + c) / 3)
    assert computed["9-9-9"]["group.1.1.score"] == pytest.approx(c)


def test_progress_thresholds_are_honoured(tmp_path: Path) -> None:
    config = AUTO + "  - direction: positive\n{}"
    data = {"5-5-5": "Year,Value\n2015,100\n2020,104\n"}  # 0.79 % a year
    plain = rated(repo(tmp_path / "a", {"5-5-5": config.format("")}, data))
    assert plain["5-5-5.1"]["status"] == "moderate_progress"
    strict = rated(repo(tmp_path / "b", {"5-5-5": config.format(
        "    progress_thresholds: {high: 0.02, med: 0.01, low: 0.0}\n")}, data))
    assert strict["5-5-5.1"]["status"] == "limited_progress"


def test_indicators_without_auto_calculation_are_skipped(tmp_path: Path) -> None:
    root = repo(tmp_path, {"1-1-1": "auto_progress_calculation: false\nprogress_status: x\n",
                           "1-1-2": "auto_progress_calculation: true\n"},
                {"1-1-1": "Year,Value\n2015,1\n", "1-1-2": "Year,Value\n2015,1\n2016,2\n"})
    found = read_open_sdg(root)
    assert found.skipped == ("1-1-1",)
    assert [i.id for g in found.programme.goal_areas for i in g.indicators] == ["1-1-2"]
    assert rated(root)["1-1-2.1"]["status"] == "deterioration"  # default direction: negative


def test_markdown_front_matter_is_metadata(tmp_path: Path) -> None:
    root = repo(tmp_path, {}, {"3-3-3": "Year,Value\n2015,1\n2016,2\n"},
                meta_md={"3-3-3": """
        ---
        auto_progress_calculation: true
        progress_calculation_options:
          - direction: positive
        ---
        Some text.
    """})
    assert rated(root)["3-3-3.1"]["status"] == "substantial_progress"


def test_another_published_method_for_the_same_data(tmp_path: Path) -> None:
    root = repo(tmp_path, {"1-1-1": AUTO + "  - direction: positive\n    target: 100\n"},
                {"1-1-1": "Year,Value\n2015,50\n2018,60\n2020,64\n2021,70\n2022,71\n"})
    unsd = read_open_sdg(root, strategy=lambda o: UnsdProgressChart(base_year=o.base_year))
    result = evaluate(unsd.programme, unsd.dataset, periods="latest")
    metric = result.tree(None, unsd.dataset.period).find("1-1-1.1")
    assert metric is not None
    assert metric.strategy == "unsd_progress_chart"
    assert metric.explanation.computed["category"] in {"on_track", "fair_progress",
                                                       "limited_progress", "deterioration"}
    weather = read_open_sdg(root, strategy=lambda o: DestatisWeather())
    tree = evaluate(weather.programme, weather.dataset, periods="latest").tree(
        None, weather.dataset.period)
    assert tree.find("1-1-1.1") is not None
    assert tree.find("1-1-1.1").explanation.computed["symbol"]  # type: ignore[union-attr]
    assert not isinstance(weather.programme.goal_areas[0].indicators[0], OpenSdgIndicator)
    default = read_open_sdg(root).programme.metrics()["1-1-1.1"].strategy
    assert isinstance(default, OpenSdgProgress)
    assert default.score_rule.value == "sdg_build"


# -- bad input: located messages, exit 2 ---------------------------------------------------


def _error(root: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_open_sdg(root)
    return caught.value


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    root = repo(tmp_path, {"1-1-1": "auto_progress_calculation: true\nprogress: [\n  a: b\n"},
                {"1-1-1": "Year,Value\n2015,1\n"})
    err = _error(root)
    assert err.source is not None
    assert err.source.endswith("1-1-1.yml")
    assert err.line is not None
    assert "malformed YAML" in str(err)


@pytest.mark.parametrize(("csv", "line", "field", "words"), [
    ("Year,Value\n2015,1\n2016,1,2\n", 3, None, "3 cells"),
    ("Year,Amount\n2015,1\n", 1, "Value", "no Value column"),
    ("Year,Value\n2015,1\n2016,lots\n", 3, "Value", "not a number"),
    ("Year,Value\n2015,1\nsoon,2\n", 3, "Year", "not a number"),
    ("Year,Value\n2015,1\n2015,2\n", 3, "Year", "two values for 2015"),
])
def test_bad_data_names_file_line_and_column(tmp_path: Path, csv: str, line: int,
                                             field: str | None, words: str) -> None:
    root = repo(tmp_path, {"1-1-1": AUTO + "  - direction: positive\n"}, {"1-1-1": csv})
    err = _error(root)
    assert err.source is not None
    assert err.source.endswith("indicator_1-1-1.csv")
    assert (err.line, err.field) == (line, field)
    assert words in str(err)


def test_an_option_that_selects_several_series(tmp_path: Path) -> None:
    root = repo(tmp_path, {"1-1-1": AUTO + "  - direction: positive\n"},
                {"1-1-1": "Year,Series,Value\n2015,A,1\n2015,B,2\n"})
    err = _error(root)
    assert err.field == "progress_calculation_options[0]"
    assert "several series" in str(err)
    assert "Series" in str(err)


@pytest.mark.parametrize(("option", "field"), [
    ("base_year: soon", "progress_calculation_options[0].base_year"),
    ("target: a lot", "progress_calculation_options[0].target"),
    ("progress_thresholds: {top: 1}", "progress_calculation_options[0].progress_thresholds.top"),
    ("disaggregation: [{field: Sex}]", "progress_calculation_options[0].disaggregation[0]"),
])
def test_bad_options_name_the_option(tmp_path: Path, option: str, field: str) -> None:
    root = repo(tmp_path, {"1-1-1": AUTO + f"  - direction: positive\n    {option}\n"},
                {"1-1-1": "Year,Value\n2015,1\n2016,2\n"})
    err = _error(root)
    assert err.field == field
    assert err.source is not None
    assert err.source.endswith("1-1-1.yml")


def test_the_command_exits_2_with_the_located_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = repo(tmp_path, {"1-1-1": AUTO + "  - direction: positive\n"},
                {"1-1-1": "Year,Value\n2015,1\n2016,lots\n"})
    assert main(["assess", str(root)]) == 2
    err = capsys.readouterr().err
    assert "indicator_1-1-1.csv:3: Value: the value is not a number" in err
    assert "Traceback" not in err
    assert main(["validate", str(root)]) == 2


def test_a_folder_with_a_manifest_is_read_as_before(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = repo(tmp_path, {"1-1-1": AUTO + "  - direction: positive\n"},
                {"1-1-1": "Year,Value\n2015,1\n2016,2\n"})
    (root / "indikator.toml").write_text("[dataset]\n", "utf-8")
    assert main(["assess", str(root)]) == 2
    assert "programme" in capsys.readouterr().err  # the manifest's problem, not Open SDG's


# -- nothing outside the repository folder, nothing unbounded -------------------------------

def test_a_pattern_reaching_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "indicator_9-9-9.csv").write_text("Year,Value\n2015,1\n", "utf-8")
    root = repo(tmp_path, {"1-1-1": AUTO + "  - direction: positive\n"},
                {"1-1-1": "Year,Value\n2015,1\n2016,2\n"},
                site="inputs:\n  - class: InputCsvData\n    path_pattern: ../secret/*.csv\n")
    err = _error(root)
    assert err.value == "../secret/*.csv"
    assert "outside the repository folder" in str(err)


def test_a_data_file_linked_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("Year,Value\n2015,1\n2016,2\n", "utf-8")
    root = repo(tmp_path, {"1-1-1": AUTO + "  - direction: positive\n"}, {})
    (root / "data" / "indicator_1-1-1.csv").symlink_to(outside)
    err = _error(root)
    assert err.source is not None
    assert err.source.endswith("indicator_1-1-1.csv")
    assert "lies outside the repository folder" in str(err)


def test_a_src_dir_out_of_the_repository_reads_nothing_there(tmp_path: Path) -> None:
    (tmp_path / "other" / "indicator-config").mkdir(parents=True)
    (tmp_path / "other" / "indicator-config" / "1-1-1.yml").write_text(
        AUTO + "  - direction: positive\n", "utf-8")
    root = repo(tmp_path, {}, {}, site="src_dir: ../other\n")
    err = _error(root)
    assert "outside the repository folder" in str(err)


def test_yaml_aliases_are_refused_with_the_line(tmp_path: Path) -> None:
    bomb = ("auto_progress_calculation: true\n"
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n")
    root = repo(tmp_path, {"1-1-1": bomb}, {"1-1-1": "Year,Value\n2015,1\n"})
    err = _error(root)
    assert "aliases" in str(err)
    assert err.line == 3
    assert err.source is not None
    assert err.source.endswith("1-1-1.yml")
