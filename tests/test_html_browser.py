"""The HTML report in a real browser: Debian's headless Chromium loads the page from a
file:// URL, takes a screenshot and dumps the DOM.

Outside CI the test skips (with the reason shown) when no Chromium is installed; with
``CI=true`` a missing browser is a failure (``.ci/run`` installs it).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from indikator.model import (
    Dataset,
    GoalArea,
    Judgment,
    Metric,
    Observation,
    Programme,
    SimpleIndicator,
)
from indikator.render.html import render_html
from indikator.strategies import VsBase
from indikator.verdict import Verdict

_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--mute-audio")
NOTE = "Reviderat <script>document.title='pwned'</script> värde"


def _chromium() -> str:
    for name in (os.environ.get("INDIKATOR_CHROMIUM"), "chromium", "chromium-browser",
                 "google-chrome"):
        if name and (found := shutil.which(name)):
            return found
    reason = "no Chromium found (apt-get install chromium, or set INDIKATOR_CHROMIUM)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def _run(browser: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / f"profile-{len(list(tmp.iterdir()))}"
    return subprocess.run([browser, *_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=90, check=False)


def _programme() -> tuple[Programme, Dataset]:
    bus = Metric(id="bus-energy", name={"sv": "Energi per km", "en": "Energy per km"},
                 unit="kWh/km", direction="lower", strategy=VsBase())
    waste = Metric(id="waste", name={"sv": "Avfall", "en": "Waste"}, unit="kg/invånare",
                   direction="lower", strategy=VsBase())
    ind = SimpleIndicator(id="efficiency", name={"sv": "Resurseffektivitet",
                                                 "en": "Resource efficiency"},
                          metrics=(bus, waste))
    prog = Programme(id="p", name={"sv": "Hållbarhetsprogram", "en": "Sustainability programme"},
                     goal_areas=(GoalArea(id="climate", name={"sv": "Klimat", "en": "Climate"},
                                          indicators=(ind,)),))
    ds = Dataset(
        programme="p", period=2024, title={"sv": "Redovisning 2024", "en": "Report 2024"},
        observations={
            "bus-energy": [Observation(2022, 3.9, "kWh/km"), Observation(2023, 3.6, "kWh/km"),
                           Observation(2024, 4.5, "kWh/km", note=NOTE, flags={"provisional"})],
            "waste": [Observation(2023, 500, "kg/invånare"), Observation(2024, 480, "kg/invånare")],
        },
        judgments=[Judgment(target="waste", period=2024, verdict="unchanged",
                            reason="Marginell <i>förändring</i>")],
    )
    return prog, ds


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    from indikator.engine import assess

    browser = _chromium()
    prog, ds = _programme()
    tree = assess(prog, ds)
    page = tmp_path / "report.html"
    page.write_text(render_html(tree, ds, "sv"), encoding="utf-8")
    url = page.as_uri()

    shot = tmp_path / "report.png"
    result = _run(browser, tmp_path, "--window-size=1100,1600", f"--screenshot={shot}", url)
    assert result.returncode == 0, result.stderr[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 20_000  # a rendered page, not a blank one
    keep = os.environ.get("INDIKATOR_SCREENSHOT_DIR")
    if keep:
        shutil.copy(shot, Path(keep) / "report.png")

    result = _run(browser, tmp_path, "--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    title = html.unescape(re.search(r"<title>(.*?)</title>", dom, re.S).group(1))  # type: ignore[union-attr]
    assert title == "Hållbarhetsprogram – Redovisning 2024 – 2024"  # the script did not run
    assert "pwned" not in title
    assert "<script" not in dom.lower()  # no script element reached the DOM
    text = html.unescape(re.sub(r"<[^>]+>", " ", dom))
    assert "Reviderat <script>document.title='pwned'</script> värde" in text  # shown as text
    assert "Marginell <i>förändring</i>" in text
    for verdict in (tree.verdict, tree.find("bus-energy").verdict, tree.find("waste").verdict):
        assert f"{verdict.symbol}{verdict.label('sv')}" in re.sub(r"<[^>]+>", "", dom)
    assert tree.find("bus-energy").verdict is Verdict.NEGATIVE
    assert "Regeln ensam:" in text
    assert dom.count("<svg") == 2


def test_the_browser_check_would_catch_an_executed_script(tmp_path: Path) -> None:
    """Control: the same browser run does change the title when a script is not escaped."""
    browser = _chromium()
    page = tmp_path / "control.html"
    page.write_text("<!DOCTYPE html><html><head><title>ok</title></head><body>"
                    "<script>document.title='pwned'</script></body></html>", encoding="utf-8")
    result = _run(browser, tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<title>pwned</title>" in result.stdout
