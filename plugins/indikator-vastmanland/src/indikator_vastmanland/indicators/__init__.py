"""The programme's eleven indicators, one plugin module each (in report order)."""

from __future__ import annotations

from typing import Final

__all__ = ["MODULES"]

MODULES: Final = (
    "circular_flows",
    "assessed_purchases",
    "co2e_total",
    "fossil_free_transport",
    "energy_climate",
    "purchases_climate",
    "capital_carbon",
    "climate_risk",
    "products_biodiversity",
    "pharmaceuticals",
    "chemicals",
)
"""The indicator modules of this package, in the order Bilaga 1 prints them."""
