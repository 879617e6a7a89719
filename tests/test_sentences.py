"""Sentences readers see: rules by name (never ids), 'och' where 'och' is meant, notes apart."""

from __future__ import annotations

import indikator as ik
from indikator.labels import rule_label
from indikator.render.html import render_html
from indikator.render.markdown import render_markdown
from indikator.rollup import WorstOf
from indikator.series import build_series
from indikator.strategies import Components, VsBase, VsOwnTarget

IDS = ("worst_of", "strict_majority", "vs_own_target", "vs_base", "vs_trajectory",
       "mean_score", "all_positive")


def _programme(metric: ik.Metric) -> ik.Programme:
    return ik.Programme(id="p", name="P", goal_areas=[ik.GoalArea(
        id="a", name="A", indicators=[ik.SimpleIndicator(id="i", name="I", metrics=[metric])])])


def test_components_name_their_roll_up_by_what_it_does() -> None:
    metric = ik.Metric(id="chem", name="Kemikalier", unit="st", strategy=Components(
        rollup=WorstOf()))
    obs = [ik.Observation(y, v, "st", component="cmr") for y, v in ((2023, 3.0), (2024, 4.0))]
    rating = metric.strategy.assess(build_series(metric, obs), 2024)
    sv, en = rating.explanation.sentence("sv"), rating.explanation.sentence("en")
    assert "vägs samman med regeln ”sämsta delen”" in sv
    assert "combined with the rule “worst part”" in en
    assert not [i for i in IDS if i in sv or i in en]


def test_rule_labels_of_plugins_and_unknown_rules() -> None:
    class Custom:
        id = "my_rule"
        label = ("min regel", "my rule")

    class Bare:
        id = "open_sdg_progress"

    assert rule_label(Custom(), "en") == "my rule"
    assert rule_label(Bare(), "sv") == "open sdg progress"
    assert rule_label("vs_own_target", "sv") == "mot målvärde"


def test_worse_and_short_of_the_target_reads_och() -> None:
    metric = ik.Metric(id="eco", name="Eko", unit="%", strategy=VsOwnTarget(target_value=60.0))
    worse = [ik.Observation(2023, 40.0, "%"), ik.Observation(2024, 38.0, "%")]
    rating = metric.strategy.assess(build_series(metric, worse), 2024)
    assert "är sämre än 40 % 2023 och når inte" in rating.explanation.sentence("sv")
    assert "is worse than 40 % in 2023 and falls short" in rating.explanation.sentence("en")
    better = [ik.Observation(2023, 40.0, "%"), ik.Observation(2024, 42.0, "%")]
    rating = metric.strategy.assess(build_series(metric, better), 2024)
    assert "är bättre än 40 % 2023 men når inte" in rating.explanation.sentence("sv")


def test_html_names_the_rule_not_its_id() -> None:
    metric = ik.Metric(id="eco", name="Eko", unit="%", strategy=VsOwnTarget(target_value=60.0))
    data = ik.Dataset(programme="p", period=2024, observations={"eco": [
        ik.Observation(2023, 40.0, "%"), ik.Observation(2024, 38.0, "%")]})
    programme = _programme(metric)
    page = render_html(ik.assess(programme, data), data, "sv", programme=programme)
    assert "(mot målvärde)" in page
    assert "(vs_own_target)" not in page


def test_a_note_and_a_judgment_do_not_run_into_each_other_in_markdown() -> None:
    metric = ik.Metric(id="waste", name="Avfall", unit="kg", direction="lower_is_better",
                       strategy=VsBase())
    data = ik.Dataset(
        programme="p", period=2024,
        observations={"waste": [ik.Observation(2023, 7.0, "kg"),
                                ik.Observation(2024, 6.0, "kg", note="Ny mätmetod från 2024")]},
        judgments=[ik.Judgment(target="waste", period=2024, verdict="unchanged",
                               reason="Förändringen är marginell")])
    programme = _programme(metric)
    md = render_markdown(ik.assess(programme, data), data, "sv", programme=programme)
    assert "Ny mätmetod från 2024. Bedömning: Förändringen är marginell" in md
    assert "2024 Bedömning" not in md


def test_components_under_the_worst_part_say_what_each_part_needs() -> None:
    metric = ik.Metric(id="chem", name="Kemikalier", unit="st", direction="lower_is_better",
                       strategy=Components(rollup=WorstOf()),
                       components=[ik.Component(id="cmr", name="CMR"),
                                   ik.Component(id="kand", name="Kand{i}dat")])
    obs = [ik.Observation(2023, 3.0, "st", component="cmr"),
           ik.Observation(2024, 4.0, "st", component="cmr"),
           ik.Observation(2023, 9.0, "st", component="kand"),
           ik.Observation(2024, 8.0, "st", component="kand")]
    rating = metric.strategy.assess(build_series(metric, obs), 2024)
    assert rating.verdict is ik.Verdict.NEGATIVE
    sv = rating.explanation.sentence("sv")
    assert sv.endswith("För en positiv bedömning 2025 behöver delserierna vara: CMR lägre än "
                       "4 st.")  # the improving part is not asked for more
    assert "Kand{i}dat: positiv" in sv  # a name with braces stays as it is
    assert rating.explanation.computed["component.cmr.to_positive"] < 4.0
