"""Definitions shared by several of the programme's indicator modules."""

from __future__ import annotations

from typing import Final

from indikator.model import Label, Metric, Target, TargetKind, TargetOwner
from indikator.strategies import PathShape, VsOwnTarget, VsTrajectory
from indikator.verdict import Direction, Verdict

__all__ = [
    "BASE_YEAR",
    "CLIMATE_PATH",
    "CLIMATE_PATH_START_YEAR",
    "HALVED_BY_2030",
    "PROGRAMME_ID",
    "TARGET_100",
    "TARGET_DECREASE",
    "TARGET_HALVED",
    "TARGET_INCREASE",
    "change_against_base_metric",
    "keep_zero",
    "keep_zero_metric",
    "unit_target_metric",
]

PROGRAMME_ID: Final = "vastmanland-2023-2030"
"""The programme id a dataset's manifest names."""

BASE_YEAR: Final = 2019
"""The base year of the climate metrics ("Mäts gentemot basår 2019")."""

CLIMATE_PATH_START_YEAR: Final = 2021
"""Where the even-pace climate path starts.

The report: "För att nå målet i jämn takt borde minskningen 2024 uppgått till sexton
procent". A straight line from 0 % to −50 % that requires −16,67 % in 2024 starts in
2021 (50 × 3/9); one starting in the base year 2019 would require −22,7 % (50 × 5/11).
The base value stays the 2019 level (0 %); only the start of the pace is 2021.
"""

CLIMATE_PATH: Final = VsTrajectory(
    shape=PathShape.LINEAR,
    start_year=CLIMATE_PATH_START_YEAR,
    behind=Verdict.UNCHANGED,
    worse_than_start=Verdict.UNCHANGED,
)
"""The climate metrics' rule: an even pace from the 2019 level (0 %) in 2021 to −50 % in
2030.

Ahead of the path is positive; behind it is unchanged ("otillräcklig utveckling"). The
report rates every climate outcome short of the path as insufficient, also when it is
worse than the base year (total CO2e +1 %, purchases +11 %), so ``worse_than_start`` is
unchanged too, not the library's default negative.
"""

HALVED_BY_2030: Final = Target(
    value=-50.0,
    unit="%",
    year=2030,
    note="Målvärde 2030: -50%, basår 2019",
)
"""The programme's climate target: −50 % against 2019 by 2030."""

TARGET_INCREASE: Final = Label("Öka", "Increase")
"""Målvärde 2030 "Öka"."""
TARGET_DECREASE: Final = Label("Minska", "Decrease")
"""Målvärde 2030 "Minska"."""
TARGET_100: Final = Label("100%", "100%")
"""Målvärde 2030 "100%"."""
TARGET_HALVED: Final = Label("-50%, basår 2019", "-50%, base year 2019")
"""Målvärde 2030 "-50%, basår 2019"."""


def keep_zero(unit: str, note: str) -> Target:
    """The programme's ideal value 0, to be kept every year.

    For metrics such as procurements without requirements or incidents.
    """
    return Target(
        value=0.0,
        unit=unit,
        kind=TargetKind.KEEP,
        owner=TargetOwner.PROGRAMME,
        note=note,
    )


def keep_zero_metric(
    metric_id: str, name: tuple[str, str], unit: str, *, target_note: str, note: str
) -> Metric:
    """A count or share whose ideal value 0 the programme sets, to be kept every year.

    Lower is better; the rule is :class:`~indikator.strategies.VsOwnTarget` against the
    programme's :func:`keep_zero` target (described by ``target_note``), which needs no
    earlier value.
    """
    return Metric(
        id=metric_id,
        name=name,
        unit=unit,
        direction=Direction.LOWER_IS_BETTER,
        strategy=VsOwnTarget(owner=TargetOwner.PROGRAMME),
        targets=(keep_zero(unit, target_note),),
        note=note,
    )


def unit_target_metric(
    metric_id: str,
    name: tuple[str, str],
    unit: str,
    direction: Direction,
    *,
    target_note: str,
    note: str,
) -> Metric:
    """A metric rated against the reporting unit's own target, whose value is not printed.

    Whether the target is met comes with the outcome (flags ``own_target_met`` /
    ``own_target_not_met``); ``target_note`` says whose target it is.
    """
    return Metric(
        id=metric_id,
        name=name,
        unit=unit,
        direction=direction,
        strategy=VsOwnTarget(owner=TargetOwner.UNIT),
        targets=(Target(owner=TargetOwner.UNIT, note=target_note),),
        note=note,
    )


def change_against_base_metric(
    metric_id: str, name: tuple[str, str], note: str | None = None
) -> Metric:
    """A climate metric printed as a change in % against the base year 2019.

    Its base value is 0 % by definition (the 2019 level); lower is better; the target is
    −50 % by 2030; the rule is :data:`CLIMATE_PATH`.
    """
    return Metric(
        id=metric_id,
        name=name,
        unit="%",
        direction=Direction.LOWER_IS_BETTER,
        strategy=CLIMATE_PATH,
        base_year=BASE_YEAR,
        base_value=0.0,
        targets=(HALVED_BY_2030,),
        note=note,
    )
