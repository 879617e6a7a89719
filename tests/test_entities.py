"""Many entities and periods: the CLI contract, the result table, judgments per entity,
periods, failures, and scaling out partition by partition."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import ClassVar

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import indikator as ik
from indikator.cli import main
from indikator.codes import VERDICTS
from indikator.errors import InputError, PluginError
from indikator.io.table import read_table
from indikator.strategies import VsBase, VsTrajectory

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vastmanland-2024"
CONTRACT = ["entity", "node", "level", "period", "verdict", "basis", "rule_verdict"]


def _two_entities(tmp_path: Path) -> Path:
    """The example as two entities: 19 (the region, as published) and 0180 (changed)."""
    folder = tmp_path / "two"
    shutil.copytree(EXAMPLE, folder)
    text = (EXAMPLE / "utfall.csv").read_text(encoding="utf-8-sig")
    head, *rows = text.strip("\n").split("\n")
    out = [head + ";kommun"]
    out += [r + ";19" for r in rows]
    for r in rows:  # 0180: every number one higher
        cells = r.split(";")
        if cells[4] and cells[4][0].isdigit():
            cells[4] = str(float(cells[4].replace(",", ".")) + 1).replace(".", ",")
        out.append(";".join(cells) + ";0180")
    (folder / "utfall.csv").write_text("\ufeff" + "\n".join(out) + "\n", encoding="utf-8")
    return folder


def _csv(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    assert main(["assess", *args, "--format", "csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_csv_contract_and_one_row_per_entity_node_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _two_entities(tmp_path)
    rows = _csv(capsys, str(folder))
    assert list(rows[0])[:7] == CONTRACT
    assert {r["entity"] for r in rows} == {"19", "0180"}
    keys = [(r["entity"], r["node"], r["period"]) for r in rows]
    assert len(keys) == len(set(keys)) == 2 * 42
    # entity 19 is the published report: the same rows as the one-entity example
    single = _csv(capsys, str(EXAMPLE))
    mine = [{k: v for k, v in r.items() if k != "entity"} for r in rows if r["entity"] == "19"]
    assert mine == [{k: v for k, v in r.items() if k != "entity"} for r in single]
    assert {r["entity"] for r in single} == {""}  # a dataset that names no entity


def test_entity_option_and_judgments_for_every_entity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _two_entities(tmp_path)
    rows = _csv(capsys, str(folder), "--entity", "0180")
    assert {r["entity"] for r in rows} == {"0180"}
    assert len(rows) == 42
    judged = {r["node"] for r in rows if r["basis"] == "judgment"}
    assert len(judged) == 4  # the judgments name no entity: they hold for each


def test_periods_range_and_latest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _csv(capsys, str(EXAMPLE), "--periods", "2023-2024")
    assert sorted({r["period"] for r in rows}) == ["2023", "2024"]
    latest = _csv(capsys, str(EXAMPLE), "--periods", "latest")
    metrics = {r["node"]: r["period"] for r in latest if r["level"] == "metric"}
    assert set(metrics.values()) <= {"2023", "2024"}
    assert "2024" in metrics.values()
    assert main(["assess", str(EXAMPLE), "--periods", "2024-2019"]) == 2
    assert "--periods" in capsys.readouterr().err


def test_json_for_several_entities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _two_entities(tmp_path)
    assert main(["assess", str(folder), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["entities"] == ["0180", "19"]
    assert doc["periods"] == [2024]
    assert [r["entity"] for r in doc["reports"]] == ["0180", "19"]
    assert doc["reports"][1]["programme"]["level"] == "programme"


def _programme(*metrics: ik.Metric, indicator: ik.Indicator | None = None) -> ik.Programme:
    ind = indicator or ik.SimpleIndicator(id="i", name="I", metrics=metrics)
    return ik.Programme(id="p", name="P", goal_areas=[ik.GoalArea(id="a", name="A",
                                                                  indicators=[ind])])


def test_an_entitys_own_judgment_wins_over_one_for_every_entity() -> None:
    metric = ik.Metric(id="m", name="M", unit="st", strategy=VsBase())
    table = ik.Observations.from_columns(
        entity=["a", "a", "b", "b"], metric=["m"] * 4, period=[2023, 2024] * 2,
        value=[1.0, 2.0, 1.0, 2.0], unit="st")
    judgments = [
        ik.Judgment(target="m", period=2024, verdict="negative", reason="all"),
        ik.Judgment(target="m", period=2024, verdict="unchanged", reason="b's", entity="b"),
    ]
    result = ik.evaluate(_programme(metric), table, periods=2024, judgments=judgments)
    assert result.verdict_of("m", "a") is ik.Verdict.NEGATIVE
    assert result.verdict_of("m", "b") is ik.Verdict.UNCHANGED
    node = result.tree("b").find("m")
    assert node.rule_verdict is ik.Verdict.POSITIVE
    assert node.judgment.entity == "b"
    assert node.explanation.inputs["rule_verdict"] == "positive"


def test_history_and_the_result_as_frames() -> None:
    metric = ik.Metric(id="m", name="M", unit="st", strategy=VsBase(), direction="lower")
    table = ik.Observations.from_columns(
        entity=["1980"] * 3, metric=["m"] * 3, period=[2022, 2023, 2024],
        value=[3.0, 2.0, 2.0], unit="st")
    result = ik.evaluate(_programme(metric), table, periods=range(2022, 2025))
    assert result.history("m") == {2022: ik.Verdict.NO_VALUE, 2023: ik.Verdict.POSITIVE,
                                   2024: ik.Verdict.UNCHANGED}
    cols = result.columns()
    pdf, pldf, table_ = result.to_pandas(), result.to_polars(), result.to_arrow()
    assert list(pdf.columns) == list(cols) == pldf.columns == table_.column_names
    assert pdf["verdict"].tolist() == pldf["verdict"].to_list() == cols["verdict"].tolist()
    metric_rows = pdf[pdf["level"] == "metric"]
    assert metric_rows["current"].tolist() == [3.0, 2.0, 2.0]
    assert metric_rows["reference"].isna().tolist() == [True, False, False]


def test_a_custom_indicator_combines_over_every_slot() -> None:
    @attrs.frozen
    class First(ik.Indicator):
        metrics: tuple[ik.Metric, ...]
        id: str = "custom"
        name: ik.Label = attrs.field(factory=lambda: ik.Label("C"))

        def combine(self, children: object) -> ik.Rating:
            first = next(iter(children))  # type: ignore[call-overload]
            return ik.Rating(first.verdict, ik.Explanation("first", {}, {}, "Första", "First"))

    metric = ik.Metric(id="m", name="M", unit="st", strategy=VsBase())
    table = ik.Observations.from_columns(
        entity=["x", "x", "y", "y"], metric=["m"] * 4, period=[2023, 2024] * 2,
        value=[1.0, 2.0, 2.0, 1.0], unit="st")
    result = ik.evaluate(_programme(indicator=First((metric,))), table, periods=2024)
    for entity, verdict in (("x", ik.Verdict.POSITIVE), ("y", ik.Verdict.NEGATIVE)):
        tree = result.tree(entity)
        assert tree.find("custom").verdict is verdict is result.verdict_of("custom", entity)
        assert tree.find("custom").explanation.reason == "first"


@attrs.frozen
class _Broken:
    id: ClassVar[str] = "broken"

    def assess(self, series: object, period: int) -> ik.Rating:
        raise ZeroDivisionError("oops")


def test_a_failing_strategy_leaves_its_node_without_value_and_the_rest_assessed() -> None:
    good = ik.Metric(id="good", name="G", unit="st", strategy=VsBase())
    bad = ik.Metric(id="bad", name="B", unit="st", strategy=_Broken())
    table = ik.Observations.from_columns(metric=["good", "good"], period=[2023, 2024],
                                         value=[1.0, 2.0], unit="st")
    result = ik.evaluate(_programme(good, bad), table, periods=2024)
    assert result.verdict_of("good") is ik.Verdict.POSITIVE
    assert result.verdict_of("bad") is ik.Verdict.NO_VALUE
    [problem] = result.problems()
    assert isinstance(problem, PluginError)
    assert "'bad'" in str(problem)
    assert "oops" in result.tree().find("bad").explanation.sentence("en")
    with pytest.raises(PluginError, match="broken"):
        result.check()


def test_read_table_locates_bad_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("kommun,kpi,år,värde,enhet\n1980,n1,2024,1.5,st\n1980,n1,2O24,2,st\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert (info.value.line, info.value.field, info.value.value) == (3, "år", "2O24")
    path.write_text("kommun,kpi,år,värde,enhet\n1980,n1,2024,x,st\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a number") as info:
        read_table(path)
    assert str(info.value).startswith(f"{path}:2: värde:")
    path.write_text("kommun;kpi;år;värde;enhet\n1980;n1;2024;1,5;st\n0180;n1;2024;..;st\n",
                    encoding="utf-8")
    table = read_table(path)
    assert table.entities == ("0180", "1980")
    assert np.isnan(table.value[1])
    assert table.value[0] == 1.5


def _entity_programme() -> ik.Programme:
    return _programme(
        ik.Metric(id="m1", name="M1", unit="st", strategy=VsBase(relative_dead_band=0.02)),
        ik.Metric(id="m2", name="M2", unit="st", base_year=2019, strategy=VsTrajectory(),
                  targets=[ik.Target(10.0, "st", 2030)]),
    )


def assess_partition(frame: object) -> object:
    """The function a partitioned engine runs: a pandas frame in, the result rows out."""
    import pandas as pd

    df = frame  # type: ignore[assignment]
    table = ik.Observations.from_columns(
        entity=df["entity"].tolist(), metric=df["metric"].tolist(),  # type: ignore[index]
        period=df["period"].to_numpy(), value=df["value"].to_numpy(),  # type: ignore[index]
        unit="st")
    if not len(table):
        return pd.DataFrame({c: [] for c in ik.results.COLUMNS})
    return ik.evaluate(_entity_programme(), table, periods=range(2020, 2025)).to_pandas()


def test_partitions_by_entity_under_dask_give_the_in_process_result() -> None:
    import dask
    import dask.dataframe as dd
    import pandas as pd

    rng = np.random.default_rng(3)
    entities = [f"{1000 + i:04d}" for i in range(12)]
    rows = [(e, m, y, float(rng.uniform(5, 15))) for e in entities for m in ("m1", "m2")
            for y in range(2019, 2025)]
    df = pd.DataFrame(rows, columns=["entity", "metric", "period", "value"])
    whole = assess_partition(df)
    ddf = dd.from_pandas(df, npartitions=4).shuffle("entity", npartitions=4)
    meta = whole.iloc[:0]  # type: ignore[attr-defined]
    with dask.config.set(scheduler="synchronous"):
        parts = ddf.map_partitions(assess_partition, meta=meta).compute()
    key = ["entity", "node", "period"]
    got = parts.sort_values(key).reset_index(drop=True)
    want = whole.sort_values(key).reset_index(drop=True)  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(got, want)
    assert set(VERDICTS) >= {ik.Verdict(v) for v in got["verdict"]}


def test_an_entitys_own_target_comes_from_the_data(tmp_path: Path) -> None:
    from indikator.strategies import VsOwnTarget

    metric = ik.Metric(id="m", name="M", unit="kg", strategy=VsOwnTarget(),
                       targets=[ik.Target(100.0, "kg", owner="unit")])
    table = ik.Observations.from_columns(
        entity=["a", "a", "b", "b"], metric=["m"] * 4, period=[2023, 2024] * 2,
        value=[50.0, 60.0, 50.0, 60.0], unit="kg", own_target=[None, 55000.0, None, None])
    # a reports its own target, 55 000 kg; b has none and falls back to the metric's 100 kg
    result = ik.evaluate(_programme(metric), table, periods=2024)
    assert result.verdict_of("m", "a") is ik.Verdict.UNCHANGED  # short of 55 000, improving
    assert result.verdict_of("m", "b") is ik.Verdict.UNCHANGED  # short of 100, improving
    table = ik.Observations.from_columns(
        entity=["a", "a"], metric=["m"] * 2, period=[2023, 2024], value=[50.0, 60.0],
        unit="kg", own_target=[None, 55.0])
    result = ik.evaluate(_programme(metric), table, periods=2024)
    node = result.tree("a").find("m")
    assert node.verdict is ik.Verdict.POSITIVE
    assert node.explanation.inputs["target_from"] == "data"
    assert node.explanation.inputs["target_value"] == 55.0
    # the long layout reads it from a column headed målvärde
    csv_path = tmp_path / "u.csv"
    csv_path.write_text("mätetal;år;utfall;enhet;målvärde;kommun\nm;2023;50;t;;1980\n"
                        "m;2024;60;t;0,055;1980\n", encoding="utf-8")
    from indikator.io.outcomes import read_outcomes

    [_, second] = read_outcomes(csv_path, delimiter=";", decimal=",")
    assert second.observation.own_target == 0.055
    assert second.observation.entity == "1980"


def test_html_for_several_entities_is_one_page_with_unique_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    folder = _two_entities(tmp_path)
    assert main(["assess", str(folder), "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.count("<html") == 1
    assert page.count('<section class="entity"') == 2
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for target in re.findall(r'href="#([^"]+)"', page):
        assert target in ids


def test_read_table_reads_plain_and_quoted_files_alike(tmp_path: Path) -> None:
    rows = ["kommun,kpi,år,värde,enhet", "1980,n1,2023,1.5,st", "1980,n1,2024,2,st",
            "0180,n1,2024,,st"]
    plain, quoted = tmp_path / "p.csv", tmp_path / "q.csv"
    plain.write_text("\n".join(rows) + "\n", encoding="utf-8")
    quoted.write_text("\n".join([*rows[:-1], '"0180",n1,2024,,st']) + "\n", encoding="utf-8")
    a, b = read_table(plain), read_table(quoted)
    for name in ("entities", "metrics", "units"):
        assert getattr(a, name) == getattr(b, name)
    for name in ("entity", "metric", "period", "unit"):
        assert getattr(a, name).tolist() == getattr(b, name).tolist()
    assert np.array_equal(a.value, b.value, equal_nan=True)
    ragged = tmp_path / "r.csv"
    ragged.write_text("\n".join([*rows[:2], "1980,n1,2024,2,st,extra", "1980,n1,2022"]) + "\n",
                      encoding="utf-8")
    with pytest.raises(InputError, match="6 cells where the header has 5") as info:
        read_table(ragged)
    assert info.value.line == 3


# the plain file's fast path (cells cut from the bytes, numbers parsed by numpy) against the
# csv module's path (taken for the same file with one quoted heading): same table, same error
_CELL_VALUES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, width=64).map(repr),
    st.floats(-1e6, 1e6).map(lambda v: f"{v:.2f}"),
    st.floats(-1e6, 1e6).map(lambda v: f"{v:e}"),
    st.sampled_from(["", "..", "-", "+", " ", " 1.5", "1.5 ", "+3", ".5", "5.", "1e400",
                     "-0.0", "0x10", "1_0", "nan", "1,5", "1e5", "-.5e-3", "١"]),
)
_CELL_YEARS = st.one_of(st.integers(1900, 2100).map(str),
                        st.sampled_from(["", "-", "+2020", " 2020", "2020.0", "-5", "0x7e4"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1980", "0180", "Västerås", " 1980", "1980 ", "",
                                           "..", "x" * 40]),
                          st.sampled_from(["n1", "n2", " n1", ""]), _CELL_YEARS, _CELL_VALUES),
                min_size=1, max_size=12))
def test_the_fast_path_reads_as_the_csv_module_does(tmp_path_factory: pytest.TempPathFactory,
                                                     rows: list[tuple[str, str, str, str]]
                                                     ) -> None:
    folder = tmp_path_factory.mktemp("fast")
    body = "".join(f"{e},{m},{y},{v},st\n" for e, m, y, v in rows)
    plain, quoted = folder / "plain.csv", folder / "quoted.csv"
    plain.write_text("kommun,kpi,år,värde,enhet\n" + body, encoding="utf-8")
    quoted.write_text('"kommun",kpi,år,värde,enhet\n' + body, encoding="utf-8")

    def read(path: Path) -> object:
        try:
            t = read_table(path)
        except InputError as exc:
            return ("error", exc.line, exc.field, exc.value, exc.message)
        return ([t.entities[c] for c in t.entity.tolist()],
                [t.metrics[c] for c in t.metric.tolist()],
                [t.units[c] for c in t.unit.tolist()],
                t.period.tolist(), t.value.view(np.int64).tolist())

    assert read(plain) == read(quoted)


def test_a_clean_plain_file_takes_the_fast_path(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from indikator.io import table

    parsed: list[object] = []
    original = table._ByteColumns.numbers

    def spy(self: object, i: int, dtype: type) -> object:
        out = original(self, i, dtype)  # type: ignore[arg-type]
        parsed.append(out is not None)
        return out

    monkeypatch.setattr(table._ByteColumns, "numbers", spy)
    cut: list[object] = []
    runs = table._ByteColumns.runs

    def spy_runs(self: object, i: int) -> object:
        out = runs(self, i)  # type: ignore[arg-type]
        cut.append(out is not None)
        return out

    monkeypatch.setattr(table._ByteColumns, "runs", spy_runs)
    path = tmp_path / "t.csv"
    path.write_text("kommun,kpi,år,värde,enhet\n1980,n1,2023,1.5,st\n1980,n1,2024,2e1,st\n",
                    encoding="utf-8")
    t = read_table(path)
    assert parsed == [True, True]
    assert cut == [True, True, True]  # metric, unit and entity, as runs of equal cells
    assert t.period.tolist() == [2023, 2024]
    assert t.value.tolist() == [1.5, 20.0]


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_metric_at_its_own_latest_year_shows_that_years_outcomes(fmt: str) -> None:
    from indikator.render import render

    early = ik.Metric(id="early", name="Tidig", unit="st", strategy=VsBase())
    late = ik.Metric(id="late", name="Sen", unit="st", strategy=VsBase())
    programme = _programme(early, late)
    obs = {
        "early": [ik.Observation(2020, 11.0, "st"), ik.Observation(2021, 12.0, "st")],
        "late": [ik.Observation(2023, 21.0, "st"), ik.Observation(2024, 22.0, "st")],
    }
    dataset = ik.Dataset(programme="p", period=2024, observations=obs)
    tree = ik.evaluate(programme, dataset, periods="latest").tree(None, 2024)
    assert tree.find("early").period == 2021
    out = render(tree, dataset, fmt, "sv", programme)  # type: ignore[arg-type]
    early_line = next(line for line in out.splitlines() if "Tidig" in line)
    late_line = next(line for line in out.splitlines() if "Sen" in line)
    assert "11 st (2020)" in early_line
    assert "12 st (2021)" in early_line
    assert "21 st" in late_line
    assert "(2023)" not in late_line  # its years are the columns' own
