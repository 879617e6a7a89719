"""The columnar face of strategies: rows to rate, and the dispatcher that rates them.

A strategy has two faces. Its per-object ``assess(series, period)`` rates one series and
explains the verdict; it is all a plugin author has to write. A strategy class may also
have a classmethod ``rate_columns(strategies, which, rows)`` that rates many rows at once
with an array kernel (:mod:`indikator.kernels`) and returns an
:class:`~indikator.kernels.Outcome`; every built-in strategy has one. :func:`rate_rows`
uses it where it exists and loops the per-object face where it does not, so a third-party
strategy without a kernel still works. Both faces give the same verdicts and reasons (a
property test holds the built-ins to it); explanations always come from the per-object
face, built only when one is read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from indikator.codes import NO_VALUE, VERDICTS, reason_code, verdict_code
from indikator.data.frame import SeriesFrame
from indikator.kernels import Outcome
from indikator.model import Metric, Strategy
from indikator.series import Series
from indikator.verdict import Rating, Verdict

__all__ = [
    "ColumnStrategy",
    "Rated",
    "Rows",
    "derived",
    "metric_columns",
    "pairs",
    "param",
    "per_pair",
    "rate_rows",
    "verdict_param",
]

Index = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

FIGURES: tuple[str, ...] = ("current", "reference", "expected", "target", "to_positive")
"""The key figures every result row has a column for (NaN where a strategy has none).

``to_positive`` is what it would take: the least value the next period must reach to be
rated positive under the metric's own rule. A kernel gives it for every row with an
outcome; the engine keeps it only where the rule's verdict is unchanged or negative.
"""


@attrs.frozen
class Rows:
    """Rows to rate: one per (entity, metric, period), on one series of each metric.

    Attributes:
        frame: The series the rows read.
        entity: Entity codes.
        metric: Metric indices (into ``frame.metrics``).
        period: The periods to rate.
        group: The series each row reads (``frame.group``; ``-1``: no observations).
        component: The component code of that series (0: the metric's main series).
    """

    frame: SeriesFrame
    entity: Index
    metric: Index
    period: Index
    group: Index
    component: Index

    @classmethod
    def of(cls, frame: SeriesFrame, entity: npt.ArrayLike, metric: npt.ArrayLike,
           period: npt.ArrayLike, component: npt.ArrayLike | None = None) -> Rows:
        """Rows on the main series (or the given component codes) of each metric."""
        e = np.asarray(entity, dtype=np.int64)
        m = np.asarray(metric, dtype=np.int64)
        c = np.zeros_like(e) if component is None else np.asarray(component, dtype=np.int64)
        group = np.full(len(e), -1, dtype=np.int64)
        ok = c >= 0
        if ok.any() and frame.groups.size:
            cc = np.minimum(c, frame.groups.shape[2] - 1)
            inside = ok & (c < frame.groups.shape[2]) & (e < frame.groups.shape[0])
            group[inside] = frame.groups[e[inside], m[inside], cc[inside]]
        return cls(frame, e, m, np.asarray(period, dtype=np.int64), group, c)

    def __len__(self) -> int:
        return len(self.entity)

    def take(self, idx: Index) -> Rows:
        """The given rows."""
        return Rows(self.frame, self.entity[idx], self.metric[idx], self.period[idx],
                    self.group[idx], self.component[idx])

    def series(self, i: int) -> Series:
        """Row ``i``'s series as a per-object :class:`~indikator.series.Series`."""
        full = self.frame.series(int(self.entity[i]), int(self.metric[i]))
        c = int(self.component[i])
        if c == 0:
            return full
        name = self.frame.components[c] if 0 < c < len(self.frame.components) else None
        found = None if name is None else full.components.get(name)
        return found if found is not None else Series(full.metric, (), {})

    # the questions strategies ask, for every row at once
    def current(self) -> Floats:
        """The value in the row's period (NaN: none)."""
        return self.frame.values(self.frame.find(self.group, self.period))

    def previous(self) -> tuple[Floats, Index]:
        """The latest earlier outcome's value (NaN for a text) and period (``-1``: none)."""
        rows = self.frame.previous(self.group, self.period)
        return self.frame.values(rows), self.frame.periods(rows)

    def value_in(self, year: Index) -> Floats:
        """The value in ``year`` (``-1``: no year, NaN)."""
        g = np.where(year >= 0, self.group, -1)
        return self.frame.values(self.frame.find(g, np.maximum(year, 0)))


def metric_columns(frame: SeriesFrame) -> Mapping[str, npt.NDArray[Any]]:
    """Per-metric arrays (``sign``, ``base_year`` with -1 for none, ``base_value`` NaN)."""
    found = frame.cache.get("metric_columns")
    if found is None:
        ms = frame.metrics
        found = frame.cache["metric_columns"] = {
            "sign": np.array([m.direction.sign for m in ms], dtype=np.float64),
            "base_year": np.array([-1 if m.base_year is None else m.base_year for m in ms],
                                  dtype=np.int64),
            "base_value": np.array([np.nan if m.base_value is None else m.base_value
                                    for m in ms], dtype=np.float64),
        }
    return found


def pairs(which: Index, metric: Index) -> tuple[list[tuple[int, int]], Index]:
    """The distinct (strategy, metric) pairs of some rows, and each row's pair."""
    uniq, inverse, width = _pair_keys(which, metric)
    return _pair_list(uniq, width), inverse


def _pair_keys(which: Index, metric: Index) -> tuple[Index, Index, int]:
    """Each distinct (strategy, metric) pair as one integer key, and each row's pair."""
    width = int(metric.max(initial=0)) + 1
    uniq, inverse = np.unique(which * width + metric, return_inverse=True)
    return uniq, inverse.astype(np.int64).reshape(-1), width


def _pair_list(uniq: Index, width: int) -> list[tuple[int, int]]:
    w, m = np.divmod(uniq, width)
    return list(zip(w.tolist(), m.tolist(), strict=True))


def per_pair(strategies: Sequence[Any], which: Index, rows: Rows,
             compute: Callable[[Any, Metric], tuple[float, ...]], width: int) -> list[Floats]:
    """Columns of per-(strategy, metric) parameters: ``compute(strategy, metric)`` once each."""
    found, inverse = pairs(which, rows.metric)
    table = np.array(
        [compute(strategies[w], rows.frame.metrics[m]) for w, m in found] or [(np.nan,) * width],
        dtype=np.float64,
    ).reshape(-1, width)
    return [table[inverse, k] if len(inverse) else np.zeros(0) for k in range(width)]


def param(strategies: Sequence[Any], which: Index, name: str, none: float = np.nan
          ) -> npt.NDArray[Any]:
    """A parameter of each row's strategy as a column (``none`` where it is ``None``)."""
    column: npt.NDArray[Any] = _per_strategies(strategies, ("param", name, none), lambda: np.array(
        [none if v is None else v for v in (getattr(s, name) for s in strategies)]))
    return column[which]


_MEMO: dict[Any, Any] = {}


def _per_strategies(strategies: Sequence[Any], key: tuple[Any, ...],
                    make: Callable[[], Any]) -> Any:
    """What ``make`` derives from this very list of strategies, memoised.

    The engine passes the same list objects on every run of a programme (they are kept
    with its plan), so one identity look-up finds them; the memo keeps each list alive so
    that its id cannot be reused, and is bounded for a long process.
    """
    found = _MEMO.get((*key, id(strategies)))
    if found is not None and found[0] is strategies:
        return found[1]
    if len(_MEMO) > 4096:
        _MEMO.clear()
    value = make()
    _MEMO[(*key, id(strategies))] = (strategies, value)
    return value


def derived(strategies: Sequence[Any], which: Index, key: str,
            compute: Callable[[Any], Any], dtype: Any = None) -> npt.NDArray[Any]:
    """What ``compute(strategy)`` gives for each row's strategy, as a column.

    Computed once per list of strategies (``key`` names what is computed, and must not
    name two different computations), then looked up by identity on every run.
    """
    column: npt.NDArray[Any] = _per_strategies(
        strategies, ("derived", key),
        lambda: np.array([compute(s) for s in strategies], dtype=dtype))
    return column[which]


def verdict_param(strategies: Sequence[Any], which: Index, name: str) -> npt.NDArray[np.int8]:
    """A verdict parameter of each row's strategy as verdict codes (``-1`` for ``None``)."""
    def make() -> npt.NDArray[Any]:
        values = np.array([getattr(s, name) for s in strategies], dtype=object)
        codes = np.full(len(values), -1, dtype=np.int8)
        for code, verdict in enumerate(VERDICTS):  # identity comparisons: no enum hashing
            codes[values == verdict] = code
        return codes

    codes: npt.NDArray[np.int8] = _per_strategies(strategies, ("verdict", name), make)
    return codes[which]


def per_target(
    strategies: Sequence[Any],
    which: Index,
    rows: Rows,
    target_of: Callable[[Any, Metric], Any],
    resolve: Callable[[Any, Series, int], tuple[float | None, ...]],
    width: int,
) -> list[Floats]:
    """Columns of what each row's target resolves to, once per distinct case.

    A target may be stated against a base year's outcome, which differs by entity, and
    may change with the period (several target years). ``target_of(strategy, metric)``
    gives the target (or ``None``); ``resolve(strategy, series, period)`` is the
    per-object resolution, run once per distinct (strategy, metric, period, base-year
    outcome) on a series holding just that outcome, so both faces resolve alike.
    """
    from indikator.model import MIN_PERIOD, TargetKind
    from indikator.series import Point
    from indikator.targets import target_base_year

    frame = rows.frame
    uniq, inverse, width_m = _pair_keys(which, rows.metric)
    memo: dict[Any, Any] = frame.cache.setdefault("targets", {})
    found: list[tuple[int, int]] = []
    # per pair: the target's base year, and its value when nothing else matters
    def per_pair() -> list[tuple[int, list[float] | None]]:
        per: list[tuple[int, list[float] | None]] = []
        for w, m in found:
            key = (id(strategies[w]), id(frame.metrics[m]))
            got = memo.get(key)
            if got is None:
                metric = frame.metrics[m]
                target = target_of(strategies[w], metric)
                year = None if target is None else target_base_year(target, metric.base_year)
                fixed = target is None or (year is None and not target.milestones and not (
                    target.kind is TargetKind.KEEP and target.from_year is not None))
                value = ([np.nan if v is None else float(v) for v in
                          resolve(strategies[w], Series(metric), MIN_PERIOD)] if fixed else None)
                got = memo[key] = (-1 if year is None else year, value)
            per.append(got)
        return per

    per_key = ("targets-of", id(strategies), width_m, uniq.tobytes())
    cached = memo.get(per_key)
    if cached is None or cached[0] is not strategies:
        found = _pair_list(uniq, width_m)
        per = per_pair()
        cached = memo[per_key] = (
            strategies,
            np.array([v is not None for _, v in per], dtype=bool),
            np.array([v if v is not None else [np.nan] * width for _, v in per]).reshape(
                -1, width),
            [y for y, _ in per],
        )
    _, fixed_pairs, table, years = cached
    out_rows = np.full((len(rows), width), np.nan)
    if fixed_pairs.any():
        out_rows[:] = table[inverse]
    moving = np.flatnonzero(~fixed_pairs[inverse]) if len(inverse) else np.zeros(0, np.int64)
    if len(moving):
        base_year = np.asarray(years, dtype=np.int64)[inverse[moving]]
        observed = rows.take(moving).value_in(base_year)
        key_rows = np.stack([inverse[moving].astype(np.float64),
                             rows.period[moving].astype(np.float64),
                             np.where(np.isnan(observed), np.inf, observed)])
        cases, back = np.unique(key_rows, axis=1, return_inverse=True)
        out = np.full((cases.shape[1], width), np.nan)
        for k, (pair, period, value) in enumerate(cases.T.tolist()):
            w, m = divmod(int(uniq[int(pair)]), width_m)
            metric = frame.metrics[m]
            case_key = (id(strategies[w]), id(metric), period, value)
            got_case = memo.get(case_key)
            if got_case is None:
                year = years[int(pair)]
                points = ((Point(year, float(value)),) if year >= 0 and np.isfinite(value)
                          else ())
                got_case = memo[case_key] = [np.nan if v is None else float(v) for v in
                                        resolve(strategies[w], Series(metric, points),
                                                int(period))]
            out[k] = got_case
        out_rows[moving] = out[back.reshape(-1)]
    return [out_rows[:, j] for j in range(width)]


class ColumnStrategy(Protocol):
    """A strategy class with a columnar face (all built-in strategies are)."""

    @classmethod
    def rate_columns(cls, strategies: Sequence[Any], which: Index, rows: Rows) -> Outcome:
        """Rate ``rows``; row ``i`` uses ``strategies[which[i]]``."""
        ...


@attrs.define
class Rated:
    """What :func:`rate_rows` gives: codes and figures, plus what the loop learnt.

    Attributes:
        verdict: Verdict codes.
        reason: Reason codes.
        figures: Key figures (:data:`FIGURES`), NaN where a row has none.
        ratings: The ratings of rows rated by a per-object ``assess`` (row → rating).
        failures: Rows whose strategy raised or returned something that is not a rating
            (row → the strategy's module and a message naming the metric).
    """

    verdict: npt.NDArray[np.int8]
    reason: npt.NDArray[np.int32]
    figures: dict[str, Floats]
    ratings: dict[int, Rating] = attrs.field(factory=dict)
    failures: dict[int, tuple[str, str]] = attrs.field(factory=dict)

    @classmethod
    def empty(cls, n: int) -> Rated:
        """``n`` rows without a verdict yet."""
        return cls(np.full(n, NO_VALUE, dtype=np.int8), np.zeros(n, dtype=np.int32),
                   {k: np.full(n, np.nan) for k in FIGURES})

    def put(self, idx: Index, other: Rated | Outcome) -> None:
        """Write ``other``'s rows at ``idx``."""
        self.verdict[idx] = other.verdict
        self.reason[idx] = other.reason
        for k in FIGURES:
            col = other.figures.get(k)
            if col is None:  # a trajectory's reference is its start, its target the path's end
                col = other.figures.get(_ALIAS.get(k, ""))
            if col is not None:
                self.figures[k][idx] = col
        if isinstance(other, Rated):
            for i, r in other.ratings.items():
                self.ratings[int(idx[i])] = r
            for i, msg in other.failures.items():
                self.failures[int(idx[i])] = msg


_FAILED = reason_code("strategy_failed")
_ALIAS = {"reference": "start_value", "target": "target_value"}


def rate_rows(strategies: Sequence[Strategy], which: Index, rows: Rows) -> Rated:
    """Rate ``rows``, row ``i`` with ``strategies[which[i]]``: by kernel, else by loop."""
    out = Rated.empty(len(rows))
    if not len(rows):
        return out
    def group() -> dict[type, list[int]]:
        kinds: dict[type, list[int]] = {}
        for i, s in enumerate(strategies):
            kinds.setdefault(type(s), []).append(i)
        return kinds

    kinds = _per_strategies(strategies, ("kinds",), group)
    for kind, members in kinds.items():
        if len(kinds) == 1:
            idx = np.arange(len(rows), dtype=np.int64)
            local, sub = which, rows
        else:
            idx = np.flatnonzero(np.isin(which, members)).astype(np.int64)
            if not len(idx):
                continue
            remap = np.full(len(strategies), -1, dtype=np.int64)
            remap[members] = np.arange(len(members))
            local, sub = remap[which[idx]], rows.take(idx)
        def pick(members: list[int] = members) -> list[Strategy]:
            return [strategies[i] for i in members]

        group_of = _per_strategies(strategies, ("group", kind), pick)
        kernel = getattr(kind, "rate_columns", None)
        done: Rated | Outcome | None = None
        if kernel is not None:
            try:
                done = kernel(group_of, local, sub)
            except Exception:  # the loop rates the rest and names the rows that fail
                done = None
        out.put(idx, done if done is not None else _loop(group_of, local, sub))
    return out


def _loop(strategies: Sequence[Strategy], which: Index, rows: Rows) -> Rated:
    """Rate each row with the per-object face (a strategy without a kernel)."""
    out = Rated.empty(len(rows))
    for i in range(len(rows)):
        strategy = strategies[int(which[i])]
        metric = rows.frame.metrics[int(rows.metric[i])]
        try:
            rating = strategy.assess(rows.series(i), int(rows.period[i]))
            verdict = rating.verdict
            if not isinstance(rating, Rating) or not isinstance(verdict, Verdict):
                raise TypeError(f"returned {rating!r}, not a Rating with a Verdict")
        except Exception as exc:  # a plugin's bug: name it, rate the rest
            out.failures[i] = (
                type(strategy).__module__,
                f"strategy {getattr(strategy, 'id', type(strategy).__name__)!r} failed on "
                f"metric {metric.id!r}: {type(exc).__name__}: {exc}",
            )
            out.reason[i] = _FAILED
            continue
        out.ratings[i] = rating
        out.verdict[i] = verdict_code(verdict)
        out.reason[i] = reason_code(rating.explanation.reason)
        figures = {**rating.explanation.inputs, **rating.explanation.computed}
        for k in FIGURES:
            v = figures.get(k)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out.figures[k][i] = float(v)
    return out


def verdicts_of(codes: npt.NDArray[np.int8]) -> list[Verdict]:
    """Verdict codes as verdicts."""
    return [VERDICTS[c] for c in codes.tolist()]
