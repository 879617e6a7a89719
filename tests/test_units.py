"""The unit registry: every unit the seed report prints, conversions and refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given

from indikator.errors import UnitError
from indikator.testing.strategies import COMPATIBLE_UNITS, PRINTED_UNITS, finite_floats, unit_pairs
from indikator.units import are_compatible, conversion_factor, convert, parse_unit


@pytest.mark.parametrize("printed", PRINTED_UNITS)
def test_every_printed_unit_parses(printed: str) -> None:
    unit = parse_unit(printed)
    assert conversion_factor(printed, printed) == 1.0
    assert are_compatible(printed, printed)
    assert unit is parse_unit(printed)  # parsed once, cached


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("MWh/km", "kWh/km", 1000.0),
        ("g/invånare", "kg/länsinvånare", 0.001),
        ("kg/invånare", "kg/länsinvånare", 1.0),
        ("recept/invånare", "recept/1000 invånare", 1000.0),
        ("t CO2e", "kg CO2e", 1000.0),
        ("procentenheter", "%", 1.0),
        ("gram", "g", 1.0),
        ("g/portion", "g/st", 1.0),
        ("MWh/m2 BRA", "kWh/m2 BRA", 1000.0),
        ("%", "", 0.01),
    ],
)
def test_compatible_units_convert(source: str, target: str, factor: float) -> None:
    if target == "":
        target = "dimensionless"
    assert conversion_factor(source, target) == pytest.approx(factor)
    assert convert(3.6, source, target) == pytest.approx(3.6 * factor)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("kWh/km", "kg/invånare"),
        ("st", "%"),
        ("kg/invånare", "kg/st"),  # inhabitants are not counts
        ("t CO2e", "t"),  # CO2e is a dimension of its own
        ("recept/1000 invånare", "recept"),
        ("g/portion", "g"),
    ],
)
def test_incompatible_units_are_refused_naming_both(a: str, b: str) -> None:
    assert not are_compatible(a, b)
    with pytest.raises(UnitError) as info:
        conversion_factor(a, b)
    assert repr(a) in str(info.value)
    assert repr(b) in str(info.value)
    assert info.value.field == "unit"


@pytest.mark.parametrize(
    "bad", ["", "   ", "furlongs per bogus", "kWh/kmm", "kg/invånarna", "12 kg"]
)
def test_unknown_units_are_refused_with_the_text(bad: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_unit(bad)
    assert info.value.field == "unit"
    assert repr(bad) in str(info.value)


def test_offset_units_are_refused() -> None:
    with pytest.raises(UnitError, match="offset"):
        conversion_factor("degC", "kelvin")


@given(unit_pairs(), finite_floats())
def test_conversion_round_trips(pair: tuple[str, str, float], value: float) -> None:
    unit, other, factor = pair
    there = convert(value, unit, other)
    assert there == pytest.approx(value * factor, rel=1e-12, abs=1e-300)
    assert convert(there, other, unit) == pytest.approx(value, rel=1e-12, abs=1e-300)


def test_the_compatible_pairs_of_the_test_strategies_are_right() -> None:
    for unit, other, factor in COMPATIBLE_UNITS:
        assert conversion_factor(unit, other) == pytest.approx(factor)


def test_no_pickle_cache_is_read_or_written(tmp_path: Path) -> None:
    # pint's definitions cache is a pickle in ~/.cache/pint: whoever can write there would
    # run code in the next indikator process. The library builds its registry without it.
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "HOME": str(tmp_path)}
    code = "from indikator.units import conversion_factor; print(conversion_factor('kt', 't'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert done.stdout.strip() == "1000.0", done.stderr
    assert list(cache.rglob("*")) == []
    assert not (tmp_path / ".cache").exists()


def test_conversion_factors_are_cached_per_pair() -> None:
    from indikator.units import _factor

    conversion_factor("MWh/km", "kWh/km")
    before = _factor.cache_info().hits
    for _ in range(5):
        assert conversion_factor("MWh/km", "kWh/km") == 1000.0
    assert _factor.cache_info().hits == before + 5
