"""The ``indikator programme`` command: ``show ID|FILE`` and ``export ID``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indikator.plugins import IndikatorPluginManager

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    """Add ``programme show`` and ``programme export`` to the command's subparsers."""
    p = sub.add_parser("programme", help="show a programme as understood, or export it")
    cmds = p.add_subparsers(dest="programme_command", required=True, metavar="ACTION")
    s = cmds.add_parser("show", help="print a programme's tree, units, strategies and "
                        "targets as understood")
    s.add_argument("programme", help="a programme id (from the plugins) or a programme file")
    s.add_argument("--period", type=int, default=None,
                   help="resolve targets for this year (default: the first year)")
    s.add_argument("--lang", choices=["sv", "en"], default="sv", help="label language")
    e = cmds.add_parser("export", help="write a programme as a programme file")
    e.add_argument("programme", help="a programme id (from the plugins) or a programme file")
    e.add_argument("--output", "-o", type=Path, default=None, help="write to FILE")


def run(args: argparse.Namespace, pm: IndikatorPluginManager) -> int:
    """Run ``indikator programme ...``; returns the exit status (errors raise)."""
    from indikator.io._problems import SeveralInputError
    from indikator.programme_file.show import export_programme, find_programme, show_programme

    try:
        if args.programme_command == "show":
            sys.stdout.write(show_programme(find_programme(args.programme, pm), args.period,
                                            args.lang))
        else:
            text = export_programme(args.programme, pm, args.output)
            if args.output is None:
                sys.stdout.write(text)
    except SeveralInputError as exc:  # every problem of a programme file, one a line
        for problem in exc.problems:
            print(f"indikator: error: {problem}", file=sys.stderr)
        print(f"indikator: {len(exc.problems)} problems in {args.programme}",
              file=sys.stderr)
        return 2
    return 0
