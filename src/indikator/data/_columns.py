"""Columns at the boundary: factorizing ids into codes, and checking raw columns.

What :class:`~indikator.data.Observations` does once, where a table is built: turn a
column of ids into small integer codes and its distinct values, and check periods,
values, entities, metric ids and flags, each failure naming the first bad row (or its
``source``) and the value. Nothing after it checks a value again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from indikator.errors import InputError
from indikator.model import MAX_PERIOD, MIN_PERIOD, Flag

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
EntityId = str | None


class _Repeat(list[Any]):
    """A column of one value ``n`` times, factorized without a pass over it."""

    def __init__(self, value: Any, n: int) -> None:
        super().__init__([value] * n)
        self.value = value


class Coded(list[Any]):
    """A column given as codes into distinct values (a reader that factorized already).

    It reads as the list of values; the table takes its codes as they are.
    """

    def __init__(self, codes: IntArray, values: tuple[Any, ...]) -> None:
        super().__init__()
        self.codes, self.values = codes, values

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self) -> Any:
        values = self.values
        return (values[c] for c in self.codes.tolist())

    def __getitem__(self, i: Any) -> Any:
        return self.values[int(self.codes[i])]


def _factorize(values: Sequence[Any]) -> tuple[IntArray, tuple[Any, ...]]:
    """Codes and distinct values, in order of first appearance."""
    if isinstance(values, Coded):
        return values.codes, values.values
    if isinstance(values, _Repeat):
        return np.zeros(len(values), dtype=np.int32), ((values.value,) if len(values) else ())
    distinct = tuple(dict.fromkeys(values))
    index = dict(zip(distinct, range(len(distinct)), strict=True))
    codes = np.fromiter(map(index.__getitem__, values), dtype=np.int32, count=len(values))
    return codes, distinct


def _sorted_categories(codes: IntArray, cats: tuple[Any, ...]) -> tuple[IntArray, tuple[Any, ...]]:
    """The same codes against the categories sorted (``None`` first)."""
    order = sorted(range(len(cats)), key=lambda i: (cats[i] is not None, cats[i] or ""))
    remap = np.empty(len(cats), dtype=np.int32)
    remap[order] = np.arange(len(cats), dtype=np.int32)
    return (remap[codes] if len(codes) else codes), tuple(cats[i] for i in order)


def _hashable(values: Any) -> Sequence[Any]:
    """A column as a list of Python values (numpy scalars become Python's)."""
    if isinstance(values, np.ndarray):
        return values.tolist()  # type: ignore[no-any-return]
    return values  # type: ignore[no-any-return]


def _merge(codes: IntArray, cats: tuple[Any, ...]) -> tuple[IntArray, tuple[Any, ...]]:
    """Codes against the distinct values of ``cats`` (after they were normalised)."""
    index: dict[Any, int] = {}
    remap = np.array([index.setdefault(c, len(index)) for c in cats], dtype=np.int32)
    return remap[codes], tuple(index)


def _own_targets(values: Any) -> FloatArray | None:
    """An own-target column (NaN for none), or ``None`` when no row has one."""
    arr = np.array([math.nan if v is None else v for v in values], dtype=np.float64) if (
        isinstance(values, list)) else np.asarray(values, dtype=np.float64)
    return arr if (~np.isnan(arr)).any() else None


def _optional(values: Iterable[str | None]) -> tuple[str | None, ...] | None:
    out = tuple(values)
    return out if any(v is not None for v in out) else None


def _factorize_with_none(values: Sequence[str | None]) -> tuple[IntArray, tuple[str | None, ...]]:
    """Codes with ``None`` always at code 0."""
    if isinstance(values, Coded):
        order = (None, *(c for c in values.values if c is not None))
        place = {c: i for i, c in enumerate(order)}
        remap = np.array([place[c] for c in values.values], dtype=np.int32)
        return (remap[values.codes] if len(values.values) else values.codes), order
    if isinstance(values, _Repeat):
        if values.value is None:
            return np.zeros(len(values), dtype=np.int32), (None,)
        return np.ones(len(values), dtype=np.int32), (None, values.value)
    index: dict[str | None, int] = {None: 0}
    codes = [index.setdefault(v, len(index)) for v in values]
    return np.asarray(codes, dtype=np.int32), tuple(index)


def _src(source: tuple[str | None, ...] | None, i: int) -> str | None:
    return None if source is None else source[i]


def _where(source: tuple[str | None, ...] | None, i: int) -> str:
    found = _src(source, i)
    return found if found is not None else f"row {i}"


def _periods(data: Any, n: int, source: tuple[str | None, ...] | None) -> IntArray:
    arr = np.asarray(data)
    if len(arr) != n:
        raise InputError(f"the column has {len(arr)} rows where 'metric' has {n}", field="period")
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    if arr.dtype.kind in "iu":
        ints = arr.astype(np.int64)
    else:
        try:
            floats = arr.astype(np.float64)
        except (TypeError, ValueError):
            for i, v in enumerate(arr.tolist()):
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    raise InputError(
                        f"{_where(source, i)}: a year must be a whole number",
                        field="period",
                        value=v,
                    ) from None
            raise  # pragma: no cover - every element was a number
        bad = ~np.isfinite(floats) | (floats != np.floor(floats))
        if arr.dtype.kind == "b" or bad.any():
            i = int(np.flatnonzero(bad)[0]) if bad.any() else 0
            raise InputError(
                f"{_where(source, i)}: a year must be a whole number",
                field="period",
                value=arr.tolist()[i],
            )
        ints = floats.astype(np.int64)
    out = (ints < MIN_PERIOD) | (ints > MAX_PERIOD)
    if out.any():
        i = int(np.flatnonzero(out)[0])
        raise InputError(
            f"{_where(source, i)}: a year must lie in {MIN_PERIOD}–{MAX_PERIOD}",
            field="period",
            value=int(ints[i]),
        )
    return ints.astype(np.int32)


def _values(data: Any, source: tuple[str | None, ...] | None) -> FloatArray:
    if isinstance(data, list):
        plain = np.asarray(data)  # a list of numbers becomes float64 in C
        kinds = set(map(type, data))
        if plain.dtype.kind == "f" and bool not in kinds and np.bool_ not in kinds:
            arr = plain
        else:
            arr = np.asarray(data, dtype=object)
    else:
        arr = np.asarray(data)
    if arr.dtype.kind == "f":
        floats = arr.astype(np.float64)
    else:
        items = arr.tolist()
        try:
            floats = np.array(
                [math.nan if v is None else v for v in items], dtype=np.float64
            )
        except (TypeError, ValueError, OverflowError):
            floats = np.zeros(len(items))
        for i, v in enumerate(items):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                raise InputError(
                    f"{_where(source, i)}: a number is required", field="value", value=v
                )
    inf = np.isinf(floats)
    if inf.any():
        i = int(np.flatnonzero(inf)[0])
        raise InputError(
            f"{_where(source, i)}: a finite number is required (inf is refused)",
            field="value",
            value=float(floats[i]),
        )
    return floats


def _entity(value: object, i: int, source: tuple[str | None, ...] | None) -> EntityId:
    if value is None:
        return None
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        raise InputError(
            f"{_where(source, i)}: an entity is a code given as text (\"0180\", not 180: "
            "a number loses leading zeros)",
            field="entity",
            value=value,
        )
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{_where(source, i)}: an entity is a non-empty code",
                         field="entity", value=value)
    return value.strip()


def _metric_id(value: object, i: int, source: tuple[str | None, ...] | None) -> str:
    if not isinstance(value, str) or not value:
        raise InputError(f"{_where(source, i)}: a metric id is required", field="metric",
                         value=value)
    return value


def _parse_flags(
    value: Iterable[Flag | str] | str, i: int, source: tuple[str | None, ...] | None
) -> frozenset[Flag]:
    items = [value] if isinstance(value, (str, Flag)) else list(value)
    out = set()
    for item in items:
        try:
            out.add(item if isinstance(item, Flag) else Flag.parse(item))
        except ValueError as exc:
            raise InputError(f"{_where(source, i)}: {exc}", field="flags", value=item) from None
    return frozenset(out)
