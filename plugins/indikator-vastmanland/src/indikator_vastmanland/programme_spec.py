"""The programme Hållbarhetsprogram 2023–2030 of Region Västmanland.

Five goal areas that group the indicators registered by this package's indicator modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import indikator
from indikator.provides import GoalAreaSpec, ProgrammeSpec
from indikator_vastmanland._common import PROGRAMME_ID

__all__ = ["PROGRAMME", "REMOVED_INDICATORS_NOTE", "indikator_programmes"]

REMOVED_INDICATORS_NOTE: Final = (
    "Målområdena Jämlikhet och jämställdhet samt Delaktighet och tillgänglighet bedöms inte "
    "längre möjliga och/eller relevanta att följa upp med hjälp av indikatorerna i "
    "programmet. Anledningarna är bland annat att det saknas effektiva tillvägagångssätt för "
    "att inhämta uppgifter, att det saknas uppgifter på förvaltningsnivå och/eller att "
    "indikatorerna inte redovisar någon förflyttning eller uppnådd effekt av arbetet. I och "
    "med detta har indikatorerna för de två målområdena tagits bort 2024."
)
"""Why two goal areas have no indicators in 2024: the report's own words, in Swedish only.

A note is one ``str`` in the core model, so it stays in the report's language (the
English reports show it as the report prints it); the README says it in English.
"""

PROGRAMME: Final = ProgrammeSpec(
    id=PROGRAMME_ID,
    name=("Hållbarhetsprogram 2023–2030", "Sustainability programme 2023–2030"),
    first_year=2023,
    last_year=2030,
    owner="Region Västmanland",
    note="Followed up yearly in the Hållbarhetsredovisning; the 2024 follow-up is the "
    "example dataset examples/vastmanland-2024.",
    goal_areas=(
        GoalAreaSpec(
            id="sustainable-purchasing",
            name=(
                "Hållbara inköp och resurseffektivitet",
                "Sustainable purchasing and resource efficiency",
            ),
            goal=(
                "2030 är Region Västmanlands inköp resurseffektiva och hållbara",
                "By 2030 Region Västmanland's purchases are resource-efficient and "
                "sustainable",
            ),
            indicators=("vastmanland.circular-flows", "vastmanland.assessed-purchases",),
        ),
        GoalAreaSpec(
            id="equality",
            name=("Jämlikhet och jämställdhet", "Equity and gender equality"),
            goal=(
                "2030 är Region Västmanlands verksamheter jämlika och jämställda",
                "By 2030 Region Västmanland's operations are equitable and gender-equal",
            ),
            indicators=(),
            note=REMOVED_INDICATORS_NOTE,
        ),
        GoalAreaSpec(
            id="accessibility",
            name=("Tillgänglighet och delaktighet", "Accessibility and participation"),
            goal=(
                "2030 är Region Västmanlands verksamheter tillgängliga och inkluderande",
                "By 2030 Region Västmanland's operations are accessible and inclusive",
            ),
            indicators=(),
            note=REMOVED_INDICATORS_NOTE,
        ),
        GoalAreaSpec(
            id="climate",
            name=("Klimat", "Climate"),
            goal=(
                "2030 är Region Västmanlands utsläpp av växthusgaser i linje med "
                "Parisavtalet och har en verksamhet anpassad till de klimatförändringar som "
                "redan uppstått eller kan förväntas uppstå",
                "By 2030 Region Västmanland's greenhouse-gas emissions are in line with the "
                "Paris Agreement and its operations are adapted to the climate change that "
                "has already occurred or can be expected",
            ),
            indicators=(
                "vastmanland.co2e-total",
                "vastmanland.fossil-free-transport",
                "vastmanland.energy-climate",
                "vastmanland.purchases-climate",
                "vastmanland.capital-carbon",
                "vastmanland.climate-risk",
            ),
        ),
        GoalAreaSpec(
            id="biodiversity",
            name=(
                "Biologisk mångfald och giftfri miljö",
                "Biodiversity and a non-toxic environment",
            ),
            goal=(
                "2030 är Region Västmanland anpassat till att värna om biologisk mångfald "
                "och en giftfri miljö",
                "By 2030 Region Västmanland is adapted to protecting biodiversity and a "
                "non-toxic environment",
            ),
            indicators=(
                "vastmanland.products-biodiversity",
                "vastmanland.pharmaceuticals",
                "vastmanland.chemicals",
            ),
        ),
    ),
)
"""The programme: goal areas naming their indicators by id (roll-ups: strict majority)."""


@indikator.hookimpl
def indikator_programmes() -> Sequence[ProgrammeSpec]:
    """Register the programme."""
    return [PROGRAMME]
