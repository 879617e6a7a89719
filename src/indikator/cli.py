"""The ``indikator`` command.

``indikator plugins [--json]``, ``indikator assess DATASET [...]``,
``indikator validate DATASET`` and ``indikator programme show|export``. Exit status: 0
on success, 2 on bad input (with one message naming the file, line and what is wrong), 1
on an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from indikator.errors import IndikatorError, InputError, PluginError

if TYPE_CHECKING:
    from indikator.io import Validated
    from indikator.model import Dataset
    from indikator.render.terminal import Progress
    from indikator.verdict import Assessment

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
    a.add_argument("dataset", type=Path,
                   help="a dataset folder: an indikator.toml manifest, or a layout a "
                   "plugin reads (an Open SDG repository)")
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
        choices=["table", "markdown", "html", "json", "csv", "xlsx", "parquet"],
        default="table",
        help="output format (default: table); csv, xlsx, parquet: one row per entity, node "
        "and period (xlsx also a sheet like Bilaga 1)",
    )
    a.add_argument("--lang", choices=["sv", "en"], default="sv", help="label language")
    a.add_argument("--output", "-o", type=Path, default=None,
                   help="write to FILE ('-': standard output)")
    a.add_argument("--indent", type=_indent, default=None, metavar="N",
                   help="indent JSON by N spaces per level (default: compact, one line)")
    a.add_argument("--programme", type=Path, default=None, metavar="FILE",
                   help="read the programme from a programme file or folder")
    _add_report_options(a)

    v = sub.add_parser("validate", help="check a dataset against its programme")
    v.add_argument("dataset", type=Path,
                   help="a dataset folder: an indikator.toml manifest, or a layout a "
                   "plugin reads (an Open SDG repository)")
    v.add_argument("--json", action="store_true", help="print problems as JSON")
    v.add_argument("--programme", type=Path, default=None, metavar="FILE",
                   help="read the programme from a programme file or folder")

    from indikator.kolada_cli import add_parser as add_kolada
    from indikator.programme_file.cli import add_parser

    add_parser(sub)
    add_kolada(sub)
    return parser


def _add_report_options(a: argparse.ArgumentParser) -> None:
    """How the report looks: the matrix, the graphic profile, the terminal."""
    look = a.add_argument_group("report layout")
    look.add_argument("--matrix", choices=["indicators", "metrics"], default="indicators",
                      help="with several entities: a matrix of entities x indicators "
                      "(default) or x metrics")
    look.add_argument("--stylesheet", type=Path, default=None, metavar="FILE",
                      help="html: a CSS file for the region's graphic profile (colours, "
                      "fonts), appended after the page's own rules")
    look.add_argument("--logo", type=Path, default=None, metavar="FILE",
                      help="html: a logo (PNG, JPEG, GIF, WebP or SVG) at the top of the page")
    look.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                      help="table: colour the verdicts (auto: on a terminal, unless "
                      "NO_COLOR is set)")
    look.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                      help="show progress on stderr (default: on a terminal, for long jobs)")


def _report_style(args: argparse.Namespace, dataset: Dataset, progress: Progress
                  ) -> dict[str, Any]:
    """``render_many``'s keywords from ``--matrix`` ... ``--color``, with the progress."""
    from indikator.render.terminal import terminal_width, use_color

    theme = None
    if args.stylesheet is not None or args.logo is not None:
        from indikator.io.theme import read_theme

        alt = dataset.title.get(args.lang) if dataset.title is not None else ""
        theme = read_theme(args.stylesheet, args.logo, logo_alt=alt)
    return {"matrix": args.matrix, "theme": theme, "width": terminal_width(),
            "color": use_color(args.color), "progress": progress}


def _indent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of spaces, not {text!r}") from None
    if not 0 <= value <= 16:
        raise argparse.ArgumentTypeError("expected 0 to 16 spaces")
    return value


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
        if args.command == "programme":
            from indikator.programme_file.cli import run

            return run(args, _manager(strict))  # type: ignore[arg-type]
        if args.command == "kolada":
            from indikator.kolada_cli import run as run_kolada

            return run_kolada(args)
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
    from indikator.engine import evaluate
    from indikator.io import read_validated
    from indikator.render import render_many
    from indikator.render.terminal import Progress

    # from the start, so that a phase still running after half a second says so
    progress = Progress(enabled=args.progress, delay=0.0 if args.progress else 0.5)

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
    if periods is None:  # a plugin's dataset reader may say what to assess by default
        periods = checked.periods
    style = _report_style(args, dataset, progress)
    progress.step("assessing")
    result = evaluate(programme, dataset, periods=periods, entities=args.entity)
    trees = [result.node(s, 0) for s in range(len(result.slots))]
    text: str | bytes
    if args.format == "csv":
        text = result.to_csv(lang=args.lang)
    elif args.format in ("xlsx", "parquet"):
        text = _binary(result, args, programme)
    else:
        text = render_many(trees, dataset, args.format, args.lang, programme,
                           indent=args.indent, result=result, **style)
    progress.done()
    _write_report(text, args.output, checked)
    for notice in [*checked.warnings, *_judgment_notices_of(dataset, trees, checked)]:
        print(f"indikator: warning: {notice}", file=sys.stderr)
    _report_plugin_problems(pm)
    failed = result.problems()
    for problem in failed:
        print(f"indikator: error: {problem} (the node has no value; the rest is assessed)",
              file=sys.stderr)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _binary(result: object, args: argparse.Namespace, programme: object) -> bytes:
    """The result as an XLSX workbook or a Parquet file (refused to a terminal)."""
    isatty = getattr(sys.stdout, "isatty", None)
    if args.output is None and isatty is not None and isatty():
        raise InputError(f"{args.format} is a binary format: write it to a file with -o FILE "
                         "(or -o - to pipe it)", field="--output")
    if args.format == "xlsx":
        from indikator.render.xlsx import render_xlsx

        try:
            return render_xlsx(result, lang=args.lang, programme=programme)  # type: ignore[arg-type]
        except ImportError:
            raise InputError("writing .xlsx needs openpyxl: pip install "
                             "'indikator-core[xlsx]'", field="--format") from None
    from indikator.render.parquet import render_parquet

    try:
        return render_parquet(result, lang=args.lang)  # type: ignore[arg-type]
    except ImportError:
        raise InputError("writing Parquet needs pyarrow: pip install 'indikator-core[arrow]'",
                         field="--format") from None


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


def _write_report(text: str | bytes, output: Path | None, checked: Validated) -> None:
    """Write the report (UTF-8) to ``output`` whole or not at all, or to standard output.

    ``-`` is standard output. Bytes (a workbook, a Parquet file) are written as they are.

    Raises:
        InputError: ``output`` is one of the dataset's own files (the manifest or a file
            it names), or cannot be written.
    """
    from indikator.io._files import same_file, write_atomic

    if isinstance(text, bytes):
        data = text
    else:
        data = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    if output is None or str(output) == "-":
        if isinstance(text, bytes) and getattr(sys.stdout, "buffer", None) is None:
            raise InputError("standard output takes no bytes here: write to a file with -o "
                             "FILE", field="--output")
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


def _judgment_notices_of(dataset: Dataset, trees: Sequence[Assessment],
                         checked: Validated) -> list[InputError]:
    """Judgments that change nothing in any of the trees assessed, once each."""
    from indikator.io import judgment_warnings

    periods = {t.period for t in trees}
    seen: dict[str, InputError] = {}
    for tree in trees:
        for notice in judgment_warnings(dataset, tree, locations=checked.locations):
            if notice.field == "period" and notice.value in periods:
                continue  # not this tree's year, but another's
            seen.setdefault(str(notice), notice)
    return list(seen.values())


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
    checked = read_validated(args.dataset, pm,  # type: ignore[arg-type]
                             programme_file=args.programme)
    problems = list(checked.problems)
    warnings = [*checked.warnings, *_judgment_notices(checked)]
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
