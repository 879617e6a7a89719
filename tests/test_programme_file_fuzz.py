"""Programme files fuzzed: near-valid files give located problems, never another exception.

Each case takes a valid programme file (the one tests/test_programme_file.py reads) and
changes a few lines: a value replaced by another type or a stray word, a line dropped or
repeated, a key renamed. Reading must return records or :class:`InputError` problems
that name the file (and a line, except where the whole file is at fault).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.errors import InputError
from indikator.plugins import new_plugin_manager
from indikator.programme_file import FileText, read_definitions

from .test_programme_file import GOOD

PM = new_plugin_manager(autoload=False)
LINES = GOOD.splitlines()
VALUES = st.sampled_from(['"x"', "1", "-1.5", "true", "[]", "[1, 2]", "{}", '{id = "vs_base"}',
                          '"vs_bas"', '"lower"', "2100", "1800", '"%"', '"nope"', "[1, \"a\"]",
                          '{id = "fallback", first = "text"}', '{id = "mean_score", x = 1}'])


@st.composite
def near_valid(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        action = draw(st.sampled_from(["value", "drop", "repeat", "rename"]))
        if action == "value" and " = " in line:
            lines[index] = line.split(" = ", 1)[0] + " = " + draw(VALUES)
        elif action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, line)
        elif " = " in line:
            lines[index] = draw(st.sampled_from(["idd", "nmae", "unit_en", "target"])) + \
                " = " + line.split(" = ", 1)[1]
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_valid())
def test_a_near_valid_file_gives_records_or_located_problems(text: str) -> None:
    defs = read_definitions([FileText("p.toml", text.encode())], PM)
    for problem in defs.problems:
        assert isinstance(problem, InputError)
        assert problem.source == "p.toml"
        assert problem.line is not None or "TOML" in problem.message, str(problem)
    if not defs.problems:
        assert defs.programmes or defs.indicators
