"""The version has one source (pyproject.toml, via the package metadata); ``python -m``."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import indikator
from indikator._version import DISTRIBUTION, UNKNOWN_VERSION, version
from indikator.cli import main

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_core_is_installed_as_indikator_core_and_nothing_as_indikator() -> None:
    assert PYPROJECT["name"] == DISTRIBUTION
    points = {(e.group, e.name): e.value for e in metadata.distribution(DISTRIBUTION).entry_points}
    assert points[("console_scripts", "indikator")] == "indikator.cli:main"
    assert points[("pytest11", "indikator")] == "indikator.testing.fixtures"
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.distribution("indikator")  # the name of another project on the index


def test_the_version_is_the_metadata_which_is_the_pyproject() -> None:
    assert indikator.__version__ == metadata.version(DISTRIBUTION) == PYPROJECT["version"]


def test_the_command_reports_the_same_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.split() == ["indikator", indikator.__version__]


def test_without_metadata_the_checkout_pyproject_gives_the_version() -> None:
    assert version("no-such-distribution-here") == PYPROJECT["version"]


def _pyproject(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f'[project]\nname = "{DISTRIBUTION}"\nversion = "9.8.7"\n', "9.8.7"),
        ('[project]\nname = "another-project"\nversion = "9.8.7"\n', UNKNOWN_VERSION),
        (f'[project]\nname = "{DISTRIBUTION}"\ndynamic = ["version"]\n', UNKNOWN_VERSION),
        ("[project\nname = ", UNKNOWN_VERSION),
    ],
    ids=["ours", "another project's", "no static version", "not TOML"],
)
def test_the_fallback_reads_only_our_own_pyproject(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert version("no-such-distribution-here", _pyproject(tmp_path, text)) == expected


def test_without_metadata_or_pyproject_the_version_is_unknown(tmp_path: Path) -> None:
    assert version("no-such-distribution-here", tmp_path / "missing.toml") == UNKNOWN_VERSION


def test_python_m_indikator_is_the_command() -> None:
    by_module = subprocess.run(
        [sys.executable, "-m", "indikator", "--version"], capture_output=True, text=True
    )
    assert by_module.returncode == 0, by_module.stderr
    assert by_module.stdout.split() == ["indikator", indikator.__version__]
    bad = subprocess.run(
        [sys.executable, "-m", "indikator", "assess", "no-such-dataset"],
        capture_output=True, text=True,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("indikator: error: ")
    assert "no-such-dataset" in bad.stderr
    assert "Traceback" not in bad.stderr


HEADING = r"\[(Unreleased|\d+\.\d+\.\d+)\](?: - (\d{4}-\d{2}-\d{2}|Unreleased))?"


def test_the_changelog_has_a_section_per_version_newest_first() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Keep a Changelog" in text
    headings = re.findall(r"^## (.*)$", text, flags=re.M)
    sections = re.split(r"^## .*$", text, flags=re.M)[1:]
    versions = []
    for heading, body in zip(headings, sections, strict=True):
        match = re.fullmatch(HEADING, heading)
        assert match, f"CHANGELOG.md: not '## [X.Y.Z] - YYYY-MM-DD': {heading!r}"
        assert re.search(r"^### \S", body, flags=re.M), f"{heading}: no subsection"
        if match[1] != "Unreleased":
            assert match[2], f"{heading}: a version section has a date (or 'Unreleased')"
            versions.append(tuple(int(p) for p in match[1].split(".")))
    assert versions == sorted(versions, reverse=True), "newest version first"
    assert len(set(versions)) == len(versions)
    current = tuple(int(p) for p in indikator.__version__.split(".")[:3])
    assert versions[0] == current, "the current version has the newest section"
