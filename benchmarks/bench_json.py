"""Benchmark: the JSON report of many entities, compact (C encoder) against indented.

The Västmanland example's outcomes copied to 200 entities (one report per entity), each
tree's explanations built first so that only the writing is timed. ``compact`` is what
``indikator assess --format json`` writes by default; ``indented`` is ``--indent 2``
(Python's pure-Python encoder). Both texts are checked to hold the same JSON.

Run with ``python benchmarks/bench_json.py``. Last line: ``ratio_indented_to_compact=<float>``.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
from _timing import best

import indikator as ik
from indikator.io import load_dataset
from indikator.plugins import get_programme
from indikator.render import render_many

ENTITIES = 200
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "vastmanland-2024"


def main() -> None:
    ds = load_dataset(EXAMPLE)
    programme = get_programme(ds.programme)
    observations = {m: [attrs.evolve(o, entity=f"{1000 + e:04d}") for e in range(ENTITIES)
                        for o in items] for m, items in ds.observations.items()}
    many = attrs.evolve(ds, observations=observations, judgments=[])
    result = ik.evaluate(programme, many)
    trees = [result.node(s, 0) for s in range(len(result.slots))]
    compact = render_many(trees, many, "json", "sv", programme)  # builds every explanation
    indented = render_many(trees, many, "json", "sv", programme, indent=2)
    assert json.loads(compact) == json.loads(indented)
    t_compact = best(lambda: render_many(trees, many, "json", "sv", programme), repeat=3)
    t_indented = best(lambda: render_many(trees, many, "json", "sv", programme, indent=2),
                      repeat=3)
    print(f"entities={ENTITIES} bytes_compact={len(compact.encode())} "
          f"bytes_indented={len(indented.encode())}")
    print(f"compact_s={t_compact:.3f} indented_s={t_indented:.3f}")
    print(f"ratio_indented_to_compact={t_indented / t_compact:.2f}")


if __name__ == "__main__":
    main()
