"""Charts carry the verdict's basis: the parts each strategy decides on, as SVG.

Every chart is parsed as XML; its parts are found by class: ``chart-base`` (the value
compared with), ``chart-band`` (a dead band or near-target band), ``chart-path`` and
``chart-required`` (a trajectory and the value it requires), ``chart-target``, and
``chart-to-positive`` (what it would take). The numbers a part shows are the
explanation's, printed as the page prints numbers.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import indikator as ik
from indikator.numbers import NARROW_NBSP, format_number
from indikator.render.charts import chart, chart_parts, nice_ticks
from indikator.strategies import Components, TextOutcome, VsBase, VsOwnTarget, VsTrajectory
from indikator.verdict import Assessment, Lang

NS = "{http://www.w3.org/2000/svg}"


def _tree(metric: ik.Metric, values: dict[int, float | str], period: int = 2024,
          component_values: dict[str, dict[int, float]] | None = None) -> Assessment:
    obs: list[ik.Observation] = []
    for year, v in values.items():
        if isinstance(v, str):
            obs.append(ik.Observation(year, text=v))
        else:
            obs.append(ik.Observation(year, v, metric.unit))
    for comp, series in (component_values or {}).items():
        obs += [ik.Observation(y, v, metric.unit, component=comp) for y, v in series.items()]
    programme = ik.Programme(id="p", name="P", goal_areas=[ik.GoalArea(
        id="a", name="A", indicators=[ik.SimpleIndicator(id="i", name="I", metrics=[metric])])])
    data = ik.Dataset(programme="p", period=period, observations={metric.id: obs})
    return ik.assess(programme, data).find(metric.id)


def _svg(node: Assessment, metric: ik.Metric, lang: Lang = "sv") -> ET.Element:
    lines = chart(node, 2024, "c", lang, metric)
    text = "\n".join(lines)
    found = re.search(r"<svg.*</svg>", text, re.S)
    assert found, text
    return ET.fromstring(found.group(0))


def _parts(svg: ET.Element) -> set[str]:
    return {c for e in svg.iter() for c in (e.get("class") or "").split()
            if c.startswith("chart-") and not c.startswith(("chart-vs", "chart-text"))}


def _title(svg: ET.Element, cls: str) -> str:
    for e in svg.iter():
        if cls in (e.get("class") or "").split():
            t = e.find(f"{NS}title")
            assert t is not None
            assert t.text
            return t.text
    raise AssertionError(cls)


def _accessible(svg: ET.Element) -> None:
    assert svg.get("role") == "img"
    ids = {e.get("id") for e in svg.iter()}
    labelled = (svg.get("aria-labelledby") or "").split()
    assert labelled
    assert set(labelled) <= ids
    assert svg.find(f"{NS}title") is not None
    assert svg.find(f"{NS}desc") is not None


WASTE = ik.Metric(id="waste", name="Avfall", unit="kg", direction="lower_is_better",
                  strategy=VsBase(relative_dead_band=0.05))


def test_vs_base_shows_the_base_the_band_and_what_it_would_take() -> None:
    node = _tree(WASTE, {2022: 7.0, 2023: 6.8, 2024: 6.7})
    assert node.verdict is ik.Verdict.UNCHANGED
    svg = _svg(node, WASTE)
    _accessible(svg)
    assert _parts(svg) >= {"chart-base", "chart-band", "chart-to-positive"}
    assert _title(svg, "chart-base") == "Jämförelsevärde 6,8 kg (2023)"
    edge = node.explanation.computed["to_positive"]
    assert isinstance(edge, float)
    assert format_number(edge, "sv") in _title(svg, "chart-to-positive")
    assert "högst" in _title(svg, "chart-to-positive")
    # positive: nothing to reach, so no mark
    better = _tree(WASTE, {2023: 6.8, 2024: 5.0})
    assert "chart-to-positive" not in _parts(_svg(better, WASTE))


CO2 = ik.Metric(id="co2", name="CO2e", unit="%", direction="lower_is_better", base_year=2019,
                base_value=0.0, targets=[ik.Target(value=-50, unit="%", year=2030)],
                strategy=VsTrajectory(start_year=2021))


def test_a_trajectory_shows_base_path_required_value_and_target() -> None:
    node = _tree(CO2, {2023: -2.0, 2024: 1.0})
    svg = _svg(node, CO2)
    _accessible(svg)
    assert _parts(svg) >= {"chart-base", "chart-path", "chart-required", "chart-target",
                           "chart-to-positive"}
    expected = node.explanation.computed["expected"]
    assert isinstance(expected, float)
    assert _title(svg, "chart-required") == f"Krav 2024: {format_number(expected, 'sv')} %"
    assert "mål 2030: -50 %" in _title(svg, "chart-target")
    # the path runs through the required value: the ring sits on the polyline
    ring = next(e for e in svg.iter() if e.get("class") == "chart-required")
    path = next(e for e in svg.iter() if e.get("class") == "chart-path")
    points = [tuple(map(float, p.split(","))) for p in (path.get("points") or "").split()]
    cx, cy = float(ring.get("cx") or 0), float(ring.get("cy") or 0)
    assert any(abs(px - cx) < 0.2 and abs(py - cy) < 0.2 for px, py in points)
    desc = svg.find(f"{NS}desc")
    assert desc is not None
    assert desc.text
    assert "krav 2024" in desc.text.lower()


def test_an_own_target_shows_the_target_and_the_near_band() -> None:
    metric = ik.Metric(id="eco", name="Eko", unit="%", strategy=VsOwnTarget(
        target_value=60.0, near_band=0.1))
    node = _tree(metric, {2023: 40.0, 2024: 42.0})
    assert node.verdict is ik.Verdict.UNCHANGED
    svg = _svg(node, metric)
    assert _parts(svg) >= {"chart-target", "chart-to-positive"}
    assert "60 %" in _title(svg, "chart-target")
    near = _tree(metric, {2023: 40.0, 2024: 57.0})
    assert "chart-band" in _parts(_svg(near, metric))


def test_a_text_scale_is_shown_in_steps_from_one() -> None:
    metric = ik.Metric(id="risk", name="Risk", strategy=TextOutcome(
        scale=("Låg", "Medel", "Hög")))
    node = _tree(metric, {2023: "Medel", 2024: "Låg"})
    svg = _svg(node, metric)
    labels = [e.text for e in svg.iter() if e.get("class") == "tick-label"]
    assert labels == ["1", "2", "3"]
    desc = svg.find(f"{NS}desc")
    assert desc is not None
    assert desc.text == "2023: steg 2; 2024: steg 1"
    caption = "\n".join(chart(node, 2024, "c", "sv", metric))
    assert "Skala: 1 Låg; 2 Medel; 3 Hög" in caption


def test_components_get_one_line_each_with_their_names() -> None:
    metric = ik.Metric(id="chem", name="Kemikalier", unit="st", strategy=Components())
    node = _tree(metric, {}, component_values={"cmr": {2023: 10.0, 2024: 12.0},
                                               "kand": {2023: 40.0, 2024: 30.0}})
    svg = _svg(node, metric)
    assert len([e for e in svg.iter() if e.get("class") == "observed"
                and e.tag == f"{NS}polyline"]) == 2
    assert {e.text for e in svg.iter() if e.get("class") == "component"} == {"cmr", "kand"}


@pytest.mark.parametrize("values", [{2023: 15210.0, 2024: 15390.0}, {2023: 1.2e-5, 2024: 3e-5}])
def test_axis_numbers_print_as_the_page_does(values: dict[int, float]) -> None:
    node = _tree(WASTE, values)
    for lang, sep in (("sv", ","), ("en", ".")):
        svg = _svg(node, WASTE, lang)  # type: ignore[arg-type]
        labels = [e.text or "" for e in svg.iter() if e.get("class") == "tick-label"]
        assert labels
        assert not [t for t in labels if "e" in t.lower()]
        if values[2023] > 1000:
            assert all((NARROW_NBSP if lang == "sv" else ",") in t for t in labels)
        else:
            assert all(sep in t for t in labels)


def test_nice_ticks_cover_the_range_with_round_steps() -> None:
    ticks, decimals = nice_ticks(0.13, 0.151)
    assert decimals == 2
    labels = [format_number(t, "sv", decimals=decimals, trim=False) for t in ticks]
    assert labels == ["0,13", "0,14", "0,15"]
    assert ticks[0] >= 0.13 - 1e-12
    assert ticks[-1] <= 0.151 + 1e-12
    assert len(ticks) >= 2


def test_the_same_parts_in_both_languages() -> None:
    for metric, values in ((WASTE, {2023: 6.8, 2024: 6.7}), (CO2, {2023: -2.0, 2024: 1.0})):
        node = _tree(metric, values)
        assert _parts(_svg(node, metric, "sv")) == _parts(_svg(node, metric, "en"))


def test_a_judged_metric_shows_what_the_rule_measured() -> None:
    node = _tree(WASTE, {2023: 6.8, 2024: 6.7})
    parts = chart_parts(node, WASTE)
    assert parts.base == (2023, 6.8)
    assert parts.band is not None


def test_the_vastmanland_report_has_every_strategys_parts() -> None:
    from indikator.io import load_dataset
    from indikator.render.html import render_html

    root = Path(__file__).resolve().parents[1] / "examples" / "vastmanland-2024"
    dataset = load_dataset(root)
    tree = ik.assess(ik.plugins.get_programme(dataset.programme), dataset)
    page = render_html(tree, dataset, "sv")
    svgs = [ET.fromstring(s) for s in re.findall(r"<svg.*?</svg>", page, re.S)]
    by_kind: dict[str, set[str]] = {}
    for svg in svgs:
        _accessible(svg)
        kind = (svg.get("class") or "").split()[-1]
        by_kind.setdefault(kind, set()).update(_parts(svg))
    assert by_kind["chart-vs-trajectory"] >= {"chart-base", "chart-path", "chart-required",
                                              "chart-target", "chart-to-positive"}
    assert by_kind["chart-vs-base"] >= {"chart-base", "chart-to-positive"}
    assert by_kind["chart-vs-own-target"] >= {"chart-target", "chart-to-positive"}
    assert "<script" not in page


def test_a_trajectory_also_shows_the_units_own_target() -> None:
    metric = ik.Metric(
        id="co2", name="CO2e", unit="%", direction="lower_is_better", base_year=2019,
        base_value=0.0, strategy=VsTrajectory(start_year=2021),
        targets=[ik.Target(value=-50, unit="%", year=2030),
                 ik.Target(value=-30, unit="%", year=2027, owner="unit")])
    svg = _svg(_tree(metric, {2023: -2.0, 2024: 1.0}), metric)
    titles = [t.text or "" for e in svg.iter() if e.get("class") == "chart-target"
              for t in e.iter(f"{NS}title")]
    assert len(titles) == 2
    assert any("mål 2030: -50 %" in t for t in titles)
    assert any("verksamhetens mål: -30 %" in t for t in titles)
