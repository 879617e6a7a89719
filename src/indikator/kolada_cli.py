"""The ``indikator kolada`` command: ``kolada fetch`` saves Kolada's data responses.

Only :mod:`argparse` is imported to build the parser, so every other command starts as
fast as before; the download (:mod:`indikator.io.kolada_fetch`) is imported when the
command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["add_parser", "run"]

_API = "https://api.kolada.se"
_TIMEOUT = 30.0


def add_parser(sub: Any) -> None:
    """Add ``kolada fetch`` to the ``indikator`` command's subcommands."""
    k = sub.add_parser("kolada", help="download data from Kolada (municipalities' key figures)")
    ksub = k.add_subparsers(dest="kolada_command", required=True, metavar="COMMAND")
    f = ksub.add_parser("fetch", help="save Kolada's data for KPIs, municipalities and years")
    f.add_argument("--kpi", required=True, type=_ids, help="KPI ids, comma-separated (N00945)")
    f.add_argument("--municipality", type=_ids, default=[], metavar="IDS",
                   help="municipality or region ids, comma-separated (0180,1980)")
    f.add_argument("--ou", type=_ids, default=[], metavar="IDS",
                   help="organisational unit ids instead of municipalities")
    f.add_argument("--years", type=_years, default=[], metavar="FIRST-LAST",
                   help="years: 2020-2024 or 2022,2024")
    f.add_argument("--base-url", default=_API, help=f"the API's address (default: {_API})")
    f.add_argument("--api", choices=["v2", "v3"], default="v3", help="API version")
    f.add_argument("--timeout", type=float, default=_TIMEOUT, help="seconds per request")
    f.add_argument("--output", "-o", type=Path, required=True,
                   help="the JSON file to write ('-': standard output)")


def run(args: argparse.Namespace) -> int:
    """Run ``indikator kolada fetch``; returns the exit status.

    Raises:
        InputError: A bad query, a server that cannot be reached or answers with an
            error, or a file that cannot be written.
    """
    from indikator.errors import InputError
    from indikator.io._files import write_atomic
    from indikator.io.kolada_fetch import fetch_kolada, kolada_url

    url = kolada_url(args.kpi, municipalities=args.municipality, ous=args.ou,
                     years=args.years, base_url=args.base_url, version=args.api)
    doc = fetch_kolada(url, timeout=args.timeout)
    data = (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    if str(args.output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            write_atomic(args.output, data)
        except OSError as exc:
            raise InputError(f"cannot write the file: {exc.strerror or exc}",
                             source=str(args.output)) from None
        print(f"{args.output}: {doc['count']} rows from {url}", file=sys.stderr)
    return 0


def _ids(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def _years(text: str) -> list[int]:
    out: list[int] = []
    try:
        for part in text.split(","):
            first, sep, last = part.strip().replace("–", "-").partition("-")
            out.extend(range(int(first), int(last) + 1) if sep else [int(first)])
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected years such as 2020-2024 or 2022,2024, not "
                                         f"{text!r}") from None
    if not out or any(not 1900 <= y <= 2200 for y in out):
        raise argparse.ArgumentTypeError("years lie in 1900-2200")
    return out
