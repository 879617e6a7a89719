"""The deprecation registry: public names on their way out, and the warning they give.

The policy (docs/reference/api.md): a public name (one in the ``__all__`` of a public
module) is removed only after one minor version in which using it gives a
:class:`DeprecationWarning` that says what to use instead. To deprecate a name:

1. take it out of its module's ``__all__`` and add a :class:`Deprecation` to
   :data:`DEPRECATIONS`, with ``removed_in`` at least one minor version after ``since``;
2. keep serving it from the module through :func:`deprecated_getattr`, which warns::

       from indikator._deprecations import deprecated_getattr

       __getattr__ = deprecated_getattr(__name__, {"old_name": lambda: new_name})

3. in the ``removed_in`` version, delete the name, its ``__getattr__`` entry, its line in
   ``tests/public_api.txt`` and its entry here.

A hook specification is deprecated the same way, except that its spec stays in
:mod:`indikator.hookspecs` (pluggy finds hooks by attribute) and is marked
``@hookspec(warn_on_impl=DeprecationWarning(...))`` until the ``removed_in`` version.

``tests/test_public_api.py`` holds every public name to this: a recorded name that leaves
``__all__`` without an entry here fails, and so does an entry whose name no longer warns
before its ``removed_in`` version.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["DEPRECATIONS", "Deprecation", "deprecated_getattr", "minor_version"]


def minor_version(version: str) -> tuple[int, int]:
    """``(major, minor)`` of a version string (``"0.2.0"`` -> ``(0, 2)``; local parts ignored).

    Raises:
        ValueError: When the version does not start with ``MAJOR.MINOR`` or ``MAJOR``.
    """
    release = version.split("+", 1)[0]
    parts = release.split(".")
    try:
        major = int(parts[0])
        minor = int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        raise ValueError(f"not a version: {version!r}") from None
    return major, minor


@dataclass(frozen=True)
class Deprecation:
    """A public name that is deprecated: where it is, since when, until when, and instead.

    Attributes:
        module: The public module the name is (was) exported from, e.g. ``indikator.engine``.
        name: The name in that module.
        since: The minor version whose release first warns, e.g. ``"0.3"``.
        removed_in: The version that removes it, at least one minor version after
            ``since``.
        use_instead: What to use instead: a name (``"indikator.assess"``) or a short
            sentence.
    """

    module: str
    name: str
    since: str
    removed_in: str
    use_instead: str

    @property
    def qualified(self) -> str:
        """``module.name``."""
        return f"{self.module}.{self.name}"

    def message(self) -> str:
        """The warning's text."""
        return (
            f"{self.qualified} is deprecated since indikator {self.since} and will be "
            f"removed in {self.removed_in}; use {self.use_instead} instead"
        )


DEPRECATIONS: Sequence[Deprecation] = ()
"""Every deprecated public name (none yet: 0.2 is the first release under the policy)."""


def deprecated_getattr(
    module: str,
    serve: Mapping[str, Callable[[], object]],
    registry: Sequence[Deprecation] = DEPRECATIONS,
) -> Callable[[str], object]:
    """A module ``__getattr__`` that serves deprecated names, each with its warning.

    Args:
        module: The module's ``__name__``.
        serve: Deprecated name -> a function returning what the name stands for (called
            on each access, so that nothing is imported before it is needed).
        registry: The registry to take the entries from (the default is the real one).

    Returns:
        A function to assign to the module's ``__getattr__``.

    Raises:
        LookupError: When a name in ``serve`` has no entry in the registry (every warning
            says since when and until when, so the entry must exist).
    """
    entries = {d.name: d for d in registry if d.module == module}
    unregistered = sorted(set(serve) - set(entries))
    if unregistered:
        raise LookupError(
            f"{module}: deprecated name(s) {', '.join(unregistered)} have no entry in "
            "indikator._deprecations.DEPRECATIONS"
        )

    def module_getattr(name: str) -> object:
        if name in serve:
            warnings.warn(entries[name].message(), DeprecationWarning, stacklevel=2)
            return serve[name]()
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return module_getattr
