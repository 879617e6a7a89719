"""Programmes without Python: declarative programme files (TOML).

A programme file declares a programme with its years, goal areas with their goal
sentences, indicators with their target text, and metrics with names, unit, direction,
base year and value, targets as reports state them, a strategy with its parameters,
components and roll-ups; every built-in and plugin strategy and roll-up is named by id.
One file or a folder of files; the format is in ``docs/reference/programme-file.md``
and :func:`schema` is its JSON Schema.

* :func:`read_programme` / :func:`load_programme` read a programme from files;
* :func:`read_definitions` reads what files define, collecting every problem;
* :func:`programme_to_toml` writes a Python-defined programme as a file.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from indikator.programme_file.reader import (
    Definitions,
    FileText,
    load_programme,
    read_definitions,
    read_programme,
    read_texts,
)
from indikator.programme_file.writer import programme_to_toml

__all__ = [
    "Definitions",
    "FileText",
    "load_programme",
    "programme_to_toml",
    "read_definitions",
    "read_programme",
    "read_texts",
    "schema",
]


def schema() -> dict[str, Any]:
    """The JSON Schema of a programme file (shipped as package data, ``schema.json``)."""
    text = resources.files(__name__).joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
