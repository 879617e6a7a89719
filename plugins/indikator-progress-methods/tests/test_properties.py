"""Hypothesis properties through the strategy layer: totality, monotonicity, direction
symmetry, unit invariance, and agreement with the published Open SDG formulas."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from indikator import Target, Verdict
from indikator.series import build_series
from indikator.testing.strategies import metric_with_series, metrics
from progress_methods_helpers import NOT_ASSESSABLE, make_series, rank

from indikator_progress_methods.strategies import (
    DestatisWeather,
    EustatProjection,
    OpenSdgProgress,
    UnsdProgressChart,
)

QUICK = settings(max_examples=120, deadline=None)

STRATEGIES = [
    OpenSdgProgress(),
    OpenSdgProgress(use_target=False, limit=100.0),
    OpenSdgProgress(base_year=None),
    DestatisWeather(),
    DestatisWeather(owner=None),
    DestatisWeather(direction_only=True),
    UnsdProgressChart(),
    EustatProjection(),
    EustatProjection(use_target=False),
]
STRATEGY_LEVEL_REASONS = {"no_current_value", "no_target", "target_behind_base"}


@QUICK
@given(
    metric_with_series(
        metric=metrics(
            strategy=st.sampled_from(STRATEGIES), unit=st.sampled_from(["kWh/km", "%"])
        ),
        flags=True,
        missing=True,
    )
)
def test_every_strategy_is_total_and_maps_its_category(case):
    metric, observations, period = case
    rating = metric.strategy.assess(build_series(metric, observations), period)
    expl = rating.explanation
    assert isinstance(rating.verdict, Verdict)
    assert expl.reason
    for lang in ("sv", "en"):
        assert "{" not in expl.sentence(lang)
    json.dumps(expl.as_dict())  # every figure is a plain JSON value
    cat = expl.computed.get("category")
    if rating.verdict is Verdict.NO_VALUE:
        assert cat in NOT_ASSESSABLE or expl.reason in STRATEGY_LEVEL_REASONS
        assert cat is None or expl.computed["mapped_verdict"] == "no_value"
    else:
        assert cat not in NOT_ASSESSABLE
        assert rating.verdict is metric.strategy.verdicts[cat]
        assert expl.reason == cat


MONOTONE = [
    OpenSdgProgress(),
    OpenSdgProgress(use_target=False),
    DestatisWeather(),
    DestatisWeather(direction_only=True),
    UnsdProgressChart(),
    EustatProjection(),
    EustatProjection(use_target=False),
]


@QUICK
@given(
    strategy=st.sampled_from(MONOTONE),
    history=st.lists(st.integers(1, 1000), min_size=3, max_size=6),
    a=st.integers(1, 2000),
    b=st.integers(1, 2000),
    target=st.integers(1, 3000),
    keep=st.booleans(),
    lower=st.booleans(),
)
def test_a_better_latest_value_is_never_rated_worse(strategy, history, a, b, target, keep, lower):
    worse, better = (max(a, b), min(a, b)) if lower else (min(a, b), max(a, b))
    kind = "keep" if keep and strategy.id == "destatis_weather" else "level"
    tgt = Target(target, "kWh/km", None if kind == "keep" else 2030, kind=kind)
    years = list(range(2015, 2015 + len(history) + 1))
    ratings = []
    for latest in (worse, better):
        values = dict(zip(years, [*map(float, history), float(latest)], strict=True))
        ratings.append(
            rate_case(strategy, values, unit="kWh/km", direction="lower" if lower else "higher",
                      targets=[tgt])
        )
    ranks = [rank(strategy.id, r.explanation.computed["category"]) for r in ratings]
    # A better latest value can turn "not assessable" into "target achieved", never back.
    if ranks[0] is not None:
        assert ranks[1] is not None
        assert ranks[0] <= ranks[1]
        assert ratings[0].verdict.score <= ratings[1].verdict.score


def rate_case(strategy, values, **kwargs):
    return strategy.assess(make_series(values, **kwargs), max(values))


magnitudes = st.floats(0.1, 1e4, allow_nan=False, allow_infinity=False)


@QUICK
@given(
    strategy=st.sampled_from(MONOTONE),
    values=st.lists(magnitudes, min_size=2, max_size=7),
    target=magnitudes,
    keep=st.booleans(),
    lower=st.booleans(),
    negative=st.booleans(),
)
def test_mirroring_values_target_and_direction_keeps_the_category(
    strategy, values, target, keep, lower, negative
):
    kind = "keep" if keep and strategy.id == "destatis_weather" else "level"
    sign = -1.0 if negative else 1.0
    cases = []
    for flip in (1.0, -1.0):
        up = (not lower) if flip > 0 else lower
        tgt = Target(flip * sign * target, "kWh/km", None if kind == "keep" else 2030, kind=kind)
        series = {2016 + i: flip * sign * v for i, v in enumerate(values)}
        cases.append(
            rate_case(strategy, series, unit="kWh/km", direction="higher" if up else "lower",
                      targets=[tgt])
        )
    first, mirrored = cases
    assert first.explanation.computed.get("category") == mirrored.explanation.computed.get(
        "category"
    )
    assert first.verdict is mirrored.verdict
    assert first.explanation.reason == mirrored.explanation.reason


def _near(x: object, points: tuple[float, ...]) -> bool:
    if not isinstance(x, float):
        return False
    return any(math.isclose(x, p, rel_tol=1e-9, abs_tol=1e-12) for p in points)


def near_tie(c: Mapping[str, object]) -> bool:
    """Whether a figure sits on a threshold within rounding (scaling may move it across)."""
    thresholds = tuple(
        t for t in (c.get("threshold_high"), c.get("threshold_med"), c.get("threshold_low"))
        if isinstance(t, float)
    )
    return (
        _near(c.get("progress_value"), thresholds)
        or _near(c.get("ratio"), (0.95, 0.5, -0.1))
        or _near(c.get("share"), (0.95, 0.1))
        or _near(c.get("shortfall_share"), (0.05, 0.2))
        or _near(c.get("cagr_a"), (0.02, -0.02, 0.005, -0.005))
    )


@QUICK
@given(
    strategy=st.sampled_from(MONOTONE),
    values=st.lists(st.integers(1, 10_000), min_size=2, max_size=7),
    target=st.integers(1, 20_000),
    lower=st.booleans(),
)
def test_the_same_data_in_compatible_units_gives_the_same_category(
    strategy, values, target, lower
):
    # Observations and target in tonnes; the metric in tonnes, then in kilograms.
    series = {2014 + i: float(v) for i, v in enumerate(values)}
    ratings = [
        rate_case(strategy, series, unit=unit, obs_unit="t CO2e",
                  direction="lower" if lower else "higher",
                  targets=[Target(target, "t CO2e", 2030)])
        for unit in ("t CO2e", "kg CO2e")
    ]
    assume(not any(near_tie(r.explanation.computed) for r in ratings))
    in_t, in_kg = ratings
    assert in_t.explanation.computed.get("category") == in_kg.explanation.computed.get("category")
    assert in_t.verdict is in_kg.verdict


@QUICK
@given(
    values=st.lists(st.floats(1.0, 1e3, allow_nan=False), min_size=2, max_size=8),
    target=st.one_of(st.none(), st.floats(1.0, 1e3, allow_nan=False)),
    target_year=st.integers(2021, 2040),
    lower=st.booleans(),
)
def test_open_sdg_agrees_with_the_published_formulas(values, target, target_year, lower):
    years = list(range(2015, 2015 + len(values)))
    series = dict(zip(years, values, strict=True))
    targets = [] if target is None else [Target(target, "%", target_year)]
    rating = rate_case(OpenSdgProgress(), series, unit="%",
                       direction="lower" if lower else "higher", targets=targets)
    c = rating.explanation.computed
    d = -1 if lower else 1
    y0, yt, t = values[0], values[-1], years[-1] - 2015
    if target is not None and d * (yt - target) >= 0:
        assert c["category"] == "target_achieved"
        assert c["score"] == 5.0
        return
    cagr_a = (yt / y0) ** (1 / t) - 1
    if target is None:
        p, bands = d * cagr_a, (0.015, 0.005, 0.0)
    else:
        cagr_r = (target / y0) ** (1 / (target_year - 2015)) - 1
        assume(abs(cagr_r) > 1e-9)
        p, bands = d * cagr_a / abs(cagr_r), (0.95, 0.6, 0.0)
    assert math.isclose(c["progress_value"], p, rel_tol=1e-9, abs_tol=1e-12)
    assume(not _near(p, bands))
    expected = (
        "substantial_progress" if p >= bands[0]
        else "moderate_progress" if p >= bands[1]
        else "limited_progress" if p >= bands[2]
        else "deterioration"
    )
    assert c["category"] == expected
    assert -5.0 <= c["score"] <= 5.0
