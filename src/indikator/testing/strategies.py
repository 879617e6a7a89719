"""Hypothesis strategies for indikator's domain.

Numbers, units, observations, series, metrics, judgments, roll-ups, programmes and
datasets.

For the library's own property tests and for plugin authors who want to test their
strategies, roll-ups and indicators on generated data (install ``indikator-core[testing]``).
Every builder is a composable :func:`hypothesis.strategies.composite` with keyword
switches, in the style of attrs' and cattrs' test strategies::

    from hypothesis import given
    from indikator.series import build_series
    from indikator.testing.strategies import metric_with_series

    @given(metric_with_series())
    def test_my_strategy_is_total(case):
        metric, observations, period = case
        rating = MyStrategy().assess(build_series(metric, observations), period)
        assert rating.explanation.reason

Numbers are finite and of sane size (see :data:`MAX_MAGNITUDE`), so that sums and
differences of generated values stay exact enough to reason about; pass your own bounds
where a property needs other ranges. Generated records are always valid: they are built
through the public constructors, which validate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, TypeVar

from hypothesis import strategies as st

from indikator.model import (
    Component,
    Dataset,
    Flag,
    GoalArea,
    Judgment,
    Metric,
    Observation,
    Programme,
    SimpleIndicator,
    Strategy,
    Target,
    TargetKind,
    TargetOwner,
)
from indikator.rollup import AllPositive, MeanScore, NoValuePolicy, RollUp, StrictMajority, WorstOf
from indikator.strategies import (
    Components,
    Fallback,
    PathShape,
    RateFrom,
    Reference,
    TextOutcome,
    VsBase,
    VsOwnTarget,
    VsTrajectory,
)
from indikator.verdict import Direction, Verdict

__all__ = [
    "COMPATIBLE_UNITS",
    "MAX_MAGNITUDE",
    "PRINTED_UNITS",
    "UnitPair",
    "components_strategies",
    "datasets",
    "directions",
    "fallback_strategies",
    "finite_floats",
    "judgments",
    "metric_ids",
    "metric_with_series",
    "metrics",
    "no_value_policies",
    "observations",
    "own_target_strategies",
    "periods",
    "programmes",
    "rated_verdicts",
    "rollups",
    "series",
    "strategies",
    "targets",
    "text_strategies",
    "trajectory_strategies",
    "unit_pairs",
    "verdicts",
    "vs_base_strategies",
    "years",
]

T = TypeVar("T")

MAX_MAGNITUDE: Final = 1e6
"""The default bound of generated magnitudes (outcomes, bases, targets)."""

PRINTED_UNITS: Final[tuple[str, ...]] = (
    "kWh/km",
    "%",
    "kg/länsinvånare",
    "kWh/m2 BRA",
    "gram",
    "g/portion",
    "st",
    "recept/1000 invånare",
    "t CO2e",
    "procentenheter",
)
"""Every unit Region Västmanland's 2024 report prints, exactly as printed."""

UnitPair = tuple[str, str, float]
"""``(unit, other, factor)``: one value in ``unit`` is ``factor`` in ``other``."""

COMPATIBLE_UNITS: Final[tuple[UnitPair, ...]] = (
    ("kWh/km", "MWh/km", 1e-3),
    ("kWh/km", "Wh/km", 1e3),
    ("kg/länsinvånare", "g/invånare", 1e3),
    ("g/portion", "kg/portion", 1e-3),
    ("recept/1000 invånare", "recept/invånare", 1e-3),
    ("t CO2e", "kg CO2e", 1e3),
    ("kWh/m2 BRA", "MWh/m2 BRA", 1e-3),
    ("%", "procentenheter", 1.0),
    ("st", "st", 1.0),
)
"""Pairs of compatible units with the factor between them (exact in decimal)."""


def _pick(value: T | st.SearchStrategy[T] | None, default: st.SearchStrategy[T]) -> (
    st.SearchStrategy[T]
):
    """A strategy from a switch: ``None`` → the default, a strategy → itself, a value → it."""
    if value is None:
        return default
    if isinstance(value, st.SearchStrategy):
        return value
    return st.just(value)


def finite_floats(
    min_value: float = -MAX_MAGNITUDE,
    max_value: float = MAX_MAGNITUDE,
    *,
    places: int | None = None,
) -> st.SearchStrategy[float]:
    """Finite floats in ``[min_value, max_value]``, without subnormals.

    Args:
        min_value: The smallest value.
        max_value: The largest value.
        places: If given, values are rounded to this many decimals (as report figures
            are), which makes ties at thresholds likely.
    """
    floats = st.floats(
        min_value=min_value,
        max_value=max_value,
        allow_nan=False,
        allow_infinity=False,
        allow_subnormal=False,
    )
    if places is None:
        return floats
    return floats.map(lambda x: min(max(round(x, places), min_value), max_value))


def periods(min_year: int = 2005, max_year: int = 2035) -> st.SearchStrategy[int]:
    """Years (periods) in a range the model accepts."""
    return st.integers(min_value=min_year, max_value=max_year)


@st.composite
def years(
    draw: st.DrawFn,
    *,
    min_size: int = 1,
    max_size: int = 6,
    consecutive: bool | None = None,
    first: int | None = None,
    last: int | None = None,
) -> list[int]:
    """A sorted list of distinct years.

    Args:
        draw: Supplied by hypothesis.
        min_size: The fewest years.
        max_size: The most years.
        consecutive: ``True`` for consecutive years, ``False`` for years with at least
            one gap, ``None`` for either.
        first: The first year (drawn if omitted).
        last: The last year; overrides ``first`` (the list then ends in ``last``).
    """
    size = draw(st.integers(min_value=min_size, max_value=max_size))
    if consecutive is None:
        consecutive = draw(st.booleans())
    steps = [1] * (size - 1)
    if not consecutive:
        steps = [draw(st.integers(min_value=1, max_value=3)) for _ in steps]
        if steps and all(s == 1 for s in steps):
            steps[draw(st.integers(min_value=0, max_value=len(steps) - 1))] = 2
    span = sum(steps)
    if last is not None:
        start = last - span
    elif first is not None:
        start = first
    else:
        start = draw(st.integers(min_value=2000, max_value=2030 - span))
    out = [start]
    for s in steps:
        out.append(out[-1] + s)
    return out


def directions() -> st.SearchStrategy[Direction]:
    """Either direction."""
    return st.sampled_from(Direction)


def verdicts() -> st.SearchStrategy[Verdict]:
    """Any verdict, ``no_value`` included."""
    return st.sampled_from(Verdict)


def rated_verdicts() -> st.SearchStrategy[Verdict]:
    """Positive, unchanged or negative."""
    return st.sampled_from([Verdict.POSITIVE, Verdict.UNCHANGED, Verdict.NEGATIVE])


def no_value_policies() -> st.SearchStrategy[NoValuePolicy]:
    """Any :class:`~indikator.rollup.NoValuePolicy`."""
    return st.sampled_from(NoValuePolicy)


def metric_ids() -> st.SearchStrategy[str]:
    """Valid ids: lower-case letters and digits with ``-``, ``_`` or ``.`` inside."""
    return st.from_regex(r"\A[a-z][a-z0-9_\-]{0,11}\Z")


def unit_pairs(*, different: bool = False) -> st.SearchStrategy[UnitPair]:
    """A pair of compatible units from :data:`COMPATIBLE_UNITS` with their factor.

    Args:
        different: Only pairs of two different spellings with a factor other than 1.
    """
    pairs = [p for p in COMPATIBLE_UNITS if not different or p[2] != 1.0]
    return st.sampled_from(pairs)


_TEXTS = (
    "Integrerade i flera riskbedömningsprocesser, men otillräcklig tillämpning",
    "Integrerade i alla riskbedömningsprocesser",
    "Ej påbörjat",
    "Påbörjat",
)


@st.composite
def observations(
    draw: st.DrawFn,
    *,
    period: int | st.SearchStrategy[int] | None = None,
    unit: str | st.SearchStrategy[str] | None = None,
    value: float | st.SearchStrategy[float] | None = None,
    text: bool = False,
    missing: bool = False,
    flags: bool = False,
    component: str | None = None,
) -> Observation:
    """One observation.

    Args:
        draw: Supplied by hypothesis.
        period: The period (drawn if omitted).
        unit: The unit of a value (``"kWh/km"`` if omitted).
        value: The value or a strategy for it (:func:`finite_floats` if omitted).
        text: Allow a text outcome instead of a value.
        missing: Allow a missing outcome (neither value nor text).
        flags: Allow flags (provisional, series break, own target met or not).
        component: The component id the observation is for.
    """
    p = draw(_pick(period, periods()))
    u = draw(_pick(unit, st.just("kWh/km")))
    kinds = ["value"] + (["text"] if text else []) + (["missing"] if missing else [])
    kind = draw(st.sampled_from(kinds))
    fl: frozenset[Flag] = frozenset()
    if flags:
        fl = frozenset(draw(st.sets(st.sampled_from(Flag), max_size=2)))
        if Flag.OWN_TARGET_MET in fl and Flag.OWN_TARGET_NOT_MET in fl:
            fl = fl - {Flag.OWN_TARGET_NOT_MET}
    if kind == "text":
        return Observation(p, text=draw(st.sampled_from(_TEXTS)), flags=fl, component=component)
    if kind == "missing":
        return Observation(p, flags=fl, component=component)
    v = draw(_pick(value, finite_floats()))
    own = draw(st.one_of(st.none(), _pick(value, finite_floats()))) if flags else None
    return Observation(p, v, u, flags=fl, component=component, own_target=own)


@st.composite
def series(
    draw: st.DrawFn,
    *,
    unit: str | st.SearchStrategy[str] = "kWh/km",
    values: st.SearchStrategy[float] | None = None,
    min_size: int = 1,
    max_size: int = 6,
    consecutive: bool | None = None,
    last: int | None = None,
    texts: bool = False,
    missing: bool = False,
    flags: bool = False,
    components: Sequence[str] = (),
) -> list[Observation]:
    """The observations of one metric for consecutive or irregular years.

    Args:
        draw: Supplied by hypothesis.
        unit: The unit of every value (or a strategy: one unit drawn per observation,
            e.g. ``st.sampled_from(["kWh/km", "MWh/km"])`` for mixed compatible units).
        values: A strategy for the values (finite floats if omitted).
        min_size: The fewest periods.
        max_size: The most periods.
        consecutive: Consecutive years (``True``), with gaps (``False``) or either.
        last: The last period (usually the one assessed).
        texts: Allow text outcomes.
        missing: Allow missing outcomes.
        flags: Allow flags.
        components: Component ids: the observations are then per component (each
            component gets its own years), and there is no main series.
    """
    vals = values if values is not None else finite_floats()

    def one_series(component: str | None) -> list[Observation]:
        ys = draw(
            years(min_size=min_size, max_size=max_size, consecutive=consecutive, last=last)
        )
        return [
            draw(
                observations(
                    period=y,
                    unit=unit,
                    value=vals,
                    text=texts,
                    missing=missing,
                    flags=flags,
                    component=component,
                )
            )
            for y in ys
        ]

    if components:
        out: list[Observation] = []
        for cid in components:
            out.extend(one_series(cid))
        return out
    return one_series(None)


@st.composite
def targets(
    draw: st.DrawFn,
    *,
    unit: str = "kWh/km",
    owner: TargetOwner | None = None,
    kind: TargetKind | None = None,
    value: st.SearchStrategy[float] | None = None,
    year: int | st.SearchStrategy[int] | None = None,
) -> Target:
    """A target (value, year, kind, owner)."""
    k = kind if kind is not None else draw(st.sampled_from(TargetKind))
    o = owner if owner is not None else draw(st.sampled_from(TargetOwner))
    if k is TargetKind.DIRECTION:
        return Target(kind=k, owner=o)
    v = draw(value if value is not None else finite_floats())
    y = None if k is TargetKind.KEEP else draw(_pick(year, periods(2020, 2040)))
    return Target(v, unit, y, k, o)


def vs_base_strategies(
    *, reference: Reference | None = None, max_band: float = 10.0
) -> st.SearchStrategy[VsBase]:
    """:class:`~indikator.strategies.VsBase` records with any reference and dead bands."""
    return st.builds(
        VsBase,
        reference=_pick(reference, st.sampled_from(Reference)),
        dead_band=st.one_of(st.just(0.0), finite_floats(0.0, max_band)),
        relative_dead_band=st.one_of(st.just(0.0), finite_floats(0.0, 0.2)),
    )


@st.composite
def trajectory_strategies(
    draw: st.DrawFn,
    *,
    shape: PathShape | None = None,
    explicit: bool | None = None,
) -> VsTrajectory:
    """:class:`~indikator.strategies.VsTrajectory` records of any shape.

    Args:
        draw: Supplied by hypothesis.
        shape: The path's shape (drawn if omitted).
        explicit: Give start and target in the record (``True``), leave them to the
            metric (``False``), or either.
    """
    sh = shape if shape is not None else draw(st.sampled_from(PathShape))
    exp = draw(st.booleans()) if explicit is None else explicit
    kwargs: dict[str, Any] = {
        "shape": sh,
        "tolerance": draw(st.one_of(st.just(0.0), finite_floats(0.0, 5.0))),
        "relative_tolerance": draw(st.sampled_from([0.0, 0.0, 0.01, 0.05])),
        "behind": draw(st.sampled_from([Verdict.UNCHANGED, Verdict.NEGATIVE])),
        "not_improved": draw(st.sampled_from([None, None, Verdict.NEGATIVE])),
    }
    if sh is PathShape.ANNUAL_RATE:
        kwargs["annual_rate"] = draw(finite_floats(-0.5, 0.5, places=3))
        kwargs["rate_from"] = draw(st.sampled_from(RateFrom))
    if exp and sh is not PathShape.ANNUAL_RATE:
        start = draw(periods(2010, 2025))
        kwargs.update(
            start_year=start,
            start_value=draw(finite_floats()),
            target_year=draw(st.integers(start + 1, start + 15)),
            target_value=draw(finite_floats()),
        )
    elif sh is not PathShape.ANNUAL_RATE and draw(st.booleans()):
        kwargs["start_year"] = draw(periods(2010, 2025))
    return VsTrajectory(**kwargs)


def own_target_strategies(
    *, owner: TargetOwner | None = None
) -> st.SearchStrategy[VsOwnTarget]:
    """:class:`~indikator.strategies.VsOwnTarget` records (target taken from the metric)."""
    return st.builds(
        VsOwnTarget,
        owner=_pick(owner, st.sampled_from(TargetOwner)),
        near_band=st.sampled_from([0.0, 0.0, 0.05, 0.5]),
    )


def text_strategies() -> st.SearchStrategy[TextOutcome]:
    """:class:`~indikator.strategies.TextOutcome` records, with or without a scale."""
    return st.builds(
        TextOutcome, scale=st.one_of(st.just(()), st.permutations(_TEXTS).map(tuple))
    )


def rollups(
    *, policy: NoValuePolicy | None = None
) -> st.SearchStrategy[RollUp]:
    """Any built-in roll-up rule with any (or the given) no-value policy."""
    pol = _pick(policy, no_value_policies())
    thresholds = st.tuples(
        finite_floats(-1.0, 0.99, places=2), finite_floats(0.0, 1.0, places=2)
    ).filter(lambda t: t[0] < t[1])
    return st.one_of(
        st.builds(StrictMajority, no_value=pol),
        st.builds(WorstOf, no_value=pol),
        st.builds(AllPositive, no_value=pol),
        st.builds(
            lambda t, p: MeanScore(positive_at=t[1], negative_at=t[0], no_value=p),
            thresholds,
            pol,
        ),
    )


def components_strategies() -> st.SearchStrategy[Components]:
    """:class:`~indikator.strategies.Components` records (vs previous, any roll-up)."""
    return st.builds(
        Components, each=vs_base_strategies(reference=Reference.PREVIOUS), rollup=rollups()
    )


def fallback_strategies() -> st.SearchStrategy[Fallback]:
    """:class:`~indikator.strategies.Fallback` records: vs base, then a trajectory."""
    return st.builds(
        Fallback,
        first=vs_base_strategies(reference=Reference.BASE),
        then=trajectory_strategies(shape=PathShape.LINEAR, explicit=True),
    )


def strategies() -> st.SearchStrategy[Strategy]:
    """Any built-in numeric strategy (vs base, vs trajectory, vs own target, fallback)."""
    return st.one_of(
        vs_base_strategies(),
        trajectory_strategies(),
        own_target_strategies(),
        fallback_strategies(),
    )


@st.composite
def metrics(
    draw: st.DrawFn,
    *,
    direction: Direction | st.SearchStrategy[Direction] | None = None,
    strategy: Strategy | st.SearchStrategy[Strategy] | None = None,
    unit: str | st.SearchStrategy[str] | None = None,
    id: str | None = None,
    base: bool | None = None,
    target: bool | None = None,
    own_target: bool | None = None,
    components: Sequence[str] = (),
    values: st.SearchStrategy[float] | None = None,
) -> Metric:
    """A metric with a unit, a direction, a strategy, and optionally a base and targets.

    Args:
        draw: Supplied by hypothesis.
        direction: The direction (drawn if omitted).
        strategy: A strategy record or a strategy for one (any numeric one if omitted).
        unit: The metric's unit (``"kWh/km"`` if omitted).
        id: The metric's id (drawn if omitted).
        base: Give a base year and value (``True``), none (``False``) or either.
        target: Give a programme level target (``True``), none, or either.
        own_target: Give the unit's own target (``True``), none, or either.
        components: Component ids.
        values: A strategy for the base and target values.
    """
    vals = values if values is not None else finite_floats()
    u = draw(_pick(unit, st.just("kWh/km")))
    has_base = draw(st.booleans()) if base is None else base
    has_target = draw(st.booleans()) if target is None else target
    has_own = draw(st.booleans()) if own_target is None else own_target
    tgts: list[Target] = []
    if has_target:
        tgts.append(
            draw(targets(unit=u, owner=TargetOwner.PROGRAMME, kind=TargetKind.LEVEL, value=vals))
        )
    if has_own:
        kind = draw(st.sampled_from([TargetKind.LEVEL, TargetKind.KEEP]))
        tgts.append(draw(targets(unit=u, owner=TargetOwner.UNIT, kind=kind, value=vals)))
    return Metric(
        id=id if id is not None else draw(metric_ids()),
        name=draw(st.sampled_from(["Mätetal", "Andel ekologiska livsmedel", "Matsvinn"])),
        unit=u,
        direction=draw(_pick(direction, directions())),
        strategy=draw(_pick(strategy, strategies())),
        base_year=draw(periods(2010, 2022)) if has_base else None,
        base_value=draw(vals) if has_base else None,
        targets=tuple(tgts),
        components=tuple(Component(c, c.upper()) for c in components),
    )


@st.composite
def metric_with_series(
    draw: st.DrawFn,
    *,
    metric: Metric | st.SearchStrategy[Metric] | None = None,
    period: int | st.SearchStrategy[int] | None = None,
    values: st.SearchStrategy[float] | None = None,
    consecutive: bool | None = None,
    max_size: int = 6,
    missing: bool = True,
    flags: bool = False,
) -> tuple[Metric, list[Observation], int]:
    """A metric, observations for it (in its unit) and the period to assess.

    The period is the last observed year; with ``missing`` its outcome may be missing.

    Args:
        draw: Supplied by hypothesis.
        metric: The metric or a strategy for it (:func:`metrics` if omitted).
        period: The period to assess (drawn if omitted).
        values: A strategy for the values.
        consecutive: Consecutive years, years with gaps, or either.
        max_size: The most periods.
        missing: Allow missing outcomes.
        flags: Allow flags (series breaks, provisional, own target met).

    Returns:
        ``(metric, observations, period)``.
    """
    m = draw(_pick(metric, metrics(values=values)))
    when = draw(_pick(period, periods(2012, 2030)))
    obs = draw(
        series(
            unit=m.unit or "kWh/km",
            values=values,
            last=when,
            consecutive=consecutive,
            max_size=max_size,
            missing=missing,
            flags=flags,
            components=[c.id for c in m.components],
        )
    )
    return m, obs, when


@st.composite
def judgments(
    draw: st.DrawFn,
    *,
    target: str | st.SearchStrategy[str] | None = None,
    period: int | st.SearchStrategy[int] | None = None,
    verdict: Verdict | st.SearchStrategy[Verdict] | None = None,
) -> Judgment:
    """A judgment with a non-empty reason."""
    return Judgment(
        target=draw(_pick(target, metric_ids())),
        period=draw(_pick(period, periods())),
        verdict=draw(_pick(verdict, verdicts())),
        reason=draw(
            st.sampled_from(
                [
                    "Förändringen är marginell.",
                    "Värdet ligger inom verksamhetens målvärde.",
                    "Utsläppsfaktorerna har justerats.",
                ]
            )
        ),
        author=draw(st.one_of(st.none(), st.just("Hållbarhetsenheten"))),
    )


@st.composite
def programmes(
    draw: st.DrawFn,
    *,
    max_areas: int = 3,
    max_indicators: int = 3,
    max_metrics: int = 3,
    rollup: RollUp | st.SearchStrategy[RollUp] | None = None,
) -> Programme:
    """A programme of goal areas, indicators and metrics with unique ids.

    Args:
        draw: Supplied by hypothesis.
        max_areas: The most goal areas.
        max_indicators: The most indicators per goal area.
        max_metrics: The most metrics per indicator.
        rollup: The roll-up of every level (drawn per node if omitted).
    """
    counter = iter(range(10_000))
    rule = _pick(rollup, rollups())

    def metric() -> Metric:
        return draw(metrics(id=f"m{next(counter)}", components=()))

    def indicator() -> SimpleIndicator:
        return SimpleIndicator(
            id=f"i{next(counter)}",
            name="Indikator",
            metrics=tuple(metric() for _ in range(draw(st.integers(0, max_metrics)))),
            rollup=draw(rule),
        )

    areas = [
        GoalArea(
            id=f"a{next(counter)}",
            name="Målområde",
            indicators=tuple(
                indicator() for _ in range(draw(st.integers(0, max_indicators)))
            ),
            rollup=draw(rule),
        )
        for _ in range(draw(st.integers(1, max_areas)))
    ]
    return Programme(id="p", name="Hållbarhetsprogram", goal_areas=tuple(areas), rollup=draw(rule))


@st.composite
def datasets(
    draw: st.DrawFn,
    *,
    programme: Programme | st.SearchStrategy[Programme] | None = None,
    period: int | st.SearchStrategy[int] | None = None,
    judged: bool = True,
) -> Dataset:
    """A dataset for a programme: observations for some of its metrics, and judgments.

    Args:
        draw: Supplied by hypothesis.
        programme: The programme the data is for (a small drawn one if omitted).
        period: The period assessed (drawn if omitted).
        judged: Allow judgments on some nodes.
    """
    prog = draw(_pick(programme, programmes()))
    when = draw(_pick(period, periods(2012, 2030)))
    obs: dict[str, list[Observation]] = {}
    for mid, m in prog.metrics().items():
        if draw(st.integers(0, 4)):  # most metrics have data, some none at all
            obs[mid] = draw(
                series(unit=m.unit or "kWh/km", last=when, missing=True, max_size=4)
            )
    js: list[Judgment] = []
    if judged:
        ids = sorted({mid for mid in prog.metrics()} | set(prog.indicators()))
        if ids:
            chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
            js = [draw(judgments(target=t, period=when)) for t in chosen]
    return Dataset(programme=prog.id, period=when, observations=obs, judgments=tuple(js))
