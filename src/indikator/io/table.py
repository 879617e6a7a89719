"""A long CSV of outcomes read straight into columns: for data too large for records.

:func:`read_table` reads the long layout (``entity``, ``metric``, ``period``, ``value``,
``unit``, and optionally ``component``, ``text``, ``flags``, ``note``; the same Swedish
and other headings as :mod:`indikator.io.outcomes` accepts) into an
:class:`~indikator.data.Observations` table, converting whole columns at once instead of
building one record per row. A Kolada-sized file (290 municipalities × 200 KPIs × 10
years: 580 000 rows) reads in about a second. A bad cell is reported as the record
reader reports it: the file, the line and the column, with the value; and the first bad
cell of each column is found only when a column fails to convert, so good files pay
nothing for the search.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from indikator._gc import paused
from indikator.data import Observations
from indikator.data._columns import Coded
from indikator.errors import InputError
from indikator.io._text import decode_utf8
from indikator.io.outcomes import _ALIASES, _detect_delimiter

__all__ = ["read_table"]

_MISSING = frozenset({"", "..", "-", "–", "…", "NA", "na", "NaN", "nan"})
_COLUMNS = ("entity", "metric", "component", "period", "value", "unit", "text", "flags",
            "note")


def read_table(
    path: Path | str,
    *,
    delimiter: str | None = None,
    decimal: str | None = None,
    encoding: str = "utf-8",
) -> Observations:
    """Read a long CSV of outcomes into a table of columns.

    Args:
        path: The CSV file.
        delimiter: ``","``, ``";"`` or tab; detected from the header when omitted.
        decimal: ``"."`` or ``","``; by default ``","`` when the delimiter is ``";"``
            (as Swedish Excel writes), else ``"."``.
        encoding: The file's encoding (UTF-8, with or without a byte-order mark, by
            default).

    Raises:
        InputError: The file cannot be read, a required column is missing, or a cell
            holds a bad value (naming the file, the line, the column and the value).
    """
    with paused():
        return _read(path, delimiter, decimal, encoding)


def _read(path: Path | str, delimiter: str | None, decimal: str | None,
          encoding: str) -> Observations:
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", source=source) from None
    if encoding.replace("-", "").lower() in ("utf8", "utf8sig"):
        text = decode_utf8(data, source)
    else:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode the file as {encoding}: {exc}",
                             source=source) from None
    first = text.split("\n", 1)[0]
    delim = delimiter or _detect_delimiter(first)
    dec = decimal or ("," if delim == ";" else ".")
    plain = _plain_split(text, delim, data if _ascii_safe(encoding) else None, encoding)
    cols: Sequence[Sequence[str]]
    fast: _ByteColumns | None = None
    if plain is not None:  # no quotes, one row a line: columns by slicing, no csv module
        header_cells, cols = plain
        fast = cols if isinstance(cols, _ByteColumns) else None

        def line_of(k: int) -> int:
            return k + 2
    else:
        rows = list(csv.reader(io.StringIO(text), delimiter=delim))
        if not rows:
            raise InputError("the file is empty", source=source)
        header_cells = rows[0]
        body = [r for r in rows[1:] if any(r)]
        width = len(header_cells)
        if len(set(map(len, body))) > 1 or (body and len(body[0]) != width):
            for r in body:
                if len(r) != width:
                    raise InputError(f"the row has {len(r)} cells where the header has "
                                     f"{width}", source=source, line=_line_of(rows, r))
        cols = list(zip(*body, strict=True)) if body else [() for _ in header_cells]

        def line_of(k: int) -> int:
            return _line_of(rows, body[k])

    header = [h.strip().lstrip("\ufeff") for h in header_cells]
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        key = _ALIASES.get(name.casefold())
        if key is not None and key in _COLUMNS:
            if key in index:
                raise InputError(f"two columns for {key!r}", source=source, line=1, field=name)
            index[key] = i
    for need in ("metric", "period"):
        if need not in index:
            raise InputError(f"the long layout needs a {need!r} column", source=source, line=1,
                             value=", ".join(header))

    def column(name: str) -> Sequence[str] | None:
        i = index.get(name)
        return None if i is None else cols[i]

    def where(k: int) -> str:
        return f"{source}:{line_of(k)}"

    def categorical(name: str, *, missing: bool = True) -> Coded | None:
        i = index.get(name)
        if i is None:
            return None
        runs = fast.runs(i) if fast is not None else None
        if runs is not None:
            return _categorical_runs(*runs, missing=missing)
        return _categorical(cols[i], missing=missing)

    periods = fast.numbers(index["period"], np.int64) if fast is not None else None
    if periods is None:
        periods = _ints(column("period") or (), source, line_of, header[index["period"]])
    values = (fast.numbers(index["value"], np.float64)
              if fast is not None and "value" in index and dec == "." else None)
    if values is None:
        values = _floats(column("value"), dec, source, line_of,
                         header[index["value"]] if "value" in index else "value")
    flags = column("flags")
    try:
        return Observations.from_columns(
            metric=categorical("metric", missing=False),  # type: ignore[arg-type]
            period=periods,
            value=values,
            unit=categorical("unit"),
            entity=categorical("entity"),
            component=categorical("component"),
            text=categorical("text"),
            flags=None if flags is None else [
                [f for f in c.replace(";", ",").split(",") if f.strip()] for c in flags],
            note=categorical("note"),
            source=None,
        )
    except InputError as exc:
        row = _row_in(exc.message)
        if row is not None:
            raise InputError(exc.message.split(": ", 1)[-1], source=where(row),
                             field=exc.field, value=exc.value) from None
        raise exc.located(source=source) from None


def _categorical_runs(heads: Any, texts: list[str], n: int, *,
                      missing: bool = True) -> Coded | None:
    """As :func:`_categorical`, for a column given as runs of equal cells.

    ``heads`` are the rows where a run starts and ``texts`` each run's cell, so a sorted
    column (a municipality's rows together) is coded a run, not a row, at a time.
    """
    clean: dict[str, str | None] = {}
    for v in texts:
        if v not in clean:
            t = v.strip()
            clean[v] = None if missing and t in _MISSING else t
    if missing and all(c is None for c in clean.values()):
        return None
    distinct = list(dict.fromkeys(clean.values()))
    code = {d: i for i, d in enumerate(distinct)}
    run_codes = np.fromiter((code[clean[v]] for v in texts), dtype=np.int32, count=len(texts))
    lengths = np.diff(np.r_[heads, n])
    return Coded(np.repeat(run_codes, lengths), tuple(distinct))


def _categorical(col: Sequence[str] | None, *, missing: bool = True) -> Coded | None:
    """A text column with its values stripped (and missing markers as ``None``).

    Each distinct value is cleaned once; a column of nothing but missing values is
    ``None``.
    """
    if col is None:
        return None
    clean: dict[str, str | None] = {}
    for v in set(col):
        t = v.strip()
        clean[v] = None if missing and t in _MISSING else t
    if missing and all(c is None for c in clean.values()):
        return None
    distinct = list(dict.fromkeys(clean.values()))
    code = {d: i for i, d in enumerate(distinct)}
    of_raw = {v: code[c] for v, c in clean.items()}
    return Coded(np.fromiter(map(of_raw.__getitem__, col), dtype=np.int32, count=len(col)),
                 tuple(distinct))


def _ascii_safe(encoding: str) -> bool:
    """Whether every ASCII character is one byte of its own in ``encoding``'s bytes."""
    return encoding.replace("-", "").replace("_", "").lower() in (
        "utf8", "utf8sig", "cp1252", "windows1252", "latin1", "iso88591", "ascii")


class _ByteColumns(Sequence[Sequence[str]]):
    """The body's columns of a plain file (no quotes, one row a line), cut from its bytes.

    Each column is gathered from the file's bytes by numpy, and only the columns asked
    for become strings (``cols[i]``, split once and kept); a column of numbers is parsed
    from its bytes by numpy's C parser (:meth:`numbers`) without a string per cell. The
    delimiter and the line break are one byte each in the file's encoding
    (:func:`_ascii_safe`), and no cell holds either, so every cell is the bytes between
    two of them.
    """

    def __init__(self, raw: npt.NDArray[np.uint8], ends: npt.NDArray[np.intp], width: int,
                 encoding: str, nul: bool) -> None:
        starts = np.r_[0, ends[:-1] + 1]
        self._raw, self._encoding, self._nul = raw, encoding, nul
        self._starts = starts.reshape(-1, width)[1:]  # the header's row left out
        self._ends = ends.reshape(-1, width)[1:]
        self._strings: dict[int, list[str]] = {}

    @classmethod
    def cut(cls, data: bytes, delim: str, width: int, encoding: str) -> _ByteColumns | None:
        """The columns of ``data``, or ``None`` for a ragged row.

        A line with other than ``width`` cells is left to the ``csv`` module's path, which
        names it.
        """
        # every line, the last too, ends in a line break, so every cell has a byte after it
        raw = np.frombuffer(data if data.endswith(b"\n") else data + b"\n", dtype=np.uint8)
        ends = np.flatnonzero((raw == ord(delim)) | (raw == 10))
        if len(ends) % width:
            return None
        last = raw[ends].reshape(-1, width)  # the byte after each cell
        if not ((last[:, -1] == 10).all() and (last[:, :-1] == ord(delim)).all()):
            return None
        return cls(raw, ends, width, encoding, b"\x00" in data)

    def __len__(self) -> int:
        return int(self._starts.shape[1])

    def __getitem__(self, i: Any) -> Any:
        found = self._strings.get(i)
        if found is None:
            found = self._strings[i] = self._text(i).split("\n")[:-1]
        return found

    def _text(self, i: int, sep: int = 10) -> str:
        """Column ``i``'s cells, each followed by the byte ``sep``, as text."""
        start, end = self._starts[:, i], self._ends[:, i]
        size = end - start + 1  # with the byte after the cell
        first = np.cumsum(size) - size
        at = np.repeat(start - first, size) + np.arange(int(size.sum()), dtype=np.int64)
        cells = self._raw[at]
        cells[first + size - 1] = sep
        return cells.tobytes().decode(self._encoding)

    def runs(self, i: int) -> tuple[Any, list[str], int] | None:
        """Column ``i`` as runs of equal cells, or ``None`` for a column of long cells.

        Gives the row each run starts at, its text, and the number of rows; a column of
        words or notes (cells over 32 bytes) is left to the string path. Cells are
        compared as fixed-width byte strings, one numpy comparison for the column (a
        file with a NUL byte is left to the string path: such strings would compare
        equal without their trailing NULs).
        """
        start, end = self._starts[:, i], self._ends[:, i]
        n = len(start)
        size = end - start
        width = int(size.max(initial=0))
        if not n or not 0 < width <= 32 or self._nul:
            return None
        cells = np.zeros((n, width), dtype=np.uint8)
        last = len(self._raw) - 1
        for k in range(width):  # one gather per byte position, the cell's length masking
            cells[:, k] = np.where(k < size, self._raw[np.minimum(start + k, last)], 0)
        fixed = cells.view(f"S{width}").reshape(n)
        heads = np.flatnonzero(np.r_[True, fixed[1:] != fixed[:-1]])
        texts = [b.decode(self._encoding) for b in fixed[heads].tolist()]
        return heads, texts, n

    def numbers(self, i: int, dtype: type[np.generic]) -> Any:
        """Column ``i`` parsed as numbers by numpy's C parser, or ``None``.

        Only a column of plain numbers is parsed here: every cell non-empty, digits only
        for whole numbers (a year), digits, ``.``, ``e``/``E`` and signs for decimals, no
        spaces (numpy's parser reads a blank cell as -1 and a lone sign as 0), and no
        infinite value. Anything else is ``None``, for the careful path that names the
        cell; the two give the same numbers (a property test holds them to it).
        """
        import warnings

        text = self._text(i, sep=ord(","))
        if not text or text.startswith(",") or ",," in text or text.translate(
                _NOT_INTS if dtype is np.int64 else _NOT_FLOATS):
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                out = np.fromstring(text[:-1], dtype=dtype, sep=",")
            except ValueError:  # a cell numpy does not read to its end
                return None
        if len(out) != self._starts.shape[0] or (dtype is np.float64 and np.isinf(out).any()):
            return None
        return out


_NOT_INTS = str.maketrans("", "", "0123456789,")
_NOT_FLOATS = str.maketrans("", "", "0123456789.eE+-,")


def _plain_split(text: str, delim: str, data: bytes | None = None, encoding: str = "utf-8"
                 ) -> tuple[list[str], Sequence[Sequence[str]]] | None:
    """Header and columns of a file without quotes, one row a line; ``None`` otherwise.

    Every cell is found by one split of the whole text and every column by one slice,
    instead of a row at a time; a file with a quote, a blank line or a ragged row is left
    to the ``csv`` module, which reports such rows exactly.
    """
    if '"' in text or "\r" in text:
        return None
    body = text[:-1] if text.endswith("\n") else text
    lines = body.count("\n") + 1
    first = body.split("\n", 1)[0]
    width = first.count(delim) + 1
    if lines < 2 or body.count(delim) != lines * (width - 1):
        return None
    if data is not None and len(delim) == 1 and delim.isascii():
        columns = _ByteColumns.cut(data, delim, width, encoding)
        return None if columns is None else (first.split(delim), columns)
    if set(map(operator.methodcaller("count", delim), body.split("\n"))) != {width - 1}:
        return None  # a ragged row: the csv module names it
    cells = body.replace("\n", delim).split(delim)
    if len(cells) != lines * width:  # pragma: no cover - the counts above guarantee it
        return None
    return cells[:width], [cells[width + i::width] for i in range(width)]


def _line_of(rows: list[list[str]], row: list[str]) -> int:
    """The 1-based line of ``row`` (rows are kept in file order; multi-line cells aside)."""
    for i, r in enumerate(rows):
        if r is row:
            return i + 1
    return 0  # pragma: no cover - the row comes from rows


def _row_in(message: str) -> int | None:
    if message.startswith("row "):
        head = message[4:].split(":", 1)[0]
        if head.isdigit():
            return int(head)
    return None


def _ints(col: Sequence[str], source: str, line_of: Callable[[int], int], name: str) -> Any:
    try:
        return np.asarray(col, dtype=np.int64)
    except (ValueError, OverflowError):
        for k, c in enumerate(col):
            try:
                int(c.strip())
            except ValueError:
                raise InputError("a year must be a whole number", source=source,
                                 line=line_of(k), field=name, value=c) from None
        raise  # pragma: no cover


def _floats(col: Sequence[str] | None, decimal: str, source: str,
            line_of: Callable[[int], int], name: str) -> Any:
    if col is None:
        return None
    if decimal == ".":
        try:  # a clean file: numpy parses the strings (and surrounding spaces) itself
            out = np.asarray(col, dtype=np.float64)
            if not np.isinf(out).any():
                return out
        except ValueError:
            pass
    cells = [c.strip() for c in col]
    if decimal == ",":
        cells = [c.replace("\u00a0", "").replace(" ", "").replace(",", ".") for c in cells]
    cells = ["nan" if c in _MISSING else c for c in cells]
    try:
        out = np.asarray(cells, dtype=np.float64)
    except ValueError:
        for k, c in enumerate(cells):
            try:
                float(c)
            except ValueError:
                raise InputError("not a number", source=source, line=line_of(k),
                                 field=name, value=col[k]) from None
        raise  # pragma: no cover
    bad = np.isinf(out)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError("a finite number is required", source=source,
                         line=line_of(k), field=name, value=col[k])
    return out
