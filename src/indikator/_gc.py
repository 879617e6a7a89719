"""Pausing the cyclic garbage collector around bulk work.

Reading a large file, running the engine or writing a result table allocates hundreds of
thousands of small acyclic objects (rows, tuples, strings); each allocation burst triggers
collection passes that scan every live object and cost more than the work itself. Inside
:func:`paused` nothing cyclic is built, so nothing is left for the collector to find.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block (re-entrant)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
