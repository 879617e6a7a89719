"""Indicator "Halverad klimatpåverkan … från inköp av material, produkter, livsmedel …".

Goal area Klimat; Målvärde 2030: -50%, basår 2019.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, SimpleIndicator
from indikator_vastmanland._common import TARGET_HALVED, change_against_base_metric

__all__ = ["INDICATOR", "indikator_indicators"]

INDICATOR = SimpleIndicator(
    id="vastmanland.purchases-climate",
    name=(
        "Halverad klimatpåverkan (mätt i koldioxidekvivalenter) från inköp av material, produkter, "
        "livsmedel och tjänster",
        "Halved climate impact (measured in CO2 equivalents) from purchases of materials, "
        "products, food and services",
    ),
    target=TARGET_HALVED,
    metrics=(
        change_against_base_metric(
            "purchases-climate-change",
            ("Regionens klimatpåverkan från inköp", "The region's climate impact from purchases"),
            note="Measured as the change in % against the base year 2019. Purchases include "
                "nitrous oxide, anaesthetic gases, medical carbon dioxide, laundry services, "
                "goods, services and food (the report's footnote 7). The report prints 9% and "
                "11% without a sign; as changes against 2019, and since the text says the "
                "calculated impact increased, the data records them as +9 and +11.",
        ),
    ),
)
"""The indicator with its one metric."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
