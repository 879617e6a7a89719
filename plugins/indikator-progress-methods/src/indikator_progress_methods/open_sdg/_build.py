"""An Open SDG data repository as an indikator programme and dataset."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs
from indikator import InputError, Label, Metric, Strategy, Target, TargetOwner
from indikator.model import Dataset, GoalArea, Indicator, Observation, Programme, SimpleIndicator
from indikator.verdict import Direction

from indikator_progress_methods.open_sdg._config import (
    Group,
    IndicatorConfig,
    SeriesOptions,
    SiteConfig,
    indicator_id,
    matching,
    read_indicator_configs,
    read_site_config,
    read_translations,
)
from indikator_progress_methods.open_sdg._data import (
    DataFile,
    Selected,
    read_data_file,
    select,
    translated,
)
from indikator_progress_methods.rollups import Layout, OpenSdgIndicator
from indikator_progress_methods.strategies import OpenSdgProgress

__all__ = ["OpenSdgSeries", "OpenSdgSite", "StrategyFactory", "open_sdg_strategy",
           "read_open_sdg"]

PROGRAMME_ID: Final = "open-sdg"
"""The id of the programme read from a repository."""

StrategyFactory = Callable[[SeriesOptions], Strategy]
"""Builds the strategy that rates one configured series from its options."""


def open_sdg_strategy(options: SeriesOptions) -> OpenSdgProgress:
    """The Open SDG measure with the series' options, scored exactly as sdg-build scores.

    The target, target year and base year come from the metric (see
    :func:`read_open_sdg`); the limit and the threshold overrides from the options.
    """
    return OpenSdgProgress(
        base_year=None,
        limit=options.limit,
        progress_thresholds=options.progress_thresholds,
        score_rule="sdg_build",
    )


@attrs.frozen
class OpenSdgSeries:
    """One configured series: the metric it became and where it came from.

    Attributes:
        indicator: The indicator id.
        metric: The metric id.
        tag: sdg-build's name of the series (``1-4-1 / Access to ... / Total``, untruncated).
        options: The options it was configured with.
        unit_label: The ``Units`` value of its rows (a label such as ``Percentage (%)``).
        source: The data file.
        problems: Why it selected nothing (a value or column the data does not have).
    """

    indicator: str
    metric: str
    tag: str
    options: SeriesOptions
    unit_label: str | None
    source: str | None
    problems: tuple[str, ...] = ()


@attrs.frozen
class OpenSdgSite:
    """What :func:`read_open_sdg` read.

    Attributes:
        programme: One goal area per SDG goal, one indicator per indicator with
            ``auto_progress_calculation: true``, one metric per configured series.
        dataset: The selected points of every series (each metric's own rows).
        series: Each configured series, in the programme's order.
        skipped: Indicators whose progress is not calculated automatically (left out).
        root: The repository folder.
    """

    programme: Programme
    dataset: Dataset
    series: tuple[OpenSdgSeries, ...]
    skipped: tuple[str, ...]
    root: Path

    def warnings(self) -> list[InputError]:
        """A series that selected nothing because a value or column is not in its data."""
        return [
            InputError(f"the series {s.tag!r} selects no rows: {'; '.join(s.problems)} "
                       "(it is not available)", source=s.options.source,
                       field=s.options.field)
            for s in self.series if s.problems
        ]


def is_open_sdg_repository(path: Path) -> bool:
    """Whether ``path`` looks like an Open SDG data repository (a cheap check)."""
    if not path.is_dir():
        return False
    if (path / "config_data.yml").is_file():
        return True
    return (path / "data").is_dir() and any(
        (path / name).is_dir() for name in ("indicator-config", "meta"))


_TAGS = re.compile(r"<[^>]+>")
_KEY = re.compile(r"^[\w.\-]+$")


def _indicator_name(ident: str, meta: Mapping[str, Any]) -> Label:
    number = str(meta.get("indicator_number") or ident.replace("-", "."))
    for key in ("indicator_name", "SDG_INDICATOR", "SDG_INDICATOR__GLOBAL"):
        text = meta.get(key)
        if isinstance(text, str):
            plain = " ".join(_TAGS.sub(" ", text).split())
            if plain and not _KEY.match(plain):  # not a translation key
                return Label(plain if number in plain else f"{number} {plain}")
    return Label(f"Indikator {number}", f"Indicator {number}")


FREE_TEXT_UNIT: Final = "dimensionless"
"""The unit of a series whose ``Units`` label indikator does not read as a unit."""


def _unit(label: str | None) -> str:
    """The label as the metric's unit when indikator reads it as one, else dimensionless.

    The method's figures do not depend on the unit (only a 0 replaced by 0.001 is counted
    in it), so a label such as "Rate per 100,000 population" loses nothing as a pure
    number; the label is kept in the metric's note.
    """
    if not label:
        return FREE_TEXT_UNIT
    from indikator.units import parse_unit

    try:
        parse_unit(label)
    except InputError:
        return FREE_TEXT_UNIT
    return label


def _goal(ident: str) -> str:
    return ident.split("-", 1)[0]


def read_open_sdg(path: Path | str, *, strategy: StrategyFactory | None = None,
                  language: str | None = None) -> OpenSdgSite:
    """Read an Open SDG data repository into a programme and a dataset.

    Every indicator with ``auto_progress_calculation: true`` becomes an indicator, each
    entry of its ``progress_calculation_options`` a metric (an entry configured twice is
    one metric counted twice), its groups the indicator's
    :attr:`~indikator_progress_methods.rollups.OpenSdgIndicator.groups`. The points of a
    series are the rows its options select (see :mod:`indikator_progress_methods.
    open_sdg`), in the unit of its ``Units`` column: a label indikator reads as a unit
    (``Percentage (%)`` is ``%``) is the metric's unit; another label (``Rate per
    100,000 population``) leaves the metric without a unit, and the label is in the
    metric's note. Its target becomes the metric's programme target (with the target
    year), its base year the metric's base year, its direction the metric's direction.

    Args:
        path: The repository folder (with ``config_data.yml``, ``data/`` and
            ``indicator-config/`` or ``meta/``).
        strategy: Builds each series' strategy from its options;
            :func:`open_sdg_strategy` (the Open SDG measure scored as sdg-build scores)
            by default. With another method the indicators are plain indicators with the
            default roll-up, since the Open SDG mean score needs Open SDG scores.
        language: The build to reproduce: data values are translated into it with the
            site's translation files (``translations/<language>/data.yml``) before the
            series are selected, as sdg-build does for each language it builds. By
            default the first of ``config_data.yml``'s ``languages`` (none: no
            translation).

    Raises:
        InputError: A file cannot be read or is malformed (YAML, CSV), a column is
            missing, a value is not a number, an option is not valid or selects several
            series, a series has two values in one year; the message names the file,
            line and field.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputError("no such folder", source=str(root))
    site = read_site_config(root)
    configs = read_indicator_configs(site)
    data_files = {indicator_id(p): p for p in matching(site.root, site.data_patterns,
                                                       site.folder)}
    groups = read_translations(
        site, language if language is not None else next(iter(site.languages), None))
    factory = strategy or open_sdg_strategy
    goals: dict[str, list[Indicator]] = {}
    observations: dict[str, tuple[Observation, ...]] = {}
    series: list[OpenSdgSeries] = []
    skipped: list[str] = []
    for ident in sorted(configs, key=_sort_key):
        config = configs[ident]
        if not config.auto:
            skipped.append(ident)
            continue
        file = data_files.get(ident)
        data = translated(read_data_file(file, site.folder), groups) if file is not None else None
        indicator, found, points = _indicator(config, data, site, factory,
                                              custom=strategy is not None)
        goals.setdefault(_goal(ident), []).append(indicator)
        series.extend(found)
        observations.update(points)
    years = [o.period for items in observations.values() for o in items]
    programme = Programme(
        id=PROGRAMME_ID,
        name=Label(f"Open SDG: {root.resolve().name}"),
        goal_areas=[
            GoalArea(id=f"goal-{g}", name=Label(f"Mål {g}", f"Goal {g}"), indicators=items)
            for g, items in sorted(goals.items(), key=lambda kv: _sort_key(kv[0]))
        ],
    )
    dataset = Dataset(
        programme=PROGRAMME_ID,
        period=max(years) if years else 2030,
        observations=observations,
        title=Label(f"Open SDG: {root.resolve().name}"),
        source=str(root),
    )
    return OpenSdgSite(programme, dataset, tuple(series), tuple(skipped), root)


def _sort_key(ident: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in ident.split("-"))


def _indicator(
    config: IndicatorConfig, data: DataFile | None, site: SiteConfig,
    factory: StrategyFactory, *, custom: bool,
) -> tuple[Indicator, list[OpenSdgSeries], dict[str, tuple[Observation, ...]]]:
    metrics: dict[object, Metric] = {}
    found: list[OpenSdgSeries] = []
    points: dict[str, tuple[Observation, ...]] = {}
    computation_units = config.meta.get("computation_units")
    fallback_unit = computation_units if isinstance(computation_units, str) else None

    def metric_of(options: SeriesOptions) -> str:
        key = (options.selection, options)
        if key in metrics:
            return metrics[key].id
        metric_id = f"{config.id}.{len(metrics) + 1}"
        selected = (select(data, options, site) if data is not None
                    else Selected((), (), options.unit,
                                  problems=(f"no data file for indicator {config.id}",)))
        label = selected.unit or options.unit or fallback_unit or None
        unit = _unit(label)
        tag = options.tag(config.id)
        targets = () if options.target is None else (
            Target(value=options.target, unit=unit, year=options.target_year,
                   owner=TargetOwner.PROGRAMME),)
        note = None if label is None or unit == label else f"Units: {label}"
        try:
            metric = Metric(
                id=metric_id,
                name=Label(tag),
                unit=unit,
                direction=(Direction.HIGHER_IS_BETTER if options.direction > 0
                           else Direction.LOWER_IS_BETTER),
                strategy=factory(options),
                base_year=options.base_year,
                targets=targets,
                note=note,
            )
        except InputError as exc:
            raise exc.located(source=options.source, field=options.field) from None
        metrics[key] = metric
        points[metric_id] = tuple(
            Observation(period=y, value=v, unit=unit)
            for y, v in zip(selected.years, selected.values, strict=True))
        found.append(OpenSdgSeries(config.id, metric_id, tag, options, label,
                                   data.source if data is not None else None,
                                   selected.problems))
        return metric_id

    def layout(items: tuple[SeriesOptions | Group, ...]) -> Layout:
        return tuple(metric_of(i) if isinstance(i, SeriesOptions) else layout(i.members)
                     for i in items)

    groups = layout(config.layout)
    name = _indicator_name(config.id, config.meta)
    indicator: Indicator
    if custom and not all(isinstance(m.strategy, OpenSdgProgress) for m in metrics.values()):
        indicator = SimpleIndicator(id=config.id, name=name, metrics=list(metrics.values()))
    else:
        indicator = OpenSdgIndicator(id=config.id, name=name, metrics=list(metrics.values()),
                                     groups=groups)
    return indicator, found, points
