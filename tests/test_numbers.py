"""Numbers as readers see them: grouped by language, enough digits, no exponents."""

from __future__ import annotations

import math
import re

from hypothesis import given
from hypothesis import strategies as st

from indikator.numbers import (
    NARROW_NBSP,
    decimals_for,
    format_number,
    format_quantity,
    parse_number,
    shared_decimals,
)

LANGS = st.sampled_from(["sv", "en"])
VALUES = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)


@given(VALUES, LANGS)
def test_reading_back_gives_the_value_to_the_digits_shown(value: float, lang: str) -> None:
    text = format_number(value, lang)  # type: ignore[arg-type]
    places = decimals_for(value)
    assert parse_number(text, lang) == float(f"{value:.{places}f}")  # type: ignore[arg-type]
    if abs(value) >= 1e-12:  # six significant digits (or every integer digit)
        error = abs(parse_number(text, lang) - value)  # type: ignore[arg-type]
        assert error <= max(abs(value) * 5e-6, 0.5 * 10.0 ** -places)


@given(VALUES, LANGS)
def test_grouping_by_language_and_no_exponent(value: float, lang: str) -> None:
    text = format_number(value, lang)  # type: ignore[arg-type]
    assert "e" not in text.lower()
    assert text != "-0"
    whole = text.lstrip("-").partition("," if lang == "sv" else ".")[0]
    sep = NARROW_NBSP if lang == "sv" else ","
    digits = whole.replace(sep, "")
    assert digits.isdigit()
    if len(digits) >= (5 if lang == "sv" else 4):
        groups = whole.split(sep)
        assert 1 <= len(groups[0]) <= 3
        assert all(len(g) == 3 for g in groups[1:])
    else:
        assert sep not in whole
    if lang == "sv":
        assert "." not in text
        assert " " not in text  # a narrow no-break space, never a breaking one


def test_examples_from_the_issue() -> None:
    assert format_number(1214000.0, "sv") == f"1{NARROW_NBSP}214{NARROW_NBSP}000"
    assert format_number(1214000.0, "en") == "1,214,000"
    assert format_number(1520.0, "sv") == "1520"
    assert format_number(1520.0, "en") == "1,520"
    # small changes are not rounded away
    assert (format_number(0.139, "sv"), format_number(0.147, "sv")) == ("0,139", "0,147")
    assert format_quantity(0.139, "MWh/m2", "sv") == "0,139 MWh/m2"
    assert format_quantity(33.8, "%", "sv") == "33,8 %"
    assert format_number(-0.0000001, "sv", decimals=2) == "0"
    assert format_number(5.0, "en", signed=True) == "+5"
    assert shared_decimals([6.6, 0.139, 12.0, "x"]) == 3


@given(st.floats(min_value=1e-6, max_value=1e6), st.floats(min_value=1e-6, max_value=1e6))
def test_two_values_that_differ_in_six_digits_print_differently(a: float, b: float) -> None:
    if abs(a - b) > 1e-5 * max(a, b):
        assert format_number(a, "sv") != format_number(b, "sv")


def test_explanations_print_the_digits_that_matter() -> None:
    from indikator.verdict import Explanation

    expl = Explanation("r", {"current": 0.139, "reference": 0.147, "unit": "MWh/m2"},
                       {"change": 0.139 - 0.147, "big": 1214000.0},
                       "{current} {unit} mot {reference} {unit}: {change}; {big}",
                       "{current} {unit} against {reference} {unit}: {change}; {big}")
    assert expl.sentence("sv") == (
        f"0,139 MWh/m2 mot 0,147 MWh/m2: -0,008; 1{NARROW_NBSP}214{NARROW_NBSP}000")
    assert expl.sentence("en") == "0.139 MWh/m2 against 0.147 MWh/m2: -0.008; 1,214,000"
    assert not re.search(r"\d[eE][+-]\d", expl.sentence("en"))
    assert math.isnan(parse_number("–"))
