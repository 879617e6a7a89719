"""The tests every indikator plugin should have: it is listed, valid, and resolvable.

They name the plugin's indicator and programme only through the module's constants
(``INDICATOR_ID``, ``PROGRAMME_ID``), so they hold for your own indicators as they are.
The fixtures ``indikator_installed_pm`` and ``indikator_pm`` come with indikator (a
pytest plugin loaded automatically); ``check_plugin`` runs the host's own validation.
"""

from __future__ import annotations

import indikator_example

from indikator.plugins import get_indicator, get_programme, list_plugins
from indikator.testing import check_plugin


def test_my_plugin_is_listed(indikator_installed_pm):
    infos = {info.name: info for info in list_plugins(indikator_installed_pm)}
    assert "example" in infos
    mine = infos["example"]
    assert mine.distribution == "indikator-example"
    assert mine.version == indikator_example.__version__
    assert mine.provides["indicators"] == (indikator_example.INDICATOR_ID,)
    assert mine.provides["programmes"] == (indikator_example.PROGRAMME_ID,)
    assert mine.problems == ()


def test_check_plugin_passes():
    assert check_plugin(indikator_example, name="example") == []


def test_my_indicator_is_attributed_to_my_plugin(indikator_installed_pm):
    found = get_indicator(indikator_example.INDICATOR_ID, indikator_installed_pm)
    assert found.plugin == "example"
    assert found.item.metrics, "an indicator has at least one metric"


def test_my_programme_resolves_with_my_indicator(indikator_pm, register_plugin):
    register_plugin(indikator_example, "example")
    programme = get_programme(indikator_example.PROGRAMME_ID, indikator_pm)
    assert indikator_example.INDICATOR_ID in programme.indicators()
