"""The distribution's plugin: programme files shipped as package data, one per indicator,
registered by one hook, and a programme that resolves the same through the host as through
programme()."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from importlib import resources

import indikator_vastmanland
import pytest
from indikator_vastmanland import plugin

from indikator.errors import InputError
from indikator.model import Programme
from indikator.plugins import (
    IndikatorPluginManager,
    get_programme,
    list_plugins,
    new_plugin_manager,
)
from indikator.programme_file import read_definitions
from indikator.programme_file.host import plugin_texts
from indikator.testing import check_plugin

FILES = resources.files("indikator_vastmanland") / "programme"


def _entry_points() -> dict[str, str]:
    return {
        ep.name: ep.value
        for ep in importlib.metadata.entry_points(group="indikator")
        if ep.value.startswith("indikator_vastmanland")
    }


def test_one_entry_point_registers_the_programme_files() -> None:
    assert _entry_points() == {"vastmanland": "indikator_vastmanland.plugin"}
    assert check_plugin(plugin) == []


def test_each_indicator_is_declared_in_its_own_file(
    plugin_manager: IndikatorPluginManager,
) -> None:
    files = sorted((FILES / "indicators").iterdir(), key=lambda f: f.name)
    declared = [tomllib.loads(f.read_text(encoding="utf-8")) for f in files]
    assert len(files) == 11
    assert all(len(doc["indicator"]) == 1 for doc in declared)
    ids = sorted(doc["indicator"][0]["id"] for doc in declared)
    provided = plugin_manager.indicators()
    assert ids == sorted(i for i, p in provided.items() if p.plugin == "vastmanland")


def test_the_plugin_lists_every_indicator_and_the_programme_without_problems(
    plugin_manager: IndikatorPluginManager,
) -> None:
    [info] = [i for i in list_plugins(plugin_manager) if i.name == "vastmanland"]
    assert info.hooks == ("indikator_programme_files",)
    assert len(info.provides["indicators"]) == 11
    assert info.provides["programmes"] == ("vastmanland-2023-2030",)
    assert [str(p) for p in plugin_manager.problems()] == []


def test_the_files_define_no_python_class(plugin_manager: IndikatorPluginManager) -> None:
    defs = read_definitions(plugin_texts(plugin.FILES), plugin_manager)
    assert defs.problems == ()
    assert {type(i).__name__ for i in defs.indicators} == {"SimpleIndicator"}


def test_programme_helper_equals_the_resolved_programme(programme: Programme) -> None:
    assert indikator_vastmanland.programme() == programme
    assert list(indikator_vastmanland.indicators()) == list(programme.indicators())


def test_the_climate_targets_are_stated_against_2019(programme: Programme) -> None:
    from indikator.model import TargetBasis

    climate = [m for m in programme.metrics().values() if m.base_year == 2019]
    assert len(climate) == 4
    for metric in climate:
        [target] = metric.targets
        assert (target.basis, target.value, target.base_year, target.year) == (
            TargetBasis.CHANGE, -50.0, 2019, 2030)


def test_without_the_plugin_the_programme_is_unknown() -> None:
    pm = new_plugin_manager(blocked=["vastmanland"])
    with pytest.raises(InputError, match=r"vastmanland-2023-2030"):
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
