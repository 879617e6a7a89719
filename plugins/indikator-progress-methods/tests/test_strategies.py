"""The four strategies on Series built from Observations: categories, verdicts, figures.

Worked examples are built by hand from each method's rules (see test_kernels.py for the
sources); figures are chosen so that the arithmetic is exact where a test sits on a
threshold, and a millionth off it otherwise.
"""

from __future__ import annotations

import math

import pytest
from indikator import InputError, Rating, Target, Verdict
from progress_methods_helpers import make_series

from indikator_progress_methods.strategies import (
    DESTATIS_VERDICTS,
    EUSTAT_VERDICTS,
    OPEN_SDG_VERDICTS,
    UNSD_VERDICTS,
    DestatisWeather,
    EustatProjection,
    OpenSdgProgress,
    UnsdProgressChart,
)

P, U, N, NV = Verdict.POSITIVE, Verdict.UNCHANGED, Verdict.NEGATIVE, Verdict.NO_VALUE
EPS = 1e-6


def rate(strategy, values, period=None, **kwargs) -> Rating:
    series = make_series(values, **kwargs)
    return strategy.assess(series, max(values) if period is None else period)


def category(rating: Rating) -> str:
    return rating.explanation.computed["category"]


def assert_sentences(rating: Rating, *needles: str) -> None:
    for lang in ("sv", "en"):
        text = rating.explanation.sentence(lang)
        assert "{" not in text, text
        label = rating.explanation.computed.get(f"category_label_{lang}")
        if label and rating.verdict is not NV:
            assert label in text
        for needle in needles:
            shown = needle.replace(".", ",") if lang == "sv" else needle
            assert shown in text, (lang, text)


# --------------------------------------------------------------------------------------
# Default mappings
# --------------------------------------------------------------------------------------


def test_default_mappings_put_insufficient_progress_on_unchanged():
    # "unchanged" on the Swedish scale is "unchanged or insufficient development".
    assert {c.value: v for c, v in OPEN_SDG_VERDICTS.items()} == {
        "target_achieved": P,
        "substantial_progress": P,
        "moderate_progress": U,
        "limited_progress": U,
        "deterioration": N,
    }
    assert [DESTATIS_VERDICTS[c] for c in DESTATIS_VERDICTS] == [P, U, U, N]
    assert [UNSD_VERDICTS[c] for c in UNSD_VERDICTS] == [P, U, U, N]
    assert [EUSTAT_VERDICTS[c] for c in EUSTAT_VERDICTS] == [P, P, U, N]


# --------------------------------------------------------------------------------------
# Open SDG
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "status", "verdict"),
    [
        (101.5 + EPS, "substantial_progress", P),
        (101.5 - EPS, "moderate_progress", U),
        (100.5 + EPS, "moderate_progress", U),
        (100.5 - EPS, "limited_progress", U),
        (100.0, "limited_progress", U),  # P = 0 exactly: the better band
        (100.0 - EPS, "deterioration", N),
    ],
)
def test_open_sdg_without_target_thresholds(current, status, verdict):
    r = rate(OpenSdgProgress(), {2015: 100.0, 2016: current})
    assert (category(r), r.verdict) == (status, verdict)
    c = r.explanation.computed
    assert c["progress_value"] == pytest.approx(current / 100.0 - 1.0)
    assert (c["threshold_high"], c["threshold_med"], c["threshold_low"]) == (0.015, 0.005, 0.0)
    assert c["has_target"] is False


def test_open_sdg_lower_is_better_mirrors_the_growth():
    r = rate(OpenSdgProgress(), {2015: 100.0, 2016: 98.4}, direction="lower")
    assert category(r) == "substantial_progress"
    assert r.explanation.computed["progress_value"] == pytest.approx(0.016)


@pytest.mark.parametrize(
    ("current", "status", "verdict"),
    [
        (250.0, "target_achieved", P),
        (200.0, "target_achieved", P),  # meeting the target is inclusive
        (195.0 + EPS, "substantial_progress", P),
        (195.0 - EPS, "moderate_progress", U),
        (160.0 + EPS, "moderate_progress", U),
        (160.0 - EPS, "limited_progress", U),
        (100.0, "limited_progress", U),
        (99.9, "deterioration", N),
    ],
)
def test_open_sdg_with_target_thresholds(current, status, verdict):
    # Target 200 one year after the base 100: CAGR_r = 1, so P = CAGR_a.
    target = Target(200, "%", 2016)
    r = rate(OpenSdgProgress(), {2015: 100.0, 2016: current}, targets=[target])
    assert (category(r), r.verdict) == (status, verdict)
    c = r.explanation.computed
    assert c["target"] == 200.0
    assert c["target_year"] == 2016
    assert r.explanation.inputs["target_from"] == "metric"
    if status != "target_achieved":
        assert c["cagr_r"] == pytest.approx(1.0)
        assert c["progress_value"] == pytest.approx(current / 100.0 - 1.0)


@pytest.mark.parametrize(("current", "score"), [(195.0, 2.5), (160.0, 0.0), (230.0, 5.0)])
def test_open_sdg_score_at_the_published_anchor_points(current, score):
    # With a target: 60 % -> 0, 95 % -> 2.5, 130 % -> 5 (target above, so not achieved).
    r = rate(OpenSdgProgress(), {2015: 100.0, 2016: current}, targets=[Target(400, "%", 2017)])
    cagr_r = math.sqrt(4.0) - 1.0
    p = (current / 100.0 - 1.0) / cagr_r
    assert r.explanation.computed["progress_value"] == pytest.approx(p)
    expected = {0.95: 2.5, 0.6: 0.0, 1.3: 5.0}[round(p, 2)]
    assert r.explanation.computed["score"] == pytest.approx(expected, abs=1e-9)
    assert score == expected


def test_open_sdg_target_parameter_and_no_target_switch():
    values = {2015: 100.0, 2016: 101.0}
    with_param = rate(OpenSdgProgress(target_value=102.0, target_year=2016), values)
    assert category(with_param) == "limited_progress"  # P = 0.01 / 0.02 = 0.5 < 0.6
    assert with_param.explanation.computed["progress_value"] == pytest.approx(0.5)
    assert with_param.explanation.inputs["target_from"] == "parameter"
    ignoring = rate(OpenSdgProgress(use_target=False), values, targets=[Target(500, "%", 2030)])
    assert ignoring.explanation.computed["has_target"] is False
    assert category(ignoring) == "moderate_progress"  # 1 % a year


def test_open_sdg_base_year_rule():
    values = {y: 100.0 + y - 2013 for y in range(2013, 2021)}
    assert rate(OpenSdgProgress(), values).explanation.computed["base_year"] == 2015
    later = {y: v for y, v in values.items() if y >= 2017}
    assert rate(OpenSdgProgress(), later).explanation.computed["base_year"] == 2017
    own = rate(OpenSdgProgress(base_year=None), values, base_year=2018)
    assert own.explanation.computed["base_year"] == 2018
    none = rate(OpenSdgProgress(), {2010: 1.0, 2012: 2.0})
    assert (none.verdict, none.explanation.reason) == (NV, "no_base_year")


def test_open_sdg_metric_base_value_counts_as_the_base_year_outcome():
    r = rate(OpenSdgProgress(), {2018: 33.0, 2020: 38.0}, base_year=2015, base_value=30.0)
    c = r.explanation.computed
    assert (c["base_year"], c["base_value"], c["metric_base_value_used"]) == (2015, 30.0, True)
    assert c["cagr_a"] == pytest.approx((38 / 30) ** (1 / 5) - 1)


def test_open_sdg_natural_limit_scales_the_thresholds():
    values = {2015: 90.0, 2016: 90.9}  # 1 % a year
    plain = rate(OpenSdgProgress(), values)
    limited = rate(OpenSdgProgress(limit=100.0), values)
    assert category(plain) == "moderate_progress"
    assert category(limited) == "substantial_progress"
    c = 1 - 0.9**4.44
    assert limited.explanation.computed["coefficient"] == pytest.approx(c)
    assert limited.explanation.computed["threshold_high"] == pytest.approx(0.015 * c)


def test_open_sdg_limit_behind_the_base_is_ignored():
    r = rate(OpenSdgProgress(limit=100.0), {2015: 90.0, 2016: 89.1}, direction="lower")
    assert r.explanation.computed["limit_ignored"] is True
    assert r.explanation.computed["coefficient"] == 1.0
    assert category(r) == "moderate_progress"


@pytest.mark.parametrize(
    ("values", "reason"),
    [({2015: -5.0, 2016: 5.0}, "mixed_signs"), ({2016: 5.0}, "too_few_points")],
)
def test_open_sdg_not_assessable_keeps_the_kernel_reason(values, reason):
    r = rate(OpenSdgProgress(), values)
    assert (r.verdict, r.explanation.reason, category(r)) == (NV, reason, "not_assessable")
    assert_sentences(r)


def test_open_sdg_mapping_is_configurable():
    values = {2015: 100.0, 2016: 101.0}
    default = rate(OpenSdgProgress(), values)
    custom = rate(OpenSdgProgress(verdicts={"moderate_progress": "positive"}), values)
    assert category(default) == category(custom) == "moderate_progress"
    assert (default.verdict, custom.verdict) == (U, P)
    assert custom.explanation.computed["mapped_verdict"] == "positive"
    assert "moderate_progress=positive" in custom.explanation.inputs["verdicts"]


def test_open_sdg_sentences_show_the_key_numbers():
    r = rate(OpenSdgProgress(), {2015: 30.0, 2020: 38.0}, targets=[Target(60, "%", 2030)])
    assert_sentences(r, "30 %", "38 %", "2015", "2020", "60 %", "2030")


# --------------------------------------------------------------------------------------
# Destatis
# --------------------------------------------------------------------------------------

RISING = {2020: 3.0, 2021: 22.0, 2022: 41.0, 2023: 60.0}  # average change 19 a year


@pytest.mark.parametrize(
    ("target", "year", "symbol", "verdict"),
    [
        (160.0, 2028, "partly_cloudy", U),  # shortfall 5 of 100: exactly 5 %
        (159.99, 2028, "sun", P),
        (155.0, 2027, "partly_cloudy", U),  # shortfall 19 of 95: exactly 20 %
        (155.01, 2027, "cloud", U),
        (100.0, 2028, "sun", P),  # the projection passes the target
    ],
)
def test_destatis_target_value_thresholds(target, year, symbol, verdict):
    r = rate(DestatisWeather(), RISING, targets=[Target(target, "%", year)])
    assert (category(r), r.verdict) == (symbol, verdict)
    c = r.explanation.computed
    assert c["average_change"] == 19.0
    assert c["projected_value"] == 60.0 + 19.0 * (year - 2023)
    assert c["shortfall_share"] == pytest.approx((target - c["projected_value"]) / (target - 60))
    assert c["procedure"] == "target_value"


def test_destatis_moving_away_is_a_thunderstorm_and_flat_too():
    falling = {y: 60.0 - v for y, v in RISING.items()}
    assert category(rate(DestatisWeather(), falling, targets=[Target(100, "%", 2030)])) == (
        "thunderstorm"
    )
    flat = {2020: 50.0, 2021: 50.0, 2022: 50.0, 2023: 50.0}
    r = rate(DestatisWeather(), flat, targets=[Target(60, "%", 2030)])
    assert (category(r), r.verdict) == ("thunderstorm", N)


@pytest.mark.parametrize(
    ("values", "target", "symbol"),
    [
        ({2020: 10.0, 2021: 11.0, 2022: 12.0, 2023: 13.0}, 12.0, "sun"),
        ({2020: 14.0, 2021: 13.0, 2022: 12.0, 2023: 13.0}, 12.0, "partly_cloudy"),
        ({2020: 10.0, 2021: 11.0, 2022: 12.0, 2023: 13.0}, 20.0, "cloud"),
        ({2020: 14.0, 2021: 13.0, 2022: 12.0, 2023: 11.0}, 20.0, "thunderstorm"),
        ({2020: 12.0, 2021: 12.0, 2022: 12.0, 2023: 12.0}, 12.0, "sun"),  # met, flat
    ],
)
def test_destatis_keep_every_year(values, target, symbol):
    r = rate(DestatisWeather(), values, targets=[Target(target, "%", kind="keep")])
    assert category(r) == symbol
    assert r.explanation.computed["procedure"] == "keep_every_year"
    assert_sentences(r, f"{target:g} %")


@pytest.mark.parametrize(
    ("values", "symbol"),
    [
        ({2020: 10.0, 2021: 11.0, 2022: 12.0, 2023: 13.0}, "sun"),
        ({2020: 10.0, 2021: 12.0, 2022: 14.0, 2023: 13.0}, "partly_cloudy"),
        ({2020: 14.0, 2021: 12.0, 2022: 10.0, 2023: 11.0}, "cloud"),
        ({2020: 14.0, 2021: 13.0, 2022: 12.0, 2023: 11.0}, "thunderstorm"),
    ],
)
def test_destatis_direction_only(values, symbol):
    for targets in ([], [Target(kind="direction")]):
        r = rate(DestatisWeather(), values, targets=targets)
        assert category(r) == symbol
        assert r.explanation.computed["procedure"] == "direction_only"
    assert category(rate(DestatisWeather(direction_only=True), values,
                         targets=[Target(1000, "%", 2030)])) == symbol


def test_destatis_several_targets_the_worst_wins():
    targets = [Target(100, "%", 2028), Target(70, "%", kind="keep")]  # sun, cloud
    r = rate(DestatisWeather(), RISING, targets=targets)
    c = r.explanation.computed
    assert (category(r), r.verdict) == ("cloud", U)
    assert (c["target_0.symbol"], c["target_1.symbol"]) == ("sun", "cloud")
    assert (c["targets_rated"], c["deciding_target"]) == (2, 1)
    assert_sentences(r, "70 %")
    assert "Sämst av 2" in r.explanation.sentence("sv")


def test_destatis_several_target_years_the_next_one_is_rated():
    targets = [Target(1000, "%", 2035), Target(70, "%", 2025)]
    r = rate(DestatisWeather(), RISING, targets=targets)
    assert (category(r), r.explanation.computed["target_year"]) == ("sun", 2025)
    assert r.explanation.computed["targets_rated"] == 1


def test_destatis_owner_selects_the_targets():
    own = [Target(70, "%", kind="keep", owner="unit")]
    assert category(rate(DestatisWeather(), RISING, targets=own)) == "sun"  # direction only
    assert category(rate(DestatisWeather(owner="unit"), RISING, targets=own)) == "cloud"
    assert category(rate(DestatisWeather(owner=None), RISING, targets=own)) == "cloud"


def test_destatis_series_break_restarts_the_window():
    values = {y: float(y - 2010) for y in range(2015, 2024)}
    r = rate(DestatisWeather(), values, breaks=[2020])
    c = r.explanation.computed
    assert (c["window_first_year"], c["break_year"], c["dropped_before_break"]) == (2020, 2020, 5)
    assert category(r) == "sun"
    short = rate(DestatisWeather(), values, breaks=[2021])
    assert (short.verdict, short.explanation.reason) == (NV, "too_few_points")
    assert_sentences(short)


def test_destatis_window_is_the_last_six_points_and_uses_the_actual_year_span():
    values = {2010: 100.0, **{y: float(2 * (y - 2014)) for y in (2014, 2016, 2018, 2020)}}
    values.update({2022: 16.0, 2024: 20.0})
    r = rate(DestatisWeather(), values, targets=[Target(28, "%", 2028)])
    c = r.explanation.computed
    assert c["window_years"] == "2014, 2016, 2018, 2020, 2022, 2024"
    assert c["average_change"] == 2.0  # (20 - 0) / 10 years, not per point
    assert c["projected_value"] == 28.0
    assert category(r) == "sun"


def test_destatis_mapping_is_configurable():
    targets = [Target(155.01, "%", 2027)]
    assert rate(DestatisWeather(), RISING, targets=targets).verdict is U
    custom = rate(DestatisWeather(verdicts={"cloud": "positive"}), RISING, targets=targets)
    assert (category(custom), custom.verdict) == ("cloud", P)


def test_destatis_keeps_its_symbol_and_labels():
    r = rate(DestatisWeather(), RISING, targets=[Target(160, "%", 2028)])
    c = r.explanation.computed
    assert (c["symbol"], c["category_label_sv"], c["category_label_en"]) == (
        "⛅", "växlande molnighet", "partly cloudy",
    )
    assert_sentences(r, "19 %", "155 %", "2028", "160 %")


# --------------------------------------------------------------------------------------
# UNSD
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "cat", "verdict"),
    [
        (195.0 + EPS, "on_track", P),
        (195.0, "fair", U),  # CR = 0.95 exactly counts as fair (on track needs more)
        (150.0, "fair", U),  # CR = 0.5 exactly
        (150.0 - EPS, "limited", U),
        (90.0 + EPS, "limited", U),
        (89.99, "deterioration", N),
    ],
)
def test_unsd_thresholds(current, cat, verdict):
    r = rate(UnsdProgressChart(), {2015: 100.0, 2016: current}, targets=[Target(200, "%", 2016)])
    assert (category(r), r.verdict) == (cat, verdict)
    assert r.explanation.computed["ratio"] == pytest.approx(current / 100.0 - 1.0)
    assert_sentences(r, "100 %", "200 %")


def test_unsd_exact_tie_at_095_is_exact():
    r = rate(UnsdProgressChart(), {2015: 100.0, 2016: 195.0}, targets=[Target(200, "%", 2016)])
    assert r.explanation.computed["ratio"] == 0.95


def test_unsd_needs_a_target_on_the_right_side():
    none = rate(UnsdProgressChart(), {2015: 100.0, 2016: 110.0})
    assert (none.verdict, none.explanation.reason) == (NV, "no_target")
    assert none.explanation.computed["category"] == "not_assessable"
    behind = rate(
        UnsdProgressChart(), {2015: 100.0, 2016: 110.0}, direction="lower",
        targets=[Target(120, "%", 2030)],
    )
    assert (behind.verdict, behind.explanation.reason) == (NV, "target_behind_base")
    assert_sentences(behind, "120 %")
    equal = rate(UnsdProgressChart(target_value=100.0), {2015: 100.0, 2016: 110.0})
    assert (equal.verdict, equal.explanation.reason) == (NV, "zero_required_rate")


def test_unsd_mapping_is_configurable():
    values, targets = {2015: 100.0, 2016: 150.0}, [Target(200, "%", 2016)]
    custom = rate(UnsdProgressChart(verdicts={"fair": "positive"}), values, targets=targets)
    assert (category(custom), custom.verdict) == ("fair", P)


# --------------------------------------------------------------------------------------
# EUSTAT
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "cat", "verdict"),
    [
        (200.0, "achieved", P),
        (195.0, "on_track", P),  # share 0.95 exactly
        (195.0 - EPS, "needs_acceleration", U),
        (110.0, "needs_acceleration", U),  # share 0.10 exactly
        (110.0 - EPS, "stagnation_or_regression", N),
        (90.0, "stagnation_or_regression", N),
    ],
)
def test_eustat_share_thresholds(current, cat, verdict):
    # Target year = current year: nothing to project, share = (y_t - y_0) / (y_T - y_0).
    target = Target(200, "kWh/km", 2016)
    r = rate(EustatProjection(), {2015: 100.0, 2016: current}, targets=[target], unit="kWh/km")
    assert (category(r), r.verdict) == (cat, verdict)
    if cat != "achieved":
        assert r.explanation.computed["share"] == pytest.approx((current - 100.0) / 100.0)


def test_eustat_projects_to_the_target_year():
    r = rate(EustatProjection(), {2015: 30.0, 2020: 38.0}, targets=[Target(60, "%", 2030)])
    c = r.explanation.computed
    growth = (38 / 30) ** (1 / 5)
    assert c["projected_value"] == pytest.approx(38 * growth**10)
    assert c["share"] == pytest.approx((38 * growth**10 - 30) / 30)
    assert category(r) == "on_track"
    assert_sentences(r, "30 %", "60 %", "2030")


@pytest.mark.parametrize(
    ("current", "cat"),
    [
        (102.0, "on_track"),
        (101.99, "needs_acceleration"),
        (100.51, "needs_acceleration"),
        (100.49, "stagnation_or_regression"),
    ],
)
def test_eustat_without_target(current, cat):
    r = rate(EustatProjection(), {2015: 100.0, 2016: current})
    assert category(r) == cat
    mirrored = rate(EustatProjection(), {2015: 100.0, 2016: 200.0 - current}, direction="lower")
    assert category(mirrored) == cat


@pytest.mark.parametrize(
    ("unit", "target", "current", "achieved"),
    [
        ("%", 100.0, 99.2, True),
        ("%", 100.0, 98.9, False),
        ("dimensionless", 1.0, 0.992, True),  # the bounds follow the unit
        ("kWh/km", 100.0, 99.2, False),  # not a share: no near-bound rule
    ],
)
def test_eustat_near_bound_rule(unit, target, current, achieved):
    r = rate(
        EustatProjection(), {2015: 0.9 * target, 2020: current},
        targets=[Target(target, unit, 2030)], unit=unit,
    )
    assert (category(r) == "achieved") is achieved
    assert r.explanation.computed["near_bound_met"] is achieved


def test_eustat_target_equal_to_base_is_not_assessable():
    r = rate(EustatProjection(target_value=100.0), {2015: 100.0, 2016: 95.0})
    assert (r.verdict, r.explanation.reason) == (NV, "target_equals_base")


def test_eustat_mapping_is_configurable():
    custom = EustatProjection(verdicts={"stagnation_or_regression": "unchanged"})
    r = rate(custom, {2015: 100.0, 2016: 100.1})
    assert (category(r), r.verdict) == ("stagnation_or_regression", U)


# --------------------------------------------------------------------------------------
# Shared rules
# --------------------------------------------------------------------------------------

ALL = [OpenSdgProgress(), DestatisWeather(), UnsdProgressChart(), EustatProjection()]


@pytest.mark.parametrize("strategy", ALL, ids=lambda s: s.id)
def test_no_outcome_in_the_period_is_no_value(strategy):
    r = rate(strategy, {2015: 1.0, 2016: 2.0, 2017: 3.0, 2018: 4.0}, period=2019,
             targets=[Target(10, "%", 2030)])
    assert (r.verdict, r.explanation.reason) == (NV, "no_current_value")
    assert r.explanation.sentence("en") .startswith("There is no outcome for 2019.")


@pytest.mark.parametrize("strategy", ALL, ids=lambda s: s.id)
def test_target_in_another_unit_is_converted(strategy):
    values = {2015: 100.0, 2016: 96.0, 2017: 93.0, 2018: 90.0, 2019: 88.0}
    same = rate(strategy, values, unit="t CO2e", direction="lower",
                targets=[Target(50, "t CO2e", 2030)])
    other = rate(strategy, values, unit="t CO2e", direction="lower",
                 targets=[Target(50_000, "kg CO2e", 2030)])
    assert category(same) == category(other)
    assert same.verdict is other.verdict
    assert same.explanation.computed == other.explanation.computed


@pytest.mark.parametrize("strategy", ALL, ids=lambda s: s.id)
def test_target_in_an_incompatible_unit_is_refused_naming_the_metric(strategy):
    with pytest.raises(InputError) as info:
        rate(strategy, {2015: 100.0, 2016: 96.0, 2017: 93.0, 2018: 90.0}, unit="t CO2e",
             targets=[Target(50, "kWh/km", 2030)], metric_id="co2e")
    assert info.value.field == "co2e.targets"
    assert "kWh/km" in str(info.value)


@pytest.mark.parametrize("strategy", ALL[:1] + ALL[2:], ids=lambda s: s.id)
def test_cagr_methods_start_after_a_series_break(strategy):
    values = {y: 100.0 + 3 * (y - 2015) for y in range(2015, 2021)}
    r = rate(strategy, values, breaks=[2018], targets=[Target(200, "%", 2030)])
    assert r.explanation.computed["base_year"] == 2018
    assert r.explanation.computed["dropped_before_break"] == 3


# --------------------------------------------------------------------------------------
# Sentences that say what the method did: the zero replacement, a passed target year
# --------------------------------------------------------------------------------------


def test_open_sdg_zero_base_sentence_says_it_counts_as_0001():
    r = rate(OpenSdgProgress(), {2015: 0.0, 2024: 0.5}, unit="t")
    assert r.explanation.computed["base_value_replaced"] is True
    assert r.explanation.computed["base_value_given"] == 0.0
    assert r.explanation.sentence("en").startswith(
        "From 0 t (2015; the method counts it as 0.001 t) to 0.5 t (2024)"
    )
    assert r.explanation.sentence("sv").startswith(
        "Från 0 t (2015; metoden räknar det som 0,001 t) till 0,5 t (2024)"
    )
    assert_sentences(r)


def test_open_sdg_zero_base_with_a_target_says_it_too():
    r = rate(OpenSdgProgress(), {2015: 0.0, 2024: 5.0}, unit="t", targets=[Target(10, "t", 2030)])
    assert category(r) != "not_assessable"
    assert_sentences(r, "0.001 t", "10 t")
    assert "(2015; the method counts it as 0.001 t)" in r.explanation.sentence("en")


def test_open_sdg_zero_target_with_a_negative_base_explains_the_opposite_signs():
    r = rate(OpenSdgProgress(), {2015: -10.0, 2024: -3.0}, unit="t", targets=[Target(0, "t", 2030)])
    assert (r.verdict, r.explanation.reason) == (NV, "target_sign_mismatch")
    en = r.explanation.sentence("en")
    assert "the target 0 t (which the method counts as 0.001 t)" in en
    assert "The base value is -10 t (2015)" in en
    assert "målet 0 t (som metoden räknar som 0,001 t)" in r.explanation.sentence("sv")


def test_open_sdg_zero_base_and_a_negative_latest_value_explains_the_opposite_signs():
    r = rate(OpenSdgProgress(), {2015: 0.0, 2024: -5.0}, unit="t")
    assert (r.verdict, r.explanation.reason) == (NV, "mixed_signs")
    en = r.explanation.sentence("en")
    assert "The base value is 0 t (2015; the method counts it as 0.001 t)" in en
    assert "the latest value -5 t" in en


def test_open_sdg_sentences_without_a_zero_say_nothing_of_a_replacement():
    r = rate(OpenSdgProgress(), {2015: 2.0, 2024: 5.0}, unit="t", targets=[Target(10, "t", 2030)])
    for lang in ("sv", "en"):
        assert "0,001" not in r.explanation.sentence(lang)
        assert "0.001" not in r.explanation.sentence(lang)


def test_eustat_target_year_passed_says_so_and_does_not_project_backwards():
    target = Target(60, "t", 2020)
    r = rate(EustatProjection(), {2015: 10.0, 2020: 40.0, 2024: 55.0}, unit="t", targets=[target])
    c = r.explanation.computed
    assert c["target_year_passed"] is True
    assert c["projected_value"] == 55.0  # nothing projected
    en = r.explanation.sentence("en")
    assert en.startswith("The target year 2020 has passed: 55 t (2024) is 90 % of the way")
    assert "the target was missed" in en
    assert "becomes" not in en
    sv = r.explanation.sentence("sv")
    assert sv.startswith("Målåret 2020 har passerats: 55 t (2024) är 90 % av vägen")
    assert "blir värdet" not in sv
    assert (category(r), r.verdict) == ("needs_acceleration", U)


def test_eustat_target_year_passed_and_missed_is_never_on_track():
    # 98 % of the way, but the target year is behind us and the target was not met.
    target = Target(60, "t", 2020)
    r = rate(EustatProjection(), {2015: 10.0, 2024: 59.0}, unit="t", targets=[target])
    assert r.explanation.computed["share"] == pytest.approx(0.98)
    assert (category(r), r.verdict) == ("needs_acceleration", U)


def test_eustat_target_year_passed_rated_by_whether_the_target_was_met():
    target = Target(60, "t", 2020)
    met = rate(EustatProjection(), {2015: 10.0, 2024: 65.0}, unit="t", targets=[target])
    assert (category(met), met.verdict) == ("achieved", P)
    assert "(target year 2020)" in met.explanation.sentence("en")
    fell = rate(EustatProjection(), {2015: 10.0, 2024: 8.0}, unit="t", targets=[target])
    assert (category(fell), fell.verdict) == ("stagnation_or_regression", N)
    assert fell.explanation.sentence("en").startswith("The target year 2020 has passed")
