"""Indicator "Minskad negativ påverkan på biologisk mångfald och en giftfri miljö från …".

Goal area Biologisk mångfald och giftfri miljö; Målvärde 2030: Minska.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, Metric, SimpleIndicator
from indikator.strategies import VsBase
from indikator.verdict import Direction
from indikator_vastmanland._common import TARGET_DECREASE

__all__ = ["INDICATOR", "indikator_indicators"]

_JUDGED = (
    "Against the previous year. The published 2024 verdict is a judgment (the work follows "
    "the administration's process), recorded in the dataset's judgments."
)

INDICATOR = SimpleIndicator(
    id="vastmanland.products-biodiversity",
    name=(
        "Minskad negativ påverkan på biologisk mångfald och en giftfri miljö från regionens "
        "användning av produkter material och andra resurser",
        "Reduced negative impact on biodiversity and a non-toxic environment from the "
        "region's use of products, materials and other resources",
    ),
    target=TARGET_DECREASE,
    metrics=(
        Metric(
            id="green-yellow-products-share",
            name=(
                "Andel gröna och gula varor i Byggvarubedömningen, Vårdbyggnad etapp 1 %",
                "Share of green and yellow products in Byggvarubedömningen, care building "
                "stage 1 (%)",
            ),
            unit="%",
            direction=Direction.HIGHER_IS_BETTER,
            strategy=VsBase(),
            note=_JUDGED,
        ),
        Metric(
            id="red-products-share",
            name=(
                "Andel röda varor i Byggvarubedömningen, Vårdbyggnad etapp 1 %",
                "Share of red products in Byggvarubedömningen, care building stage 1 (%)",
            ),
            unit="%",
            direction=Direction.LOWER_IS_BETTER,
            strategy=VsBase(),
            note=_JUDGED,
        ),
    ),
)
"""The indicator with its two metrics."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
