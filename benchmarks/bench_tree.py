"""Benchmark: one entity, a programme of 10 000 metrics, to a tree with every verdict read.

The programme (built beforehand, as a plugin would) has 10 goal areas × 20 indicators ×
50 metrics, a third each rated vs the previous year (2 % dead band), against a linear
trajectory from 2019 to a 2030 target, and against an own target. The observations are
two years per metric, given as columns. Measured: ``Observations.from_columns`` →
``evaluate`` → ``result.tree()`` → every node's verdict read (explanations left lazy).

The programme is compiled once per programme object and kept (definitions are frozen),
so the timed runs are a tool's steady state; the first run on a programme object never
assessed before is printed as well ("cold").

The reference is a plain Python loop over floats that computes the same metric verdicts
(no objects, no explanations, no roll-ups, nothing else).

Run with ``python benchmarks/bench_tree.py [METRICS]``. Last line:
``ratio_to_reference=<float>``.
"""

from __future__ import annotations

import copy
import random
import sys

from _timing import best

from indikator import (
    GoalArea,
    Metric,
    Observations,
    Programme,
    SimpleIndicator,
    Target,
    TargetOwner,
    Verdict,
    evaluate,
)
from indikator.strategies import VsBase, VsOwnTarget, VsTrajectory

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
PER_INDICATOR, PER_AREA = 50, 20
BAND = 0.02


def build(n: int, seed: int = 7) -> tuple[Programme, dict[str, list[object]], list[tuple]]:
    rnd = random.Random(seed)
    metrics, plain = [], []
    cols: dict[str, list[object]] = {"metric": [], "period": [], "value": []}
    for i in range(n):
        kind = i % 3
        sign = 1 if rnd.random() < 0.5 else -1
        base = rnd.uniform(10, 100)
        prev, cur = base * rnd.uniform(0.8, 1.2), base * rnd.uniform(0.8, 1.2)
        target = base * (1 + sign * 0.3)
        mid = f"m{i}"
        if kind == 0:
            strategy: object = VsBase(relative_dead_band=BAND)
            targets: list[Target] = []
        elif kind == 1:
            strategy = VsTrajectory(start_year=2019)
            targets = [Target(target, "st", 2030)]
        else:
            strategy = VsOwnTarget()
            targets = [Target(target, "st", 2030, owner=TargetOwner.UNIT)]
        metrics.append(Metric(id=mid, name=mid, unit="st",
                              direction="higher_is_better" if sign > 0 else "lower_is_better",
                              strategy=strategy, base_year=2019, base_value=base,  # type: ignore[arg-type]
                              targets=targets))
        for period, value in ((2023, prev), (2024, cur)):
            cols["metric"].append(mid)
            cols["period"].append(period)
            cols["value"].append(value)
        plain.append((kind, sign, base, prev, cur, target))
    indicators = [SimpleIndicator(id=f"i{k}", name=f"i{k}",
                                  metrics=metrics[k * PER_INDICATOR:(k + 1) * PER_INDICATOR])
                  for k in range((n + PER_INDICATOR - 1) // PER_INDICATOR)]
    areas = [GoalArea(id=f"a{k}", name=f"a{k}",
                      indicators=indicators[k * PER_AREA:(k + 1) * PER_AREA])
             for k in range((len(indicators) + PER_AREA - 1) // PER_AREA)]
    return Programme(id="p", name="P", goal_areas=areas), cols, plain


def engine(programme: Programme, cols: dict[str, list[object]]) -> list[Verdict]:
    table = Observations.from_columns(unit="st", **cols)  # type: ignore[arg-type]
    tree = evaluate(programme, table, periods=2024).tree()
    return [node.verdict for node in tree.walk()]


EPS = 1e-9


def reference(plain: list[tuple]) -> list[int]:
    """+1/0/-1 per metric, with the same rules and tie tolerance, in plain Python."""
    out = []
    frac = (2024 - 2019) / (2030 - 2019)
    for kind, sign, base, prev, cur, target in plain:
        if kind == 0:
            band = BAND * abs(prev)
            diff = cur - prev
            if abs(diff) <= band + EPS * max(abs(cur), abs(prev), band):
                out.append(0)
            else:
                out.append(1 if diff * sign > 0 else -1)
        elif kind == 1:
            expected = base + (target - base) * frac
            if (cur - expected) * sign >= -EPS * max(abs(cur), abs(expected)):
                out.append(1)
            elif (cur - base) * sign < 0 and abs(cur - base) > EPS * max(abs(cur), abs(base)):
                out.append(-1)
            else:
                out.append(0)
        else:
            diff = cur - target
            if diff * sign > 0 or abs(diff) <= EPS * max(abs(cur), abs(target)):
                out.append(1)
            else:
                moved = cur - prev
                same = abs(moved) <= EPS * max(abs(cur), abs(prev))
                out.append(0 if same or moved * sign > 0 else -1)
    return out




def main() -> None:
    programme, cols, plain = build(N)
    verdicts = [v for v in engine(programme, cols)]
    metric_verdicts = verdicts_by_metric(programme, cols)
    score = {Verdict.POSITIVE: 1, Verdict.UNCHANGED: 0, Verdict.NEGATIVE: -1}
    got = [score[v] for v in metric_verdicts]
    assert got == reference(plain), "verdicts differ"
    print(f"{N} metrics, {len(verdicts)} nodes read; metric verdicts equal the reference's")
    t_engine = best(lambda: engine(programme, cols))
    t_ref = best(lambda: reference(plain))
    fresh = [copy.deepcopy(programme) for _ in range(3)]  # never seen: compiled in the run
    t_cold = best(lambda: engine(fresh.pop(), cols), repeat=3)
    print(f"cold (a programme object never assessed before, compiled in the run): "
          f"{t_cold * 1e3:.1f} ms, ratio {t_cold / t_ref:.2f}")
    print(f"engine:    {t_engine * 1e3:.1f} ms ({N / t_engine:,.0f} metrics/s)")
    print(f"reference: {t_ref * 1e3:.1f} ms ({N / t_ref:,.0f} metrics/s)")
    print(f"ratio_to_reference={t_engine / t_ref:.2f}")


def verdicts_by_metric(programme: Programme, cols: dict[str, list[object]]) -> list[Verdict]:
    table = Observations.from_columns(unit="st", **cols)  # type: ignore[arg-type]
    tree = evaluate(programme, table, periods=2024).tree()
    found = {n.id: n.verdict for n in tree.walk()}
    return [found[m] for m in programme.metrics()]


if __name__ == "__main__":
    main()
