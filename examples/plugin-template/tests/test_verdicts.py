"""The verdicts the indicator gives on small in-memory datasets.

These tests are about this template's indicator (the share of organic food, against the
previous year with a dead band of one percentage point): replace them by tests of your
own indicators' verdicts.
"""

from __future__ import annotations

import indikator_example
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator import Dataset, Observation, Verdict, assess, assess_metric
from indikator.plugins import get_programme


def _dataset(values: dict[int, float], period: int) -> Dataset:
    return Dataset(
        programme=indikator_example.PROGRAMME_ID,
        period=period,
        observations={
            indikator_example.METRIC_ID: [
                Observation(year, value, "%") for year, value in values.items()
            ]
        },
    )


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [
        (30.0, 34.5, Verdict.POSITIVE),  # up 4.5 percentage points
        (30.0, 30.8, Verdict.UNCHANGED),  # within the ±1 point dead band
        (30.0, 27.0, Verdict.NEGATIVE),  # down 3 points
    ],
)
def test_assessing_a_tiny_dataset(indikator_pm, register_plugin, previous, current, expected):
    register_plugin(indikator_example, "example")
    programme = get_programme(indikator_example.PROGRAMME_ID, indikator_pm)
    tree = assess(programme, _dataset({2023: previous, 2024: current}, 2024))
    metric = tree.find(indikator_example.METRIC_ID)
    assert metric.verdict is expected
    # One metric: the indicator, goal area and programme follow it (strict majority).
    assert tree.verdict is expected


def test_without_an_outcome_the_verdict_is_no_value(indikator_pm, register_plugin):
    register_plugin(indikator_example, "example")
    programme = get_programme(indikator_example.PROGRAMME_ID, indikator_pm)
    tree = assess(programme, _dataset({2023: 30.0}, 2024))
    assert tree.verdict is Verdict.NO_VALUE


@settings(deadline=None)
@given(
    previous=st.floats(0, 100, allow_nan=False),
    change=st.floats(-50, 50, allow_nan=False),
)
def test_the_verdict_follows_the_change_beyond_the_dead_band(previous, change):
    current = min(100.0, max(0.0, previous + change))
    indicator = indikator_example.indikator_indicators()[0]

    result = assess_metric(indicator.metrics[0], _dataset({2023: previous, 2024: current}, 2024))
    delta = current - previous
    if delta > 1.0 + 1e-9:
        assert result.verdict is Verdict.POSITIVE
    elif delta < -1.0 - 1e-9:
        assert result.verdict is Verdict.NEGATIVE
    elif abs(delta) < 1.0 - 1e-9:
        assert result.verdict is Verdict.UNCHANGED
