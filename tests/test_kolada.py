"""Kolada: saved data responses read as outcomes, and `indikator kolada fetch`."""

from __future__ import annotations

import http.server
import json
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.cli import main
from indikator.errors import InputError
from indikator.io import read_dataset
from indikator.io.kolada import read_kolada
from indikator.io.kolada_fetch import fetch_kolada, kolada_url


def _row(kpi: str, who: str, year: Any, *values: dict[str, Any], key: str = "municipality"
         ) -> dict[str, Any]:
    return {"kpi": kpi, key: who, "period": year, "values": list(values)}


def _v(value: Any, gender: str = "T", status: str = "") -> dict[str, Any]:
    return {"gender": gender, "value": value, "status": status, "count": 1}


RESPONSE = {"count": 4, "values": [
    _row("N00945", "0180", 2023, _v(410.0), _v(400.0, "K"), _v(420.0, "M")),
    _row("N00945", "0180", 2024, _v(395.5), _v(390.0, "K"), _v(401.0, "M")),
    _row("N00945", "1980", 2023, _v(450.0)),
    _row("N00945", "1980", 2024, _v(None, status="Missing")),
]}


def _write(tmp: Path, doc: Any, name: str = "kolada.json") -> Path:
    path = tmp / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _values(obs: Any) -> dict[tuple[str, str, int], float | None]:
    out = {}
    for i in range(len(obs)):
        r = obs.record(i)
        out[(r.entity, obs.metrics[int(obs.metric[i])], r.period)] = r.value
    return out


def test_a_saved_response_is_read(tmp_path: Path) -> None:
    obs = read_kolada(_write(tmp_path, RESPONSE), units="kg/invånare")
    assert _values(obs) == {("0180", "n00945", 2023): 410.0, ("0180", "n00945", 2024): 395.5,
                            ("1980", "n00945", 2023): 450.0, ("1980", "n00945", 2024): None}
    notes = {obs.record(i).note for i in range(len(obs))}
    assert notes == {None, "Kolada status: Missing"}


def test_gender_metric_ids_units_and_ou(tmp_path: Path) -> None:
    path = _write(tmp_path, RESPONSE)
    women = read_kolada(path, units={"N00945": "kg"}, gender="K", metrics={"N00945": "waste"})
    assert _values(women) == {("0180", "waste", 2023): 400.0, ("0180", "waste", 2024): 390.0}
    units = read_kolada(_write(tmp_path, {"values": [
        _row("N15033", "V15E144001301", "2024", _v(81.0), key="ou")]}), units="%")
    assert _values(units) == {("V15E144001301", "n15033", 2024): 81.0}


def test_a_status_may_make_no_value(tmp_path: Path) -> None:
    doc = {"values": [_row("N1", "0180", 2024, _v(3.0, status="B"))]}
    path = _write(tmp_path, doc)
    assert _values(read_kolada(path, units="%")) == {("0180", "n1", 2024): 3.0}
    assert _values(read_kolada(path, units="%", status="no_value")) == {
        ("0180", "n1", 2024): None}


def test_pages_saved_as_an_array_are_one_table(tmp_path: Path) -> None:
    pages = [{"values": RESPONSE["values"][:2], "next_page": "x"},
             {"values": RESPONSE["values"][2:]}]
    assert _values(read_kolada(_write(tmp_path, pages), units="kg")) == _values(
        read_kolada(_write(tmp_path, RESPONSE, "one.json"), units="kg"))


@pytest.mark.parametrize(("doc", "where", "message"), [
    ({"rows": []}, "(top)", "not a Kolada data response"),
    ({"values": [_row("N1", "0180", "20x4", _v(1.0))]}, "values[0].period", "whole number"),
    ({"values": [_row("N1", 180, 2024, _v(1.0))]}, "values[0].municipality", "leading zeros"),
    ({"values": [_row("N1", "0180", 2024, _v("12"))]}, "values[0].values[0].value",
     "a number or null"),
    ({"values": [_row("N1", "0180", 2024, _v(1.0)), 3]}, "values[1]", "a data row is an object"),
])
def test_a_bad_row_is_named_by_its_json_path(tmp_path: Path, doc: Any, where: str,
                                             message: str) -> None:
    with pytest.raises(InputError) as err:
        read_kolada(_write(tmp_path, doc), units="%")
    assert err.value.field == where
    assert message in err.value.message
    assert err.value.source == str(tmp_path / "kolada.json")


def test_not_json_and_no_unit(tmp_path: Path) -> None:
    bad = tmp_path / "k.json"
    bad.write_text('{"values": [', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        read_kolada(bad, units="%")
    with pytest.raises(InputError, match="no unit for KPI N00945"):
        read_kolada(_write(tmp_path, RESPONSE))


_kpis = st.sampled_from(["N00945", "U01405", "N15033"])
_cells = st.lists(st.tuples(_kpis, st.sampled_from(["0180", "1980", "2480"]),
                            st.integers(1990, 2030),
                            st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))),
                  max_size=25, unique_by=lambda c: c[:3])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(_cells)
def test_round_trip_rows_to_a_response_and_back(tmp_path: Path, cells: list[Any]) -> None:
    doc = {"count": len(cells), "values": [
        _row(k, m, p, _v(v, status="" if v is not None else "Missing"), _v(0.0, "K"))
        for k, m, p, v in cells]}
    got = _values(read_kolada(json.dumps(doc).encode(), units="%"))
    assert got == {(m, k.lower(), p): v for k, m, p, v in cells}


# -- a dataset folder naming a Kolada file ---------------------------------------------

PROGRAMME = textwrap.dedent('''\
    [programme]
    id = "kolada-demo"
    name = "Demo"
    first_year = 2020
    last_year = 2030

    [[goal_area]]
    id = "env"
    name = "Miljö"
    indicators = ["demo.waste"]

    [[indicator]]
    id = "demo.waste"
    name = "Avfall"

    [[indicator.metric]]
    id = "waste"
    name = "Hushållsavfall"
    unit = "kg/invånare"
    direction = "lower"
    strategy = "vs_base"
''')


def _dataset(tmp: Path, doc: Any, extra: str = "") -> Path:
    (tmp / "programme.toml").write_text(PROGRAMME, encoding="utf-8")
    _write(tmp, doc)
    (tmp / "indikator.toml").write_text(textwrap.dedent(f'''\
        [dataset]
        programme = "kolada-demo"
        period = 2024
        programme_file = "programme.toml"

        [[outcomes]]
        path = "kolada.json"
        format = "kolada"
        units = "kg/invånare"
        metrics = {{N00945 = "waste"}}
        {extra}
        '''), encoding="utf-8")
    return tmp


def test_a_dataset_folder_of_kolada_data_is_assessed(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = _dataset(tmp_path, RESPONSE)
    assert main(["assess", str(folder), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    metric_rows = {ln.split(",")[0]: ln.split(",")[4] for ln in lines if ",waste," in ln}
    assert metric_rows == {"0180": "positive", "1980": "no_value"}


def test_a_bad_kolada_row_in_a_dataset_is_located_and_the_rest_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = {"values": [*RESPONSE["values"], _row("N00945", "2480", "20x4", _v(1.0))]}
    folder = _dataset(tmp_path, doc, 'gender = "T"')
    loaded = read_dataset(folder)
    [problem] = loaded.problems
    assert problem.field == "values[4].period"
    assert loaded.dataset is not None
    assert len(loaded.dataset.observations["waste"]) == 4  # nothing else lost
    assert main(["assess", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "kolada.json: values[4].period: a year must be a whole number" in err
    assert "Traceback" not in err


def test_a_bad_manifest_option_is_named(tmp_path: Path) -> None:
    folder = _dataset(tmp_path, RESPONSE, 'gender = "X"')
    [problem] = read_dataset(folder).problems
    assert problem.field == "gender"
    assert "T, K, M" in problem.message


# -- fetch, against a local server ------------------------------------------------------


class _Kolada(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, Any]] = {}
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        body = self.pages.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Kolada)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    path = "/v3/data/kpi/N00945/municipality/0180,1980/year/2023,2024"
    _Kolada.seen = []
    _Kolada.pages = {
        path: {"count": 2, "values": RESPONSE["values"][:2],
               "next_page": f"{base}{path}?page=2"},
        f"{path}?page=2": {"count": 2, "values": RESPONSE["values"][2:]},
        "/v3/data/kpi/N1/municipality/0180/year/2024": {
            "values": [], "next_page": "http://example.invalid/elsewhere"},
    }
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetch_follows_next_page_and_saves_one_response(server: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    out = tmp_path / "k.json"
    status = main(["kolada", "fetch", "--kpi", "N00945", "--municipality", "0180,1980",
                   "--years", "2023-2024", "--base-url", server, "-o", str(out)])
    assert status == 0, capsys.readouterr().err
    assert len(_Kolada.seen) == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["count"] == 4
    assert _values(read_kolada(out, units="kg")) == _values(
        read_kolada(json.dumps(RESPONSE).encode(), units="kg"))


def test_fetch_refuses_a_page_elsewhere_and_an_http_error(server: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    with pytest.raises(InputError, match="another host"):
        fetch_kolada(kolada_url(["N1"], municipalities=["0180"], years=[2024],
                                base_url=server))
    out = tmp_path / "k.json"
    status = main(["kolada", "fetch", "--kpi", "N9", "--municipality", "0180", "--years",
                   "2024", "--base-url", server, "-o", str(out)])
    assert status == 2
    assert "HTTP 404" in capsys.readouterr().err
    assert not out.exists()


def test_a_query_needs_two_dimensions() -> None:
    with pytest.raises(InputError, match="two of the three"):
        kolada_url(["N1"])
    assert kolada_url(["N1", "N2"], ous=["V1"], years=[2024], version="v2").endswith(
        "/v2/oudata/kpi/N1,N2/ou/V1/year/2024")


def test_fetch_reads_no_more_than_its_bound(server: str) -> None:
    url = kolada_url(["N00945"], municipalities=["0180", "1980"], years=[2023, 2024],
                     base_url=server)
    with pytest.raises(InputError, match="larger than"):
        fetch_kolada(url, limit=100)
    assert fetch_kolada(url)["count"] == 4
