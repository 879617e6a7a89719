"""Indicator "Regionens totala utsläpp av koldioxidekvivalenter ska minska med 50%".

Goal area Klimat; Målvärde 2030: -50%, basår 2019.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, SimpleIndicator
from indikator_vastmanland._common import TARGET_HALVED, change_against_base_metric

__all__ = ["INDICATOR", "indikator_indicators"]

INDICATOR = SimpleIndicator(
    id="vastmanland.co2e-total",
    name=(
        "Regionens totala utsläpp av koldioxidekvivalenter ska minska med 50%",
        "The region's total emissions of CO2 equivalents shall decrease by 50%",
    ),
    target=TARGET_HALVED,
    metrics=(
        change_against_base_metric(
            "co2e-total-change",
            ("Regionens totala utsläpp av CO2e", "The region's total CO2e emissions"),
            note="Measured as the change in % against the base year 2019. The even pace to "
                "-50 % by 2030 starts in 2021 and requires -16.67 % in 2024 (the report's "
                "'sexton procent').",
        ),
    ),
)
"""The indicator with its one metric."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
