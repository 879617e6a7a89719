"""The results layer: the result table, and the assessment trees built from it."""

from __future__ import annotations

from indikator.results.result import COLUMNS, Result, Slots, judgment_explanation

__all__ = ["COLUMNS", "Result", "Slots", "judgment_explanation"]
