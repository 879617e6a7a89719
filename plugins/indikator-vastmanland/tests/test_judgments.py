"""Judgments are the exception: exactly the starred verdicts a rule cannot give.

The report stars eleven metric verdicts in Bilaga 1. Four of them differ from what any
consistent rule gives and are recorded as judgments with the footnote as the reason; the
other starred ones are reproduced by a rule, their footnote kept as a note.
"""

from __future__ import annotations

import pytest

from indikator.model import Dataset, Flag
from indikator.verdict import Assessment, Basis, Level, Verdict

MARGINAL = (
    "Förändringen är marginell och det går inte att dra slutsatsen att det har skett en "
    "förbättring utifrån statistikunderlaget."
)
PROCESS = (
    "Utvecklingen 2024 bedöms som positiv eftersom arbetet med byggvarubedömningen följer "
    "förvaltningens process."
)

# metric id: (published verdict, what the rule alone gives, the report's footnote)
JUDGED = {
    "sorted-waste-share": (Verdict.UNCHANGED, Verdict.POSITIVE, MARGINAL),
    "waste-per-inhabitant": (Verdict.UNCHANGED, Verdict.POSITIVE, MARGINAL),
    "green-yellow-products-share": (Verdict.POSITIVE, Verdict.NEGATIVE, PROCESS),
    "red-products-share": (Verdict.POSITIVE, Verdict.NEGATIVE, PROCESS),
}

# Starred in the report, but a rule gives the published verdict: (metric, rule's reason).
STARRED_BUT_RULED = {
    "bus-energy-per-km": "target_met",
    "organic-food-kost": "short_but_improving",
    "organic-food-tarna": "short_but_improving",
    "energy-climate-change": "on_or_ahead_of_path",
    "phase-out-chemicals": "components_worst",
}


def _metrics(tree: Assessment) -> dict[str, Assessment]:
    return {n.id: n for n in tree.walk() if n.level is Level.METRIC}


def test_exactly_four_metrics_are_judged(tree: Assessment) -> None:
    judged = {i for i, n in _metrics(tree).items() if n.basis is Basis.JUDGMENT}
    assert judged == set(JUDGED)
    ruled = [n for n in _metrics(tree).values() if n.basis is Basis.RULE]
    assert len(ruled) == 21


@pytest.mark.parametrize("metric_id", sorted(JUDGED))
def test_a_judgment_keeps_the_rules_own_verdict_beside_it(
    tree: Assessment, metric_id: str
) -> None:
    published, rule, reason = JUDGED[metric_id]
    node = tree.find(metric_id)
    assert node.verdict is published
    assert node.rule_verdict is rule
    assert node.rule_verdict is not node.verdict
    assert node.judgment is not None
    assert node.judgment.reason == reason
    assert node.explanation.reason == "judgment"
    assert node.rule_explanation is not None
    assert node.rule_explanation.reason in {
        "improved",
        "worsened",
    }


def test_every_judgment_in_the_data_differs_from_its_rule(
    tree: Assessment, dataset: Dataset
) -> None:
    # A judgment that agrees with the rule would be an escape hatch, not an exception.
    for j in dataset.judgments:
        node = tree.find(j.target)
        assert node.rule_verdict is not j.verdict, j.target
        # Each judgment says where it was read from: file and line.
        assert j.source is not None
        assert "judgments.toml:" in j.source


@pytest.mark.parametrize("metric_id", sorted(STARRED_BUT_RULED))
def test_a_starred_verdict_a_rule_reproduces_is_not_a_judgment(
    tree: Assessment, metric_id: str
) -> None:
    node = tree.find(metric_id)
    assert node.basis is Basis.RULE
    assert node.explanation.reason == STARRED_BUT_RULED[metric_id]
    # The footnote is not lost: it is the 2024 outcome's note.
    assert any(o.note for o in node.observations if o.period == 2024)


def test_the_own_target_rows_read_the_units_report(tree: Assessment) -> None:
    bus = tree.find("bus-energy-per-km")
    assert Flag.OWN_TARGET_MET in next(o for o in bus.observations if o.period == 2024).flags
    for metric_id in ("organic-food-kost", "organic-food-tarna"):
        node = tree.find(metric_id)
        latest = next(o for o in node.observations if o.period == 2024)
        assert Flag.OWN_TARGET_NOT_MET in latest.flags
        assert node.verdict is Verdict.UNCHANGED
