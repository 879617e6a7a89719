"""The distributions, built and installed as someone outside this repository gets them.

Every distribution of the repository (the core, each plugin under ``plugins/``, the
examples with a ``pyproject.toml``) is built with the standard front end,
``python -m build --no-isolation`` (an sdist, then the wheel from that sdist), into one
folder. The runtime dependencies the wheels declare are downloaded into that folder with
pip. A virtual environment is made outside the checkout (in ``tmp_path``), without pip
and without access to any other environment, and the wheels are installed into it from
that folder only (``--no-index --find-links``, no pip configuration, no editable
installs):

1. the core and the plugin template first: the template installs against the core's
   wheel alone and ``indikator plugins`` lists it; ``examples/own-tool`` runs there too;
2. then the bundled plugins: the README's main job (``indikator assess
   examples/vastmanland-2024``) prints the same report as in the checkout, and
   ``indikator plugins --json`` lists the same plugins, versions and all.

The wheels' contents are checked against the source trees: every file of the package
(``py.typed`` and data files included) and nothing else (no tests, no docs).

Preconditions: ``build`` and ``hatchling`` importable here (requirements-dev.txt), a
virtual environment can be made, and pip can download the dependencies (an index or a
local mirror). When one is missing the tests skip saying which; under ``CI=true`` they
fail instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import pytest

from indikator.plugins import BUILTINS_NAME

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CORE = "indikator-core"
TEMPLATE = "indikator-example"
OWN_TOOL = "own-tool-example"

pytestmark = pytest.mark.distribution


def _missing(reason: str) -> None:
    """Skip for a missing precondition, naming it; under CI=true, fail instead."""
    if IN_CI:
        pytest.fail(f"CI=true, but {reason}")
    pytest.skip(reason)


@dataclass(frozen=True)
class Project:
    """A distribution in this repository, as its pyproject.toml declares it."""

    folder: Path
    name: str
    version: str
    packages: tuple[str, ...]  # the folders the wheel ships, e.g. "src/indikator"
    entry_points: dict[str, dict[str, str]]

    @property
    def normalized(self) -> str:
        return re.sub(r"[-_.]+", "_", self.name).lower()


def _projects() -> list[Project]:
    folders = [REPO, *sorted(REPO.glob("plugins/*")), *sorted(REPO.glob("examples/*"))]
    found = []
    for folder in folders:
        pyproject = folder / "pyproject.toml"
        if not pyproject.is_file():
            continue
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        project = data["project"]
        wheel = data["tool"]["hatch"]["build"]["targets"]["wheel"]
        groups = dict(project.get("entry-points", {}))
        if "scripts" in project:
            groups["console_scripts"] = project["scripts"]
        found.append(
            Project(folder, project["name"], project["version"], tuple(wheel["packages"]), groups)
        )
    return found


PROJECTS = _projects()
BY_NAME = {p.name: p for p in PROJECTS}
PLUGINS = [p.name for p in PROJECTS if p.folder.parent.name == "plugins"]


def test_the_repository_holds_the_distributions_this_test_expects() -> None:
    assert {CORE, TEMPLATE, OWN_TOOL} <= set(BY_NAME)
    assert set(PLUGINS) == {"indikator-vastmanland", "indikator-progress-methods"}


# -- building ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder everything is installed from: our wheels and their dependencies."""
    for module in ("build", "hatchling"):
        if importlib.util.find_spec(module) is None:
            _missing(f"{module!r} is not installed here (pip install -r requirements-dev.txt)")
    return tmp_path_factory.mktemp("wheelhouse")


@pytest.fixture(scope="module")
def built(house: Path) -> dict[str, Built]:
    """Every distribution built with ``python -m build --no-isolation`` into the house."""
    out: dict[str, Built] = {}
    for project in PROJECTS:
        done = subprocess.run(
            [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(house),
             str(project.folder)],
            capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, f"building {project.name} failed:\n{done.stderr[-2000:]}"
        stem = f"{project.normalized}-{project.version}"
        sdist, wheel = house / f"{stem}.tar.gz", house / f"{stem}-py3-none-any.whl"
        assert sdist.is_file(), f"no sdist {sdist.name} in {sorted(os.listdir(house))}"
        assert wheel.is_file(), f"no wheel {wheel.name} in {sorted(os.listdir(house))}"
        out[project.name] = Built(sdist, wheel)
    return out


def _metadata(wheel: Path) -> tuple[str, list[str]]:
    """(version, Requires-Dist lines) of a wheel."""
    with zipfile.ZipFile(wheel) as zf:
        [name] = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        message = Parser().parsestr(zf.read(name).decode("utf-8"))
    return message["Version"], message.get_all("Requires-Dist") or []


def _requirement_name(line: str) -> str:
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
    assert match, line
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


@pytest.fixture(scope="module")
def wheelhouse(house: Path, built: dict[str, Built]) -> Path:
    """The house with the runtime dependencies of our wheels downloaded into it."""
    ours = set(BY_NAME)
    wanted = sorted(
        {
            line
            for b in built.values()
            for line in _metadata(b.wheel)[1]
            if "extra ==" not in line and _requirement_name(line) not in ours
        }
    )
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
         "--only-binary=:all:", "--dest", str(house), *wanted],
        capture_output=True, text=True, timeout=300,
    )
    if done.returncode != 0:
        _missing(f"pip cannot download the dependencies {wanted}: {done.stderr.strip()[-500:]}")
    return house


# -- what the wheels and sdists hold -------------------------------------------------------


def _source_files(project: Project) -> set[str]:
    """The files a wheel should ship: everything in the package folders but bytecode."""
    files = set()
    for package in project.packages:
        root = project.folder / package
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.add((Path(root.name) / path.relative_to(root)).as_posix())
    return files


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_the_wheel_ships_the_package_and_nothing_else(name: str, built: dict[str, Built]) -> None:
    project = BY_NAME[name]
    with zipfile.ZipFile(built[name].wheel) as zf:
        names = set(zf.namelist())
    dist_info = f"{project.normalized}-{project.version}.dist-info/"
    shipped = {n for n in names if not n.startswith(dist_info)}
    assert shipped == _source_files(project), "the wheel's files differ from the package's"
    for package in project.packages:
        assert f"{Path(package).name}/py.typed" in shipped, f"{name}: no py.typed"
    data = {n for n in shipped if not n.endswith(".py")}
    assert data >= {f"{Path(p).name}/py.typed" for p in project.packages}
    assert not [n for n in shipped if re.search(r"(^|/)(tests?|docs)/|(^|/)(test_|conftest)", n)]
    assert {f"{dist_info}{n}" for n in ("METADATA", "WHEEL", "RECORD")} <= names


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_the_wheel_declares_the_entry_points_of_its_pyproject(
    name: str, built: dict[str, Built]
) -> None:
    project = BY_NAME[name]
    with zipfile.ZipFile(built[name].wheel) as zf:
        wanted = f"{project.normalized}-{project.version}.dist-info/entry_points.txt"
        text = zf.read(wanted).decode() if wanted in zf.namelist() else ""
    groups: dict[str, dict[str, str]] = {}
    group = ""
    for line in text.splitlines():
        if line.startswith("["):
            group = line.strip("[]")
            groups[group] = {}
        elif "=" in line:
            key, value = (part.strip() for part in line.split("=", 1))
            groups[group][key] = value
    assert groups == project.entry_points


def test_the_core_sdist_holds_the_core_only(built: dict[str, Built]) -> None:
    with tarfile.open(built[CORE].sdist) as tf:
        top = {Path(n).parts[1] for n in tf.getnames() if len(Path(n).parts) > 1}
        files = {Path(*Path(n).parts[1:]).as_posix() for n in tf.getnames()}
    # hatchling adds the .gitignore it read to every sdist
    assert top == {"src", "README.md", "CHANGELOG.md", "LICENSE", "pyproject.toml", "PKG-INFO",
                   ".gitignore"}
    assert {f"src/{f}" for f in _source_files(BY_NAME[CORE])} <= files


@pytest.mark.parametrize("name", [*PLUGINS, TEMPLATE, OWN_TOOL])
def test_a_plugin_depends_on_the_core_with_a_range_that_holds_its_version(
    name: str, built: dict[str, Built]
) -> None:
    from packaging.requirements import Requirement

    _version, requires = _metadata(built[name].wheel)
    [core] = [
        Requirement(r) for r in requires if _requirement_name(r) == CORE and "extra ==" not in r
    ]
    core_version = _metadata(built[CORE].wheel)[0]
    assert core.specifier.contains(core_version), f"{core} excludes the core {core_version}"
    bounds = {spec.operator for spec in core.specifier}
    assert ">=" in bounds, f"{core}: no lower bound"
    assert "<" in bounds, f"{core}: no upper bound (the next-but-one minor may remove names)"


# -- installing outside the checkout -------------------------------------------------------


def _clean_env() -> dict[str, str]:
    """The environment without pip configuration, Python paths or indikator switches."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "PYTHON", "INDIKATOR_", "VIRTUAL_ENV"))
    }
    env["PIP_CONFIG_FILE"] = os.devnull  # no find-links or indexes from configuration
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["COLUMNS"] = "100"
    return env


@dataclass(frozen=True)
class Venv:
    root: Path
    python: Path
    house: Path

    def bin(self, name: str) -> Path:
        return self.root / ("Scripts" if os.name == "nt" else "bin") / name

    def pip(self, *args: str) -> subprocess.CompletedProcess[str]:
        """pip, with no configuration, installing into this environment."""
        if (self.root / "pip-inside").exists():  # made with pip: an older pip here
            command = [str(self.python), "-m", "pip"]
        else:  # made without pip: this pip installs into it (pip >= 22.3)
            command = [sys.executable, "-m", "pip", "--python", str(self.python)]
        return subprocess.run(
            [*command, "--disable-pip-version-check", *args],
            capture_output=True, text=True, env=_clean_env(), timeout=300,
        )

    def install(self, *names: str) -> None:
        done = self.pip("install", "-q", "--no-index", "--find-links", str(self.house), *names)
        assert done.returncode == 0, f"installing {names} failed:\n{done.stderr[-2000:]}"

    def run(self, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args], capture_output=True, text=True, cwd=cwd,
            env=_clean_env(), timeout=120,
        )

    def installed(self) -> dict[str, str]:
        listed = self.run(self.python, "-c", _LIST_DISTRIBUTIONS, cwd=self.root)
        assert listed.returncode == 0, listed.stderr
        return dict(json.loads(listed.stdout))


def _make_venv(root: Path, house: Path) -> Venv:
    """A fresh virtual environment (no system packages), without pip where possible."""
    from pip import __version__ as pip_version

    with_pip = tuple(int(p) for p in pip_version.split(".")[:2]) < (22, 3)
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", *([] if with_pip else ["--without-pip"]), str(root)],
            check=True, capture_output=True, timeout=120,
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        _missing(f"cannot make a virtual environment: {exc}")
    if with_pip:
        (root / "pip-inside").touch()
    return Venv(root, root / ("Scripts/python.exe" if os.name == "nt" else "bin/python"), house)


_LIST_DISTRIBUTIONS = (
    "import json, importlib.metadata as m; "
    "print(json.dumps(sorted((d.metadata['Name'].lower(), d.version) for d in m.distributions())))"
)


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder outside the checkout, with a copy of the README's dataset."""
    root = tmp_path_factory.mktemp("outside")
    assert not root.resolve().is_relative_to(REPO), "tmp_path lies inside the checkout"
    shutil.copytree(REPO / "examples" / "vastmanland-2024", root / "examples" / "vastmanland-2024")
    return root


@pytest.fixture(scope="module")
def venv(wheelhouse: Path, outside: Path) -> Venv:
    """A fresh virtual environment outside the checkout, installing from the wheelhouse."""
    return _make_venv(outside / "venv", wheelhouse)


def test_nothing_is_installed_from_outside_the_folder(
    built: dict[str, Built], tmp_path: Path
) -> None:
    """Without its dependencies in the folder, the core does not install: no index is used."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(built[CORE].wheel, alone)
    venv = _make_venv(tmp_path / "venv", alone)
    done = venv.pip("install", "-q", "--no-index", "--find-links", str(alone), CORE)
    assert done.returncode != 0
    assert "No matching distribution" in done.stderr, done.stderr


def _plugins_json(output: str) -> list[dict[str, object]]:
    records: list[dict[str, object]] = json.loads(output)
    return sorted(records, key=lambda r: str(r["name"]))


def _checkout(*args: str) -> subprocess.CompletedProcess[str]:
    """The same command in the checkout, with the interpreter running these tests."""
    return subprocess.run(
        [sys.executable, "-m", "indikator", *args], capture_output=True, text=True, cwd=REPO,
        env=_clean_env(), timeout=120,
    )


def _readme_job() -> list[str]:
    """The README's main job, ``indikator assess ...``, as its words."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\.venv/bin/(indikator assess [^\n`&|;]+)", readme)
    assert match, "README.md shows `.venv/bin/indikator assess ...`"
    return match.group(1).split()


@pytest.fixture(scope="module")
def core_and_template(venv: Venv) -> Venv:
    """Step 1: the core, the plugin template and the own-tool example, nothing else."""
    venv.install(CORE, TEMPLATE, OWN_TOOL)
    return venv


def test_the_template_installs_against_the_core_wheel_alone(
    core_and_template: Venv, built: dict[str, Built], outside: Path
) -> None:
    venv = core_and_template
    installed = venv.installed()
    assert installed[CORE] == BY_NAME[CORE].version
    assert installed[TEMPLATE] == BY_NAME[TEMPLATE].version
    assert not set(PLUGINS) & set(installed), "only the core and the template are installed"
    listed = venv.run(venv.bin("indikator"), "plugins", "--json", cwd=outside)
    assert listed.returncode == 0, listed.stderr
    records = {r["name"]: r for r in _plugins_json(listed.stdout)}
    assert set(records) == {BUILTINS_NAME, "example"}
    assert records["example"]["distribution"] == TEMPLATE
    assert records["example"]["version"] == BY_NAME[TEMPLATE].version
    assert records["example"]["problems"] == []
    assert records[BUILTINS_NAME]["version"] == _metadata(built[CORE].wheel)[0]


def test_the_installed_package_is_the_wheel_not_the_checkout(
    core_and_template: Venv, outside: Path
) -> None:
    venv = core_and_template
    where = venv.run(venv.python, "-c", "import indikator; print(indikator.__file__)", cwd=outside)
    assert where.returncode == 0, where.stderr
    location = Path(where.stdout.strip()).resolve()
    assert location.is_relative_to(venv.root.resolve()), location
    assert not location.is_relative_to(REPO)


def test_version_and_python_m_come_from_the_installed_metadata(
    core_and_template: Venv, outside: Path
) -> None:
    venv = core_and_template
    version = BY_NAME[CORE].version
    by_module = venv.run(venv.python, "-m", "indikator", "--version", cwd=outside)
    by_script = venv.run(venv.bin("indikator"), "--version", cwd=outside)
    assert by_module.returncode == by_script.returncode == 0, by_module.stderr
    assert by_module.stdout.split() == by_script.stdout.split() == ["indikator", version]
    attribute = venv.run(venv.python, "-c", "import indikator; print(indikator.__version__)",
                         cwd=outside)
    assert attribute.stdout.strip() == version
    # python -m indikator is the command: the same exit status and message on bad input.
    bad = venv.run(venv.python, "-m", "indikator", "validate", "no-such-folder", cwd=outside)
    assert bad.returncode == 2, bad.stderr
    assert "no-such-folder" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_the_own_tool_example_runs_against_the_installed_core(
    core_and_template: Venv, outside: Path
) -> None:
    venv = core_and_template
    done = venv.run(venv.bin("own-tool"), "--lang", "en", cwd=outside)
    assert done.returncode == 0, done.stderr
    here = subprocess.run(
        [sys.executable, "-c", "import own_tool; own_tool.main(['--lang', 'en'])"],
        capture_output=True, text=True, cwd=REPO, env=_clean_env(), timeout=120,
    )
    assert here.returncode == 0, here.stderr
    assert done.stdout == here.stdout
    assert len(done.stdout.splitlines()) == 3


@pytest.fixture(scope="module")
def everything(core_and_template: Venv) -> Venv:
    """Step 2: the bundled plugins as well."""
    core_and_template.install(*PLUGINS)
    return core_and_template


def test_the_readme_job_prints_the_same_report_as_the_checkout(
    everything: Venv, outside: Path
) -> None:
    command, *args = _readme_job()
    assert command == "indikator"
    there = everything.run(everything.bin(command), *args, cwd=outside)
    here = _checkout(*args)
    assert here.returncode == 0, here.stderr
    assert there.returncode == 0, there.stderr
    assert there.stdout.strip(), "the report is empty"
    assert there.stdout == here.stdout
    assert there.stderr == here.stderr


def test_the_plugins_listed_are_the_same_as_in_the_checkout(
    everything: Venv, outside: Path
) -> None:
    installed = everything.installed()
    for name in [CORE, TEMPLATE, *PLUGINS]:
        assert installed[name] == BY_NAME[name].version, name
    there = everything.run(everything.bin("indikator"), "plugins", "--json", cwd=outside)
    here = _checkout("plugins", "--json")
    assert there.returncode == 0, there.stderr
    assert here.returncode == 0, here.stderr
    listed = _plugins_json(there.stdout)
    assert listed == _plugins_json(here.stdout)
    versions = {r["distribution"]: r["version"] for r in listed}
    assert versions == {name: BY_NAME[name].version for name in [CORE, TEMPLATE, *PLUGINS]}
