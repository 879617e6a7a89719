"""Indicator "Alla processer för riskbedömning är säkrade utifrån en anpassning till …".

Goal area Klimat; Målvärde 2030: 100%. Its one metric is followed up in words.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, Metric, SimpleIndicator
from indikator.strategies import TextOutcome
from indikator_vastmanland._common import TARGET_100

__all__ = ["INDICATOR", "indikator_indicators"]

INDICATOR = SimpleIndicator(
    id="vastmanland.climate-risk",
    name=(
        "Alla processer för riskbedömning är säkrade utifrån en anpassning till "
        "klimatförändringar som redan uppstått eller väntas uppstå",
        "All risk-assessment processes are secured for adaptation to climate change that "
        "has already occurred or is expected",
    ),
    target=TARGET_100,
    metrics=(
        Metric(
            id="climate-risk-processes",
            name=(
                "Alla processer för riskbedömning är säkrade utifrån en anpassning till "
                "klimatförändringar som redan uppstått eller väntas uppstå.",
                "All risk-assessment processes are secured for adaptation to climate "
                "change that has already occurred or is expected.",
            ),
            unit=None,
            strategy=TextOutcome(),
            note="A text outcome: the same description as last year is unchanged; a "
            "changed description needs a judgment saying which way it went.",
        ),
    ),
)
"""The indicator with its one metric."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
