"""Indicator "Minskad miljöpåverkan från regionens användning och förskrivning av läkemedel …".

Goal area Biologisk mångfald och giftfri miljö; Målvärde 2030: Minska.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, Metric, SimpleIndicator, Target, TargetKind
from indikator.strategies import PathShape, RateFrom, VsTrajectory
from indikator.verdict import Direction
from indikator_vastmanland._common import TARGET_DECREASE

__all__ = ["ANNUAL_REDUCTION", "INDICATOR", "indikator_indicators"]

ANNUAL_REDUCTION = -0.025
"""The metric's own pace: −2,5 % a year ("Årlig minskning ... på 2,5%")."""

INDICATOR = SimpleIndicator(
    id="vastmanland.pharmaceuticals",
    name=(
        "Minskad miljöpåverkan från regionens användning och förskrivning av läkemedel med "
        "bibehållen eller ökad patientnytta",
        "Reduced environmental impact from the region's use and prescription of "
        "pharmaceuticals with maintained or increased patient benefit",
    ),
    target=TARGET_DECREASE,
    metrics=(
        Metric(
            id="antibiotics-prescriptions",
            name=(
                "Årlig minskning av den totala antibiotikabelastningen i antal recept/1000 "
                "invånare på 2,5%",
                "Annual reduction of the total antibiotics load in prescriptions per 1000 "
                "inhabitants by 2.5%",
            ),
            unit="recept/1000 invånare",
            direction=Direction.LOWER_IS_BETTER,
            strategy=VsTrajectory(
                shape=PathShape.ANNUAL_RATE,
                annual_rate=ANNUAL_REDUCTION,
                rate_from=RateFrom.PREVIOUS,
            ),
            targets=(
                Target(
                    kind=TargetKind.DIRECTION,
                    note="An annual reduction of 2.5 %.",
                ),
            ),
            note="The report prints bare numbers; the unit is in the name. Each year must "
            "be 2,5 % below the previous one.",
        ),
    ),
)
"""The indicator with its one metric."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
