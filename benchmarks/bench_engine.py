"""Benchmark: the engine's array kernels against plain numpy, on the shared workload.

The workload is ``../shared/benchmark-workload.md``: 100 000 series (fixed seed), each
rated three ways (vs base, vs trajectory, vs target). The public vectorised path is
:mod:`indikator.kernels` (what :func:`indikator.evaluate` runs for the built-in
strategies): ``vs_base``, ``vs_trajectory`` and ``vs_target``, which also return reason
codes and key figures. The reference is a plain numpy implementation of the workload's
table, written here from the table alone. The verdicts are asserted equal item by item,
then both are timed (best of several runs).

Run with ``python benchmarks/bench_engine.py [N]``. Last line: ``ratio_to_numpy=<float>``
(engine time / numpy time).
"""

from __future__ import annotations

import sys

import numpy as np
import numpy.typing as npt
from _timing import best

from indikator import kernels
from indikator.codes import NEGATIVE, NO_VALUE, POSITIVE, UNCHANGED

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
Arr = npt.NDArray[np.float64]


def workload(n: int, seed: int = 20241201) -> dict[str, Arr]:
    """The series of the shared workload (NaN for missing values)."""
    rng = np.random.default_rng(seed)
    base_year = rng.integers(2010, 2021, n).astype(np.float64)
    latest_year = base_year + rng.integers(1, 9, n)
    target_year = latest_year + rng.integers(-3, 12, n)
    invalid = rng.random(n) < 0.01
    target_year[invalid] = base_year[invalid]
    d = np.where(rng.random(n) < 0.5, 1.0, -1.0)
    tol = rng.choice([0.0, 0.01, 0.02, 0.05], n)
    base = np.exp(rng.normal(4.0, 1.5, n))
    target = base * (1 + d * rng.uniform(0.05, 0.5, n))
    kind = rng.random(n)

    def draw(idx: npt.NDArray[np.intp]) -> Arr:
        k = len(idx)
        out = base[idx] + (target[idx] - base[idx]) * rng.uniform(-0.6, 1.4, k) \
            + base[idx] * rng.normal(0.0, 0.05, k)
        return out

    latest = draw(np.arange(n))
    latest[kind < 0.05] = base[kind < 0.05]
    exact_target = (kind >= 0.05) & (kind < 0.07)
    latest[exact_target] = target[exact_target]
    redraw = ~(kind < 0.07)
    for _ in range(100):  # redraw values within 1e-5 of a threshold but not on it
        margins = _margins(latest, base, target, base_year, latest_year, target_year, d, tol)
        near = redraw & np.any((np.abs(margins) < 1e-5) & (margins != 0.0), axis=0)
        if not near.any():
            break
        latest[near] = draw(np.flatnonzero(near))
    for arr, share in ((base, 0.03), (latest, 0.04), (target, 0.05)):
        arr[rng.random(n) < share] = np.nan
    return {"base_year": base_year, "latest_year": latest_year, "target_year": target_year,
            "d": d, "tol": tol, "base": base, "target": target, "latest": latest}


def _expected(base: Arr, target: Arr, by: Arr, ly: Arr, ty: Arr) -> Arr:
    with np.errstate(all="ignore"):
        frac = np.clip((ly - by) / np.where(ty > by, ty - by, 1.0), 0.0, 1.0)
    return base + (target - base) * frac


def _margins(latest: Arr, base: Arr, target: Arr, by: Arr, ly: Arr, ty: Arr, d: Arr,
             tol: Arr) -> Arr:
    """Each assessment's distance from its thresholds, relative to the values' size."""
    scale = np.maximum(np.abs(base), 1.0)
    exp = _expected(base, target, by, ly, ty)
    change = (latest - base) * d
    gap = (latest - exp) * d
    to_target = (latest - target) * d
    return np.stack([
        (change - tol * np.abs(base)) / scale, (change + tol * np.abs(base)) / scale,
        (gap + tol * np.abs(exp)) / scale, change / scale,
        to_target / scale, (to_target + tol * np.abs(target)) / scale,
    ])


def reference(w: dict[str, Arr]) -> tuple[npt.NDArray[np.int8], ...]:
    """The workload's table in plain numpy."""
    base, latest, target, d, tol = w["base"], w["latest"], w["target"], w["d"], w["tol"]
    with np.errstate(invalid="ignore"):
        change = (latest - base) * d
        band = tol * np.abs(base)
        vs_base = np.select([np.isnan(base) | np.isnan(latest), change > band, change >= -band],
                            [NO_VALUE, POSITIVE, UNCHANGED], NEGATIVE)
        exp = _expected(base, target, w["base_year"], w["latest_year"], w["target_year"])
        invalid = np.isnan(base) | np.isnan(latest) | np.isnan(target) | (
            w["target_year"] <= w["base_year"])
        traj = np.select([invalid, (latest - exp) * d >= -tol * np.abs(exp), change > 0],
                         [NO_VALUE, POSITIVE, UNCHANGED], NEGATIVE)
        to_target = (latest - target) * d
        vs_target = np.select(
            [np.isnan(latest) | np.isnan(target), to_target >= 0,
             to_target >= -tol * np.abs(target)],
            [NO_VALUE, POSITIVE, UNCHANGED], NEGATIVE)
    return vs_base.astype(np.int8), traj.astype(np.int8), vs_target.astype(np.int8)


def engine(w: dict[str, Arr]) -> tuple[npt.NDArray[np.int8], ...]:
    """The same three assessments through indikator's kernels."""
    base, latest, target, d, tol = w["base"], w["latest"], w["target"], w["d"], w["tol"]
    a = kernels.vs_base(latest, base, d, relative_dead_band=tol)
    b = kernels.vs_trajectory(latest, w["latest_year"], d, base, w["base_year"], target,
                              w["target_year"], relative_tolerance=tol, not_improved=NEGATIVE)
    c = kernels.vs_target(latest, target, d, near=tol)
    return a.verdict, b.verdict, c.verdict




def main() -> None:
    w = workload(N)
    for name, got, want in zip(("vs_base", "vs_trajectory", "vs_target"), engine(w),
                               reference(w), strict=True):
        bad = np.flatnonzero(got != want)
        assert not len(bad), f"{name}: {len(bad)} verdicts differ, first at {bad[:5]}"
        counts = np.bincount(want, minlength=4)
        print(f"{name:14s} positive={counts[0]} unchanged={counts[1]} negative={counts[2]} "
              f"no_value={counts[3]}  (equal item by item)")
    t_engine = best(lambda: engine(w), 7)
    t_numpy = best(lambda: reference(w), 7)
    print(f"engine: {N / t_engine:,.0f} series/s ({t_engine * 1e3:.1f} ms for 3 × {N:,})")
    print(f"numpy:  {N / t_numpy:,.0f} series/s ({t_numpy * 1e3:.1f} ms)")
    print(f"ratio_to_numpy={t_engine / t_numpy:.2f}")


if __name__ == "__main__":
    main()
