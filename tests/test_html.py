"""The HTML report as text: standalone, accessible, bilingual, and every data text escaped."""

from __future__ import annotations

import importlib.util
import itertools
import re
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from indikator.engine import assess
from indikator.io import load_dataset
from indikator.model import Dataset, Programme
from indikator.render import render
from indikator.render.html import _CSS, render_html
from indikator.verdict import Assessment, Level, Verdict

_spec = importlib.util.spec_from_file_location("io_test_programme",
                                               Path(__file__).parent / "data" / "ioprog.py")
assert _spec is not None
assert _spec.loader is not None
_prog = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_prog)
PROG: Programme = _prog.programme()
DATASET: Dataset = load_dataset(Path(__file__).parent / "data" / "good")
TREE: Assessment = assess(PROG, DATASET)


class _Outline(HTMLParser):
    """Collects tags, headings and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self._heading: int | None = None
        self._buf: list[str] = []
        self._hidden = 0
        self.stack: list[str] = []

    _VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "circle", "rect", "polygon",
                       "polyline", "line"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in {"style", "title", "desc"}:
            self._hidden += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._buf = int(tag[1]), []
        if tag not in self._VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "title", "desc"}:
            self._hidden -= 1
        if self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._buf).split())))
            self._heading = None
        if tag not in self._VOID:
            assert self.stack, f"</{tag}> closes nothing"
            assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._buf.append(data)
        if not self._hidden:
            self.text.append(data)


def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], "unclosed elements"
    return parser


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_page_is_well_formed_with_a_lang_and_an_outline(lang: str) -> None:
    page = render_html(TREE, DATASET, lang)  # type: ignore[arg-type]
    assert page.startswith("<!DOCTYPE html>\n")
    doc = outline(page)
    assert ("html", {"lang": lang}) in doc.tags
    levels = [level for level, _ in doc.headings]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level
    names = [text for _, text in doc.headings]
    metrics = [n for n in TREE.walk() if n.level is Level.METRIC]
    for node in TREE.walk():
        assert any(text.startswith(node.name.get(lang)) for text in names), node.id  # type: ignore[arg-type]
    assert sum(1 for level, _ in doc.headings if level == 4) == len(metrics)


def test_verdicts_are_shown_by_symbol_and_label_not_colour_alone() -> None:
    for lang in ("sv", "en"):
        page = render_html(TREE, DATASET, lang)
        for node in TREE.walk():
            badge = (f'<span class="verdict v-{node.verdict.value}"><span class="sym" '
                     f'aria-hidden="true">{node.verdict.symbol}</span>'
                     f"{node.verdict.label(lang)}</span>")
            assert badge in page, (lang, node.id)
        for verdict in Verdict:  # the legend names every verdict in words
            assert verdict.label(lang) in page


def test_data_text_is_escaped_never_markup() -> None:
    page = render_html(TREE, DATASET, "sv")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "&lt;b&gt;ny mätmetod&lt;/b&gt;" in page  # the judgment's reason
    text = " ".join(outline(page).text)
    assert "<script>document.title='pwned'</script>" in text


def test_hostile_names_and_ids_are_escaped() -> None:
    import attrs

    evil = '"><img src=x onerror=alert(1)>'
    node = TREE.find("bus-energy")
    bad = attrs.evolve(node, id=evil, name=attrs.evolve(node.name, sv=evil, en=evil))
    tree = _replace(TREE, "bus-energy", bad)
    page = render_html(tree, DATASET, "sv")
    assert "<img" not in page
    assert all(tag != "img" for tag, _ in outline(page).tags)


def _replace(tree: Assessment, node_id: str, new: Assessment) -> Assessment:
    import attrs

    if tree.id == node_id:
        return new
    return attrs.evolve(tree, children=tuple(_replace(c, node_id, new) for c in tree.children))


def test_standalone_no_network_no_scripts() -> None:
    page = render_html(TREE, DATASET, "en")
    doc = outline(page)
    assert not [t for t, _ in doc.tags if t in {"script", "link", "iframe", "img", "object"}]
    assert "url(" not in page
    assert "@import" not in page
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * page.count(
        "<svg")
    assert "default-src 'none'" in page


def test_a_trend_chart_per_numeric_metric_with_a_text_alternative() -> None:
    page = render_html(TREE, DATASET, "sv")
    numeric = [n for n in TREE.walk() if n.level is Level.METRIC
               and any(o.value is not None for o in n.observations)]
    assert page.count("<svg") == len(numeric) == 4
    doc = outline(page)
    svgs = [a for t, a in doc.tags if t == "svg"]
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    desc = '<desc id="metric-bus-energy-chart-d">2019: 5,1; 2023: 4,6; 2024: 4,5 kWh/km'
    assert desc in page  # then the basis in words
    assert "Inget diagram" in page  # the text metric says why it has none


def test_judged_metric_shows_the_rules_own_verdict_beside_the_reason() -> None:
    page = render_html(TREE, DATASET, "en")
    waste = TREE.find("waste")
    assert waste.rule_verdict is Verdict.POSITIVE
    assert waste.verdict is Verdict.UNCHANGED
    block = page[page.index('<div class="judgment">'):]
    block = block[: block.index("</div>")]
    assert "Reason:" in block
    assert "Förändringen är marginell" in block
    assert "Verksamhet Hållbarhet, 2025-03-31" in block
    assert "The rule alone:" in block
    assert '<span class="verdict v-positive">' in block
    assert "470.25 kg/invånare in 2024 against 498.5" in block


def _article(page: str, metric_id: str) -> str:
    start = page.index(f'<article class="metric" aria-labelledby="metric-{metric_id}"')
    return page[start : page.index("</article>", start)]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_judged_card_shows_the_judgment_once(lang: str) -> None:
    page = render_html(TREE, DATASET, lang)  # type: ignore[arg-type]
    card = _article(page, "waste")
    waste = TREE.find("waste")
    assert waste.judgment is not None
    assert card.count(html_escape(waste.judgment.reason)) == 1  # not again as explanation
    assert card.count(f"v-{Verdict.UNCHANGED.value}") == 1  # the judged verdict, once
    assert card.count(f"v-{Verdict.POSITIVE.value}") == 1  # the rule's, beside its sentence
    assert card.count('<div class="judgment">') == 1
    rule = waste.rule_explanation
    assert rule is not None
    assert html_escape(rule.sentence(lang)) in card  # type: ignore[arg-type]
    # a card without a judgment keeps its explanation
    bus = _article(page, "bus-energy")
    assert html_escape(TREE.find("bus-energy").explanation.sentence(lang)) in bus  # type: ignore[arg-type]
    assert '<div class="judgment">' not in bus


def test_chart_and_table_are_laid_out_alike_in_every_card() -> None:
    # The layout must not depend on the table's content: a fixed chart column beside a
    # table column (a wrapping flex row put a wide table under the chart, a narrow one
    # beside it); only a narrow screen stacks them, for every card alike.
    rule = re.search(r"\.data \{([^}]*)\}", _CSS)
    assert rule is not None
    assert "flex-wrap" not in rule.group(1)
    assert re.search(r"grid-template-columns:\s*320px minmax\(0, 1fr\)", rule.group(1))
    page = render_html(TREE, DATASET, "sv")
    for card in re.findall(r'<div class="data">(.*?)</div>', page, re.S):
        assert card.lstrip().startswith(("<figure>", '<p class="basis">'))  # chart first
        assert card.count("<table>") + card.count("<p>") == 1  # then the outcomes


def test_a_change_against_the_base_year_says_so() -> None:
    import attrs

    from indikator.model import GoalArea, SimpleIndicator
    from indikator.strategies import VsBase

    change = next(iter(PROG.metrics().values()))
    change = attrs.evolve(change, unit="%", base_year=2019, base_value=0.0, strategy=VsBase())
    prog = Programme(id=PROG.id, name=PROG.name, goal_areas=[GoalArea(
        id="a", name="A", indicators=[SimpleIndicator(id="i", name="I", metrics=[change])])])
    sv = render_html(TREE, DATASET, "sv", programme=prog)
    assert "Enhet: % · Mäts gentemot basår 2019" in sv
    en = render_html(TREE, DATASET, "en", programme=prog)
    assert "Unit: % · Measured against base year 2019" in en
    assert "basår" not in render_html(TREE, DATASET, "sv", programme=PROG)


def test_swedish_and_english_labels_and_numbers() -> None:
    sv, en = render_html(TREE, DATASET, "sv"), render_html(TREE, DATASET, "en")
    assert "Teckenförklaring" in sv
    assert "Legend" in en
    assert ">470,25<" in sv
    assert ">470.25<" in en
    assert "preliminärt" in sv
    assert "provisional" in en
    assert "<title>Testprogram – Hållbarhetsredovisning 2024 – 2024</title>" in sv


def test_render_dispatches_html() -> None:
    assert render(TREE, DATASET, "html", "en") == render_html(TREE, DATASET, "en")


def test_definitions_from_the_programme_goal_target_direction() -> None:
    sv = render_html(TREE, DATASET, "sv", programme=PROG)
    assert '<p class="def"><strong>Mål:</strong> Klimatneutral region 2030</p>' in sv
    assert '<p class="def"><strong>Målvärde 2030:</strong> Minska</p>' in sv
    assert "Riktning: lägre är bättre · Enhet: kWh/km · Målvärde: 3,2 kWh/km (2030)" in sv
    en = render_html(TREE, DATASET, "en", programme=PROG)
    assert "Direction: lower is better · Unit: kWh/km · Target: 3.2 kWh/km (2030)" in en
    assert "Klimatneutral" not in render_html(TREE, DATASET, "sv")  # not installed: left out


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_verdict_colours_have_sufficient_contrast() -> None:
    rules = re.findall(r"\.v-(\w+) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", _CSS)
    assert {r[0] for r in rules} == {v.value for v in Verdict}
    for _name, bg, fg in rules:
        hi, lo = sorted((_luminance(bg), _luminance(fg)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 7.0


def test_cli_assess_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import indikator.plugins
    from indikator.cli import main

    monkeypatch.setattr(indikator.plugins, "get_programme", lambda _id, _pm=None: PROG)
    out = tmp_path / "r.html"
    folder = Path(__file__).parent / "data" / "good"
    assert main(["assess", str(folder), "--format", "html", "--lang", "en", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").rstrip("\n") == render_html(TREE, DATASET,
                                                                      "en").rstrip("\n")
