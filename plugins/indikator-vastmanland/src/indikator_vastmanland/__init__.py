"""Region Västmanland's Hållbarhetsprogram 2023–2030 as indikator plugins.

The programme module (:mod:`indikator_vastmanland.programme_spec`) registers the programme and
its five goal areas; each of the eleven indicators is registered by its own module under
:mod:`indikator_vastmanland.indicators`. All are loaded through the ``indikator``
entry-point group. :func:`programme` assembles the same programme without the plugin
manager, for library users and tests::

    import indikator, indikator_vastmanland
    tree = indikator.assess(indikator_vastmanland.programme(), dataset)
"""

from __future__ import annotations

import importlib

from indikator.errors import PluginError
from indikator.model import Indicator, Programme
from indikator_vastmanland._common import PROGRAMME_ID
from indikator_vastmanland.indicators import MODULES

__all__ = ["PROGRAMME_ID", "indicators", "programme"]

__version__ = "0.1.0"


def indicators() -> dict[str, Indicator]:
    """The package's eleven indicators by id, in report order."""
    out: dict[str, Indicator] = {}
    for name in MODULES:
        module = importlib.import_module(f"indikator_vastmanland.indicators.{name}")
        for ind in module.indikator_indicators():
            out[ind.id] = ind
    return out


def programme() -> Programme:
    """Hållbarhetsprogram 2023–2030 assembled from this package's modules directly.

    The same programme ``indikator.plugins.get_programme("vastmanland-2023-2030")``
    resolves through the plugin manager.

    Raises:
        PluginError: A goal area names an indicator this package does not define.
    """
    from indikator_vastmanland.programme_spec import PROGRAMME

    spec = PROGRAMME
    known = indicators()
    for area in spec.goal_areas:
        missing = [i for i in area.indicators if i not in known]
        if missing:
            raise PluginError(
                "indikator_vastmanland",
                f"goal area {area.id!r} names unknown indicators: {', '.join(missing)}",
            )
    return spec.resolve(known)
