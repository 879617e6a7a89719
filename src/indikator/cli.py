"""The ``indikator`` command.

``indikator plugins [--json]``, ``indikator assess DATASET [...]`` and
``indikator validate DATASET``. Exit status: 0 on success, 2 on bad input (with one
message naming the file, line and what is wrong), 1 on an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from indikator.errors import IndikatorError, InputError, PluginError

if TYPE_CHECKING:
    from indikator.io import Validated

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
    a.add_argument("--period", type=int, default=None, help="the year to assess")
    a.add_argument(
        "--format",
        choices=["table", "markdown", "html", "json"],
        default="table",
        help="output format (default: table)",
    )
    a.add_argument("--lang", choices=["sv", "en"], default="sv", help="label language")
    a.add_argument("--output", "-o", type=Path, default=None, help="write to FILE")

    v = sub.add_parser("validate", help="check a dataset against its programme")
    v.add_argument("dataset", type=Path, help="a folder with an indikator.toml manifest")
    v.add_argument("--json", action="store_true", help="print problems as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    _utf8_stdout()
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


def _utf8_stdout() -> None:
    """Write standard output as UTF-8 whatever the terminal's encoding (never a crash)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("_", "-")
    reconfigure = getattr(sys.stdout, "reconfigure", None)  # not on every replaced stdout
    if encoding not in ("utf-8", "utf8") and reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8")


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
    from indikator.engine import assess
    from indikator.io import read_validated
    from indikator.render import render

    pm = _manager(strict)
    checked = read_validated(args.dataset, pm)  # type: ignore[arg-type]
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
    # the tree carries its period; render() labels the report with it
    tree = assess(programme, dataset, args.period)
    text = render(tree, dataset, args.format, args.lang, programme)
    _write_report(text, args.output, checked)
    from indikator.io import judgment_warnings

    for notice in [*checked.warnings,
                   *judgment_warnings(dataset, tree, locations=checked.locations)]:
        print(f"indikator: warning: {notice}", file=sys.stderr)
    _report_plugin_problems(pm)
    return EXIT_OK


def _write_report(text: str, output: Path | None, checked: Validated) -> None:
    """Write the report (UTF-8) to ``output`` whole or not at all, or to standard output.

    Raises:
        InputError: ``output`` is one of the dataset's own files (the manifest or a file
            it names), or cannot be written.
    """
    from indikator.io._files import same_file, write_atomic

    data = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    if output is None:
        _write_stdout(data)
        return
    manifest = checked.locations.manifest
    inputs = [*checked.locations.files, *([manifest.source] if manifest is not None else [])]
    for name in inputs:
        if same_file(output, name):
            raise InputError("the report would overwrite one of the dataset's own files "
                             f"({name}); choose another file", field="--output",
                             value=str(output))
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise InputError(
            f"cannot write the report: {exc.strerror or exc}", source=str(output)
        ) from None


def _write_stdout(data: bytes) -> None:
    """UTF-8 bytes to standard output whatever its encoding (cp1252 never fails)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout without bytes: text, with escapes if it must
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        sys.stdout.write(data.decode("utf-8").encode(encoding, "backslashreplace")
                         .decode(encoding))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _judgment_notices(checked: Validated) -> list[InputError]:
    """Judgments that would change nothing, for a dataset without problems (it is assessed)."""
    if checked.problems or checked.dataset is None or checked.programme is None:
        return []
    from indikator.engine import assess
    from indikator.io import judgment_warnings

    try:  # only for warnings: a failure shows when the dataset is assessed
        tree = assess(checked.programme, checked.dataset)
    except Exception:
        return []
    return judgment_warnings(checked.dataset, tree, locations=checked.locations)


def _cmd_validate(args: argparse.Namespace, strict: bool) -> int:
    from indikator.io import read_validated

    pm = _manager(strict)
    checked = read_validated(args.dataset, pm)  # type: ignore[arg-type]
    problems = list(checked.problems)
    for notice in [*checked.warnings, *_judgment_notices(checked)]:
        print(f"indikator: warning: {notice}", file=sys.stderr)
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
    else:
        for p in problems:
            print(f"{p}", file=sys.stderr)
        if not problems:
            print(f"{args.dataset}: OK")
        else:
            print(f"{len(problems)} problem(s) in {args.dataset}", file=sys.stderr)
    _report_plugin_problems(pm)
    return EXIT_BAD_INPUT if problems else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
