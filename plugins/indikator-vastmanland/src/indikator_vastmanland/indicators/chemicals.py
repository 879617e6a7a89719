"""Indicator "Minskad negativ miljö- och hälsopåverkan från regionens användning av kemikalier".

Goal area Biologisk mångfald och giftfri miljö; Målvärde 2030: Minska.
"""

from __future__ import annotations

from collections.abc import Sequence

import indikator
from indikator.model import Component, Indicator, Metric, SimpleIndicator
from indikator.rollup import WorstOf
from indikator.strategies import Components, VsBase
from indikator.verdict import Direction
from indikator_vastmanland._common import TARGET_DECREASE, keep_zero_metric

__all__ = ["INDICATOR", "indikator_indicators"]

INDICATOR = SimpleIndicator(
    id="vastmanland.chemicals",
    name=(
        "Minskad negativ miljö- och hälsopåverkan från regionens användning av kemikalier",
        "Reduced negative environmental and health impact from the region's use of "
        "chemicals",
    ),
    target=TARGET_DECREASE,
    metrics=(
        Metric(
            id="environmental-self-inspections",
            name=(
                "Antal genomförda egenkontroller miljö",
                "Number of environmental self-inspections carried out",
            ),
            unit="st",
            direction=Direction.HIGHER_IS_BETTER,
            strategy=VsBase(),
        ),
        Metric(
            id="phase-out-chemicals",
            name=(
                "Antal kemikalier på utfasningslistorna",
                "Number of chemicals on the phase-out lists",
            ),
            unit="st",
            direction=Direction.LOWER_IS_BETTER,
            strategy=Components(each=VsBase(), rollup=WorstOf()),
            components=(
                Component(
                    "cmr",
                    (
                        "CMR",
                        "CMR (carcinogenic, mutagenic or toxic to reproduction)",
                    ),
                ),
                Component(
                    "kandidatforteckningen",
                    ("Kandidatförteckningen", "Candidate List (EU, substances of very high "
                     "concern)"),
                ),
                Component(
                    "priodatabas",
                    ("Priodatabas", "PRIO database (KEMI, phase-out substances)"),
                ),
            ),
            note="Three lists are used (the report's footnote *): CMR, substances "
            "classified as carcinogenic, mutagenic and/or toxic to reproduction; "
            "Kandidatförteckningen, the EU's candidate list of substances of very high "
            "concern; and the phase-out substances of KEMI's Priodatabas. Each list "
            "is rated against the previous year and the worst rated list counts; the two "
            "lists without a 2023 value (new in 2024) get no value and are left out.",
        ),
        keep_zero_metric(
            "chemical-incidents-nav",
            (
                "Antal incidentrapporter gällande utsläpp/kemikalier produktion, Vårdbyggnad "
                "NAV etapp 1",
                "Number of incident reports on releases/chemicals in production, care "
                "building NAV stage 1",
            ),
            "st",
            target_note="The ideal value: no incidents, every year.",
            note="0 incidents kept is the ideal value, so positive; against 2023 alone it "
            "would be unchanged.",
        ),
    ),
)
"""The indicator with its three metrics."""


@indikator.hookimpl
def indikator_indicators() -> Sequence[Indicator]:
    """Register the indicator."""
    return [INDICATOR]
