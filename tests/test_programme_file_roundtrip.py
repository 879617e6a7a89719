"""Round trip: a Python-defined programme written as a programme file reads back equal;
the bundled programmes validate against the published JSON Schema."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.cli import main
from indikator.errors import InputError
from indikator.model import (
    Label,
    Milestone,
    Programme,
    SimpleIndicator,
    Target,
    TargetBasis,
    TargetKind,
    TargetOwner,
)
from indikator.plugins import get_programme, new_plugin_manager
from indikator.programme_file import (
    FileText,
    programme_to_toml,
    read_definitions,
    schema,
)
from indikator.testing.strategies import finite_floats, periods, programmes

PM = new_plugin_manager(autoload=False)
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(
    str.strip)


@st.composite
def report_targets(draw: st.DrawFn, unit: str) -> Target:
    """Targets as reports state them: levels, relative, intervals, several years, keep."""
    kind = draw(st.sampled_from(TargetKind))
    owner = draw(st.sampled_from(TargetOwner))
    note = draw(st.none() | TEXTS)
    if kind is TargetKind.DIRECTION:
        return Target(kind=kind, owner=owner, note=note)
    basis = draw(st.sampled_from(TargetBasis))
    value = draw(finite_floats())
    value_to = draw(st.none() | finite_floats())
    target_unit = None if basis is TargetBasis.PERCENT and draw(st.booleans()) else (
        "%" if basis is TargetBasis.PERCENT else unit)
    base_year = draw(st.none() | periods(2000, 2020)) if basis is not TargetBasis.ABSOLUTE \
        else None
    if kind is TargetKind.KEEP:
        return Target(value=value, unit=target_unit, kind=kind, owner=owner, note=note,
                      value_to=value_to, basis=basis, base_year=base_year,
                      from_year=draw(st.none() | periods(2020, 2030)))
    years = draw(st.lists(periods(2021, 2040), min_size=1, max_size=3, unique=True))
    milestones = [Milestone(y, draw(finite_floats()),
                            None if value_to is None else draw(finite_floats()))
                  for y in years[1:]]
    return Target(value=value, unit=target_unit, year=years[0], kind=kind, owner=owner,
                  note=note, value_to=value_to, basis=basis, base_year=base_year,
                  milestones=milestones)


@st.composite
def declared_programmes(draw: st.DrawFn) -> Programme:
    """A generated programme (testing.strategies) with report targets, texts and years."""
    prog = draw(programmes(max_areas=2, max_indicators=2, max_metrics=2))

    def indicator(ind: SimpleIndicator) -> SimpleIndicator:
        metrics = tuple(
            attrs.evolve(m, targets=draw(st.lists(report_targets(m.unit or "st"), max_size=2)),
                         note=draw(st.none() | TEXTS),
                         name=Label(draw(TEXTS), draw(TEXTS)))
            for m in ind.metrics)
        return attrs.evolve(ind, metrics=metrics, target=draw(st.none() | TEXTS.map(Label)),
                            target_year=draw(st.none() | periods(2025, 2035)))

    areas = tuple(attrs.evolve(a, indicators=tuple(indicator(i) for i in a.indicators),
                               goal=draw(st.none() | TEXTS.map(Label)))
                  for a in prog.goal_areas)
    first = draw(st.none() | periods(2015, 2025))
    return attrs.evolve(prog, goal_areas=areas, first_year=first,
                        last_year=None if first is None else first + 7,
                        owner=draw(st.none() | TEXTS))


def _read_back(text: str) -> Programme:
    defs = read_definitions([FileText("exported.toml", text.encode())], PM)
    assert defs.problems == (), [str(p) for p in defs.problems]
    [spec] = defs.programmes
    return spec.resolve({i.id: i for i in defs.indicators})


@settings(max_examples=30, deadline=None)
@given(declared_programmes())
def test_an_exported_programme_reads_back_equal(programme: Programme) -> None:
    text = programme_to_toml(programme, PM)
    assert _read_back(text) == programme
    jsonschema.validate(tomllib.loads(text), schema())


def test_vastmanland_exports_and_reads_back_equal(tmp_path: Path) -> None:
    programme = get_programme("vastmanland-2023-2030")
    out = tmp_path / "vm.toml"
    assert main(["programme", "export", "vastmanland-2023-2030", "--output", str(out)]) == 0
    assert _read_back(out.read_text(encoding="utf-8")) == programme


def test_a_python_indicator_class_cannot_be_exported() -> None:
    class Custom(SimpleIndicator):
        pass

    prog = get_programme("vastmanland-2023-2030")
    area = prog.goal_areas[0]
    first = area.indicators[0]
    assert isinstance(first, SimpleIndicator)
    odd = Custom(id=first.id, name=first.name, metrics=first.metrics)
    changed = attrs.evolve(prog, goal_areas=(attrs.evolve(area, indicators=(odd,)),
                                             *prog.goal_areas[1:]))
    with pytest.raises(InputError, match="is a Custom, a Python class"):
        programme_to_toml(changed)


def _bundled() -> list[tuple[str, bytes]]:
    root = resources.files("indikator_vastmanland") / "programme"
    found = [(f"programme/{f.name}", f.read_bytes()) for f in root.iterdir() if f.is_file()]
    found += [(f"indicators/{f.name}", f.read_bytes()) for f in (root / "indicators").iterdir()]
    return found


@pytest.mark.parametrize(("name", "data"), _bundled(), ids=[n for n, _ in _bundled()])
def test_the_bundled_programme_files_validate_against_the_schema(name: str, data: bytes
                                                                 ) -> None:
    jsonschema.validate(tomllib.loads(data.decode()), schema())


def test_the_schema_is_valid_and_refuses_what_the_reader_refuses() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    with pytest.raises(jsonschema.ValidationError, match="frist_year"):
        jsonschema.validate({"programme": {"id": "p", "name": "P", "frist_year": 2023}},
                            schema())
    two = {"indicator": [{"id": "i", "name": "I", "metric": [
        {"id": "m", "name": "M", "strategy": "vs_base",
         "target": [{"value": 1, "change_percent": -4}]}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(two, schema())
