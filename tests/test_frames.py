"""DataFrames in: pandas, polars, pyarrow and plain mappings read as observations."""

from __future__ import annotations

import builtins
import math
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import indikator as ik
from indikator.errors import InputError
from indikator.io.frames import frame_columns, read_frame
from indikator.strategies import VsBase

ROWS = {
    "kommun": ["0180", "0180", "1980", "1980", "1980"],
    "kpi": ["n00945", "n00945", "n00945", "n00945", "n00946"],
    "år": [2023, 2024, 2023, 2024, 2024],
    "värde": [410.0, 395.5, 450.0, np.nan, 12.0],
}


def _table(obs: ik.Observations) -> list[tuple[Any, ...]]:
    rows = []
    for i in range(len(obs)):
        r = obs.record(i)
        v = r.value
        rows.append((r.entity, obs.metrics[int(obs.metric[i])], r.period,
                     None if v is None or math.isnan(v) else v, r.unit, r.text, r.note,
                     r.component, tuple(sorted(f.value for f in r.flags))))
    return sorted(rows, key=repr)


@pytest.mark.parametrize("make", [
    pd.DataFrame, pl.DataFrame, pa.table, dict,
], ids=["pandas", "polars", "pyarrow", "mapping"])
def test_every_library_gives_the_same_table(make: Any) -> None:
    frame = make({k: list(v) for k, v in ROWS.items()})
    obs = read_frame(frame, unit="kg/invånare")
    assert len(obs) == 5
    assert obs.entities == ("0180", "1980")
    assert _table(obs) == _table(read_frame(ROWS, unit="kg/invånare"))
    assert np.isnan(obs.value).sum() == 1


def test_the_arrow_capsule_path_without_narwhals(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def no_narwhals(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("narwhals"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_narwhals)
    frame = pd.DataFrame(ROWS)
    assert hasattr(frame, "__arrow_c_stream__")
    cols = frame_columns(frame)
    assert list(cols) == list(ROWS)
    assert _table(read_frame(frame, unit="%")) == _table(read_frame(ROWS, unit="%"))


def test_a_column_mapping_and_metric_ids() -> None:
    frame = pd.DataFrame({"org": ["0180"], "nyckeltal_id": ["N00945"], "y": [2024],
                          "v": [1.5], "u": ["%"]})
    obs = read_frame(frame, columns={"entity": "org", "metric": "nyckeltal_id", "period": "y",
                                     "value": "v", "unit": "u"},
                     metrics={"N00945": "waste"})
    assert obs.metrics == ("waste",)
    assert obs.units[int(obs.unit[0])] == "%"


def test_a_unit_per_metric() -> None:
    obs = read_frame(ROWS, unit={"n00945": "kg/invånare", "n00946": "%"})
    units = {obs.metrics[int(m)]: obs.units[int(u)] for m, u in zip(obs.metric, obs.unit,
                                                                     strict=True)}
    assert units == {"n00945": "kg/invånare", "n00946": "%"}


@pytest.mark.parametrize(("change", "where", "message"), [
    ({"år": [2023, "20x4", 2023, 2024, 2024]}, "DataFrame, row 1: år:", "a year must be a whole"),
    ({"år": [2023, 2024, 1066, 2024, 2024]}, "DataFrame, row 2: år:", "out of range"),
    ({"värde": [1.0, "mycket", 2.0, 3.0, 4.0]}, "DataFrame, row 1: värde:", "not a number"),
    ({"värde": [1.0, 2.0, np.inf, 3.0, 4.0]}, "DataFrame, row 2: värde:", "inf"),
    ({"kommun": ["0180", "0180", 1980, 1980, 1980]}, "DataFrame, row 2: kommun:",
     "leading zeros"),
    ({"kpi": ["a", None, "a", "a", "b"]}, "DataFrame, row 1: kpi:", "metric id is required"),
])
def test_a_bad_cell_is_named_by_row_column_and_value(change: dict[str, list[Any]], where: str,
                                                     message: str) -> None:
    frame = pd.DataFrame({**ROWS, **change})
    with pytest.raises(InputError) as err:
        read_frame(frame, unit="%")
    assert str(err.value).startswith(where), str(err.value)
    assert message in str(err.value)


def test_a_value_without_a_unit_and_a_missing_column() -> None:
    with pytest.raises(InputError, match=r"row 0: värde: a value needs a unit"):
        read_frame(ROWS)
    with pytest.raises(InputError, match="needs a 'period' column"):
        read_frame({"kpi": ["a"], "value": [1.0]})
    with pytest.raises(InputError, match="no column 'x'"):
        read_frame(ROWS, columns={"metric": "x"})
    with pytest.raises(TypeError, match="cannot read a int"):
        read_frame(3)


def test_a_numpy_array_a_series_and_nan_in_columns() -> None:
    obs = read_frame({"metric": np.array(["a", "a"]), "period": np.array([2023, 2024]),
                      "value": pd.Series([1.0, np.nan]), "unit": ["%", "%"]})
    assert np.isnan(obs.value[1])
    assert obs.period.tolist() == [2023, 2024]


def test_a_frame_is_assessed_and_comes_back_as_a_frame() -> None:
    metric = ik.Metric(id="n00945", name=ik.Label("Avfall"), unit="kg/invånare",
                       direction="lower_is_better", strategy=VsBase())
    programme = ik.Programme(id="p", name=ik.Label("P"), goal_areas=[ik.GoalArea(
        id="a", name=ik.Label("A"), indicators=[ik.SimpleIndicator(
            id="i", name=ik.Label("I"), metrics=[metric])])])
    frame = pd.DataFrame({k: v[:4] for k, v in ROWS.items()})
    result = ik.evaluate(programme, read_frame(frame, unit="kg/invånare"), periods=2024)
    table = result.to_pandas()
    verdicts = table[table.level == "metric"].set_index("entity")["verdict"].to_dict()
    assert verdicts == {"0180": "positive", "1980": "no_value"}


_ids = st.sampled_from(["a", "b.c", "d-e"])
_rows = st.lists(st.tuples(st.sampled_from(["0180", "1980", None]), _ids,
                           st.integers(1900, 2200),
                           st.one_of(st.none(), st.floats(-1e9, 1e9, allow_nan=False)),
                           st.sampled_from(["%", "kg", "st"])), max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows, st.sampled_from(["pandas", "polars", "pyarrow"]))
def test_round_trip_columns_to_frame_to_observations(rows: list[Any], lib: str) -> None:
    cols = {"entity": [r[0] for r in rows], "metric": [r[1] for r in rows],
            "period": [r[2] for r in rows],
            "value": [math.nan if r[3] is None else r[3] for r in rows],
            "unit": [r[4] for r in rows]}
    expected = ik.Observations.from_columns(**cols)
    frame: Any
    if lib == "pandas":
        frame = pd.DataFrame(cols)
    elif lib == "polars":
        frame = pl.DataFrame(cols, strict=False)
    else:
        frame = pa.table(cols)
    assert _table(read_frame(frame)) == _table(expected)


def test_observations_from_columns_takes_series_arrays_and_nan() -> None:
    frame = pd.DataFrame({"m": ["a", "a"], "p": [2023, 2024], "v": [1.0, np.nan]})
    obs = ik.Observations.from_columns(metric=frame.m, period=frame.p, value=frame.v, unit="%")
    assert obs.period.tolist() == [2023, 2024]
    assert np.isnan(obs.value[1])
    with pytest.raises(InputError, match=r"row 1: an entity is a non-empty code \(got nan\)"):
        ik.Observations.from_columns(metric=frame.m, period=frame.p, value=frame.v, unit="%",
                                     entity=pd.Series(["0180", np.nan]))
    # read_frame reads a missing entity as the unnamed one instead
    assert read_frame({"metric": frame.m, "period": frame.p, "value": frame.v,
                       "entity": pd.Series(["0180", np.nan])}, unit="%").entities == (
        None, "0180")
