"""Example tests from Region Västmanland's 2024 report, with the report's own numbers.

Each test states what the rule alone gives; where the report published another verdict
it did so by a judgment with a footnote (see test_engine.py for judgments).
"""

from __future__ import annotations

import pytest

from indikator.model import Component, Metric, Observation, Target, TargetKind, TargetOwner
from indikator.rollup import WorstOf
from indikator.series import build_series
from indikator.strategies import (
    Components,
    PathShape,
    RateFrom,
    TextOutcome,
    VsBase,
    VsOwnTarget,
    VsTrajectory,
)
from indikator.verdict import Rating, Verdict


def rate(metric: Metric, observations: list[Observation], period: int = 2024) -> Rating:
    return metric.strategy.assess(build_series(metric, observations), period)


def climate_metric(**strategy: object) -> Metric:
    # "Regionens totala utsläpp av CO2e", measured against base year 2019 in per cent:
    # -2 % (2023), +1 % (2024); target -50 % by 2030.
    return Metric(
        id="co2e-total",
        name="Regionens totala utsläpp av CO2e",
        unit="%",
        direction="lower_is_better",
        strategy=VsTrajectory(start_year=2021, **strategy),  # type: ignore[arg-type]
        base_year=2019,
        base_value=0.0,
        targets=(Target(-50.0, "%", 2030),),
    )


def test_climate_even_pace_from_2021_requires_16_67_percent_in_2024() -> None:
    r = rate(climate_metric(), [Observation(2023, -2.0, "%"), Observation(2024, 1.0, "%")])
    assert r.explanation.computed["expected"] == pytest.approx(-50 / 3)
    assert r.explanation.computed["required_change"] == pytest.approx(-16.6667, abs=1e-4)
    assert r.explanation.inputs["start_year"] == 2021
    assert "-16,67 %" in r.explanation.sentence("sv")
    assert "-16.67 %" in r.explanation.sentence("en")
    # +1 % is worse than the base: negative by default
    assert r.verdict is Verdict.NEGATIVE
    assert r.explanation.reason == "worse_than_start"


def test_climate_with_vastmanlands_parameters_is_unchanged() -> None:
    # The report rates "+1 %" Oförändrad: insufficient development counts as unchanged.
    metric = climate_metric(behind="unchanged", worse_than_start="unchanged")
    r = rate(metric, [Observation(2023, -2.0, "%"), Observation(2024, 1.0, "%")])
    assert r.verdict is Verdict.UNCHANGED
    # and -10 % is behind the path but better than the base
    r = rate(metric, [Observation(2024, -10.0, "%")])
    assert (r.verdict, r.explanation.reason) == (Verdict.UNCHANGED, "behind_path")
    assert "otillräcklig" in r.explanation.sentence("sv")
    assert "insufficient" in r.explanation.sentence("en")


def test_climate_path_from_the_base_year_requires_less() -> None:
    # The same path started in 2019 would require 5/11 of the way: -22.7 %.
    metric = Metric(
        id="co2e-total",
        name="CO2e",
        unit="%",
        direction="lower",
        strategy=VsTrajectory(),
        base_year=2019,
        base_value=0.0,
        targets=(Target(-50.0, "%", 2030),),
    )
    r = rate(metric, [Observation(2024, -25.0, "%")])
    assert r.explanation.computed["expected"] == pytest.approx(-50 * 5 / 11)
    assert r.verdict is Verdict.POSITIVE


def test_capital_carbon_intensity_ahead_of_the_path_is_positive() -> None:
    # Koldioxidintensitet i kapitalförvaltningen: -35 % in 2024 against base 2019.
    r = rate(climate_metric(), [Observation(2024, -35.0, "%")])
    assert (r.verdict, r.explanation.reason) == (Verdict.POSITIVE, "on_or_ahead_of_path")


def test_antibiotics_minus_2_5_percent_a_year() -> None:
    # "Årlig minskning av den totala antibiotikabelastningen i antal recept/1000 invånare
    # på 2,5%": 268 (2023) → 274 (2024), rated Negativ.
    metric = Metric(
        id="antibiotics",
        name="Antibiotikabelastning",
        unit="recept/1000 invånare",
        direction="lower_is_better",
        strategy=VsTrajectory(shape=PathShape.ANNUAL_RATE, annual_rate=-0.025),
    )
    r = rate(
        metric,
        [
            Observation(2023, 268.0, "recept/1000 invånare"),
            Observation(2024, 274.0, "recept/1000 invånare"),
        ],
    )
    assert r.explanation.computed["expected"] == pytest.approx(261.3)
    assert r.verdict is Verdict.NEGATIVE
    assert "261,3" in r.explanation.sentence("sv")
    assert "274" in r.explanation.sentence("sv")
    assert "261.3" in r.explanation.sentence("en")
    # the same in prescriptions per inhabitant
    r2 = rate(
        metric,
        [Observation(2023, 0.268, "recept/invånare"), Observation(2024, 0.274, "recept/invånare")],
    )
    assert r2.verdict is Verdict.NEGATIVE
    assert r2.explanation.computed["expected"] == pytest.approx(261.3)


def test_antibiotics_from_the_base_rate() -> None:
    strategy = VsTrajectory(shape="annual_rate", annual_rate=-0.025, rate_from=RateFrom.BASE)
    metric = Metric(
        id="ab",
        name="AB",
        unit="st",
        direction="lower",
        strategy=strategy,
        base_year=2022,
        base_value=280.0,
    )
    r = rate(metric, [Observation(2024, 266.0, "st")])
    assert r.explanation.computed["expected"] == pytest.approx(280 * 0.975**2)
    assert r.verdict is Verdict.POSITIVE


def test_bus_energy_per_km_rose_so_the_rule_says_negative() -> None:
    # 3,6 → 4,5 kWh/km, lower is better. The report's Positiv* is a judgment ("within
    # the public transport's own target").
    metric = Metric(
        id="bus", name="Energi per km", unit="kWh/km", direction="lower", strategy=VsBase()
    )
    r = rate(metric, [Observation(2023, 3.6, "kWh/km"), Observation(2024, 4.5, "kWh/km")])
    assert r.verdict is Verdict.NEGATIVE
    assert r.explanation.computed["change"] == pytest.approx(0.9)
    assert "4,5 kWh/km 2024 mot 3,6 kWh/km 2023" in r.explanation.sentence("sv")
    assert "4.5 kWh/km in 2024 against 3.6 kWh/km in 2023" in r.explanation.sentence("en")
    # the same outcomes in MWh/km
    r2 = rate(metric, [Observation(2023, 0.0036, "MWh/km"), Observation(2024, 0.0045, "MWh/km")])
    assert r2.verdict is Verdict.NEGATIVE


def test_waste_per_inhabitant_is_a_marginal_change() -> None:
    # 6,8 → 6,6 kg/länsinvånare, rated Oförändrad** ("förändringen är marginell").
    metric = Metric(
        id="waste",
        name="Avfall",
        unit="kg/länsinvånare",
        direction="lower",
        strategy=VsBase(relative_dead_band=0.05),
    )
    obs = [Observation(2023, 6.8, "kg/länsinvånare"), Observation(2024, 6.6, "kg/länsinvånare")]
    r = rate(metric, obs)
    assert (r.verdict, r.explanation.reason) == (Verdict.UNCHANGED, "within_dead_band")
    assert r.explanation.computed["band"] == pytest.approx(0.34)
    # without a dead band the rule says positive
    plain = Metric(
        id="waste", name="Avfall", unit="kg/länsinvånare", direction="lower", strategy=VsBase()
    )
    assert rate(plain, obs).verdict is Verdict.POSITIVE
    # in grams per inhabitant
    r3 = rate(
        metric, [Observation(2023, 6800.0, "g/invånare"), Observation(2024, 6600.0, "g/invånare")]
    )
    assert r3.verdict is Verdict.UNCHANGED


def test_energy_per_floor_area_and_food_waste() -> None:
    energy = Metric(
        id="energy", name="Energi", unit="kWh/m2 BRA", direction="lower", strategy=VsBase()
    )
    r = rate(
        energy, [Observation(2023, 188.0, "kWh/m2 BRA"), Observation(2024, 185.0, "kWh/m2 BRA")]
    )
    assert r.verdict is Verdict.POSITIVE
    food = Metric(
        id="food", name="Matsvinn", unit="g/portion", direction="lower", strategy=VsBase()
    )
    r = rate(food, [Observation(2023, 90.0, "g/portion"), Observation(2024, 95.0, "g/portion")])
    assert r.verdict is Verdict.NEGATIVE


def test_kost_organic_food_improving_but_short_of_its_own_target() -> None:
    # Kost: 40 % → 42 %, Oförändrad** "trots att utfallet 2024 är bättre än 2023
    # eftersom utfallet inte uppnår till verksamhetens målvärde".
    metric = Metric(
        id="kost-organic",
        name="Kost: Andel ekologiska livsmedel",
        unit="%",
        direction="higher",
        strategy=VsOwnTarget(),
        targets=(Target(50.0, "%", 2024, owner=TargetOwner.UNIT),),
    )
    r = rate(metric, [Observation(2023, 40.0, "%"), Observation(2024, 42.0, "%")])
    assert (r.verdict, r.explanation.reason) == (Verdict.UNCHANGED, "short_but_improving")
    assert "verksamhetens målvärde (50 %)" in r.explanation.sentence("sv")
    assert "the unit's own target (50 %)" in r.explanation.sentence("en")
    # reaching it is positive, exactly on it too
    assert rate(metric, [Observation(2024, 50.0, "%")]).verdict is Verdict.POSITIVE
    # falling back is negative
    r = rate(metric, [Observation(2023, 40.0, "%"), Observation(2024, 38.0, "%")])
    assert r.verdict is Verdict.NEGATIVE


def test_own_target_reported_without_a_value() -> None:
    metric = Metric(id="tarna", name="Tärna", unit="%", direction="higher", strategy=VsOwnTarget())
    r = rate(
        metric,
        [Observation(2023, 36.0, "%"), Observation(2024, 37.0, "%", flags=["own_target_not_met"])],
    )
    assert r.verdict is Verdict.UNCHANGED
    assert "enligt verksamheten" in r.explanation.sentence("sv")


def test_chemicals_cmr_rose_while_two_lists_are_new() -> None:
    # CMR 26 st → 28 st; Kandidatförteckningen - → 43 st; Priodatabas - → 160 st.
    metric = Metric(
        id="chemicals",
        name="Antal kemikalier på utfasningslistorna",
        unit="st",
        direction="lower",
        strategy=Components(),
        components=(
            Component("cmr", "CMR"),
            Component("kandidat", "Kandidatförteckningen"),
            Component("prio", "Priodatabas"),
        ),
    )
    obs = [
        Observation(2023, 26.0, "st", component="cmr"),
        Observation(2024, 28.0, "st", component="cmr"),
        Observation(2023, component="kandidat"),
        Observation(2024, 43.0, "st", component="kandidat"),
        Observation(2023, component="prio"),
        Observation(2024, 160.0, "st", component="prio"),
    ]
    r = rate(metric, obs)
    assert r.verdict is Verdict.NEGATIVE
    assert r.explanation.computed["component.cmr"] == "negative"
    assert r.explanation.computed["component.kandidat"] == "no_value"
    assert r.explanation.computed["component.kandidat.reason"] == "no_reference_value"
    assert "CMR: negativ" in r.explanation.sentence("sv")
    assert "Priodatabas: inget värde" in r.explanation.sentence("sv")
    # a stricter rule: any list without a value fails the metric
    from indikator.rollup import NoValuePolicy

    strict = Metric(
        **{
            **_fields(metric),
            "strategy": Components(rollup=WorstOf(no_value=NoValuePolicy.PROPAGATE)),
        }
    )
    assert rate(strict, obs).verdict is Verdict.NO_VALUE


def _fields(metric: Metric) -> dict[str, object]:
    import attrs

    return attrs.asdict(metric, recurse=False)


def test_incidents_zero_kept_is_positive() -> None:
    # "Antal incidentrapporter gällande utsläpp/kemikalier": 0 st → 0 st, Positiv.
    metric = Metric(
        id="incidents",
        name="Incidentrapporter",
        unit="st",
        direction="lower",
        strategy=VsOwnTarget(owner=TargetOwner.PROGRAMME),
        targets=(Target(0.0, "st", kind=TargetKind.KEEP),),
    )
    r = rate(metric, [Observation(2023, 0.0, "st"), Observation(2024, 0.0, "st")])
    assert (r.verdict, r.explanation.reason) == (Verdict.POSITIVE, "target_met")
    assert "hållas varje år" in r.explanation.sentence("sv")
    r = rate(metric, [Observation(2023, 0.0, "st"), Observation(2024, 1.0, "st")])
    assert r.verdict is Verdict.NEGATIVE


def test_climate_risk_text_outcome_unchanged() -> None:
    text = "Integrerade i flera riskbedömningsprocesser, men otillräcklig tillämpning"
    metric = Metric(id="climate-risk", name="Klimatrisker", unit=None, strategy=TextOutcome())
    r = rate(metric, [Observation(2023, text=text), Observation(2024, text=" " + text.upper())])
    assert (r.verdict, r.explanation.reason) == (Verdict.UNCHANGED, "text_same")
    assert "otillräcklig tillämpning" in r.explanation.sentence("sv").casefold()
    r = rate(metric, [Observation(2023, text=text), Observation(2024, text="Integrerade i alla")])
    assert (r.verdict, r.explanation.reason) == (Verdict.NO_VALUE, "text_changed")


def test_new_metric_without_an_earlier_value_has_no_value() -> None:
    # "Antal genomförda kategoriarbeten ... sociala aspekter": -* → 0 st (new in 2024).
    metric = Metric(
        id="social", name="Kategoriarbeten", unit="st", direction="higher", strategy=VsBase()
    )
    r = rate(metric, [Observation(2023), Observation(2024, 0.0, "st")])
    assert (r.verdict, r.explanation.reason) == (Verdict.NO_VALUE, "no_reference_value")
