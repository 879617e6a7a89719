"""Data in: dataset folders, outcome and judgment files, validation and JSON.

A dataset is a folder with a manifest, ``indikator.toml``, naming the programme, the
report year and the outcome files (CSV in UTF-8 or a named encoding, XLSX of one or
several sheets, TOML, Kolada's JSON responses; long or wide layout) and judgment files
(TOML, or a CSV or XLSX sheet). The formats are described in ``docs/formats.md``.
:func:`indikator.io.frames.read_frame` reads a DataFrame and
:func:`indikator.io.kolada.read_kolada` a Kolada response straight into columns.

* :func:`load_dataset` reads a dataset and raises :class:`~indikator.errors.InputError`
  naming the file, the line (row, or cell such as ``B7``) and what is wrong.
* :func:`validate` (pure) and :func:`validate_dataset` list every problem at once;
  :func:`read_validated` also hands back the dataset and programme it read.
* :func:`read_dataset_file` reads a file of a dataset folder for a plugin's dataset
  reader: bounded in size, never a FIFO or device, never outside the folder.
* :mod:`indikator.io.jsonio` serialises datasets and assessment trees to JSON and back.

Data files never execute code: TOML is read with :mod:`tomllib`, CSV with :mod:`csv`,
workbooks with openpyxl in read-only mode with cached values (formulas are not run).
"""

from __future__ import annotations

from indikator.io._files import read_dataset_file
from indikator.io._problems import Location, Problems
from indikator.io.dataset import (
    MANIFEST,
    Loaded,
    Locations,
    check_dataset,
    load_dataset,
    read_dataset,
)
from indikator.io.judgments import ReadJudgment, parse_judgments_toml, read_judgments
from indikator.io.outcomes import (
    ReadObservation,
    parse_outcomes_csv,
    parse_outcomes_toml,
    parse_outcomes_xlsx,
    read_outcomes,
)
from indikator.io.validate import (
    Validated,
    judgment_warnings,
    read_validated,
    validate,
    validate_dataset,
)

__all__ = [
    "MANIFEST",
    "Loaded",
    "Location",
    "Locations",
    "Problems",
    "ReadJudgment",
    "ReadObservation",
    "Validated",
    "check_dataset",
    "judgment_warnings",
    "load_dataset",
    "parse_judgments_toml",
    "parse_outcomes_csv",
    "parse_outcomes_toml",
    "parse_outcomes_xlsx",
    "read_dataset",
    "read_dataset_file",
    "read_judgments",
    "read_outcomes",
    "read_validated",
    "validate",
    "validate_dataset",
]
