"""Cold-process cost of ``indikator assess examples/vastmanland-2024 --format json``.

Measured against the cost of the library's unit dependency alone,
``python -c "import pint; pint.UnitRegistry()"``, in the same run: each command is
started as a fresh process several times (interleaved, after one warm-up each so the
file-system cache is warm for both), and the medians are compared. The goal is a ratio of
at most 2.0: the library should add less than what pint already costs.

Run from the repository root with the project's virtualenv::

    .venv/bin/python benchmarks/bench_cold_assess.py [--runs N]

The last line printed is ``ratio_to_reference=<float>``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "vastmanland-2024"


def _indikator_command() -> list[str]:
    script = Path(sys.executable).with_name("indikator")
    args = ["assess", str(EXAMPLE), "--format", "json"]
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-c", "import sys; from indikator.cli import main; "
            "sys.exit(main())", *args]


REFERENCE = [sys.executable, "-c", "import pint; pint.UnitRegistry()"]


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="cold runs of each (default 9)")
    args = parser.parse_args()
    target = _indikator_command()
    _time(target)
    _time(REFERENCE)
    ours: list[float] = []
    ref: list[float] = []
    for _ in range(args.runs):
        ours.append(_time(target))
        ref.append(_time(REFERENCE))
    ours_median = statistics.median(ours)
    ref_median = statistics.median(ref)
    print(f"indikator assess --format json: median {ours_median * 1000:.0f} ms "
          f"(min {min(ours) * 1000:.0f}, max {max(ours) * 1000:.0f}, {args.runs} runs)")
    print(f"import pint; pint.UnitRegistry(): median {ref_median * 1000:.0f} ms "
          f"(min {min(ref) * 1000:.0f}, max {max(ref) * 1000:.0f}, {args.runs} runs)")
    print(f"ratio_to_reference={ours_median / ref_median:.3f}")


if __name__ == "__main__":
    main()
