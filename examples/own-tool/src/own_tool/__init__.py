"""A tool of your own that rates the data it holds with indikator.

It builds its programme in code (two metrics under one indicator), turns yearly values it
already has in memory into an :class:`indikator.Dataset`, assesses the programme and
prints one verdict per metric and the programme's. ``docs/how-to/own-tool.md`` walks
through it.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Literal

import indikator as ik
from indikator.strategies import VsBase

__all__ = ["MEASUREMENTS", "build_programme", "main", "to_dataset", "verdicts", "yearly"]

PROGRAMME_ID = "our-municipality"

# Yearly values by metric id, as the tool keeps them (from its own database, say).
MEASUREMENTS: Mapping[str, Mapping[int, float]] = {
    "household-waste": {2023: 412.0, 2024: 398.0},
    "cycle-paths": {2023: 118.0, 2024: 118.5},
}
UNITS: Mapping[str, str] = {"household-waste": "kg/invånare", "cycle-paths": "km"}

Lang = Literal["sv", "en"]


def build_programme() -> ik.Programme:
    """The programme: one goal area, one indicator, two metrics rated against last year."""
    waste = ik.Metric(
        id="household-waste",
        name=ik.Label("Hushållsavfall per invånare", "Household waste per inhabitant"),
        unit=UNITS["household-waste"],
        direction=ik.Direction.LOWER_IS_BETTER,
        strategy=VsBase(relative_dead_band=0.02),  # within 2 % is "unchanged"
    )
    cycling = ik.Metric(
        id="cycle-paths",
        name=ik.Label("Cykelvägar", "Cycle paths"),
        unit=UNITS["cycle-paths"],
        direction=ik.Direction.HIGHER_IS_BETTER,
        strategy=VsBase(relative_dead_band=0.02),
    )
    indicator = ik.SimpleIndicator(
        id="everyday-footprint",
        name=ik.Label("Vardagens fotavtryck", "Everyday footprint"),
        metrics=[waste, cycling],
    )
    area = ik.GoalArea(id="everyday", name=ik.Label("Vardag", "Everyday life"),
                       indicators=[indicator])
    return ik.Programme(id=PROGRAMME_ID, name=ik.Label("Vårt program", "Our programme"),
                        goal_areas=[area])


def to_dataset(measurements: Mapping[str, Mapping[int, float]], period: int) -> ik.Dataset:
    """The tool's values as an indikator dataset for one period (no files involved)."""
    observations = {
        metric: [ik.Observation(year, value, UNITS[metric]) for year, value in by_year.items()]
        for metric, by_year in measurements.items()
    }
    return ik.Dataset(programme=PROGRAMME_ID, period=period, observations=observations)


def verdicts(tree: ik.Assessment, lang: Lang = "sv") -> list[tuple[str, str, str]]:
    """(id, verdict label, explanation) for each metric and then the programme."""
    rows = [
        (node.id, node.verdict.label(lang), node.explanation.sentence(lang))
        for node in tree.walk()
        if node.level is ik.Level.METRIC
    ]
    rows.append((tree.id, tree.verdict.label(lang), tree.explanation.sentence(lang)))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Assess the tool's data for its latest year and print the verdicts."""
    parser = argparse.ArgumentParser(prog="own-tool", description=__doc__)
    parser.add_argument("--lang", choices=["sv", "en"], default="sv")
    args = parser.parse_args(argv)
    lang: Lang = "en" if args.lang == "en" else "sv"
    period = max(year for by_year in MEASUREMENTS.values() for year in by_year)
    tree = ik.assess(build_programme(), to_dataset(MEASUREMENTS, period))
    for node_id, verdict, why in verdicts(tree, lang):
        print(f"{node_id}: {verdict}. {why}")
    return 0


def yearly(measurements: Mapping[str, Mapping[int, float]]) -> dict[int, str]:
    """The programme's verdict for every year the tool holds, from the result table."""
    years = sorted({year for by_year in measurements.values() for year in by_year})
    result = ik.evaluate(build_programme(), to_dataset(measurements, years[-1]),
                         periods=years)
    return {year: verdict.value for year, verdict in result.history(PROGRAMME_ID).items()}
