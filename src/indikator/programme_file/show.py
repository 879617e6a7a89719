"""``indikator programme show`` and ``export``: a programme as understood, and as a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from indikator.errors import InputError
from indikator.model import Metric, Programme, SimpleIndicator, Target
from indikator.programme_file._params import record_parameters
from indikator.programme_file.reader import load_programme
from indikator.programme_file.writer import programme_to_toml, toml_value
from indikator.targets import base_value_for, resolve_target
from indikator.verdict import Lang

if TYPE_CHECKING:
    from indikator.plugins import IndikatorPluginManager

__all__ = ["find_programme", "show_programme"]


def find_programme(ident_or_path: str, pm: IndikatorPluginManager) -> Programme:
    """The programme with this id (from the plugins), or the one a file or folder defines.

    Raises:
        InputError: No plugin provides the id and no such file exists, or the file has
            problems.
    """
    from indikator.plugins import get_programme

    path = Path(ident_or_path)
    if path.exists() or path.suffix == ".toml":
        return load_programme(path, pm)
    return get_programme(ident_or_path, pm)


def _params(record: object) -> str:
    try:
        params = record_parameters(record)
    except TypeError:
        return str(getattr(record, "id", type(record).__name__))
    ident = params.pop("id")
    if not params:
        return str(ident)
    return f"{ident} " + ", ".join(f"{k}={toml_value(v)}" for k, v in params.items())


_WORDS: dict[str, tuple[str, str]] = {
    "programme": ("program", "programme"),
    "years": ("år", "years"),
    "rollup": ("sammanvägning", "roll-up"),
    "area": ("målområde", "goal area"),
    "goal": ("mål", "goal"),
    "indicator": ("indikator", "indicator"),
    "target_text": ("målvärde", "target"),
    "metric": ("mätetal", "metric"),
    "words": ("i ord", "in words"),
    "strategy": ("strategi", "strategy"),
    "base_year": ("basår", "base year"),
    "target": ("mål", "target"),
    "component": ("delserie", "component"),
    "change": ("förändring", "change"),
    "against": ("mot", "against"),
    "by": ("till", "by"),
    "and": ("och", "and"),
    "from": ("från", "from"),
    "in": ("år", "in"),
    "every_year": ("varje år", "every year"),
    "for": ("för", "for"),
    "in_data": ("ur basårets utfall i data", "from the base year's outcome in the data"),
}


def _amount(low: float, high: float | None, unit: str) -> str:
    shown = f"{low:g}" if high is None else f"{low:g}..{high:g}"
    return f"{shown} {unit}".rstrip()


def _target(target: Target, metric: Metric, period: int, lang: Lang) -> str:
    def w(key: str) -> str:
        return _WORDS[key][0 if lang == "sv" else 1]

    basis = target.basis.value
    unit = "%" if basis == "percent" else (target.unit or "")
    head = f"({target.owner.value}, {target.kind.value})"
    if target.value is None:
        return head if target.note is None else f"{head} {target.note}"
    parts = [head]
    if basis == "change":
        parts.append(w("change"))
    parts.append(_amount(target.value, target.value_to, unit))
    if basis != "absolute":
        parts.append(f"{w('against')} {target.base_year or metric.base_year}")
    if target.year is not None:
        parts.append(f"{w('by')} {target.year}")
    parts += [f"{w('and')} {_amount(m.value, m.value_to, unit)} {w('by')} {m.year}"
              for m in target.milestones]
    if target.from_year is not None:
        parts.append(f"{w('from')} {target.from_year}")
    resolved = resolve_target(
        target, metric_unit=metric.unit, period=period, direction=metric.direction,
        base_value=base_value_for(target, metric, lambda _y: None))
    if resolved is not None:
        value, year = resolved
        when = f"{w('in')} {year}" if year is not None else w("every_year")
        parts.append(f"-> {value:g} {metric.unit or ''} {when} ({w('for')} {period})")
    elif basis != "absolute":
        parts.append(f"-> {w('in_data')}")
    return " ".join(parts)


def show_programme(programme: Programme, period: int | None = None,
                   lang: Lang = "sv") -> str:
    """The programme as understood: tree, units, strategies with parameters, targets.

    Targets are resolved for ``period`` (the programme's first year if omitted); a
    relative target whose base value is only in the data says so. Labels and names are
    in ``lang``; ids, units and parameters as a programme file gives them.
    """
    def w(key: str) -> str:
        return _WORDS[key][0 if lang == "sv" else 1]

    when = period or programme.first_year or programme.last_year or 2030
    lines = [f"{w('programme')} {programme.id}: {programme.name.get(lang)}",
             f"  {w('years')} {programme.years}; {w('rollup')} {_params(programme.rollup)}"]
    for area in programme.goal_areas:
        lines.append(f"  {w('area')} {area.id}: {area.name.get(lang)}; {w('rollup')} "
                     f"{_params(area.rollup)}")
        if area.goal is not None:
            lines.append(f"    {w('goal')}: {area.goal.get(lang)}")
        for ind in area.indicators:
            rollup = ind.rollup_id if not isinstance(ind, SimpleIndicator) else _params(
                ind.rollup)
            lines.append(f"    {w('indicator')} {ind.id}: {ind.name.get(lang)}; "
                         f"{w('rollup')} {rollup}")
            if ind.target is not None:
                year = ind.target_year or programme.last_year
                lines.append(f"      {w('target_text')} {year}: {ind.target.get(lang)}")
            for m in ind.metrics:
                unit = m.unit or f"({w('words')})"
                lines.append(f"      {w('metric')} {m.id}: {m.name.get(lang)} [{unit}, "
                             f"{m.direction.value}]")
                lines.append(f"        {w('strategy')} {_params(m.strategy)}")
                if m.base_year is not None or m.base_value is not None:
                    value = "" if m.base_value is None else f": {m.base_value:g} {unit}"
                    lines.append(f"        {w('base_year')} {m.base_year}{value}")
                lines += [f"        {w('target')} {_target(t, m, when, lang)}"
                          for t in m.targets]
                lines += [f"        {w('component')} {c.id}: {c.name.get(lang)}"
                          for c in m.components]
    return "\n".join(lines) + "\n"


def export_programme(ident: str, pm: IndikatorPluginManager, output: Path | None) -> str:
    """The programme ``ident`` written as a programme file (to ``output`` if given).

    Raises:
        InputError: Unknown programme, something not declarable, or a write error.
    """
    text = programme_to_toml(find_programme(ident, pm), pm)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write the programme file: {exc.strerror}",
                             source=str(output)) from None
    return text
