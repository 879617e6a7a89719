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


def render_parquet(result: Result, *, lang: Lang = "sv") -> bytes:
    """The result as the bytes of a Parquet file (one row per entity, node and period)."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    table = result.to_arrow(lang)
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()
