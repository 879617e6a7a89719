"""What the terminal tells the reports: its width, whether to colour, progress on stderr.

The renderers themselves take a width and a colour switch and never look at the
terminal (a library call gives the same text everywhere); ``indikator assess`` asks
these functions:

* :func:`terminal_width`: ``COLUMNS`` when set, else the terminal's width when the output
  is one, else :data:`~indikator.render.table.WIDTH`;
* :func:`use_color`: ``--color always|never``, or ``auto``: colour only on a terminal and
  never when ``NO_COLOR`` is set (https://no-color.org), whatever its value;
* :class:`Progress`: a one-line counter on standard error for a long job, only when
  standard error is a terminal (or when asked), cleared when done.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Mapping
from typing import Literal, TextIO

__all__ = ["ColorMode", "Progress", "terminal_width", "use_color"]

ColorMode = Literal["auto", "always", "never"]

_MAX_WIDTH = 160  # a wider terminal still gets lines that can be read


def _isatty(stream: TextIO | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):  # a replaced or closed stream
        return False


def terminal_width(stream: TextIO | None = None, env: Mapping[str, str] | None = None,
                   default: int = 100) -> int:
    """The width to render the terminal table at, in characters (at most 160).

    ``COLUMNS`` (a positive whole number) wins; else the width of the terminal
    ``stream`` (standard output) is, when it is one; else ``default``.
    """
    env = os.environ if env is None else env
    text = env.get("COLUMNS", "").strip()
    if text.isdigit() and int(text) > 0:
        return min(int(text), _MAX_WIDTH)
    stream = sys.stdout if stream is None else stream
    if _isatty(stream):
        try:
            columns = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = shutil.get_terminal_size((default, 24)).columns
        if columns > 0:  # a terminal that does not know its size says 0
            return min(columns, _MAX_WIDTH)
    return default


def use_color(mode: ColorMode = "auto", stream: TextIO | None = None,
              env: Mapping[str, str] | None = None) -> bool:
    """Whether to colour: ``always``, ``never``, or on a terminal without ``NO_COLOR``."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    env = os.environ if env is None else env
    if "NO_COLOR" in env and env["NO_COLOR"] != "":
        return False
    if env.get("TERM") == "dumb":
        return False
    return _isatty(sys.stdout if stream is None else stream)


class Progress:
    """A counter on standard error, ``indikator: rendering 3/20 reports``, for long jobs.

    Shown only when ``enabled`` (by default: when ``stream`` is a terminal), and only
    once the job has taken longer than ``delay`` seconds, so short runs print nothing;
    :meth:`done` clears the line.
    """

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None,
                 delay: float = 0.5) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.enabled = _isatty(self.stream) if enabled is None else enabled
        self.delay = delay
        self._start = time.monotonic()
        self._shown = False

    def step(self, what: str, done: int | None = None, total: int | None = None) -> None:
        """Show ``what`` (with ``done/total``) if the job is long enough to need it."""
        if not self.enabled or (not self._shown and time.monotonic() - self._start < self.delay):
            return
        count = f" {done}/{total}" if done is not None and total is not None else ""
        if _isatty(self.stream):  # one line, rewritten in place
            self.stream.write(f"\r\x1b[2Kindikator: {what}{count}")
        else:  # asked for on a file or pipe: plain lines
            self.stream.write(f"indikator: {what}{count}\n")
        self.stream.flush()
        self._shown = True

    def __call__(self, done: int, total: int) -> None:
        """The renderers' callback: one more report rendered."""
        self.step("rendering reports", done, total)

    def done(self) -> None:
        """Clear the line (if anything was shown)."""
        if self._shown and _isatty(self.stream):
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False
