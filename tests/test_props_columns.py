"""The columnar face and the per-object face of every built-in strategy agree.

Many generated series, each under its own metric and entity, are assessed in one
``evaluate`` call over several periods; every (entity, metric, period) row of the result
must carry exactly the verdict and reason code that the strategy's per-object ``assess``
gives for the same series and period (rows of an entity without data for a metric too),
and the tree's explanation must be that ``assess``'s explanation.
"""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator import Dataset, GoalArea, Observations, Programme, SimpleIndicator, evaluate
from indikator.codes import VERDICTS, reason_name
from indikator.model import Metric, Observation
from indikator.series import Series, build_series
from indikator.strategies import Components, TextOutcome
from indikator.testing import strategies as ist

# exact ties are the interesting cases: draw values from a small set as well
TIES = st.sampled_from([-2.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0])
VALUES = st.one_of(TIES, ist.finite_floats())


def _case(strategy: st.SearchStrategy[object], components: tuple[str, ...] = ()
          ) -> st.SearchStrategy[tuple[Metric, list[Observation], int]]:
    return ist.metric_with_series(
        metric=ist.metrics(strategy=strategy, values=VALUES, components=components),  # type: ignore[arg-type]
        values=VALUES,
        flags=True,
    )


CASES = st.one_of(
    _case(ist.vs_base_strategies()),
    _case(ist.trajectory_strategies()),
    _case(ist.own_target_strategies()),
    _case(ist.fallback_strategies()),
    _case(ist.components_strategies(), ("cmr", "kand")),
)


def _check(cases: list[tuple[Metric, list[Observation], int]]) -> None:
    metrics = [attrs.evolve(m, id=f"m{i}") for i, (m, _, _) in enumerate(cases)]
    programme = Programme(id="p", name="P", goal_areas=[GoalArea(
        id="a", name="A", indicators=[SimpleIndicator(id="i", name="I", metrics=metrics)])])
    obs = {
        m.id: [attrs.evolve(o, entity=f"e{i}") for o in observations]
        for i, (m, (_, observations, _)) in enumerate(zip(metrics, cases, strict=True))
    }
    periods = sorted({p for _, _, p in cases} | {p - 1 for _, _, p in cases})
    result = evaluate(programme, Dataset(programme="p", period=periods[-1], observations=obs),
                      periods=periods, entities=[f"e{i}" for i in range(len(cases))])
    for s in range(len(result.slots)):
        entity = result.entities[int(result.slots.entity[s])]
        for metric in metrics:
            n = result.plan.index[metric.id]
            mine = [o for o in obs[metric.id] if o.entity == entity]
            series = build_series(metric, mine) if mine else Series(metric)
            period = int(result.period[s, n])
            expected = metric.strategy.assess(series, period)
            got = (VERDICTS[int(result.rule[s, n])], reason_name(int(result.reason[s, n])))
            assert got == (expected.verdict, expected.explanation.reason), (
                metric, mine, period)
            node = result.tree(entity, int(result.slots.period[s])).find(metric.id)
            assert node.verdict is expected.verdict
            assert node.explanation == expected.explanation


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(CASES, min_size=1, max_size=5))
def test_columns_agree_with_assess(cases: list[tuple[Metric, list[Observation], int]]) -> None:
    _check(cases)


TEXTS = st.sampled_from(["Låg", "Medel", "Hög", "hög ", "Okänd"])


@st.composite
def text_cases(draw: st.DrawFn) -> tuple[Metric, list[Observation], int]:
    strategy = draw(st.one_of(st.just(TextOutcome()), st.just(TextOutcome(
        scale=("Låg", "Medel", "Hög")))))
    metric = Metric(id="t", name="T", strategy=strategy)
    years = draw(ist.years(min_size=1, max_size=4, last=2024))
    obs = [Observation(y, text=draw(st.one_of(st.none(), TEXTS))) for y in years]
    return metric, obs, 2024


@settings(max_examples=60, deadline=None)
@given(st.lists(text_cases(), min_size=1, max_size=4))
def test_text_columns_agree_with_assess(cases: list[tuple[Metric, list[Observation], int]]
                                        ) -> None:
    _check(cases)


def test_one_point_series_and_missing_entities() -> None:
    metric = Metric(id="m", name="M", unit="st", strategy=Components())
    table = Observations.from_columns(
        entity=["1980", "1980"], metric=["m", "m"], period=[2023, 2024], value=[1.0, 2.0],
        unit="st", component=["x", "x"])
    programme = Programme(id="p", name="P", goal_areas=[GoalArea(
        id="a", name="A", indicators=[SimpleIndicator(id="i", name="I", metrics=[metric])])])
    result = evaluate(programme, table, periods=[2023, 2024], entities=["1980", "0180"])
    assert result.history("m", "1980") == {2023: VERDICTS[3], 2024: VERDICTS[0]}
    assert set(result.history("m", "0180").values()) == {VERDICTS[3]}
    assert result.tree("0180", 2024).find("m").explanation.reason == (
        "components_no_rated_children")


def _parsed_csv(result: object) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(result.to_csv())))  # type: ignore[attr-defined]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(CASES, min_size=1, max_size=4),
       st.sampled_from(['Kommun "A", län', "e", None]),
       st.sampled_from(["Mått", 'Namn, med "citat"', "Rad\nny rad"]))
def test_csv_reads_back_as_the_columns(cases: list[tuple[Metric, list[Observation], int]],
                                       entity: str | None, name: str) -> None:
    """Every field of ``to_csv`` is the column's value: text quoted, figures by ``repr``."""
    metrics = [attrs.evolve(m, id=f"m{i}", name=f"{name} {i}") for i, (m, _, _) in
               enumerate(cases)]
    programme = Programme(id="p", name="P", goal_areas=[GoalArea(
        id="a", name="A", indicators=[SimpleIndicator(id="i", name="I", metrics=metrics)])])
    obs = {m.id: [attrs.evolve(o, entity=entity) for o in observations]
           for m, (_, observations, _) in zip(metrics, cases, strict=True)}
    periods = sorted({p for _, _, p in cases} | {p - 1 for _, _, p in cases})
    result = evaluate(programme, Dataset(programme="p", period=periods[-1], observations=obs),
                      periods=periods)
    cols = result.columns()
    rows = _parsed_csv(result)
    assert len(rows) == len(result)
    for k, col in cols.items():
        for got, want in zip((r[k] for r in rows), col.tolist(), strict=True):
            if isinstance(want, float):
                assert got == ("" if want != want else repr(want)), k
            else:
                assert got == str(want), k
