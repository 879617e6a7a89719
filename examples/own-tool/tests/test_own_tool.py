"""The tool passes its own data to indikator faithfully and prints what indikator rates."""

from __future__ import annotations

import own_tool
import pytest
from hypothesis import given
from hypothesis import strategies as st

import indikator as ik

values = st.floats(1.0, 1e6, allow_nan=False, allow_infinity=False)
# A change well outside the 2 % band, or well inside it (the band's edge is the
# strategy's business, tested in indikator itself).
outside = st.floats(1.05, 3.0)
inside = st.floats(0.99, 1.01)


def _verdict_of(metric: str, before: float, after: float) -> ik.Verdict:
    data = {**own_tool.MEASUREMENTS, metric: {2023: before, 2024: after}}
    tree = ik.assess(own_tool.build_programme(), own_tool.to_dataset(data, 2024))
    return tree.find(metric).verdict


@given(before=values, factor=outside)
def test_less_waste_is_positive_more_is_negative(before: float, factor: float) -> None:
    assert _verdict_of("household-waste", before, before / factor) is ik.Verdict.POSITIVE
    assert _verdict_of("household-waste", before, before * factor) is ik.Verdict.NEGATIVE


@given(before=values, factor=outside)
def test_more_cycle_paths_is_positive(before: float, factor: float) -> None:
    assert _verdict_of("cycle-paths", before, before * factor) is ik.Verdict.POSITIVE
    assert _verdict_of("cycle-paths", before, before / factor) is ik.Verdict.NEGATIVE


@given(before=values, factor=inside)
def test_a_change_within_two_percent_is_unchanged(before: float, factor: float) -> None:
    assert _verdict_of("cycle-paths", before, before * factor) is ik.Verdict.UNCHANGED


@given(
    st.dictionaries(
        st.sampled_from(sorted(own_tool.UNITS)),
        st.dictionaries(st.integers(2000, 2030), values, min_size=1, max_size=5),
        min_size=1,
    )
)
def test_the_dataset_holds_every_value_in_the_metric_unit(
    measurements: dict[str, dict[int, float]],
) -> None:
    dataset = own_tool.to_dataset(measurements, 2030)
    assert set(dataset.observations) == set(measurements)
    for metric, by_year in measurements.items():
        got = {(o.period, o.value, o.unit) for o in dataset.observations[metric]}
        assert got == {(y, v, own_tool.UNITS[metric]) for y, v in by_year.items()}


def test_a_metric_without_data_is_reported_as_no_value() -> None:
    data = {"household-waste": own_tool.MEASUREMENTS["household-waste"]}
    tree = ik.assess(own_tool.build_programme(), own_tool.to_dataset(data, 2024))
    assert tree.find("cycle-paths").verdict is ik.Verdict.NO_VALUE
    assert tree.find("household-waste").verdict is not ik.Verdict.NO_VALUE


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_main_prints_each_metric_then_the_programme(
    lang: own_tool.Lang, capsys: pytest.CaptureFixture[str]
) -> None:
    assert own_tool.main(["--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    tree = ik.assess(own_tool.build_programme(), own_tool.to_dataset(own_tool.MEASUREMENTS, 2024))
    expected = [*own_tool.MEASUREMENTS, own_tool.PROGRAMME_ID]
    assert [line.split(":")[0] for line in lines] == expected
    for line, node_id in zip(lines, expected, strict=True):
        label = tree.find(node_id).verdict.label(lang)
        assert line.startswith(f"{node_id}: {label}. "), line
