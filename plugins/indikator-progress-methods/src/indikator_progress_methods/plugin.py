"""The plugin module: registers the four published methods as indikator strategies.

Registered under the entry-point group ``indikator`` as ``progress_methods`` (see
``pyproject.toml``). The Open SDG indicator roll-up is an
:class:`~indikator.Indicator` subclass
(:class:`~indikator_progress_methods.rollups.OpenSdgIndicator`), not a roll-up rule, so
it is used by building indicators with it rather than registered by id.

The plugin also reads Open SDG data repositories (hook ``indikator_dataset_readers``,
reader ``open_sdg``): ``indikator assess PATH`` on a repository folder rates every
configured series at its own latest year with the Open SDG measure, as the site does.
"""

from __future__ import annotations

from pathlib import Path

import indikator
from indikator import Label
from indikator.provides import DatasetRead, DatasetReader, StrategyType

from indikator_progress_methods.strategies import (
    DestatisWeather,
    EustatProjection,
    OpenSdgProgress,
    UnsdProgressChart,
)

__all__ = ["indikator_dataset_readers", "indikator_strategies"]


@indikator.hookimpl
def indikator_strategies() -> list[StrategyType]:
    """The Open SDG, Destatis, UNSD and EUSTAT progress methods."""
    return [
        StrategyType(
            id=OpenSdgProgress.id,
            factory=OpenSdgProgress,
            description=Label(
                "Statistics Canada / Open SDG: årlig tillväxttakt sedan basåret mot fasta "
                "gränser, eller mot den takt målet kräver; poäng -5 till 5.",
                "Statistics Canada / Open SDG: annual growth since the base year against "
                "fixed thresholds, or against the rate the target requires; score -5 to 5.",
            ),
        ),
        StrategyType(
            id=DestatisWeather.id,
            factory=DestatisWeather,
            description=Label(
                "Destatis vädersymboler: genomsnittlig årlig förändring över de senaste sex "
                "värdena framskriven till målåret; sol, växlande molnighet, moln, åska.",
                "Destatis weather symbols: the average annual change over the last six "
                "values projected to the target year; sun, partly cloudy, cloud, "
                "thunderstorm.",
            ),
        ),
        StrategyType(
            id=UnsdProgressChart.id,
            factory=UnsdProgressChart,
            description=Label(
                "FN:s statistikdivision (progress chart): kvoten mellan observerad och "
                "nödvändig årlig tillväxttakt mot gränserna 0,95, 0,5 och -0,1.",
                "UN Statistics Division progress chart: the ratio of observed to required "
                "annual growth against the thresholds 0.95, 0.5 and -0.1.",
            ),
        ),
        StrategyType(
            id=EustatProjection.id,
            factory=EustatProjection,
            description=Label(
                "EUSTAT: den observerade takten framskriven till målåret, som andel av vägen "
                "från basvärdet till målet (gränser 95 % och 10 %).",
                "EUSTAT: the observed growth projected to the target year, as a share of the "
                "way from the base value to the target (thresholds 95 % and 10 %).",
            ),
        ),
    ]


def _claims(folder: Path) -> bool:
    from indikator_progress_methods.open_sdg import is_open_sdg_repository

    return is_open_sdg_repository(folder)


def _read(folder: Path) -> DatasetRead:
    from indikator_progress_methods.open_sdg import read_open_sdg

    site = read_open_sdg(folder)
    return DatasetRead(programme=site.programme, dataset=site.dataset, periods="latest",
                       warnings=site.warnings())


@indikator.hookimpl
def indikator_dataset_readers() -> list[DatasetReader]:
    """The Open SDG data repository reader."""
    return [
        DatasetReader(
            id="open_sdg",
            description=Label(
                "Open SDG-datarepositorium (config_data.yml, data/*.csv, indicator-config/ "
                "eller meta/): varje serie bedöms vid sitt senaste år med Open SDG-metoden.",
                "Open SDG data repository (config_data.yml, data/*.csv, indicator-config/ "
                "or meta/): each series rated at its own latest year with the Open SDG "
                "measure.",
            ),
            claims=_claims,
            read=_read,
        )
    ]
