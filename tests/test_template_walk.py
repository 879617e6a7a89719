"""A new plugin author's path, walked as docs/how-to/indicator-plugin.md tells it.

Copy ``examples/plugin-template`` to a folder of one's own, make it one's own (a new
distribution name, package name, plugin name and id prefix: ids must be unique among all
installed plugins, and the template itself is installed in the development environment),
install it into a virtual environment, see it listed by ``indikator plugins --json`` and
run its tests. The renaming is the function :func:`make_it_yours`, which does exactly the
steps the how-to lists.

The virtual environment is made from the running interpreter with
``--system-site-packages``; when that interpreter is itself a virtual environment (the
usual case), a ``.pth`` file adds its site-packages as well, so indikator and pytest are
found. With hatchling importable the plugin is installed offline
(``--no-deps --no-build-isolation``); otherwise pip builds it in isolation, which needs
the network: outside CI the test then skips with the reason, under ``CI=true`` it fails.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import site
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "examples" / "plugin-template"
HOWTO = REPO / "docs" / "how-to" / "indicator-plugin.md"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The names the how-to renames, and what the walk renames them to.
OLD_PACKAGE, NEW_PACKAGE = "indikator_example", "indikator_myregion"
OLD_NAME, NEW_NAME = "example", "myregion"

pytestmark = pytest.mark.skipif(
    not TEMPLATE.is_dir(), reason="examples/plugin-template/ is not in this checkout"
)


def make_it_yours(folder: Path) -> None:
    """Rename the template's distribution, package, plugin name and ids, as the how-to says.

    1. the package folder ``src/indikator_example`` becomes ``src/indikator_myregion``,
       and every ``indikator_example`` in the code and pyproject.toml follows;
    2. the word ``example`` becomes ``myregion`` wherever it stands alone: the
       distribution ``indikator-example``, the entry point ``example = ...``, the ids
       ``example.organic-food`` and ``example-programme``, the plugin name in the tests.
    """
    (folder / "src" / OLD_PACKAGE).rename(folder / "src" / NEW_PACKAGE)
    word = re.compile(rf"\b{OLD_NAME}\b")
    for path in _sources(folder):
        text = path.read_text(encoding="utf-8")
        text = text.replace(OLD_PACKAGE, NEW_PACKAGE)
        text = word.sub(NEW_NAME, text)
        path.write_text(text, encoding="utf-8")


def _sources(folder: Path) -> list[Path]:
    return [folder / "pyproject.toml", *folder.glob("src/**/*.py"), *folder.glob("tests/**/*.py")]


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _make_venv(venv: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    python = _venv_python(venv)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # --system-site-packages reaches the base interpreter's packages only; when this
    # interpreter is a virtual environment, add its site-packages too (processing its .pth
    # files, so editable installs such as indikator's own are found).
    parents = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    lines = [f"import site; site.addsitedir({p!r})" for p in dict.fromkeys(parents)]
    Path(purelib, "_parent_environment.pth").write_text("\n".join(lines) + "\n")
    return python


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("INDIKATOR_DISABLE_PLUGINS", "INDIKATOR_DISABLE_PLUGIN_AUTOLOAD"):
        env.pop(name, None)
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=300, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_the_howto_walks_this_path() -> None:
    """The how-to names the steps this test takes (so the two cannot drift apart)."""
    text = HOWTO.read_text(encoding="utf-8")
    for step in (
        "cp -r examples/plugin-template",
        f"src/{NEW_PACKAGE}",
        "indikator-myregion",
        'myregion = "indikator_myregion"',
        "pip install -e .",
        "indikator plugins",
        "pytest",
    ):
        assert step in text, f"the how-to no longer shows {step!r}"


def test_make_it_yours_leaves_no_old_name_behind(tmp_path: Path) -> None:
    folder = tmp_path / "my-plugin"
    shutil.copytree(TEMPLATE, folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    make_it_yours(folder)
    assert (folder / "src" / NEW_PACKAGE / "__init__.py").is_file()
    for path in _sources(folder):
        text = path.read_text(encoding="utf-8")
        assert OLD_PACKAGE not in text, path
        assert not re.search(r"\bexample\b", text), path


def test_the_pyproject_shown_in_the_howto_is_what_renaming_gives(tmp_path: Path) -> None:
    text = HOWTO.read_text(encoding="utf-8")
    shown = re.search(r"```toml\n(\[project\]\n.*?)```", text, re.S)
    assert shown is not None, "the how-to shows the renamed pyproject.toml"
    folder = tmp_path / "my-plugin"
    shutil.copytree(TEMPLATE, folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    make_it_yours(folder)
    actual = {line.strip() for line in (folder / "pyproject.toml").read_text().splitlines()}
    for line in shown.group(1).splitlines():
        if line.strip():
            assert line.strip() in actual, f"the how-to shows {line!r}, the template does not"


def test_a_copied_template_installs_is_listed_and_passes_its_tests(tmp_path: Path) -> None:
    started = time.monotonic()
    folder = tmp_path / "indikator-myregion"
    shutil.copytree(TEMPLATE, folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    make_it_yours(folder)

    try:
        python = _make_venv(tmp_path / "venv")
    except (subprocess.CalledProcessError, OSError) as exc:
        if IN_CI:
            raise
        pytest.skip(f"cannot make a virtual environment here: {exc}")
    if _run([str(python), "-m", "pip", "--version"]).returncode != 0:
        if IN_CI:
            pytest.fail("pip is not available in a new virtual environment")
        pytest.skip("pip is not available in a new virtual environment")

    offline = importlib.util.find_spec("hatchling") is not None
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if offline:
        pip += ["--no-deps", "--no-build-isolation", "--no-index"]
    installed = _run([*pip, str(folder)])
    if installed.returncode != 0:
        if not offline and not IN_CI:
            pytest.skip(f"pip could not build the plugin (no network?): {installed.stderr[-300:]}")
        pytest.fail(f"pip install failed:\n{installed.stdout}\n{installed.stderr}")

    # indikator plugins --json, in that environment (the console script belongs to the
    # parent environment, so run the same entry point with the new interpreter).
    listed = _run([str(python), "-m", "indikator.cli", "plugins", "--json"], cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    infos = {info["name"]: info for info in json.loads(listed.stdout)}
    assert NEW_NAME in infos, f"{NEW_NAME!r} not listed: {sorted(infos)}"
    mine = infos[NEW_NAME]
    assert mine["distribution"] == "indikator-myregion"
    assert "myregion.organic-food" in json.dumps(mine)
    assert not mine.get("problems"), mine.get("problems")
    # The installed copy is the one imported, not the template.
    where = _run([str(python), "-c", f"import {NEW_PACKAGE}; print({NEW_PACKAGE}.__file__)"])
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stdout

    tests = _run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=folder,
    )
    assert tests.returncode == 0, f"the plugin's own tests failed:\n{tests.stdout}\n{tests.stderr}"
    assert re.search(r"\b[1-9]\d* passed\b", tests.stdout), tests.stdout
    assert time.monotonic() - started < 120, "the walk should take well under a minute"
