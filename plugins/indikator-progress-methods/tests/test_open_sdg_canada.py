"""Canada's SDG data hub: every published status and score reproduced.

``data/open-sdg-canada`` holds 21 indicators of the real repository with what Canada's
own build (sdg-build) published for them (``indicator_calculation_components.yml``, see
its README). One command, ``indikator assess REPO --format json``, must give every
indicator's published status and score (within 1e-6) and every series' published
components; so must the Python API.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from indikator import evaluate
from indikator.cli import main

from indikator_progress_methods.open_sdg import OpenSdgSite, read_open_sdg

REPO = Path(__file__).parent / "data" / "open-sdg-canada"
PUBLISHED: dict[str, dict[str, Any]] = yaml.safe_load(
    (REPO / "indicator_calculation_components.yml").read_text(encoding="utf-8"))
INDICATORS = sorted(PUBLISHED)
SERIES = [(ind, tag) for ind in INDICATORS for tag, c in PUBLISHED[ind].items()
          if isinstance(c, dict)]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("osdg") / "report.json"
    assert main(["assess", str(REPO), "--format", "json", "--lang", "en", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _nodes(node: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {node["id"]: node}
    for child in node["children"]:
        out.update(_nodes(child))
    return out


def _close(got: object, want: object, tol: float = 1e-6) -> bool:
    if want is None or got is None:
        return got is None and want is None
    assert isinstance(got, (int, float))
    assert isinstance(want, (int, float))
    return math.isclose(got, want, rel_tol=tol, abs_tol=tol)


def test_the_data_holds_the_21_indicators() -> None:
    assert len(INDICATORS) == 21
    assert len(SERIES) == 52  # two of 1-4-1's five education entries share a published name


def test_the_report_keeps_the_json_contract(report: dict[str, Any]) -> None:
    assert {"indikator_version", "period", "programme"} <= set(report)
    for node in _nodes(report["programme"]).values():
        assert {"id", "name", "level", "verdict", "children"} <= set(node)
        if node["level"] == "metric":
            assert {"basis", "rule_verdict", "strategy", "explanation", "observations"} <= set(
                node)


@pytest.mark.parametrize("indicator", INDICATORS)
def test_the_published_indicator_status_and_score(report: dict[str, Any],
                                                  indicator: str) -> None:
    computed = _nodes(report["programme"])[indicator]["explanation"]["computed"]
    want = PUBLISHED[indicator]
    assert computed["status"] == want["progress_status"]
    assert _close(computed["score"], want["score"])


def _tag_matches(ours: str, published: str) -> bool:
    """sdg-build shortens long names ("..."): a shortened part is a prefix of ours."""
    mine, theirs = ours.split(" / "), published.split(" / ")
    if published.endswith("...") and len(published) > len(ours):
        return False
    if len(theirs) > len(mine):
        return False
    for i, part in enumerate(theirs):
        if part.endswith("..."):
            if not mine[i].startswith(part[:-3]):
                return False
            if i == len(theirs) - 1:  # the whole name was cut here
                return True
        elif part != mine[i]:
            return False
    return len(theirs) == len(mine)


@pytest.fixture(scope="module")
def site() -> OpenSdgSite:
    return read_open_sdg(REPO)


@pytest.fixture(scope="module")
def metrics_by_tag(report: dict[str, Any], site: OpenSdgSite) -> dict[str, list[dict[str, Any]]]:
    nodes = _nodes(report["programme"])
    out: dict[str, list[dict[str, Any]]] = {}
    for s in site.series:
        out.setdefault(s.indicator, []).append({"tag": s.tag, **nodes[s.metric]})
    return out


@pytest.mark.parametrize(("indicator", "tag"), SERIES)
def test_the_published_series_components(metrics_by_tag: dict[str, list[dict[str, Any]]],
                                         indicator: str, tag: str) -> None:
    want = PUBLISHED[indicator][tag]
    mine = [m for m in metrics_by_tag[indicator]
            if m["tag"] == tag or _tag_matches(m["tag"], tag)]
    assert mine, f"no series of ours is published as {tag!r}"
    # several of ours with one published name: sdg-build kept the last one configured
    computed = mine[-1]["explanation"]["computed"]
    assert computed["status"] == want["status"]
    for key in ("score", "progress_value", "base_value", "current_value"):
        assert _close(computed[key], want[key], 1e-9 if key != "score" else 1e-6), key
    for key in ("base_year", "current_year"):
        assert (computed[key] is None) == (want[key] is None)
        if want[key] is not None:
            assert computed[key] == int(want[key])
    assert computed["direction"] == want["direction"]
    if want["target"] is not None and want["current_value"] is not None:
        assert _close(computed["target"], want["target"])


def test_the_python_api_gives_the_same(site: OpenSdgSite) -> None:
    result = evaluate(site.programme, site.dataset, periods="latest")
    tree = result.tree(None, site.dataset.period)
    nodes = {n.id: n for n in tree.walk()}
    for indicator in INDICATORS:
        computed = nodes[indicator].explanation.computed
        assert computed["status"] == PUBLISHED[indicator]["progress_status"]
        assert _close(computed["score"], PUBLISHED[indicator]["score"])


def test_each_series_is_rated_at_its_own_latest_year(report: dict[str, Any]) -> None:
    nodes = _nodes(report["programme"])
    years = {nodes[i]["period"] for i in ("1-3-1.2", "1-3-1.4", "1-4-1.1")}
    assert years == {2021, 2022, 2024}  # three series of two indicators, three years


def test_a_series_without_data_keeps_its_category(report: dict[str, Any],
                                                  site: OpenSdgSite) -> None:
    empty = [s for s in site.series if s.problems]
    assert {s.indicator for s in empty} == {"1-4-1"}  # Geography "Canada" is the headline
    for s in empty:
        computed = _nodes(report["programme"])[s.metric]["explanation"]["computed"]
        assert computed["category"] == "not_assessable"
        assert computed["status"] == "not_available"
        assert computed["base_year"] == 2015
        assert computed["target"] == 100.0


def test_the_command_warns_of_series_that_select_nothing(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(REPO), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "Geography = 'Canada'" in captured.err
    assert "substantial progress" in captured.out
