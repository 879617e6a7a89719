"""Units as Swedish and statistical reports write them, and the pint defaults they would
trip over (the trap list of docs/explanation/units.md: one test per trap)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pint
import pytest

from indikator.errors import UnitError
from indikator.units import (
    are_compatible,
    conversion_factor,
    convert,
    describe_unit,
    parse_unit,
)

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def stock_pint() -> pint.UnitRegistry:  # type: ignore[type-arg]
    """Pint's own default registry, to show what each trap would have been."""
    return pint.UnitRegistry()


def stock_factor(source: str, target: str) -> float:
    reg = stock_pint()
    return float(reg.Quantity(1.0, source).to(target).magnitude)


# -- the done-when checks -------------------------------------------------------------------


def test_kilotonnes_of_co2e_are_a_thousand_tonnes() -> None:
    assert conversion_factor("kt CO2e", "t CO2e") == 1000.0


def test_a_swedish_mil_is_ten_kilometres() -> None:
    assert conversion_factor("mil", "km") == 10.0


def test_kton_is_kilotonnes() -> None:
    assert conversion_factor("kton CO2e", "t CO2e") == 1000.0
    assert convert(1118.4, "kton CO2e", "t CO2e") == pytest.approx(1_118_400.0)


# -- the traps: what stock pint reads, and what indikator reads ------------------------------


@pytest.mark.parametrize(
    ("printed", "target", "ours", "stock"),
    [
        ("kt", "t", 1000.0, None),  # pint: a knot, a speed
        ("kton", "t", 1000.0, 907.18474),  # pint: kilo short tons
        ("ton", "kg", 1000.0, 907.18474),  # pint: the US short ton
        ("tons", "kg", 1000.0, 907.18474),
        ("Mton", "t", 1e6, 907_184.74),
        ("Gton", "t", 1e9, 907_184_740.0),
        ("mil", "m", 10_000.0, None),  # pint: an angular mil (a thousandth of a radian)
    ],
)
def test_trap_units_read_as_a_swedish_report_means_them(
    printed: str, target: str, ours: float, stock: float | None
) -> None:
    assert conversion_factor(printed, target) == pytest.approx(ours)
    if stock is None:
        with pytest.raises(pint.errors.DimensionalityError):
            stock_factor(printed, target)
    else:
        assert stock_factor(printed, target) == pytest.approx(stock)


def test_trap_knots_are_refused_with_a_hint_not_converted() -> None:
    # pint would call 'kt CO2e' knots times CO2e; the message says what kt means here
    with pytest.raises(UnitError) as info:
        conversion_factor("kt", "km/h")
    assert "kilotonnes" in info.value.message
    assert "a mass" in info.value.message
    assert "a speed" in info.value.message


def test_trap_mil_hint_in_messages() -> None:
    with pytest.raises(UnitError, match=r"Swedish mil \(10 km\)"):
        conversion_factor("mil", "kWh")


def test_trap_ton_hint_in_messages() -> None:
    with pytest.raises(UnitError, match="metric tonne"):
        conversion_factor("ton", "t CO2e")


def test_trap_double_percent_is_refused() -> None:
    assert stock_factor("percent * percent", "dimensionless") == pytest.approx(1e-4)
    with pytest.raises(UnitError, match="'%%' is not a unit"):
        parse_unit("%%")
    with pytest.raises(UnitError, match="'%%' is not a unit"):
        parse_unit("% %")


@pytest.mark.parametrize(
    ("name", "stock_meaning"),
    [("pt", "pint"), ("ppt", "picopint"), ("gr", "grain"), ("kn", "knot"), ("sv", "sverdrup"),
     ("b", "barn")],
)
def test_trap_names_pint_gives_another_meaning_are_refused_with_a_hint(
    name: str, stock_meaning: str
) -> None:
    assert str(stock_pint().parse_units(name)) == stock_meaning
    with pytest.raises(UnitError) as info:
        parse_unit(name)
    assert stock_meaning.removeprefix("pico") in info.value.message
    assert info.value.value == name


def test_trap_mkr_is_millions_not_milli_kronor() -> None:
    assert conversion_factor("mkr", "kr") == 1e6
    assert conversion_factor("mnkr", "tkr") == 1000.0
    assert conversion_factor("Mkr", "mkr") == 1.0


def test_trap_side_by_side_binds_tighter_than_division() -> None:
    # stock pint reads kWh/m**2 year as (kWh/m**2)·year
    reg = stock_pint()
    assert reg.parse_units("kWh/m**2 year").dimensionality["[time]"] == -1
    assert conversion_factor("kWh/m2 år", "kWh/(m2*år)") == 1.0
    assert conversion_factor("recept/1000 invånare", "recept/invånare") == 0.001


def test_trap_a_scaled_denominator_is_not_a_factor_on_top() -> None:
    # stock pint reads l/100 km as (l/100)·km, a volume times a length
    stock = stock_pint().parse_expression("l/100 km")
    assert stock.dimensionality == stock_pint().parse_units("m**4").dimensionality
    assert conversion_factor("l/100 km", "l/km") == pytest.approx(0.01)
    assert describe_unit("l/100 km") == "an area"  # volume per length, as it should be
    assert describe_unit("recept/1000 invånare") == "count per inhabitant"


def test_trap_the_empty_cell_placeholder_is_said_to_be_one() -> None:
    with pytest.raises((AssertionError, pint.errors.PintError)):  # stock pint: AssertionError
        stock_pint().parse_units("-")
    for placeholder in ("-", "–", "..", "…"):
        with pytest.raises(UnitError, match="placeholder of an empty cell"):
            parse_unit(placeholder)


def test_trap_a_label_repeating_its_unit_is_not_a_product() -> None:
    # "Percentage (%)" read as a product would be percent * percent, a factor 100 off
    assert conversion_factor("Percentage (%)", "%") == 1.0
    assert conversion_factor("Andel (%)", "%") == 1.0
    assert conversion_factor("kg (CO2e)", "kg CO2e") == 1.0  # a unit, then a unit: a product


def test_trap_counts_and_inhabitants_are_kinds_of_their_own() -> None:
    assert not are_compatible("st", "%")
    assert not are_compatible("kg/invånare", "kg/st")


def test_trap_floor_areas_do_not_convert_into_each_other_or_into_plain_m2() -> None:
    for a in ("m2 Atemp", "m2 BOA", "m2 BRA", "m2 BTA", "m2 LOA"):
        assert not are_compatible(a, "m2")
        for b in ("m2 Atemp", "m2 BOA", "m2 BRA", "m2 BTA", "m2 LOA"):
            assert are_compatible(a, b) == (a == b)
    assert conversion_factor("kWh/m² Atemp", "MWh/kvm Atemp") == 0.001


def test_trap_co2e_never_converts_to_plain_mass() -> None:
    assert not are_compatible("t CO2e", "t")
    assert conversion_factor("kt CO₂-ekv", "t CO2e") == 1000.0


# -- the domain units -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("Mt", "t", 1e6),
        ("Gt CO2e", "Mt CO2e", 1000.0),
        ("kt CO2e", "kg CO2e", 1e6),
        ("tkr", "kr", 1000.0),
        ("mdkr", "mnkr", 1000.0),
        ("MSEK", "tkr", 1000.0),
        ("miljoner kronor", "mnkr", 1.0),
        ("tusen kr", "kr", 1000.0),
        ("kr/invånare", "tkr/invånare", 0.001),
        ("antal", "st", 1.0),
        ("dagar", "timmar", 24.0),
        ("dygn", "h", 24.0),
        ("veckor", "dagar", 7.0),
        ("år", "månader", 12.0),
        ("‰", "%", 0.1),
        ("promille", "‰", 1.0),
        ("procentenheter", "pe", 1.0),
        ("per 100 000 invånare", "per 1000 invånare", 0.01),
        ("st/100 000 invånare", "st/invånare", 1e-5),
        ("Number per 100,000 population", "st/100000 invånare", 1.0),
        ("index (2015 = 100)", "Index (2015=100)", 1.0),
        ("kg/inv", "kg/invånare", 1.0),
        ("kvm", "m2", 1.0),
    ],
)
def test_domain_units_convert(source: str, target: str, factor: float) -> None:
    assert conversion_factor(source, target) == pytest.approx(factor, rel=1e-12)


def test_indexes_of_different_base_years_do_not_convert() -> None:
    assert not are_compatible("index (2015 = 100)", "index (2010 = 100)")
    with pytest.raises(UnitError, match=r"an index \(2015 = 100\).*an index \(2010 = 100\)"):
        conversion_factor("index (2015 = 100)", "index (2010 = 100)")


def test_money_is_a_kind_of_its_own() -> None:
    assert not are_compatible("kr", "st")
    assert not are_compatible("kr", "%")
    assert describe_unit("mnkr") == "an amount of money (SEK)"


@pytest.mark.parametrize(
    ("unit", "words"),
    [
        ("kWh", "an energy"),
        ("MWh/m2", "energy per area"),
        ("kg/invånare", "mass per inhabitant"),
        ("t CO2e", "a mass of CO2 equivalents"),
        ("kWh/m2 BRA", "energy per floor area (BRA)"),
        ("%", "a pure number (a share, ratio or percentage)"),
        ("st", "a count (pieces)"),
        ("kWh/km", "energy per length"),
    ],
)
def test_units_are_described_in_words(unit: str, words: str) -> None:
    assert describe_unit(unit) == words


def test_an_incompatible_conversion_says_what_each_unit_measures_never_pint_dimensions() -> None:
    with pytest.raises(UnitError) as info:
        conversion_factor("kWh", "MWh/m2")
    text = info.value.message
    assert text == "cannot convert: 'kWh' is an energy; 'MWh/m2' is energy per area"
    assert "[" not in text
    assert "**" not in text


# -- every unit printed in the report and the docs still parses as printed ------------------


def _report_units() -> set[str]:
    units: set[str] = set()
    csv = ROOT / "examples" / "vastmanland-2024" / "utfall.csv"
    lines = csv.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    column = header.index("enhet")
    units |= {row.split(";")[column] for row in lines[1:] if row.split(";")[column]}
    for path in (ROOT / "plugins" / "indikator-vastmanland" / "src").rglob("*.py"):
        units |= set(re.findall(r'unit="([^"]*)"', path.read_text(encoding="utf-8")))
    return units


def test_every_unit_the_vastmanland_report_prints_parses_as_printed() -> None:
    units = _report_units()
    assert {"%", "st", "kWh/m2 BRA", "recept/1000 invånare", "kg/länsinvånare"} <= units
    for unit in sorted(units):
        parse_unit(unit)
        assert conversion_factor(unit, unit) == 1.0


def _doc_units() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        # the catalogue of definition mistakes shows wrong units on purpose
        text = re.sub(r'```\w+ title="mistakes/[^"]*"\n.*?```', "", text, flags=re.S)
        found |= set(re.findall(r'unit\s*=\s*"([^"]+)"', text))
        found |= set(re.findall(r'Target\(value=[^,]+, unit="([^"]+)"', text))
    return found


def test_every_unit_the_docs_print_in_code_parses_as_printed() -> None:
    units = _doc_units()
    assert units, "the docs show units in their examples"
    for unit in sorted(units):
        parse_unit(unit)
