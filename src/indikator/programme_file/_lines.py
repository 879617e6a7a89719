"""Where each table and key of a nested TOML file is, for located messages.

:mod:`tomllib` gives values without positions. :class:`TomlPaths` recovers the line of
every table header (``[programme]``, ``[[indicator]]``, ``[[indicator.metric]]``, ...)
and key, addressed by the path :mod:`tomllib` builds: ``("indicator", 2, "metric", 0)``
is the first metric of the third indicator.
"""

from __future__ import annotations

import re

__all__ = ["Path", "TomlPaths"]

Path = tuple[str | int, ...]
"""A path into a parsed TOML document: table keys and array indices."""

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)\s*[.=]""")


def _segments(text: str) -> list[str]:
    out: list[str] = []
    for found in re.finditer(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([^.\s]+)', text):
        out.append(next(g for g in found.groups() if g is not None))
    return out


class TomlPaths:
    """The lines of the tables and keys of a TOML text, by document path."""

    def __init__(self, text: str) -> None:
        self._tables: dict[Path, int] = {}
        self._keys: dict[tuple[Path, str], int] = {}
        counts: dict[Path, int] = {}
        current: Path = ()
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header:
                current = self._header(header.group(1) == "[[", header.group(2), counts)
                self._tables.setdefault(current, number)
            else:
                key = _KEY.match(line)
                if key:
                    name = key.group(1)
                    if name[0] in "\"'":
                        name = name[1:-1]
                    self._keys.setdefault((current, name), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    break

    def _header(self, is_array: bool, text: str, counts: dict[Path, int]) -> Path:
        concrete: list[str | int] = []
        names = _segments(text)
        for index, name in enumerate(names):
            concrete.append(name)
            last = index == len(names) - 1
            key = tuple(concrete)
            if last and is_array:
                counts[key] = counts.get(key, -1) + 1
                concrete.append(counts[key])
            elif key in counts:
                concrete.append(counts[key])
        return tuple(concrete)

    def line(self, path: Path, key: str | None = None) -> int | None:
        """The line of ``key`` in the table at ``path`` (or of the nearest enclosing part)."""
        if key is not None and (path, key) in self._keys:
            return self._keys[(path, key)]
        at = path
        while at:
            if at in self._tables:
                return self._tables[at]
            parent, last = at[:-1], at[-1]
            if isinstance(last, str) and (parent, last) in self._keys:
                return self._keys[(parent, last)]
            at = parent
        return None
