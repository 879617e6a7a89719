"""``python -m indikator``: the ``indikator`` command, for when its script is not on PATH."""

from __future__ import annotations

from indikator.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
