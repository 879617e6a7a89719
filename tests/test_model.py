"""Model records: bad input is refused with an InputError naming the field and value."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given

from indikator.errors import InputError, UnitError
from indikator.model import (
    Dataset,
    Flag,
    GoalArea,
    Judgment,
    Label,
    Metric,
    Observation,
    Programme,
    SimpleIndicator,
    Target,
)
from indikator.strategies import VsBase
from indikator.testing.strategies import datasets, judgments, metrics, observations, series
from indikator.verdict import Verdict


def refused(field: str, value: object, build: object) -> InputError:
    assert callable(build)
    with pytest.raises(InputError) as info:
        build()
    err = info.value
    assert err.field == field
    assert f"{field}: " in str(err)
    assert repr(value) in str(err)
    return err


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_inf_are_refused_at_every_boundary(bad: float) -> None:
    refused("value", bad, lambda: Observation(2024, bad, "kWh/km"))
    refused("value", bad, lambda: Target(bad, "kWh/km", 2030))
    refused(
        "base_value",
        bad,
        lambda: Metric(id="m", name="M", unit="st", strategy=VsBase(), base_value=bad),
    )
    refused("dead_band", bad, lambda: VsBase(dead_band=bad))


@pytest.mark.parametrize("text", ["3,6", "4,5 kWh/km", "-"])
def test_a_text_where_a_quantity_is_required_is_refused(text: str) -> None:
    err = refused("value", text, lambda: Observation(2024, text, "kWh/km"))  # type: ignore[arg-type]
    assert "number" in err.message
    refused("value", text, lambda: Target(text, "%", 2030))  # type: ignore[arg-type]


def test_an_invalid_unit_is_refused() -> None:
    with pytest.raises(UnitError) as info:
        Observation(2024, 3.6, "kWh/kmm")
    assert info.value.field == "unit"
    assert "'kWh/kmm'" in str(info.value)
    with pytest.raises(UnitError):
        Metric(id="m", name="M", unit="bananer/år", strategy=VsBase())


def test_a_value_needs_a_unit_and_cannot_also_be_a_text() -> None:
    refused("unit", 3.6, lambda: Observation(2024, 3.6))
    refused("text", "bra", lambda: Observation(2024, 3.6, "st", text="bra"))


@pytest.mark.parametrize("bad", [1899, 2201, 2024.0, "2024", True])
def test_a_period_must_be_a_year(bad: object) -> None:
    refused("period", bad, lambda: Observation(bad))  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["", "   ", None])
def test_a_judgment_without_a_reason_is_refused(bad: object) -> None:
    refused(
        "reason",
        bad,
        lambda: Judgment(target="m", period=2024, verdict="positive", reason=bad),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("bad", ["bra", "", "+"])
def test_an_unknown_verdict_is_refused(bad: str) -> None:
    refused("verdict", bad, lambda: Judgment(target="m", period=2024, verdict=bad, reason="r"))


@pytest.mark.parametrize(
    "label", ["Positiv", "positive", "Oförändrad", "NEGATIV", "Inget värde", "no_value"]
)
def test_verdicts_are_read_from_values_and_both_languages(label: str) -> None:
    verdict = Judgment(target="m", period=2024, verdict=label, reason="r").verdict
    assert verdict in set(Verdict)
    assert label.casefold().replace("_", " ") in {
        verdict.value.replace("_", " "),
        verdict.label("sv").casefold(),
        verdict.label("en").casefold(),
    }


def test_verdict_labels_in_swedish_and_english() -> None:
    assert [v.label("sv") for v in Verdict] == ["Positiv", "Oförändrad", "Negativ", "Inget värde"]
    assert [v.label("en") for v in Verdict] == ["Positive", "Unchanged", "Negative", "No value"]


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("id", {"id": "Bus Energy"}),
        ("direction", {"direction": "sideways"}),
    ],
)
def test_bad_metric_fields_are_refused(field: str, kwargs: dict[str, object]) -> None:
    base: dict[str, object] = {"id": "m", "name": "M", "unit": "st", "strategy": VsBase()}
    refused(field, {**base, **kwargs}[field], lambda: Metric(**{**base, **kwargs}))  # type: ignore[arg-type]


def test_unknown_flags_and_target_kinds_are_refused() -> None:
    refused("flags", "preliminär", lambda: Observation(2024, flags=["preliminär"]))
    refused("kind", "reach", lambda: Target(1.0, "st", 2030, kind="reach"))
    assert Observation(2024, flags=["series-break"]).flags == {Flag.SERIES_BREAK}


def test_ids_are_unique_within_a_programme() -> None:
    m = Metric(id="dup", name="M", unit="st", strategy=VsBase())
    ind = SimpleIndicator(id="dup", name="I", metrics=(m,))
    with pytest.raises(InputError, match="twice") as info:
        Programme(id="p", name="P", goal_areas=(GoalArea(id="a", name="A", indicators=(ind,)),))
    assert info.value.value == "dup"


def test_labels_default_english_to_swedish() -> None:
    assert Label("Klimat").en == "Klimat"
    assert (
        Metric(id="m", name={"sv": "Avfall", "en": "Waste"}, strategy=VsBase()).name.get("en")
        == "Waste"
    )


@given(observations(text=True, missing=True, flags=True))
def test_generated_observations_are_valid(obs: Observation) -> None:
    assert (obs.value is None) or obs.unit is not None
    assert not (obs.value is not None and obs.text is not None)
    assert obs.is_missing == (obs.value is None and obs.text is None)


@given(series(consecutive=False, min_size=2))
def test_generated_irregular_series_have_gaps(obs: list[Observation]) -> None:
    years = [o.period for o in obs]
    assert years == sorted(set(years))
    assert any(b - a > 1 for a, b in itertools.pairwise(years))


@given(metrics(base=True, target=True, own_target=True), judgments())
def test_generated_metrics_and_judgments_are_valid(metric: Metric, judgment: Judgment) -> None:
    assert metric.base_year is not None
    assert metric.target() is not None
    assert judgment.reason.strip()


@given(datasets())
def test_generated_datasets_are_valid(dataset: Dataset) -> None:
    for obs in dataset.observations.values():
        periods = [o.period for o in obs]
        assert len(periods) == len(set(periods))
        assert max(periods) == dataset.period
