"""A programme written from the docs alone, walked as docs/how-to/programme-file.md tells it.

The walk writes every file the how-to shows with a ``title="path"`` (a programme for
Region Söderby with relative, interval and multi-year targets, its data, a five-line
plugin module and its ``pyproject.toml``) into a temporary folder, then:

1. ``indikator validate`` and ``assess`` with ``--programme`` pass (in this process);
2. the plugin is installed (``pip install -e``) into a fresh virtual environment, as in
   tests/test_template_walk.py (offline when hatchling is importable), and
   ``indikator plugins`` lists what step 3 shows: each indicator from the files,
   provided by the plugin;
3. ``indikator validate data`` and ``indikator assess data`` pass there without
   ``--programme``: the installed file-only plugin provides the programme.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from indikator.cli import main

REPO = Path(__file__).resolve().parents[1]
HOWTO = REPO / "docs" / "how-to" / "programme-file.md"
PLUGIN = "indikator-soderby"

_FENCE = re.compile(r"^```(?P<lang>\w*)(?P<info>[^\n]*)\n(?P<body>.*?)^```\s*$", re.S | re.M)
_TITLE = re.compile(r'title="(?P<title>[^"]*)"')


def _template_walk() -> ModuleType:
    """The venv helpers of tests/test_template_walk.py (one way to make environments)."""
    spec = importlib.util.spec_from_file_location(
        "_template_walk", Path(__file__).with_name("test_template_walk.py")
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_files(root: Path) -> list[str]:
    text = HOWTO.read_text(encoding="utf-8")
    written = []
    for m in _FENCE.finditer(text):
        title = _TITLE.search(m["info"])
        if title and title["title"] != "Output":
            target = root / title["title"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(m["body"], encoding="utf-8")
            written.append(title["title"])
    return written


def _shown_listing() -> list[list[str]]:
    text = HOWTO.read_text(encoding="utf-8")
    [block] = [m["body"] for m in _FENCE.finditer(text)
               if m["lang"] == "console" and "$ indikator plugins" in m["body"]]
    lines = block.splitlines()
    after = lines[lines.index("$ indikator plugins") + 1 :]
    return [line.split() for line in after
            if line.strip() and line.strip() != "..." and not line.startswith("$")]


def test_the_howto_shows_a_file_only_plugin_with_every_kind_of_target(tmp_path: Path) -> None:
    written = _write_files(tmp_path)
    assert f"{PLUGIN}/pyproject.toml" in written
    programme = tmp_path / PLUGIN / "src" / "indikator_soderby" / "programme" / "soderby.toml"
    text = programme.read_text(encoding="utf-8")
    assert "change_percent = -40" in text  # relative to a base year
    assert "change_percent = [-15, -20]" in text  # an interval
    assert "milestones = [{year = 2030" in text  # several target years
    module = (tmp_path / PLUGIN / "src" / "indikator_soderby" / "__init__.py").read_text()
    assert "class " not in module  # no Python classes


def test_it_validates_and_assesses_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    folder = f"{PLUGIN}/src/indikator_soderby/programme"
    assert main(["validate", "data", "--programme", folder]) == 0
    assert main(["assess", "data", "--programme", folder, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    verdicts = {n["id"]: n["verdict"] for a in report["programme"]["children"]
                for i in a["children"] for n in [i, *i["children"]]}
    assert verdicts == {
        "soderby.emissions": "positive", "soderby.travel-co2e": "positive",
        "soderby.energy": "positive", "soderby.energy-use": "positive",
    }


def test_installed_as_a_file_only_plugin_it_is_listed_and_assesses(tmp_path: Path) -> None:
    walk = _template_walk()
    _write_files(tmp_path)
    folder = tmp_path / PLUGIN
    try:
        python = walk._make_venv(tmp_path / "venv")
    except (subprocess.CalledProcessError, OSError) as exc:
        if walk.IN_CI:
            raise
        pytest.skip(f"cannot make a virtual environment here: {exc}")
    offline = importlib.util.find_spec("hatchling") is not None
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if offline:
        pip += ["--no-deps", "--no-build-isolation", "--no-index"]
    installed = walk._run([*pip, "-e", "."], cwd=folder)
    if installed.returncode != 0:
        if not offline and not walk.IN_CI:
            pytest.skip(f"pip could not build the plugin (no network?): {installed.stderr[-300:]}")
        pytest.fail(f"pip install failed:\n{installed.stdout}\n{installed.stderr}")

    listed = walk._run([str(python), "-m", "indikator.cli", "plugins"], cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    printed = [line.split() for line in listed.stdout.splitlines()]
    for words in _shown_listing():
        assert words in printed, f"the how-to shows {' '.join(words)!r}:\n{listed.stdout}"
    assert "soderby" not in listed.stderr, listed.stderr

    validated = walk._run([str(python), "-m", "indikator.cli", "validate", "data"], cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assessed = walk._run([str(python), "-m", "indikator.cli", "assess", "data", "--lang", "en"],
                         cwd=tmp_path)
    assert assessed.returncode == 0, assessed.stderr
    assert "Environmental programme 2024–2030: Development 2024: ▲ Positive" in assessed.stdout
    assert "Target 2027: 15–20 % below 2015" in assessed.stdout
