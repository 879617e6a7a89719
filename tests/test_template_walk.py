"""A new plugin author's path, walked literally as docs/how-to/indicator-plugin.md tells it.

The walk reads the how-to and does what it says, in a temporary folder holding a copy of
``examples/plugin-template``:

1. and 2. the ``$`` commands of the console blocks under "1. Copy the template" and
   "2. Make it yours" run as shown, in one shell (``cp``, ``cd``, ``mv``, the renaming
   command);
3. and 5. every block with a ``title="path"`` (a file the reader writes: the plugin
   module of step 3, the verdict tests of step 5) is written to that path;
4. the plugin is installed (``pip install -e .``) into a fresh virtual environment, and
   ``indikator plugins`` prints the lines step 4 shows for it;
5. ``pytest`` passes in the plugin's folder.

The virtual environment is made from the running interpreter with
``--system-site-packages``; when that interpreter is itself a virtual environment (the
usual case), a ``.pth`` file adds its site-packages as well, so indikator and pytest are
found. With hatchling importable the plugin is installed offline
(``--no-deps --no-build-isolation``); otherwise pip builds it in isolation, which needs
the network: outside CI the test then skips with the reason, under ``CI=true`` it fails.
The shell steps need ``bash`` and ``perl`` (as the how-to's commands do).
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

# The names the how-to renames, and what it renames them to.
OLD_PACKAGE, NEW_PACKAGE = "indikator_example", "indikator_myregion"
OLD_NAME, NEW_NAME = "example", "myregion"
FOLDER = "indikator-myregion"

pytestmark = pytest.mark.skipif(
    not TEMPLATE.is_dir(), reason="examples/plugin-template/ is not in this checkout"
)

_FENCE = re.compile(r"^```(?P<lang>\w*)(?P<info>[^\n]*)\n(?P<body>.*?)^```\s*$", re.S | re.M)
_TITLE = re.compile(r'title="(?P<title>[^"]*)"')


def _sections() -> dict[str, str]:
    """The how-to's sections by heading (``## 1. Copy the template`` -> its text)."""
    text = HOWTO.read_text(encoding="utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _section(prefix: str) -> str:
    found = [text for title, text in _sections().items() if title.startswith(prefix)]
    assert len(found) == 1, f"the how-to has one section starting {prefix!r}"
    return found[0]


def _commands(section: str) -> list[str]:
    """The ``$`` command lines of a section's console blocks, in order."""
    return [
        line[2:]
        for m in _FENCE.finditer(section)
        if m["lang"] == "console"
        for line in m["body"].splitlines()
        if line.startswith("$ ")
    ]


def _written_files() -> dict[str, str]:
    """The files the how-to asks the reader to write: title -> content, in order."""
    text = HOWTO.read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for m in _FENCE.finditer(text):
        title = _TITLE.search(m["info"])
        if title and title["title"] != "Output":
            out[title["title"]] = m["body"]
    return out


def _shell_or_skip() -> str:
    bash, perl = shutil.which("bash"), shutil.which("perl")
    if bash is None or perl is None:
        if IN_CI:
            pytest.fail("the how-to's commands need bash and perl")
        pytest.skip("the how-to's commands need bash and perl")
    return bash


def steps_1_and_2(root: Path) -> Path:
    """Run the how-to's commands of steps 1 and 2 in ``root``; return the plugin folder.

    ``root`` gets a copy of ``examples/plugin-template`` (as in a checkout of the
    repository), then the commands run as shown, in one shell so that ``cd`` holds.
    """
    bash = _shell_or_skip()
    shutil.copytree(
        TEMPLATE,
        root / "examples" / "plugin-template",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache"),
    )
    commands = _commands(_section("1.")) + _commands(_section("2."))
    assert commands, "the how-to shows the commands of steps 1 and 2"
    script = "set -eu\n" + "\n".join(commands) + "\n"
    done = subprocess.run(
        [bash, "-c", script], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, f"steps 1-2 failed:\n{script}\n{done.stderr}"
    return root / FOLDER


def steps_3_and_5_files(folder: Path) -> list[str]:
    """Write the files the how-to shows with a title (the module, the verdict tests)."""
    written = _written_files()
    for title, content in written.items():
        target = (folder / title).resolve()
        assert target.is_relative_to(folder.resolve()), title
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return list(written)


def _sources(folder: Path) -> list[Path]:
    return [folder / "pyproject.toml", *folder.glob("src/**/*.py"), *folder.glob("tests/**/*.py")]


def test_the_howto_walks_this_path() -> None:
    """The how-to shows the steps this test takes (so the two cannot drift apart)."""
    text = HOWTO.read_text(encoding="utf-8")
    assert _commands(_section("1."))[0] == f"cp -r examples/plugin-template {FOLDER}"
    assert any(c.startswith("perl ") for c in _commands(_section("2.")))
    assert _commands(_section("4.")) == ["pip install -e .", "indikator plugins"]
    assert "pytest" in _commands(_section("5."))
    assert set(_written_files()) == {f"src/{NEW_PACKAGE}/__init__.py", "tests/test_verdicts.py"}
    assert 'myregion = "indikator_myregion"' in text


def test_the_template_has_no_other_example_word_inside_a_name() -> None:
    """Even a plain (not whole-word) replacement renames nothing it should not.

    Every ``example`` in the files the how-to renames is the word itself or part of the
    package name, never inside another name (as hypothesis's ``max_examples`` would be).
    """
    for path in _sources(TEMPLATE):
        words = set(re.findall(r"[\w-]*example[\w-]*", path.read_text(encoding="utf-8")))
        allowed = {OLD_NAME, OLD_PACKAGE, f"indikator-{OLD_NAME}", f"{OLD_NAME}-programme"}
        assert words <= allowed, f"{path.relative_to(TEMPLATE)}: {sorted(words - allowed)}"


def test_renaming_as_shown_leaves_no_old_name_behind(tmp_path: Path) -> None:
    folder = steps_1_and_2(tmp_path)
    assert (folder / "src" / NEW_PACKAGE / "__init__.py").is_file()
    assert not (folder / "src" / OLD_PACKAGE).exists()
    for path in _sources(folder):
        text = path.read_text(encoding="utf-8")
        assert OLD_PACKAGE not in text, path
        assert not re.search(r"\bexample\b", text), path
    pyproject = (folder / "pyproject.toml").read_text(encoding="utf-8")
    assert not re.search(r"\bAn myregion\b", pyproject), "renaming leaves grammatical text"


def test_the_pyproject_shown_in_the_howto_is_what_renaming_gives(tmp_path: Path) -> None:
    shown = re.search(r"```toml\n(\[project\]\n.*?)```", _section("2."), re.S)
    assert shown is not None, "the how-to shows the renamed pyproject.toml"
    folder = steps_1_and_2(tmp_path)
    actual = {line.strip() for line in (folder / "pyproject.toml").read_text().splitlines()}
    for line in shown.group(1).splitlines():
        if line.strip():
            assert line.strip() in actual, f"the how-to shows {line!r}, the template does not"


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


def _shown_listing() -> list[list[str]]:
    """The lines step 4 shows ``indikator plugins`` printing for the plugin, as words."""
    [block] = [m["body"] for m in _FENCE.finditer(_section("4.")) if m["lang"] == "console"]
    lines = block.splitlines()
    after = lines[lines.index("$ indikator plugins") + 1 :]
    return [line.split() for line in after if line.strip() and line.strip() != "..."]


def test_the_walk_installs_lists_and_passes_its_tests(tmp_path: Path) -> None:
    started = time.monotonic()
    folder = steps_1_and_2(tmp_path)
    steps_3_and_5_files(folder)

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

    # Step 4: pip install -e . (offline when hatchling is at hand).
    offline = importlib.util.find_spec("hatchling") is not None
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if offline:
        pip += ["--no-deps", "--no-build-isolation", "--no-index"]
    installed = _run([*pip, "-e", "."], cwd=folder)
    if installed.returncode != 0:
        if not offline and not IN_CI:
            pytest.skip(f"pip could not build the plugin (no network?): {installed.stderr[-300:]}")
        pytest.fail(f"pip install failed:\n{installed.stdout}\n{installed.stderr}")

    # `indikator plugins` in that environment (the console script belongs to the parent
    # environment, so run the same entry point with the new interpreter): every line the
    # how-to shows is printed.
    listed = _run([str(python), "-m", "indikator.cli", "plugins"], cwd=folder)
    assert listed.returncode == 0, listed.stderr
    printed = [line.split() for line in listed.stdout.splitlines()]
    for words in _shown_listing():
        assert words in printed, f"step 4 shows {' '.join(words)!r}:\n{listed.stdout}"
    assert not [w for w in listed.stderr.splitlines() if NEW_NAME in w], listed.stderr
    as_json = _run([str(python), "-m", "indikator.cli", "plugins", "--json"], cwd=folder)
    mine = {info["name"]: info for info in json.loads(as_json.stdout)}[NEW_NAME]
    assert mine["distribution"] == FOLDER
    assert mine["problems"] == []
    # The copy in the plugin's folder is the one imported, not the template.
    where = _run([str(python), "-c", f"import {NEW_PACKAGE}; print({NEW_PACKAGE}.__file__)"])
    assert Path(where.stdout.strip()).resolve().is_relative_to(folder.resolve()), where.stdout

    # Step 5: pytest, in the plugin's folder.
    tests = _run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
    )
    assert tests.returncode == 0, f"the plugin's own tests failed:\n{tests.stdout}\n{tests.stderr}"
    passed = re.search(r"\b(\d+) passed\b", tests.stdout)
    assert passed is not None, tests.stdout
    # The four kept tests of test_plugin.py and the three verdicts of step 5.
    assert int(passed[1]) == 7, tests.stdout
    assert time.monotonic() - started < 120, "the walk should take well under a minute"
