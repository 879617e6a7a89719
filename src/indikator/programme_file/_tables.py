"""The tables of a programme file, read into records with every problem collected.

:class:`TableReader` reads one parsed file; each method reads one kind of table
(programme, goal area, indicator, metric, target) and reports problems at the line of
the key at fault.
"""

from __future__ import annotations

import difflib
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from indikator.errors import InputError
from indikator.model import (
    Component,
    Indicator,
    Label,
    Metric,
    Milestone,
    SimpleIndicator,
    Target,
    TargetBasis,
)
from indikator.programme_file._lines import Path, TomlPaths
from indikator.programme_file._params import nested_kind, parameters
from indikator.provides import GoalAreaSpec, ProgrammeSpec
from indikator.units import parse_unit
from indikator.verdict import Direction

__all__ = ["TableReader", "suggest"]

PROGRAMME_KEYS = ("id", "name", "name_en", "first_year", "last_year", "owner", "note",
                  "rollup")
GOAL_AREA_KEYS = ("id", "name", "name_en", "goal", "goal_en", "indicators", "rollup", "note")
INDICATOR_KEYS = ("id", "name", "name_en", "target", "target_en", "target_year", "rollup",
                  "note", "metric")
METRIC_KEYS = ("id", "name", "name_en", "unit", "direction", "strategy", "base_year",
               "base_value", "note", "target", "component")
TARGET_KEYS = ("value", "change", "change_percent", "unit", "year", "kind", "owner", "note",
               "base_year", "from_year", "milestones")
MILESTONE_KEYS = ("year", "value", "change", "change_percent")
COMPONENT_KEYS = ("id", "name", "name_en")
TOP_KEYS = ("programme", "goal_area", "indicator")
_AMOUNTS = {"value": TargetBasis.ABSOLUTE, "change": TargetBasis.CHANGE,
            "change_percent": TargetBasis.PERCENT}


def suggest(word: str, known: Iterable[str]) -> str:
    """`` (did you mean …?)`` for a close match of ``word`` among ``known``."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class TableReader:
    """Reads the tables of one parsed programme file, collecting every problem."""

    def __init__(self, source: str, lines: TomlPaths, strategies: Mapping[str, Any],
                 rollups: Mapping[str, Any]) -> None:
        self.source = source
        self.lines = lines
        self.strategies = strategies
        self.rollups = rollups
        self.problems: list[InputError] = []

    # -- messages -----------------------------------------------------------------------

    def error(self, path: Path, key: str | None, message: str, *, field: str | None = None,
              value: object = None, has_value: bool = True) -> None:
        line = self.lines.line(path, key)
        shown = field if field is not None else key
        if has_value and value is not None:
            self.problems.append(InputError(message, source=self.source, line=line,
                                            field=shown, value=value))
        else:
            self.problems.append(InputError(message, source=self.source, line=line,
                                            field=shown))

    def keys(self, table: Mapping[str, Any], allowed: Sequence[str], path: Path,
             what: str) -> None:
        for key in table:
            if key not in allowed:
                self.error(path, key, f"unknown key in {what}{suggest(key, allowed)}; "
                           f"expected one of {', '.join(allowed)}", has_value=False)

    # -- plain values -------------------------------------------------------------------

    def text(self, table: Mapping[str, Any], key: str, path: Path, *,
             required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.error(path, key, "is required (a text)", has_value=False)
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(path, key, "must be a non-empty text", value=_shown(value))
            return None
        return value

    def label(self, table: Mapping[str, Any], key: str, path: Path, *,
              required: bool = False) -> Label | None:
        sv = self.text(table, key, path, required=required)
        en = self.text(table, f"{key}_en", path)
        if sv is None:
            if en is not None and required:
                return None
            return None if en is None else Label(en, en)
        return Label(sv, en if en is not None else sv)

    def year(self, table: Mapping[str, Any], key: str, path: Path) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            self.error(path, key, "a year is a whole number in 1900–2200", value=_shown(value))
            return None
        return value

    def number(self, table: Mapping[str, Any], key: str, path: Path) -> float | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(
                value):
            self.error(path, key, "must be a finite number", value=_shown(value))
            return None
        return float(value)

    def ident(self, table: Mapping[str, Any], path: Path, what: str) -> str | None:
        value = self.text(table, "id", path, required=True)
        if value is None:
            return None
        from indikator.model import _ID

        if not _ID.match(value):
            self.error(path, "id", f"{what} id is lower-case letters, digits, '-', '_' or "
                       "'.', starting with a letter or digit", value=value)
            return None
        return value

    def tables(
        self, value: object, path: Path, key: str, what: str
    ) -> list[tuple[dict[str, Any], Path]]:
        if value is None:
            return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            self.error(path[:-1] if path else path, key,
                       f"must be an array of tables ([[{what}]])", value=_shown(value))
            return []
        out = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.error((*path, index), None, f"each {what} must be a table",
                           field=key, value=_shown(item))
                continue
            out.append((item, (*path, index)))
        return out

    # -- strategies and roll-ups --------------------------------------------------------

    def build(self, kind: str, spec: object, path: Path, key: str, field: str) -> Any:
        kinds = self.strategies if kind == "strategy" else self.rollups
        params: dict[str, Any]
        ident: object
        if isinstance(spec, str):
            ident, params, where = spec, {}, path
        elif isinstance(spec, dict):
            ident = spec.get("id")
            params = {k: v for k, v in spec.items() if k != "id"}
            where = (*path, key)
            if not isinstance(ident, str):
                self.error(path, key, f"a {_KIND[kind]} table needs an id", field=field,
                           has_value=False)
                return None
        else:
            self.error(path, key, f"a {_KIND[kind]} is an id or a table with an id",
                       field=field, value=_shown(spec))
            return None
        assert isinstance(ident, str)
        if ident not in kinds:
            self.error(path, key, f"unknown {_KIND[kind]}{suggest(ident, kinds)}; known "
                       f"{_PLURAL[kind]}: {', '.join(kinds) or 'none installed'}",
                       field=field, value=ident)
            return None
        factory = kinds[ident].item.factory
        known = parameters(factory)
        args: dict[str, Any] = {}
        ok = True
        for name, value in params.items():
            sub = f"{field}.{name}"
            if known is not None and name not in known:
                self.error(where, name, f"unknown parameter of {ident}"
                           f"{suggest(name, known)}; its parameters are "
                           f"{', '.join(known) or 'none'}", field=sub, has_value=False)
                ok = False
                continue
            nested = nested_kind((known or {}).get(name, ""))
            if nested == "" and isinstance(value, dict) and "id" in value:
                nested = "strategy" if value["id"] in self.strategies else "rollup"
            if nested and isinstance(value, str | dict):
                built = self.build(nested, value, where, name, sub)
                if built is None:
                    ok = False
                args[name] = built
            elif isinstance(value, list):
                args[name] = tuple(value)
            else:
                args[name] = value
        if not ok:
            return None
        try:
            return factory(**args)
        except InputError as exc:
            bad = exc.field if exc.field in params else None
            shown = f"{field}.{bad}" if bad else field
            self.error(where if bad else path, bad or key, exc.message, field=shown,
                       value=exc.value if exc.has_value else None, has_value=exc.has_value)
        except (TypeError, ValueError) as exc:
            bad = _culprit(factory, args)
            if bad is None:
                self.error(path, key, f"cannot build {_KIND[kind]} {ident}: {exc}",
                           field=field, has_value=False)
            else:
                self.error(where, bad, f"not a valid {bad} of {ident}{_choices(factory, bad)}",
                           field=f"{field}.{bad}", value=_shown(params[bad]))
        return None

    # -- records ------------------------------------------------------------------------

    def record(self, make: Any, path: Path, fields: Mapping[str, str] | None = None) -> Any:
        """Build a record; its own validation error is placed at the key it names."""
        try:
            return make()
        except InputError as exc:
            key = (fields or {}).get(exc.field or "", exc.field)
            self.error(path, key, exc.message, value=exc.value if exc.has_value else None,
                       has_value=exc.has_value)
            return None

    def target(self, table: dict[str, Any], path: Path, metric_unit: str | None) -> Target | None:
        self.keys(table, TARGET_KEYS, path, "a target")
        given = [k for k in _AMOUNTS if k in table]
        if len(given) > 1:
            self.error(path, given[1], f"a target has one of value, change or change_percent, "
                       f"not both {given[0]} and {given[1]}", has_value=False)
            return None
        amount_key = given[0] if given else "value"
        basis = _AMOUNTS[amount_key]
        low, high = self.amount(table.get(amount_key), path, amount_key)
        if amount_key in table and low is None:
            return None
        unit = table.get("unit")
        if unit is not None and not isinstance(unit, str):
            self.error(path, "unit", "a unit is a text", value=_shown(unit))
            return None
        if low is not None and unit is None and basis is not TargetBasis.PERCENT:
            unit = metric_unit
            if unit is None:
                self.error(path, amount_key, "a target value needs a unit (the metric has "
                           "none)", value=low)
                return None
        milestones: list[Milestone] = []
        for item, at in self.tables(table.get("milestones"), (*path, "milestones"),
                                    "milestones", "milestone"):
            self.keys(item, MILESTONE_KEYS, at, "a milestone")
            if not isinstance(item.get("year"), int):
                self.error(at, "year", "each milestone needs a year", field="milestones.year",
                           has_value=False)
                continue
            if amount_key not in item:
                self.error(at, None, f"each milestone gives {amount_key}, as the target does",
                           field="milestones", has_value=False)
                continue
            m_low, m_high = self.amount(item[amount_key], at, amount_key)
            if m_low is None:
                continue
            made = self.record(lambda i=item, lo=m_low, hi=m_high: Milestone(
                i["year"], lo, hi), at)
            if made is not None:
                milestones.append(made)
        strings = {k: table.get(k) for k in ("kind", "owner", "note")}
        for k, v in strings.items():
            if v is not None and not isinstance(v, str):
                self.error(path, k, "must be a text", value=_shown(v))
                return None
        kwargs: dict[str, Any] = {
            "value": low, "value_to": high, "unit": unit, "basis": basis,
            "year": self.year(table, "year", path),
            "base_year": self.year(table, "base_year", path),
            "from_year": self.year(table, "from_year", path),
            "milestones": tuple(milestones), "note": strings["note"],
        }
        for k in ("kind", "owner"):
            if strings[k] is not None:
                kwargs[k] = strings[k]
        built: Target | None = self.record(lambda: Target(**kwargs), path,
                                           {"value": amount_key, "value_to": amount_key})
        return built

    def amount(self, value: object, path: Path, key: str) -> tuple[float | None, float | None]:
        if value is None:
            return None, None
        if isinstance(value, list):
            if len(value) != 2 or not all(_finite(v) for v in value):
                self.error(path, key, "an interval is two finite numbers, [from, to]",
                           value=_shown(value))
                return None, None
            return float(value[0]), float(value[1])
        if not _finite(value):
            self.error(path, key, "must be a finite number or an interval [from, to]",
                       value=_shown(value))
            return None, None
        return float(value), None  # type: ignore[arg-type]

    def metric(self, table: dict[str, Any], path: Path) -> Metric | None:
        self.keys(table, METRIC_KEYS, path, "a metric")
        ident = self.ident(table, path, "a metric")
        name = self.label(table, "name", path, required=True)
        unit = table.get("unit")
        if unit is not None and not isinstance(unit, str):
            self.error(path, "unit", "a unit is a text", value=_shown(unit))
            unit = None
        strategy = None
        if "strategy" not in table:
            self.error(path, "strategy", "a metric needs a strategy (an id such as "
                       "\"vs_base\", or a table with id and parameters)", has_value=False)
        else:
            strategy = self.build("strategy", table["strategy"], path, "strategy", "strategy")
        targets = [self.target(t, at, unit) for t, at in
                   self.tables(table.get("target"), (*path, "target"), "target", "target")]
        components: list[Component] = []
        for item, at in self.tables(table.get("component"), (*path, "component"),
                                    "component", "component"):
            self.keys(item, COMPONENT_KEYS, at, "a component")
            cid = self.ident(item, at, "a component")
            cname = self.label(item, "name", at, required=True)
            if cid is not None and cname is not None:
                made = self.record(lambda c=cid, n=cname: Component(c, n), at)
                if made is not None:
                    components.append(made)
        direction = table.get("direction", "higher_is_better")
        try:
            direction = Direction.parse(direction)
        except (ValueError, AttributeError):
            self.error(path, "direction", "expected higher_is_better or lower_is_better",
                       value=_shown(direction))
            direction = None
        if unit is not None:
            try:
                parse_unit(unit)
            except InputError as exc:
                self.error(path, "unit", exc.message, value=unit)
                unit = None
        note = self.text(table, "note", path)
        base_year = self.year(table, "base_year", path)
        base_value = self.number(table, "base_value", path)
        good = [t for t in targets if t is not None]
        if (ident is None or name is None or strategy is None or direction is None
                or len(good) < len(targets) or ("unit" in table and unit is None)):
            return None
        built: Metric | None = self.record(lambda: Metric(
            id=ident, name=name, unit=unit, direction=direction, strategy=strategy,
            base_year=base_year, base_value=base_value, targets=good,
            components=components, note=note), path)
        return built

    def indicator(self, table: dict[str, Any], path: Path) -> Indicator | None:
        self.keys(table, INDICATOR_KEYS, path, "an indicator")
        ident = self.ident(table, path, "an indicator")
        name = self.label(table, "name", path, required=True)
        target = self.label(table, "target", path)
        target_year = self.year(table, "target_year", path)
        note = self.text(table, "note", path)
        metrics = [self.metric(m, at) for m, at in
                   self.tables(table.get("metric"), (*path, "metric"), "metric", "metric")]
        extra: dict[str, Any] = {}
        if "rollup" in table:
            extra["rollup"] = self.build("rollup", table["rollup"], path, "rollup", "rollup")
            if extra["rollup"] is None:
                return None
        if ident is None or name is None or None in metrics:
            return None
        return self.record(lambda: SimpleIndicator(  # type: ignore[no-any-return]
            id=ident, name=name, metrics=metrics, target=target,  # type: ignore[arg-type]
            target_year=target_year, note=note, **extra), path)

    def goal_area(self, table: dict[str, Any], path: Path) -> GoalAreaSpec | None:
        self.keys(table, GOAL_AREA_KEYS, path, "a goal area")
        ident = self.ident(table, path, "a goal area")
        name = self.label(table, "name", path, required=True)
        goal = self.label(table, "goal", path)
        note = self.text(table, "note", path)
        indicators = table.get("indicators", [])
        if not isinstance(indicators, list) or not all(isinstance(i, str) for i in indicators):
            self.error(path, "indicators", "a list of indicator ids", value=_shown(indicators))
            return None
        rollup = None
        if "rollup" in table:
            rollup = self.build("rollup", table["rollup"], path, "rollup", "rollup")
            if rollup is None:
                return None
        if ident is None or name is None:
            return None
        return self.record(lambda: GoalAreaSpec(  # type: ignore[no-any-return]
            id=ident, name=name, goal=goal, indicators=indicators, rollup=rollup,
            note=note), path)

    def programme(self, table: object, areas: list[GoalAreaSpec | None]) -> ProgrammeSpec | None:
        path: Path = ("programme",)
        if not isinstance(table, dict):
            self.error((), "programme", "must be a table ([programme])", value=_shown(table))
            return None
        self.keys(table, PROGRAMME_KEYS, path, "[programme]")
        ident = self.ident(table, path, "a programme")
        name = self.label(table, "name", path, required=True)
        first, last = self.year(table, "first_year", path), self.year(table, "last_year", path)
        owner, note = self.text(table, "owner", path), self.text(table, "note", path)
        rollup = None
        if "rollup" in table:
            rollup = self.build("rollup", table["rollup"], path, "rollup", "rollup")
            if rollup is None:
                return None
        if first is not None and last is not None and last < first:
            self.error(path, "last_year", f"the last year is before the first year {first}",
                       value=last)
            return None
        good = [a for a in areas if a is not None]
        if ident is None or name is None or len(good) < len(areas):
            return None
        return self.record(lambda: ProgrammeSpec(  # type: ignore[no-any-return]
            id=ident, name=name, goal_areas=good, rollup=rollup, first_year=first,
            last_year=last, owner=owner, note=note), path)


_KIND = {"strategy": "strategy", "rollup": "roll-up"}
_PLURAL = {"strategy": "strategies", "rollup": "roll-ups"}


def _culprit(factory: Any, args: Mapping[str, Any]) -> str | None:
    """The one parameter without which the factory succeeds, if there is one."""
    for name in args:
        try:
            factory(**{k: v for k, v in args.items() if k != name})
        except Exception:
            continue
        return name
    return None


def _choices(factory: Any, name: str) -> str:
    """``"; expected one of …"`` for a parameter whose default is an enum member."""
    if not (isinstance(factory, type) and attrs.has(factory)):
        return ""
    for field in attrs.fields(factory):
        if (field.alias or field.name) == name and isinstance(field.default, enum.Enum):
            return "; expected one of " + ", ".join(str(m.value) for m in type(field.default))
    return ""


def _finite(value: object) -> bool:
    return (not isinstance(value, bool) and isinstance(value, int | float)
            and math.isfinite(value))


def _shown(value: object) -> object:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list) and len(value) > 5:
        return "a list"
    return value


