"""The assessment tree as plain data: the JSON report contract.

``to_dict`` gives the object ``indikator assess --format json`` prints::

    {"indikator_version": "...", "period": 2024, "programme": NODE}

where every NODE has ``id``, ``name``, ``level``, ``verdict`` and ``children``, and
metric nodes also ``basis``, ``rule_verdict``, ``strategy``, ``explanation`` and
``observations``. Extra keys (labels in both languages, the judgment) are additions.
"""

from __future__ import annotations

import math
from typing import Any

from indikator.model import Observation
from indikator.verdict import Assessment, Lang, Level

__all__ = ["node_to_dict", "observation_to_dict", "to_dict"]


def to_dict(tree: Assessment, period: int, *, lang: Lang = "sv") -> dict[str, Any]:
    """The whole report as a JSON-ready mapping (see the module docstring)."""
    from indikator import __version__

    return {
        "indikator_version": __version__,
        "period": period,
        "lang": lang,
        "programme": node_to_dict(tree, lang=lang),
    }


def node_to_dict(node: Assessment, *, lang: Lang = "sv") -> dict[str, Any]:
    """One node of the tree, with its children, as a JSON-ready mapping."""
    out: dict[str, Any] = {
        "id": node.id,
        "name": node.name.get(lang),
        "names": {"sv": node.name.sv, "en": node.name.en},
        "level": node.level.value,
        "period": node.period,
        "verdict": node.verdict.value,
        "label": {"sv": node.verdict.label("sv"), "en": node.verdict.label("en")},
        "basis": node.basis.value,
        "rule_verdict": None if node.rule_verdict is None else node.rule_verdict.value,
        "strategy": node.strategy,
        "explanation": _clean(node.explanation.as_dict()),
        "children": [node_to_dict(c, lang=lang) for c in node.children],
    }
    if node.rule_explanation is not None and node.judgment is not None:
        out["rule_explanation"] = _clean(node.rule_explanation.as_dict())
    if node.judgment is not None:
        j = node.judgment
        out["judgment"] = {
            "verdict": j.verdict.value,
            "reason": j.reason,
            "author": j.author,
            "date": None if j.date is None else j.date.isoformat(),
            "source": j.source,
        }
    if node.level is Level.METRIC:
        out["observations"] = [observation_to_dict(o) for o in node.observations]
    return out


def observation_to_dict(obs: Observation) -> dict[str, Any]:
    """One observation as ``{"period", "value", "unit", "text", ...}``.

    ``entity`` and ``own_target`` are there only when the observation has them, so a
    dataset that names no entity is written as before entities existed.
    """
    out: dict[str, Any] = {
        "period": obs.period,
        "value": obs.value,
        "unit": obs.unit,
        "text": obs.text,
        "flags": sorted(f.value for f in obs.flags),
        "note": obs.note,
        "component": obs.component,
    }
    if obs.entity is not None:
        out["entity"] = obs.entity
    if obs.own_target is not None:
        out["own_target"] = obs.own_target
    return out


def _clean(value: Any) -> Any:
    """Replace non-finite floats (never valid JSON) by ``None``, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value
