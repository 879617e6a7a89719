"""DataFrames in: a long table from pandas, polars, pyarrow (or any frame) as observations.

:func:`read_frame` turns a long table of outcomes, one row per (entity, metric, period),
into an :class:`~indikator.data.Observations` table the engine assesses. The columns are
found by the names the CSV reader knows (``metric``/``kpi``, ``period``/``år``,
``entity``/``kommun``/``municipality``, ``value``/``värde``, ``unit``/``enhet``, ...) or
by a mapping from the logical name to the frame's own (``{"entity": "kommun", "metric":
"kpi", "period": "år"}``).

How a frame is read, in this order:

* with `narwhals <https://narwhals-dev.github.io/narwhals/>`_ when it is installed (the
  ``frames`` extra: one small pure-Python package with no dependencies of its own), which
  reads pandas, polars, pyarrow, modin, cuDF, ... without indikator knowing them;
* else through the Arrow PyCapsule interface (``__arrow_c_stream__``, which pandas ≥ 2.2,
  polars, pyarrow, DuckDB relations and others offer) with pyarrow;
* else a plain mapping of column name to sequence (``{"kpi": [...], "år": [...]}``).

Nothing of these is imported until a frame is read. A bad cell is reported as the CSV
reader reports one: where (``DataFrame, row 3``, rows counted from 0 as ``iloc`` counts
them), the column as the frame names it, and the value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from indikator.data import Observations
from indikator.errors import InputError
from indikator.io._sheets import ALIASES as _ALIASES
from indikator.io._values import is_blank, parse_flags, parse_number, parse_period

__all__ = ["FRAME_COLUMNS", "frame_columns", "observations_from_columns", "read_frame"]

FRAME_COLUMNS: tuple[str, ...] = ("entity", "metric", "component", "period", "value", "unit",
                                  "text", "flags", "note", "own_target")
"""The logical columns a long table may have (``metric`` and ``period`` are required)."""


def read_frame(
    frame: Any,
    *,
    columns: Mapping[str, str] | None = None,
    unit: str | Mapping[str, str] | None = None,
    metrics: Mapping[str, str] | None = None,
    name: str = "DataFrame",
) -> Observations:
    """A long table of outcomes (a DataFrame of any library) as observations.

    Args:
        frame: A pandas, polars or pyarrow table (anything narwhals or the Arrow
            PyCapsule interface reads), or a mapping of column name to sequence.
        columns: The frame's column for a logical column (``{"metric": "kpi", "period":
            "år", "entity": "kommun"}``); columns not named here are found by the names
            the CSV reader knows. A frame's other columns are ignored.
        unit: The unit of every value when the frame has no unit column, or a mapping
            of metric id (as in the frame, before ``metrics`` renames it) to unit.
        metrics: Metric ids for the frame's (``{"N00945": "waste-per-inhabitant"}``);
            ids not named are kept as they are.
        name: What messages call the frame (``"DataFrame, row 3: år: ..."``).

    Raises:
        InputError: A required column is missing, a column is named twice, or a cell is
            bad (naming the row, the column as the frame names it, and the value).
        TypeError: ``frame`` is not a table this function can read.
    """
    data = frame_columns(frame)
    picked = _pick(list(data), columns, name)
    return observations_from_columns({k: data[v] for k, v in picked.items()},
                                     names=picked, unit=unit, metrics=metrics, where=name)


def frame_columns(frame: Any) -> dict[str, Sequence[Any]]:
    """A frame's columns by name, each a list (or a numpy array for numbers).

    Raises:
        TypeError: Not a frame narwhals, the Arrow PyCapsule interface or a mapping gives.
    """
    if isinstance(frame, Mapping):
        return {str(k): v for k, v in frame.items()}
    native = _with_narwhals(frame)
    if native is not None:
        return native
    if hasattr(frame, "__arrow_c_stream__"):
        try:
            import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
        except ImportError:
            raise TypeError("reading this frame needs narwhals or pyarrow: pip install "
                            "'indikator-core[frames]'") from None
        table = pa.table(frame)
        return {str(n): _arrow_column(table.column(n)) for n in table.column_names}
    raise TypeError(f"cannot read a {type(frame).__name__} as a table: pass a pandas, polars "
                    "or pyarrow table (with narwhals installed: pip install "
                    "'indikator-core[frames]') or a mapping of columns")


def _with_narwhals(frame: Any) -> dict[str, Sequence[Any]] | None:
    try:
        import narwhals.stable.v2 as nw
    except ImportError:
        try:
            import narwhals.stable.v1 as nw  # type: ignore[no-redef]
        except ImportError:
            return None
    try:
        df = nw.from_native(frame, eager_only=True)
    except TypeError:
        return None
    out: dict[str, Sequence[Any]] = {}
    for col in df.columns:
        series = df[col]
        dtype = series.dtype
        if dtype.is_numeric() and not dtype.is_decimal():
            out[str(col)] = _numeric(series.to_numpy(), series.null_count())
        else:
            out[str(col)] = series.to_list()
    return out


def _arrow_column(column: Any) -> Any:
    import pyarrow as pa

    if pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
        return _numeric(column.to_numpy(zero_copy_only=False), column.null_count)
    return column.to_pylist()


def _numeric(arr: Any, nulls: int) -> Any:
    """A numeric column as a numpy array; with nulls, as floats with NaN for them."""
    out = np.asarray(arr)
    if nulls and out.dtype.kind != "f":
        return [None if v is None else v for v in out.tolist()]
    return out


def _pick(available: list[str], columns: Mapping[str, str] | None,
          where: str) -> dict[str, str]:
    """The frame's column for each logical column present."""
    picked: dict[str, str] = {}
    for logical, col in (columns or {}).items():
        if logical not in FRAME_COLUMNS:
            raise InputError(f"unknown logical column; expected one of "
                             f"{', '.join(FRAME_COLUMNS)}", source=where, field="columns",
                             value=logical)
        if col not in available:
            raise InputError(f"the frame has no column {col!r} (for {logical!r}); it has "
                             f"{', '.join(map(repr, available))}", source=where,
                             field=logical, value=col)
        picked[logical] = col
    taken = set(picked.values())
    for col in available:
        found = _ALIASES.get(col.strip().casefold())
        if found is None or found not in FRAME_COLUMNS or col in taken:
            continue
        logical = found
        if logical in picked:
            if columns and logical in columns:
                continue  # the mapping chose another column for it
            raise InputError(f"two columns for {logical!r}: {picked[logical]!r} and {col!r} "
                             f"(name one with columns={{{logical!r}: ...}})", source=where,
                             field=col)
        picked[logical] = col
    for need in ("metric", "period"):
        if need not in picked:
            raise InputError(f"the table needs a {need!r} column (or columns={{{need!r}: "
                             "'your column'}})", source=where, field=need,
                             value=", ".join(available))
    return picked


def observations_from_columns(
    data: Mapping[str, Sequence[Any]],
    *,
    names: Mapping[str, str] | None = None,
    unit: str | Mapping[str, str] | None = None,
    metrics: Mapping[str, str] | None = None,
    where: str = "DataFrame",
    row_name: Callable[[int], str] | None = None,
) -> Observations:
    """Observations from logical columns of raw cells, every bad cell located.

    Args:
        data: Logical column name (:data:`FRAME_COLUMNS`) to its cells.
        names: The column's name as the source calls it, for messages.
        unit: One unit for every row, or a mapping of metric id to unit (used where the
            table has no unit column or the cell is blank).
        metrics: New ids for metric ids.
        where: What messages call the table.
        row_name: The location of row ``i`` (``"DataFrame, row 3"`` by default).

    Raises:
        InputError: A cell is bad, naming its row, its column and the value.
    """
    shown = dict(names or {})
    n = len(data["metric"])
    at = row_name or (lambda i: f"{where}, row {i}")

    def fail(exc: InputError, logical: str, i: int, value: object) -> InputError:
        return InputError(exc.message, source=at(i), field=shown.get(logical, logical),
                          value=exc.value if exc.has_value else value)

    for logical, col in data.items():
        if len(col) != n:
            raise InputError(f"the column has {len(col)} rows where 'metric' has {n}",
                             source=where, field=shown.get(logical, logical))

    def distinct(logical: str, parse: Callable[[Any], Any]) -> list[Any] | None:
        """Each distinct cell parsed once; a bad one reported at its first row."""
        col = data.get(logical)
        if col is None:
            return None
        items = col.tolist() if isinstance(col, np.ndarray) else list(col)
        kinds = set(map(type, items))
        plain = len(kinds) == 1 and kinds <= {str, int}  # values are their own keys
        seen: dict[Any, Any] = {}
        if plain:
            for v in dict.fromkeys(items):
                try:
                    seen[v] = parse(v)
                except InputError as exc:
                    raise fail(exc, logical, items.index(v), v) from None
            return list(map(seen.__getitem__, items))
        out: list[Any] = []
        for i, v in enumerate(items):
            key = _key(v)
            if key not in seen:
                try:
                    seen[key] = parse(v)
                except InputError as exc:
                    raise fail(exc, logical, i, v) from None
            out.append(seen[key])
        return out

    metric = distinct("metric", lambda v: _metric(v, metrics))
    assert metric is not None
    entity = distinct("entity", _entity)
    period_col = data["period"]
    period: Any
    if (isinstance(period_col, np.ndarray) and period_col.dtype.kind in "iu"
            and (n == 0 or (int(period_col.min()) >= 1900 and int(period_col.max()) <= 2200))):
        period = period_col  # whole years in range: no cell to check
    else:
        period = distinct("period", parse_period)
    value = _numbers(data.get("value"), "value", fail)
    own_target = _numbers(data.get("own_target"), "own_target", fail)
    units = distinct("unit", _text)
    texts = distinct("text", _text)
    notes = distinct("note", _text)
    components = distinct("component", _text)
    flags = distinct("flags", lambda v: parse_flags(None if _missing(v) else v))
    if unit is not None:
        ids = data["metric"]
        raw_ids = ids.tolist() if isinstance(ids, np.ndarray) else list(ids)
        if isinstance(unit, str):
            given: list[str | None] = [unit] * n
        else:
            given = [unit.get(str(m)) for m in raw_ids]
        units = given if units is None else [u if u is not None else g
                                             for u, g in zip(units, given, strict=True)]
    if value is not None:
        has = ~np.isnan(value)
        if units is None:
            if has.any():
                i = int(np.flatnonzero(has)[0])
                raise InputError("a value needs a unit: the table has no unit column (give "
                                 "unit=... or columns={'unit': ...})", source=at(i),
                                 field=shown.get("value", "value"), value=float(value[i]))
        else:
            for i in np.flatnonzero(has).tolist():
                if units[i] is None:
                    raise InputError("a value needs a unit", source=at(i),
                                     field=shown.get("unit", "unit"), value=float(value[i]))
        if texts is not None:
            for i in np.flatnonzero(has).tolist():
                if texts[i] is not None:
                    raise InputError("an observation is a value or a text, not both",
                                     source=at(i), field=shown.get("text", "text"),
                                     value=texts[i])
    return Observations.from_columns(
        metric=metric, period=period, value=value, unit=units, entity=entity,
        component=components, text=texts, note=notes,
        flags=None if flags is None else [sorted(f, key=_flag_order) for f in flags],
        own_target=own_target,
    )


def _flag_order(flag: Any) -> str:
    return str(flag.value)


def _key(v: Any) -> Any:
    """A dictionary key for a cell (NaN is one key; unhashable cells by their repr)."""
    if isinstance(v, float) and math.isnan(v):
        return ("nan",)
    try:
        hash(v)
    except TypeError:
        return ("repr", type(v).__name__, repr(v))
    return (type(v).__name__, v)


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or is_blank(v)


def _metric(v: Any, metrics: Mapping[str, str] | None) -> str:
    if _missing(v):
        raise InputError("a metric id is required")
    if not isinstance(v, str):
        raise InputError(f"a metric id is a text, not a {type(v).__name__}", value=v)
    text = v.strip()
    return metrics.get(text, text) if metrics else text


def _entity(v: Any) -> str | None:
    if _missing(v):
        return None
    if isinstance(v, bool) or not isinstance(v, str):
        if isinstance(v, (int, np.integer, float)):
            raise InputError("an entity is a code given as text (\"0180\", not 180: a number "
                             "loses leading zeros; convert the column with .astype(str))",
                             value=v)
        raise InputError(f"an entity is a code (a text), not a {type(v).__name__}", value=v)
    return v.strip()


def _text(v: Any) -> str | None:
    if _missing(v):
        return None
    if not isinstance(v, str):
        raise InputError(f"a text is required, not a {type(v).__name__}", value=v)
    return v.strip()


def _numbers(col: Sequence[Any] | None, logical: str,
             fail: Callable[[InputError, str, int, object], InputError]) -> Any:
    """A column of numbers as float64 (NaN: none); a bad cell named."""
    if col is None:
        return None
    if isinstance(col, np.ndarray) and col.dtype.kind in "fiu":
        out = col.astype(np.float64)
        inf = np.isinf(out)
        if inf.any():
            i = int(np.flatnonzero(inf)[0])
            raise fail(InputError("NaN and inf are not values; NaN is no value, inf is "
                                  "refused"), logical, i, float(out[i]))
        return out
    out = np.empty(len(col), dtype=np.float64)
    seen: dict[Any, float] = {}
    for i, v in enumerate(col.tolist() if isinstance(col, np.ndarray) else col):
        key = _key(v)
        found = seen.get(key)
        if found is None:
            if _missing(v) or (isinstance(v, str) and v.strip() in
                               {"-", "–", "—", "..", "…", "NA", "NaN", "nan"}):
                found = math.nan
            else:
                try:
                    found = parse_number(v)[0]
                except InputError as exc:
                    raise fail(exc, logical, i, v) from None
            seen[key] = found
        out[i] = found
    return out
