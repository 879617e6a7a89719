"""The distribution's name and version, read from the installed package metadata.

The version is written in one place, ``pyproject.toml``; an installed distribution
(a wheel, or an editable install) carries it in its metadata, which this module reads.
A source checkout that was never installed (``src/`` put on the path by hand) has no
metadata: the version is then read from the ``pyproject.toml`` beside ``src/``, and when
that is missing too it is ``0+unknown``, a valid version that sorts below every release.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path
from typing import Final

__all__ = ["DISTRIBUTION", "UNKNOWN_VERSION", "__version__", "version"]

DISTRIBUTION: Final = "indikator-core"
"""The distribution name on the package index (the import package is ``indikator``)."""
UNKNOWN_VERSION: Final = "0+unknown"
"""The version reported when neither metadata nor ``pyproject.toml`` can be read."""


def _from_pyproject(pyproject: Path) -> str | None:
    """The version in a ``pyproject.toml`` of this distribution, or None."""
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    found = project.get("version")
    if project.get("name") != DISTRIBUTION or not isinstance(found, str):
        return None
    return found


def version(
    distribution: str = DISTRIBUTION,
    pyproject: Path | None = None,
) -> str:
    """The version of the installed distribution, with a fallback for a bare checkout.

    Args:
        distribution: The distribution whose metadata to read.
        pyproject: The ``pyproject.toml`` to fall back on; by default the one of the
            source checkout this module lies in (``src/indikator/../../pyproject.toml``).

    Returns:
        The metadata's version; else the checkout's ``[project] version``; else
        :data:`UNKNOWN_VERSION`.
    """
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pass
    if pyproject is None:
        pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    return _from_pyproject(pyproject) or UNKNOWN_VERSION


__version__: Final = version()
"""The version of indikator, as ``indikator.__version__`` and ``indikator --version``."""
