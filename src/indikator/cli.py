"""The ``indikator`` command.

``indikator plugins [--json]``, ``indikator assess DATASET [...]``,
``indikator validate DATASET`` and ``indikator programme show|export``. Exit status: 0
on success, 2 on bad input (with one message naming the file, line and what is wrong), 1
on an internal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from indikator.errors import IndikatorError, InputError, PluginError

__all__ = ["main"]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    from indikator import __version__

    parser = argparse.ArgumentParser(
        prog="indikator",
        description="Rate progress on public-sector indicators.",
    )
    parser.add_argument("--version", action="version", version=f"indikator {__version__}")
    parser.add_argument(
        "--strict-plugins",
        action="store_true",
        help="fail, naming every broken plugin, instead of skipping them "
        "(also INDIKATOR_STRICT_PLUGINS=1)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("plugins", help="list installed plugins and what each provides")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    a = sub.add_parser("assess", help="assess a dataset and print the report")
    a.add_argument("dataset", type=Path, help="a folder with an indikator.toml manifest")
    a.add_argument(
        "--entity",
        action="append",
        default=None,
        metavar="ID",
        help="assess this entity (repeat for several; default: every entity in the data)",
    )
    when = a.add_mutually_exclusive_group()
    when.add_argument("--period", type=int, default=None, help="the year to assess")
    when.add_argument(
        "--periods",
        default=None,
        metavar="FIRST-LAST",
        help="assess every year from FIRST to LAST, or 'latest': each metric at its own "
        "latest year with an outcome",
    )
    a.add_argument(
        "--format",
        choices=["table", "markdown", "html", "json", "csv"],
        default="table",
        help="output format (default: table); csv: one row per entity, node and period",
    )
    a.add_argument("--lang", choices=["sv", "en"], default="sv", help="label language")
    a.add_argument("--output", "-o", type=Path, default=None, help="write to FILE")
    a.add_argument("--programme", type=Path, default=None, metavar="FILE",
                   help="read the programme from a programme file or folder")

    v = sub.add_parser("validate", help="check a dataset against its programme")
    v.add_argument("dataset", type=Path, help="a folder with an indikator.toml manifest")
    v.add_argument("--json", action="store_true", help="print problems as JSON")
    v.add_argument("--programme", type=Path, default=None, metavar="FILE",
                   help="read the programme from a programme file or folder")

    from indikator.programme_file.cli import add_parser

    add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    strict = bool(args.strict_plugins) or os.environ.get("INDIKATOR_STRICT_PLUGINS", "") not in (
        "",
        "0",
    )
    try:
        if args.command == "plugins":
            return _cmd_plugins(args, strict)
        if args.command == "assess":
            return _cmd_assess(args, strict)
        if args.command == "validate":
            return _cmd_validate(args, strict)
        if args.command == "programme":
            from indikator.programme_file.cli import run

            return run(args, _manager(strict))  # type: ignore[arg-type]
    except (InputError, PluginError, IndikatorError) as exc:
        print(f"indikator: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    except Exception as exc:  # pragma: no cover - a bug: say so without a traceback wall
        print(
            f"indikator: internal error: {type(exc).__name__}: {exc} "
            "(please report this; set INDIKATOR_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        if os.environ.get("INDIKATOR_DEBUG"):
            raise
        return EXIT_INTERNAL
    return EXIT_INTERNAL  # pragma: no cover - argparse requires a command


def _manager(strict: bool) -> object:
    from indikator.plugins import get_plugin_manager

    return get_plugin_manager(strict=strict)


def _report_plugin_problems(pm: object) -> None:
    from indikator.plugins import plugin_problems

    for problem in plugin_problems(pm):  # type: ignore[arg-type]
        print(f"indikator: warning: {problem}", file=sys.stderr)


def _cmd_plugins(args: argparse.Namespace, strict: bool) -> int:
    from indikator.plugins import format_plugins_table, list_plugins, plugins_as_json

    pm = _manager(strict)
    infos = list_plugins(pm)  # type: ignore[arg-type]
    if args.json:
        print(json.dumps(plugins_as_json(infos), ensure_ascii=False, indent=2))
    else:
        print(format_plugins_table(infos))
    _report_plugin_problems(pm)
    return EXIT_OK


def _cmd_assess(args: argparse.Namespace, strict: bool) -> int:
    from indikator.engine import evaluate
    from indikator.io import read_validated
    from indikator.render import render_many

    pm = _manager(strict)
    checked = read_validated(args.dataset, pm,  # type: ignore[arg-type]
                             programme_file=args.programme)
    if checked.problems:
        # the same problems, at the same places, as `indikator validate` lists
        for p in checked.problems:
            print(f"indikator: error: {p}", file=sys.stderr)
        if len(checked.problems) > 1:
            print(f"indikator: {len(checked.problems)} problems in {args.dataset}; nothing "
                  "assessed", file=sys.stderr)
        _report_plugin_problems(pm)
        return EXIT_BAD_INPUT
    dataset, programme = checked.dataset, checked.programme
    assert dataset is not None  # no problems: the manifest was usable
    assert programme is not None  # and a plugin provided the programme
    if args.period is not None and not programme.covers(args.period):
        raise InputError(
            f"the year lies outside the years of programme {programme.id!r} "
            f"({programme.years})",
            field="--period",
            value=args.period,
        )
    periods = _periods(args.periods, programme) if args.periods else args.period
    result = evaluate(programme, dataset, periods=periods, entities=args.entity)
    if args.format == "csv":
        text = result.to_csv(lang=args.lang)
    else:
        trees = [result.node(s, 0) for s in range(len(result.slots))]
        text = render_many(trees, dataset, args.format, args.lang, programme)
    if args.output is not None:
        try:
            args.output.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
        except OSError as exc:
            raise InputError(
                f"cannot write the report: {exc.strerror}", source=str(args.output)
            ) from None
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    _report_plugin_problems(pm)
    failed = result.problems()
    for problem in failed:
        print(f"indikator: error: {problem} (the node has no value; the rest is assessed)",
              file=sys.stderr)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _periods(text: str, programme: object) -> range | Literal["latest"]:
    """``FIRST-LAST`` as a range of years, or ``latest``."""
    if text.strip() == "latest":
        return "latest"
    first, sep, last = text.replace("–", "-").partition("-")
    try:
        years = range(int(first), int(last) + 1) if sep else range(int(first), int(first) + 1)
    except ValueError:
        raise InputError("expected FIRST-LAST (two years) or 'latest'", field="--periods",
                         value=text) from None
    if not years:
        raise InputError("the first year is after the last", field="--periods", value=text)
    return years


def _cmd_validate(args: argparse.Namespace, strict: bool) -> int:
    from indikator.io import read_validated

    pm = _manager(strict)
    checked = read_validated(args.dataset, pm,  # type: ignore[arg-type]
                             programme_file=args.programme)
    problems, warnings = checked.problems, checked.warnings
    if args.json:
        print(
            json.dumps(
                [
                    {"message": str(p), "source": p.source, "line": p.line, "field": p.field}
                    for p in problems
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        for p in warnings:
            print(f"warning: {p}", file=sys.stderr)
    else:
        for p in problems:
            print(f"{p}", file=sys.stderr)
        for p in warnings:
            print(f"warning: {p}", file=sys.stderr)
        if not problems:
            shown = f" ({len(warnings)} warning(s))" if warnings else ""
            print(f"{args.dataset}: OK{shown}")
        else:
            print(f"{len(problems)} problem(s) in {args.dataset}", file=sys.stderr)
    _report_plugin_problems(pm)
    return EXIT_BAD_INPUT if problems else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
