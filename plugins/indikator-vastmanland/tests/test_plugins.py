"""The distribution's plugins: one module per indicator, each registered by its own entry
point, and a programme that resolves the same through the host as through programme()."""

from __future__ import annotations

import importlib
import importlib.metadata
import re

import indikator_vastmanland
import pytest
from indikator_vastmanland.indicators import MODULES

from indikator.errors import InputError
from indikator.model import Programme
from indikator.plugins import (
    IndikatorPluginManager,
    get_programme,
    list_plugins,
    new_plugin_manager,
)
from indikator.testing import check_plugin


def _entry_points() -> dict[str, str]:
    return {
        ep.name: ep.value
        for ep in importlib.metadata.entry_points(group="indikator")
        if ep.value.startswith("indikator_vastmanland")
    }


def test_each_indicator_has_its_own_entry_point() -> None:
    values = sorted(_entry_points().values())
    expected = sorted(
        ["indikator_vastmanland.programme_spec"]
        + [f"indikator_vastmanland.indicators.{m}" for m in MODULES]
    )
    assert values == expected
    assert len(MODULES) == 11


@pytest.mark.parametrize("module_name", MODULES)
def test_each_indicator_module_provides_one_indicator_and_passes_the_hosts_checks(
    module_name: str, plugin_manager: IndikatorPluginManager
) -> None:
    module = importlib.import_module(f"indikator_vastmanland.indicators.{module_name}")
    provided = module.indikator_indicators()
    assert len(provided) == 1
    assert provided[0].id.startswith("vastmanland.")
    assert check_plugin(module) == []


def test_the_programme_module_passes_the_hosts_checks(
    plugin_manager: IndikatorPluginManager,
) -> None:
    module = importlib.import_module("indikator_vastmanland.programme_spec")
    assert check_plugin(module, pm=plugin_manager) == []


def test_every_plugin_is_listed_without_problems(plugin_manager: IndikatorPluginManager) -> None:
    names = {info.name for info in list_plugins(plugin_manager)}
    assert set(_entry_points()) <= names
    assert [str(p) for p in plugin_manager.problems()] == []


def test_programme_helper_equals_the_resolved_programme(programme: Programme) -> None:
    assert indikator_vastmanland.programme() == programme


def test_without_an_indicator_plugin_the_programme_names_what_is_missing() -> None:
    pm = new_plugin_manager(blocked=["vastmanland-chemicals"])
    with pytest.raises(InputError, match=r"vastmanland\.chemicals"):
        get_programme("vastmanland-2023-2030", pm)


# Words that mark a text as Swedish or as English (none is a word of the other language).
_SWEDISH = frozenset({"och", "är", "att", "som", "mot", "för", "inte", "gentemot", "varje",
                      "ska", "med", "av", "på", "från", "eller", "det", "den", "ingår"})
_ENGLISH = frozenset({"the", "and", "is", "of", "against", "to", "its", "with", "from", "not",
                      "every", "which", "or", "each"})
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|«[^»]*»")  # a quotation keeps its own language


def _notes(programme: Programme) -> list[tuple[str, str]]:
    notes = [(programme.id, programme.note)]
    for area in programme.goal_areas:
        notes.append((area.id, area.note))
        for ind in area.indicators:
            notes.append((ind.id, getattr(ind, "note", None)))
            for metric in ind.metrics:
                notes.append((metric.id, metric.note))
                notes += [(f"{metric.id} target", t.note) for t in metric.targets]
    return [(where, note) for where, note in notes if note]


def test_every_note_reads_in_one_language(programme: Programme) -> None:
    # A note is one str in the model: the report's own words stay Swedish, the plugin's
    # commentary is English, and no note gives both ("… (change in % against 2019)").
    notes = _notes(programme)
    assert len(notes) > 20
    for where, note in notes:
        words = set(re.findall(r"[a-zåäö]+", _QUOTED.sub("", note).lower()))
        assert not (words & _SWEDISH and words & _ENGLISH), (
            where, note, sorted(words & _SWEDISH), sorted(words & _ENGLISH))
