"""The own-tool example: the how-to shows its code as it is, and it passes ``mypy --strict``.

docs/how-to/own-tool.md walks through ``examples/own-tool`` (tests/test_docs.py runs the
page's blocks; the example's own tests check its verdicts; tests/test_distribution.py
installs it from its wheel). Here: the page's blocks of steps 2-5 are the example's
source, verbatim; the version range the page shows is the example's; and the example
type-checks with ``mypy --strict`` against the installed indikator, which a planted type
error shows is really checked.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "own-tool"
SOURCE = EXAMPLE / "src" / "own_tool" / "__init__.py"
HOWTO = REPO / "docs" / "how-to" / "own-tool.md"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

_FENCE = re.compile(r"^```(?P<lang>\w*)(?P<info>[^\n]*)\n(?P<body>.*?)^```\s*$", re.S | re.M)


def _sections() -> dict[str, str]:
    parts = re.split(r"^## (.+)$", HOWTO.read_text(encoding="utf-8"), flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _code_blocks_of_steps(first: int, last: int) -> list[str]:
    """The python blocks of the numbered steps, without the one that runs the tool."""
    blocks = []
    for title, text in _sections().items():
        number = re.match(r"(\d+)\.", title)
        if number is None or not first <= int(number[1]) <= last:
            continue
        fences = list(_FENCE.finditer(text))
        for i, m in enumerate(fences):
            runs_it = i + 1 < len(fences) and 'title="Output"' in fences[i + 1]["info"]
            if m["lang"] == "python" and not runs_it:
                blocks.append(m["body"])
    return blocks


def test_the_howto_shows_the_example_code_verbatim() -> None:
    source = SOURCE.read_text(encoding="utf-8")
    blocks = _code_blocks_of_steps(2, 5)
    assert len(blocks) >= 5, "steps 2-5 show the imports, data, programme, dataset, verdicts"
    for block in blocks:
        assert block in source, f"the how-to shows code the example does not have:\n{block}"
    shown = "".join(blocks)
    for name in re.findall(r"^def (\w+)", source, flags=re.M):
        assert f"def {name}(" in shown, f"the how-to does not show {name}()"


def test_the_howto_shows_the_version_range_the_example_declares() -> None:
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    [core] = [d for d in project["dependencies"] if d.startswith("indikator-core")]
    toml_blocks = [m["body"] for m in _FENCE.finditer(_sections()["1. Depend on indikator"])
                   if m["lang"] == "toml"]
    assert [f'dependencies = ["{core}"]' in b for b in toml_blocks] == [True]


def _mypy(folder: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("mypy") is None:
        if IN_CI:
            pytest.fail("CI=true, but mypy is not installed (pip install -r requirements-dev.txt)")
        pytest.skip("mypy is not installed (pip install -r requirements-dev.txt)")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "src"],
        cwd=folder, capture_output=True, text=True, timeout=300,
    )


def test_the_example_passes_mypy_strict(tmp_path: Path) -> None:
    done = _mypy(EXAMPLE, tmp_path / "cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_mypy_strict_would_catch_a_wrong_call_into_indikator(tmp_path: Path) -> None:
    """The check sees indikator's types: a string where a language is expected fails."""
    copy = tmp_path / "own-tool"
    (copy / "src" / "own_tool").mkdir(parents=True)
    (copy / "pyproject.toml").write_bytes((EXAMPLE / "pyproject.toml").read_bytes())
    wrong = SOURCE.read_text(encoding="utf-8").replace(
        "node.verdict.label(lang)", "node.verdict.label(lang.upper())"
    )
    assert wrong != SOURCE.read_text(encoding="utf-8")
    (copy / "src" / "own_tool" / "__init__.py").write_text(wrong, encoding="utf-8")
    done = _mypy(copy, tmp_path / "cache")
    assert done.returncode == 1, done.stdout + done.stderr
    assert 'Argument 1 to "label" of "Verdict" has incompatible type "str"' in done.stdout, (
        done.stdout
    )
