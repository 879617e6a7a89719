"""MkDocs hooks: one API reference page per public module of :mod:`indikator`.

The modules are found in ``src/indikator`` when the site is built, so a module that
lands is in the reference at once (its docstrings are the page), and a module that goes
away leaves no broken link. A module is public when no part of its dotted name starts
with an underscore.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

PACKAGE = "indikator"
API_DIR = "reference/api"
MARKER = "<!-- api-modules -->"
NAMES_MARKER = "<!-- public-names -->"
DEPRECATIONS_MARKER = "<!-- deprecations -->"

# Reading order of the reference: the user's way in first, internals last.
ORDER = (
    "indikator",
    "indikator.model",
    "indikator.verdict",
    "indikator.engine",
    "indikator.strategies",
    "indikator.strategies.vs_base",
    "indikator.strategies.trajectory",
    "indikator.strategies.own_target",
    "indikator.strategies.text",
    "indikator.strategies.composite",
    "indikator.strategies.kernels",
    "indikator.rollup",
    "indikator.units",
    "indikator.series",
    "indikator.io",
    "indikator.report",
    "indikator.render",
    "indikator.hookspecs",
    "indikator.provides",
    "indikator.plugins",
    "indikator.builtins",
    "indikator.testing",
    "indikator.errors",
    "indikator.cli",
)


def public_modules(src: Path) -> list[str]:
    """Dotted names of the public modules under ``src/indikator``, in reading order."""
    root = src / PACKAGE
    found: set[str] = set()
    for path in root.rglob("*.py"):
        rel = path.relative_to(src).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts[-1] == "__main__" or any(p.startswith("_") for p in parts):
            continue
        # Only modules Python can import: every package on the way has an __init__.py.
        if any(not (d / "__init__.py").exists() for d in path.parents if root in (d, *d.parents)):
            continue
        found.add(".".join(parts))
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(found, key=lambda n: (rank.get(n, len(ORDER)), n))


def _summary(src: Path, module: str) -> str:
    """The first line of a module's docstring, read without importing it."""
    base = src / Path(*module.split("."))
    path = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    try:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    except (OSError, SyntaxError):
        return ""
    first = doc.strip().split("\n\n")[0]
    first = re.sub(r":[a-z]+:`~?([^`]+)`", r"`\1`", first)
    return " ".join(first.split())


def _module_file(src: Path, module: str) -> Path:
    base = src / Path(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _imports(src: Path, module: str) -> tuple[dict[str, str], list[str], set[str]]:
    """A module's imported names (name -> where from), its ``__all__`` and local names."""
    path = _module_file(src, module)
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return {}, [], set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    imported: dict[str, str] = {}
    exported: list[str] = []
    local: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = parts[: len(parts) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                imported[alias.asname or alias.name] = f"{base}.{alias.name}"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            local.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    local.add(target.id)
                    if target.id == "__all__" and isinstance(node.value, (ast.List, ast.Tuple)):
                        exported = [
                            e.value
                            for e in node.value.elts
                            if isinstance(e, ast.Constant) and isinstance(e.value, str)
                        ]
    return imported, exported, local


def canonical(src: Path, path: str, _depth: int = 0) -> str:
    """Follow re-exports from ``indikator`` modules to where a name is defined."""
    module, _, name = path.rpartition(".")
    if _depth > 10 or not module.startswith(PACKAGE):
        return path
    imported, _all, _local = _imports(src, module)
    if name in imported and imported[name].startswith(PACKAGE):
        return canonical(src, imported[name], _depth + 1)
    return path


def _reexports(src: Path, module: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The names a module defines itself and the names it re-exports (with their home)."""
    imported, exported, _local = _imports(src, module)
    own: list[str] = []
    again: list[tuple[str, str]] = []
    for name in exported:
        if name in imported and imported[name].startswith(PACKAGE):
            home = canonical(src, imported[name])
            if any(part.startswith("_") for part in home.split(".")):
                own.append(name)  # defined in a private module: documented here
            else:
                again.append((name, home))
        elif name != "__all__":
            own.append(name)
    return own, again


def _src(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "src"


def _page(module: str) -> str:
    return f"{API_DIR}/{module}.md"


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    """Append a page per public module to the "Reference" section of the nav."""
    modules = public_modules(_src(config))
    for item in config.nav or []:
        if isinstance(item, dict) and "Reference" in item:
            item["Reference"].extend({m: _page(m)} for m in modules)
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    """Add the generated module pages."""
    src = _src(config)
    for module in public_modules(src):
        files.append(File.generated(config, _page(module), content=page_source(src, module)))
    return files


def page_source(src: Path, module: str) -> str:
    """The Markdown of a module's reference page.

    A module that re-exports names from elsewhere (the package root, ``strategies``)
    documents only what it defines itself and links each re-exported name to the page
    where it is defined, so every object is documented exactly once.
    """
    own, again = _reexports(src, module)
    lines = [f"::: {module}", "    options:", "      heading_level: 1"]
    lines.append("      show_submodules: false")
    if again:
        lines.append(f"      members: [{', '.join(own)}]" if own else "      members: false")
        lines += ["", "## Re-exported names", "", "| name | defined in |", "|---|---|"]
        for name, home in again:
            lines.append(f"| [`{module}.{name}`][{home}] | `{home.rpartition('.')[0]}` |")
    return "\n".join(lines) + "\n"


def public_names_markdown(src: Path) -> str:
    """A section per public module listing its ``__all__``, each name linked to its docs."""
    out: list[str] = []
    for module in public_modules(src):
        _imported, exported, _local = _imports(src, module)
        links = []
        for name in sorted(exported, key=str.lower):
            home = canonical(src, f"{module}.{name}")
            if name.startswith("_"):
                links.append(f"`{module}.{name}`")
            elif any(part.startswith("_") for part in home.split(".")):
                links.append(f"[`{name}`][{module}.{name}]")
            else:
                links.append(f"[`{name}`][{home}]")
        out += [f"## `{module}`", "", _summary(src, module), ""]
        out += [", ".join(links) if links else "(no public names)", ""]
    return "\n".join(out)


def deprecations_markdown() -> str:
    """The deprecation registry as a table (or a sentence when it is empty)."""
    from indikator._deprecations import DEPRECATIONS

    if not DEPRECATIONS:
        return "No public name is deprecated at present."
    rows = ["| name | deprecated since | removed in | use instead |", "|---|---|---|---|"]
    for d in DEPRECATIONS:
        rows.append(f"| `{d.qualified}` | {d.since} | {d.removed_in} | {d.use_instead} |")
    return "\n".join(rows)


def on_page_markdown(
    markdown: str, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
) -> str:
    """Expand the markers: the module table, the public names, the deprecations."""
    if NAMES_MARKER in markdown:
        markdown = markdown.replace(NAMES_MARKER, public_names_markdown(_src(config)))
    if DEPRECATIONS_MARKER in markdown:
        markdown = markdown.replace(DEPRECATIONS_MARKER, deprecations_markdown())
    if MARKER not in markdown:
        return markdown
    src = _src(config)
    here = Path(page.file.src_uri).parent
    rows = ["| module | what it holds |", "|---|---|"]
    for module in public_modules(src):
        link = Path(_page(module)).relative_to(here).as_posix()
        rows.append(f"| [`{module}`]({link}) | {_summary(src, module)} |")
    return markdown.replace(MARKER, "\n".join(rows))
