"""The library's own exception types.

Every problem with input (a data file, a definition, a unit, a plugin) is raised as a
subclass of :class:`IndikatorError`, carrying where it happened (file, line, field) and
what is wrong, so that the command line can print one clear line and exit with status 2.
"""

from __future__ import annotations

from typing import Final

__all__ = ["IndikatorError", "InputError", "PluginError", "UnitError"]

_UNSET: Final = object()


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
        what = f"{self.field}: " if self.field else ""
        shown = f" (got {self.value!r})" if self.has_value else ""
        return f"{where}{what}{self.message}{shown}"


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
        super().__init__(f"indikator plugin {plugin!r}: {message}")
