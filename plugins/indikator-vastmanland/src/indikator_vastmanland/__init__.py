"""Region Västmanland's Hållbarhetsprogram 2023–2030 as an indikator plugin.

The programme is declared in programme files shipped as package data
(``programme/programme.toml`` and one file per indicator under
``programme/indicators/``), registered by :mod:`indikator_vastmanland.plugin` through
the ``indikator_programme_files`` hook. :func:`programme` reads the same files without
the plugin manager's indicator listing, for library users and tests::

    import indikator, indikator_vastmanland
    tree = indikator.assess(indikator_vastmanland.programme(), dataset)
"""

from __future__ import annotations

from indikator.errors import PluginError
from indikator.io._problems import Problems
from indikator.model import Indicator, Programme
from indikator.programme_file import Definitions, read_definitions
from indikator.programme_file.host import plugin_texts
from indikator_vastmanland._common import PROGRAMME_ID

__all__ = ["PROGRAMME_ID", "indicators", "programme"]

__version__ = "0.1.0"


def _definitions() -> Definitions:
    from indikator_vastmanland.plugin import FILES

    defs = read_definitions(plugin_texts(FILES))
    found = Problems()
    found.extend(defs.problems)
    found.raise_if_any()
    return defs


def indicators() -> dict[str, Indicator]:
    """The package's eleven indicators by id, in report order."""
    defs = _definitions()
    order = [i for area in defs.programmes[0].goal_areas for i in area.indicators]
    known = {ind.id: ind for ind in defs.indicators}
    return {i: known[i] for i in order if i in known}


def programme() -> Programme:
    """Hållbarhetsprogram 2023–2030 read from this package's programme files directly.

    The same programme ``indikator.plugins.get_programme("vastmanland-2023-2030")``
    resolves through the plugin manager.

    Raises:
        InputError: A programme file has a problem.
        PluginError: A goal area names an indicator the files do not define.
    """
    defs = _definitions()
    spec = next(p for p in defs.programmes if p.id == PROGRAMME_ID)
    known = {ind.id: ind for ind in defs.indicators}
    for area in spec.goal_areas:
        missing = [i for i in area.indicators if i not in known]
        if missing:
            raise PluginError(
                "indikator_vastmanland",
                f"goal area {area.id!r} names unknown indicators: {', '.join(missing)}",
            )
    return spec.resolve(known)
