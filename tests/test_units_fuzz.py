"""Every string the unit parser can be given yields a unit or a located message.

Fuzzed with hypothesis (a short run by default, ``HYPOTHESIS_PROFILE=thorough`` for a
long one); the strings found by fuzzing, and those of the hardening issue, are kept as
explicit examples so they are tried on every run.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pint
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indikator.errors import UnitError
from indikator.io import Problems, parse_outcomes_csv
from indikator.units import MAX_LENGTH, conversion_factor, parse_unit

_EXAMPLES = max(200, (settings.default.max_examples or 60) * 5)
FUZZ = settings(
    max_examples=_EXAMPLES,
    deadline=2000,  # ms per example: a power tower used to run forever
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

_PIECES = [
    *"mkgtsWhlKC2e0139%‰/*^()-+. ²³⁻¹,_'\"=#@!$\\{}:;~|<>?åäöµ°\t\n\x00\x1b",
    "**", "per ", "kWh", "CO2e", "CO₂-ekv", "invånare", "st", "index (2015 = 100)", "BRA",
    "Atemp", "m2 ", "1000 ", "100 000 ", "mil", "kt", "kton", "ton", "e9", "inf", "nan",
    "9**9**9", "²²²²", "lambda", "__class__", "[mass]", "Percentage (", "%%",
]
unit_texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(_PIECES), max_size=25).map("".join),
)

# Found by fuzzing or listed in the hardening issue; each once ended in an internal error
# (AssertionError, OverflowError, KeyError, RecursionError, TokenError, ZeroDivisionError,
# "Exceeds the limit (4300 digits)"), a hang, or a silent wrong factor.
FOUND = [
    "-",
    "%%",
    "9**9**9**9",
    "2**2**2**2**2**2",
    "m" + "²" * 40,
    "m^99999",
    "m**-99999",
    "10**5000",
    "1e999 m",
    "1/0",
    "m/0",
    "(" * 400 + "m" + ")" * 400,
    "m" * 500,
    "kg**(1/2)",
    "[length]",
    "m / / s",
    "'",
    "m#",
    "\x00",
    "nan",
    "st / 100,000 invx",
    "Percentage (%%)",
    "index (0000 = 100)",
    "per",
    "1",
    "_",
    "m2 Atemp Atemp",
]


def _error(call: Callable[[], object]) -> UnitError | None:
    try:
        call()
    except UnitError as exc:
        return exc
    return None


def _check(text: str) -> None:
    exc = _error(lambda: parse_unit(text))
    if exc is None:
        assert isinstance(parse_unit(text), pint.Unit)
        assert len(text.strip()) <= MAX_LENGTH
    else:
        assert exc.field == "unit"
        assert exc.has_value
        assert str(exc).startswith("unit: ")
        assert len(str(exc)) < 600  # a long cell is cut, never echoed whole


@FUZZ
@given(unit_texts)
@example("")
def test_every_string_is_a_unit_or_a_unit_error(text: str) -> None:
    _check(text)


def test_the_strings_found_give_unit_errors() -> None:
    for text in FOUND:
        exc = _error(lambda text=text: parse_unit(text))  # type: ignore[misc]
        assert exc is not None, f"{text!r} was read as a unit"
        assert exc.field == "unit"


@FUZZ
@given(unit_texts, unit_texts)
@example("kt CO2e", "t CO2e")
@example("Gt", "µg")
@example("%", "%%")
def test_every_pair_converts_by_a_finite_factor_or_gives_a_unit_error(a: str, b: str) -> None:
    exc = _error(lambda: conversion_factor(a, b))
    if exc is None:
        factor = conversion_factor(a, b)
        assert math.isfinite(factor)
        assert factor > 0.0
    else:
        assert exc.field == "unit"


_CELL = st.text(
    alphabet=st.characters(blacklist_characters=';"\r\n', blacklist_categories=("Cs",)),
    max_size=40,
)


@FUZZ
@given(_CELL)
@example("-")
@example("9**9**9**9")
def test_a_unit_cell_in_a_file_gives_a_located_message(cell: str) -> None:
    data = f"mätetal;år;utfall;enhet\nm1;2024;1,5;{cell}\n".encode()
    problems = Problems()
    rows = parse_outcomes_csv(data, "utfall.csv", problems=problems)
    for p in problems:
        assert p.source == "utfall.csv", str(p)
        assert p.line == 2, str(p)
    if not rows:
        assert len(list(problems)) >= 1
