"""Validators and converters shared by the built-in strategies' parameter records."""

from __future__ import annotations

import math
from typing import Any

import attrs

from indikator.errors import InputError
from indikator.verdict import Verdict


def finite_or_none(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: ``None`` or a finite number (NaN, inf and text are refused)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InputError("must be a finite number", field=attribute.name, value=value)


def to_verdict(value: Verdict | str, field: str) -> Verdict:
    """A verdict from a member, value or label; an unknown one raises naming ``field``."""
    if isinstance(value, Verdict):
        return value
    try:
        return Verdict.parse(value)
    except (ValueError, AttributeError):
        choices = ", ".join(v.value for v in Verdict)
        raise InputError(f"expected one of {choices}", field=field, value=value) from None
