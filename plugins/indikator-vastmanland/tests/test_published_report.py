"""The whole published table of Hållbarhetsredovisning 2024, asserted against the report.

Every expected verdict below is transcribed by hand from the report (Bilaga 1 and the
goal-area tables of "Uppföljning av Regionens hållbarhetsmål år 2024"), with the names as
the report prints them, its line breaks joined and footnote markers dropped. Nothing here
is computed.
"""

from __future__ import annotations

from indikator.model import Programme
from indikator.verdict import Assessment, Basis, Level

# Bilaga 1, metric by metric: (name as printed, Utveckling 2024 as printed without stars).
PUBLISHED_METRICS = [
    ("Energianvändning per fordonskilometer (kollektivtrafik buss)", "Positiv"),
    ("Andel källsorterat avfall för materialåtervinning", "Oförändrad"),
    ("Organisationens totala mängd avfall per länsinvånare", "Oförändrad"),
    ("Energiförbrukning i fastigheter och verksamheter", "Positiv"),
    ("Totalt matsvinn gram per portion (inkl produktion)", "Negativ"),
    ("Resurseffektivitet nybyggnation, Vårdbyggnad NAV etapp 1 (Kvoten mellan BTA och LOA)",
     "Positiv"),
    ("Antal genomförda kategoriarbeten (inom Inköp Sörmland/Västmanland) där miljö beaktas i "
     "processen", "Positiv"),
    ("Antal genomförda kategoriarbeten (inom Inköp Sörmland/Västmanland) där sociala aspekter "
     "beaktas i processen", "Negativ"),
    ("Antal upphandlingar med förhöjda miljökrav", "Positiv"),
    ("Antal upphandlingar som omfattar externa transporter utan generella miljökrav om "
     "fossilfria och förnyelsebara drivmedel", "Positiv"),
    ("Andel livsmedelsupphandlingar utan förhöjda miljökrav", "Positiv"),
    ("Kost: Andel ekologiska livsmedel", "Oförändrad"),
    ("Tärna folkhögskola: Andel ekologiska livsmedel", "Oförändrad"),
    ("Regionens totala utsläpp av CO2e", "Oförändrad"),
    ("Andel fossilfria drivmedel", "Positiv"),
    ("Regionens klimatpåverkan från energianvändning", "Positiv"),
    ("Regionens klimatpåverkan från inköp", "Oförändrad"),
    ("Koldioxidintensitet i regionens kapitalförvaltning", "Positiv"),
    ("Alla processer för riskbedömning är säkrade utifrån en anpassning till "
     "klimatförändringar som redan uppstått eller väntas uppstå.", "Oförändrad"),
    ("Andel gröna och gula varor i Byggvarubedömningen, Vårdbyggnad etapp 1 %", "Positiv"),
    ("Andel röda varor i Byggvarubedömningen, Vårdbyggnad etapp 1 %", "Positiv"),
    ("Årlig minskning av den totala antibiotikabelastningen i antal recept/1000 invånare på "
     "2,5%", "Negativ"),
    ("Antal genomförda egenkontroller miljö", "Negativ"),
    ("Antal kemikalier på utfasningslistorna", "Negativ"),
    ("Antal incidentrapporter gällande utsläpp/kemikalier produktion, Vårdbyggnad NAV etapp 1",
     "Positiv"),
]

# The goal areas' indicator tables ("Indikatorer | Utveckling 2024").
PUBLISHED_INDICATORS = [
    ("Material-, livsmedels- och produktflöden hanteras utifrån cirkulära principer",
     "Oförändrad"),
    ("Alla inköp bedöms utifrån cirkularitet, klimatpåverkan, biologisk mångfald och giftfri "
     "miljö samt social hållbarhet", "Positiv"),
    ("Regionens totala utsläpp av koldioxidekvivalenter ska minska med 50%", "Oförändrad"),
    ("Alla transporter drivs av fossilfria och förnybara bränslen", "Positiv"),
    ("Halverad klimatpåverkan (mätt i koldioxidekvivalenter) från energianvändningen i "
     "regionens fastigheter och verksamheter", "Positiv"),
    ("Halverad klimatpåverkan (mätt i koldioxidekvivalenter) från inköp av material, "
     "produkter, livsmedel och tjänster", "Oförändrad"),
    ("Halverad koldioxidintensitet i regionens kapitalförvaltning med bibehållen avkastning",
     "Positiv"),
    ("Alla processer för riskbedömning är säkrade utifrån en anpassning till "
     "klimatförändringar som redan uppstått eller väntas uppstå", "Oförändrad"),
    ("Minskad negativ påverkan på biologisk mångfald och en giftfri miljö från regionens "
     "användning av produkter material och andra resurser", "Positiv"),
    ("Minskad miljöpåverkan från regionens användning och förskrivning av läkemedel med "
     "bibehållen eller ökad patientnytta", "Negativ"),
    ("Minskad negativ miljö- och hälsopåverkan från regionens användning av kemikalier",
     "Negativ"),
]

# "Samlad bedömning av måluppfyllelse": (Målområde, Mål, Utveckling 2024).
PUBLISHED_GOAL_AREAS = [
    ("Hållbara inköp och resurseffektivitet",
     "2030 är Region Västmanlands inköp resurseffektiva och hållbara", "Oförändrad"),
    ("Jämlikhet och jämställdhet",
     "2030 är Region Västmanlands verksamheter jämlika och jämställda", "Inget värde"),
    ("Tillgänglighet och delaktighet",
     "2030 är Region Västmanlands verksamheter tillgängliga och inkluderande", "Inget värde"),
    ("Klimat",
     "2030 är Region Västmanlands utsläpp av växthusgaser i linje med Parisavtalet och har en "
     "verksamhet anpassad till de klimatförändringar som redan uppstått eller kan förväntas "
     "uppstå", "Oförändrad"),
    ("Biologisk mångfald och giftfri miljö",
     "2030 är Region Västmanland anpassat till att värna om biologisk mångfald och en giftfri "
     "miljö", "Negativ"),
]

# "Ökad hållbarhet: Måluppfyllelse enligt program, målområden som förbättras".
PUBLISHED_PROGRAMME = ("Hållbarhetsprogram 2023–2030", "Oförändrad")

# Indicators per goal area, in report order (how many rows each goal-area table has).
PUBLISHED_INDICATORS_PER_AREA = [2, 0, 0, 6, 3]
# Metrics per indicator, in Bilaga 1 order.
PUBLISHED_METRICS_PER_INDICATOR = [6, 7, 1, 1, 1, 1, 1, 1, 2, 1, 3]


def _by_level(tree: Assessment, level: Level) -> list[Assessment]:
    return [n for n in tree.walk() if n.level is level]


def test_every_metric_verdict_is_the_published_one(tree: Assessment) -> None:
    metrics = _by_level(tree, Level.METRIC)
    got = [(n.name.sv, n.verdict.label("sv")) for n in metrics]
    assert got == PUBLISHED_METRICS


def test_every_indicator_verdict_is_the_published_one(tree: Assessment) -> None:
    got = [(n.name.sv, n.verdict.label("sv")) for n in _by_level(tree, Level.INDICATOR)]
    assert got == PUBLISHED_INDICATORS


def test_every_goal_area_verdict_is_the_published_one(
    tree: Assessment, programme: Programme
) -> None:
    goals = {a.id: a.goal.sv if a.goal else None for a in programme.goal_areas}
    got = [(n.name.sv, goals[n.id], n.verdict.label("sv")) for n in tree.children]
    assert got == PUBLISHED_GOAL_AREAS


def test_the_programme_verdict_is_the_published_one(tree: Assessment) -> None:
    assert (tree.name.sv, tree.verdict.label("sv")) == PUBLISHED_PROGRAMME


def test_the_tree_has_the_reports_shape(tree: Assessment) -> None:
    assert [len(a.children) for a in tree.children] == PUBLISHED_INDICATORS_PER_AREA
    per_indicator = [len(i.children) for i in _by_level(tree, Level.INDICATOR)]
    assert per_indicator == PUBLISHED_METRICS_PER_INDICATOR
    assert sum(per_indicator) == 25


def test_every_roll_up_is_a_rule(tree: Assessment) -> None:
    for node in tree.walk():
        if node.level is not Level.METRIC:
            assert node.basis is Basis.ROLLUP, node.id
            assert node.verdict is node.rule_verdict, node.id


def test_every_name_has_an_english_name(tree: Assessment) -> None:
    for node in tree.walk():
        assert node.name.en != node.name.sv, node.id
