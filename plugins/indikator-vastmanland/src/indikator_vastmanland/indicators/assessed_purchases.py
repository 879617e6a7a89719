"""Indicator "Alla inköp bedöms utifrån cirkularitet, klimatpåverkan, …".

Goal area Hållbara inköp och resurseffektivitet; Målvärde 2030: 100%.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Indicator, Metric, SimpleIndicator, Target, TargetKind, TargetOwner
from indikator.strategies import Fallback, VsBase, VsOwnTarget
from indikator.verdict import Direction
from indikator_vastmanland._common import TARGET_100, keep_zero_metric, unit_target_metric

__all__ = ["INDICATOR", "indikator_indicators"]

_HIGHER = Direction.HIGHER_IS_BETTER

_OWN_TARGET_NOT_PUBLISHED = (
    "The unit's own target (verksamhetens målvärde); the report does not print its value. "
    "Whether it is met is reported with the outcome (flags "
    "own_target_met / own_target_not_met)."
)

_SHORT_OF_OWN_TARGET = (
    "Better than 2023 but short of the unit's own target: unchanged by rule (footnote ** of "
    "Bilaga 1)."
)

INDICATOR = SimpleIndicator(
    id="vastmanland.assessed-purchases",
    name=(
        "Alla inköp bedöms utifrån cirkularitet, klimatpåverkan, biologisk mångfald och "
        "giftfri miljö samt social hållbarhet",
        "All purchases are assessed on circularity, climate impact, biodiversity and a "
        "non-toxic environment, and social sustainability",
    ),
    target=TARGET_100,
    metrics=(
        Metric(
            id="category-work-environment",
            name=(
                "Antal genomförda kategoriarbeten (inom Inköp Sörmland/Västmanland) där "
                "miljö beaktas i processen",
                "Number of category-management projects completed (within Inköp "
                "Sörmland/Västmanland) where the environment is considered in the process",
            ),
            unit="st",
            direction=_HIGHER,
            strategy=VsBase(),
        ),
        Metric(
            id="category-work-social",
            name=(
                "Antal genomförda kategoriarbeten (inom Inköp Sörmland/Västmanland) där "
                "sociala aspekter beaktas i processen",
                "Number of category-management projects completed (within Inköp "
                "Sörmland/Västmanland) where social aspects are considered in the process",
            ),
            unit="st",
            direction=_HIGHER,
            # The report's method: against a base value; where there is none, against
            # how well the development follows the goal (here the year's ambition).
            strategy=Fallback(first=VsBase(), then=VsOwnTarget(owner=TargetOwner.UNIT)),
            targets=(
                Target(
                    value=1.0,
                    unit="st",
                    year=2024,
                    kind=TargetKind.LEVEL,
                    owner=TargetOwner.UNIT,
                    note="The year's ambition was to include social aspects in category "
                    "management: at least one.",
                ),
            ),
            note="New in 2024 ('Ny indikator från 2024'): with no earlier value the outcome "
            "is rated against the year's ambition.",
        ),
        Metric(
            id="enhanced-requirement-procurements",
            name=(
                "Antal upphandlingar med förhöjda miljökrav",
                "Number of procurements with enhanced environmental requirements",
            ),
            unit="st",
            direction=_HIGHER,
            strategy=VsBase(),
        ),
        keep_zero_metric(
            "transport-procurements-without-requirements",
            (
                "Antal upphandlingar som omfattar externa transporter utan generella "
                "miljökrav om fossilfria och förnyelsebara drivmedel",
                "Number of procurements covering external transport without general "
                "environmental requirements on fossil-free and renewable fuels",
            ),
            "st",
            target_note="The programme's ideal value (all purchases are assessed): no "
            "procurement without requirements, every year.",
            note="New in 2024 ('Ny indikator från 2024'). Rated against the programme's "
            "ideal value 0 to keep, which needs no earlier value (and will rate a kept 0 "
            "positive in later years too, where a comparison with the previous year would "
            "say unchanged).",
        ),
        keep_zero_metric(
            "food-procurements-without-requirements",
            (
                "Andel livsmedelsupphandlingar utan förhöjda miljökrav",
                "Share of food procurements without enhanced environmental requirements",
            ),
            "%",
            target_note="The programme's ideal value (all purchases are assessed): 0 % of "
            "food procurements without enhanced environmental requirements, every year.",
            note="0 % kept is the ideal value, so positive; against 2023 alone it would be "
            "unchanged.",
        ),
        unit_target_metric(
            "organic-food-kost",
            ("Kost: Andel ekologiska livsmedel", "Kost (catering): share of organic food"),
            "%",
            _HIGHER,
            target_note=_OWN_TARGET_NOT_PUBLISHED,
            note=_SHORT_OF_OWN_TARGET,
        ),
        unit_target_metric(
            "organic-food-tarna",
            (
                "Tärna folkhögskola: Andel ekologiska livsmedel",
                "Tärna folk high school: share of organic food",
            ),
            "%",
            _HIGHER,
            target_note=_OWN_TARGET_NOT_PUBLISHED,
            note=_SHORT_OF_OWN_TARGET,
        ),
    ),
)
"""The indicator with its seven metrics."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
