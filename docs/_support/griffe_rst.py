"""A griffe extension: read the reStructuredText bits of indikator's docstrings as Markdown.

The library's docstrings are Google style (which mkdocstrings reads natively) but use a
few reStructuredText constructs that read well in ``help()`` and in editors:

* roles such as ``:class:`~indikator.model.Flag``` and ``:attr:`Verdict.NO_VALUE```,
  which become mkdocstrings cross-references (resolved in the docstring's own scope, so
  a reference that points nowhere is a warning, and a failure of ``mkdocs build
  --strict``);
* literal blocks introduced by ``::``, which become fenced code blocks;
* simple tables (``=====  =====``), which become Markdown tables.

The docstrings themselves are not changed; only what the documentation site shows.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|meth|func|attr|data|mod|exc|obj|const|py:\w+):`(~?)([^`]+)`")
# Names that docstrings refer to before they exist. Each is shown as code, not as a
# link, until it lands; any other unresolved reference fails the strict build.
KNOWN_MISSING: dict[str, str] = {}
_SECTION = re.compile(r"^\s*[A-Za-z][\w ]*$")
_RULE = re.compile(r"^(\s*)=+(?:\s+=+)+\s*$")


def _resolve(obj: griffe.Object | griffe.Alias, target: str) -> str:
    """The full path of ``target`` as seen from ``obj``'s scope (unchanged if unknown)."""
    if target.startswith("indikator.") or target == "indikator":
        return target
    head, dot, rest = target.partition(".")
    try:
        base = obj.resolve(head)
    except Exception:  # griffe.NameResolutionError, or an alias that cannot be followed
        return target
    return base + dot + rest


def _exists(loader: griffe.GriffeLoader | None, path: str) -> bool:
    if loader is None:
        return True
    try:
        loader.modules_collection[path]
    except Exception:  # KeyError, or an alias that cannot be resolved
        return False
    return True


def _roles(obj: griffe.Object | griffe.Alias, text: str, loader: griffe.GriffeLoader | None) -> str:
    def repl(match: re.Match[str]) -> str:
        tilde, target = match.group(1), match.group(2).strip()
        target = target.rstrip("()")
        shown = target.rsplit(".", 1)[-1] if tilde else target
        path = _resolve(obj, target)
        if path.split(".")[0] != "indikator":
            # Outside the library (hypothesis, pint, pluggy): the site is built offline,
            # without other projects' inventories, so such a name is shown as code.
            return f"`{shown}`"
        if path in KNOWN_MISSING and not _exists(loader, path):
            return f"`{shown}`"
        return f"[`{shown}`][{path}]"

    return _ROLE.sub(repl, text)


def _language(block: list[str]) -> str:
    first = next((line.strip() for line in block if line.strip()), "")
    if first.startswith("["):
        return "toml"
    if first.startswith("{"):
        return "text"
    return "python"


def _literal_blocks(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.rstrip().endswith("::") and not line.strip().startswith(".."):
            indent = len(line) - len(line.lstrip())
            stripped = line.rstrip()[:-2].rstrip()
            out.append(line[: len(line) - len(line.lstrip())] + stripped.lstrip() + ":")
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            block: list[str] = []
            while j < len(lines) and (
                not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent
            ):
                block.append(lines[j])
                j += 1
            while block and not block[-1].strip():
                block.pop()
            if block:
                inner = min(len(b) - len(b.lstrip()) for b in block if b.strip())
                if _SECTION.match(stripped):
                    # "Example::" is a Google section: the code is its indented content,
                    # which must follow the title line directly.
                    pad = " " * inner
                else:
                    # Inside a paragraph: the fence sits at the paragraph's indent.
                    pad = " " * indent
                    out.append("")
                out.append(pad + "```" + _language(block))
                out.extend(pad + b[inner:] if b.strip() else "" for b in block)
                out.append(pad + "```")
                out.append("")
                i = j
                continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _columns(rule: str) -> list[int]:
    return [m.start() for m in re.finditer(r"=+", rule)]


def _cells(row: str, starts: list[int]) -> list[str]:
    cells = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else None
        cells.append(row[start:end].strip().replace("|", "\\|"))
    return cells


def _tables(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _RULE.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        indent = _RULE.match(lines[i]).group(1)  # type: ignore[union-attr]
        starts = _columns(lines[i])
        rules = [i]
        j = i + 1
        while j < len(lines) and len(rules) < 3:
            if _RULE.match(lines[j]):
                rules.append(j)
            elif not lines[j].strip():
                break
            j += 1
        if len(rules) < 3:
            out.append(lines[i])
            i += 1
            continue
        header = [_cells(r, starts) for r in lines[rules[0] + 1 : rules[1]]]
        body = [_cells(r, starts) for r in lines[rules[1] + 1 : rules[2]]]
        head = header[0] if header else [""] * len(starts)
        out.append("")
        out.append(indent + "| " + " | ".join(head) + " |")
        out.append(indent + "|" + "---|" * len(starts))
        out.extend(indent + "| " + " | ".join(row) + " |" for row in body)
        out.append("")
        i = rules[2] + 1
    return "\n".join(out)


def _definition_lists(text: str) -> str:
    """RST definition lists at the top level (a term line, its text indented below)."""
    lines = text.split("\n")
    out: list[str] = []
    in_list = False
    i = 0
    while i < len(lines):
        line = lines[i]
        term = line.strip()
        if (
            line
            and not line[0].isspace()
            and not term.endswith(":")
            and not term.startswith(("*", "-", "```", "|"))
            and (i == 0 or not lines[i - 1].strip() or in_list)
            and i + 1 < len(lines)
            and lines[i + 1].strip()
            and lines[i + 1][0].isspace()
            and not (out and out[-1].strip().startswith("```"))
        ):
            j = i + 1
            body: list[str] = []
            while j < len(lines) and lines[j].strip() and lines[j][0].isspace():
                body.append(lines[j].strip())
                j += 1
            out.append(f"- {term}: " + " ".join(body))
            in_list = True
            i = j
            continue
        in_list = False
        out.append(line)
        i += 1
    return "\n".join(out)


def convert(
    obj: griffe.Object | griffe.Alias, text: str, loader: griffe.GriffeLoader | None = None
) -> str:
    """The docstring ``text`` of ``obj`` with its reStructuredText read as Markdown."""
    return _roles(obj, _tables(_literal_blocks(_definition_lists(text))), loader)


class RstToMarkdown(griffe.Extension):
    """Rewrite every docstring's reStructuredText roles, literal blocks and tables."""

    def __init__(self) -> None:
        super().__init__()
        self._done: set[int] = set()

    def _rewrite(self, obj: griffe.Object, loader: griffe.GriffeLoader | None) -> None:
        if obj.docstring is not None and id(obj.docstring) not in self._done:
            self._done.add(id(obj.docstring))
            obj.docstring.value = convert(obj, obj.docstring.value, loader)

    def on_object(
        self, *, obj: griffe.Object, loader: griffe.GriffeLoader | None = None, **kwargs: Any
    ) -> None:
        """Rewrite ``obj``'s docstring, once the whole tree is known."""
        self._rewrite(obj, loader)

    def on_package(
        self, *, pkg: griffe.Module, loader: griffe.GriffeLoader | None = None, **kwargs: Any
    ) -> None:
        """Rewrite the package's own docstring (not every griffe version visits it above)."""
        self._rewrite(pkg, loader)
