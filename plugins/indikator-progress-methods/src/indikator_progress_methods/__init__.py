"""Published progress-assessment methods for indikator.

* :mod:`indikator_progress_methods.kernels`: pure functions on plain floats for the
  Statistics Canada / Open SDG progress measure, the Destatis weather symbols, the UNSD
  progress-chart ratio and the EUSTAT projection share.
* :mod:`indikator_progress_methods.strategies`: the four methods as indikator strategies
  (``open_sdg_progress``, ``destatis_weather``, ``unsd_progress_chart``,
  ``eustat_projection``), each keeping its own category in the explanation and mapping it
  onto indikator's verdict through a configurable ``verdicts`` parameter.
* :mod:`indikator_progress_methods.rollups`: :class:`OpenSdgIndicator`, the Open SDG
  mean-score roll-up of an indicator's series.
* :mod:`indikator_progress_methods.plugin`: the hook registering the strategies (entry
  point ``progress_methods``).
"""

__version__ = "0.1.0"
