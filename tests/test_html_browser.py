"""The HTML report in a real browser: Debian's headless Chromium loads the page from a
file:// URL, takes a screenshot and dumps the DOM.

The layout checks drive the browser through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: JSON messages ending in a NUL byte on file descriptors 3
and 4), so no websocket client is needed: the page is loaded at a desktop width and at
375 px (a phone, with its viewport), its layout metrics say whether the document is
wider than the screen, its DOM whether every link of the table of contents resolves,
and screenshots are taken (kept in ``INDIKATOR_SCREENSHOT_DIR`` when set: that is how
docs/images/ is made). The protocol runs no script in the page.

Outside CI the test skips (with the reason shown) when no Chromium is installed; with
``CI=true`` a missing browser is a failure (``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import os
import re
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# -- the layout, through the DevTools protocol over a pipe --------------------------------

REPO = Path(__file__).resolve().parents[1]
DESKTOP, PHONE = 1100, 375


class _Browser:
    """Headless Chromium driven over ``--remote-debugging-pipe`` (fds 3 and 4)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_child, self._to = os.pipe()
        self._from, from_child = os.pipe()

        def wire() -> None:  # in the child, before exec: the pipe ends on fds 3 and 4
            import fcntl

            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(high[0], 3)  # (by way of fds above 10: a pipe end may be 3 or 4 itself)
            os.dup2(high[1], 4)

        self._proc = subprocess.Popen(
            [binary, *_FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "about:blank"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, pass_fds=(3, 4), preexec_fn=wire)
        os.close(to_child)
        os.close(from_child)
        self._id, self._buffer, self._events = 0, b"", []  # type: tuple[int, bytes, list[Any]]

    def send(self, method: str, session: str | None = None, **params: Any) -> Any:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply["result"]
            self._events.append(reply)

    def wait(self, method: str) -> None:
        while not any(e.get("method") == method for e in self._events):
            self._events.append(self._read())
        self._events = [e for e in self._events if e.get("method") != method]

    def _read(self, timeout: float = 60) -> Any:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def open(self, url: str, width: int, height: int = 900) -> str:
        """A new tab at ``width`` CSS pixels (a phone's viewport below 600), ``url`` loaded."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session: str = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)
        self.send("Page.enable", session)
        self.send("Page.navigate", session, url=url)
        self.wait("Page.loadEventFired")
        return session

    def content_width(self, session: str) -> float:
        """The document's width in CSS pixels (wider than the screen: it scrolls sideways)."""
        return float(self.send("Page.getLayoutMetrics", session)["cssContentSize"]["width"])

    def dom(self, session: str) -> str:
        root = self.send("DOM.getDocument", session, depth=-1)["root"]["nodeId"]
        return str(self.send("DOM.getOuterHTML", session, nodeId=root)["outerHTML"])

    def shown(self, session: str, selector: str) -> bool:
        """Whether the element is laid out (``display: none`` has no box)."""
        root = self.send("DOM.getDocument", session)["root"]["nodeId"]
        node = self.send("DOM.querySelector", session, nodeId=root, selector=selector)["nodeId"]
        assert node, f"no element {selector}"
        try:
            self.send("DOM.getBoxModel", session, nodeId=node)
        except RuntimeError:
            return False
        return True

    def screenshot(self, session: str, width: int, most: int = 2400) -> bytes:
        height = min(float(self.send("Page.getLayoutMetrics", session)["cssContentSize"]
                           ["height"]), most)
        shot = self.send("Page.captureScreenshot", session, format="png",
                         captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        return base64.b64decode(shot["data"])

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close")
        try:
            self._proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to)
        os.close(self._from)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Browser]:
    binary = _chromium()
    b = _Browser(binary, tmp_path_factory.mktemp("cdp-profile"))
    try:
        yield b
    finally:
        b.close()


def _report(tmp: Path, name: str, *args: str) -> Path:
    from indikator.cli import main

    out = tmp / f"{name}.html"
    assert main(["assess", *args, "--format", "html", "--output", str(out)]) == 0
    return out


def _keep(png: bytes, name: str) -> None:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    keep = os.environ.get("INDIKATOR_SCREENSHOT_DIR")
    if keep:
        Path(keep, name).write_bytes(png)


def _links_resolve(dom: str, part: str | None = None) -> int:
    """How many links ``part`` of the page (all of it by default) holds; each resolves."""
    ids = set(re.findall(r'\sid="([^"]+)"', dom))
    links = re.findall(r'href="#([^"]*)"', dom if part is None else part)
    missing = sorted({x for x in links if html.unescape(x) not in ids})
    assert not missing, f"links to no element: {missing[:10]}"
    return len(links)


def _script_free(dom: str) -> None:
    assert "<script" not in dom.lower()
    assert not re.search(r"\son[a-z]+=", dom, re.I), "an event-handler attribute"
    assert "javascript:" not in dom.lower()
    assert "default-src 'none'" in dom  # the Content Security Policy forbids scripts


REPORTS = {
    "vastmanland": ("examples/vastmanland-2024",),
    "five-municipalities": ("examples/five-municipalities", "--periods", "2022-2024"),
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_layout_at_desktop_and_phone_width(
    name: str, browser: _Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    page = _report(tmp_path, name, *REPORTS[name])
    for width in (DESKTOP, PHONE):
        session = browser.open(page.as_uri(), width)
        assert browser.content_width(session) <= width, (
            f"{name}: the page is wider than a {width} px screen")
        dom = browser.dom(session)
        assert '<nav class="toc"' in dom
        toc = dom[dom.index('<nav class="toc"'):dom.index("</nav>")]
        assert _links_resolve(dom, toc) >= 3  # the table of contents
        assert _links_resolve(dom) > 20  # and every other link on the page
        _script_free(dom)
        _keep(browser.screenshot(session, width), f"{name}-{width}.png")


def test_the_overflow_check_would_catch_a_page_wider_than_the_phone(
    browser: _Browser, tmp_path: Path
) -> None:
    """Control: a table wider than the screen, outside a scrolling box, is measured so."""
    page = tmp_path / "wide.html"
    cells = "".join(f"<td>column{k}</td>" for k in range(40))
    page.write_text('<!DOCTYPE html><html><head><meta name="viewport" '
                    'content="width=device-width, initial-scale=1"></head><body><table><tr>'
                    f"{cells}</tr></table></body></html>", encoding="utf-8")
    session = browser.open(page.as_uri(), PHONE)
    assert browser.content_width(session) > PHONE


def test_the_matrix_sorts_without_a_script(browser: _Browser, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A column's heading links to the copy sorted by it; only that copy is then shown."""
    monkeypatch.chdir(REPO)
    page = _report(tmp_path, "five", "examples/five-municipalities")
    session = browser.open(page.as_uri(), DESKTOP)
    assert browser.shown(session, "#matrix-2024-by-name")
    assert not browser.shown(session, "#matrix-2024-by-emissions")
    session = browser.open(page.as_uri() + "#matrix-2024-by-emissions", DESKTOP)
    assert browser.shown(session, "#matrix-2024-by-emissions")
    assert not browser.shown(session, "#matrix-2024-by-name")


def test_a_graphic_profile_recolours_the_page_in_the_browser(
    browser: _Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stylesheet's custom properties reach the rendered page; the logo is laid out."""
    monkeypatch.chdir(REPO)
    css = tmp_path / "region.css"
    css.write_text(":root { --ik-accent: #00594f; --ik-table-head: #e6f0ee; "
                   "--ik-heading-font: serif; --ik-logo-height: 40px; }\n", encoding="utf-8")
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40" '
                    'viewBox="0 0 160 40"><rect width="40" height="40" rx="6" fill="#00594f"/>'
                    '<text x="50" y="27" font-family="Arial" font-size="18" fill="#00594f">'
                    "Söderby</text></svg>", encoding="utf-8")
    page = _report(tmp_path, "profile", "examples/vastmanland-2024", "--stylesheet", str(css),
                   "--logo", str(logo))
    session = browser.open(page.as_uri(), DESKTOP)

    def style(selector: str, name: str) -> str:
        root = browser.send("DOM.getDocument", session)["root"]["nodeId"]
        node = browser.send("DOM.querySelector", session, nodeId=root,
                            selector=selector)["nodeId"]
        browser.send("CSS.enable", session)
        found = browser.send("CSS.getComputedStyleForNode", session, nodeId=node)
        return next(p["value"] for p in found["computedStyle"] if p["name"] == name)

    assert style("header", "border-bottom-color") == "rgb(0, 89, 79)"
    assert style("thead th", "background-color") == "rgb(230, 240, 238)"
    assert style("h1", "font-family") == "serif"
    assert style("img.logo", "height") == "40px"
    assert browser.shown(session, "img.logo")
    _script_free(browser.dom(session))
    _keep(browser.screenshot(session, DESKTOP, most=700), "graphic-profile-1100.png")
