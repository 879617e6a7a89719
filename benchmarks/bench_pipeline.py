"""Benchmark: a Kolada-shaped long CSV to a CSV verdict table, against polars.

The file: 290 municipalities × 200 KPIs × 10 years (2015–2024), 580 000 rows of
``kommun,kpi,år,värde,enhet`` (generated, fixed seed). The programme: 10 goal areas × 4
indicators × 5 KPIs; a third of the KPIs rated against the previous year (2 % dead band),
a third against a linear trajectory from the 2015 outcome to a 2030 target, a third
against the programme's target. Strict majority at every level.

indikator: ``read_table`` → ``evaluate`` (every municipality, every year) →
``Result.to_csv``. polars: ``read_csv`` → the same verdicts for every KPI row and the
same strict-majority roll-ups → ``write_csv``. Verdicts are compared row by row (metric
and roll-up rows), then both pipelines are timed (best of three), and peak memory is
measured (tracemalloc for indikator's Python and numpy allocations; polars allocates
outside it, so its figure is the resident-set growth of a fresh process).

Run with ``python benchmarks/bench_pipeline.py``. Needs polars (``pip install polars``).
Last line: ``ratio_to_polars=<float>``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
from _timing import best

ENTITIES, METRICS, YEARS = 290, 200, tuple(range(2015, 2025))
BAND = 0.02


def write_csv(path: Path, seed: int = 11) -> None:
    rng = np.random.default_rng(seed)
    codes = [f"{1000 + 17 * i:04d}" for i in range(ENTITIES)]
    level = np.exp(rng.normal(3.0, 1.0, (ENTITIES, METRICS)))
    steps = rng.normal(0.0, 0.04, (ENTITIES, METRICS, len(YEARS)))
    values = level[:, :, None] * np.exp(np.cumsum(steps, axis=2))
    values = np.round(values, 2).tolist()
    with path.open("w", encoding="utf-8") as f:
        f.write("kommun,kpi,år,värde,enhet\n")
        for e, code in enumerate(codes):
            for m in range(METRICS):
                row = values[e][m]
                f.write("".join(f"{code},n{m:05d},{y},{row[k]!r},st\n"
                                for k, y in enumerate(YEARS)))


def targets(seed: int = 12) -> list[tuple[int, int, float]]:
    """Per KPI: kind (0 vs previous, 1 trajectory, 2 vs target), sign, target value."""
    rng = np.random.default_rng(seed)
    return [(m % 3, 1 if rng.random() < 0.5 else -1, float(np.round(rng.uniform(10, 40), 1)))
            for m in range(METRICS)]


def programme(params: list[tuple[int, int, float]]) -> Any:
    from indikator import GoalArea, Metric, Programme, SimpleIndicator, Target
    from indikator.strategies import VsBase, VsOwnTarget, VsTrajectory

    metrics = []
    for m, (kind, sign, target) in enumerate(params):
        strategy = (VsBase(relative_dead_band=BAND) if kind == 0 else
                    VsTrajectory(start_year=2015) if kind == 1 else
                    VsOwnTarget(owner="programme"))
        metrics.append(Metric(
            id=f"n{m:05d}", name=f"KPI N{m:05d}", unit="st",
            direction="higher_is_better" if sign > 0 else "lower_is_better",
            strategy=strategy, base_year=2015, targets=[Target(target, "st", 2030)]))
    areas = []
    for a in range(10):
        inds = [SimpleIndicator(id=f"i{a}-{k}", name=f"Indikator {a}.{k}",
                                metrics=metrics[(a * 4 + k) * 5:(a * 4 + k + 1) * 5])
                for k in range(4)]
        areas.append(GoalArea(id=f"a{a}", name=f"Målområde {a}", indicators=inds))
    return Programme(id="kolada", name="Program", goal_areas=areas)


def run_indikator(csv_in: Path, csv_out: Path, params: list[tuple[int, int, float]]) -> None:
    from indikator import evaluate
    from indikator.io.table import read_table

    table = read_table(csv_in)
    result = evaluate(programme(params), table, periods=YEARS)
    result.to_csv(csv_out)


def run_polars(csv_in: Path, csv_out: Path, params: list[tuple[int, int, float]]) -> None:
    import polars as pl

    eps = 1e-9
    kinds = pl.DataFrame({
        "kpi": [f"n{m:05d}" for m in range(METRICS)],
        "kind": [p[0] for p in params], "sign": [float(p[1]) for p in params],
        "target": [p[2] for p in params],
        "indicator": [f"i{(m // 5) // 4}-{(m // 5) % 4}" for m in range(METRICS)],
        "area": [f"a{(m // 5) // 4}" for m in range(METRICS)],
    })
    df = pl.read_csv(csv_in, schema_overrides={"kommun": pl.Utf8})
    df = df.rename({"kommun": "entity", "år": "period", "värde": "value"}).sort(
        ["entity", "kpi", "period"])
    df = df.with_columns(
        pl.col("value").shift(1).over(["entity", "kpi"]).alias("prev"),
        pl.col("value").first().over(["entity", "kpi"]).alias("base"),
    ).join(kinds, on="kpi")
    cur, prev, base, sign, target = (pl.col(c) for c in ("value", "prev", "base", "sign",
                                                          "target"))
    diff = cur - prev
    band = BAND * prev.abs()
    tie = pl.max_horizontal(cur.abs(), prev.abs(), band)
    def rule(cases: list[tuple[Any, str, str]], default: tuple[str, str]) -> tuple[Any, Any]:
        verdict, reason = pl.when(cases[0][0]), pl.when(cases[0][0])
        verdict, reason = verdict.then(pl.lit(cases[0][1])), reason.then(pl.lit(cases[0][2]))
        for cond, v, r in cases[1:]:
            verdict = verdict.when(cond).then(pl.lit(v))
            reason = reason.when(cond).then(pl.lit(r))
        return verdict.otherwise(pl.lit(default[0])), reason.otherwise(pl.lit(default[1]))

    base_v, base_r = rule([
        (prev.is_null(), "no_value", "no_reference_value"),
        (diff.abs() <= band + eps * tie, "unchanged", "within_dead_band"),
        (diff * sign > 0, "positive", "improved"),
    ], ("negative", "worsened"))
    frac = ((pl.col("period") - 2015) / (2030 - 2015)).clip(0.0, 1.0)
    expected = base + (target - base) * frac
    gap = (cur - expected) * sign
    moved = cur - base
    traj_v, traj_r = rule([
        (gap >= -eps * pl.max_horizontal(cur.abs(), expected.abs()), "positive",
         "on_or_ahead_of_path"),
        ((moved * sign < 0) & (moved.abs() > eps * pl.max_horizontal(cur.abs(), base.abs())),
         "negative", "worse_than_start"),
    ], ("unchanged", "behind_path"))
    to_target = cur - target
    history = cur - prev
    same = history.abs() <= eps * pl.max_horizontal(cur.abs(), prev.abs())
    target_v, target_r = rule([
        ((to_target * sign > 0) | (to_target.abs() <= eps * pl.max_horizontal(
            cur.abs(), target.abs())), "positive", "target_met"),
        (prev.is_null(), "negative", "short_without_history"),
        (same, "unchanged", "short_and_unchanged"),
        (history * sign > 0, "unchanged", "short_but_improving"),
    ], ("negative", "short_and_worse"))
    kind = pl.col("kind")
    df = df.with_columns(
        pl.when(kind == 0).then(base_v).when(kind == 1).then(traj_v).otherwise(target_v)
        .alias("verdict"),
        pl.when(kind == 0).then(base_r).when(kind == 1).then(traj_r).otherwise(target_r)
        .alias("reason"),
        pl.when(kind == 0).then(pl.lit("vs_base")).when(kind == 1)
        .then(pl.lit("vs_trajectory")).otherwise(pl.lit("vs_own_target")).alias("strategy"),
        pl.when(kind == 0).then(prev).when(kind == 1).then(base).otherwise(None)
        .alias("reference"),
        pl.when(kind == 1).then(expected).otherwise(None).alias("expected"),
        pl.when(kind == 0).then(None).otherwise(target).alias("target"),
        pl.col("kpi").alias("node"),
        pl.concat_str(pl.lit("KPI "), pl.col("kpi").str.to_uppercase()).alias("name"),
    )

    def majority(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
        counts = frame.group_by(by).agg(
            (pl.col("verdict") == "positive").sum().alias("p"),
            (pl.col("verdict") == "unchanged").sum().alias("u"),
            (pl.col("verdict") == "negative").sum().alias("n"))
        rated = pl.col("p") + pl.col("u") + pl.col("n")
        v, r = rule([
            (rated == 0, "no_value", "no_rated_children"),
            (2 * pl.col("p") > rated, "positive", "majority_positive"),
            (2 * pl.col("n") > rated, "negative", "majority_negative"),
            (2 * pl.col("u") > rated, "unchanged", "majority_unchanged"),
        ], ("unchanged", "no_majority"))
        return counts.with_columns(v.alias("verdict"), r.alias("reason"))

    ind = majority(df, ["entity", "period", "indicator", "area"])
    area = majority(ind, ["entity", "period", "area"])
    prog = majority(area, ["entity", "period"])
    none = pl.lit(None, pl.Float64)

    def rolled(frame: pl.DataFrame, node: Any, level: str, name: Any) -> pl.DataFrame:
        return frame.select(
            "entity", node.alias("node"), pl.lit(level).alias("level"), "period", "verdict",
            pl.lit("rollup").alias("basis"), pl.col("verdict").alias("rule_verdict"),
            pl.lit("strict_majority").alias("strategy"), "reason", none.alias("current"),
            none.alias("reference"), none.alias("expected"), none.alias("target"),
            name.alias("name"))

    metric_rows = df.select(
        "entity", "node", pl.lit("metric").alias("level"), "period", "verdict",
        pl.lit("rule").alias("basis"), pl.col("verdict").alias("rule_verdict"), "strategy",
        "reason", pl.col("value").alias("current"), "reference", "expected", "target", "name")
    out = pl.concat([
        metric_rows,
        rolled(ind, pl.col("indicator"), "indicator", pl.concat_str(
            pl.lit("Indikator "), pl.col("indicator").str.slice(1).str.replace("-", "."))),
        rolled(area, pl.col("area"), "goal_area", pl.concat_str(
            pl.lit("Målområde "), pl.col("area").str.slice(1))),
        rolled(prog, pl.lit("kolada"), "programme", pl.lit("Program")),
    ])
    out.write_csv(csv_out)




def compare(ours: Path, theirs: Path) -> int:
    import polars as pl

    keys = ["entity", "node", "period"]
    same = ["level", "verdict", "basis", "rule_verdict", "strategy", "reason", "name"]
    a = pl.read_csv(ours, schema_overrides={"entity": pl.Utf8})
    b = pl.read_csv(theirs, schema_overrides={"entity": pl.Utf8})
    # indikator writes one column more than the reference, last: to_positive (what it
    # would take), which the polars pipeline does not compute; its time is included
    assert a.columns[:len(b.columns)] == b.columns, (a.columns, b.columns)
    assert a.columns[len(b.columns):] == ["to_positive"], a.columns
    joined = a.join(b, on=keys, how="full", suffix="_polars")
    differ = pl.any_horizontal(*(pl.col(c) != pl.col(c + "_polars") for c in same))
    for k in ("current", "reference", "expected", "target"):
        x, y = pl.col(k), pl.col(k + "_polars")
        differ = differ | (x.is_null() != y.is_null()) | ((x - y).abs() > 1e-9 * y.abs())
    bad = joined.filter(differ)
    missing = joined.filter(pl.col("verdict").is_null() | pl.col("verdict_polars").is_null())
    assert not len(missing), f"rows on one side only: {missing.head()}"
    assert not len(bad), f"{len(bad)} verdicts differ: {bad.head()}"
    return len(joined)


def _peak_rss_child(kind: str, csv_in: Path, csv_out: Path) -> float:
    """Resident-set growth (bytes) of a fresh process running one pipeline."""
    code = (
        f"import sys, json; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import bench_pipeline as b; "
        "from pathlib import Path; p = b.targets(); "
        "import polars, numpy, indikator, indikator.io.table; "
        "hwm = lambda: int([l for l in open('/proc/self/status') if l.startswith('VmHWM')]"
        "[0].split()[1]) * 1024; "
        "rss = lambda: int([l for l in open('/proc/self/status') if l.startswith('VmRSS')]"
        "[0].split()[1]) * 1024; "
        "open('/proc/self/clear_refs', 'w').write('5'); before = rss(); "
        f"getattr(b, 'run_' + {kind!r})(Path({str(csv_in)!r}), Path({str(csv_out)!r}), p); "
        "print(json.dumps(hwm() - before))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "POLARS_MAX_THREADS": "2"})
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    params = targets()
    with tempfile.TemporaryDirectory() as tmp:
        csv_in, ours, theirs = (Path(tmp) / n for n in ("kolada.csv", "ours.csv", "pl.csv"))
        write_csv(csv_in)
        rows = ENTITIES * METRICS * len(YEARS)
        print(f"input: {rows:,} rows, {csv_in.stat().st_size / 1e6:.1f} MB")
        run_indikator(csv_in, ours, params)
        run_polars(csv_in, theirs, params)
        n = compare(ours, theirs)
        print(f"every column equal on all {n:,} (entity, node, period) rows "
              "(figures within 1e-9)")
        t_ours = best(lambda: run_indikator(csv_in, ours, params), 3)
        t_pl = best(lambda: run_polars(csv_in, theirs, params), 3)
        tracemalloc.start()
        run_indikator(csv_in, ours, params)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_ours = _peak_rss_child("indikator", csv_in, ours)
        rss_pl = _peak_rss_child("polars", csv_in, theirs)
        print(f"indikator: {t_ours:.2f} s; polars: {t_pl:.2f} s")
        print(f"peak memory per observation: indikator {peak / rows:.0f} B (tracemalloc), "
              f"{rss_ours / rows:.0f} B (RSS growth); polars {rss_pl / rows:.0f} B (RSS "
              f"growth); ratio {rss_ours / max(rss_pl, 1):.2f}")
        print(f"ratio_to_polars={t_ours / t_pl:.2f}")


if __name__ == "__main__":
    main()
