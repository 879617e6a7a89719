"""Edge cases of the strategies, decided and tested."""

from __future__ import annotations

import pytest

from indikator.model import Flag, Metric, Observation, Target
from indikator.series import build_series
from indikator.strategies import Fallback, PathShape, Reference, VsBase, VsTrajectory
from indikator.verdict import Rating, Verdict


def rate(metric: Metric, obs: list[Observation], period: int = 2024) -> Rating:
    return metric.strategy.assess(build_series(metric, obs), period)


def m(strategy: object, **kw: object) -> Metric:
    fields: dict[str, object] = {"id": "m", "name": "M", "unit": "st", "strategy": strategy}
    return Metric(**{**fields, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("base", "current", "direction", "expected"),
    [
        (0.0, 0.0, "higher", Verdict.UNCHANGED),
        (0.0, 1.0, "higher", Verdict.POSITIVE),
        (0.0, -1.0, "higher", Verdict.NEGATIVE),
        (-5.0, -3.0, "higher", Verdict.POSITIVE),
        (-5.0, -3.0, "lower", Verdict.NEGATIVE),
    ],
)
def test_zero_or_negative_base_is_an_ordinary_number(
    base: float, current: float, direction: str, expected: Verdict
) -> None:
    metric = m(
        VsBase(reference="base", relative_dead_band=0.1),
        direction=direction,
        base_year=2019,
        base_value=base,
    )
    r = rate(metric, [Observation(2024, current, "st")])
    assert r.verdict is expected
    if base == 0.0:
        assert r.explanation.computed["relative_change"] is None  # no share of zero
        assert r.explanation.computed["band"] == 0.0  # a zero base has no relative band


def test_a_compound_path_from_zero_or_across_zero_has_no_value() -> None:
    for start, target in [(0.0, 10.0), (-5.0, 5.0), (5.0, 0.0)]:
        s = VsTrajectory(
            shape=PathShape.COMPOUND,
            start_year=2020,
            start_value=start,
            target_year=2030,
            target_value=target,
        )
        r = rate(m(s), [Observation(2024, 1.0, "st")])
        assert (r.verdict, r.explanation.reason) == (Verdict.NO_VALUE, "compound_undefined")


def test_a_negative_compound_path_works() -> None:
    s = VsTrajectory(
        shape="compound", start_year=2020, start_value=-100.0, target_year=2030, target_value=-25.0
    )
    r = rate(m(s, direction="higher"), [Observation(2025, -50.0, "st")], 2025)
    assert r.explanation.computed["expected"] == pytest.approx(-50.0)
    assert r.verdict is Verdict.POSITIVE


def test_target_already_met_is_positive() -> None:
    s = VsTrajectory(start_year=2020, start_value=100.0, target_year=2030, target_value=50.0)
    r = rate(m(s, direction="lower"), [Observation(2022, 40.0, "st")], 2022)
    assert r.verdict is Verdict.POSITIVE
    assert r.explanation.computed["expected"] == pytest.approx(90.0)
    assert r.explanation.computed["gap"] == pytest.approx(50.0)  # 40 is 50 ahead of 90


def test_after_the_target_year_the_target_itself_is_required() -> None:
    s = VsTrajectory(start_year=2020, start_value=100.0, target_year=2023, target_value=50.0)
    metric = m(s, direction="lower")
    r = rate(metric, [Observation(2024, 55.0, "st")])
    assert r.explanation.computed["expected"] == 50.0
    assert r.verdict is Verdict.UNCHANGED  # behind, but better than the start
    assert rate(metric, [Observation(2024, 50.0, "st")]).verdict is Verdict.POSITIVE


def test_before_the_start_year_the_start_value_is_required() -> None:
    s = VsTrajectory(start_year=2021, start_value=0.0, target_year=2030, target_value=-50.0)
    r = rate(m(s, unit="%", direction="lower"), [Observation(2020, 0.0, "%")], 2020)
    assert r.explanation.computed["expected"] == 0.0
    assert r.verdict is Verdict.POSITIVE


def test_missing_base_year_or_value() -> None:
    r = rate(m(VsBase(reference="base")), [Observation(2024, 1.0, "st")])
    assert (r.verdict, r.explanation.reason) == (Verdict.NO_VALUE, "no_reference_value")
    # a base year without an outcome falls back to the metric's base value
    metric = m(VsBase(reference="base"), base_year=2019, base_value=3.0)
    r = rate(metric, [Observation(2024, 4.0, "st")])
    assert r.explanation.inputs["reference"] == 3.0
    # an outcome for the base year wins over the base value
    r = rate(metric, [Observation(2019, 5.0, "st"), Observation(2024, 4.0, "st")])
    assert r.explanation.inputs["reference"] == 5.0
    assert r.verdict is Verdict.NEGATIVE
    # a trajectory without a start or a target
    r = rate(m(VsTrajectory()), [Observation(2024, 1.0, "st")])
    assert r.explanation.reason == "no_start_value"
    r = rate(m(VsTrajectory(), base_year=2019, base_value=1.0), [Observation(2024, 1.0, "st")])
    assert r.explanation.reason == "no_target"
    s = VsTrajectory(start_year=2030)
    metric = m(s, base_year=2019, base_value=1.0, targets=(Target(0.0, "st", 2030),))
    assert rate(metric, [Observation(2024, 1.0, "st")]).explanation.reason == "invalid_path"


def test_irregular_years_compare_with_the_latest_earlier_value() -> None:
    metric = m(VsBase(), direction="higher")
    r = rate(
        metric,
        [Observation(2019, 5.0, "st"), Observation(2021, 6.0, "st"), Observation(2024, 7.0, "st")],
    )
    assert r.explanation.inputs["reference_period"] == 2021
    # an annual rate counts the years in between
    s = VsTrajectory(shape="annual_rate", annual_rate=0.1)
    r = rate(
        m(s, direction="higher"), [Observation(2021, 100.0, "st"), Observation(2024, 133.0, "st")]
    )
    assert r.explanation.computed["expected"] == pytest.approx(133.1)
    assert r.verdict is not Verdict.POSITIVE


def test_a_series_break_cuts_the_comparison() -> None:
    metric = m(VsBase())
    broken = [
        Observation(2023, 80.0, "st"),
        Observation(2024, 93.0, "st", flags=[Flag.SERIES_BREAK]),
    ]
    r = rate(metric, broken)
    assert (r.verdict, r.explanation.reason) == (Verdict.NO_VALUE, "no_reference_value")
    # after the break, the break year is the first comparable value
    after = [*broken, Observation(2025, 95.0, "st")]
    r = rate(metric, after, 2025)
    assert r.explanation.inputs["reference"] == 93.0
    # a break flagged on a missing outcome cuts too
    gap = [
        Observation(2022, 80.0, "st"),
        Observation(2023, flags=["series_break"]),
        Observation(2024, 95.0, "st"),
    ]
    assert rate(metric, gap).explanation.reason == "no_reference_value"
    # vs the base is not cut: the base value is restated by whoever defines the metric
    based = m(VsBase(reference=Reference.BASE), base_value=90.0)
    assert rate(based, broken).verdict is Verdict.POSITIVE


def test_fallback_uses_the_path_only_without_a_reference() -> None:
    s = Fallback(
        first=VsBase(reference="base"),
        then=VsTrajectory(start_year=2021, start_value=0.0, target_year=2030, target_value=-50.0),
    )
    r = rate(m(s, unit="%", direction="lower"), [Observation(2024, -20.0, "%")])
    assert r.verdict is Verdict.POSITIVE
    assert r.explanation.inputs["fallback_reason"] == "no_reference_value"
    r = rate(m(s, unit="%", direction="lower"), [Observation(2023, -20.0, "%")])
    assert r.explanation.reason == "no_current_value"  # no outcome: no fallback


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_explanations_hold_the_numbers_used_and_computed(lang: str) -> None:
    s = VsTrajectory(start_year=2020, start_value=100.0, target_year=2030, target_value=50.0)
    r = rate(m(s, direction="lower", unit="kWh/km"), [Observation(2024, 90.0, "kWh/km")])
    text = r.explanation.sentence(lang)  # type: ignore[arg-type]
    assert "90 kWh/km" in text
    assert "80 kWh/km" in text
    d = r.explanation.as_dict()
    assert d["inputs"]["start_value"] == 100.0  # type: ignore[index]
    assert d["computed"]["required_change"] == -20.0  # type: ignore[index]
    assert d["computed"]["actual_change"] == -10.0  # type: ignore[index]
    assert d["text"]["sv"] != d["text"]["en"]  # type: ignore[index]
