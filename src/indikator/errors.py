"""The library's own exception types.

Every problem with input (a data file, a definition, a unit, a plugin) is raised as a
subclass of :class:`IndikatorError`, carrying where it happened (file, line, field) and
what is wrong, so that the command line can print one clear line and exit with status 2.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["IndikatorError", "InputError", "PluginError", "UnitError", "cut", "escape_controls"]

_UNSET: Final = object()
MAX_SHOWN: Final = 200
"""The most characters of a value a message repeats (longer values are cut)."""
MAX_MESSAGE: Final = 2000
"""The most characters of a message's text (a longer one is cut)."""
# C0 and C1 control characters and the bidirectional overrides: what a terminal obeys.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, *, keep: str = "") -> str:
    r"""``text`` with terminal control characters written as escapes (``\x1b``).

    So a header or cell holding an escape sequence cannot recolour, move or clear the
    terminal a message or table is printed on.

    Args:
        text: Any text.
        keep: Control characters to leave as they are (``"\n"`` for a multi-line report).
    """
    if keep:
        return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _CONTROLS.sub(_escape, text)


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` cut to at most ``limit`` characters (ending ``...`` when cut)."""
    return text if len(text) <= limit else text[: max(limit - 3, 0)] + "..."


def _shown(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # e.g. an int too long to write out
        text = f"<{type(value).__name__}>"
    return cut(text)


class IndikatorError(Exception):
    """Base class of every error this library raises on purpose."""


class InputError(IndikatorError, ValueError):
    """Bad input: a value, field, file or definition that cannot be used.

    Args:
        message: What is wrong, in one sentence.
        source: The file (or other origin) the input came from.
        line: The 1-based line or row in ``source``.
        field: The field, column or cell that holds the bad value.
        value: The offending value, repeated in the message.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
        value: object = _UNSET,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.field = field
        self.value = None if value is _UNSET else value
        self.has_value = value is not _UNSET
        super().__init__(self.__str__())

    def located(
        self, *, source: str | None = None, line: int | None = None, field: str | None = None
    ) -> InputError:
        """Return a copy with missing location parts filled in (existing parts win)."""
        err = type(self).__new__(type(self))
        InputError.__init__(
            err,
            self.message,
            source=self.source or source,
            line=self.line if self.line is not None else line,
            field=self.field or field,
            value=self.value if self.has_value else _UNSET,
        )
        return err

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        what = f"{cut(self.field)}: " if self.field else ""
        shown = f" (got {_shown(self.value)})" if self.has_value else ""
        return escape_controls(f"{where}{what}{cut(self.message, MAX_MESSAGE)}{shown}")


class UnitError(InputError):
    """A unit string that cannot be parsed, or two units that cannot be converted."""


class PluginError(IndikatorError):
    """A plugin failed to load, raised inside a hook, or returned something invalid.

    Args:
        plugin: The name of the plugin at fault.
        message: What went wrong.
    """

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        self.message = message
        text = f"indikator plugin {plugin!r}: {cut(message, MAX_MESSAGE)}"
        super().__init__(escape_controls(text))
