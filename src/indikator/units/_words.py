"""What a unit measures, in words a data clerk can read (never pint's dimension strings).

``kWh`` is "an energy", ``MWh/m2`` "energy per area", ``kg/invånare`` "mass per
inhabitant". Kinds not in the table are spelt out from their base quantities
("mass × length / time").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

Dims = frozenset[tuple[str, int]]

_BASE_WORDS: Mapping[str, str] = {
    "[mass]": "mass",
    "[length]": "length",
    "[time]": "time",
    "[temperature]": "temperature",
    "[current]": "electric current",
    "[substance]": "amount of substance",
    "[luminosity]": "luminosity",
    "[count]": "count",
    "[population]": "inhabitants",
    "[co2e]": "CO2 equivalents",
    "[currency]": "money (SEK)",
    "[index]": "index points",
}


def _dims(pairs: Iterable[tuple[str, int]]) -> Dims:
    return frozenset((d, p) for d, p in pairs if p)


# (dims, with article, bare) — the bare form is used inside "X per Y".
_KINDS: tuple[tuple[Dims, str, str], ...] = (
    (_dims([]), "a pure number (a share, ratio or percentage)", "share"),
    (_dims([("[mass]", 1)]), "a mass", "mass"),
    (_dims([("[length]", 1)]), "a length", "length"),
    (_dims([("[length]", 2)]), "an area", "area"),
    (_dims([("[length]", 3)]), "a volume", "volume"),
    (_dims([("[time]", 1)]), "a duration", "time"),
    (_dims([("[mass]", 1), ("[length]", 2), ("[time]", -2)]), "an energy", "energy"),
    (_dims([("[mass]", 1), ("[length]", 2), ("[time]", -3)]), "a power", "power"),
    (_dims([("[length]", 1), ("[time]", -1)]), "a speed", "speed"),
    (_dims([("[mass]", 1), ("[co2e]", 1)]), "a mass of CO2 equivalents",
     "mass of CO2 equivalents"),
    (_dims([("[count]", 1)]), "a count (pieces)", "count"),
    (_dims([("[population]", 1)]), "a number of inhabitants", "inhabitant"),
    (_dims([("[currency]", 1)]), "an amount of money (SEK)", "money (SEK)"),
    (_dims([("[index]", 1)]), "an index", "index point"),
    (_dims([("[temperature]", 1)]), "a temperature", "temperature"),
)

_FLOOR = re.compile(r"^\[floor_area_(\w+)\]$")
_INDEX = re.compile(r"^\[index_(\d{4})\]$")


def _single(dim: str) -> tuple[str, str] | None:
    m = _FLOOR.match(dim)
    if m:
        return f"a floor area ({m.group(1)})", f"floor area ({m.group(1)})"
    m = _INDEX.match(dim)
    if m:
        return f"an index ({m.group(1)} = 100)", f"index point ({m.group(1)} = 100)"
    return None


def _lookup(dims: Dims) -> tuple[str, str] | None:
    for kind, article, bare in _KINDS:
        if kind == dims:
            return article, bare
    if len(dims) == 1:
        ((dim, power),) = dims
        if power == 1:
            return _single(dim)
    return None


def _divide(a: Dims, b: Dims) -> Dims:
    out = dict(a)
    for d, p in b:
        out[d] = out.get(d, 0) - p
    return _dims(out.items())


def _spelt(dims: Dims) -> str:
    def word(d: str) -> str:
        found = _single(d)
        return found[1] if found else _BASE_WORDS.get(d, d.strip("[]").replace("_", " "))

    def part(items: list[tuple[str, int]]) -> str:
        return " × ".join(word(d) + (f"^{p}" if p != 1 else "") for d, p in items)

    top = sorted((d, p) for d, p in dims if p > 0)
    bottom = sorted((d, -p) for d, p in dims if p < 0)
    if not top:
        return "1 / " + part(bottom)
    return part(top) + (" / " + part(bottom) if bottom else "")


def describe(pairs: Iterable[tuple[str, Any]]) -> str:
    """What a unit of these base dimensions measures, in words.

    Args:
        pairs: (base dimension, power) pairs, as in pint's ``dimensionality``.

    Returns:
        "an energy", "energy per area", "mass per inhabitant", or the base quantities
        spelt out for kinds without a name.
    """
    dims = _dims((d, int(p)) for d, p in pairs if p == int(p))
    found = _lookup(dims)
    if found:
        return found[0]
    for _kind, _article, bare in _KINDS[1:]:
        per = _divide(_dims(()), _kind)  # the inverse of a known kind
        numerator = _divide(dims, per)
        top = _lookup(numerator)
        if top is not None and numerator != dims:
            return f"{top[1]} per {bare}"
    for dim, power in sorted(dims):
        if power == -1 and (below := _single(dim)) is not None:
            top = _lookup(_divide(dims, _dims([(dim, -1)])))
            if top is not None:
                return f"{top[1]} per {below[1]}"
    return _spelt(dims)
