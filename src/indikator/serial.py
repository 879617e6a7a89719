"""The assessment tree as JSON-ready data: the one serialiser of a node.

:func:`node_dict` is what :meth:`Assessment.to_dict <indikator.verdict.Assessment.to_dict>`,
:func:`indikator.report.to_dict` (the report contract of ``assess --format json``) and
:func:`indikator.io.jsonio.assessment_to_dict` (the contract plus what restores the tree
exactly) all call, so they cannot disagree; a node's period is its own, never an
argument that could contradict it.

Every NODE has ``id``, ``name``, ``level``, ``verdict`` and ``children``, and metric
nodes also ``basis``, ``rule_verdict``, ``strategy``, ``explanation`` and
``observations``; the labels in both languages, the node's period and entity and the
judgment are additions. ``exact=True`` adds every node's ``rule_explanation``, the
judgment's ``target`` and ``period``, and an explanation's non-finite figures under
``explanation.nonfinite`` (JSON has no NaN or infinity).

This module imports nothing of indikator at run time: it reads the nodes' fields.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indikator.model import Observation
    from indikator.verdict import Assessment, Explanation, Lang

__all__ = ["explanation_dict", "node_dict", "observation_dict"]


def node_dict(node: Assessment, lang: Lang = "sv", *, exact: bool = False) -> dict[str, Any]:
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
        "explanation": explanation_dict(node.explanation, exact=exact),
        "children": [node_dict(c, lang, exact=exact) for c in node.children],
    }
    if node.entity is not None:
        out["entity"] = node.entity
    rule = node.rule_explanation
    if rule is not None and (exact or node.judgment is not None):
        out["rule_explanation"] = explanation_dict(rule, exact=exact)
    if node.judgment is not None:
        j = node.judgment
        out["judgment"] = {
            "verdict": j.verdict.value,
            "reason": j.reason,
            "author": j.author,
            "date": None if j.date is None else j.date.isoformat(),
            "source": j.source,
        }
        if exact:
            out["judgment"]["target"] = j.target
            out["judgment"]["period"] = j.period
    if node.level.value == "metric":
        out["observations"] = [observation_dict(o) for o in node.observations]
    return out


def explanation_dict(explanation: Explanation, *, exact: bool = False) -> dict[str, Any]:
    """An explanation as a mapping; non-finite figures ``None`` (and, ``exact``, marked)."""
    out: dict[str, Any] = explanation.as_dict()
    marks: dict[str, dict[str, str]] = {}
    for part in ("inputs", "computed"):
        figures = out[part]
        cleaned = {}
        for key, value in figures.items():
            if isinstance(value, float) and not math.isfinite(value):
                marks.setdefault(part, {})[key] = repr(value)
                value = None
            cleaned[key] = _clean(value)
        out[part] = cleaned
    if exact and marks:
        out["nonfinite"] = marks
    return out


def observation_dict(obs: Observation) -> dict[str, Any]:
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
