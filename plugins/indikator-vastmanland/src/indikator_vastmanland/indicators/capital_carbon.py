"""Indicator "Halverad koldioxidintensitet i regionens kapitalförvaltning …".

Goal area Klimat; Målvärde 2030: -50%, basår 2019.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, SimpleIndicator
from indikator_vastmanland._common import TARGET_HALVED, change_against_base_metric

__all__ = ["INDICATOR", "indikator_indicators"]

INDICATOR = SimpleIndicator(
    id="vastmanland.capital-carbon",
    name=(
        "Halverad koldioxidintensitet i regionens kapitalförvaltning med bibehållen avkastning",
        "Halved carbon intensity in the region's asset management with maintained returns",
    ),
    target=TARGET_HALVED,
    metrics=(
        change_against_base_metric(
            "capital-carbon-intensity-change",
            (
                "Koldioxidintensitet i regionens kapitalförvaltning",
                "Carbon intensity in the region's asset management",
            ),
            note="Measured as the change in % against the base year 2019.",
        ),
    ),
)
"""The indicator with its one metric."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
