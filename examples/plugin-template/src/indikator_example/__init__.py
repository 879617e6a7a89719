"""An indikator plugin: one indicator with one metric, and a programme using it.

Registered under the entry-point group ``indikator`` as ``example`` (see
``pyproject.toml``). Every hook builds its records when called, so that nothing happens
at import time and units defined by plugins are known by then.

The tests (``tests/``) name the indicator and the programme through the constants below:
keep them, with your own ids, when you write your own indicators.
"""

from __future__ import annotations

import indikator
from indikator import Direction, Label, Metric, SimpleIndicator, Target
from indikator.provides import GoalAreaSpec, ProgrammeSpec
from indikator.strategies import VsBase

__all__ = ["indikator_indicators", "indikator_programmes"]

__version__ = "0.1.0"

INDICATOR_ID = "example.organic-food"
"""The id of the indicator (prefix your ids: they are unique among all plugins)."""
METRIC_ID = "example.organic-food-share"
"""The id of its metric, which data files name."""
PROGRAMME_ID = "example-programme"
"""The id of the programme, which a dataset's manifest names."""


@indikator.hookimpl
def indikator_indicators() -> list[SimpleIndicator]:
    """The share of organic food bought increases, towards 60 % in 2030."""
    return [
        SimpleIndicator(
            id=INDICATOR_ID,
            name=Label(
                "Andelen ekologiska livsmedel ökar", "The share of organic food increases"
            ),
            target=Label("60 % år 2030", "60 % in 2030"),
            metrics=[
                Metric(
                    id=METRIC_ID,
                    name=Label(
                        "Andel ekologiska livsmedel av inköpta livsmedel",
                        "Share of organic food in food bought",
                    ),
                    unit="%",
                    direction=Direction.HIGHER_IS_BETTER,
                    base_year=2019,
                    # Against the previous year; a change within ±1 percentage point
                    # is "unchanged".
                    strategy=VsBase(dead_band=1.0),
                    targets=[Target(value=60, unit="%", year=2030)],
                )
            ],
        )
    ]


@indikator.hookimpl
def indikator_programmes() -> list[ProgrammeSpec]:
    """A programme with one goal area, which names the indicator by id."""
    return [
        ProgrammeSpec(
            id=PROGRAMME_ID,
            name=Label("Exempelprogram", "Example programme"),
            goal_areas=[
                GoalAreaSpec(
                    id="example.food",
                    name=Label("Hållbar mat", "Sustainable food"),
                    indicators=[INDICATOR_ID],
                )
            ],
        )
    ]
