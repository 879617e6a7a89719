"""Reports people look at: navigation, entities and years side by side, the terminal,
the graphic profile, and rendering linear in the nodes (issue 15, second half).

The layout in a real browser (no sideways scrolling at 375 px, screenshots) is in
tests/test_html_browser.py.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import indikator as ik
from indikator.cli import main
from indikator.errors import InputError
from indikator.render import render, render_many
from indikator.render._history import history_of
from indikator.render._matrix import Column, columns_of, sort_orders
from indikator.render.terminal import Progress, terminal_width, use_color
from indikator.render.theme import PROPERTIES, THEME_CSS, Theme
from indikator.verdict import Level, Verdict

REPO = Path(__file__).resolve().parents[1]
FIVE = REPO / "examples" / "five-municipalities"
VASTMANLAND = REPO / "examples" / "vastmanland-2024"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
_RANK = {Verdict.POSITIVE: 0, Verdict.UNCHANGED: 1, Verdict.NEGATIVE: 2, Verdict.NO_VALUE: 3}


def _five(periods: range | int = 2024) -> tuple[ik.Result, ik.Dataset, ik.Programme]:
    from indikator.io import read_validated
    from indikator.plugins import get_plugin_manager

    checked = read_validated(FIVE, get_plugin_manager())
    assert not checked.problems
    assert checked.dataset is not None
    assert checked.programme is not None
    result = ik.evaluate(checked.programme, checked.dataset, periods=periods)
    return result, checked.dataset, checked.programme


def _trees(result: ik.Result) -> list[ik.Assessment]:
    return [result.node(s, 0) for s in range(len(result.slots))]


def _ids_and_links(page: str) -> tuple[list[str], list[str]]:
    ids = re.findall(r'\sid="([^"]+)"', page)
    links = [html.unescape(x) for x in re.findall(r'href="#([^"]*)"', page)]
    return ids, links


def _assert_links_resolve(page: str) -> None:
    ids, links = _ids_and_links(page)
    assert len(ids) == len(set(ids)), "an id is used twice"
    missing = sorted(set(links) - set(ids))
    assert not missing, missing[:10]


# -- the example ---------------------------------------------------------------------------


def test_the_five_municipality_example_validates_and_has_five_entities(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(FIVE)]) == 0
    result, _, programme = _five(range(2019, 2025))
    assert len(result.entities) == 5
    assert result.periods == tuple(range(2019, 2025))
    strategies = {m.strategy.id for m in programme.metrics().values()}
    assert strategies == {"vs_base", "vs_trajectory", "vs_own_target"}
    verdicts = {result.verdict_of(i, e, 2024) for e in result.entities
                for i in ("emissions", "energy", "waste-food")}
    assert len(verdicts) >= 3  # a matrix with something to compare


# -- navigation ----------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [VASTMANLAND, FIVE], ids=["vastmanland", "five"])
def test_the_html_report_has_a_toc_and_every_overview_cell_links_to_its_section(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["assess", str(folder), "--format", "html"]
    if folder == FIVE:
        args += ["--entity", "1980"]
    assert main(args) == 0
    page = capsys.readouterr().out
    _assert_links_resolve(page)
    nav = page[page.index('<nav class="toc"'):page.index("</nav>")]
    _, toc_links = _ids_and_links(nav)
    areas = re.findall(r'<section class="area" aria-labelledby="([^"]+)"', page)
    assert areas
    assert set(areas) <= set(toc_links)
    table = page[page.index('<table class="overview">'):]
    table = table[:table.index("</table>")]
    for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", table):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        for cell in cells:  # every cell links, but a count of none
            assert "<a href=" in cell or cell == "0", cell
    assert '<div class="scroll" role="region" tabindex="0"' in page  # wraps on a phone


def test_ids_stay_unique_with_several_reports_on_one_page() -> None:
    result, dataset, programme = _five(range(2023, 2025))
    page = render_many(_trees(result), dataset, "html", "en", programme, result=result)
    assert page.count("<html") == 1
    assert page.count('<section class="entity"') == 10
    _assert_links_resolve(page)
    assert "<script" not in page.lower()


# -- entities side by side ---------------------------------------------------------------


def _matrix_rows(page: str, table_id: str) -> list[tuple[str, list[str]]]:
    part = page[page.index(f'id="{table_id}"'):]
    part = part[:part.index("</table>")]
    body = part[part.index("<tbody>"):]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body):
        name = re.search(r'<th scope="row"><a href="#[^"]+">([^<]+)</a>', tr)
        assert name is not None
        labels = re.findall(r'<span class="sr">([^<]+)</span>', tr)
        rows.append((name.group(1), labels))
    return rows


def test_the_matrix_shows_each_entity_s_verdicts_with_text_and_sorts_by_every_column(
) -> None:
    result, dataset, programme = _five()
    trees = _trees(result)
    page = render_many(trees, dataset, "html", "sv", programme, result=result)
    columns = ["fem-kommuner-2030", "emissions", "energy", "waste-food"]
    by_name = _matrix_rows(page, "matrix-2024-by-name")
    assert [n for n, _ in by_name] == sorted(str(e) for e in result.entities)
    for name, labels in by_name:  # the label of each cell's verdict, not colour alone
        assert labels == [result.verdict_of(c, name, 2024).label("sv") for c in columns]
    for column in columns[1:]:
        rows = _matrix_rows(page, f"matrix-2024-by-{column}")
        ranks = [_RANK[result.verdict_of(column, n, 2024)] for n, _ in rows]
        assert ranks == sorted(ranks)  # best first
        assert sorted(n for n, _ in rows) == [n for n, _ in by_name]
        assert f'href="#matrix-2024-by-{column}"' in page  # the heading links to it
    _assert_links_resolve(page)


def test_the_matrix_of_metrics_groups_them_under_their_indicators(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["assess", str(FIVE), "--format", "html", "--matrix", "metrics"]) == 0
    page = capsys.readouterr().out
    assert page.count('scope="colgroup"') >= 3 * 6  # three indicators, in six copies
    rows = _matrix_rows(page, "matrix-2024-by-name")
    assert all(len(labels) == 1 + 5 for _, labels in rows)  # overall + five metrics
    assert main(["assess", str(FIVE), "--format", "markdown", "--matrix", "metrics",
                 "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "| Entity | Overall | Greenhouse-gas emissions decrease: Emissions per inhabitant" \
        in text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.lists(st.sampled_from(list(Verdict)),
                                                        min_size=3, max_size=3)),
                min_size=1, max_size=8, unique_by=lambda t: t[0]))
def test_sort_orders_are_permutations_best_first_ties_by_name(
    rows: list[tuple[int, list[Verdict]]],
) -> None:
    from indikator.verdict import Assessment, Basis, Explanation

    def node(node_id: str, level: Level, verdict: Verdict, children: tuple[Assessment, ...],
             entity: str) -> Assessment:
        return Assessment(id=node_id, name=ik.Label(node_id), level=level, verdict=verdict,
                          basis=Basis.ROLLUP, explanation=Explanation("x", {}, {}, "x", "x"),
                          children=children, entity=entity, period=2024)

    trees = []
    for code, (overall, a, b) in rows:
        e = str(code)
        inds = (node("a", Level.INDICATOR, a, (), e), node("b", Level.INDICATOR, b, (), e))
        area = node("g", Level.GOAL_AREA, overall, inds, e)
        trees.append(node("p", Level.PROGRAMME, overall, (area,), e))
    columns = columns_of(trees[0], "indicators", "sv")
    assert columns == [Column("a", "a"), Column("b", "b")]
    orders = sort_orders(trees, columns)
    assert [k for k, _ in orders] == [None, "p", "a", "b"]
    names = [int(t.entity or 0) for t in trees]
    assert [names[k] for k in orders[0][1]] == sorted(names)  # natural: 2 before 10
    for key, order in orders[1:]:
        assert sorted(order) == list(range(len(trees)))
        found = [({n.id: n.verdict for n in trees[k].walk()}[key], names[k]) for k in order]
        assert found == sorted(found, key=lambda f: (_RANK[f[0]], f[1]))


# -- years side by side ------------------------------------------------------------------


def test_the_history_is_the_engine_s_for_every_node_and_year() -> None:
    result, dataset, programme = _five(range(2020, 2025))
    trees = _trees(result)
    for entity in result.entities:
        mine = [t for t in trees if t.entity == entity]
        from_result = history_of(entity, mine, result)
        assert from_result == history_of(entity, mine, None)  # the trees say the same
        for node, row in zip(from_result.nodes, from_result.verdicts, strict=True):
            assert dict(zip(from_result.periods, row, strict=True)) == result.history(
                node.id, entity)
    page = render_many(trees, dataset, "html", "sv", programme, result=result)
    section = page[page.index('id="history-0"'):]
    section = section[:section.index("</table>")]
    first = str(result.entities[0])
    for node_id in ("fem-kommuner-2030", "climate", "co2e-per-inhabitant"):
        name = html.escape(next(n for n in trees[0].walk() if n.id == node_id).name.get("sv"))
        row = re.search(rf"<th scope=\"row\" class=\"lv-\w+\">{re.escape(name)}</th>(.*?)</tr>",
                        section)
        assert row is not None
        labels = re.findall(r'<span class="sr">([^<]+)</span>', row.group(1))
        want = result.history(node_id, first)
        assert labels == [want[p].label("sv") for p in sorted(want)]
    assert page.count('<ul class="multiples">') == 5  # one per entity
    first_history = page[page.index('id="history-0"'):page.index('id="history-1"')]
    multiples = first_history[first_history.index('<ul class="multiples">'):]
    assert multiples.count("<svg") == len(result.plan.metrics) == 5  # one per metric
    desc = re.findall(r"<desc [^>]*>([^<]*)</desc>", multiples)[-1]  # organic food's
    for year, verdict in result.history("organic-food", first).items():
        assert f"{year}: {verdict.symbol} {verdict.label('sv')}" in html.unescape(desc)
    _assert_links_resolve(page)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_table_and_markdown_show_the_matrix_and_the_history(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(FIVE), "--periods", "2023-2024", "--format", fmt,
                 "--lang", "en", "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "Entities compared, 2024" in out
    assert out.count("Development over the years: Entity") == 5
    assert out.count("Entity 1980, 2023") == 1
    assert out.count("Entity 1980, 2024") == 1
    result, _, _ = _five(range(2023, 2025))
    part = out[out.index("Development over the years: Entity 1982"):]
    want = result.history("emissions", "1982")
    line = next(x for x in part.splitlines() if "Greenhouse-gas emissions decrease" in x)
    assert [s for s in line.split() if s in "▲■▼–"] == [want[p].symbol for p in sorted(want)]


# -- the terminal ------------------------------------------------------------------------


def test_terminal_width_from_columns_then_the_terminal_then_the_default() -> None:
    assert terminal_width(io.StringIO(), {"COLUMNS": "72"}) == 72
    assert terminal_width(io.StringIO(), {"COLUMNS": "500"}) == 160
    assert terminal_width(io.StringIO(), {"COLUMNS": "zero"}) == 100
    assert terminal_width(io.StringIO(), {}) == 100  # not a terminal


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    assert use_color("auto", _Tty(), {}) is True
    assert use_color("auto", io.StringIO(), {}) is False
    assert use_color("auto", _Tty(), {"NO_COLOR": "1"}) is False
    assert use_color("auto", _Tty(), {"TERM": "dumb"}) is False
    assert use_color("always", io.StringIO(), {"NO_COLOR": "1"}) is True
    assert use_color("never", _Tty(), {}) is False


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_the_table_takes_its_width_from_columns(
    columns: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert main(["assess", str(FIVE), "--entity", "1983"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(x) for x in lines) <= int(columns)
    assert any(len(x) > int(columns) - 12 for x in lines)  # and uses it
    assert not any(ANSI.search(x) for x in lines)  # captured: not a terminal, no colour


def test_color_always_colours_every_verdict_and_keeps_the_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # --color always wins over it
    assert main(["assess", str(VASTMANLAND), "--color", "always"]) == 0
    coloured = capsys.readouterr().out
    assert "\x1b[32m▲ Positiv\x1b[0m" in coloured
    assert main(["assess", str(VASTMANLAND), "--color", "never"]) == 0
    plain = capsys.readouterr().out
    assert ANSI.sub("", coloured) == plain


def test_progress_only_on_a_terminal_or_when_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    quiet = Progress(io.StringIO(), delay=0)
    quiet.step("x")
    assert quiet.stream.getvalue() == ""  # type: ignore[attr-defined]
    tty = _Tty()
    shown = Progress(tty, delay=0)
    shown(3, 20)
    assert "rendering reports 3/20" in tty.getvalue()
    shown.done()
    assert tty.getvalue().endswith("\r\x1b[2K")
    assert main(["assess", str(FIVE), "--format", "markdown", "--progress"]) == 0
    err = capsys.readouterr().err
    assert "indikator: rendering reports 5/5" in err  # asked for: plain lines
    assert main(["assess", str(FIVE), "--format", "markdown"]) == 0
    assert "rendering" not in capsys.readouterr().err


# -- the graphic profile -----------------------------------------------------------------


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_stylesheet_and_a_logo_restyle_the_page_without_forking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    css = tmp_path / "region.css"
    css.write_text(":root { --ik-accent: #00594f; --ik-font: Georgia, serif; }\n"
                   '@font-face { font-family: R; src: url("data:font/woff2;base64,AAAA"); }\n',
                   encoding="utf-8")
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    assert main(["assess", str(VASTMANLAND), "--format", "html", "--stylesheet", str(css),
                 "--logo", str(logo)]) == 0
    page = capsys.readouterr().out
    assert page.index(THEME_CSS[:40]) < page.index("--ik-accent: #00594f")  # after: it wins
    assert '<img class="logo" src="data:image/png;base64,' in page
    assert 'alt="Hållbarhetsredovisning 2024"' in page
    for name in PROPERTIES:  # every documented property is set by default and used
        assert f"{name}:" in THEME_CSS
        assert f"var({name})" in THEME_CSS or name in ("--ik-logo-height",)


@pytest.mark.parametrize(("content", "message", "line"), [
    ("a { color: red; }\n@import url(https://example.org/x.css);\n", "loads nothing", 2),
    ("a { background: url('http://x/y.png') }\n", "loads nothing", 1),
    ("\n\na { }\n</style><script>alert(1)</script>", "cannot hold HTML", 4),
])
def test_a_stylesheet_that_would_leave_the_page_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str, line: int
) -> None:
    css = tmp_path / "bad.css"
    css.write_text(content, encoding="utf-8")
    assert main(["assess", str(VASTMANLAND), "--format", "html", "--stylesheet",
                 str(css)]) == 2
    err = capsys.readouterr().err
    assert f"{css}:{line}: " in err
    assert message in err
    assert "Traceback" not in err


def test_bad_theme_files_exit_2_with_a_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from indikator.io.theme import MAX_STYLESHEET_BYTES, read_theme

    latin1 = tmp_path / "latin1.css"
    latin1.write_bytes(b"a {}\n/* r\xe4k */\n")
    with pytest.raises(InputError, match="not UTF-8") as info:
        read_theme(latin1)
    assert info.value.line == 2
    big = tmp_path / "big.css"
    big.write_bytes(b" " * (MAX_STYLESHEET_BYTES + 1))
    with pytest.raises(InputError, match=r"big\.css"):
        read_theme(big)
    text = tmp_path / "logo.txt"
    text.write_text("not an image", encoding="utf-8")
    assert main(["assess", str(VASTMANLAND), "--format", "html", "--logo", str(text)]) == 2
    assert "logo.txt: the logo is not an image" in capsys.readouterr().err
    assert main(["assess", str(VASTMANLAND), "--format", "html", "--logo",
                 str(tmp_path / "missing.png")]) == 2
    assert "missing.png" in capsys.readouterr().err
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    assert read_theme(logo=svg).logo is not None
    assert read_theme(logo=svg).logo.startswith("data:image/svg+xml;base64,")  # type: ignore[union-attr]


def test_theme_record_renders_through_the_library() -> None:
    result, dataset, programme = _five()
    tree = result.tree("1960")
    page = render(tree, dataset, "html", "en", programme,
                  theme=Theme(css=":root{--ik-accent:#123456}", logo=None))
    assert "<style>:root{--ik-accent:#123456}</style>" in page


# -- rendering is linear in the nodes ----------------------------------------------------


def test_definitions_are_indexed_once_not_walked_per_node(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rendering a report looks up every metric; the programme is walked once, not per node."""
    result, dataset, programme = _five()
    calls = {"metrics": 0, "indicators": 0}
    real_metrics, real_indicators = ik.Programme.metrics, ik.Programme.indicators

    def metrics(self: ik.Programme) -> dict[str, ik.Metric]:
        calls["metrics"] += 1
        return real_metrics(self)

    def indicators(self: ik.Programme) -> dict[str, object]:
        calls["indicators"] += 1
        return real_indicators(self)  # type: ignore[return-value]

    monkeypatch.setattr(ik.Programme, "metrics", metrics)
    monkeypatch.setattr(ik.Programme, "indicators", indicators)
    for fmt in ("table", "markdown", "html"):
        calls.update(metrics=0, indicators=0)
        render(result.tree("1960"), dataset, fmt, "sv", programme)  # type: ignore[arg-type]
        assert calls["metrics"] <= 1, (fmt, calls)
        assert calls["indicators"] <= 1, (fmt, calls)


# -- any programme: ids unique, every link resolves --------------------------------------

_IDS = st.text("ab._-", min_size=1, max_size=3).map(lambda s: "x" + s)  # slugs collide


@st.composite
def _programmes(draw: st.DrawFn) -> tuple[ik.Programme, ik.Observations]:
    ids = iter(draw(st.lists(_IDS, min_size=40, max_size=40, unique=True)))
    long = draw(st.booleans())  # ids past the 60 characters an element id keeps
    areas, cols = [], {"entity": [], "metric": [], "period": [], "value": []}  # type: dict[str, list[object]]
    for _ in range(draw(st.integers(1, 3))):
        inds = []
        for _ in range(draw(st.integers(0 if areas else 1, 2))):  # a goal area may have none
            metrics = []
            for _ in range(draw(st.integers(1, 2))):
                mid = next(ids) + ("m" * 70 if long else "")
                metrics.append(ik.Metric(id=mid, name=mid, unit="st",
                                         strategy=ik.strategies.VsBase()))
                for entity in ("2", "10"):
                    for period, value in ((2023, draw(st.integers(0, 3))), (2024, 2)):
                        for k, v in (("entity", entity), ("metric", mid), ("period", period),
                                     ("value", float(value))):
                            cols[k].append(v)
            inds.append(ik.SimpleIndicator(id=next(ids), name="I <&>", metrics=metrics))
        areas.append(ik.GoalArea(id=next(ids), name="A", indicators=inds))
    programme = ik.Programme(id="p", name="P", goal_areas=areas)
    return programme, ik.Observations.from_columns(unit="st", **cols)  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None)
@given(_programmes())
def test_any_programme_s_pages_have_unique_ids_and_links_that_resolve(
    case: tuple[ik.Programme, ik.Observations],
) -> None:
    programme, table = case
    result = ik.evaluate(programme, table, periods=range(2023, 2025))
    trees = _trees(result)
    dataset = ik.Dataset(programme="p", period=2024)
    one = render(result.tree("2", 2024), dataset, "html", "sv", programme)
    _assert_links_resolve(one)
    many = render_many(trees, dataset, "html", "en", programme, result=result, matrix="metrics")
    _assert_links_resolve(many)
    assert many.count('<section class="entity"') == 4


def test_colour_leaves_an_en_dash_inside_a_name_alone() -> None:
    from indikator.render.table import colorize

    text = "Program 2019–2030: ▲ Positiv\n1960  –  ■\n"
    out = colorize(text, "sv")
    assert "2019–2030" in out  # the no-value symbol inside a word is text
    assert "\x1b[32m▲ Positiv\x1b[0m" in out
    assert "\x1b[2m–\x1b[0m" in out  # a grid's cells
    assert "\x1b[33m■\x1b[0m" in out
    assert ANSI.sub("", out) == text


def test_a_terminal_that_says_it_has_no_width_gets_the_default() -> None:
    class Sizeless(_Tty):
        def fileno(self) -> int:
            raise OSError("no size")

    assert terminal_width(Sizeless(), {}) in range(40, 161)
