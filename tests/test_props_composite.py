"""Properties of the text, components and fallback strategies."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from indikator.model import Component, Metric, Observation
from indikator.rollup import NoValuePolicy, RollUp
from indikator.series import build_series
from indikator.strategies import Components, Fallback, TextOutcome, VsBase, VsTrajectory
from indikator.testing.strategies import (
    directions,
    fallback_strategies,
    finite_floats,
    rollups,
    vs_base_strategies,
)
from indikator.verdict import Direction, Rating, Verdict

RANK = {Verdict.NEGATIVE: 0, Verdict.UNCHANGED: 1, Verdict.POSITIVE: 2}
SCALE = ("Ej påbörjat", "Påbörjat", "Integrerade i flera processer", "Integrerade i alla")


def rate_text(strategy: TextOutcome, previous: str | None, current: str | None) -> Rating:
    metric = Metric(id="risk", name="Klimatrisker", unit=None, strategy=strategy)
    obs = []
    if previous is not None:
        obs.append(Observation(2023, text=previous))
    if current is not None:
        obs.append(Observation(2024, text=current))
    return strategy.assess(build_series(metric, obs), 2024)


@given(st.sampled_from(range(len(SCALE))), st.sampled_from(range(len(SCALE))), st.integers(0, 3))
def test_a_higher_step_on_the_scale_never_gives_a_worse_verdict(
    before: int, now: int, up: int
) -> None:
    strategy = TextOutcome(scale=SCALE)
    a = rate_text(strategy, SCALE[before], SCALE[now])
    b = rate_text(strategy, SCALE[before], SCALE[min(now + up, len(SCALE) - 1)])
    assert RANK[b.verdict] >= RANK[a.verdict]
    if now > before:
        assert a.verdict is Verdict.POSITIVE
    elif now < before:
        assert a.verdict is Verdict.NEGATIVE
    else:
        assert a.verdict is Verdict.UNCHANGED


@given(st.sampled_from(range(len(SCALE))), st.sampled_from(range(len(SCALE))))
def test_reversing_the_scale_mirrors_the_verdict(before: int, now: int) -> None:
    a = rate_text(TextOutcome(scale=SCALE), SCALE[before], SCALE[now])
    b = rate_text(TextOutcome(scale=tuple(reversed(SCALE))), SCALE[before], SCALE[now])
    assert b.verdict is a.verdict.mirrored()


@given(
    st.one_of(st.none(), st.text(max_size=30)),
    st.one_of(st.none(), st.text(max_size=30)),
    st.booleans(),
)
def test_any_text_gives_a_verdict_or_no_value_with_a_reason(
    previous: str | None, current: str | None, scaled: bool
) -> None:
    strategy = TextOutcome(scale=SCALE if scaled else ())
    r = rate_text(strategy, previous, current)
    assert r.explanation.reason
    if current is None:
        assert r.explanation.reason == "no_current_value"
    elif previous is None:
        assert r.explanation.reason == "no_previous_text"
    elif not scaled:
        same = " ".join(previous.casefold().split()) == " ".join(current.casefold().split())
        assert r.verdict is (Verdict.UNCHANGED if same else Verdict.NO_VALUE)
    r.explanation.sentence("sv")
    r.explanation.sentence("en")


def components_case(
    strategy: Components,
    direction: Direction,
    parts: dict[str, tuple[float | None, float | None]],
    order: list[str] | None = None,
) -> Rating:
    ids = order or list(parts)
    metric = Metric(
        id="chem",
        name="Kemikalier",
        unit="st",
        direction=direction,
        strategy=strategy,
        components=tuple(Component(c, c.upper()) for c in ids),
    )
    obs = []
    for cid, (before, now) in parts.items():
        if before is not None:
            obs.append(Observation(2023, before, "st", component=cid))
        if now is not None:
            obs.append(Observation(2024, now, "st", component=cid))
    return strategy.assess(build_series(metric, obs), 2024)


part_values = st.one_of(st.none(), finite_floats(0.0, 1000.0, places=0))
parts_strategy = st.dictionaries(
    st.sampled_from(["cmr", "kandidat", "prio", "other"]),
    st.tuples(part_values, part_values),
    min_size=1,
)
components_strategy = st.builds(Components, each=vs_base_strategies(), rollup=rollups())


@given(components_strategy, directions(), parts_strategy, st.data())
def test_improving_one_component_never_worsens_the_metric(
    strategy: Components,
    direction: Direction,
    parts: dict[str, tuple[float | None, float | None]],
    data: st.DataObject,
) -> None:
    cid = data.draw(st.sampled_from(sorted(parts)))
    before, now = parts[cid]
    if now is None:
        return
    delta = data.draw(finite_floats(0.0, 100.0))
    better = {**parts, cid: (before, now + direction.sign * delta)}
    a = components_case(strategy, direction, parts)
    b = components_case(strategy, direction, better)
    if a.verdict.is_rated and b.verdict.is_rated:
        assert RANK[b.verdict] >= RANK[a.verdict]
    else:
        assert a.verdict is b.verdict  # improving a value never adds or removes a value


@given(components_strategy, directions(), parts_strategy)
def test_components_flipped_and_mirrored_give_the_same_verdict(
    strategy: Components, direction: Direction, parts: dict[str, tuple[float | None, float | None]]
) -> None:
    def neg(v: float | None) -> float | None:
        return None if v is None else -v

    mirrored = {c: (neg(b), neg(n)) for c, (b, n) in parts.items()}
    a = components_case(strategy, direction, parts)
    b = components_case(strategy, direction.flipped(), mirrored)
    assert a.verdict is b.verdict


@given(components_strategy, directions(), parts_strategy, st.randoms())
def test_the_order_of_components_does_not_matter(
    strategy: Components,
    direction: Direction,
    parts: dict[str, tuple[float | None, float | None]],
    rnd: object,
) -> None:
    order = list(parts)
    shuffled = order[:]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = components_case(strategy, direction, parts, order)
    b = components_case(strategy, direction, dict(reversed(list(parts.items()))), shuffled)
    assert a.verdict is b.verdict


@given(rollups(policy=NoValuePolicy.IGNORE), directions(), parts_strategy)
def test_components_combine_their_own_ratings_with_the_rule(
    rule: RollUp, direction: Direction, parts: dict[str, tuple[float | None, float | None]]
) -> None:
    each = VsBase()
    a = components_case(Components(each=each, rollup=rule), direction, parts)
    singles = [components_case(Components(each=each), direction, {c: p}) for c, p in parts.items()]
    assert a.verdict is rule.combine([s.verdict for s in singles]).verdict
    for cid in parts:
        assert f"component.{cid}" in a.explanation.computed


@given(
    fallback_strategies(),
    directions(),
    st.one_of(st.none(), finite_floats()),
    st.one_of(st.none(), finite_floats()),
    finite_floats(),
)
def test_fallback_uses_the_second_rule_only_without_a_reference(
    strategy: Fallback,
    direction: Direction,
    base: float | None,
    current: float | None,
    previous: float,
) -> None:
    metric = Metric(
        id="m",
        name="M",
        unit="st",
        direction=direction,
        strategy=strategy,
        base_year=2019 if base is not None else None,
        base_value=base,
    )
    obs = [Observation(2023, previous, "st")]
    if current is not None:
        obs.append(Observation(2024, current, "st"))
    series = build_series(metric, obs)
    r = strategy.assess(series, 2024)
    first = strategy.first.assess(series, 2024)
    second = strategy.then.assess(series, 2024)
    if current is None:
        assert r.explanation.reason == "no_current_value"
    elif base is not None:
        assert r == first
    else:
        assert r.verdict is second.verdict
        assert r.explanation.inputs["fallback_from"] == "vs_base"
        assert r.explanation.inputs["fallback_reason"] == "no_reference_value"


@given(directions(), finite_floats(-100, 100), finite_floats(0, 50))
def test_fallback_is_symmetric_and_monotone(
    direction: Direction, current: float, delta: float
) -> None:
    def build(d: Direction, sign: float, value: float) -> Rating:
        strategy = Fallback(
            first=VsBase(reference="base"),
            then=VsTrajectory(
                start_year=2019, start_value=0.0, target_year=2030, target_value=sign * -50.0
            ),
        )
        metric = Metric(id="m", name="M", unit="%", direction=d, strategy=strategy)
        obs = [Observation(2024, sign * value, "%")]
        return strategy.assess(build_series(metric, obs), 2024)

    a = build(direction, 1.0, current)
    b = build(direction.flipped(), -1.0, current)
    assert a.verdict is b.verdict
    better = build(direction, 1.0, current + direction.sign * delta)
    assert RANK[better.verdict] >= RANK[a.verdict]
