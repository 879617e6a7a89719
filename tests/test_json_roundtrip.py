"""Datasets and assessment trees go to JSON and back without loss (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.engine import assess
from indikator.errors import InputError
from indikator.io.jsonio import (
    assessment_from_json,
    assessment_to_dict,
    assessment_to_json,
    dataset_from_json,
    dataset_to_json,
)
from indikator.model import Dataset, Flag, Judgment, Label, Observation
from indikator.report import to_dict
from indikator.testing import strategies as ist
from indikator.verdict import Assessment, Basis, Explanation, Lang, Level, Verdict

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TREES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.from_regex(r"[a-z0-9][a-z0-9_.\-]{0,10}", fullmatch=True)
texts = st.text(max_size=24)  # any Unicode: quotes, <script>, newlines, emoji
units = st.sampled_from(["kWh/km", "%", "kg/invånare", "st", "t CO2e", "kWh/m2 BRA",
                         "recept/1000 invånare"])
numbers = st.floats(allow_nan=False, allow_infinity=False)
years = st.integers(1900, 2200)


@st.composite
def observations(draw: st.DrawFn) -> Observation:
    kind = draw(st.sampled_from(["value", "text", "missing"]))
    return Observation(
        draw(years),
        value=draw(numbers) if kind == "value" else None,
        unit=draw(units) if kind == "value" else draw(st.none() | units),
        text=draw(texts) if kind == "text" else None,
        flags=draw(st.frozensets(st.sampled_from(Flag), max_size=3)),
        note=draw(st.none() | texts),
        component=draw(st.none() | ids),
    )


@st.composite
def judgments(draw: st.DrawFn, target: str | None = None) -> Judgment:
    return Judgment(
        target=target if target is not None else draw(ids),
        period=draw(years),
        verdict=draw(st.sampled_from(Verdict)),
        reason=draw(texts.filter(lambda t: t.strip())),
        author=draw(st.none() | texts),
        date=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))),
        source=draw(st.none() | texts),
    )


labels = st.builds(Label, texts, texts)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    return Dataset(
        programme=draw(texts),
        period=draw(years),
        observations=draw(st.dictionaries(ids, st.lists(observations(), max_size=4),
                                          max_size=4)),
        judgments=draw(st.lists(judgments(), max_size=3)),
        title=draw(st.none() | labels),
        source=draw(st.none() | texts),
    )


figures = st.one_of(st.none(), st.booleans(), st.integers(-10**18, 10**18),
                    st.floats(allow_nan=False), texts)
safe_template = st.text(st.characters(blacklist_characters="{}"), max_size=30)


@st.composite
def explanations(draw: st.DrawFn) -> Explanation:
    inputs = draw(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), figures,
                                  max_size=4))
    computed = draw(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), figures,
                                    max_size=3))
    names = sorted({*inputs, *computed})
    field = f"{{{names[0]}}} " if names else ""
    return Explanation(draw(texts), inputs, computed, field + draw(safe_template),
                       draw(safe_template))


@st.composite
def trees(draw: st.DrawFn, level: Level = Level.PROGRAMME) -> Assessment:
    node_id = draw(ids)
    below = {Level.PROGRAMME: Level.GOAL_AREA, Level.GOAL_AREA: Level.INDICATOR,
             Level.INDICATOR: Level.METRIC}.get(level)
    children = () if below is None else tuple(draw(st.lists(trees(below), max_size=2)))
    judged = draw(st.booleans())
    return Assessment(
        id=node_id,
        name=draw(labels),
        level=level,
        verdict=draw(st.sampled_from(Verdict)),
        basis=Basis.JUDGMENT if judged else draw(st.sampled_from([Basis.RULE, Basis.ROLLUP])),
        explanation=draw(explanations()),
        children=children,
        rule_verdict=draw(st.none() | st.sampled_from(Verdict)),
        rule_explanation=draw(st.none() | explanations()),
        strategy=draw(st.none() | ids),
        observations=tuple(draw(st.lists(observations(), max_size=3)))
        if level is Level.METRIC else (),
        judgment=draw(judgments(target=node_id)) if judged else None,
    )


def _sources(ds: Dataset) -> list[str | None]:
    return [ds.source, *(j.source for j in ds.judgments)]


@FAST
@given(datasets())
def test_dataset_round_trip(ds: Dataset) -> None:
    back = dataset_from_json(dataset_to_json(ds))
    assert back == ds
    assert _sources(back) == _sources(ds)  # source is not part of equality: check it too
    assert dataset_to_json(back) == dataset_to_json(ds)


@TREES
@given(trees(), years)
def test_generated_tree_round_trip(tree: Assessment, period: int) -> None:
    text = assessment_to_json(tree, period)
    back = assessment_from_json(text)
    assert back == tree
    assert [n.judgment.source for n in back.walk() if n.judgment] == [
        n.judgment.source for n in tree.walk() if n.judgment]
    assert json.loads(text)["period"] == period


@st.composite
def assessed(draw: st.DrawFn) -> tuple[Any, Dataset]:
    programme = draw(ist.programmes(max_areas=2, max_indicators=2, max_metrics=2))
    return programme, draw(ist.datasets(programme=programme))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessed(), st.sampled_from(["sv", "en"]))
def test_assessed_tree_round_trip_and_superset_of_the_report(
    case: tuple[Any, Dataset], lang: Lang
) -> None:
    programme, ds = case
    tree = assess(programme, ds)
    ours = assessment_to_dict(tree, ds.period, lang=lang)
    _assert_superset(to_dict(tree, ds.period, lang=lang), ours)
    assert assessment_from_json(json.dumps(ours)) == tree


def _assert_superset(contract: Any, ours: Any, path: str = "") -> None:
    if isinstance(contract, dict):
        assert isinstance(ours, dict), path
        for key, value in contract.items():
            assert key in ours, f"{path}.{key} missing"
            _assert_superset(value, ours[key], f"{path}.{key}")
    elif isinstance(contract, list):
        assert isinstance(ours, list)
        assert len(ours) == len(contract), path
        for i, (a, b) in enumerate(zip(contract, ours, strict=True)):
            _assert_superset(a, b, f"{path}[{i}]")
    else:
        assert contract == ours, path


def test_non_finite_figures_survive() -> None:
    expl = Explanation("r", {"a": math.inf, "b": -math.inf}, {"c": math.nan, "d": 1.0}, "{a}", "")
    tree = Assessment(id="p", name=Label("P"), level=Level.PROGRAMME, verdict=Verdict.NO_VALUE,
                      basis=Basis.ROLLUP, explanation=expl)
    data = json.loads(assessment_to_json(tree, 2024))
    assert data["programme"]["explanation"]["inputs"] == {"a": None, "b": None}  # the contract
    back = assessment_from_json(json.dumps(data))
    assert back.explanation.inputs == {"a": math.inf, "b": -math.inf}
    assert math.isnan(back.explanation.computed["c"])  # type: ignore[arg-type]
    assert back.explanation.computed["d"] == 1.0


def test_bad_json_is_an_input_error_with_a_path() -> None:
    with pytest.raises(InputError, match="not valid JSON") as info:
        dataset_from_json('{"programme": "p",\n "period": }', source="d.json")
    assert (info.value.source, info.value.line) == ("d.json", 2)
    good = json.loads(dataset_to_json(Dataset(programme="p", period=2024,
                                              observations={"m": [Observation(2024, 1.0, "st")]})))
    good["observations"]["m"][0]["value"] = "1"
    with pytest.raises(InputError) as info:
        dataset_from_json(json.dumps(good))
    assert info.value.field == "observations.m[0].value"
    good["observations"]["m"][0]["value"] = 1.0
    good["observations"]["m"][0]["period"] = 1850
    with pytest.raises(InputError, match=r"out of range|must lie") as info:
        dataset_from_json(json.dumps(good))
    assert info.value.field == "observations.m[0].period"
    with pytest.raises(InputError, match="NaN"):
        dataset_from_json('{"programme": "p", "period": NaN}')
