"""The library's one unit registry, with the units Swedish follow-up reports print.

The registry is pint's default one extended with these domain units and built lazily on
first use (so importing :mod:`indikator` stays cheap):

=====================  =====================  ================================================
printed                 meaning                 dimension
=====================  =====================  ================================================
``%``, ``procent``      percent (0.01)          dimensionless
``procentenheter``      percentage point        dimensionless (0.01): a difference of shares
``st``, ``pcs``         piece (stycken)         ``[count]``
``portion``             a served portion        ``[count]``
``recept``              a prescription          ``[count]``
``invånare``            inhabitant              ``[population]``
``länsinvånare``        inhabitant of a county  ``[population]``
``1000 invånare``       a thousand inhabitants  ``[population]`` (factor 1000)
``m2 BRA``              m² of usable floor      ``[length]**2`` (BRA is a qualifier)
``CO2e``                CO₂ equivalent          ``[co2e]``, so ``t CO2e`` is ``[mass]*[co2e]``
``gram``, ``g``         gram                    ``[mass]``
=====================  =====================  ================================================

Decisions, and why:

* **Counts are a dimension of their own** (``[count]``), not dimensionless, so a number of
  pieces can never be compared with a percentage. Portions and prescriptions are counts
  too: ``g/portion`` and ``g/st`` are the same kind of quantity (mass per item).
* **Inhabitants are a separate dimension** (``[population]``) so that "per inhabitant" never
  cancels against a count: ``kg/invånare`` and ``kg/st`` are incompatible.
* **Percentage points** are dimensionless like percent; pint cannot tell a share from a
  difference of shares, so a dead band given in ``procentenheter`` applies to ``%`` data
  as one would expect (1 procentenhet = 1 %).
* **BRA** (bruksarea, usable floor area) qualifies the area: ``kWh/m2 BRA`` is read as
  energy per square metre, written with the ``m2_BRA`` unit so that it prints as it came.
* **CO2e** is a base dimension of its own, as in openscm-units: ``t CO2e`` converts to
  ``kg CO2e`` but never to plain tonnes.

Conversions across dimensions are refused with an :class:`~indikator.errors.UnitError`
that names both units.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from typing import TYPE_CHECKING, Any

from indikator.errors import UnitError

if TYPE_CHECKING:
    import pint

__all__ = [
    "DOMAIN_DEFINITIONS",
    "are_compatible",
    "conversion_factor",
    "convert",
    "get_registry",
    "normalize_unit",
    "parse_unit",
]

DOMAIN_DEFINITIONS: tuple[str, ...] = (
    "piece = [count] = st = pcs = styck = stycken",
    "portion = piece = _ = portioner",
    "recept = piece = _ = prescription",
    "inhabitant = [population] = invånare = länsinvånare = capita",
    "thousand_inhabitants = 1000 * inhabitant = _ = tusen_invånare",
    "m2_BRA = meter ** 2",
    "CO2e = [co2e] = _ = CO2_eq = CO2eq",
    "percentage_point = 0.01 = _ = procentenhet = procentenheter",
    "procent = percent",
)
"""The pint definitions the library adds to pint's defaults, in order."""

# Printed forms that pint's grammar cannot read as they stand, rewritten before parsing.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bm(?:2|²|\*\*2|\^2)\s*BRA\b"), "m2_BRA"),
    (re.compile(r"/\s*1\s?000\s+(invånare|länsinvånare|inhabitants?)\b"), "/thousand_inhabitants"),
    (re.compile(r"²"), "**2"),
    (re.compile(r"\bm2\b"), "m**2"),
)

_lock = threading.Lock()
_registry: pint.UnitRegistry[Any] | None = None


def get_registry() -> pint.UnitRegistry[Any]:
    """The library's unit registry, built on first call and shared afterwards."""
    global _registry
    if _registry is None:
        with _lock:
            if _registry is None:
                reg = _new_registry()
                for line in DOMAIN_DEFINITIONS:
                    reg.define(line)
                reg.formatter.default_format = "~"
                _registry = reg
    return _registry


def _new_registry() -> pint.UnitRegistry[Any]:
    """Pint's default registry, read through pint's own definitions cache when possible.

    Parsing pint's definitions file is most of the cost of a cold start; pint can keep the
    parsed result in the user's cache folder (``INDIKATOR_UNIT_CACHE=0`` turns that off).
    Any problem with the cache falls back to an uncached registry.
    """
    import os

    import pint

    if os.environ.get("INDIKATOR_UNIT_CACHE", "1") not in ("0", "false", "no"):
        try:
            return pint.UnitRegistry(autoconvert_offset_to_baseunit=False, cache_folder=":auto:")
        except Exception:  # an unusable cache must never stop the library
            pass
    return pint.UnitRegistry(autoconvert_offset_to_baseunit=False)


def normalize_unit(text: str) -> str:
    """Rewrite a unit as reports print it into pint's grammar.

    ``"kWh/m2 BRA"`` becomes ``"kWh/m2_BRA"``, ``"recept/1000 invånare"`` becomes
    ``"recept/thousand_inhabitants"``; anything else passes through with surrounding
    white space removed.
    """
    out = " ".join(text.split())
    for pattern, replacement in _REWRITES:
        out = pattern.sub(replacement, out)
    return out


@functools.lru_cache(maxsize=1024)
def parse_unit(text: str) -> pint.Unit:
    """Parse a unit string as printed (``"kWh/km"``, ``"kg/länsinvånare"``, ``"%"``, ...).

    Raises:
        UnitError: The string is empty or names no unit the registry knows.
    """
    import pint

    if not isinstance(text, str) or not text.strip():
        raise UnitError("a unit is required", field="unit", value=text)
    reg = get_registry()
    try:
        return reg.parse_units(normalize_unit(text))
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError) as exc:
        raise UnitError(f"unknown unit: {exc}", field="unit", value=text) from None


def are_compatible(a: str, b: str) -> bool:
    """Whether values in unit ``a`` can be converted to unit ``b``."""
    return parse_unit(a).dimensionality == parse_unit(b).dimensionality


@functools.lru_cache(maxsize=4096)
def conversion_factor(source: str, target: str) -> float:
    """The factor that converts a magnitude in ``source`` into ``target``.

    Offset units (degrees Celsius) have no single factor and are refused.

    Raises:
        UnitError: A unit is unknown, or the two are of different dimensions.
    """
    if source == target:
        parse_unit(source)
        return 1.0
    src, dst = parse_unit(source), parse_unit(target)
    if src.dimensionality != dst.dimensionality:
        raise UnitError(
            f"cannot convert {source!r} ({_dims(src)}) to {target!r} ({_dims(dst)}): "
            "the units are incompatible",
            field="unit",
        )
    reg = get_registry()
    try:
        factor = float(reg.Quantity(1.0, src).to(dst).magnitude)
        zero = float(reg.Quantity(0.0, src).to(dst).magnitude)
    except Exception as exc:  # pint raises several types for offset units
        raise UnitError(f"cannot convert {source!r} to {target!r}: {exc}", field="unit") from None
    if zero != 0.0 or not math.isfinite(factor):
        raise UnitError(
            f"cannot convert {source!r} to {target!r} by a factor (offset units are not supported)",
            field="unit",
        )
    return factor


def convert(value: float, source: str, target: str) -> float:
    """Convert one magnitude from unit ``source`` to unit ``target``."""
    return value * conversion_factor(source, target)


def _dims(unit: pint.Unit) -> str:
    dims = str(unit.dimensionality)
    return "dimensionless" if dims == "dimensionless" else dims
