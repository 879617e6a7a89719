"""Decoding files as UTF-8 and TOML, with line numbers for what goes wrong."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import Any

from indikator.errors import InputError
from indikator.io._problems import Location, Problems

__all__ = ["ENCODINGS", "TomlLines", "array_tables", "decode_text", "decode_utf8", "load_toml"]

_EXCEL_HINT = ("save it as UTF-8 (in Excel: 'CSV UTF-8 (kommaavgränsad)'), or name its "
               "encoding in the manifest (encoding = \"windows-1252\" or \"utf-16\")")

ENCODINGS: dict[str, str] = {
    "utf-8": "utf-8-sig", "utf8": "utf-8-sig", "utf-8-sig": "utf-8-sig",
    "windows-1252": "cp1252", "cp1252": "cp1252", "latin-1": "latin-1",
    "iso-8859-1": "latin-1", "latin1": "latin-1", "iso-8859-15": "iso8859_15",
    "utf-16": "utf-16", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be",
}
"""The encodings a CSV file may be declared in (case-insensitive), and Python's codec."""


def decode_text(data: bytes, source: str, encoding: str | None) -> str:
    """Decode a text file's bytes: UTF-8 by default, else the declared encoding.

    Raises:
        InputError: The encoding is not one of :data:`ENCODINGS`, or the bytes are not in
            it (naming the line of the first byte that is not).
    """
    if encoding is None:
        return decode_utf8(data, source)
    codec = ENCODINGS.get(encoding.strip().lower().replace("_", "-"))
    if codec is None:
        raise InputError(f"unknown encoding; expected one of {', '.join(ENCODINGS)}",
                         source=source, field="encoding", value=encoding)
    if codec == "utf-8-sig":
        return decode_utf8(data, source)
    if codec == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le"  # Excel's "Unicode text" without a mark is little-endian
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode(codec, errors="replace")
        raise InputError(
            f"the file is not {encoding} text (byte 0x{data[exc.start:exc.start + 1].hex()} "
            "cannot be decoded)", source=source, line=prefix.count("\n") + 1) from None
    return text[1:] if text.startswith("\ufeff") else text


def decode_utf8(data: bytes, source: str, *, hint: str = _EXCEL_HINT) -> str:
    """Decode a file's bytes as UTF-8, with or without a byte-order mark.

    Raises:
        InputError: The bytes are UTF-16 or not UTF-8; the message names the line of the
            first byte that cannot be decoded.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(f"the file is UTF-32 text, not UTF-8: {hint}", source=source, line=1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"the file is UTF-16 text, not UTF-8: {hint}", source=source, line=1)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:  # positions in ``body``: the BOM is not counted
        line = body.count(b"\n", 0, exc.start) + 1
        bad = body[exc.start : exc.start + 1].hex()
        raise InputError(
            f"the file is not UTF-8 text (byte 0x{bad} cannot be decoded): {hint}",
            source=source,
            line=line,
        ) from None
    return text


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
MAX_KEY_PARTS = 64
"""The most parts a dotted TOML key may have (``a.b.c`` has 3).

tomllib's time and memory grow with the square of a key's parts (20 000 parts, a 40 kB
line, take 1.5 GB); no data file needs more than a handful.
"""
_PART = r"(?:[A-Za-z0-9_\-]+|\"[^\"\n]*\"|'[^'\n]*')"
_LONG_KEY = re.compile(  # where a key starts: a line, a table header, an inline table
    rf"(?:^|[{{,\[])[ \t]*{_PART}(?:[ \t]*\.[ \t]*{_PART}){{{MAX_KEY_PARTS}}}", re.MULTILINE
)


def load_toml(data: bytes, source: str) -> dict[str, Any]:
    """Parse TOML bytes (UTF-8) with :mod:`tomllib`.

    Raises:
        InputError: Not UTF-8, or not valid TOML (with the line tomllib names).
    """
    text = decode_utf8(data, source, hint="save it as UTF-8")
    long_key = _LONG_KEY.search(text)
    if long_key is not None:
        raise InputError(f"a dotted key with more than {MAX_KEY_PARTS} parts", source=source,
                         line=text.count("\n", 0, long_key.start()) + 1)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_AT.search(message)
        line = int(found.group(1)) if found else None
        what = _TOML_AT.sub("", message).strip()
        if found:
            what += f" (column {found.group(2)})"
        raise InputError(f"not valid TOML: {what}", source=source, line=line) from None
    except (RecursionError, ValueError) as exc:  # pragma: no cover - deeply nested input
        raise InputError(f"not valid TOML: {exc}", source=source) from None


_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_\-\"'. ]+?)\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[")


class TomlLines:
    """Finds the lines of ``[[array]]`` tables and their keys in a TOML text.

    tomllib gives values without positions; this recovers them for messages. A key that
    cannot be found (inline tables, dotted keys) gives ``None``.
    """

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._tables: dict[str, list[tuple[int, int]]] = {}
        starts: list[tuple[str, int]] = []
        headers: list[int] = []
        for number, line in enumerate(self._lines, start=1):
            found = _ARRAY_HEADER.match(line)
            if found:
                starts.append((found.group(1).strip().strip("\"'"), number))
            if _ANY_HEADER.match(line):
                headers.append(number)
        for name, start in starts:
            end = next((h for h in headers if h > start), len(self._lines) + 1)
            self._tables.setdefault(name, []).append((start, end))

    def table(self, name: str, index: int) -> int | None:
        """The line of the ``index``-th ``[[name]]`` header."""
        spans = self._tables.get(name, [])
        return spans[index][0] if index < len(spans) else None

    def key(self, name: str, index: int, key: str) -> int | None:
        """The line of ``key = ...`` in the ``index``-th ``[[name]]`` table."""
        spans = self._tables.get(name, [])
        if index >= len(spans):
            return None
        start, end = spans[index]
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
        for number in range(start + 1, end):
            if pattern.match(self._lines[number - 1]):
                return number
        return None

    def top_key(self, key: str) -> int | None:
        """The line of a top-level (or first-found) ``key = ...``."""
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
        for number, line in enumerate(self._lines, start=1):
            if pattern.match(line):
                return number
        return None

    def section_key(self, section: str, key: str) -> int | None:
        """The line of ``key = ...`` in the ``[section]`` table."""
        inside = False
        header = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]")
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
        for number, line in enumerate(self._lines, start=1):
            if _ANY_HEADER.match(line):
                inside = bool(header.match(line))
            elif inside and pattern.match(line):
                return number
        return None

    def section(self, section: str) -> int | None:
        """The line of the ``[section]`` header."""
        header = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]")
        for number, line in enumerate(self._lines, start=1):
            if header.match(line):
                return number
        return None

    def location(self, source: str, name: str, index: int, entry: dict[str, Any]) -> Location:
        """Where the ``index``-th ``[[name]]`` table is, with the line of each of its keys."""
        at = {k: n for k in entry if (n := self.key(name, index, k)) is not None}
        return Location(source, self.table(name, index), {}, at)

    def iter_tables(self, name: str) -> Iterator[int]:
        """The header lines of every ``[[name]]`` table, in order."""
        for start, _end in self._tables.get(name, []):
            yield start


def array_tables(
    data: bytes, source: str, name: str, holder: str, problems: Problems
) -> Iterator[tuple[dict[str, Any], Location]]:
    """The ``[[name]]`` tables of a TOML file that holds nothing else, with their locations.

    Problems go to ``problems`` as they are found: bad TOML, another top-level key (the
    message says that ``holder``, e.g. "a judgment file", holds ``[[name]]`` tables), a
    ``name`` that is not an array of tables, an entry that is not a table.
    """
    try:
        doc = load_toml(data, source)
    except InputError as exc:
        problems.add(exc)
        return
    lines = TomlLines(decode_utf8(data, source))
    for key in doc:
        if key != name:
            problems.add(InputError(f"unknown key; {holder} holds [[{name}]] tables",
                                    source=source, line=lines.top_key(key) or lines.section(key),
                                    field=key))
    entries = doc.get(name, [])
    if not isinstance(entries, list):
        problems.add(InputError(f"'{name}' must be an array of tables ([[{name}]])",
                                source=source, line=lines.top_key(name), field=name))
        return
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.add(InputError(f"each {name} must be a table", source=source,
                                    line=lines.table(name, index), field=f"{name}[{index}]"))
            continue
        yield entry, lines.location(source, name, index, entry)
