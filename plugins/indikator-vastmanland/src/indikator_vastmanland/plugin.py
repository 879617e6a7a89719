"""The plugin module: registers the programme files under ``programme/``.

``programme/programme.toml`` declares the programme and its five goal areas;
``programme/indicators/*.toml`` declare the eleven indicators, one file each. No Python
class is needed: every strategy is a built-in one, named by id with its parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.provides import ProgrammeFiles

__all__ = ["FILES", "indikator_programme_files"]

FILES = ProgrammeFiles(
    package="indikator_vastmanland",
    path="programme",
    description="Hållbarhetsprogram 2023–2030: the programme, five goal areas, eleven "
    "indicators and 25 metrics",
)
"""The programme files this plugin ships."""


@indikator.hookimpl
def indikator_programme_files() -> Sequence[ProgrammeFiles]:
    """Register the programme files."""
    return [FILES]
