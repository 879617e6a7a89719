"""The readers fuzzed: random bytes and near-valid CSV, TOML and XLSX either load or give
:class:`InputError` (collected, or raised in strict mode); nothing else escapes."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.errors import InputError
from indikator.io import (
    Problems,
    load_dataset,
    parse_judgments_toml,
    parse_outcomes_csv,
    parse_outcomes_toml,
    parse_outcomes_xlsx,
    read_dataset,
    read_outcomes,
)
from indikator.model import Observation

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
_TMP = Path(tempfile.mkdtemp(prefix="indikator-fuzz-"))


def _collect(parse: Callable[..., list[object]], data: bytes, **options: object) -> list[object]:
    problems = Problems()
    out = parse(data, "f", problems=problems, **options)
    assert all(isinstance(p, InputError) for p in problems)
    assert all(p.source for p in problems)
    return out


def _strict(path: Path, **options: object) -> None:
    try:
        rows = read_outcomes(path, **options)  # type: ignore[arg-type]
    except InputError as exc:
        message = str(exc)
    else:
        message = "loaded"
        assert all(isinstance(r.observation, Observation) for r in rows)
    assert message.startswith(str(path)) or message == "loaded"


# -- random bytes --------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["long", "wide"]),
       st.sampled_from([None, ";", ",", "\t"]), st.sampled_from([None, ",", "."]))
def test_csv_random_bytes(data: bytes, layout: str, delimiter: str | None,
                          decimal: str | None) -> None:
    _collect(parse_outcomes_csv, data, layout=layout, delimiter=delimiter, decimal=decimal)


@FUZZ
@given(st.binary(max_size=300))
def test_toml_random_bytes(data: bytes) -> None:
    _collect(parse_outcomes_toml, data)
    _collect(parse_judgments_toml, data)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200))
def test_xlsx_random_bytes(data: bytes) -> None:
    pytest.importorskip("openpyxl")
    assert _collect(parse_outcomes_xlsx, b"PK\x03\x04" + data) == []


# -- near-valid CSV ------------------------------------------------------------------------

_columns = ["metric", "period", "value", "unit", "text", "flags", "note", "component",
            "Mätetal", "År", "värde", "namn", "2023", "2024", "x", ""]
_cells = st.one_of(
    st.sampled_from(["bus-energy", "waste", "Bad Id", "", "-", "2024", "1850", "20x4", "4,5",
                     "4.5", "1 234,5", "nan", "inf", "-Infinity", "#DIV/0!", "45 %", "kWh/km",
                     "kg/invånare", "furlong", "%", "provisional", "series-break", "bogus",
                     '"', '""', '"a;b"', "a\nb", "\x00", "\ufeff", "−3", "1e400", ".", ","]),
    st.text(max_size=8),
)


@st.composite
def near_csv(draw: st.DrawFn) -> tuple[bytes, str]:
    sep = draw(st.sampled_from([";", ",", "\t"]))
    header = draw(st.lists(st.sampled_from(_columns), min_size=1, max_size=8))
    width = len(header)
    rows = draw(st.lists(st.lists(_cells, min_size=max(0, width - 2), max_size=width + 2),
                         max_size=6))
    text = sep.join(header) + "\n" + "".join(sep.join(r) + draw(st.sampled_from(["\n", "\r\n"]))
                                            for r in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace"), sep


@FUZZ
@given(near_csv(), st.sampled_from(["long", "wide"]), st.booleans())
def test_near_valid_csv(case: tuple[bytes, str], layout: str, declare: bool) -> None:
    data, sep = case
    _collect(parse_outcomes_csv, data, layout=layout, delimiter=sep if declare else None)
    path = _TMP / "near.csv"
    path.write_bytes(data)
    _strict(path, layout=layout)


# -- near-valid TOML -----------------------------------------------------------------------

_toml_lines = st.sampled_from([
    "[[outcome]]", "[[judgment]]", "[outcome]", "[[outcomes]]", 'metric = "waste"',
    'metric = "Bad Id"', "metric = 3", 'target = "energy"', "period = 2024", "period = 1850",
    'period = "2024"', "period = 2024.5", "value = 4.5", "value = nan", "value = inf",
    'value = "4,5"', 'value = "x"', "value = true", "value = [1, 2]", 'unit = "kWh/km"',
    'unit = "furlongs"', "unit = 5", 'text = "klar"', 'flags = ["provisional"]',
    'flags = "bogus"', "flags = [1]", 'note = "<script>"', "note = {a = 1}",
    'verdict = "unchanged"', 'verdict = "great"', "verdict = 1", 'reason = "Marginell."',
    'reason = ""', "date = 2025-03-31", 'date = "2025-13-40"', "date = 12:00:00",
    'author = "A"', 'extra = "?"', "outcome = 5", "judgment = []", 'component = "risk"',
    "= broken", '"unterminated', "[[judgment]] x", "",
])


@FUZZ
@given(st.lists(_toml_lines, max_size=14))
def test_near_valid_toml(lines: list[str]) -> None:
    data = "\n".join(lines).encode()
    _collect(parse_outcomes_toml, data)
    _collect(parse_judgments_toml, data)
    path = _TMP / "near.toml"
    path.write_bytes(data)
    _strict(path)


# -- near-valid XLSX -----------------------------------------------------------------------


_WORKBOOK: list[bytes] = []


def _workbook() -> bytes:
    """A small valid workbook, made once (its bytes hold a timestamp)."""
    if _WORKBOOK:
        return _WORKBOOK[0]
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in (["metric", "period", "value", "unit"], ["waste", 2024, 4.5, "kg/invånare"],
                ["bus-energy", 2023, "4,5", "kWh/km"]):
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    _WORKBOOK.append(buf.getvalue())
    return _WORKBOOK[0]


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_damaged_xlsx(data: st.DataObject) -> None:
    good = _workbook()
    damaged = bytearray(good)
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(damaged) - 1))
        damaged[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(damaged)))
    _collect(parse_outcomes_xlsx, bytes(damaged[:cut]),
             layout=data.draw(st.sampled_from(["long", "wide"])))


# -- near-valid manifests ------------------------------------------------------------------

_manifest_lines = st.sampled_from([
    "[dataset]", 'programme = "test-prog"', "programme = 1", "period = 2024", "period = 99999",
    'title = "T"', "title = 2", "[[outcomes]]", 'path = "o.csv"', 'path = "nope.csv"',
    'path = "o.xls"', "path = 3", 'layout = "wide"', 'layout = "tall"', 'delimiter = ";"',
    'delimiter = ";;"', 'decimal = ","', 'decimal = "x"', 'sheet = "S"', 'format = "csv"',
    'format = "pdf"', "[[judgments]]", 'path = "j.toml"', "outcomes = 1", 'x = "y"', "",
])


@FUZZ
@given(st.lists(_manifest_lines, max_size=14))
def test_near_valid_manifest(lines: list[str]) -> None:
    folder = _TMP / "ds"
    folder.mkdir(exist_ok=True)
    (folder / "o.csv").write_text("metric;period;value;unit\nwaste;2024;1;kg/invånare\n",
                                  encoding="utf-8")
    (folder / "j.toml").write_text('[[judgment]]\nmetric = "waste"\nperiod = 2024\n'
                                   'verdict = "positive"\nreason = "r"\n', encoding="utf-8")
    (folder / "indikator.toml").write_text("\n".join(lines), encoding="utf-8")
    loaded = read_dataset(folder)
    assert all(isinstance(p, InputError) for p in loaded.problems)
    try:
        ds = load_dataset(folder)
    except InputError:
        pass
    else:
        assert loaded.dataset is not None
        assert ds.programme == loaded.dataset.programme
