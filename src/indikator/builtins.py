"""The built-in assessment strategies and roll-up rules, registered as a plugin.

This module is registered by :func:`indikator.plugins.new_plugin_manager` under the name
``indikator``, through the same hooks and the same public :data:`indikator.hookimpl`
marker as any third-party plugin, so its ids are listed, attributed and validated like
everyone else's (and a third-party plugin cannot take them over).
"""

from __future__ import annotations

from indikator import hookimpl
from indikator.model import Label
from indikator.provides import RollUpType, StrategyType
from indikator.rollup import AllPositive, MeanScore, StrictMajority, WorstOf
from indikator.strategies import (
    Components,
    Fallback,
    TextOutcome,
    VsBase,
    VsOwnTarget,
    VsTrajectory,
)

__all__ = ["indikator_rollups", "indikator_strategies"]


@hookimpl
def indikator_strategies() -> list[StrategyType]:
    """The built-in assessment strategies."""
    return [
        StrategyType(
            id=VsBase.id,
            factory=VsBase,
            description=Label(
                "Mot basvärde: utfallet jämförs med basårets eller föregående års värde, "
                "med en marginal för marginell förändring.",
                "Against a base value: the outcome against the base year's or the previous "
                "period's value, with a dead band for marginal change.",
            ),
        ),
        StrategyType(
            id=VsTrajectory.id,
            factory=VsTrajectory,
            description=Label(
                "Mot målbana: utfallet jämförs med det värde en linjär, geometrisk eller "
                "årlig bana mot målet kräver det året.",
                "Against a trajectory: the outcome against the value a linear, compound or "
                "annual-rate path to the target requires in the period.",
            ),
        ),
        StrategyType(
            id=VsOwnTarget.id,
            factory=VsOwnTarget,
            description=Label(
                "Mot eget mål: nått, förbättras men inte nått, eller rör sig bort från målet.",
                "Against an own target: reached, improving but short of it, or moving away.",
            ),
        ),
        StrategyType(
            id=TextOutcome.id,
            factory=TextOutcome,
            description=Label(
                "Utfall i ord: jämförs med föregående års text, eller steg på en skala.",
                "Outcomes in words: compared with the previous period's text, or steps on "
                "a scale.",
            ),
        ),
        StrategyType(
            id=Components.id,
            factory=Components,
            description=Label(
                "Delserier: varje delserie bedöms för sig och vägs sedan samman.",
                "Components: each component series is rated, then the ratings are combined.",
            ),
        ),
        StrategyType(
            id=Fallback.id,
            factory=Fallback,
            description=Label(
                "Reserv: en andra strategi används där den första saknar jämförelsevärde.",
                "Fallback: a second strategy decides where the first lacks a reference.",
            ),
        ),
    ]


@hookimpl
def indikator_rollups() -> list[RollUpType]:
    """The built-in roll-up rules."""
    return [
        RollUpType(
            id=StrictMajority.id,
            factory=StrictMajority,
            description=Label(
                "Strikt majoritet: positiv om fler än hälften av de bedömda är positiva, "
                "negativ på samma sätt, annars oförändrad.",
                "Strict majority: positive if more than half of the rated children are "
                "positive, negative likewise, otherwise unchanged.",
            ),
        ),
        RollUpType(
            id=WorstOf.id,
            factory=WorstOf,
            description=Label(
                "Det sämsta avgör: den sämsta bedömningen bland de bedömda.",
                "Worst of: the worst verdict among the rated children.",
            ),
        ),
        RollUpType(
            id=MeanScore.id,
            factory=MeanScore,
            description=Label(
                "Medelpoäng: medelvärdet av +1, 0 och −1 mot två gränser.",
                "Mean score: the mean of +1, 0 and -1 against two thresholds.",
            ),
        ),
        RollUpType(
            id=AllPositive.id,
            factory=AllPositive,
            description=Label(
                "Alla positiva: positiv bara om alla bedömda är positiva, negativ om någon "
                "är negativ.",
                "All positive: positive only if every rated child is positive, negative if "
                "any is negative.",
            ),
        ),
    ]
