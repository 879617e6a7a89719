"""The command's outputs on the example: terminal table, Markdown (Bilaga 1), JSON, HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from indikator.cli import main
from indikator.model import Dataset
from indikator.render.markdown import render_markdown
from indikator.render.table import format_value, render_table
from indikator.verdict import Assessment

# Bilaga 1 as printed: (Mätetal, Utfall 2023, Utfall 2024, Utveckling 2024), footnote
# stars dropped. Where the rendering deliberately differs from the print, the printed
# form is in the comment. Every unit follows a space, as in the explanations (the report
# glues "%" and "st" to the number: "33,8%", "2st").
BILAGA_1 = [
    ("Energianvändning per fordonskilometer (kollektivtrafik buss)", "3,6 kWh/km",
     "4,5 kWh/km", "Positiv"),
    ("Andel källsorterat avfall för materialåtervinning", "33,8 %", "36,8 %", "Oförändrad"),
    ("Organisationens totala mängd avfall per länsinvånare", "6,8 kg/länsinvånare",
     "6,6 kg/länsinvånare", "Oförändrad"),
    ("Energiförbrukning i fastigheter och verksamheter", "188 kWh/m2 BRA", "185 kWh/m2 BRA",
     "Positiv"),
    ("Totalt matsvinn gram per portion (inkl produktion)", "90 gram", "95 gram", "Negativ"),
    ("Resurseffektivitet nybyggnation, Vårdbyggnad NAV etapp 1 (Kvoten mellan BTA och LOA)",
     "69 %", "69 %", "Positiv"),
    ("Antal genomförda kategoriarbeten (inom Inköp Sörmland/Västmanland) där miljö beaktas i "
     "processen", "1 st", "2 st", "Positiv"),
    ("Antal genomförda kategoriarbeten (inom Inköp Sörmland/Västmanland) där sociala aspekter "
     "beaktas i processen", "-", "0 st", "Negativ"),
    ("Antal upphandlingar med förhöjda miljökrav", "20 st", "30 st", "Positiv"),
    ("Antal upphandlingar som omfattar externa transporter utan generella miljökrav om "
     "fossilfria och förnyelsebara drivmedel", "-", "0 st", "Positiv"),
    ("Andel livsmedelsupphandlingar utan förhöjda miljökrav", "0 %", "0 %", "Positiv"),
    ("Kost: Andel ekologiska livsmedel", "40 %", "42 %", "Oförändrad"),
    ("Tärna folkhögskola: Andel ekologiska livsmedel", "36 %", "37 %", "Oförändrad"),
    ("Regionens totala utsläpp av CO2e", "-2 %", "+1 %", "Oförändrad"),
    ("Andel fossilfria drivmedel", "93 %", "95 %", "Positiv"),
    ("Regionens klimatpåverkan från energianvändning", "-31 %", "-29 %", "Positiv"),
    # printed "9%" and "11%": the sign is made explicit (see the data's notes)
    ("Regionens klimatpåverkan från inköp", "+9 %", "+11 %", "Oförändrad"),
    ("Koldioxidintensitet i regionens kapitalförvaltning", "-11,6 %", "-35 %", "Positiv"),
    ("Alla processer för riskbedömning är säkrade utifrån en anpassning till "
     "klimatförändringar som redan uppstått eller väntas uppstå.",
     "Integrerade i flera riskbedömningsprocesser, men otillräcklig tillämpning",
     "Integrerade i flera riskbedömningsprocesser, men otillräcklig tillämpning", "Oförändrad"),
    ("Andel gröna och gula varor i Byggvarubedömningen, Vårdbyggnad etapp 1 %", "86 %", "74 %",
     "Positiv"),
    ("Andel röda varor i Byggvarubedömningen, Vårdbyggnad etapp 1 %", "14 %", "17 %", "Positiv"),
    # printed as bare numbers "268" and "274": the unit (in the name) is shown
    ("Årlig minskning av den totala antibiotikabelastningen i antal recept/1000 invånare på "
     "2,5%", "268 recept/1000 invånare", "274 recept/1000 invånare", "Negativ"),
    # printed "161" without a unit
    ("Antal genomförda egenkontroller miljö", "161 st", "152 st", "Negativ"),
    ("Antal kemikalier på utfasningslistorna",
     "CMR 26 st<br>Kandidatförteckningen -<br>Priodatabas -",
     "CMR 28 st<br>Kandidatförteckningen 43 st<br>Priodatabas 160 st", "Negativ"),
    ("Antal incidentrapporter gällande utsläpp/kemikalier produktion, Vårdbyggnad NAV etapp 1",
     "0 st", "0 st", "Positiv"),
]

SYMBOL = {"Positiv": "▲", "Oförändrad": "■", "Negativ": "▼", "Inget värde": "–"}


def _table_rows(markdown: str) -> list[list[str]]:
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| **"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            rows.append([c.replace("\\*", "").replace("\\|", "|") for c in cells])
    return rows


@pytest.fixture(scope="module")
def markdown(tree: Assessment, dataset: Dataset) -> str:
    return render_markdown(tree, dataset, "sv")


def test_markdown_has_every_bilaga_1_row(markdown: str) -> None:
    rows = {r[0]: r for r in _table_rows(markdown) if len(r) == 4}
    for name, before, now, verdict in BILAGA_1:
        assert name in rows, name
        _, got_before, got_now, got_verdict = rows[name]
        assert (got_before, got_now) == (before, now), name
        assert got_verdict.startswith(f"{SYMBOL[verdict]} {verdict}"), name


def test_markdown_shows_the_rule_beside_each_judgment(markdown: str) -> None:
    rows = {r[0]: r for r in _table_rows(markdown) if len(r) == 4}
    assert rows["Andel källsorterat avfall för materialåtervinning"][3] == (
        "■ Oförändrad (regeln: ▲ Positiv)"
    )
    assert rows["Andel röda varor i Byggvarubedömningen, Vårdbyggnad etapp 1 %"][3] == (
        "▲ Positiv (regeln: ▼ Negativ)"
    )
    assert markdown.count("(regeln: ") == 4
    assert "\\*\\* Bedömning: Förändringen är marginell" in markdown


def test_markdown_has_the_roll_up_tables(markdown: str) -> None:
    rows = _table_rows(markdown)
    assert ["Jämlikhet och jämställdhet",
            "2030 är Region Västmanlands verksamheter jämlika och jämställda",
            "– Inget värde"] in rows
    assert "| **Samlad bedömning av målet** | **▼ Negativ** |" in markdown
    assert markdown.count("| **Samlad bedömning av indikatorn** |") == 11
    assert "indikatorerna för de två målområdena tagits bort 2024" in markdown
    assert "Av 25 mätetal bedöms 21 med en regel och 4 genom en bedömning" in markdown


def test_markdown_footnotes_keep_the_reports_notes(markdown: str) -> None:
    assert "\\* Ny indikator från 2024" in markdown
    assert "utfallet angavs då till 80%" in markdown
    assert "Mätetal saknas på grund av bristande datakvalitet" in markdown


def _starred_rows(markdown: str) -> dict[str, list[str]]:
    """The Bilaga 1 rows by metric name, footnote stars kept (unescaped)."""
    rows = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| **"):
            cells = [c.strip().replace("\\*", "*").replace("\\|", "|")
                     for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if len(cells) == 4:
                rows[cells[0].rstrip("*")] = cells
    return rows


# Where Bilaga 1 puts its stars: (metric, column, the cell as rendered). A note on the
# assessed year explains the verdict (star on the verdict); a note on the year before or
# on a restated or missing figure is about that figure (star on the outcome); the base year
# of a change is a fact of the metric (star on its name).
STARS = [
    ("Energianvändning per fordonskilometer (kollektivtrafik buss)", 2, "4,5 kWh/km"),
    ("Energianvändning per fordonskilometer (kollektivtrafik buss)", 3, "▲ Positiv*"),
    ("Kost: Andel ekologiska livsmedel", 2, "42 %"),
    ("Kost: Andel ekologiska livsmedel", 3, "■ Oförändrad**"),
    ("Tärna folkhögskola: Andel ekologiska livsmedel", 3, "■ Oförändrad**"),
    ("Andel källsorterat avfall för materialåtervinning", 3, "■ Oförändrad** (regeln: ▲ Positiv)"),
    ("Andel fossilfria drivmedel", 1, "93 %*"),
    ("Andel fossilfria drivmedel", 3, "▲ Positiv"),
    ("Regionens totala utsläpp av CO2e", 0, "Regionens totala utsläpp av CO2e*"),
    ("Regionens klimatpåverkan från inköp", 0, "Regionens klimatpåverkan från inköp*"),
    ("Koldioxidintensitet i regionens kapitalförvaltning", 0,
     "Koldioxidintensitet i regionens kapitalförvaltning*"),
    ("Regionens klimatpåverkan från energianvändning", 2, "-29 %"),
    ("Regionens klimatpåverkan från energianvändning", 3, "▲ Positiv**"),
    ("Antal kemikalier på utfasningslistorna", 1,
     "CMR 26 st\nKandidatförteckningen -*\nPriodatabas -*".replace("\n", "<br>")),
    ("Antal kemikalier på utfasningslistorna", 2,
     "CMR 28 st\nKandidatförteckningen 43 st\nPriodatabas 160 st".replace("\n", "<br>")),
    ("Antal kemikalier på utfasningslistorna", 3, "▼ Negativ**"),
]


@pytest.mark.parametrize(("name", "column", "cell"), STARS)
def test_footnote_stars_sit_where_the_report_puts_them(
    markdown: str, name: str, column: int, cell: str
) -> None:
    assert _starred_rows(markdown)[name][column] == cell


def test_changes_against_the_base_year_say_so(markdown: str) -> None:
    # Bilaga 1: "* Mäts gentemot basår 2019" under the total, purchases and capital rows;
    # the energy row is measured the same way, so it says so too.
    assert markdown.count("\\* Mäts gentemot basår 2019.") == 4
    rows = _starred_rows(markdown)
    assert not rows["Andel fossilfria drivmedel"][0].endswith("*")


def test_the_swedish_reports_are_in_swedish(tree: Assessment, dataset: Dataset) -> None:
    from indikator.render.html import render_html

    for text in (render_markdown(tree, dataset, "sv"), render_table(tree, dataset, "sv"),
                 render_html(tree, dataset, "sv")):
        text = " ".join(text.split())  # the table wraps its lines
        assert "tagits bort 2024." in text
        assert "The goal area" not in text
        assert "removed in 2024" not in text


def test_units_follow_a_space_in_every_report(tree: Assessment, dataset: Dataset) -> None:
    table = render_table(tree, dataset, "sv")
    markdown = render_markdown(tree, dataset, "sv")
    for text in (table, markdown):
        assert "161 st" in text
        assert "152 st 2024 mot 161 st 2023" in text  # the explanation, the same way
        assert not re.search(r"\d(?:st|%)(?![\w])", text.replace("2,5%", "")
                             .replace("50%", "").replace("80%", "").replace("100%", ""))


def test_the_terminal_table_never_breaks_a_word(tree: Assessment, dataset: Dataset) -> None:
    text = render_table(tree, dataset, "sv")
    assert text.count("riskbedömningsprocesser,") == 3  # two outcomes and the explanation
    assert "riskbedömningsp-" not in text
    assert text.count("Kandidatförteckningen") >= 3
    assert "Kandidatförteck-" not in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_the_english_report_uses_decimal_points(tree: Assessment, dataset: Dataset) -> None:
    text = render_markdown(tree, dataset, "en")
    assert "| Outcome 2023 | Outcome 2024 | Development 2024 |" in text
    assert "| 33.8 % | 36.8 % | ■ Unchanged\\*\\* (rule: ▲ Positive) |" in text


def test_the_terminal_table_shows_verdicts_explanations_and_judgments(
    tree: Assessment, dataset: Dataset
) -> None:
    text = render_table(tree, dataset, "sv")
    assert "Hållbarhetsprogram 2023–2030: Utveckling 2024: ■ Oförändrad" in text
    assert text.count("regeln: ▲ Positiv") == 2
    assert text.count("regeln: ▼ Negativ") == 2
    assert text.count("Varför: ") == 25
    assert "kräver -16,67 % 2024" in text
    assert "– Inget värde  Jämlikhet och jämställdhet" in text
    assert all(len(line) <= 100 for line in text.splitlines())


@pytest.mark.parametrize(
    ("value", "unit", "signed", "sv", "en"),
    [
        (3.6, "kWh/km", False, "3,6 kWh/km", "3.6 kWh/km"),
        (33.8, "%", False, "33,8 %", "33.8 %"),
        (1.0, "%", True, "+1 %", "+1 %"),
        (-11.6, "%", True, "-11,6 %", "-11.6 %"),
        (0.0, "st", True, "0 st", "0 st"),
        (161.0, "st", False, "161 st", "161 st"),
        (188.0, "kWh/m2 BRA", False, "188 kWh/m2 BRA", "188 kWh/m2 BRA"),
    ],
)
def test_values_are_printed_as_the_report_prints_them(
    value: float, unit: str, signed: bool, sv: str, en: str
) -> None:
    assert format_value(value, unit, "sv", signed=signed) == sv
    assert format_value(value, unit, "en", signed=signed) == en


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status = main(["assess", *args])
    out, err = capsys.readouterr()
    assert status == 0, err
    return out


def _check_node(node: dict[str, Any]) -> int:
    for key in ("id", "name", "level", "verdict", "children"):
        assert key in node, (node.get("id"), key)
    assert node["verdict"] in {"positive", "unchanged", "negative", "no_value"}
    if node["level"] == "metric":
        for key in ("basis", "rule_verdict", "strategy", "explanation", "observations"):
            assert key in node, (node["id"], key)
        assert node["children"] == []
        assert node["basis"] in {"rule", "judgment"}
        for obs in node["observations"]:
            assert {"period", "value", "unit", "text"} <= set(obs)
        return 1
    return sum(_check_node(c) for c in node["children"])


def test_json_follows_the_contract(capsys: pytest.CaptureFixture[str], example_path: Path) -> None:
    data = json.loads(_run(capsys, str(example_path), "--format", "json"))
    assert data["period"] == 2024
    assert "indikator_version" in data
    programme = data["programme"]
    assert programme["level"] == "programme"
    assert [a["level"] for a in programme["children"]] == ["goal_area"] * 5
    assert _check_node(programme) == 25
    judged = [
        m for a in programme["children"] for i in a["children"] for m in i["children"]
        if m["basis"] == "judgment"
    ]
    assert sorted((m["id"], m["verdict"], m["rule_verdict"]) for m in judged) == [
        ("green-yellow-products-share", "positive", "negative"),
        ("red-products-share", "positive", "negative"),
        ("sorted-waste-share", "unchanged", "positive"),
        ("waste-per-inhabitant", "unchanged", "positive"),
    ]


def test_the_command_prints_table_and_markdown(
    capsys: pytest.CaptureFixture[str], example_path: Path
) -> None:
    table = _run(capsys, str(example_path))
    assert "Av 25 mätetal bedöms 21 med en regel och 4 genom en bedömning" in table
    md = _run(capsys, str(example_path), "--format", "markdown", "--lang", "en")
    assert md.startswith("# Sustainability report 2024")


def test_the_html_page_is_standalone(
    capsys: pytest.CaptureFixture[str], example_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "rapport.html"
    assert _run(capsys, str(example_path), "--format", "html", "--output", str(target)) == ""
    page = target.read_text("utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "Antal kemikalier på utfasningslistorna" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    # Changes against the base year keep their sign in the outcome table, as in Bilaga 1.
    assert '<td class="num">+11</td>' in page
    assert '<td class="num">-29</td>' in page
    assert '<td class="num">+36,8</td>' not in page  # a share is not a change: no sign
