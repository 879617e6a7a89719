"""Benchmark: 100 000 synthetic metric series through the public API against a bare loop.

Run with ``python benchmarks/bench_core.py [N]``. It prints series per second for

* the public columnar API (:func:`indikator.batch.assess_changes`: validation, unit
  conversion once per distinct unit, the strategy kernels, verdicts; every explanation
  available on demand through ``result.explanation(i)``),
* a bare plain-float loop doing the same comparisons (the reference),
* the per-object path (Metric, Observation, build_series, VsBase.assess, with every
  explanation built), on a sample, for information,

and, as its last line, ``ratio_to_reference=<float>``: public API time / bare loop time.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

from indikator.batch import assess_changes, assess_trajectories
from indikator.model import Metric, Observation
from indikator.series import build_series
from indikator.strategies import VsBase
from indikator.units import conversion_factor
from indikator.verdict import Direction, Verdict

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
REL_BAND = 0.02
UNITS = ("kWh/km", "kWh/km", "kWh/km", "MWh/km", "Wh/km")


def synthetic(n: int, seed: int = 2024) -> tuple[list[float], list[float], list[str], list[str]]:
    """Per series: the 2024 outcome, the 2023 outcome, the unit both are in, a direction."""
    rnd = random.Random(seed)
    cur: list[float] = []
    ref: list[float] = []
    units: list[str] = []
    dirs: list[str] = []
    for _ in range(n):
        unit = rnd.choice(UNITS)
        f = conversion_factor("kWh/km", unit)
        before = round(rnd.uniform(1.0, 10.0), 1)
        after = round(before * rnd.uniform(0.9, 1.1), 1)
        cur.append(after * f)
        ref.append(before * f)
        units.append(unit)
        dirs.append(rnd.choice(("lower_is_better", "higher_is_better")))
    return cur, ref, units, dirs


def best_of(runs: int, fn: Callable[[], object]) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bare_loop(cur: list[float], ref: list[float], units: list[str], dirs: list[str]) -> list[int]:
    """The reference: the same comparisons on plain floats, nothing else."""
    factors = {u: conversion_factor(u, "kWh/km") for u in set(units)}
    signs = {"higher_is_better": 1, "lower_is_better": -1}
    out: list[int] = []
    append = out.append
    for c, r, u, d in zip(cur, ref, units, dirs, strict=True):
        f = factors[u]
        c *= f
        r *= f
        band = REL_BAND * abs(r)
        diff = c - r
        if abs(diff) <= band + 1e-9 * max(abs(c), abs(r), band):
            append(0)
        elif diff * signs[d] > 0:
            append(1)
        else:
            append(-1)
    return out


def public_api(cur: list[float], ref: list[float], units: list[str], dirs: list[str]) -> object:
    return assess_changes(
        cur,
        ref,
        dirs,
        period=2024,
        relative_dead_band=REL_BAND,
        unit="kWh/km",
        source_unit=units,
    )


def per_object(
    cur: list[float], ref: list[float], units: list[str], dirs: list[str]
) -> list[Verdict]:
    strategy = VsBase(relative_dead_band=REL_BAND)
    out = []
    for i, (c, r, u, d) in enumerate(zip(cur, ref, units, dirs, strict=True)):
        metric = Metric(id=f"m{i}", name="Energi", unit="kWh/km", direction=d, strategy=strategy)
        series = build_series(metric, [Observation(2023, r, u), Observation(2024, c, u)])
        rating = strategy.assess(series, 2024)
        rating.explanation.sentence("sv")
        out.append(rating.verdict)
    return out


def main() -> None:
    cur, ref, units, dirs = synthetic(N)
    print(f"indikator core benchmark: {N} synthetic metric series (vs_base, 3 units)")

    t_bare, bare = best_of(3, lambda: bare_loop(cur, ref, units, dirs))
    t_api, result = best_of(3, lambda: public_api(cur, ref, units, dirs))
    verdict_of = {1: Verdict.POSITIVE, 0: Verdict.UNCHANGED, -1: Verdict.NEGATIVE}
    assert isinstance(bare, list)
    assert tuple(verdict_of[c] for c in bare) == result.verdicts, "batch and bare loop disagree"  # type: ignore[attr-defined]

    sample = range(0, N, max(1, N // 1000))
    t0 = time.perf_counter()
    for i in sample:
        result.explanation(i).sentence("sv")  # type: ignore[attr-defined]
    t_expl = (time.perf_counter() - t0) / len(sample)

    n_obj = min(N, 10_000)
    t_obj, verdicts = best_of(
        1, lambda: per_object(cur[:n_obj], ref[:n_obj], units[:n_obj], dirs[:n_obj])
    )
    assert list(result.verdicts[:n_obj]) == verdicts, "batch and per-object path disagree"  # type: ignore[attr-defined]

    start = [0.0] * N
    target = [-50.0] * N
    t_traj, _ = best_of(
        1,
        lambda: assess_trajectories(
            [c - 5.0 for c in cur],
            start,
            target,
            period=2024,
            start_year=2021,
            target_year=2030,
            direction=Direction.LOWER_IS_BETTER,
            unit="%",
        ),
    )

    counts = result.counts()  # type: ignore[attr-defined]
    print("verdicts: " + ", ".join(f"{v.value}={counts[v]}" for v in Verdict))
    print(f"bare plain-float loop:         {N / t_bare:12,.0f} series/s  ({t_bare * 1e3:8.1f} ms)")
    print(f"public batch API (vs_base):    {N / t_api:12,.0f} series/s  ({t_api * 1e3:8.1f} ms)")
    print(f"  one explanation on demand:   {t_expl * 1e6:12.1f} µs")
    print(f"public batch API (trajectory): {N / t_traj:12,.0f} series/s  ({t_traj * 1e3:8.1f} ms)")
    print(
        f"per-object path (information): {n_obj / t_obj:12,.0f} series/s  "
        f"({t_obj * 1e3:8.1f} ms for {n_obj}, explanations built)"
    )
    print(f"ratio_to_reference={t_api / t_bare:.3f}")


if __name__ == "__main__":
    main()
