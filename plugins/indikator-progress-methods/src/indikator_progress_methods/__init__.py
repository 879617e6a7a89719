"""Published progress-assessment methods for indikator.

The public classes are importable from the package itself::

    from indikator_progress_methods import OpenSdgIndicator, OpenSdgProgress

* :mod:`indikator_progress_methods.kernels`: pure functions on plain floats for the
  Statistics Canada / Open SDG progress measure, the Destatis weather symbols, the UNSD
  progress-chart ratio and the EUSTAT projection share.
* :mod:`indikator_progress_methods.strategies`: the four methods as indikator strategies
  (:class:`OpenSdgProgress` ``open_sdg_progress``, :class:`DestatisWeather`
  ``destatis_weather``, :class:`UnsdProgressChart` ``unsd_progress_chart``,
  :class:`EustatProjection` ``eustat_projection``), each keeping its own category in the
  explanation and mapping it onto indikator's verdict through a configurable
  ``verdicts`` parameter (defaults: the ``*_VERDICTS`` mappings).
* :mod:`indikator_progress_methods.rollups`: :class:`OpenSdgIndicator`, the Open SDG
  mean-score roll-up of an indicator's series.
* :mod:`indikator_progress_methods.plugin`: the hook registering the strategies (entry
  point ``progress_methods``).
"""

from indikator_progress_methods.rollups import OpenSdgIndicator
from indikator_progress_methods.strategies import (
    DESTATIS_VERDICTS,
    EUSTAT_VERDICTS,
    OPEN_SDG_VERDICTS,
    UNSD_VERDICTS,
    DestatisWeather,
    EustatProjection,
    OpenSdgProgress,
    UnsdProgressChart,
)

__all__ = [
    "DESTATIS_VERDICTS",
    "EUSTAT_VERDICTS",
    "OPEN_SDG_VERDICTS",
    "UNSD_VERDICTS",
    "DestatisWeather",
    "EustatProjection",
    "OpenSdgIndicator",
    "OpenSdgProgress",
    "UnsdProgressChart",
    "__version__",
]

__version__ = "0.1.0"
