"""Published progress-assessment methods for indikator.

The numeric kernels live in :mod:`indikator_progress_methods.kernels`: pure functions on
plain floats for the Statistics Canada / Open SDG progress measure, the Destatis weather
symbols, the UNSD progress-chart ratio and the EUSTAT projection share. Wiring them into
indikator's strategy protocol is done by a plugin module (not written yet).
"""
