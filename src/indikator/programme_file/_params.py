"""Strategies and roll-ups by id with parameters: built from a file, and taken apart again.

The kinds come from the plugin manager (:meth:`IndikatorPluginManager.strategies` and
``rollups``), so every built-in and plugin strategy is usable by id. A parameter whose
type is a strategy or a roll-up (``Fallback.first``, ``Components.rollup``) is itself an
id or a table with an ``id``.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["NestedKind", "nested_kind", "parameters", "record_parameters"]

NestedKind = str
"""``"strategy"``, ``"rollup"`` or ``""`` (a plain value)."""

_MISSING = object()


def parameters(factory: Callable[..., Any]) -> dict[str, str] | None:
    """The keyword parameters of a factory, with their annotations as text.

    ``None`` when they cannot be told (a factory taking ``**kwargs``).
    """
    if isinstance(factory, type) and attrs.has(factory):
        return {a.alias or a.name: str(a.type or "") for a in attrs.fields(factory) if a.init}
    try:
        signature = inspect.signature(factory)
    except (TypeError, ValueError):
        return None
    out: dict[str, str] = {}
    for p in signature.parameters.values():
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            return None
        if p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
            out[p.name] = "" if p.annotation is inspect.Parameter.empty else str(p.annotation)
    return out


def nested_kind(annotation: str) -> NestedKind:
    """Whether a parameter annotated ``annotation`` holds a strategy or a roll-up."""
    if "RollUp" in annotation:
        return "rollup"
    if "Strategy" in annotation:
        return "strategy"
    return ""


def _default(field: attrs.Attribute[Any]) -> object:
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:  # pragma: no cover - no built-in record uses it
            return _MISSING
        return default.factory()
    return default


def _plain(value: object, where: str) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple | list):
        return [_plain(v, where) for v in value]
    if hasattr(type(value), "id") and attrs.has(type(value)):
        return record_parameters(value, where)
    raise TypeError(f"{where}: a {type(value).__name__} cannot be written to a programme file")


def record_parameters(record: object, where: str = "") -> dict[str, object]:
    """A strategy or roll-up record as ``{"id": ..., parameter: value}``, defaults left out.

    Raises:
        TypeError: The record is not an attrs record with an ``id``, or a parameter
            has no file form (the message names it).
    """
    cls = type(record)
    ident = getattr(record, "id", None)
    if not attrs.has(cls) or not isinstance(ident, str):
        raise TypeError(f"{where}: a {cls.__name__} is not a record of parameters with an id")
    out: dict[str, object] = {"id": ident}
    for field in attrs.fields(cls):
        if not field.init:
            continue
        value = getattr(record, field.name)
        default = _default(field)
        if default is not _MISSING and _same(value, default):
            continue
        name = field.alias or field.name
        if value is None:
            raise TypeError(f"{where}.{name}: None cannot be written (the default is "
                            f"{default!r})")
        out[name] = _plain(value, f"{where}.{name}" if where else name)
    return out


def _same(a: object, b: object) -> bool:
    try:
        return (bool(a == b) and type(a) is type(b)) or (
            isinstance(a, float | int) and isinstance(b, float | int)
            and not isinstance(a, bool) and not isinstance(b, bool) and a == b)
    except Exception:  # pragma: no cover - an exotic value without equality
        return False

