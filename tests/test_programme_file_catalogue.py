"""Every entry of the catalogue of definition mistakes gives a located message and exit 2.

The catalogue is docs/reference/programme-file.md, "Catalogue of definition mistakes":
each entry is a file (a block with ``title="mistakes/NAME.toml"``) and the command that
reads it, marked to exit with 2, with the message it prints. tests/test_docs.py compares
the printed text; this test checks the shape of every entry and runs it on its own.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from indikator.cli import main

PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference" / "programme-file.md"
_ENTRY = re.compile(
    r"^### (?P<title>.+?)\n.*?```toml title=\"(?P<file>mistakes/[^\"]+)\"\n(?P<body>.*?)^```\n"
    r"\s*<!-- docs-test: exit 2 -->\n```console\n\$ (?P<command>[^\n]+)\n(?P<shown>.*?)^```",
    re.S | re.M,
)


def _entries() -> list[re.Match[str]]:
    text = PAGE.read_text(encoding="utf-8")
    catalogue = text[text.index("## Catalogue of definition mistakes"):]
    return list(_ENTRY.finditer(catalogue))


def test_the_catalogue_has_an_entry_under_every_heading() -> None:
    text = PAGE.read_text(encoding="utf-8")
    catalogue = text[text.index("## Catalogue of definition mistakes"):]
    assert len(_entries()) == catalogue.count("\n### ") >= 12


@pytest.mark.parametrize("entry", _entries(), ids=lambda m: m["file"])
def test_each_mistake_gives_a_located_message_and_exit_2(
    entry: re.Match[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / entry["file"]
    path.parent.mkdir(parents=True)
    path.write_text(entry["body"], encoding="utf-8")
    argv = shlex.split(entry["command"])
    assert argv[:3] == ["indikator", "programme", "show"]
    assert argv[3] == entry["file"]
    assert main(argv[1:]) == 2
    err = capsys.readouterr().err.splitlines()
    first = err[0]
    # file:line: field: what (got ...), and the line holds the key the message names
    located = re.match(rf"indikator: error: {re.escape(entry['file'])}:(\d+): (?:(\S+?): )?",
                       first)
    assert located, first
    assert first == entry["shown"].splitlines()[0] or "..." in entry["shown"]
    line, field = int(located[1]), located[2]
    if field is not None:
        key = field.split(".")[0]
        assert key in entry["body"].splitlines()[line - 1] or "[[" in entry["body"].splitlines()[
            line - 1], (line, field)
