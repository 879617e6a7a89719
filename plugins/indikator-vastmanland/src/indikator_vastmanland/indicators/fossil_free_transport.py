"""Indicator "Alla transporter drivs av fossilfria och förnybara bränslen".

Goal area Klimat; Målvärde 2030: 100%.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, Metric, SimpleIndicator, Target
from indikator.strategies import VsBase
from indikator.verdict import Direction
from indikator_vastmanland._common import TARGET_100

__all__ = ["INDICATOR", "indikator_indicators"]

INDICATOR = SimpleIndicator(
    id="vastmanland.fossil-free-transport",
    name=(
        "Alla transporter drivs av fossilfria och förnybara bränslen",
        "All transport runs on fossil-free and renewable fuels",
    ),
    target=TARGET_100,
    note="I mätningen ingår allmän och särskild kollektivtrafik och regionens egna fordon.",
    metrics=(
        Metric(
            id="fossil-free-fuel-share",
            name=("Andel fossilfria drivmedel", "Share of fossil-free fuels"),
            unit="%",
            direction=Direction.HIGHER_IS_BETTER,
            strategy=VsBase(),
            targets=(Target(value=100.0, unit="%", year=2030, note="Målvärde 2030: 100%"),),
            note="The 2023 outcome is the restated 93 % (flag 'restated'); the 80 % "
            "published in 2023 counted diesel and petrol as wholly fossil. The comparison "
            "uses the restated figure.",
        ),
    ),
)
"""The indicator with its one metric."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
