"""Roll-up rules: properties for every rule and no-value policy, and exact examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indikator.errors import InputError
from indikator.rollup import (
    AllPositive,
    MeanScore,
    NoValuePolicy,
    RollUp,
    StrictMajority,
    WorstOf,
)
from indikator.testing.strategies import no_value_policies, rated_verdicts, rollups, verdicts
from indikator.verdict import Verdict

P, U, N, X = Verdict.POSITIVE, Verdict.UNCHANGED, Verdict.NEGATIVE, Verdict.NO_VALUE
RANK = {N: 0, U: 1, P: 2}
children = st.lists(verdicts(), max_size=12)


@given(rollups(), children, st.randoms())
def test_the_order_of_children_never_matters(
    rule: RollUp, kids: list[Verdict], rnd: object
) -> None:
    shuffled = kids[:]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert rule.combine(kids) == rule.combine(shuffled)


@given(rollups(), children, st.data())
def test_a_better_child_never_gives_a_worse_parent(
    rule: RollUp, kids: list[Verdict], data: st.DataObject
) -> None:
    rated = [i for i, v in enumerate(kids) if v.is_rated]
    if not rated:
        return
    i = data.draw(st.sampled_from(rated))
    better = data.draw(st.sampled_from([v for v in (N, U, P) if RANK[v] >= RANK[kids[i]]]))
    improved = [*kids[:i], better, *kids[i + 1 :]]
    a, b = rule.combine(kids), rule.combine(improved)
    assert a.verdict.is_rated == b.verdict.is_rated
    if a.verdict.is_rated:
        assert RANK[b.verdict] >= RANK[a.verdict]


@given(
    st.sampled_from([NoValuePolicy.IGNORE, NoValuePolicy.PROPAGATE, NoValuePolicy.AS_UNCHANGED]),
    children,
    st.sampled_from([0.0, 0.25, 0.5, 1.0]),
)
def test_symmetric_rules_mirror_mirrored_children(
    policy: NoValuePolicy, kids: list[Verdict], threshold: float
) -> None:
    mirrored = [v.mirrored() for v in kids]
    rules: list[RollUp] = [StrictMajority(no_value=policy)]
    if threshold > 0:
        rules.append(MeanScore(positive_at=threshold, negative_at=-threshold, no_value=policy))
    for rule in rules:
        assert rule.combine(mirrored).verdict is rule.combine(kids).verdict.mirrored()


@given(rollups(), children)
def test_any_children_give_a_verdict_or_no_value_with_a_reason(
    rule: RollUp, kids: list[Verdict]
) -> None:
    r = rule.combine(kids)
    assert r.explanation.reason
    for lang in ("sv", "en"):
        assert "{" not in r.explanation.sentence(lang)
    if not kids:
        assert r.verdict is X
    if rule.no_value is NoValuePolicy.PROPAGATE and X in kids:  # type: ignore[attr-defined]
        assert (r.verdict, r.explanation.reason) == (X, "child_without_value")


@given(no_value_policies(), st.lists(rated_verdicts(), max_size=8), st.integers(0, 4))
def test_how_no_value_children_count(
    policy: NoValuePolicy, rated: list[Verdict], missing: int
) -> None:
    kids = rated + [X] * missing
    rule = StrictMajority(no_value=policy)
    got = rule.combine(kids).verdict
    if missing == 0:
        assert got is rule.combine(rated).verdict
    elif policy is NoValuePolicy.PROPAGATE:
        assert got is X
    elif policy is NoValuePolicy.IGNORE:
        assert got is rule.combine(rated).verdict
    elif policy is NoValuePolicy.AS_UNCHANGED:
        assert got is rule.combine(rated + [U] * missing).verdict
    else:
        assert got is rule.combine(rated + [N] * missing).verdict


@given(st.lists(rated_verdicts(), min_size=1, max_size=10))
def test_worst_of_and_all_positive_agree_with_their_definitions(kids: list[Verdict]) -> None:
    worst = min(kids, key=RANK.__getitem__)
    assert WorstOf().combine(kids).verdict is worst
    expected = P if all(v is P for v in kids) else (N if N in kids else U)
    assert AllPositive().combine(kids).verdict is expected


@given(st.lists(rated_verdicts(), min_size=1, max_size=10))
def test_strict_majority_agrees_with_its_definition(kids: list[Verdict]) -> None:
    n = len(kids)
    expected = P if kids.count(P) * 2 > n else N if kids.count(N) * 2 > n else U
    r = StrictMajority().combine(kids)
    assert r.verdict is expected
    assert r.explanation.computed["rated"] == n


@pytest.mark.parametrize(
    ("kids", "expected"),
    [
        ([P, P, P, N, N, N], U),  # exactly half positive is no majority
        ([P, P, P, U, U, U], U),
        ([N, N, N, P, U, U], U),
        ([P, P, P, P, N, N, N], P),
        ([N, N, U], N),
        ([P, X, X, X], P),  # no_value children are left out by default
        ([X, X], X),
        ([], X),
    ],
)
def test_strict_majority_examples(kids: list[Verdict], expected: Verdict) -> None:
    assert StrictMajority().combine(kids).verdict is expected


def test_the_seed_report_roll_ups() -> None:
    # Hållbara inköp, first indicator: Positiv*, Oförändrad**, Oförändrad**, Positiv,
    # Negativ, Positiv (the judged verdicts) → Oförändrad.
    assert StrictMajority().combine([P, U, U, P, N, P]).verdict is U
    # Second indicator: P, N, P, P, P, U, U → Positiv.
    assert StrictMajority().combine([P, N, P, P, P, U, U]).verdict is P
    # Chemicals indicator: Negativ, Negativ***, Positiv → Negativ.
    assert StrictMajority().combine([N, N, P]).verdict is N
    # Two goal areas whose indicators were removed: Inget värde.
    assert StrictMajority().combine([]).verdict is X


@pytest.mark.parametrize(
    ("kids", "positive_at", "negative_at", "expected"),
    [
        ([P, U], 0.5, -0.5, P),  # mean exactly at positive_at → positive
        ([N, U], 0.5, -0.5, N),  # mean exactly at negative_at → negative
        ([P, U, U], 0.5, -0.5, U),
        ([P, U, U], 1 / 3, -1 / 3, P),
        ([P, P, N, U], 0.25, -0.25, P),
        ([P, N], 0.1, -0.1, U),
        ([X, X], 0.5, -0.5, X),
    ],
)
def test_mean_score_ties_at_a_threshold_go_to_the_outer_verdict(
    kids: list[Verdict], positive_at: float, negative_at: float, expected: Verdict
) -> None:
    r = MeanScore(positive_at=positive_at, negative_at=negative_at).combine(kids)
    assert r.verdict is expected


def test_mean_score_explains_its_mean() -> None:
    r = MeanScore().combine([P, P, N, U])
    assert r.explanation.computed["mean"] == 0.25
    assert "0,25" in r.explanation.sentence("sv")
    assert "0.25" in r.explanation.sentence("en")


@pytest.mark.parametrize(
    ("positive_at", "negative_at"),
    [(math.nan, -0.5), (0.5, math.inf), (0.2, 0.3), (1.5, -0.5), (0.5, 0.5)],
)
def test_bad_thresholds_are_refused(positive_at: float, negative_at: float) -> None:
    with pytest.raises(InputError) as info:
        MeanScore(positive_at=positive_at, negative_at=negative_at)
    assert info.value.field == "positive_at"


@pytest.mark.parametrize("rule", [StrictMajority, WorstOf, MeanScore, AllPositive])
def test_an_unknown_no_value_policy_is_refused(rule: type) -> None:
    with pytest.raises(InputError) as info:
        rule(no_value="skip")
    assert info.value.field == "no_value"
    assert "'skip'" in str(info.value)


@pytest.mark.parametrize("rule", [StrictMajority(), WorstOf(), MeanScore(), AllPositive()])
def test_sentences_in_both_languages_hold_the_counts(rule: RollUp) -> None:
    r = rule.combine([P, P, N, X])
    sv, en = r.explanation.sentence("sv"), r.explanation.sentence("en")
    assert "2 positiva" in sv
    assert "1 negativ av" in sv
    assert "2 positive" in en
    assert "of 3 rated" in en
