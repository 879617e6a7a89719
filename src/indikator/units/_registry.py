"""The one shared pint registry: how it is built, what the library adds, what plugins add.

No definitions cache is used: pint's own cache is a pickle in the user's cache folder,
which whoever can write there could replace with code that runs in the next indikator
process. Building pint's default registry from its definitions file costs about a tenth
of a second; the command line's cold start stays well within twice pint's own
(see docs/explanation/units.md for the figures).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from indikator.errors import UnitError

if TYPE_CHECKING:
    import pint

DOMAIN_DEFINITIONS: tuple[str, ...] = (
    "piece = [count] = st = pcs = styck = stycken = antal = Antal = number = Number",
    "portion = piece = _ = portioner",
    "recept = piece = _ = prescription",
    "inhabitant = [population] = invånare = länsinvånare = inv = capita = inhabitants = population",
    "thousand_inhabitants = 1000 * inhabitant = _ = tusen_invånare",
    "CO2e = [co2e] = _ = CO2_eq = CO2eq",
    "percentage_point = 0.01 = _ = procentenhet = procentenheter = pe",
    "procent = percent = _ = percentage = Percentage",
    "promille = permille",
    "krona = [currency] = kr = SEK = kronor",
    "tusen_kronor = 1000 * krona = tkr = tSEK",
    "miljoner_kronor = 1e6 * krona = mnkr = mkr = Mkr",
    "miljarder_kronor = 1e9 * krona = mdkr = mdrkr = mdr_kr",
    "swedish_mil = 10 * kilometer = _ = svensk_mil",
    "index = [index] = _ = indextal = indexpunkter",
    "dag = day = _ = dagar = dygn",
    "timme = hour = tim = timmar",
    "minut = minute = _ = minuter",
    "sekund = second = _ = sekunder",
    "vecka = week = _ = veckor",
    "månad = month = _ = månader",
    "år = year",
    "kvm = meter ** 2",
)
"""The pint definitions the library adds to pint's defaults, in order."""

FLOOR_AREAS: tuple[str, ...] = ("Atemp", "BOA", "BRA", "BTA", "LOA", "NTA")
"""Swedish floor-area measures (SS 21054): each an area of its own kind (``m2 BOA``)."""

OVERRIDES: Mapping[str, str] = {
    "kt": "kilotonne",
    "kton": "kilotonne",
    "ktons": "kilotonne",
    "kiloton": "kilotonne",
    "Mton": "megatonne",
    "megaton": "megatonne",
    "Gton": "gigatonne",
    "gigaton": "gigatonne",
    "Mt": "megatonne",
    "Gt": "gigatonne",
    "ton": "tonne",
    "tons": "tonne",
    "mil": "swedish_mil",
}
"""Names a Swedish report uses in another sense than pint's defaults (see the traps)."""

REFUSED: Mapping[str, str] = {
    "pt": "pint reads 'pt' as a pint (0.47 l); write procentenheter for percentage points",
    "ppt": "'ppt' is a picopint in pint and means percentage points or parts per thousand "
    "or trillion elsewhere; write procentenheter, promille or ppm",
    "gr": "pint reads 'gr' as a grain (65 mg); write g for gram",
    "kn": "pint reads 'kn' as a knot; write kr, tkr or mnkr for Swedish kronor",
    "sv": "pint reads 'sv' as a sverdrup (a flow of 10⁶ m³/s)",
    "b": "pint reads 'b' as a barn (10⁻²⁸ m²)",
}
"""Names refused with a hint: pint has them, and a Swedish reader means something else."""

HINTS: Mapping[str, str] = {
    "kt": "indikator reads kt and kton as kilotonnes (1 000 t), not knots or US tons",
    "kton": "indikator reads kt and kton as kilotonnes (1 000 t), not knots or US tons",
    "ton": "indikator reads ton as the metric tonne (1 000 kg); write short_ton for a US ton",
    "tons": "indikator reads ton as the metric tonne (1 000 kg); write short_ton for a US ton",
    "mil": "indikator reads mil as the Swedish mil (10 km), not a thousandth of an inch",
}
"""Hints added to conversion messages when one of the units uses one of these names."""

MAX_DYNAMIC = 2000
"""The most units defined on the fly (scaled units, index base years)."""

_lock = threading.RLock()
_registry: pint.UnitRegistry[Any] | None = None
_defaults_done = False
_dynamic: dict[str, str] = {}
_owners: dict[str, tuple[str, str]] = {}
labels: dict[str, tuple[str, str]] = {}
"""Labels plugins declared: label to (plugin, unit)."""


def get_registry() -> pint.UnitRegistry[Any]:
    """The library's unit registry, built on first call and shared afterwards."""
    global _registry
    reg = _registry
    if reg is None:
        with _lock:
            if _registry is None:
                import pint

                built: pint.UnitRegistry[Any] = pint.UnitRegistry(
                    autoconvert_offset_to_baseunit=False, cache_folder=None
                )
                for line in DOMAIN_DEFINITIONS:
                    built.define(line)
                built.formatter.default_format = "~"
                _registry = built
            reg = _registry
    return reg


def reset() -> None:
    """Forget the registry and every definition made in it (rebuilt on next use).

    For the plugin host, when a plugin's import redefined shared units: the registry is
    rebuilt clean and the plugins' units are applied again.
    """
    global _registry, _defaults_done
    with _lock:
        _registry = None
        _defaults_done = False
        _dynamic.clear()
        _owners.clear()
        labels.clear()


def ensure_defaults() -> None:
    """Define the floor areas plugins did not define, once, before the first parse.

    Plugins may say how the floor areas relate (``m2_BOA = 1.25 * m2_BTA``) as long as
    their units are applied before any unit is parsed; every measure not defined by then
    becomes an area of its own kind.
    """
    global _defaults_done
    if _defaults_done:
        return
    with _lock:
        if _defaults_done:
            return
        reg = get_registry()
        for name in FLOOR_AREAS:
            unit = f"m2_{name}"
            if unit not in _owners:
                reg.define(f"{unit} = [floor_area_{name}]")
        _defaults_done = True


def _new_dynamic(name: str, line: str) -> str:
    with _lock:
        if name in _dynamic:
            return name
        if len(_dynamic) >= MAX_DYNAMIC:
            raise UnitError(
                f"too many different scaled units or index bases (at most {MAX_DYNAMIC})",
                field="unit",
            )
        get_registry().define(line)
        _dynamic[name] = line
    return name


def scaled(factor: int, name: str) -> str:
    """The registry name of the unit ``factor`` times ``name`` (defined on first use)."""
    if factor == 1:
        return name
    try:
        get_registry().parse_units(name)
    except Exception:
        raise UnitError(f"{name!r} is not a unit indikator knows", field="unit") from None
    return _new_dynamic(f"{name}_times_{factor}", f"{name}_times_{factor} = {factor} * {name}")


def index_unit(year: int) -> str:
    """The registry name of an index with base year ``year`` (its own kind of quantity)."""
    return _new_dynamic(f"index_{year}", f"index_{year} = [index_{year}]")


# -- plugin units and labels ----------------------------------------------------------

_NAME = re.compile(r"^(?:[^\W\d]\w*|\[[^\W\d]\w*\])$")


def _defined_names(line: str) -> list[str]:
    """The names a pint definition line defines (its name, symbol and aliases)."""
    if line.startswith("@alias"):
        parts = [p.strip() for p in line[len("@alias"):].split("=")]
        return [p for p in parts[1:] if p and p != "_"]
    if line.startswith("@"):
        return []
    parts = [p.strip() for p in line.split("=")]
    names = [parts[0]] + [p for p in parts[2:] if p and p != "_"]
    return [n.rstrip("-") for n in names]


def define_plugin_line(name: str, line: str, plugin: str) -> tuple[bool, str | None]:
    """Add one plugin definition line to the registry; return what is wrong, if anything.

    Lines are pint definitions (``bed_day = piece = _ = vårddygn``), ``@alias`` lines
    (``@alias tonne = tonnes``) or labels (``@label Percentage (%) = %``: the free text
    on the left is read as the unit on the right). Every name a line defines is an id:
    two plugins may not define it, nor may a plugin redefine a unit the registry has.

    Args:
        name: The line's id (its first name, or the line itself for ``@`` lines).
        line: The definition line.
        plugin: The plugin it comes from.

    Returns:
        Whether this call defined it, and the problem (``None`` if there is none; a line
        defined before, identically, is neither defined again nor a problem).
    """
    with _lock:
        if line.startswith("@label"):
            return _define_label(line, plugin)
        earlier = _owners.get(name)
        if earlier is not None and earlier[1] == line:
            return False, None
        problem = _define_line(name, line, plugin)
        return problem is None, problem


_POWER_OP = re.compile(r"\*\*|\^")
_POWER = re.compile(r"(?:\*\*|\^)\s*\(?\s*[-+]?\s*(\d{1,3}(?:\.\d{1,6})?)\s*\)?")
_LONG_NUMBER = re.compile(r"\d{31,}|(?<![\w.])\d+(?:\.\d+)?[eE][+-]?\d{4,}")


def _bounded(line: str) -> str | None:
    """What makes a definition line unsafe to give pint (a power tower, a huge number)."""
    if _LONG_NUMBER.search(line):
        return "a number in it is too long"
    for op in _POWER_OP.finditer(line):
        m = _POWER.match(line, op.start())
        if m is None:
            return "a power must be a plain number"
        if float(m.group(1)) > 9:
            return "a power above 9 is not a unit"
        if _POWER_OP.match(line[m.end():].lstrip()):
            return "a power of a power is not a unit"
    return None


def _define_line(name: str, line: str, plugin: str) -> str | None:
    with _lock:
        if len(line) > 300:
            return f"the definition of {name!r} is longer than 300 characters"
        unsafe = _bounded(line)
        if unsafe is not None:
            return f"cannot define unit {line!r}: {unsafe}"
        reg = get_registry()
        names = _defined_names(line)
        for new in names:
            owner = _owners.get(new)
            if owner is not None:
                return (
                    f"unit {new!r} is already defined by plugin {owner[0]!r} ({owner[1]!r}); "
                    "unit names must be unique among all plugins"
                )
            if not _NAME.match(new):
                return f"{new!r} in {line!r} is not a valid unit name"
            try:
                exists = new in reg
            except Exception:
                exists = False
            if exists or new in OVERRIDES or new in REFUSED:
                return (
                    f"unit {new!r} already exists in the unit registry; "
                    f"choose another name for {line!r}"
                )
        floor = {f"m2_{f}" for f in FLOOR_AREAS}
        if _defaults_done and any(n in floor for n in names):
            return (
                f"cannot define {line!r}: units were already parsed, so the floor areas "
                "have their default kinds (apply plugin units before parsing any unit)"
            )
        try:
            reg.define(line)
        except Exception as exc:
            return f"cannot define unit {line!r}: {type(exc).__name__}: {exc}"
        for new in names or [name]:
            _owners[new] = (plugin, line)
        _owners[name] = (plugin, line)
    return None


def _define_label(line: str, plugin: str) -> tuple[bool, str | None]:
    body = line[len("@label"):]
    label, sep, unit = body.rpartition("=")
    label, unit = " ".join(label.split()), unit.strip()
    if not sep or not label or not unit:
        return False, f"a label line reads '@label LABEL = UNIT' (got {line!r})"
    earlier = labels.get(label)
    if earlier is not None:
        if earlier[1] == unit and earlier[0] == plugin:
            return False, None
        return False, (
            f"label {label!r} is already defined by plugin {earlier[0]!r} as {earlier[1]!r}"
        )
    from indikator.units import parse_unit

    try:
        parse_unit(unit)
    except UnitError as exc:
        return False, f"the unit of label {label!r} cannot be read: {exc.message}"
    labels[label] = (plugin, unit)
    return True, None


def plugin_label(text: str) -> str | None:
    """The unit a plugin declared for this free-text label, if any."""
    found = labels.get(" ".join(text.split()))
    return None if found is None else found[1]


def owners() -> Mapping[str, tuple[str, str]]:
    """Each name plugins defined, with (plugin, definition line)."""
    return dict(_owners)


def names_in(lines: Iterable[str]) -> list[str]:
    """Every name the definition lines define (for listings and tests)."""
    return [n for line in lines for n in _defined_names(line)]
