"""Where a value was read from, and an accumulator of the problems found while reading."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from indikator.errors import InputError

__all__ = ["Location", "Problems", "SeveralInputError", "in_file_order", "relocate"]

_NO_VALUE: Final = object()


@attrs.frozen
class Location:
    """Where one record (an outcome row, a judgment table) was read from.

    Attributes:
        source: The file path as given (or built from the manifest's folder).
        line: The 1-based line (CSV, TOML) or row (XLSX), if known.
        cells: For each logical field (``"metric"``, ``"period"``, ``"value"``, ...), the
            label a reader should look for: a cell reference (``"B7"``) in a workbook, the
            column header in a CSV file, the key in a TOML table.
        lines: For a logical field on another line than :attr:`line` (a key of a TOML
            table), that line.
    """

    source: str
    line: int | None = None
    cells: Mapping[str, str] = attrs.field(factory=dict)
    lines: Mapping[str, int] = attrs.field(factory=dict)

    def line_of(self, name: str | None) -> int | None:
        """The line of logical field ``name`` (the record's line if not known apart)."""
        if name is None:
            return self.line
        return self.lines.get(name, self.line)

    def field(self, name: str) -> str:
        """The label of logical field ``name`` at this location (the name itself if unknown)."""
        return self.cells.get(name, name)

    def error(
        self, message: str, *, field: str | None = None, value: object = _NO_VALUE
    ) -> InputError:
        """An :class:`InputError` at this location; ``field`` is a logical field name."""
        shown = None if field is None else self.field(field)
        line = self.line_of(field)
        if value is _NO_VALUE:
            return InputError(message, source=self.source, line=line, field=shown)
        return InputError(message, source=self.source, line=line, field=shown, value=value)


def relocate(exc: InputError, loc: Location, *, default_field: str | None = None) -> InputError:
    """Re-raise-ready copy of a record's validation error, placed at ``loc``.

    The record's field name (an attribute such as ``"unit"``) is mapped to the cell or
    column label the file uses.
    """
    name = exc.field or default_field
    if exc.has_value:
        return loc.error(exc.message, field=name, value=exc.value)
    return loc.error(exc.message, field=name)


class Problems:
    """An ordered accumulator of :class:`InputError` found while reading or validating.

    Readers add every problem they find and go on, so that ``indikator validate`` can list
    them all at once; :meth:`raise_if_any` turns the list into one exception.
    """

    def __init__(self) -> None:
        self._errors: list[InputError] = []
        self._warnings: list[InputError] = []

    def add(self, error: InputError) -> None:
        """Record one problem."""
        self._errors.append(error)

    def warn(self, notice: InputError) -> None:
        """Record a warning: something read that may not be what was meant (not a problem)."""
        self._warnings.append(notice)

    @property
    def warnings(self) -> tuple[InputError, ...]:
        """The warnings recorded so far, in the order found."""
        return tuple(self._warnings)

    def extend(self, errors: Iterable[InputError]) -> None:
        """Record several problems."""
        self._errors.extend(errors)

    @property
    def errors(self) -> tuple[InputError, ...]:
        """The problems recorded so far, in the order found."""
        return tuple(self._errors)

    def __len__(self) -> int:
        return len(self._errors)

    def __bool__(self) -> bool:
        return bool(self._errors)

    def __iter__(self) -> Iterator[InputError]:
        return iter(self._errors)

    def raise_if_any(self) -> None:
        """Raise the first problem (saying how many more there are), if there is any.

        Raises:
            InputError: At least one problem was recorded.
        """
        if not self._errors:
            return
        if len(self._errors) == 1:
            raise self._errors[0]
        raise SeveralInputError(self._errors)


class SeveralInputError(InputError):
    """The first of several problems, its message followed by how many more there are.

    Reads as the first problem (``source``, ``line``, ``field``, ``value`` and ``message``
    are its own) with `` [and N more problems: ...]`` after the whole message.

    Attributes:
        problems: Every problem, the first included.
    """

    def __init__(self, problems: Iterable[InputError]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        if first.has_value:
            super().__init__(first.message, source=first.source, line=first.line,
                             field=first.field, value=first.value)
        else:
            super().__init__(first.message, source=first.source, line=first.line,
                             field=first.field)

    def __reduce__(self) -> tuple[type[SeveralInputError], tuple[tuple[InputError, ...]]]:
        return (SeveralInputError, (self.problems,))

    def __str__(self) -> str:
        more = len(getattr(self, "problems", ())) - 1
        if more < 1:
            return super().__str__()
        return (f"{super().__str__()} [and {more} more problem{'s' if more > 1 else ''}: "
                "`indikator validate` lists them all]")


def in_file_order(errors: Iterable[InputError]) -> list[InputError]:
    """The problems sorted by file (in the order files first appear) and line, stably."""
    found = list(errors)
    rank: dict[str | None, int] = {}
    for err in found:
        rank.setdefault(err.source, len(rank))
    return sorted(found, key=lambda e: (rank[e.source], e.line or 0))
