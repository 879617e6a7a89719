"""Shared fixtures: the example dataset, its programme from the installed plugins, the tree."""

from __future__ import annotations

from pathlib import Path

import pytest

import indikator
from indikator.io import load_dataset
from indikator.model import Dataset, Programme
from indikator.plugins import IndikatorPluginManager, get_programme, new_plugin_manager
from indikator.verdict import Assessment

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "vastmanland-2024"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def plugin_manager() -> IndikatorPluginManager:
    return new_plugin_manager(strict=True)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(EXAMPLE)


@pytest.fixture(scope="session")
def programme(plugin_manager: IndikatorPluginManager) -> Programme:
    return get_programme("vastmanland-2023-2030", plugin_manager)


@pytest.fixture(scope="session")
def tree(programme: Programme, dataset: Dataset) -> Assessment:
    return indikator.assess(programme, dataset)
