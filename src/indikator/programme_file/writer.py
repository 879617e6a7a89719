"""Writing a programme as a programme file (``indikator programme export``).

Reading the written file back with :func:`~indikator.programme_file.load_programme`
gives an equal programme. Only declarative records can be written: indicators must be
:class:`~indikator.SimpleIndicator` records and strategies and roll-ups attrs records
registered by id; anything else raises :class:`~indikator.errors.InputError` naming it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from indikator.errors import InputError
from indikator.model import (
    Label,
    Metric,
    Programme,
    SimpleIndicator,
    Target,
    TargetBasis,
    TargetKind,
    TargetOwner,
)
from indikator.programme_file._params import record_parameters
from indikator.verdict import Direction

if TYPE_CHECKING:
    from indikator.plugins import IndikatorPluginManager

__all__ = ["programme_to_toml", "toml_value"]

_AMOUNT_KEY = {TargetBasis.ABSOLUTE: "value", TargetBasis.CHANGE: "change",
               TargetBasis.PERCENT: "change_percent"}


def toml_value(value: object) -> str:
    """One value in TOML syntax (texts, numbers, booleans, arrays, inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML form for a {type(value).__name__}")


def _key(name: str) -> str:
    return name if name.replace("_", "a").replace("-", "a").isalnum() and name.isascii() \
        else json.dumps(name)


class _Out:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def header(self, text: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(text)

    def put(self, key: str, value: object) -> None:
        if value is not None:
            self.lines.append(f"{_key(key)} = {toml_value(value)}")

    def label(self, key: str, label: Label | None) -> None:
        if label is None:
            return
        self.put(key, label.sv)
        if label.en != label.sv:
            self.put(f"{key}_en", label.en)


def _check_kind(record: object, kinds: Mapping[str, Any], what: str, where: str) -> None:
    ident = getattr(record, "id", None)
    found = kinds.get(ident) if isinstance(ident, str) else None
    if found is None or found.item.factory is not type(record):
        raise InputError(f"{what} {type(record).__name__} ({ident!r}) is not registered by "
                         "id with the plugin manager, so a file cannot name it", field=where)


def _params(record: object, kinds: Mapping[str, Any], what: str, where: str,
            strategies: Mapping[str, Any], rollups: Mapping[str, Any]) -> object:
    _check_kind(record, kinds, what, where)
    try:
        params = record_parameters(record, where)
    except TypeError as exc:
        raise InputError(str(exc), field=where) from None
    for name, value in params.items():  # nested strategies and roll-ups are checked too
        inner = getattr(record, name, None)
        if isinstance(value, dict) and inner is not None:
            nested = strategies if getattr(inner, "id", None) in strategies else rollups
            _check_kind(inner, nested, what, f"{where}.{name}")
    return params["id"] if len(params) == 1 else params


def _target(out: _Out, target: Target, prefix: str) -> None:
    out.header(f"[[{prefix}.target]]")
    key = _AMOUNT_KEY[target.basis]
    if target.value is not None:
        out.put(key, target.value if target.value_to is None else [target.value,
                                                                   target.value_to])
    out.put("unit", target.unit)
    out.put("year", target.year)
    if target.kind is not TargetKind.LEVEL:
        out.put("kind", target.kind.value)
    if target.owner is not TargetOwner.PROGRAMME:
        out.put("owner", target.owner.value)
    out.put("base_year", target.base_year)
    out.put("from_year", target.from_year)
    if target.milestones:
        out.put("milestones", [
            {"year": m.year, key: m.value if m.value_to is None else [m.value, m.value_to]}
            for m in target.milestones])
    out.put("note", target.note)


def _metric(out: _Out, metric: Metric, strategies: Mapping[str, Any],
            rollups: Mapping[str, Any]) -> None:
    out.header("[[indicator.metric]]")
    out.put("id", metric.id)
    out.label("name", metric.name)
    out.put("unit", metric.unit)
    if metric.direction is not Direction.HIGHER_IS_BETTER:
        out.put("direction", metric.direction.value)
    out.put("base_year", metric.base_year)
    out.put("base_value", metric.base_value)
    out.put("strategy", _params(metric.strategy, strategies, "strategy",
                                f"{metric.id}.strategy", strategies, rollups))
    out.put("note", metric.note)
    for target in metric.targets:
        _target(out, target, "indicator.metric")
    for comp in metric.components:
        out.header("[[indicator.metric.component]]")
        out.put("id", comp.id)
        out.label("name", comp.name)


def programme_to_toml(programme: Programme, pm: IndikatorPluginManager | None = None) -> str:
    """The programme as one programme file (TOML text).

    Raises:
        InputError: Something in it cannot be declared in a file: an indicator that is
            not a :class:`~indikator.SimpleIndicator`, a strategy or roll-up that is not
            registered by id, or a parameter without a file form (the message names it).
    """
    from indikator.plugins import get_plugin_manager

    manager = get_plugin_manager() if pm is None else pm
    strategies, rollups = manager.strategies(), manager.rollups()
    out = _Out()
    out.lines.append(f"# Programme {programme.id}, written by `indikator programme export`.")
    out.header("[programme]")
    out.put("id", programme.id)
    out.label("name", programme.name)
    out.put("first_year", programme.first_year)
    out.put("last_year", programme.last_year)
    out.put("owner", programme.owner)
    out.put("rollup", _params(programme.rollup, rollups, "roll-up", "programme.rollup",
                              strategies, rollups))
    out.put("note", programme.note)
    for area in programme.goal_areas:
        out.header("[[goal_area]]")
        out.put("id", area.id)
        out.label("name", area.name)
        out.label("goal", area.goal)
        out.put("indicators", [i.id for i in area.indicators])
        out.put("rollup", _params(area.rollup, rollups, "roll-up", f"{area.id}.rollup",
                                  strategies, rollups))
        out.put("note", area.note)
    for area in programme.goal_areas:
        for ind in area.indicators:
            if type(ind) is not SimpleIndicator:
                raise InputError(f"indicator {ind.id!r} is a {type(ind).__name__}, a Python "
                                 "class; only SimpleIndicator records can be written to a "
                                 "programme file", field="indicator")
            out.header("[[indicator]]")
            out.put("id", ind.id)
            out.label("name", ind.name)
            out.label("target", ind.target)
            out.put("target_year", ind.target_year)
            out.put("rollup", _params(ind.rollup, rollups, "roll-up", f"{ind.id}.rollup",
                                      strategies, rollups))
            out.put("note", ind.note)
            for metric in ind.metrics:
                _metric(out, metric, strategies, rollups)
    return "\n".join(out.lines) + "\n"
