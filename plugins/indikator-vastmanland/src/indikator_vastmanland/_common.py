"""Figures of the programme that the tests and the README refer to.

The definitions themselves are programme files under ``programme/`` (package data).
"""

from __future__ import annotations

from typing import Final

__all__ = ["BASE_YEAR", "CLIMATE_PATH_START_YEAR", "PROGRAMME_ID"]

PROGRAMME_ID: Final = "vastmanland-2023-2030"
"""The programme id a dataset's manifest names."""

BASE_YEAR: Final = 2019
"""The base year of the climate metrics ("Mäts gentemot basår 2019")."""

CLIMATE_PATH_START_YEAR: Final = 2021
"""Where the even-pace climate path starts (``start_year`` of the climate metrics' rule).

The report: "För att nå målet i jämn takt borde minskningen 2024 uppgått till sexton
procent". A straight line from 0 % to −50 % that requires −16,67 % in 2024 starts in
2021 (50 × 3/9); one starting in the base year 2019 would require −22,7 % (50 × 5/11).
The base value stays the 2019 level (0 %); only the start of the pace is 2021.
"""
