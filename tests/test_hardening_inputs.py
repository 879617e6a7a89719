"""Crafted inputs (issue 17): manifest paths, values, encodings and messages.

Each case gets a located :class:`InputError` (exit 2 on the command line), never a
traceback, a hang or another file's content in a message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from indikator.errors import InputError, escape_controls
from indikator.io import Problems, _files, parse_outcomes_csv, parse_outcomes_toml, read_dataset
from indikator.io._text import decode_utf8, load_toml
from indikator.io._values import parse_number, parse_period
from indikator.io.jsonio import dataset_from_json
from indikator.model import Observation, Target

SECRET = "TOP-SECRET-LINE-1"


def _manifest(folder: Path, path: str, *, kind: str = "outcomes") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "indikator.toml").write_text(
        '[dataset]\nprogramme = "test-prog"\nperiod = 2024\n\n'
        f"[[{kind}]]\npath = {path!r}\n", encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[InputError]:
    return list(read_dataset(folder).problems)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the dataset folder whose first line must never be echoed."""
    secret = tmp_path / "secret.csv"
    secret.write_text(f"{SECRET};x\n1;2\n", encoding="utf-8")
    return secret


# -- manifest paths ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["outcomes", "judgments"])
def test_a_relative_path_out_of_the_folder_is_refused_naming_the_manifest_line(
        tmp_path: Path, outside: Path, kind: str) -> None:
    folder = _manifest(tmp_path / "ds", "../secret.csv", kind=kind)
    [problem] = [p for p in _problems(folder) if p.field == "path"]
    assert problem.source == str(folder / "indikator.toml")
    assert problem.line == 6
    assert problem.field == "path"
    assert "outside the dataset folder" in problem.message
    assert SECRET not in str(problem)


def test_an_absolute_path_is_refused(tmp_path: Path, outside: Path) -> None:
    folder = _manifest(tmp_path / "ds", str(outside))
    [problem] = _problems(folder)
    assert "outside the dataset folder" in str(problem)
    assert SECRET not in str(problem)


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path, outside: Path) -> None:
    folder = _manifest(tmp_path / "ds", "link.csv")
    (folder / "link.csv").symlink_to(outside)
    [problem] = _problems(folder)
    assert problem.line == 6
    assert "outside the dataset folder" in problem.message
    assert SECRET not in str(problem)


def test_a_symbolic_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = _manifest(tmp_path / "ds", "link.csv")
    (folder / "data").mkdir()
    (folder / "data" / "real.csv").write_text("metric;period;value;unit\nm;2024;1;%\n",
                                              encoding="utf-8")
    (folder / "link.csv").symlink_to(folder / "data" / "real.csv")
    loaded = read_dataset(folder)
    assert loaded.problems == ()
    assert loaded.dataset is not None
    assert "m" in loaded.dataset.observations


def test_a_nul_byte_in_a_path_is_a_located_problem(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "indikator.toml").write_text(
        '[dataset]\nprogramme = "p"\nperiod = 2024\n[[outcomes]]\npath = "a\\u0000b.csv"\n',
        encoding="utf-8")
    [problem] = _problems(folder)
    assert problem.line == 5
    assert problem.field == "path"
    assert "NUL" in problem.message


def test_a_nul_byte_in_the_dataset_path_itself(tmp_path: Path) -> None:
    [problem] = read_dataset(str(tmp_path) + "/a\x00b").problems
    assert "NUL" in problem.message
    assert "\x00" not in str(problem)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = _manifest(tmp_path / "ds", "pipe.csv")
    os.mkfifo(folder / "pipe.csv")
    [problem] = _problems(folder)
    assert problem.source == str(folder / "pipe.csv")
    assert "FIFO" in problem.message
    assert "not a regular file" in problem.message


def test_a_folder_named_as_a_file_is_refused(tmp_path: Path) -> None:
    folder = _manifest(tmp_path / "ds", "sub.csv")
    (folder / "sub.csv").mkdir()
    [problem] = _problems(folder)
    assert "a folder, not a regular file" in problem.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="a device, not a regular file"):
        _files.read_file("/dev/zero", "/dev/zero")


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _manifest(tmp_path / "ds", "big.csv")
    (folder / "big.csv").write_text("metric;period\n" + "m;2024\n" * 100, encoding="utf-8")
    monkeypatch.setattr(_files, "MAX_DATA_BYTES", 64)
    [problem] = _problems(folder)
    assert "too large" in problem.message
    assert "at most 64 bytes" in problem.message


def test_a_file_that_reports_a_wrong_size_is_still_bounded(tmp_path: Path) -> None:
    proc = Path("/proc/self/status")
    if not proc.exists():
        pytest.skip("no /proc")
    with pytest.raises(InputError, match="too large"):
        _files.read_file(proc, "status", limit=10)


def test_a_manifest_larger_than_its_limit_is_not_parsed(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "indikator.toml").write_text("# x\n" * (_files.MAX_MANIFEST_BYTES // 4 + 1),
                                           encoding="utf-8")
    [problem] = _problems(folder)
    assert "the manifest is too large" in problem.message


def test_a_dotted_key_bomb_is_refused_before_tomllib_sees_it(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    bomb = ".".join(["a"] * 20000) + " = 1\n"  # 40 kB; tomllib would take 1.5 GB
    (folder / "indikator.toml").write_text('[dataset]\nprogramme = "p"\nperiod = 2024\n' + bomb,
                                           encoding="utf-8")
    [problem] = _problems(folder)
    assert problem.line == 4
    assert "dotted key with more than" in problem.message


def test_an_ordinary_dotted_key_and_a_note_full_of_dots_still_parse() -> None:
    doc = load_toml(b'a.b.c = 1\nnote = "' + b"a. " * 200 + b'"\n', "f")
    assert doc["a"]["b"]["c"] == 1


# -- values --------------------------------------------------------------------------------


def test_an_integer_beyond_float_range_in_toml_is_a_located_problem() -> None:
    data = ('[[outcome]]\nmetric = "m"\nperiod = 2024\nunit = "%"\nvalue = 1' + "0" * 400
            + "\n").encode()
    problems = Problems()
    assert parse_outcomes_toml(data, "o.toml", problems=problems) == []
    [problem] = problems
    assert problem.source == "o.toml"
    assert problem.line == 5
    assert problem.field == "value"
    assert "too large" in problem.message
    assert len(str(problem)) < 400


def test_an_integer_beyond_float_range_in_dataset_json() -> None:
    text = ('{"programme": "p", "period": 2024, "observations": {"m": [{"period": 2024, '
            '"value": 1' + "0" * 400 + ', "unit": "%"}]}}')
    with pytest.raises(InputError, match="too large") as err:
        dataset_from_json(text)
    assert err.value.field is not None
    assert "observations.m[0]" in err.value.field


@pytest.mark.parametrize("digits", [400, -400, 5000])
def test_observation_with_an_integer_beyond_float_range(digits: int) -> None:
    huge = 10 ** abs(digits) * (1 if digits > 0 else -1)
    with pytest.raises(InputError, match="too large") as err:
        Observation(2024, value=huge, unit="%")
    assert err.value.field == "value"
    with pytest.raises(InputError, match="too large"):
        Target(value=huge, unit="%")


def test_parse_number_refuses_a_huge_integer_cell() -> None:
    with pytest.raises(InputError, match="too large"):
        parse_number(10**400)


@pytest.mark.parametrize("text", ["２０２４", "٢٠٢٤", "२०२४"])
def test_unicode_digits_are_not_years(text: str) -> None:
    with pytest.raises(InputError, match="digits 0-9"):
        parse_period(text)


def test_unicode_digits_in_a_csv_period_cell() -> None:
    problems = Problems()
    out = parse_outcomes_csv("metric;period;value;unit\nm;２０２４;1;%\n".encode(), "o.csv",
                             problems=problems)
    assert out == []
    [problem] = problems
    assert problem.line == 2
    assert problem.field == "period"


# -- encodings -----------------------------------------------------------------------------


def test_a_utf8_error_after_a_bom_names_the_right_line_and_byte() -> None:
    data = b"\xef\xbb\xbfmetric;period\nm;2024\nm;20\xe924\n"
    with pytest.raises(InputError) as err:
        decode_utf8(data, "o.csv")
    assert err.value.line == 3
    assert "0xe9" in err.value.message


def test_a_bom_at_the_error_position_is_not_counted() -> None:
    # the bad byte sits in the first three bytes after the BOM: without the fix the
    # reported byte is a BOM byte
    with pytest.raises(InputError, match="0xff"):
        decode_utf8(b"\xef\xbb\xbf\xffabc", "o.csv")


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_called_utf32(codec: str) -> None:
    data = ("\ufeff" if codec != "utf-32" else "").encode(codec) + "metric;period\n".encode(codec)
    with pytest.raises(InputError) as err:
        decode_utf8(data, "o.csv")
    assert "UTF-32" in err.value.message or "not UTF-8" in err.value.message
    if codec != "utf-32-be":
        assert "UTF-16" not in err.value.message


def test_utf16_is_still_called_utf16() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode_utf8("metric;period\n".encode("utf-16"), "o.csv")


# -- messages ------------------------------------------------------------------------------


def test_control_sequences_in_a_header_are_escaped_in_messages() -> None:
    problems = Problems()
    parse_outcomes_csv(b"metric;period;\x1b[2J\x1b[31mred\nm;2024;1\n", "o.csv",
                       problems=problems)
    text = "\n".join(str(p) for p in problems)
    assert "\x1b" not in text
    assert "\\x1b[2J" in text


def test_every_part_of_a_message_is_escaped() -> None:
    err = InputError("bad\x9b", source="a\x1b.csv", line=1, field="f\x07", value="v\x1b")
    shown = str(err)
    assert all(c not in shown for c in "\x1b\x9b\x07")
    assert shown == "a\\x1b.csv:1: f\\x07: bad\\x9b (got 'v\\x1b')"


def test_escape_controls_keeps_what_it_is_told_to() -> None:
    assert escape_controls("a\nb\x1bc", keep="\n") == "a\nb\\x1bc"
    assert escape_controls("\u202eevil") == "\\u202eevil"


def test_a_huge_cell_gives_a_short_message() -> None:
    big = "x" * 5_000_000
    problems = Problems()
    parse_outcomes_csv(f"metric;period;value;unit\nm;2024;{big};%\n".encode(), "o.csv",
                       problems=problems)
    [problem] = problems
    assert len(str(problem)) < 500


def test_a_huge_value_repr_is_cut() -> None:
    err = InputError("bad", value=["y" * 10_000])
    assert len(str(err)) < 300
    assert str(err).endswith("...)")


def test_an_int_too_long_to_write_out_is_not_shown() -> None:
    if not hasattr(sys, "set_int_max_str_digits"):
        pytest.skip("no int digit limit on this Python")
    assert "<int>" in str(InputError("bad", value=10**5000))


def test_read_dataset_file_reads_inside_and_refuses_outside(tmp_path):
    from indikator.io import read_dataset_file

    folder = tmp_path / "dataset"
    folder.mkdir()
    (folder / "a.csv").write_bytes(b"x,y\n")
    (tmp_path / "secret.txt").write_bytes(b"secret")
    (folder / "link.csv").symlink_to(tmp_path / "secret.txt")
    assert read_dataset_file(folder, folder / "a.csv") == b"x,y\n"
    for path in (folder / ".." / "secret.txt", folder / "link.csv", tmp_path / "secret.txt"):
        with pytest.raises(InputError) as caught:
            read_dataset_file(folder, path)
        assert "outside the dataset folder" in str(caught.value)
        assert "secret" not in str(caught.value).split("outside")[1]  # never the content
    with pytest.raises(InputError, match="too large"):
        read_dataset_file(folder, folder / "a.csv", limit=2)
