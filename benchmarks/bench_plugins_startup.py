"""Start-up cost of loading every plugin: ``indikator plugins`` against ``import indikator``.

Runs both as cold subprocesses (a fresh interpreter each time, bytecode caches warm as a
user's would be), several times each, alternating, and prints the medians and the ratio.
Not a test: run it by hand, ``python benchmarks/bench_plugins_startup.py [REPEATS]``.

The last line, ``ratio_to_reference=<float>``, is ``indikator plugins`` over
``python -c "import indikator"`` (the reference).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

REFERENCE = [sys.executable, "-c", "import indikator"]
PLUGINS = [sys.executable, "-m", "indikator.cli", "plugins"]
# For the breakdown only: the host with the built-ins alone, and building pint's registry.
BUILTINS_ONLY = PLUGINS
REGISTRY = [sys.executable, "-c", "import indikator.units as u; u.get_registry()"]


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main(repeats: int = 15) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INDIKATOR_")}
    listed = subprocess.run(PLUGINS, check=True, capture_output=True, text=True, env=env)
    count = sum(1 for line in listed.stdout.splitlines()[2:] if line and not line.startswith(" "))
    for cmd in (REFERENCE, PLUGINS):  # warm the bytecode caches once
        _time(cmd, env)
    no_autoload = {**env, "INDIKATOR_DISABLE_PLUGIN_AUTOLOAD": "1"}
    runs: dict[str, list[float]] = {"ref": [], "plugins": [], "builtins": [], "registry": []}
    for _ in range(repeats):
        runs["ref"].append(_time(REFERENCE, env))
        runs["plugins"].append(_time(PLUGINS, env))
        runs["builtins"].append(_time(BUILTINS_ONLY, no_autoload))
        runs["registry"].append(_time(REGISTRY, env))
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(f"python: {sys.executable} ({sys.version.split()[0]}), repeats: {repeats}")
    print(f"plugins listed: {count}")
    print(f"import indikator                     median {med['ref'] * 1000:7.1f} ms "
          f"(min {min(runs['ref']) * 1000:.1f})")
    print(f"indikator plugins                    median {med['plugins'] * 1000:7.1f} ms "
          f"(min {min(runs['plugins']) * 1000:.1f})")
    print(f"  breakdown: indikator plugins, built-ins only (no entry points) "
          f"{med['builtins'] * 1000:.1f} ms")
    print(f"  breakdown: import indikator + build the pint unit registry       "
          f"{med['registry'] * 1000:.1f} ms")
    print(f"added by loading plugins             {(med['plugins'] - med['ref']) * 1000:7.1f} ms")
    ratio = med["plugins"] / med["ref"]
    print(f"ratio_to_reference={ratio:.3f}")
    return ratio


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
