"""Indicator "Material-, livsmedels- och produktflöden hanteras utifrån cirkulära principer".

Goal area Hållbara inköp och resurseffektivitet; Målvärde 2030: Öka.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, Metric, SimpleIndicator, Target, TargetKind, TargetOwner
from indikator.strategies import VsBase, VsOwnTarget
from indikator.verdict import Direction
from indikator_vastmanland._common import TARGET_INCREASE, unit_target_metric

__all__ = ["INDICATOR", "indikator_indicators"]

_LOWER = Direction.LOWER_IS_BETTER
_HIGHER = Direction.HIGHER_IS_BETTER

INDICATOR = SimpleIndicator(
    id="vastmanland.circular-flows",
    name=(
        "Material-, livsmedels- och produktflöden hanteras utifrån cirkulära principer",
        "Material, food and product flows are managed on circular principles",
    ),
    target=TARGET_INCREASE,
    metrics=(
        unit_target_metric(
            "bus-energy-per-km",
            (
                "Energianvändning per fordonskilometer (kollektivtrafik buss)",
                "Energy use per vehicle kilometre (public transport, bus)",
            ),
            "kWh/km",
            _LOWER,
            target_note="Public transport's own target (kollektivtrafikens målvärde); the "
            "report does not print its value, only that the outcome is within it.",
            note="Rated against public transport's own target, whose attainment the unit "
            "reports (the outcome's flag own_target_met). Against 2023 alone the rise from "
            "3,6 to 4,5 kWh/km would be negative.",
        ),
        Metric(
            id="sorted-waste-share",
            name=(
                "Andel källsorterat avfall för materialåtervinning",
                "Share of source-sorted waste for material recycling",
            ),
            unit="%",
            direction=_HIGHER,
            strategy=VsBase(),
            note="Against the previous year. The published 2024 verdict is a judgment "
            "(the change is marginal); no dead band reproduces it consistently with the "
            "other rows, so the rule has none.",
        ),
        Metric(
            id="waste-per-inhabitant",
            name=(
                "Organisationens totala mängd avfall per länsinvånare",
                "The organisation's total amount of waste per county inhabitant",
            ),
            unit="kg/länsinvånare",
            direction=_LOWER,
            strategy=VsBase(),
            note="Against the previous year. A relative dead band of 3 % would rate "
            "6,8 → 6,6 as unchanged, but it would also rate the energy row 188 → 185 "
            "(−1,6 %) unchanged, which the report rates positive: the published verdict "
            "is therefore a judgment, not a band.",
        ),
        Metric(
            id="building-energy",
            name=(
                "Energiförbrukning i fastigheter och verksamheter",
                "Energy consumption in buildings and operations",
            ),
            unit="kWh/m2 BRA",
            direction=_LOWER,
            strategy=VsBase(),
        ),
        Metric(
            id="food-waste-per-portion",
            name=(
                "Totalt matsvinn gram per portion (inkl produktion)",
                "Total food waste, grams per portion (incl. production)",
            ),
            unit="gram",
            direction=_LOWER,
            strategy=VsBase(),
            note="The unit is printed as 'gram'; the name says it is per portion.",
        ),
        Metric(
            id="nav-area-ratio",
            name=(
                "Resurseffektivitet nybyggnation, Vårdbyggnad NAV etapp 1 "
                "(Kvoten mellan BTA och LOA)",
                "Resource efficiency of new construction, care building NAV stage 1 "
                "(ratio between gross floor area BTA and premises area LOA)",
            ),
            unit="%",
            direction=_HIGHER,
            strategy=VsOwnTarget(owner=TargetOwner.UNIT),
            targets=(
                Target(
                    value=69.0,
                    unit="%",
                    kind=TargetKind.KEEP,
                    owner=TargetOwner.UNIT,
                    note="An interpretation: the report prints no target. The ratio set by "
                    "the stage-1 design (69 %) is taken as the project's own target to "
                    "keep, which is what makes 69 % → 69 % positive without a footnote.",
                ),
            ),
            note="Interpretation: rated as keeping the design's ratio (see the target's "
            "note); against 2023 alone it would be unchanged.",
        ),
    ),
)
"""The indicator with its six metrics."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
