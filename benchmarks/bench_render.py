"""Benchmark: rendering one assessment of 10 000 metrics as a table and as HTML, against JSON.

The programme and data are those of ``bench_tree.py`` (10 goal areas × 20 indicators ×
50 metrics, a third each vs base, vs trajectory and vs own target; two years of
outcomes). The tree is assessed once; then each renderer turns a fresh tree (explanations
and shown observations not yet built, as in ``indikator assess``) into its text. JSON is
the reference: it reads every node, every explanation and every observation too, so a
renderer that is linear in the number of nodes stays within a small factor of it. A
renderer that looks a metric's definition up by walking the programme grows
quadratically (10 000 metrics: 49 s for the table and 56 s for HTML against 10 s for
JSON before the definitions were indexed).

Run with ``python benchmarks/bench_render.py [METRICS]``. Last line:
``ratio_to_json=<float>``, the larger of the table's and the HTML's time over JSON's
(goal: at most 2).
"""

from __future__ import annotations

import sys

from _timing import best
from bench_tree import build

from indikator import Dataset, Observations, evaluate
from indikator.render import render
from indikator.verdict import Assessment

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def main() -> None:
    programme, cols, _plain = build(N)
    table = Observations.from_columns(unit="st", **cols)  # type: ignore[arg-type]
    dataset = Dataset(programme="p", period=2024)

    def fresh() -> Assessment:  # a new result: nothing built or cached yet
        return evaluate(programme, table, periods=2024).tree()

    sizes: dict[str, int] = {}

    def timed(fmt: str) -> float:
        trees = [fresh() for _ in range(3)]

        def run() -> None:
            sizes[fmt] = len(render(trees.pop(), dataset, fmt, "sv", programme))  # type: ignore[arg-type]

        return best(run, repeat=3)

    t_json = timed("json")
    t_table = timed("table")
    t_html = timed("html")
    print(f"{N} metrics, one tree rendered (a fresh tree each run, best of 3)")
    for name, t in (("json", t_json), ("table", t_table), ("html", t_html)):
        print(f"{name:6} {t * 1e3:9.1f} ms  {sizes[name] / 1e6:6.1f} MB  "
              f"ratio {t / t_json:.2f}")
    print(f"ratio_to_json={max(t_table, t_html) / t_json:.2f}")


if __name__ == "__main__":
    main()
