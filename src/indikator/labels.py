"""Readers' names for rules: strategies and roll-ups by what they do, never by their ids.

A sentence or a report that names a rule uses :func:`rule_label`: ``worst_of`` reads
"sämsta delen" / "worst part", ``vs_own_target`` "mot målvärde" / "against a target". A
plugin's rule gives its own names with a ``label`` attribute (a
:class:`~indikator.model.Label`, a ``(sv, en)`` pair or a mapping); without one the id is
shown with spaces for its underscores, which is still not an id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from indikator.verdict import Lang

__all__ = ["rule_label"]

_LABELS: Final[dict[str, tuple[str, str]]] = {
    "vs_base": ("jämförelse med tidigare värde", "against an earlier value"),
    "vs_trajectory": ("mot en bana till målet", "against a path to the target"),
    "vs_own_target": ("mot målvärde", "against a target"),
    "text": ("beskrivning i ord", "description in words"),
    "components": ("delserier", "components"),
    "fallback": ("med reservregel", "with a fallback rule"),
    "strict_majority": ("strikt majoritet", "strict majority"),
    "worst_of": ("sämsta delen", "worst part"),
    "mean_score": ("medelpoäng", "mean score"),
    "all_positive": ("alla positiva", "all positive"),
}


def rule_label(rule: object, lang: Lang = "sv") -> str:
    """What a reader calls ``rule`` (a strategy, a roll-up or its id) in ``lang``."""
    label = getattr(rule, "label", None)
    if label is not None and not callable(label):
        if isinstance(label, str):
            return label
        if isinstance(label, Mapping):
            return str(label.get(lang) or next(iter(label.values()), ""))
        if isinstance(label, Sequence) and len(label) == 2:
            return str(label[0] if lang == "sv" else label[1])
        get = getattr(label, "get", None)
        if callable(get):
            return str(get(lang))
    rule_id = rule if isinstance(rule, str) else getattr(rule, "id", None)
    if not isinstance(rule_id, str):
        rule_id = getattr(rule, "rule_id", None)
    if not isinstance(rule_id, str):
        return type(rule).__name__
    found = _LABELS.get(rule_id)
    if found is not None:
        return found[0] if lang == "sv" else found[1]
    return rule_id.replace("_", " ")
