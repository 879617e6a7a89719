"""Indicator "Halverad klimatpåverkan … från energianvändningen i regionens fastigheter …".

Goal area Klimat; Målvärde 2030: -50%, basår 2019.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, SimpleIndicator
from indikator_vastmanland._common import TARGET_HALVED, change_against_base_metric

__all__ = ["INDICATOR", "indikator_indicators"]

INDICATOR = SimpleIndicator(
    id="vastmanland.energy-climate",
    name=(
        "Halverad klimatpåverkan (mätt i koldioxidekvivalenter) från energianvändningen i "
        "regionens fastigheter och verksamheter",
        "Halved climate impact (measured in CO2 equivalents) from energy use in the region's "
        "buildings and operations",
    ),
    target=TARGET_HALVED,
    metrics=(
        change_against_base_metric(
            "energy-climate-change",
            (
                "Regionens klimatpåverkan från energianvändning",
                "The region's climate impact from energy use",
            ),
            note="Measured as the change in % against the base year 2019. Energy use includes "
                "electricity, heating, cooling, refrigerants and backup power (the report's "
                "footnote 6). Positive by rule (ahead of the path), although it rose from "
                "2023: the report's footnote (revised emission factors) is kept as the 2024 "
                "outcome's note.",
        ),
    ),
)
"""The indicator with its one metric."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
