"""Every example in the documentation runs, and the site builds in strict mode.

The pages are run as a reader would go through them, one namespace per page, top to
bottom, in a fresh temporary folder (with ``examples/`` of this repository beside it):

* a ```` ```python ```` block is executed; a ```` ```text title="Output" ```` block right
  after it is the output it must print (``...`` stands for any text), and in README.md a
  run of ``# `` comment lines right after the block's last ``print(...)`` is that output;
* a fenced block with ``title="some/path"`` (a file the reader is asked to write) is
  written to that path, so later blocks can read it;
* a ```` ```console ```` block's ``$ indikator ...`` lines are run through
  :func:`indikator.cli.main`; the lines shown after a command are its output (stdout and
  stderr) and are compared. ``<!-- docs-test: exit N -->`` before the block says the
  commands exit with status N (0 otherwise). Other commands (``pip``, ``pytest``) are
  shown, not run: the plugin template's path is walked by tests/test_template_walk.py;
* ``<!-- docs-test: skip: REASON -->`` before a block skips it; the reason is required
  and is reported by pytest.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import shlex
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"

FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*(?P<what>skip|exit)\s*:?\s*(?P<arg>.*?)\s*-->\s*$")
TITLE = re.compile(r'title="(?P<title>[^"]*)"')


@dataclass
class Block:
    """One fenced block of a page."""

    page: str
    line: int
    lang: str
    title: str | None
    code: str
    skip: str | None = None
    exit_status: int = 0
    output: str | None = None  # the expected output of a python block
    extra: dict[str, str] = field(default_factory=dict)


def parse_blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, with their markers and titles."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rel = path.relative_to(REPO).as_posix() if REPO in path.parents else path.name
    blocks: list[Block] = []
    pending: dict[str, str] = {}
    i = 0
    while i < len(lines):
        marker = MARKER.match(lines[i])
        if marker:
            pending[marker["what"]] = marker["arg"]
            i += 1
            continue
        m = FENCE.match(lines[i])
        if not m:
            if lines[i].strip():
                pending = {}
            i += 1
            continue
        indent, fence, info = len(m["indent"]), m["fence"], m["info"].strip()
        lang = info.split()[0] if info else ""
        title_match = TITLE.search(info)
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        block = Block(
            page=rel,
            line=i + 1,
            lang=lang,
            title=title_match["title"] if title_match else None,
            code="\n".join(body) + "\n",
        )
        if "skip" in pending:
            block.skip = pending["skip"]
        if "exit" in pending:
            block.exit_status = int(pending["exit"])
        pending = {}
        blocks.append(block)
        i = j + 1
    # An output block belongs to the python block before it.
    out: list[Block] = []
    for block in blocks:
        if block.title == "Output" and out and out[-1].lang == "python":
            out[-1].output = block.code
            continue
        out.append(block)
    return out


def readme_blocks() -> list[Block]:
    """README.md's python blocks, with output shown as comments after the last print."""
    blocks = [b for b in parse_blocks(REPO / "README.md") if b.lang == "python"]
    for block in blocks:
        lines = block.code.rstrip("\n").split("\n")
        tail: list[str] = []
        while lines and lines[-1].startswith("# "):
            tail.insert(0, lines.pop()[2:])
        if tail and lines and "print(" in lines[-1]:
            block.output = "\n".join(tail) + "\n"
    return blocks


def doc_pages() -> list[Path]:
    """Every page of the site (the build-support folder is not a page)."""
    return sorted(p for p in DOCS.rglob("*.md") if "_support" not in p.parts)


def _runnable(block: Block) -> bool:
    if block.title is not None and block.title != "Output":
        return True
    if block.lang == "python":
        return True
    if block.lang == "console":
        return any(line.startswith("$ indikator") for line in block.code.splitlines())
    return False


def _checker_matches(want: str, got: str) -> bool:
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    return checker.check_output(want, got, flags)


def _compare(block: Block, what: str, want: str, got: str) -> None:
    want = "\n".join(line.rstrip() for line in want.strip("\n").splitlines()) + "\n"
    got = "\n".join(line.rstrip() for line in got.strip("\n").splitlines()) + "\n"
    if not _checker_matches(want, got):
        pytest.fail(
            f"{block.page}:{block.line}: {what} printed\n{textwrap.indent(got, '    ')}\n"
            f"but the page shows\n{textwrap.indent(want, '    ')}",
            pytrace=False,
        )


def _console_commands(code: str) -> Iterator[tuple[str, str]]:
    """(command, shown output) pairs of a console block."""
    command: str | None = None
    shown: list[str] = []
    for line in code.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, "\n".join(shown)
            command, shown = line[2:], []
        elif command is not None:
            shown.append(line)
    if command is not None:
        yield command, "\n".join(shown)


def run_python(block: Block, namespace: dict[str, object]) -> None:
    """Execute a python block in the page's namespace and check its output."""
    buffer = io.StringIO()
    code = compile(block.code, f"{block.page}:{block.line}", "exec")
    with contextlib.redirect_stdout(buffer):
        exec(code, namespace)
    if block.output is not None:
        _compare(block, "the block", block.output, buffer.getvalue())


def run_console(block: Block) -> None:
    """Run a console block's ``indikator`` commands and check what they print."""
    from indikator.cli import main

    for command, shown in _console_commands(block.code):
        argv = shlex.split(command, comments=True)
        if not argv or argv[0] != "indikator":
            continue
        out, err = io.StringIO(), io.StringIO()
        # help texts are shown wrapped at 80 columns, reports at the table's default 100
        columns = "80" if "--help" in argv else "100"
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                _environ(COLUMNS=columns):
            try:
                status = main(argv[1:])
            except SystemExit as exc:  # --help and --version exit through argparse
                status = exc.code if isinstance(exc.code, int) else 1
        if status != block.exit_status:
            pytest.fail(
                f"{block.page}:{block.line}: `{command}` exited with {status}, "
                f"expected {block.exit_status}\n{out.getvalue()}{err.getvalue()}",
                pytrace=False,
            )
        if shown.strip():
            _compare(block, f"`{command}`", shown, out.getvalue() + err.getvalue())


@contextlib.contextmanager
def _environ(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_file(block: Block, root: Path) -> None:
    """Write a titled block (a file the reader writes) under ``root``."""
    assert block.title is not None
    target = (root / block.title).resolve()
    assert root.resolve() in target.parents, f"{block.page}:{block.line}: path leaves the folder"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(block.code, encoding="utf-8")


def run_page(blocks: list[Block], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Run a page's blocks in order; return the skip reasons met."""
    from indikator.plugins import reset_plugin_manager

    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("INDIKATOR_DISABLE_PLUGINS", "INDIKATOR_DISABLE_PLUGIN_AUTOLOAD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")  # help texts wrap as shown in the docs
    reset_plugin_manager()
    namespace: dict[str, object] = {"__name__": "__docs__"}
    skipped: list[str] = []
    try:
        for block in blocks:
            if block.skip is not None:
                assert block.skip.strip(), f"{block.page}:{block.line}: a skip needs a reason"
                skipped.append(f"{block.page}:{block.line}: {block.skip}")
                continue
            if block.title is not None:
                run_file(block, tmp_path)
            elif block.lang == "python":
                run_python(block, namespace)
            elif block.lang == "console":
                run_console(block)
    finally:
        reset_plugin_manager()
        _forget_modules_under(tmp_path)
    return skipped


def _forget_modules_under(root: Path) -> None:
    """Drop modules a page imported from its own folder (the next page may reuse names)."""
    base = str(root.resolve())
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None) or ""
        if where and str(Path(where).resolve()).startswith(base):
            del sys.modules[name]


PAGES = [p for p in doc_pages() if any(_runnable(b) for b in parse_blocks(p))]


SKIPPED = [b for p in doc_pages() for b in parse_blocks(p) if b.skip is not None]


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_page(parse_blocks(page), tmp_path, monkeypatch)


@pytest.mark.parametrize(
    "block", SKIPPED, ids=[f"{b.page.removeprefix('docs/')}:{b.line}" for b in SKIPPED]
)
def test_skipped_block(block: Block) -> None:
    """Each block the docs mark as not run shows up as a skip, with its reason."""
    assert block.skip is not None
    assert block.skip.strip(), f"{block.page}:{block.line}: a skip needs a reason"
    pytest.skip(f"{block.page}:{block.line} not run: {block.skip}")


def test_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = readme_blocks()
    assert blocks, "README.md has a python example"
    run_page(blocks, tmp_path, monkeypatch)


def test_every_python_and_console_block_is_run() -> None:
    """Nothing executable hides behind an unknown fence: python blocks are python."""
    for page in doc_pages():
        for block in parse_blocks(page):
            if block.lang in {"py", "python3", "pycon", "shell-session"}:
                pytest.fail(f"{block.page}:{block.line}: use ```python or ```console")


# -- the pieces above are tested too: a broken checker would pass everything ------------


def test_the_runner_notices_wrong_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.md"
    page.write_text('```python\nprint(1 + 1)\n```\n\n```text title="Output"\n3\n```\n')
    blocks = parse_blocks(page)
    with pytest.raises(pytest.fail.Exception, match="the page shows"):
        run_page(blocks, tmp_path / "run", monkeypatch)


def test_the_runner_checks_cli_output_and_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "<!-- docs-test: exit 2 -->\n```console\n$ indikator validate no-such-folder\n"
        "...no such dataset folder...\n```\n"
    )
    blocks = parse_blocks(page)
    assert blocks[0].exit_status == 2
    run_page(blocks, tmp_path / "run", monkeypatch)  # passes: status 2 and the message
    blocks[0].exit_status = 0
    with pytest.raises(pytest.fail.Exception, match="exited with 2"):
        run_page(blocks, tmp_path / "run2", monkeypatch)


# -- the site ------------------------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if key == "id" and value:
                self.ids.add(value)


def _load_hooks() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("_docs_hooks", DOCS / "_support" / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once with ``mkdocs build --strict``."""
    try:
        import material  # type: ignore[import-untyped]  # noqa: F401
        import mkdocs  # noqa: F401
        import mkdocstrings  # noqa: F401
    except ImportError as exc:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI=true but the docs toolchain is missing: {exc}")
        pytest.skip(f"mkdocs-material / mkdocstrings not installed ({exc.name})")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return out


def _site_ids(site: Path) -> set[str]:
    parser = _Ids()
    for page in site.rglob("*.html"):
        if page.is_file():  # not the folder of a module named *.html (indikator.render.html)
            parser.feed(page.read_text(encoding="utf-8"))
    return parser.ids


def test_site_builds_strict_with_a_page_per_public_module(site: Path) -> None:
    hooks = _load_hooks()
    modules = hooks.public_modules(REPO / "src")  # type: ignore[attr-defined]
    assert "indikator.hookspecs" in modules
    assert "indikator" in modules
    for module in modules:
        assert (site / "reference" / "api" / module / "index.html").is_file(), module
    assert (site / "formats" / "index.html").is_file()


def test_every_public_name_and_every_hook_is_documented(site: Path) -> None:
    """Each name in a public module's ``__all__`` has an anchor where it is defined."""
    import importlib

    hooks = _load_hooks()
    ids = _site_ids(site)
    missing = []
    modules = hooks.public_modules(REPO / "src")  # type: ignore[attr-defined]
    for module in modules:
        names = getattr(importlib.import_module(module), "__all__", [])
        for name in names:
            if name.startswith("_"):
                continue
            home = hooks.canonical(REPO / "src", f"{module}.{name}")  # type: ignore[attr-defined]
            if f"{module}.{name}" not in ids and home not in ids:
                missing.append(f"{module}.{name}")
    assert not missing, f"not in the API reference: {missing}"
    import indikator.hookspecs as hs

    hook_names = [n for n in dir(hs) if n.startswith("indikator_")]
    assert len(hook_names) >= 5
    for name in hook_names:
        assert f"indikator.hookspecs.{name}" in ids, name


def test_docs_toolchain_is_in_the_dev_requirements() -> None:
    text = (REPO / "requirements-dev.txt").read_text(encoding="utf-8")
    for needed in ("mkdocs-material", "mkdocstrings[python]"):
        assert needed in text, needed


def test_nav_lists_every_page() -> None:
    """Every hand-written page is in mkdocs.yml's nav (no page only reachable by URL)."""
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for page in doc_pages():
        rel = page.relative_to(DOCS).as_posix()
        assert rel in nav, f"{rel} is not in the nav of mkdocs.yml"


def test_docstrings_render_as_markdown(site: Path) -> None:
    """No reStructuredText role, literal-block marker or raw fence leaks into the pages."""
    role = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):`")
    for page in (site / "reference").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert not role.search(html), f"{page}: an rST role was not converted"
        assert "```" not in html, f"{page}: a code fence was not rendered"
