"""The public API is recorded, and a name leaves it only through a deprecation.

``tests/public_api.txt`` records every name in the ``__all__`` of a public module (the
modules the API reference documents: no part of the dotted name starts with ``_``).
``indikator._deprecations.DEPRECATIONS`` is the registry of names on their way out. The
policy (docs/reference/api.md): a name is deprecated for one minor version, warning,
before it is removed.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import types
import warnings
from pathlib import Path

import pytest

import indikator
from indikator._deprecations import (
    DEPRECATIONS,
    Deprecation,
    deprecated_getattr,
    minor_version,
)

REPO = Path(__file__).resolve().parents[1]
RECORD = Path(__file__).with_name("public_api.txt")
API_PAGE = REPO / "docs" / "reference" / "api.md"
VERSION = minor_version(indikator.__version__)


def _docs_hooks() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("_docs_hooks", REPO / "docs/_support/hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOKS = _docs_hooks()
MODULES: list[str] = HOOKS.public_modules(REPO / "src")


def recorded() -> set[tuple[str, str]]:
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    pairs = [line.split(":") for line in lines if line.strip() and not line.startswith("#")]
    assert all(len(p) == 2 for p in pairs), "each line of public_api.txt is module:name"
    return {(m, n) for m, n in pairs}


def current() -> set[tuple[str, str]]:
    return {(m, n) for m in MODULES for n in importlib.import_module(m).__all__}


def test_every_public_module_has_an_all() -> None:
    lacking = [m for m in MODULES if not isinstance(getattr(importlib.import_module(m),
                                                            "__all__", None), list | tuple)]
    assert not lacking, f"public modules without __all__: {lacking}"


def test_every_name_in_all_exists() -> None:
    missing = [f"{m}.{n}" for m, n in current() if not hasattr(importlib.import_module(m), n)]
    assert not missing, f"__all__ names what the module lacks: {missing}"


def test_every_public_name_is_recorded() -> None:
    new = sorted(current() - recorded())
    assert not new, (
        "new public names; add these lines to tests/public_api.txt (and say so in "
        "CHANGELOG.md, 'Added'):\n" + "\n".join(f"{m}:{n}" for m, n in new)
    )


def test_no_public_name_disappears_without_a_deprecation() -> None:
    entries = {(d.module, d.name) for d in DEPRECATIONS}
    gone = sorted(recorded() - current() - entries)
    assert not gone, (
        "public names left __all__ without a deprecation: "
        + ", ".join(f"{m}.{n}" for m, n in gone)
        + ". Keep them, or deprecate them (indikator._deprecations: an entry in DEPRECATIONS "
        "and a module __getattr__ that warns, for one minor version). A name that was never "
        "released may be deleted from tests/public_api.txt."
    )


def deprecation_problems(
    entry: Deprecation,
    module: types.ModuleType,
    public: set[tuple[str, str]],
    version: tuple[int, int],
) -> list[str]:
    """What is wrong with a registry entry, given its module and the recorded names."""
    problems = []
    if (entry.module, entry.name) not in public:
        problems.append(f"{entry.qualified} was never public (not in tests/public_api.txt)")
    since, removed = minor_version(entry.since), minor_version(entry.removed_in)
    if removed <= since:
        problems.append(f"{entry.qualified}: removal comes a minor version after the warning")
    if since > version:
        problems.append(f"{entry.qualified}: deprecated since {entry.since}, not yet made")
    if not entry.use_instead.strip():
        problems.append(f"{entry.qualified}: say what to use instead")
    if entry.name in getattr(module, "__all__", ()):
        problems.append(f"{entry.qualified}: deprecated, but still in __all__")
    if entry.module == "indikator.hookspecs":
        return problems  # hooks stay specs while deprecated (test_hookspec_signatures.py)
    if version >= removed:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            still_there = hasattr(module, entry.name)
        if still_there:
            problems.append(f"{entry.qualified}: was to be removed in {entry.removed_in}")
        return problems
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            getattr(module, entry.name)
        except AttributeError:
            problems.append(f"{entry.qualified}: removed before {entry.removed_in}")
    if not any(
        issubclass(w.category, DeprecationWarning) and str(w.message) == entry.message()
        for w in caught
    ):
        problems.append(f"{entry.qualified}: using it gives no DeprecationWarning")
    return problems


def test_every_deprecated_name_warns_until_its_removal_as_the_policy_says() -> None:
    problems = [
        problem
        for entry in DEPRECATIONS
        for problem in deprecation_problems(
            entry, importlib.import_module(entry.module), recorded(), VERSION
        )
    ]
    assert not problems, "\n".join(problems)


def test_the_registry_has_one_entry_per_name() -> None:
    names = [(d.module, d.name) for d in DEPRECATIONS]
    assert len(names) == len(set(names))


# -- the mechanism, on a module of its own (the registry is empty in 0.2) --------------------


def _module_with_a_deprecated_name() -> types.ModuleType:
    module = types.ModuleType("somewhere.public")
    registry = [Deprecation("somewhere.public", "old", "0.2", "0.3", "somewhere.public.new")]
    module.new = object()  # type: ignore[attr-defined]
    module.__getattr__ = deprecated_getattr(  # type: ignore[method-assign]
        "somewhere.public", {"old": lambda: module.new}, registry
    )
    return module


def test_a_deprecated_name_still_works_and_warns_with_since_removal_and_replacement() -> None:
    module = _module_with_a_deprecated_name()
    with pytest.warns(DeprecationWarning, match="deprecated since") as caught:
        value = module.old
    assert value is module.new
    [warning] = caught
    assert str(warning.message) == (
        "somewhere.public.old is deprecated since indikator 0.2 and will be removed in 0.3; "
        "use somewhere.public.new instead"
    )
    assert warning.filename == __file__, "the warning points at the code using the name"


def test_other_missing_names_raise_attribute_error_without_a_warning() -> None:
    module = _module_with_a_deprecated_name()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
            _ = module.nothing
        assert module.new is not None


_OLD = Deprecation("somewhere.public", "old", "0.2", "0.3", "somewhere.public.new")
_PUBLIC = {("somewhere.public", "old"), ("somewhere.public", "new")}


def test_the_checker_passes_a_deprecation_done_right() -> None:
    module = _module_with_a_deprecated_name()
    assert deprecation_problems(_OLD, module, _PUBLIC, (0, 2)) == []


@pytest.mark.parametrize(
    ("entry", "version", "change", "problem"),
    [
        (_OLD, (0, 2), "serve silently", "gives no DeprecationWarning"),
        (_OLD, (0, 2), "drop it", "removed before 0.3"),
        (_OLD, (0, 2), "keep in __all__", "still in __all__"),
        (_OLD, (0, 3), "", "was to be removed in 0.3"),
        (_OLD, (0, 1), "", "not yet made"),
        (Deprecation("somewhere.public", "old", "0.2", "0.2.5", "x"), (0, 2), "", "a minor"),
        (Deprecation("somewhere.public", "old", "0.2", "0.3", " "), (0, 2), "", "instead"),
        (Deprecation("somewhere.public", "other", "0.2", "0.3", "x"), (0, 2), "", "never"),
    ],
)
def test_the_checker_finds_what_breaks_the_policy(
    entry: Deprecation, version: tuple[int, int], change: str, problem: str
) -> None:
    module = _module_with_a_deprecated_name()
    if change == "serve silently":

        def silently(name: str) -> object:
            if name == "old":
                return module.new
            raise AttributeError(name)

        module.__getattr__ = silently  # type: ignore[method-assign]
    elif change == "drop it":
        del module.__getattr__
    elif change == "keep in __all__":
        module.__all__ = ["new", "old"]
    found = deprecation_problems(entry, module, _PUBLIC, version)
    assert any(problem in p for p in found), found


def test_serving_a_name_without_a_registry_entry_is_refused() -> None:
    with pytest.raises(LookupError, match="unregistered"):
        deprecated_getattr("somewhere.public", {"unregistered": object}, registry=[])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.2.0", (0, 2)), ("1.10.3", (1, 10)), ("2", (2, 0)), ("0+unknown", (0, 0)),
     ("0.3.0+local.1", (0, 3))],
)
def test_minor_version(text: str, expected: tuple[int, int]) -> None:
    assert minor_version(text) == expected


def test_minor_version_rejects_what_is_not_a_version() -> None:
    with pytest.raises(ValueError, match="not a version"):
        minor_version("latest")


# -- the API page ----------------------------------------------------------------------------


def _page_modules() -> list[str]:
    """The modules of the stability table on docs/reference/api.md, in order."""
    text = API_PAGE.read_text(encoding="utf-8")
    return re.findall(r"^\| \[?`([a-z_.]+)`", text, flags=re.M)


def test_the_api_page_names_every_public_module_once_with_its_stability() -> None:
    listed = _page_modules()
    missing, extra = sorted(set(MODULES) - set(listed)), sorted(set(listed) - set(MODULES))
    assert not missing, f"docs/reference/api.md: add a row (with its stability) for {missing}"
    assert not extra, f"docs/reference/api.md lists modules that are not public: {extra}"
    assert len(listed) == len(set(listed))
    text = API_PAGE.read_text(encoding="utf-8")
    for row in re.findall(r"^\| \[?`[a-z_.]+`.*$", text, flags=re.M):
        assert re.search(r"\| (stable|provisional) \|", row), f"no stability: {row}"


def test_the_generated_list_names_every_public_name() -> None:
    markdown = HOOKS.public_names_markdown(REPO / "src")
    for module, name in current():
        assert re.search(rf"^## `{re.escape(module)}`$", markdown, flags=re.M), module
        section = markdown.split(f"## `{module}`\n", 1)[1].split("\n## ", 1)[0]
        assert f"`{module}.{name}`" in section or f"`{name}`" in section, f"{module}.{name}"


def test_the_page_states_the_policy_and_the_version_pin() -> None:
    text = API_PAGE.read_text(encoding="utf-8")
    assert "DeprecationWarning" in text
    assert "one minor version" in text
    major, minor = VERSION
    assert f"indikator-core>={major}.{minor},<{major}.{minor + 2}" in text
