"""The assessment tree as plain data: the JSON report contract.

``to_dict`` gives the object ``indikator assess --format json`` prints::

    {"indikator_version": "...", "period": 2024, "programme": NODE}

where every NODE has ``id``, ``name``, ``level``, ``verdict`` and ``children``, and
metric nodes also ``basis``, ``rule_verdict``, ``strategy``, ``explanation`` and
``observations``. Extra keys (labels in both languages, the judgment) are additions.
The nodes are written by :mod:`indikator.serial`, the one serialiser that
:meth:`Assessment.to_dict <indikator.verdict.Assessment.to_dict>` and
:mod:`indikator.io.jsonio` use too; the report's period is its tree's own.
"""

from __future__ import annotations

from typing import Any

from indikator.model import Observation
from indikator.serial import node_dict, observation_dict
from indikator.verdict import Assessment, Lang

__all__ = ["node_to_dict", "observation_to_dict", "to_dict"]


def to_dict(tree: Assessment, period: int | None = None, *, lang: Lang = "sv") -> dict[str, Any]:
    """The whole report as a JSON-ready mapping (see the module docstring).

    The report's period is the tree's own; ``period`` may be left out, and when given it
    must be that period (or the tree must have none).

    Raises:
        ValueError: ``period`` is not the period the tree was assessed for.
    """
    from indikator import __version__

    return {
        "indikator_version": __version__,
        "period": report_period(tree, period),
        "lang": lang,
        "programme": node_dict(tree, lang),
    }


def report_period(tree: Assessment, period: int | None) -> int:
    """The period of a report on ``tree``: the tree's own; ``period`` must not contradict it.

    Raises:
        ValueError: ``period`` differs from the tree's, or neither is known.
    """
    if tree.period is not None:
        if period is not None and period != tree.period:
            raise ValueError(f"the tree was assessed for {tree.period}, not {period}: a "
                             "report is for its tree's period")
        return tree.period
    if period is None:
        raise ValueError("the tree has no period: give the report's period")
    return period


def node_to_dict(node: Assessment, *, lang: Lang = "sv") -> dict[str, Any]:
    """One node of the tree, with its children, as a JSON-ready mapping.

    The same as :meth:`Assessment.to_dict <indikator.verdict.Assessment.to_dict>`.
    """
    return node_dict(node, lang)


def observation_to_dict(obs: Observation) -> dict[str, Any]:
    """One observation as ``{"period", "value", "unit", "text", ...}``.

    ``entity`` and ``own_target`` are there only when the observation has them, so a
    dataset that names no entity is written as before entities existed.
    """
    return observation_dict(obs)
