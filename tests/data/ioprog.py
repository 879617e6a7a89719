"""A small in-memory programme for the io, validate and HTML tests (loaded by path)."""

from __future__ import annotations

from indikator.model import Component, GoalArea, Metric, Programme, SimpleIndicator, Target
from indikator.strategies import Components, TextOutcome, VsBase


def programme() -> Programme:
    bus = Metric(id="bus-energy",
                 name={"sv": "Energi per km, bussar", "en": "Energy per km, buses"},
                 unit="kWh/km", direction="lower", strategy=VsBase(dead_band=0.05),
                 targets=(Target(value=3.2, unit="kWh/km", year=2030),))
    waste = Metric(id="waste", name={"sv": "Avfall per invånare", "en": "Waste per inhabitant"},
                   unit="kg/invånare", direction="lower", strategy=VsBase(relative_dead_band=0.02))
    veg = Metric(id="veg-share", name={"sv": "Andel vegetariskt", "en": "Vegetarian share"},
                 unit="%", direction="higher", strategy=VsBase())
    plan = Metric(id="plan", name={"sv": "Klimatanpassningsplan", "en": "Adaptation plan"},
                  unit=None, strategy=TextOutcome(scale=("saknas", "påbörjad", "klar")))
    chem = Metric(id="chemicals", name={"sv": "Kemikalier", "en": "Chemicals"}, unit="st",
                  direction="lower",
                  components=(Component("phase-out", "Utfasning"), Component("risk", "Risk")),
                  strategy=Components())
    energy = SimpleIndicator(id="energy", name={"sv": "Energin används effektivt",
                                                "en": "Energy is used efficiently"},
                             metrics=(bus, waste, chem),
                             target={"sv": "Minska", "en": "Decrease"})
    food = SimpleIndicator(id="food", name={"sv": "Hållbar mat", "en": "Sustainable food"},
                           metrics=(veg, plan))
    return Programme(
        id="test-prog", name={"sv": "Testprogram", "en": "Test programme"},
        goal_areas=(
            GoalArea(id="climate", name={"sv": "Klimat", "en": "Climate"}, indicators=(energy,),
                     goal={"sv": "Klimatneutral region 2030",
                           "en": "A climate-neutral region by 2030"}),
            GoalArea(id="society", name={"sv": "Samhälle", "en": "Society"}, indicators=(food,)),
        ),
        first_year=2019, last_year=2030,
    )
