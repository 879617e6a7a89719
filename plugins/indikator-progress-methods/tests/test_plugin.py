"""The plugin is listed by the host, passes its checks and shows its strategies."""

from __future__ import annotations

import json

import pytest
from indikator import InputError, Rating, Strategy, Verdict
from indikator.cli import main
from indikator.plugins import get_strategy, list_plugins
from indikator.testing import check_plugin
from progress_methods_helpers import make_series

import indikator_progress_methods.plugin as plugin
from indikator_progress_methods.strategies import (
    DestatisWeather,
    EustatProjection,
    OpenSdgProgress,
    UnsdProgressChart,
)

IDS = ("destatis_weather", "eustat_projection", "open_sdg_progress", "unsd_progress_chart")


def test_plugin_is_listed(indikator_installed_pm):
    infos = {info.name: info for info in list_plugins(indikator_installed_pm)}
    mine = infos["progress_methods"]
    assert mine.distribution == "indikator-progress-methods"
    assert mine.provides == {"strategies": IDS, "dataset_readers": ("open_sdg",)}
    assert mine.problems == ()


def test_check_plugin_passes():
    assert check_plugin(plugin, name="progress_methods") == []


def test_cli_json_shows_the_strategies(indikator_installed_pm, capsys):
    assert main(["plugins", "--json"]) == 0
    records = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["progress_methods"]["provides"]["strategies"] == list(IDS)
    assert records["progress_methods"]["problems"] == []


@pytest.mark.parametrize("strategy_id", IDS)
def test_registered_factories_build_strategy_records(indikator_installed_pm, strategy_id):
    provided = get_strategy(strategy_id, indikator_installed_pm)
    assert provided.plugin == "progress_methods"
    record = provided.item.factory()
    assert isinstance(record, Strategy)
    assert record.id == strategy_id
    assert provided.item.description.sv != provided.item.description.en
    series = make_series({2015: 30.0, 2016: 31.0, 2017: 33.0, 2018: 34.0, 2019: 36.0})
    assert isinstance(record.assess(series, 2019), Rating)


def test_factory_takes_parameters_as_a_data_file_gives_them(indikator_installed_pm):
    factory = get_strategy("destatis_weather", indikator_installed_pm).item.factory
    record = factory(owner="unit", verdicts={"cloud": "Positiv"})
    assert record.owner.value == "unit"
    assert record.verdicts["cloud"] is Verdict.POSITIVE


@pytest.mark.parametrize(
    ("cls", "kwargs", "field"),
    [
        (OpenSdgProgress, {"verdicts": {"sunshine": "positive"}}, "verdicts"),
        (OpenSdgProgress, {"verdicts": {"not_assessable": "positive"}}, "verdicts"),
        (DestatisWeather, {"verdicts": {"cloud": "no_value"}}, "verdicts.cloud"),
        (DestatisWeather, {"verdicts": {"cloud": "maybe"}}, "verdicts.cloud"),
        (DestatisWeather, {"verdicts": {"cloud": 3}}, "verdicts.cloud"),
        (DestatisWeather, {"verdicts": ["sun"]}, "verdicts"),
        (DestatisWeather, {"owner": "region"}, "owner"),
        (UnsdProgressChart, {"target_value": float("nan")}, "target_value"),
        (UnsdProgressChart, {"target_year": 2030.5}, "target_year"),
        (EustatProjection, {"near_bound_tolerance": -1}, "near_bound_tolerance"),
        (EustatProjection, {"use_target": "yes"}, "use_target"),
        (OpenSdgProgress, {"base_year": 1800}, "base_year"),
        (OpenSdgProgress, {"limit": True}, "limit"),
    ],
)
def test_bad_parameters_are_refused_naming_the_field(cls, kwargs, field):
    with pytest.raises(InputError) as info:
        cls(**kwargs)
    assert info.value.field == field
    assert info.value.has_value
    assert field in str(info.value)


def test_strategies_are_hashable_frozen_records():
    a = DestatisWeather(verdicts={"cloud": "positive"})
    b = DestatisWeather(verdicts={"cloud": "positive"})
    assert a == b
    assert hash(a) == hash(b)
    assert a != DestatisWeather()


def test_the_package_exports_its_public_classes():
    import indikator_progress_methods as package
    from indikator_progress_methods import EustatProjection as Exported
    from indikator_progress_methods import OpenSdgIndicator
    from indikator_progress_methods import OpenSdgProgress as ExportedOpenSdg
    from indikator_progress_methods.rollups import OpenSdgIndicator as FromRollups

    assert ExportedOpenSdg is OpenSdgProgress
    assert Exported is EustatProjection
    assert OpenSdgIndicator is FromRollups
    for name in ("DestatisWeather", "EustatProjection", "OpenSdgProgress", "UnsdProgressChart",
                 "OpenSdgIndicator"):
        assert name in package.__all__
        assert getattr(package, name).__module__.startswith("indikator_progress_methods.")
    assert all(hasattr(package, name) for name in package.__all__)
