"""Open SDG data repositories as an indikator programme and dataset.

About thirty statistics offices publish their SDG indicators as Open SDG data
repositories: a CSV per indicator (``data/indicator_1-2-1.csv``: ``Year``, ``Series``,
``Units``, disaggregation columns, ``GeoCode``, ``Value``), each indicator's
configuration (``indicator-config/1-2-1.yml`` or ``meta/1-2-1.yml|md``) whose
``progress_calculation_options`` say how Open SDG's automatic progress measure rates each
series, and the site's ``config_data.yml``. :func:`read_open_sdg` turns such a folder into
a :class:`~indikator.Programme` and a :class:`~indikator.Dataset`; rated with
``indikator.evaluate(site.programme, site.dataset, periods="latest")`` (each series at its
own latest year, as sdg-build rates them) they give the statuses and scores the site
publishes. ``indikator assess PATH`` does the same from the command line (the plugin's
dataset reader, ``open_sdg``).

How the rows of a series are selected is in :mod:`indikator_progress_methods.open_sdg._data`;
what each option means in :mod:`indikator_progress_methods.open_sdg._config`.
"""

from __future__ import annotations

from indikator_progress_methods.open_sdg._build import (
    PROGRAMME_ID,
    OpenSdgSeries,
    OpenSdgSite,
    StrategyFactory,
    is_open_sdg_repository,
    open_sdg_strategy,
    read_open_sdg,
)
from indikator_progress_methods.open_sdg._config import Group, SeriesOptions

__all__ = [
    "PROGRAMME_ID",
    "Group",
    "OpenSdgSeries",
    "OpenSdgSite",
    "SeriesOptions",
    "StrategyFactory",
    "is_open_sdg_repository",
    "open_sdg_strategy",
    "read_open_sdg",
]
