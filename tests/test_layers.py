"""The core's imports run one way: no module imports, at run time, one that imports it.

Every ``import`` of an ``indikator`` module counts, at module level or inside a function
(a deferred import is still a dependency), except those under ``if TYPE_CHECKING:``,
which only the type checker follows.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_imports(path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name.startswith("indikator"):
                out.add(name)
    return out


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in (SRC / "indikator").rglob("*.py")}
    known = set(files)
    graph = {m: _runtime_imports(p, known) - {m} for m, p in files.items()}
    # importing a.b.c runs a and a.b first: a module depends on its packages' __init__
    for m in graph:
        parts = m.split(".")
        for i in range(1, len(parts)):
            graph[m].discard(".".join(parts[:i]))
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                found.append([*stack[stack.index(n):], n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    return found


def test_the_core_has_no_import_circle() -> None:
    cycles = _cycles(_graph())
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_kernels_know_nothing_of_explanations_or_records() -> None:
    graph = _graph()
    kernels = [m for m in graph if m.startswith("indikator.kernels")]
    for m in kernels:
        allowed = {k for k in kernels} | {"indikator.codes", "indikator.verdict"}
        assert graph[m] <= allowed, (m, graph[m] - allowed)


def test_renderers_only_read_results() -> None:
    graph = _graph()
    for m in (m for m in graph if m.startswith("indikator.render")):
        assert not {"indikator.engine", "indikator.engine.run"} & graph[m], m
