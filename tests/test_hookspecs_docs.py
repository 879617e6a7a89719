"""Every hook is documented: a docstring with the version it appeared in and an example
implementation that parses as Python, implements that very hook with ``indikator.hookimpl``
and returns the records the host validates."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap

import pytest

from indikator import hookspecs
from indikator.plugins import KINDS, IndikatorPluginManager, new_plugin_manager

SPECS = sorted(
    name
    for name, obj in vars(hookspecs).items()
    if callable(obj) and getattr(obj, "indikator_spec", None) is not None
)


def _example(doc: str) -> str:
    match = re.search(r"Example::\n\n((?:[ ]{4,}.*\n|\n)+)", doc + "\n")
    assert match, "the docstring has no 'Example::' block"
    return textwrap.dedent(match.group(1))


def test_the_specs_are_the_known_hooks_and_all_are_exported():
    # one hook per kind, the programme files, whose records are indicators and
    # programmes of the plugin that ships them, and the dataset readers
    extra = ["indikator_programme_files", "indikator_dataset_readers"]
    expected = sorted([*(f"indikator_{kind}" for kind in KINDS), *extra])
    assert expected == SPECS
    assert set(SPECS) <= set(hookspecs.__all__)
    five = ("units", "strategies", "rollups", "indicators", "programmes")
    assert {f"indikator_{n}" for n in five} | set(extra) == set(SPECS)


def test_every_spec_is_registered_and_validated_by_the_host():
    pm = new_plugin_manager(autoload=False)
    for name in SPECS:
        assert getattr(pm.hook, name).has_spec()
        kind = name.removeprefix("indikator_")
        assert callable(getattr(IndikatorPluginManager, kind)), f"no facade method for {name}"


@pytest.mark.parametrize("name", SPECS)
def test_every_hook_has_a_docstring_with_a_version_and_an_example(name):
    func = getattr(hookspecs, name)
    doc = inspect.getdoc(func)
    assert doc, f"{name} has no docstring"
    summary = doc.splitlines()[0]
    assert summary.endswith("."), f"{name}: the summary line should be a sentence"
    assert re.search(r"^Added in \d+\.\d+\.$", doc, re.MULTILINE), f"{name}: no 'Added in X.Y.'"
    assert "Returns:" in doc, f"{name}: the docstring does not say what to return"
    assert inspect.signature(func).return_annotation != inspect.Signature.empty


@pytest.mark.parametrize("name", SPECS)
def test_every_example_is_a_complete_implementation_of_its_hook(name):
    doc = inspect.getdoc(getattr(hookspecs, name))
    tree = ast.parse(_example(doc))  # a SyntaxError fails the test
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert [f.name for f in functions] == [name], f"{name}: the example implements another hook"
    [decorator] = functions[0].decorator_list
    assert ast.unparse(decorator) == "indikator.hookimpl"
    imported = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert "indikator" in imported
    used = {n.id for n in ast.walk(functions[0]) if isinstance(n, ast.Name)}
    assert used <= imported, f"{name}: the example uses names it does not import: {used - imported}"
    returns = [n for n in ast.walk(functions[0]) if isinstance(n, ast.Return)]
    assert returns
    assert isinstance(returns[0].value, ast.List)


def test_the_module_docstring_shows_the_entry_point():
    assert "[project.entry-points.indikator]" in (hookspecs.__doc__ or "")
