"""The library's one unit registry, reading units as Swedish and statistical reports print them.

The registry is pint's default one extended with the domain units of Swedish follow-up
reports, built lazily on first use (importing :mod:`indikator` stays cheap). Every unit
string goes through a bounded grammar (:mod:`indikator.units._grammar`) before pint sees
it, so every string yields a unit or a :class:`~indikator.errors.UnitError`, never an
internal error or a hang.

=========================  ==========================  =====================================
printed                    meaning                     kind of quantity
=========================  ==========================  =====================================
``%``, ``procent``         percent (0.01)              a pure number
``‰``, ``promille``        per mille (0.001)           a pure number
``procentenheter``, ``pe``  percentage point           a pure number (0.01)
``st``, ``antal``          piece, number of            a count
``portion``, ``recept``    a portion, a prescription   a count
``invånare``               inhabitant                  inhabitants
``per 100 000 invånare``   per N inhabitants, any N    per inhabitants (scaled)
``t``, ``kt``, ``kton``    tonne, kilotonne            a mass (metric tonnes only)
``Mt``, ``Gt``, ``ton``    megatonne, gigatonne, tonne a mass
``t CO2e``, ``kt CO2-ekv`` tonnes of CO₂ equivalents   a mass of CO₂ equivalents
``mil``                    Swedish mil, 10 km          a length
``kr``, ``tkr``, ``mnkr``  kronor, thousands, millions money (SEK), a kind of its own
``mdkr``                   billions (miljarder) of kr  money (SEK)
``dagar``, ``timmar``      days, hours (Swedish)       a duration
``index (2015 = 100)``     an index with a base year   an index of that base year
``m2 Atemp``, ``m2 BOA``   Swedish floor-area measures each a floor area of its own
=========================  ==========================  =====================================

See ``docs/explanation/units.md`` for each choice and the list of pint's defaults a
Swedish reader would misread (the traps), each with a test.

Free-text labels ("Percentage (%)") are read as units in three ways: a label that ends in
a unit in parentheses is read as that unit; a plugin declares ``@label TEXT = UNIT``; a
dataset's manifest declares ``[unit_labels]`` (applied while its files are read, see
:func:`unit_labels`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from indikator.errors import UnitError
from indikator.units import _grammar, _registry, _words
from indikator.units._grammar import MAX_EXPONENT, MAX_LENGTH
from indikator.units._registry import (
    DOMAIN_DEFINITIONS,
    FLOOR_AREAS,
    OVERRIDES,
    REFUSED,
    define_plugin_line,
    get_registry,
)

if TYPE_CHECKING:
    import pint

__all__ = [
    "DOMAIN_DEFINITIONS",
    "FLOOR_AREAS",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "OVERRIDES",
    "PLACEHOLDERS",
    "REFUSED",
    "are_compatible",
    "conversion_factor",
    "convert",
    "define_plugin_line",
    "describe_unit",
    "get_registry",
    "normalize_unit",
    "parse_unit",
    "resolve_label",
    "unit_cell",
    "unit_labels",
]

PLACEHOLDERS: frozenset[str] = frozenset({"-", "–", "—", "..", "…"})
"""What exports put in an empty unit cell; refused with a message saying so."""

# Printed forms rewritten before the grammar reads them.
_FLOOR = "|".join(FLOOR_AREAS)
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"CO₂"), "CO2"),
    (re.compile(r"\bCO2[-\s]?(?:ekv(?:ivalenter)?|eq|e)\b\.?"), "CO2e"),
    (re.compile(rf"\b(?:m(?:2|²|\*\*2|\^2)|kvm)\s*({_FLOOR})\b"), r"m2_\1"),
    (re.compile(r"[·⋅×]"), "*"),
    (re.compile(r"−"), "-"),
    (re.compile(r"°\s?([CF])\b"), r"deg\1"),
    (re.compile(r"\btusen\s+(?:kronor|kr)\b\.?"), "tkr"),
    (re.compile(r"\b(?:miljoner|milj\.?|mn)\s+(?:kronor|kr)\b\.?"), "mnkr"),
    (re.compile(r"\b(?:miljarder|mdr\.?|md)\s+(?:kronor|kr)\b\.?"), "mdkr"),
)
_INDEX = re.compile(
    r"^(?:index|indextal)[\s,]*\(?\s*(?:bas(?:år)?\s*)?(\d{4})\s*=\s*100\s*\)?$",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^[^\W\d][\w ,.'’-]{0,80}\(([^()]{1,40})\)$")

_NO_LABELS: Mapping[str, str] = MappingProxyType({})
_scoped: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar(
    "indikator_unit_labels", default=_NO_LABELS
)


def normalize_unit(text: str) -> str:
    """Rewrite a unit as reports print it into the grammar's words.

    ``"kWh/m2 BRA"`` becomes ``"kWh/m2_BRA"``, ``"kt CO₂-ekv"`` becomes ``"kt CO2e"``;
    white space is collapsed.
    """
    out = " ".join(text.split())
    for pattern, replacement in _REWRITES:
        out = pattern.sub(replacement, out)
    return out


@contextlib.contextmanager
def unit_labels(labels: Mapping[str, str]) -> Iterator[None]:
    """Read these free-text labels as units inside the ``with`` block.

    A dataset's manifest declares its labels once (``"Percentage (%)" = "%"``); its
    files are read inside this block, and the reader stores the declared unit.

    Args:
        labels: Label (white space collapsed) to unit.
    """
    merged = {**_scoped.get(), **{" ".join(k.split()): v for k, v in labels.items()}}
    token = _scoped.set(merged)
    try:
        yield
    finally:
        _scoped.reset(token)


def resolve_label(text: str) -> str:
    """The unit a declared label stands for (from the manifest in scope or a plugin).

    Returns ``text`` itself when it is not a declared label.
    """
    key = " ".join(text.split())
    scoped = _scoped.get()
    if scoped:
        found = scoped.get(key)
        if found is not None:
            return found
    return _registry.plugin_label(key) or text


def unit_cell(text: str | None) -> str | None:
    """A unit cell's text as a unit: ``None`` when empty or an export's placeholder (``-``).

    Readers use it on a data file's unit column, so that the ``-`` Swedish exports put in
    empty cells means "no unit" (a value without a unit is then refused as such).
    """
    if text is None or not text.strip() or text.strip().casefold() in PLACEHOLDERS:
        return None
    return text


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise UnitError("a unit must be a text", field="unit", value=text)
    stripped = text.strip()
    if not stripped:
        raise UnitError("a unit is required", field="unit", value=text)
    if len(stripped) > MAX_LENGTH:
        raise UnitError(
            f"a unit is at most {MAX_LENGTH} characters (got {len(stripped)})",
            field="unit",
            value=stripped[:40] + "...",
        )
    if stripped.casefold() in PLACEHOLDERS:
        raise UnitError(
            "this is the placeholder of an empty cell, not a unit: leave the cell empty "
            "or give the unit",
            field="unit",
            value=text,
        )
    return stripped


def parse_unit(text: object) -> pint.Unit:
    """Parse a unit string as printed (``"kWh/km"``, ``"kg/länsinvånare"``, ``"%"``, ...).

    Declared labels are read as their unit first (see :func:`resolve_label`).

    Raises:
        UnitError: The string is empty, too long, outside the unit grammar, or names no
            unit the registry knows; the message says which.
    """
    stripped = _check_text(text)
    canonical = resolve_label(stripped) if _registry.labels or _scoped.get() else stripped
    if canonical != stripped:
        try:
            return _parse(_check_text(canonical))
        except UnitError as exc:
            raise UnitError(
                f"the label stands for {canonical!r}, which cannot be read: {exc.message}",
                field="unit",
                value=text,
            ) from None
    return _parse(stripped)


@functools.lru_cache(maxsize=2048)
def _parse(text: str) -> pint.Unit:
    _registry.ensure_defaults()
    index = _INDEX.match(text)
    if index:
        year = int(index.group(1))
        if not 1800 <= year <= 2200:
            raise UnitError("an index's base year must lie between 1800 and 2200",
                            field="unit", value=text)
        return get_registry().parse_units(_registry.index_unit(year))
    labelled = _LABELLED.match(text)
    if labelled is not None:
        inner = _labelled_unit(text[: labelled.start(1) - 1], labelled.group(1).strip())
        if inner is not None:
            return inner
    return _parse_expression(text)


def _labelled_unit(prefix: str, inner: str) -> pint.Unit | None:
    """``"Percentage (%)"``: the unit in parentheses.

    Unless the words before it are a unit of another kind: ``"kg (CO2e)"`` is read whole.
    """
    try:
        unit = _parse(inner)
    except UnitError:
        return None
    try:
        before = _parse_expression(prefix.strip())
    except UnitError:
        return unit
    return unit if before.dimensionality == unit.dimensionality else None


def _resolve_name(word: str) -> str:
    if word in OVERRIDES:
        return OVERRIDES[word]
    if word in REFUSED:
        raise UnitError(f"{word!r} is not read as a unit: {REFUSED[word]}", field="unit")
    if word.startswith("_") or not word.isidentifier():
        raise UnitError(f"{word!r} is not a unit name", field="unit")
    return word


def _parse_expression(text: str) -> pint.Unit:
    try:
        expression = _grammar.canonical(normalize_unit(text), _resolve_name, _registry.scaled)
    except UnitError as exc:
        raise UnitError(exc.message, field="unit", value=text) from None
    reg = get_registry()
    try:
        unit = reg.parse_units(expression)
        powers = [float(p) for p in unit.dimensionality.values()]  # type: ignore[arg-type, unused-ignore]
    except Exception as exc:  # pint raises many types; all mean "not a unit"
        raise UnitError(f"unknown unit: {_pint_reason(exc)}", field="unit", value=text) from None
    if any(abs(p) > 3 * MAX_EXPONENT for p in powers):
        raise UnitError("the unit's powers are too large", field="unit", value=text)
    return unit


def _pint_reason(exc: Exception) -> str:
    import pint

    if isinstance(exc, pint.errors.UndefinedUnitError):
        names = ", ".join(repr(u) for u in exc.unit_names) if exc.unit_names else ""
        return f"{names} is not a unit indikator knows" if names else "not a known unit"
    return f"not a unit indikator can read ({type(exc).__name__}: {str(exc)[:80]})"


def describe_unit(text: str) -> str:
    """What a unit measures, in words: ``"kWh"`` is "an energy", ``"MWh/m2"`` "energy per area".

    Raises:
        UnitError: The unit cannot be parsed.
    """
    return _words.describe(parse_unit(text).dimensionality.items())


def are_compatible(a: str, b: str) -> bool:
    """Whether values in unit ``a`` can be converted to unit ``b``."""
    return parse_unit(a).dimensionality == parse_unit(b).dimensionality


def conversion_factor(source: str, target: str) -> float:
    """The factor that converts a magnitude in ``source`` into ``target``.

    Cached per pair of units (as written, after declared labels are resolved). Offset
    units (degrees Celsius) have no single factor and are refused.

    Raises:
        UnitError: A unit cannot be parsed, or the two measure different kinds of
            quantity (the message says what each measures, with a hint for the units
            Swedish reports use in another sense than pint: kt, mil, ton).
    """
    if _registry.labels or _scoped.get():
        return _factor(resolve_label(source), resolve_label(target))
    return _factor(source, target)


@functools.lru_cache(maxsize=4096)
def _factor(source: str, target: str) -> float:
    if source == target:
        parse_unit(source)
        return 1.0
    src, dst = parse_unit(source), parse_unit(target)
    if src.dimensionality != dst.dimensionality:
        raise UnitError(
            f"cannot convert: {_what(source, src)}; {_what(target, dst)}"
            f"{_hints(source, target)}",
            field="unit",
        )
    reg = get_registry()
    try:
        factor = float(reg.Quantity(1.0, src).to(dst).magnitude)
        zero = float(reg.Quantity(0.0, src).to(dst).magnitude)
    except Exception as exc:  # pint raises several types for offset units
        raise UnitError(
            f"cannot convert {source!r} to {target!r}: {type(exc).__name__}", field="unit"
        ) from None
    if zero != 0.0:
        raise UnitError(
            f"cannot convert {source!r} to {target!r} by a factor (offset units are not supported)",
            field="unit",
        )
    if not math.isfinite(factor) or factor == 0.0 or not math.isfinite(1.0 / factor):
        raise UnitError(
            f"cannot convert {source!r} to {target!r}: the factor is out of range",
            field="unit",
        )
    return factor


def convert(value: float, source: str, target: str) -> float:
    """Convert one magnitude from unit ``source`` to unit ``target``.

    Raises:
        UnitError: The units cannot be converted, or the result overflows.
    """
    out = value * conversion_factor(source, target)
    if math.isfinite(value) and not math.isfinite(out):
        raise UnitError(
            f"{value!r} {source} is too large to convert to {target}", field="value"
        )
    return out


def _what(text: str, unit: pint.Unit) -> str:
    return f"{text!r} is {_words.describe(unit.dimensionality.items())}"


_WORD = re.compile(r"[^\W\d]\w*")


def _hints(*texts: str) -> str:
    seen: list[str] = []
    for text in texts:
        for word in _WORD.findall(text):
            hint = _registry.HINTS.get(word)
            if hint is not None and hint not in seen:
                seen.append(hint)
    return "".join(f" (note: {h})" for h in seen)


def reset_units() -> None:
    """Forget the unit registry and everything parsed with it (rebuilt on next use)."""
    _registry.reset()
    _parse.cache_clear()
    _factor.cache_clear()
