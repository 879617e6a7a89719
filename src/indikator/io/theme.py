"""Reading a graphic profile: a stylesheet and a logo for the HTML report.

Both are read as data files are (:func:`indikator.io._files.read_file`: a regular file,
bounded in size), and checked so that the page stays standalone and script-free:

* the stylesheet is UTF-8 text that cannot close the page's ``<style>`` element and
  loads nothing from the network (``@import`` and ``url(…)`` only with ``data:`` URLs);
  a problem names the file, the line and what is wrong;
* the logo is a PNG, JPEG, GIF, WebP or SVG image (recognised by its content), embedded
  as a ``data:`` URL. An image in an ``<img>`` element runs no script, an SVG's neither.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from indikator.errors import InputError
from indikator.io._files import read_file
from indikator.render.theme import Theme

__all__ = ["MAX_LOGO_BYTES", "MAX_STYLESHEET_BYTES", "read_theme"]

MAX_STYLESHEET_BYTES = 256 * 1024
"""The largest stylesheet read (256 KiB; embedded fonts included)."""
MAX_LOGO_BYTES = 512 * 1024
"""The largest logo read (512 KiB)."""

_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)
_CLOSE = re.compile(r"</\s*style|<!--|<\s*script", re.I)


def read_theme(stylesheet: Path | None = None, logo: Path | None = None,
               logo_alt: str = "") -> Theme:
    """The theme of a stylesheet and a logo file (either may be left out).

    Raises:
        InputError: A file cannot be read, is too large, is not UTF-8 (the stylesheet)
            or not an image of a known kind (the logo), or the stylesheet would load
            from the network or end the page's style element.
    """
    css = "" if stylesheet is None else _stylesheet(stylesheet)
    url = None if logo is None else _logo(logo)
    return Theme(css=css, logo=url, logo_alt=logo_alt)


def _stylesheet(path: Path) -> str:
    source = str(path)
    data = read_file(path, source, limit=MAX_STYLESHEET_BYTES, what="stylesheet")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError("the stylesheet is not UTF-8 text", source=source, line=line) from None
    found = _CLOSE.search(text)
    if found:
        raise InputError("a stylesheet cannot hold HTML (it would end the page's style "
                         "element)", source=source, line=_line(text, found.start()),
                         value=found.group(0))
    for m in _URL.finditer(text):
        target = (m.group(2) if m.group(2) is not None else m.group(4) or "").strip()
        if not target.lower().startswith("data:") and not target.startswith("#"):
            raise InputError("the report is one standalone page and loads nothing from the "
                             "network: embed the file as a data: URL", source=source,
                             line=_line(text, m.start()), value=target)
    return text


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def _logo(path: Path) -> str:
    source = str(path)
    data = read_file(path, source, limit=MAX_LOGO_BYTES, what="logo")
    mime = next((kind for magic, kind in _KINDS if data.startswith(magic)), None)
    if mime is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        mime = "image/webp"
    if mime is None and _is_svg(data):
        mime = "image/svg+xml"
    if mime is None:
        raise InputError("the logo is not an image indikator can embed; expected PNG, JPEG, "
                         "GIF, WebP or SVG", source=source)
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _is_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<svg", b"<?xml")) and b"<svg" in head
