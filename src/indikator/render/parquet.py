"""The result table as Parquet: the columns of ``Result.columns`` in one file.

Needs pyarrow (the ``arrow`` extra), imported only here. Verdicts, bases and levels are
their contract values (``positive``, ``rule``, ``metric``), written as dictionary-encoded
strings; the key figures as float64 with null where a node has none; ``name`` in the
chosen language.
"""

from __future__ import annotations

import io

from indikator.results import Result
from indikator.verdict import Lang

__all__ = ["render_parquet"]

_CODES = frozenset({"level", "verdict", "basis", "rule_verdict", "strategy", "reason"})


def render_parquet(result: Result, *, lang: Lang = "sv") -> bytes:
    """The result as the bytes of a Parquet file (one row per entity, node and period)."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    arrays = {}
    for key, col in result.columns(lang).items():
        if col.dtype.kind == "f":  # NaN, "no figure", is null in Parquet
            arrays[key] = pa.array(col, from_pandas=True)
        elif key in _CODES:
            arrays[key] = pa.array(col.tolist(), pa.string()).dictionary_encode()
        else:
            arrays[key] = pa.array(col.tolist() if col.dtype == object else col)
    table = pa.table(arrays)
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()
