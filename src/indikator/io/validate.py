"""Checking a dataset against a programme without assessing it, listing every problem."""

from __future__ import annotations

import difflib
import itertools
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from indikator.errors import InputError
from indikator.io._problems import Location, in_file_order
from indikator.io.dataset import Locations, check_dataset, read_dataset
from indikator.model import Dataset, Programme

if TYPE_CHECKING:
    from indikator.plugins import IndikatorPluginManager
    from indikator.verdict import Assessment

__all__ = [
    "JUMP_FACTOR",
    "Validated",
    "judgment_warnings",
    "read_validated",
    "validate",
    "validate_dataset",
    "validation_warnings",
]

JUMP_FACTOR = 500.0
"""Consecutive outcomes this many times apart (or more) are warned about: a unit slip
(g for kg, kWh for MWh) shows as a jump of about 1 000."""


def validate(
    dataset: Dataset, programme: Programme, *, locations: Locations | None = None
) -> list[InputError]:
    """Every problem of ``dataset`` as data for ``programme`` (pure; nothing is assessed).

    Finds: a dataset for another programme; outcomes for unknown metrics; values for a
    metric followed up in words; units that cannot be converted to the metric's unit;
    unknown components; two outcomes for one metric and period; judgments for unknown
    nodes and two judgments for one node and period; a report year outside the
    programme's years.

    Args:
        dataset: The data.
        programme: The definitions.
        locations: Where each record was read from (from :func:`read_dataset`), so that
            messages name the file, line and cell; without it they name the dataset.

    Returns:
        The problems, in file order within each kind (empty when the dataset is fine).
    """
    where = locations or Locations()
    fallback = Location(dataset.source or "<dataset>")
    head = where.manifest or fallback
    out: list[InputError] = []
    if dataset.programme != programme.id:
        out.append(head.error(f"the dataset is for programme {dataset.programme!r}, not "
                              f"{programme.id!r}", field="programme", value=dataset.programme))
    if not programme.covers(dataset.period):
        out.append(head.error(f"the report year lies outside the programme's years "
                              f"({programme.years})", field="period",
                              value=dataset.period))
    out.extend(check_dataset(dataset, locations=where))
    metrics = programme.metrics()
    factors: dict[tuple[str, str], str | None] = {}
    for metric_id, items in dataset.observations.items():
        metric = metrics.get(metric_id)
        if metric is None:
            loc = where.observations.get((metric_id, 0), fallback)
            count = len(items)
            rows = f" ({count} outcomes)" if count > 1 else ""
            out.append(loc.error(f"unknown metric id: programme {programme.id!r} has no such "
                                 f"metric{_suggest(metric_id, metrics)}{rows}",
                                 field="metric", value=metric_id))
            continue
        components = {c.id for c in metric.components}
        for index, obs in enumerate(items):
            loc = where.observations.get((metric_id, index), fallback)
            what = f"metric {metric_id!r}, period {obs.period}"
            if obs.value is not None and metric.unit is None:
                out.append(loc.error(f"{what}: the metric is followed up in words and takes no "
                                     "number (put the outcome in the text column)",
                                     field="value", value=obs.value))
            elif obs.value is not None and obs.unit is not None and metric.unit is not None:
                key = (obs.unit, metric.unit)
                if key not in factors:
                    factors[key] = _conversion_problem(obs.unit, metric.unit)
                problem = factors[key]
                if problem is not None:
                    out.append(loc.error(f"{what}: {problem}", field="unit", value=obs.unit))
                elif not math.isfinite(obs.value * _factor(obs.unit, metric.unit)):
                    out.append(loc.error(f"{what}: the value is too large once converted to "
                                         f"{metric.unit}", field="value", value=obs.value))
            if obs.component is not None and obs.component not in components:
                known = (f"its components are {', '.join(sorted(components))}" if components
                         else "it has no components")
                out.append(loc.error(f"{what}: unknown component; {known}", field="component",
                                     value=obs.component))
    nodes = _node_ids(programme)
    for index, j in enumerate(dataset.judgments):
        if j.target not in nodes:
            loc = where.judgments.get(index, Location(j.source or fallback.source))
            out.append(loc.error(f"a judgment for an unknown metric or node: programme "
                                 f"{programme.id!r} has no such id{_suggest(j.target, nodes)}",
                                 field="metric" if "metric" in loc.lines else "target",
                                 value=j.target))
    return out


@attrs.frozen
class Validated:
    """A dataset read and checked against its programme (see :func:`read_validated`).

    Attributes:
        dataset: The dataset built from every good record (``None`` when the manifest is
            unusable).
        programme: The dataset's programme (``None`` when no installed plugin provides it
            or the manifest is unusable).
        problems: Every problem found, in file order (empty when the dataset is fine).
        locations: Where each record came from.
        warnings: What was read but may not be what was meant (see
            :attr:`~indikator.io.Loaded.warnings`) and what looks wrong but may be right
            (see :func:`validation_warnings`), in file order; warnings never make a
            dataset invalid.
    """

    dataset: Dataset | None
    programme: Programme | None
    problems: tuple[InputError, ...]
    locations: Locations
    warnings: tuple[InputError, ...] = ()
    periods: Literal["latest"] | int | None = None
    """What to assess by default, as a plugin's dataset reader says (``None``: the
    dataset's period)."""


def read_validated(
    path: Path | str,
    pm: IndikatorPluginManager | None = None,
    *,
    programme_file: Path | str | None = None,
) -> Validated:
    """Read a dataset once and check it against its programme (from the installed plugins).

    What ``indikator validate`` lists and what ``indikator assess`` checks before it
    assesses: file and value problems from reading, then those :func:`validate` finds.
    The programme comes from ``programme_file`` when given, else from the file the
    manifest names (``programme_file``), else from the installed plugins.

    Raises:
        PluginError: A plugin failed while the programme was built.
    """
    from indikator.plugins import apply_units

    apply_units(pm)  # plugin units and labels before the data files' units are read
    if programme_file is None:
        foreign = _read_by_plugin(Path(path), pm)
        if foreign is not None:
            return foreign
    loaded = read_dataset(path)
    problems = list(loaded.problems)
    dataset = loaded.dataset
    warnings = tuple(in_file_order(loaded.warnings))
    if dataset is None:
        return Validated(None, None, tuple(in_file_order(problems)), loaded.locations, warnings)
    from indikator.plugins import get_programme

    head = loaded.locations.manifest or Location(str(path))
    programme: Programme | None
    from_file = programme_file if programme_file is not None else loaded.programme_file
    if from_file is not None:
        from indikator.programme_file import read_programme

        programme, found = read_programme(from_file, pm, programme_id=dataset.programme)
        problems.extend(found)
        problems.extend(validate(dataset, programme, locations=loaded.locations)
                        if programme is not None else
                        check_dataset(dataset, locations=loaded.locations))
        return Validated(dataset, programme, tuple(in_file_order(problems)), loaded.locations,
                         warnings)
    try:
        programme = get_programme(dataset.programme, pm)
    except InputError as exc:
        programme = None
        problems.append(head.error(exc.message, field="programme", value=dataset.programme))
        problems.extend(check_dataset(dataset, locations=loaded.locations))
    else:
        problems.extend(validate(dataset, programme, locations=loaded.locations))
        warnings = (*warnings,
                    *validation_warnings(dataset, programme, locations=loaded.locations))
    return Validated(dataset, programme, tuple(in_file_order(problems)), loaded.locations,
                     warnings)


def _read_by_plugin(path: Path, pm: IndikatorPluginManager | None) -> Validated | None:
    """A folder without a manifest read by the first plugin dataset reader that claims it.

    See the hook ``indikator_dataset_readers``; ``None`` when the folder has a manifest
    or no reader claims it.
    """
    from indikator.io.dataset import MANIFEST

    try:
        if not path.is_dir() or (path / MANIFEST).exists():
            return None
    except (OSError, ValueError):  # an unusable path: read_dataset says so
        return None
    from indikator.errors import PluginError
    from indikator.plugins import get_plugin_manager
    from indikator.provides import DatasetRead

    manager = pm if pm is not None else get_plugin_manager()
    head = Locations(manifest=Location(str(path)))
    for plugin, reader in manager.dataset_readers():
        try:
            if not reader.claims(path):
                continue
            read = reader.read(path)
            if not isinstance(read, DatasetRead):
                raise TypeError(f"returned {type(read).__name__}, not a DatasetRead")
        except InputError as exc:
            return Validated(None, None, (exc,), head)
        except Exception as exc:
            raise PluginError(plugin, f"the dataset reader {reader.id!r} failed on {path}: "
                              f"{type(exc).__name__}: {exc}") from None
        problems = validate(read.dataset, read.programme, locations=head)
        return Validated(read.dataset, read.programme, tuple(in_file_order(problems)), head,
                         tuple(read.warnings), read.periods)
    return None


def judgment_warnings(
    dataset: Dataset, tree: Assessment, *, locations: Locations | None = None
) -> list[InputError]:
    """Judgments that change nothing in an assessment, as warnings (not problems).

    A judgment for a year other than the one ``tree`` was assessed for is not applied; a
    judgment that gives the verdict the rule gives anyway records nothing (a judgment is
    for a verdict that differs from the rule's). A judgment for an unknown node is a
    problem :func:`validate` reports, not a warning.

    Args:
        dataset: The data, with its judgments.
        tree: The assessment of ``dataset`` (for its period and the rules' verdicts).
        locations: Where each judgment was read from, so that warnings name the line.
    """
    where = locations or Locations()
    period = tree.period if tree.period is not None else dataset.period
    nodes = {node.id: node for node in tree.walk()}
    out: list[InputError] = []
    for index, j in enumerate(dataset.judgments):
        loc = where.judgments.get(index, Location(j.source or dataset.source or "<dataset>"))
        node = nodes.get(j.target)
        if node is None:
            continue
        if j.period != period:
            out.append(loc.error(f"the judgment for {j.target!r} is for {j.period}, a year not "
                                 f"assessed (the report is for {period}): it is not applied",
                                 field="period", value=j.period))
        elif node.rule_verdict is not None and node.rule_verdict is j.verdict:
            out.append(loc.error(f"the judgment for {j.target!r} gives the rule's own verdict "
                                 f"({j.verdict.label('en')}): it changes nothing (a judgment "
                                 "records a verdict that differs from the rule's)",
                                 field="verdict", value=j.verdict.value))
    return in_file_order(out)


def validate_dataset(
    path: Path | str,
    pm: IndikatorPluginManager | None = None,
    *,
    programme_file: Path | str | None = None,
) -> list[InputError]:
    """Read a dataset and check it against its programme (from the installed plugins).

    Returns:
        Every problem found (empty when the dataset is fine): file and value problems
        from reading, then those :func:`validate` finds.

    Raises:
        PluginError: A plugin failed while the programme was built.
    """
    return list(read_validated(path, pm, programme_file=programme_file).problems)


def _conversion_problem(unit: str, target: str) -> str | None:
    from indikator.units import are_compatible, conversion_factor, describe_unit

    try:
        conversion_factor(unit, target)
    except InputError as exc:
        try:
            compatible = are_compatible(unit, target)
            given, wanted = describe_unit(unit), describe_unit(target)
        except InputError:
            return f"a unit incompatible with the metric's unit {target!r}: {exc.message}"
        if compatible:
            return f"cannot convert {unit} to the metric's unit {target}: {exc.message}"
        hint = exc.message.partition(" (note: ")[2]
        return (f"incompatible units: the file gives {unit}, {given}; the metric is in "
                f"{target}, {wanted}"
                + (f" (note: {hint}" if hint else ""))
    return None


def _factor(unit: str, target: str) -> float:
    from indikator.units import conversion_factor

    return conversion_factor(unit, target)


def validation_warnings(
    dataset: Dataset, programme: Programme, *, locations: Locations | None = None
) -> list[InputError]:
    """What looks wrong in ``dataset`` but may be right: listed apart from its problems.

    Warns when two consecutive outcomes of a metric (and component) differ by a factor
    of :data:`JUMP_FACTOR` or more once converted to the metric's unit (a unit slip such
    as ``kg/portion`` for ``g/portion``), and when a metric of the programme has no
    outcome in any file.

    Args:
        dataset: The data (already checked by :func:`validate`).
        programme: The definitions.
        locations: Where each record was read from, for the messages.

    Returns:
        The warnings, in file order within each kind.
    """
    where = locations or Locations()
    fallback = Location(dataset.source or "<dataset>")
    out: list[InputError] = []
    metrics = programme.metrics()
    for metric_id, items in dataset.observations.items():
        metric = metrics.get(metric_id)
        if metric is None or metric.unit is None:
            continue
        series: dict[str | None, list[tuple[int, float, int]]] = {}
        for index, obs in enumerate(items):
            if obs.value is None or obs.unit is None:
                continue
            try:
                value = obs.value * _factor(obs.unit, metric.unit)
            except InputError:
                continue
            series.setdefault(obs.component, []).append((obs.period, value, index))
        for component, points in series.items():
            points.sort()
            for (year0, v0, _), (year1, v1, index) in itertools.pairwise(points):
                if year0 == year1 or v0 == 0.0 or v1 == 0.0 or (v0 < 0) != (v1 < 0):
                    continue
                ratio = max(abs(v0), abs(v1)) / min(abs(v0), abs(v1))
                if math.isfinite(ratio) and ratio >= JUMP_FACTOR:
                    loc = where.observations.get((metric_id, index), fallback)
                    part = f", component {component!r}" if component else ""
                    bigger = "times" if abs(v1) > abs(v0) else "times smaller than"
                    times = f"{ratio:,.0f}".replace(",", " ")
                    out.append(loc.error(
                        f"metric {metric_id!r}{part}: the outcome for {year1} is {times} "
                        f"{bigger} that for {year0} once both are in {metric.unit} "
                        f"({_shown(v0)} → {_shown(v1)}); is the unit right?",
                        field="unit", value=items[index].unit))
    head = where.manifest or fallback
    for metric_id in metrics:
        if metric_id not in dataset.observations:
            out.append(InputError(f"programme {programme.id!r} has metric {metric_id!r}, but no "
                                  "file gives an outcome for it", source=head.source,
                                  line=head.line, field="metric"))
    return out


def _shown(value: float) -> str:
    return f"{value:.4g}"


def _node_ids(programme: Programme) -> dict[str, str]:
    nodes = {programme.id: "programme"}
    for area in programme.goal_areas:
        nodes[area.id] = "goal area"
        for ind in area.indicators:
            nodes[ind.id] = "indicator"
            for m in ind.metrics:
                nodes[m.id] = "metric"
    return nodes


def _suggest(word: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""
