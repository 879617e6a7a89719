"""Builders shared by the strategy-layer tests: series from Observations, category ranks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from indikator import Flag, Metric, Observation, Series, Target
from indikator.series import build_series

from indikator_progress_methods import kernels as k
from indikator_progress_methods.strategies import OpenSdgProgress

CATEGORY_ENUMS = {
    "open_sdg_progress": k.OpenSdgStatus,
    "destatis_weather": k.Weather,
    "unsd_progress_chart": k.UnsdCategory,
    "eustat_projection": k.EustatCategory,
}
NOT_ASSESSABLE = {"not_assessable", "none"}


def make_metric(
    *,
    unit: str = "%",
    direction: str = "higher",
    targets: Iterable[Target] = (),
    strategy: object | None = None,
    base_year: int | None = None,
    base_value: float | None = None,
    metric_id: str = "m",
) -> Metric:
    return Metric(
        id=metric_id,
        name="Mätetal",
        unit=unit,
        direction=direction,
        strategy=strategy if strategy is not None else OpenSdgProgress(),
        targets=tuple(targets),
        base_year=base_year,
        base_value=base_value,
    )


def observations(
    values: Mapping[int, float], unit: str = "%", breaks: Iterable[int] = ()
) -> list[Observation]:
    broken = set(breaks)
    return [
        Observation(year, value, unit, flags=[Flag.SERIES_BREAK] if year in broken else [])
        for year, value in sorted(values.items())
    ]


def make_series(
    values: Mapping[int, float],
    *,
    obs_unit: str | None = None,
    breaks: Iterable[int] = (),
    **metric_kwargs: object,
) -> Series:
    metric = make_metric(**metric_kwargs)  # type: ignore[arg-type]
    unit = obs_unit if obs_unit is not None else metric.unit or "%"
    return build_series(metric, observations(values, unit, breaks))


def rank(strategy_id: str, category: str) -> int | None:
    member = CATEGORY_ENUMS[strategy_id](category)
    return member.rank  # type: ignore[no-any-return]
