"""Numeric kernels of published progress-assessment methods.

Small pure functions on plain floats and ints (no units, no arrays). Each rates one series
(or combines ratings) the way one published method does and returns a frozen record with
the method's own category and every figure it used or computed, so that an explanation can
show the numbers. The methods:

- Statistics Canada / Open SDG progress measure (``open_sdg_*``). Sources: open-sdg/open-sdg
  ``docs/progress-methodology.md`` and its reference code, open-sdg/sdg-build
  ``sdg/ProgressMeasure.py``.
- Destatis "weather" symbols of the German Sustainable Development Strategy
  (``destatis_*``). Source: Nachhaltige-Entwicklung-Deutschland/open-sdg-site-starter
  ``_pages/en/status.md`` and the German ``_pages/status.md``.
- UNSD progress-chart ratio ``CR = CAGR_a / CAGR_r`` (``unsd_*``), as re-implemented by third
  parties (the UNSD technical note itself was not available to read).
- EUSTAT (Basque statistics office) projection share (``eustat_*``). Source:
  EUSTAT-DES/site ``_pages/en/metodologia.md``.

Conventions shared by every kernel:

- ``direction`` is ``+1`` when higher values are better and ``-1`` when lower values are
  better; anything else raises :class:`ValueError`.
- Years are ints; year spans are the actual spans (irregular years need no special case).
- Any finite input gives a record, never an exception: when a method cannot rate a series,
  the category is its "not assessable" member (``Weather.NONE`` for Destatis) and
  ``reason`` holds a :class:`Reason` code. A figure that overflows the float range is
  reported as ``None`` with reason :attr:`Reason.NUMERIC_OVERFLOW`.
- A non-finite input (NaN, +-inf) raises :class:`ValueError` naming the argument. The only
  other errors are contract violations: a bad ``direction``, ``years`` and ``values`` of
  different lengths, an Open SDG limit coefficient outside [0, 1].
- "Meets the target" is inclusive everywhere: ``value >= target`` when higher is better,
  ``value <= target`` when lower is better.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal, Protocol

import attrs

Direction = Literal[1, -1]
"""``+1`` when higher values are better, ``-1`` when lower values are better."""


class Reason(enum.StrEnum):
    """Codes for why a kernel could not rate a series or could not compute its figures."""

    NO_DATA = "no_data"
    """No data points (after dropping those before a series break)."""
    DUPLICATE_YEARS = "duplicate_years"
    """Two data points share a year."""
    NO_BASE_YEAR = "no_base_year"
    """No data in or after the preferred base year (Open SDG)."""
    BASE_AFTER_LATEST = "base_after_latest"
    """The base year lies after the latest year."""
    TOO_FEW_POINTS = "too_few_points"
    """Fewer points, or a shorter span, than the method needs."""
    ZERO_BASE = "zero_base"
    """The base value is 0, so a growth rate is undefined (UNSD, EUSTAT)."""
    MIXED_SIGNS = "mixed_signs"
    """The base and latest values have opposite signs, so a growth rate is undefined."""
    TARGET_SIGN_MISMATCH = "target_sign_mismatch"
    """The base and target values have opposite signs, so the required rate is undefined."""
    TARGET_YEAR_NOT_AFTER_BASE = "target_year_not_after_base"
    """The target year is not after the base year, so no required rate runs to it."""
    ZERO_REQUIRED_RATE = "zero_required_rate"
    """The required growth rate is 0 (target equal to base): the ratio is undefined."""
    TARGET_EQUALS_BASE = "target_equals_base"
    """The target equals the base value, so the share of the way is undefined (EUSTAT)."""
    NUMERIC_OVERFLOW = "numeric_overflow"
    """A figure left the float range (for example a growth factor of 1e300)."""
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    """An Open SDG score outside [-5, 5] has no status band."""
    NOTHING_RATED = "nothing_rated"
    """A roll-up or combination had no rated member."""


DEFAULT_BASE_YEAR: Final = 2015
"""Base year of the 2030 Agenda, preferred by the Open SDG and EUSTAT base-year rules."""
DEFAULT_TARGET_YEAR: Final = 2030
"""Target year assumed when none is given (Open SDG, UNSD, EUSTAT)."""

# --------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------


def _finite(name: str, value: float) -> float:
    """Return ``value`` as a float; raise ValueError naming ``name`` when it is not finite."""
    try:
        ok = math.isfinite(value)
    except OverflowError:  # an int too large for a float
        ok = False
    if not ok:
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def _optional_finite(name: str, value: float | None) -> float | None:
    return None if value is None else _finite(name, value)


def _direction(direction: int) -> Direction:
    if direction == 1:
        return 1
    if direction == -1:
        return -1
    raise ValueError(
        f"direction must be +1 (higher is better) or -1 (lower is better), got {direction!r}"
    )


def _points(years: Sequence[int], values: Sequence[float]) -> list[tuple[int, float]]:
    """Validate a series and return its points sorted by year (duplicates kept)."""
    if len(years) != len(values):
        raise ValueError(
            f"years and values must have the same length, got {len(years)} and {len(values)}"
        )
    for i, (year, value) in enumerate(zip(years, values, strict=True)):
        _finite(f"years[{i}]", year)
        _finite(f"values[{i}]", value)
    return sorted(zip(years, (float(v) for v in values), strict=True), key=lambda p: p[0])


def _has_duplicate_years(points: Sequence[tuple[int, float]]) -> bool:
    return len({year for year, _ in points}) != len(points)


def _meets(value: float, target: float, direction: Direction) -> bool:
    """Whether ``value`` meets ``target`` (inclusive) in the desired direction."""
    return value >= target if direction == 1 else value <= target


def _opposite_signs(a: float, b: float) -> bool:
    """Whether one value is strictly positive and the other strictly negative."""
    return (a > 0 > b) or (a < 0 < b)


def _span_reason(base_year: int, current_year: int) -> Reason | None:
    """Reason why two years do not give a growth span of at least one year, if any."""
    if current_year < base_year:
        return Reason.BASE_AFTER_LATEST
    if current_year - base_year < 1:
        return Reason.TOO_FEW_POINTS
    return None


def _pow(base: float, exponent: float) -> float:
    """Return ``base ** exponent`` for ``base >= 0``; +inf where it leaves the float range."""
    try:
        return math.pow(base, exponent)
    except (OverflowError, ValueError):  # overflow, or 0 to a negative power
        return math.inf


def _growth_factor(new: float, old: float, years: float) -> float:
    """Annual growth factor ``(new / old) ** (1 / years)`` for same-signed values, old != 0."""
    return _pow(abs(new / old), 1.0 / years)


def _finite_or_none(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _all_finite(*values: float | None) -> bool:
    """Whether every given figure that is not None is finite."""
    return all(v is None or math.isfinite(v) for v in values)


def _below(x: float) -> float:
    """Largest float strictly below ``x`` (keeps a score inside a half-open band)."""
    return math.nextafter(x, -math.inf)


# --------------------------------------------------------------------------------------
# Statistics Canada / Open SDG progress measure
# --------------------------------------------------------------------------------------

OPEN_SDG_ZERO_REPLACEMENT: Final = 0.001
"""Value that replaces a base or target value of exactly 0."""
OPEN_SDG_LIMIT_EXPONENT: Final = 4.44
"""Exponent ``a`` of the natural-limit scaling factor ``C``."""

_OPEN_SDG_SCORE_LEVELS: Final = (-5.0, -2.5, 0.0, 2.5, 5.0)
# Progress values at the score levels above. Without a target the three non-negative ones
# are multiplied by the natural-limit coefficient C.
_OPEN_SDG_NO_TARGET_POINTS: Final = (-0.02, 0.0, 0.005, 0.015, 0.02)
_OPEN_SDG_TARGET_POINTS: Final = (-0.6, 0.0, 0.6, 0.95, 1.3)


OPEN_SDG_NOT_AVAILABLE: Final = "not_available"
"""sdg-build's status of a series or indicator it cannot rate (NOT_ASSESSABLE here)."""


class OpenSdgStatus(enum.Enum):
    """Progress status of the Open SDG method (values are sdg-build's status codes).

    Order, best first: TARGET_ACHIEVED, SUBSTANTIAL ("on track"), MODERATE ("progress made
    but acceleration needed"), LIMITED, DETERIORATION. NOT_ASSESSABLE is the documentation's
    "unable to assess" and lies outside the order.
    """

    TARGET_ACHIEVED = "target_achieved"
    SUBSTANTIAL = "substantial_progress"
    MODERATE = "moderate_progress"
    LIMITED = "limited_progress"
    DETERIORATION = "deterioration"
    NOT_ASSESSABLE = "not_assessable"

    @property
    def rank(self) -> int | None:
        """Position in the method's order (DETERIORATION 0 ... TARGET_ACHIEVED 4), or None."""
        return _OPEN_SDG_RANK.get(self)

    @property
    def published(self) -> str:
        """The status as sdg-build publishes it (``not_available`` when not assessable)."""
        return OPEN_SDG_NOT_AVAILABLE if self is OpenSdgStatus.NOT_ASSESSABLE else self.value


_OPEN_SDG_RANK: Final = {
    OpenSdgStatus.DETERIORATION: 0,
    OpenSdgStatus.LIMITED: 1,
    OpenSdgStatus.MODERATE: 2,
    OpenSdgStatus.SUBSTANTIAL: 3,
    OpenSdgStatus.TARGET_ACHIEVED: 4,
}
# Status of each score band, in the order of _OPEN_SDG_SCORE_LEVELS.
_OPEN_SDG_BANDS: Final = (
    OpenSdgStatus.DETERIORATION,
    OpenSdgStatus.LIMITED,
    OpenSdgStatus.MODERATE,
    OpenSdgStatus.SUBSTANTIAL,
)


@attrs.frozen
class OpenSdgThresholds:
    """Progress-value thresholds as applied to one series.

    ``high`` separates substantial from moderate progress, ``med`` moderate from limited,
    ``low`` limited progress from deterioration. Each is a lower bound of its band: a
    progress value exactly at a threshold belongs to the better band.
    """

    high: float
    med: float
    low: float


OPEN_SDG_THRESHOLD_KEYS: Final = ("high", "med", "low")
"""The keys of a ``progress_thresholds`` override, as Open SDG's configuration names them."""


def open_sdg_thresholds(
    *,
    has_target: bool,
    coefficient: float = 1.0,
    given: Mapping[str, float] | None = None,
) -> OpenSdgThresholds:
    """Return the Open SDG thresholds for a series.

    With a target they are ``0.95 / 0.60 / 0`` on the ratio of observed to required growth
    (the natural-limit coefficient does not apply). Without a target they are
    ``1.5 % / 0.5 % / 0`` on the directed growth rate, the positive ones multiplied by the
    natural-limit coefficient ``C`` (``1.0`` when there is no limit).

    ``given`` overrides any of ``high``, ``med`` and ``low`` (an indicator configuration's
    ``progress_thresholds``); the others keep their defaults. Without a target every
    threshold, given or default, is then multiplied by ``C`` (as sdg-build does; the
    default ``low`` of 0 stays 0).
    """
    c = _check_coefficient(coefficient)
    chosen = dict(
        zip(OPEN_SDG_THRESHOLD_KEYS, (0.95, 0.6, 0.0) if has_target else (0.015, 0.005, 0.0),
            strict=True)
    )
    for key, value in (given or {}).items():
        if key not in chosen:
            raise ValueError(
                f"progress_thresholds has high, med and low, not {key!r}"
            )
        chosen[key] = _finite(f"progress_thresholds.{key}", value)
    if has_target:
        return OpenSdgThresholds(**chosen)
    return OpenSdgThresholds(**{key: value * c for key, value in chosen.items()})


class OpenSdgScoreRule(enum.Enum):
    """How a series' score in [-5, 5] is computed from its progress value.

    ``BANDS`` (the default) draws exact straight lines through the points the
    methodology documents and keeps the score inside the band of the series' status, so
    a series rolled up alone keeps its status. ``SDG_BUILD`` is what sdg-build (the code
    that builds Open SDG sites) computes and publishes: with a target the lines have its
    rounded slopes (7.1429 and 4.1667, intercepts 4.2857 and 2.5), and no score is kept
    inside a band. The two differ by less than 1e-4 for default thresholds; use
    ``SDG_BUILD`` to reproduce a site's published scores to the last digit.
    """

    BANDS = "bands"
    SDG_BUILD = "sdg_build"


def _check_coefficient(coefficient: float) -> float:
    c = _finite("coefficient", coefficient)
    if not 0.0 <= c <= 1.0:
        raise ValueError(f"coefficient must lie in [0, 1], got {coefficient!r}")
    return c


def open_sdg_limit_coefficient(base_value: float, limit: float) -> float:
    """Return the natural-limit scaling factor ``C`` in [0, 1] (no-target case only).

    With ``b = |base_value|`` and ``L = |limit|`` (sdg-build compares magnitudes):
    ``C = 1`` when ``L = 0`` or ``b >= 2L``;
    ``C = 1 - (b / L) ** 4.44`` when ``b <= L`` (a maximum limit: ``C = 0`` at the limit);
    ``C = 1 - ((2L - b) / L) ** 4.44`` when ``L < b < 2L`` (a minimum limit, mirrored).
    The caller passes only a limit that lies in the desired direction of progress, as the
    methodology says; sdg-build applies whatever limit it is given.
    """
    b = abs(_finite("base_value", base_value))
    lim = abs(_finite("limit", limit))
    if lim == 0.0:
        return 1.0
    x = b / lim  # compared as a ratio, so 2 * limit cannot overflow
    if x >= 2.0:
        return 1.0
    if x <= 1.0:
        return 1.0 - math.pow(x, OPEN_SDG_LIMIT_EXPONENT)
    return 1.0 - math.pow(2.0 - x, OPEN_SDG_LIMIT_EXPONENT)


def open_sdg_status(progress_value: float, thresholds: OpenSdgThresholds) -> OpenSdgStatus:
    """Return the status of a progress value against thresholds.

    Tie rules (as in sdg-build and the documentation's tables): ``P >= high`` substantial;
    ``med <= P < high`` moderate; ``low <= P < med`` limited; ``P < low`` deterioration.
    When thresholds coincide (``C = 0``) the better band wins.
    """
    p = _finite("progress_value", progress_value)
    if p >= thresholds.high:
        return OpenSdgStatus.SUBSTANTIAL
    if p >= thresholds.med:
        return OpenSdgStatus.MODERATE
    if p >= thresholds.low:
        return OpenSdgStatus.LIMITED
    return OpenSdgStatus.DETERIORATION


def open_sdg_score(progress_value: float, *, has_target: bool, coefficient: float = 1.0) -> float:
    """Return the Open SDG score in [-5, 5] of a progress value (target not achieved).

    Piecewise linear through the documented points, clamped at -5 and 5. With a target:
    ``R = -60 % -> -5``, ``0 -> -2.5``, ``60 % -> 0``, ``95 % -> 2.5``, ``130 % -> 5`` (two
    straight lines, as in the documentation's Figure 2). Without a target:
    ``-2 % -> -5``, ``0 -> -2.5``, ``0.5 % C -> 0``, ``1.5 % C -> 2.5``, ``2 % C -> 5``;
    the negative side is never scaled, and ``C = 0`` with ``P >= 0`` scores 5.

    The band is chosen by :func:`open_sdg_status` and the score is kept inside that status'
    score band (``[2.5, 5]``, ``[0, 2.5)``, ``[-2.5, 0)``, ``[-5, -2.5)``), so a single
    series rolled up alone keeps its status. sdg-build's hard-coded slopes (7.1429, 4.2857,
    4.1667) round the exact ones used here; the scores differ by less than 1e-4.
    """
    thresholds = open_sdg_thresholds(has_target=has_target, coefficient=coefficient)
    status = open_sdg_status(progress_value, thresholds)
    return _open_sdg_band_score(progress_value, status, has_target, coefficient)


def _open_sdg_band_score(
    p: float, status: OpenSdgStatus, has_target: bool, coefficient: float
) -> float:
    if has_target:
        points = _OPEN_SDG_TARGET_POINTS
    else:
        c = coefficient
        lo, zero, med, high, top = _OPEN_SDG_NO_TARGET_POINTS
        points = (lo, zero, med * c, high * c, top * c)
    levels = _OPEN_SDG_SCORE_LEVELS
    k = _OPEN_SDG_BANDS.index(status)
    p_lo, p_hi = points[k], points[k + 1]
    s_lo, s_hi = levels[k], levels[k + 1]
    width = p_hi - p_lo
    if k == 0:
        # Deterioration: anchored at its upper end (P = 0 -> -2.5), clamped at -5.
        score = s_hi - (p_hi - p) / width * (s_hi - s_lo)
        return min(max(score, s_lo), _below(s_hi))
    fraction = 1.0 if width <= 0.0 else (p - p_lo) / width
    score = s_lo + fraction * (s_hi - s_lo)
    upper = s_hi if k == len(_OPEN_SDG_BANDS) - 1 else _below(s_hi)
    return min(max(score, s_lo), upper)


# sdg-build's score lines, as (slope, intercept): with a target, one line from the
# "med" threshold up and one below it; without one, per band of the progress value
# divided by C (the deterioration line is never divided).
_SDG_BUILD_TARGET_LINES: Final = ((7.1429, -4.2857), (4.1667, -2.5))
_SDG_BUILD_NO_TARGET_LINES: Final = ((500.0, -5.0), (250.0, -1.25), (500.0, -2.5), (125.0, -2.5))


def open_sdg_build_score(
    progress_value: float,
    thresholds: OpenSdgThresholds,
    *,
    has_target: bool,
    coefficient: float = 1.0,
) -> float:
    """Return the score sdg-build publishes for a progress value (target not achieved).

    With a target: ``7.1429 P - 4.2857`` (at most 5) when ``P >= med``, else
    ``4.1667 P - 2.5`` (at least -5). Without one, with ``q = P / C``: ``500 q - 5`` (at
    most 5) when ``P >= high``; ``250 q - 1.25`` when ``P >= med``; ``500 q - 2.5`` when
    ``P >= low``; below ``low`` ``125 P - 2.5`` (at least -5); ``C = 0`` with
    ``P >= low`` scores 5. The bands are the thresholds applied (so an overridden
    threshold moves the switch from one line to the next but not the lines).
    """
    p = _finite("progress_value", progress_value)
    c = _check_coefficient(coefficient)
    if has_target:
        (s_hi, i_hi), (s_lo, i_lo) = _SDG_BUILD_TARGET_LINES
        if p >= thresholds.med:
            return min(s_hi * p + i_hi, 5.0)
        return max(s_lo * p + i_lo, -5.0)
    top, mid, bottom, down = _SDG_BUILD_NO_TARGET_LINES
    if p < thresholds.low:
        return max(down[0] * p + down[1], -5.0)
    if c == 0.0:
        return 5.0
    if p >= thresholds.high:
        return min(top[0] * p / c + top[1], 5.0)
    if p >= thresholds.med:
        return mid[0] * p / c + mid[1]
    return bottom[0] * p / c + bottom[1]


def open_sdg_status_from_score(score: float, *, target_achieved: bool = False) -> OpenSdgStatus:
    """Return the status of an (indicator) score.

    ``target_achieved`` wins. Bands: ``[2.5, 5]`` substantial, ``[0, 2.5)`` moderate,
    ``[-2.5, 0)`` limited, ``[-5, -2.5)`` deterioration; a score outside [-5, 5] is
    NOT_ASSESSABLE (sdg-build gives it no status).
    """
    s = _finite("score", score)
    if target_achieved:
        return OpenSdgStatus.TARGET_ACHIEVED
    if not -5.0 <= s <= 5.0:
        return OpenSdgStatus.NOT_ASSESSABLE
    if s >= 2.5:
        return OpenSdgStatus.SUBSTANTIAL
    if s >= 0.0:
        return OpenSdgStatus.MODERATE
    if s >= -2.5:
        return OpenSdgStatus.LIMITED
    return OpenSdgStatus.DETERIORATION


@attrs.frozen
class OpenSdgSeriesResult:
    """Open SDG rating of one series, with every figure used.

    ``status`` and ``score`` (None when not assessable; 5.0 when the target is achieved) are
    the outcome. ``progress_value`` is ``P = s * d * CAGR_a`` without a target and
    ``P = s * d * CAGR_a / |CAGR_r|`` with one; ``cagr_a`` is the observed and ``cagr_r`` the
    required compound annual growth rate. ``sign`` is ``s`` (-1 for a negative base value).
    ``base_value`` and ``target`` are the values used, after a 0 was replaced by 0.001
    (``base_value_replaced``, ``target_replaced`` say so). ``coefficient`` is the
    natural-limit factor ``C`` (1.0 when no limit applies; a limit is ignored with a
    target) and ``thresholds`` the thresholds applied. ``reason`` is set whenever no
    progress value could be computed, also when the target is achieved anyway.
    """

    status: OpenSdgStatus
    direction: Direction
    has_target: bool
    thresholds: OpenSdgThresholds
    score: float | None = None
    progress_value: float | None = None
    cagr_a: float | None = None
    cagr_r: float | None = None
    sign: int = 1
    base_year: int | None = None
    base_value: float | None = None
    base_value_replaced: bool = False
    current_year: int | None = None
    current_value: float | None = None
    target: float | None = None
    target_replaced: bool = False
    target_year: int | None = None
    target_achieved: bool = False
    limit: float | None = None
    coefficient: float = 1.0
    reason: Reason | None = None


def open_sdg_zero_replaced(value: float) -> float:
    """``value``, or 0.001 when it is exactly 0 (the method's rule for bases and targets)."""
    return OPEN_SDG_ZERO_REPLACEMENT if value == 0 else value


def _open_sdg_target(target: float | None) -> float | None:
    if target is None:
        return None
    return open_sdg_zero_replaced(target)


def open_sdg_series_progress(
    *,
    base_year: int,
    base_value: float,
    current_year: int,
    current_value: float,
    direction: int,
    target: float | None = None,
    target_year: int = DEFAULT_TARGET_YEAR,
    limit: float | None = None,
    progress_thresholds: Mapping[str, float] | None = None,
    score_rule: OpenSdgScoreRule = OpenSdgScoreRule.BANDS,
) -> OpenSdgSeriesResult:
    """Rate one series with the Open SDG progress measure.

    Steps, following sdg-build:

    1. A target of exactly 0 becomes 0.001. The target is achieved when the current value
       meets it (inclusive: ``>=`` when higher is better, ``<=`` when lower is better).
       An achieved target overrides everything: status TARGET_ACHIEVED, score 5, even when
       no progress value can be computed (one data point, mixed signs, ...).
    2. ``s = -1`` when the base value is negative (checked before the 0 replacement, so a
       base of 0 has ``s = +1``), then a base of exactly 0 becomes 0.001.
    3. Not assessable, in this order: base and current of opposite signs
       (``mixed_signs``; a current value of 0 is allowed); base year after the current year
       (``base_after_latest``); less than one year between them (``too_few_points``);
       with a target, base and target of opposite signs (``target_sign_mismatch``), a
       target year not after the base year (``target_year_not_after_base``; sdg-build
       divides by zero when they are equal and runs the rate backwards when the target
       year comes first), ``CAGR_r = 0`` (``zero_required_rate``; sdg-build divides by
       zero there).
    4. ``CAGR_a = (y_t / y_0) ** (1 / (t - t_0)) - 1`` and, with a target,
       ``CAGR_r = (y_T / y_0) ** (1 / (T - t_0)) - 1``; the progress value is
       ``s * d * CAGR_a`` without a target and ``s * d * CAGR_a / |CAGR_r|`` with one.
       A target year already past is not special: the formula is applied as it stands.
    5. Status by :func:`open_sdg_status` against :func:`open_sdg_thresholds`, score by
       :func:`open_sdg_score`. Without a target a ``limit`` scales the positive thresholds
       by :func:`open_sdg_limit_coefficient` (computed from the base value before the 0
       replacement, as sdg-build does); with a target the limit is ignored.
       ``progress_thresholds`` overrides thresholds (see :func:`open_sdg_thresholds`);
       ``score_rule`` chooses how the score is drawn (:class:`OpenSdgScoreRule`).
    """
    d = _direction(direction)
    _finite("base_year", base_year)
    y0 = _finite("base_value", base_value)
    _finite("current_year", current_year)
    yt = _finite("current_value", current_value)
    _finite("target_year", target_year)
    target = _optional_finite("target", target)
    limit = _optional_finite("limit", limit)

    has_target = target is not None
    target_used = _open_sdg_target(target)
    sign = -1 if y0 < 0 else 1
    coefficient = 1.0
    if not has_target and limit is not None:
        coefficient = open_sdg_limit_coefficient(y0, limit)
    thresholds = open_sdg_thresholds(
        has_target=has_target, coefficient=coefficient, given=progress_thresholds
    )
    achieved = target_used is not None and _meets(yt, target_used, d)
    base_used = OPEN_SDG_ZERO_REPLACEMENT if y0 == 0 else y0

    cagr_a: float | None = None
    cagr_r: float | None = None
    progress: float | None = None
    reason: Reason | None = None
    if _opposite_signs(base_used, yt):
        reason = Reason.MIXED_SIGNS
    elif (span_reason := _span_reason(base_year, current_year)) is not None:
        reason = span_reason
    elif target_used is not None and _opposite_signs(base_used, target_used):
        reason = Reason.TARGET_SIGN_MISMATCH
    elif target_used is not None and target_year <= base_year:
        reason = Reason.TARGET_YEAR_NOT_AFTER_BASE
    else:
        cagr_a = _growth_factor(yt, base_used, current_year - base_year) - 1.0
        if target_used is None:
            progress = sign * d * cagr_a
        else:
            cagr_r = _growth_factor(target_used, base_used, target_year - base_year) - 1.0
            if cagr_r == 0.0:
                reason = Reason.ZERO_REQUIRED_RATE
            else:
                progress = sign * d * cagr_a / abs(cagr_r)
        if not _all_finite(cagr_a, cagr_r, progress):
            reason = reason or Reason.NUMERIC_OVERFLOW
            cagr_a, cagr_r, progress = _finite_or_none(cagr_a), _finite_or_none(cagr_r), None

    if achieved:
        status, score = OpenSdgStatus.TARGET_ACHIEVED, 5.0
    elif progress is None:
        status, score = OpenSdgStatus.NOT_ASSESSABLE, None
    else:
        status = open_sdg_status(progress, thresholds)
        if score_rule is OpenSdgScoreRule.SDG_BUILD:
            score = open_sdg_build_score(
                progress, thresholds, has_target=has_target, coefficient=coefficient
            )
        else:
            score = _open_sdg_band_score(progress, status, has_target, coefficient)
    return OpenSdgSeriesResult(
        status=status,
        direction=d,
        has_target=has_target,
        thresholds=thresholds,
        score=score,
        progress_value=progress,
        cagr_a=cagr_a,
        cagr_r=cagr_r,
        sign=sign,
        base_year=base_year,
        base_value=base_used,
        base_value_replaced=base_used != y0,
        current_year=current_year,
        current_value=yt,
        target=target_used,
        target_replaced=target_used != target,
        target_year=target_year if has_target else None,
        target_achieved=achieved,
        limit=limit if not has_target else None,
        coefficient=coefficient,
        reason=reason,
    )


def open_sdg_base_year(years: Iterable[int], preferred: int = DEFAULT_BASE_YEAR) -> int | None:
    """Return the Open SDG base year: ``preferred`` if it has data, else the next year with data.

    None when no year is at or after ``preferred``. (The methodology allows 2014 for data
    collected every four years or more; pass ``preferred=2014`` then.)
    """
    later = [year for year in years if year >= preferred]
    return min(later) if later else None


def open_sdg_series_progress_from_points(
    years: Sequence[int],
    values: Sequence[float],
    *,
    direction: int,
    target: float | None = None,
    target_year: int = DEFAULT_TARGET_YEAR,
    limit: float | None = None,
    base_year: int = DEFAULT_BASE_YEAR,
    progress_thresholds: Mapping[str, float] | None = None,
    score_rule: OpenSdgScoreRule = OpenSdgScoreRule.BANDS,
) -> OpenSdgSeriesResult:
    """Rate a series given as points with the Open SDG progress measure.

    The current point is the latest year; the base point comes from
    :func:`open_sdg_base_year`; then :func:`open_sdg_series_progress` rates them. Only the
    base and current values enter the growth rates (values in between are not checked for
    sign changes, as in sdg-build). No points: ``no_data``; two points in one year:
    ``duplicate_years``; no year at or after ``base_year``: ``no_base_year`` (the target
    can still be achieved by the latest value).
    """
    d = _direction(direction)
    points = _points(years, values)
    target = _optional_finite("target", target)
    limit = _optional_finite("limit", limit)
    _finite("target_year", target_year)
    _finite("base_year", base_year)
    has_target = target is not None
    if not points or _has_duplicate_years(points):
        return OpenSdgSeriesResult(
            status=OpenSdgStatus.NOT_ASSESSABLE,
            direction=d,
            has_target=has_target,
            thresholds=open_sdg_thresholds(has_target=has_target, given=progress_thresholds),
            reason=Reason.DUPLICATE_YEARS if points else Reason.NO_DATA,
        )
    current_year, current_value = points[-1]
    chosen = open_sdg_base_year((year for year, _ in points), base_year)
    if chosen is None:
        target_used = _open_sdg_target(target)
        achieved = target_used is not None and _meets(current_value, target_used, d)
        return OpenSdgSeriesResult(
            status=OpenSdgStatus.TARGET_ACHIEVED if achieved else OpenSdgStatus.NOT_ASSESSABLE,
            direction=d,
            has_target=has_target,
            thresholds=open_sdg_thresholds(has_target=has_target, given=progress_thresholds),
            score=5.0 if achieved else None,
            current_year=current_year,
            current_value=current_value,
            target=target_used,
            target_replaced=target_used != target,
            target_year=target_year if has_target else None,
            target_achieved=achieved,
            limit=limit if not has_target else None,
            reason=Reason.NO_BASE_YEAR,
        )
    base_value = dict(points)[chosen]
    return open_sdg_series_progress(
        base_year=chosen,
        base_value=base_value,
        current_year=current_year,
        current_value=current_value,
        direction=d,
        target=target,
        target_year=target_year,
        limit=limit,
        progress_thresholds=progress_thresholds,
        score_rule=score_rule,
    )


class OpenSdgScored(Protocol):
    """Anything that carries an Open SDG score and a target-achieved flag."""

    @property
    def score(self) -> float | None:
        """Score in [-5, 5], or None when the member was not scored."""
        ...

    @property
    def target_achieved(self) -> bool:
        """Whether the member achieved its target."""
        ...


@attrs.frozen
class OpenSdgRollupResult:
    """Open SDG roll-up of several series (or groups) into one indicator (or group).

    ``score`` is the mean of the members' scores, ``status`` its band (or
    TARGET_ACHIEVED), ``scored`` and ``unscored`` count the members with and without a
    score. The record is itself :class:`OpenSdgScored`, so groups nest.
    """

    status: OpenSdgStatus
    score: float | None
    target_achieved: bool
    scored: int
    unscored: int
    reason: Reason | None = None


def open_sdg_rollup(members: Iterable[OpenSdgScored]) -> OpenSdgRollupResult:
    """Roll series (or sub-indicator groups) up to one Open SDG status.

    Members without a score are left out (as in sdg-build). The score is the mean of the
    remaining scores; the status comes from :func:`open_sdg_status_from_score`, and is
    TARGET_ACHIEVED only when every scored member achieved its target. No scored member:
    NOT_ASSESSABLE with ``nothing_rated``. Groups nest: roll a group up first and pass its
    result as one member, so sub-indicators weigh equally whatever their series count.
    """
    scores: list[float] = []
    achieved: list[bool] = []
    unscored = 0
    for i, member in enumerate(members):
        if member.score is None:
            unscored += 1
            continue
        scores.append(_finite(f"members[{i}].score", member.score))
        achieved.append(member.target_achieved)
    if not scores:
        return OpenSdgRollupResult(
            status=OpenSdgStatus.NOT_ASSESSABLE,
            score=None,
            target_achieved=False,
            scored=0,
            unscored=unscored,
            reason=Reason.NOTHING_RATED,
        )
    mean = math.fsum(scores) / len(scores)
    all_achieved = all(achieved)
    status = open_sdg_status_from_score(mean, target_achieved=all_achieved)
    return OpenSdgRollupResult(
        status=status,
        score=mean,
        target_achieved=all_achieved,
        scored=len(scores),
        unscored=unscored,
        reason=Reason.SCORE_OUT_OF_RANGE if status is OpenSdgStatus.NOT_ASSESSABLE else None,
    )


# --------------------------------------------------------------------------------------
# Destatis weather symbols
# --------------------------------------------------------------------------------------

DESTATIS_WINDOW_POINTS: Final = 6
"""The average change is taken over the last six data points (five changes)."""
DESTATIS_MIN_POINTS: Final = 4
"""With fewer usable points there is no assessment."""
DESTATIS_SUN_SHARE: Final = 0.05
"""Shortfall share below which the symbol is a sun."""
DESTATIS_PARTLY_CLOUDY_SHARE: Final = 0.20
"""Shortfall share up to which (inclusive) the symbol is partly cloudy."""


class Weather(enum.Enum):
    """Destatis weather symbol; NONE when not assessable.

    Order, best first: SUN, PARTLY_CLOUDY, CLOUD, THUNDERSTORM.
    """

    SUN = "sun"
    PARTLY_CLOUDY = "partly_cloudy"
    CLOUD = "cloud"
    THUNDERSTORM = "thunderstorm"
    NONE = "none"

    @property
    def rank(self) -> int | None:
        """Position in the order (THUNDERSTORM 0 ... SUN 3), or None for NONE."""
        return _WEATHER_RANK.get(self)


_WEATHER_RANK: Final = {
    Weather.THUNDERSTORM: 0,
    Weather.CLOUD: 1,
    Weather.PARTLY_CLOUDY: 2,
    Weather.SUN: 3,
}


class DestatisProcedure(enum.StrEnum):
    """Which Destatis procedure produced a symbol."""

    TARGET_VALUE = "target_value"
    """Target value by a target year, projected from the average change."""
    ALREADY_MET = "already_met"
    """Target value by a target year, already met: rated like a keep-every-year target."""
    TARGET_YEAR_PASSED = "target_year_passed"
    """Target year not after the latest year, target not met: rated like keep-every-year."""
    KEEP_EVERY_YEAR = "keep_every_year"
    """Target (or limit) to be kept every year."""
    DIRECTION_ONLY = "direction_only"
    """Only a desired direction, no target value."""


@attrs.frozen
class DestatisResult:
    """Destatis rating of one series against one target (or a direction).

    ``window_years`` and ``window_values`` are the points the average change was taken
    from (at most six, after dropping ``dropped_before_break`` points before
    ``break_year``). ``average_change`` is ``(last - first) / (last year - first year)`` over
    the window, per year; ``last_change`` the last step per year (direction only).
    For a target value: ``projected_value = latest + average_change * (target_year -
    latest_year)``, ``gap = |target - latest|``, ``shortfall = d * (target - projected)``
    (negative when the projection passes the target), ``shortfall_share = shortfall /
    gap``. ``target_met`` says whether the latest value meets the target.
    """

    symbol: Weather
    procedure: DestatisProcedure
    direction: Direction
    window_years: tuple[int, ...] = ()
    window_values: tuple[float, ...] = ()
    break_year: int | None = None
    dropped_before_break: int = 0
    latest_year: int | None = None
    latest_value: float | None = None
    average_change: float | None = None
    last_change: float | None = None
    target: float | None = None
    target_year: int | None = None
    target_met: bool | None = None
    projected_value: float | None = None
    gap: float | None = None
    shortfall: float | None = None
    shortfall_share: float | None = None
    reason: Reason | None = None


@attrs.frozen
class _Window:
    """The usable part of a Destatis series: its last two points and average change."""

    latest_year: int
    latest_value: float
    previous_year: int
    previous_value: float
    average_change: float


def _destatis_window(
    years: Sequence[int],
    values: Sequence[float],
    direction: int,
    procedure: DestatisProcedure,
    break_year: int | None,
    target: float | None,
    target_year: int | None,
) -> tuple[DestatisResult, _Window | None]:
    """Validate inputs and cut the window.

    Returns the result so far (symbol NONE, window figures filled in) and the window, or
    None for the window when it is not usable (the result then carries the reason).
    """
    d = _direction(direction)
    points = _points(years, values)
    if break_year is not None:
        _finite("break_year", break_year)
    target = _optional_finite("target", target)
    if target_year is not None:
        _finite("target_year", target_year)
    kept = points if break_year is None else [p for p in points if p[0] >= break_year]
    window = kept[-DESTATIS_WINDOW_POINTS:]
    result = DestatisResult(
        symbol=Weather.NONE,
        procedure=procedure,
        direction=d,
        window_years=tuple(year for year, _ in window),
        window_values=tuple(value for _, value in window),
        break_year=break_year,
        dropped_before_break=len(points) - len(kept),
        latest_year=window[-1][0] if window else None,
        latest_value=window[-1][1] if window else None,
        target=target,
        target_year=target_year,
    )
    if not kept:
        return attrs.evolve(result, reason=Reason.NO_DATA), None
    if _has_duplicate_years(kept):
        return attrs.evolve(result, reason=Reason.DUPLICATE_YEARS), None
    if len(window) < DESTATIS_MIN_POINTS:
        return attrs.evolve(result, reason=Reason.TOO_FEW_POINTS), None
    (first_year, first_value), (last_year, last_value) = window[0], window[-1]
    average = (last_value - first_value) / (last_year - first_year)
    if not math.isfinite(average):
        return attrs.evolve(result, reason=Reason.NUMERIC_OVERFLOW), None
    previous_year, previous_value = window[-2]
    usable = _Window(last_year, last_value, previous_year, previous_value, average)
    return attrs.evolve(result, average_change=average), usable


def _rate_keep(
    result: DestatisResult, window: _Window, target: float, procedure: DestatisProcedure
) -> DestatisResult:
    """Rate by the keep-every-year rule (see :func:`destatis_keep_target`)."""
    d = result.direction
    met = _meets(window.latest_value, target, d)
    directed = d * window.average_change
    if met:
        symbol = Weather.SUN if directed >= 0 else Weather.PARTLY_CLOUDY
    else:
        symbol = Weather.CLOUD if directed > 0 else Weather.THUNDERSTORM
    return attrs.evolve(result, symbol=symbol, procedure=procedure, target_met=met)


def destatis_target_value(
    years: Sequence[int],
    values: Sequence[float],
    *,
    target: float,
    target_year: int,
    direction: int,
    break_year: int | None = None,
) -> DestatisResult:
    """Rate a target value to be reached by a target year (Destatis).

    The average annual change over the last six points (at least four; fewer:
    ``too_few_points``) is assumed to continue every year up to the target year. With
    ``share = d * (target - projected) / |target - latest|``:

    - ``share < 5 %`` (including a projection that reaches or passes the target): SUN;
    - ``5 % <= share <= 20 %``: PARTLY_CLOUDY ("at least 5 % and at most 20 %");
    - ``share > 20 %`` while the average change moves towards the target: CLOUD;
    - average change zero or away from the target: THUNDERSTORM (the share is then >= 1).

    A latest value that already meets the target (inclusive) is rated by the
    keep-every-year rule (procedure ``already_met``), as the method text says. A target
    year not after the latest year with the target not met has no projection horizon;
    it is rated by the same rule (procedure ``target_year_passed``), which then gives
    CLOUD when the average moves towards the target and THUNDERSTORM otherwise. This last
    case is not covered by the method text: it is our reading.

    ``break_year`` is the first year of a new series after a break (such as a method
    change); earlier points are dropped before the window is taken. Non-annual data uses
    the actual year span.
    """
    result, window = _destatis_window(
        years, values, direction, DestatisProcedure.TARGET_VALUE, break_year, target, target_year
    )
    if window is None:
        return result
    d = result.direction
    latest = window.latest_value
    if _meets(latest, target, d):
        return _rate_keep(result, window, target, DestatisProcedure.ALREADY_MET)
    if target_year <= window.latest_year:
        return _rate_keep(result, window, target, DestatisProcedure.TARGET_YEAR_PASSED)
    projected = latest + window.average_change * (target_year - window.latest_year)
    gap = abs(target - latest)
    shortfall = d * (target - projected)
    share = shortfall / gap
    if not _all_finite(projected, gap, shortfall, share):
        return attrs.evolve(result, target_met=False, reason=Reason.NUMERIC_OVERFLOW)
    if share < DESTATIS_SUN_SHARE:
        symbol = Weather.SUN
    elif share <= DESTATIS_PARTLY_CLOUDY_SHARE:
        symbol = Weather.PARTLY_CLOUDY
    elif d * window.average_change > 0:
        symbol = Weather.CLOUD
    else:
        symbol = Weather.THUNDERSTORM
    return attrs.evolve(
        result,
        symbol=symbol,
        target_met=False,
        projected_value=projected,
        gap=gap,
        shortfall=shortfall,
        shortfall_share=share,
    )


def destatis_keep_target(
    years: Sequence[int],
    values: Sequence[float],
    *,
    target: float,
    direction: int,
    break_year: int | None = None,
) -> DestatisResult:
    """Rate a target (or limit) to be kept every year (Destatis).

    First whether the latest value meets the target (inclusive: the target value or a
    better one), then the average annual change over the last six points (at least four):

    - met, average not worsening (zero counts as not worsening): SUN;
    - met, average worsening: PARTLY_CLOUDY;
    - not met, average moving towards the target: CLOUD;
    - not met, average zero or moving away: THUNDERSTORM.

    A zero average with the target not met is ambiguous in the method text ("not moving
    away" gives a cloud, "not moving towards" a thunderstorm); we follow "not moving
    towards", as the target-value procedure rates a flat trend a thunderstorm too.
    ``break_year`` drops earlier points, as in :func:`destatis_target_value`.
    """
    result, window = _destatis_window(
        years, values, direction, DestatisProcedure.KEEP_EVERY_YEAR, break_year, target, None
    )
    if window is None:
        return result
    return _rate_keep(result, window, target, DestatisProcedure.KEEP_EVERY_YEAR)


def destatis_direction_only(
    years: Sequence[int],
    values: Sequence[float],
    *,
    direction: int,
    break_year: int | None = None,
) -> DestatisResult:
    """Rate a series that has only a desired direction (Destatis).

    Primarily the average annual change over the last six points (at least four),
    subordinately the last single change (per year), each "right" only when strictly in
    the desired direction:

    - both right: SUN;
    - average right, last change wrong or zero: PARTLY_CLOUDY;
    - average wrong or zero, last change right: CLOUD;
    - neither right: THUNDERSTORM.
    """
    result, window = _destatis_window(
        years, values, direction, DestatisProcedure.DIRECTION_ONLY, break_year, None, None
    )
    if window is None:
        return result
    d = result.direction
    last_change = (window.latest_value - window.previous_value) / (
        window.latest_year - window.previous_year
    )
    if not math.isfinite(last_change):
        return attrs.evolve(result, reason=Reason.NUMERIC_OVERFLOW)
    average_right = d * window.average_change > 0
    last_right = d * last_change > 0
    if average_right:
        symbol = Weather.SUN if last_right else Weather.PARTLY_CLOUDY
    else:
        symbol = Weather.CLOUD if last_right else Weather.THUNDERSTORM
    return attrs.evolve(result, symbol=symbol, last_change=last_change)


@attrs.frozen
class DestatisCombined:
    """Worst-of combination of several Destatis symbols for one indicator.

    ``deciding_index`` is the position of the (first) worst rated symbol; ``rated`` and
    ``unrated`` count the symbols other than and equal to NONE.
    """

    symbol: Weather
    deciding_index: int | None
    rated: int
    unrated: int
    reason: Reason | None = None


def destatis_worst(symbols: Iterable[Weather]) -> DestatisCombined:
    """Combine the symbols of several targets of one indicator: the worst one wins.

    NONE symbols are left out; when none is rated the result is NONE with
    ``nothing_rated``. (The method text does not say what an unrated target does to the
    others; leaving it out is our reading, and ``unrated`` keeps count of it.)
    """
    worst: Weather | None = None
    deciding: int | None = None
    rated = unrated = 0
    for i, symbol in enumerate(symbols):
        rank = symbol.rank
        if rank is None:
            unrated += 1
            continue
        rated += 1
        if worst is None or rank < _WEATHER_RANK[worst]:
            worst, deciding = symbol, i
    if worst is None:
        return DestatisCombined(Weather.NONE, None, 0, unrated, Reason.NOTHING_RATED)
    return DestatisCombined(worst, deciding, rated, unrated)


def destatis_weakest_bound(lower: float, upper: float, direction: int) -> float:
    """Return the bound of a target interval that Destatis rates against: the weakest one.

    The weakest requirement is the bound reached first in the desired direction: the
    smaller bound when higher is better, the larger when lower is better.
    """
    d = _direction(direction)
    a, b = _finite("lower", lower), _finite("upper", upper)
    return min(a, b) if d == 1 else max(a, b)


def destatis_next_target(
    targets: Iterable[tuple[int, float]], latest_year: int
) -> tuple[int, float] | None:
    """Pick the target Destatis rates when several target years are given: the next one.

    "Next" is the earliest target year not before ``latest_year`` (a target due in the
    latest data year is still rated); when all target years are past, the last one (rated
    as a passed target). None when there are no targets. Of two targets in one year the
    first given wins. The method text says only "the next target year"; measuring "next"
    from the latest data year is our reading.
    """
    _finite("latest_year", latest_year)
    listed = list(targets)
    for i, (year, value) in enumerate(listed):
        _finite(f"targets[{i}] year", year)
        _finite(f"targets[{i}] value", value)
    if not listed:
        return None
    ahead = [t for t in listed if t[0] >= latest_year]
    if ahead:
        return min(ahead, key=lambda t: t[0])
    return max(listed, key=lambda t: t[0])


# --------------------------------------------------------------------------------------
# UNSD progress chart ratio
# --------------------------------------------------------------------------------------

UNSD_ON_TRACK_ABOVE: Final = 0.95
"""Ratio strictly above which a series is on track."""
UNSD_FAIR_FROM: Final = 0.5
"""Lowest ratio (inclusive) of fair progress."""
UNSD_LIMITED_FROM: Final = -0.1
"""Lowest ratio (inclusive) of limited or no progress."""


class UnsdCategory(enum.Enum):
    """UNSD progress-chart trend category.

    Order, best first: ON_TRACK ("substantial progress / on track"), FAIR ("fair progress
    but acceleration needed"), LIMITED ("limited or no progress"), DETERIORATION.
    """

    ON_TRACK = "on_track"
    FAIR = "fair"
    LIMITED = "limited"
    DETERIORATION = "deterioration"
    NOT_ASSESSABLE = "not_assessable"

    @property
    def rank(self) -> int | None:
        """Position in the order (DETERIORATION 0 ... ON_TRACK 3), or None."""
        return _UNSD_RANK.get(self)


_UNSD_RANK: Final = {
    UnsdCategory.DETERIORATION: 0,
    UnsdCategory.LIMITED: 1,
    UnsdCategory.FAIR: 2,
    UnsdCategory.ON_TRACK: 3,
}


def unsd_category(ratio: float) -> UnsdCategory:
    """Return the UNSD category of a ratio ``CR = CAGR_a / CAGR_r``.

    Tie rules: ``CR > 0.95`` on track; ``0.5 <= CR <= 0.95`` fair (0.95 itself is fair:
    on track needs more than 0.95); ``-0.1 <= CR < 0.5`` limited; ``CR < -0.1``
    deterioration. (A third-party re-implementation leaves ``CR = 0.95`` out of every band
    and so calls it deterioration; we read "0.5-0.95" as inclusive.)
    """
    cr = _finite("ratio", ratio)
    if cr > UNSD_ON_TRACK_ABOVE:
        return UnsdCategory.ON_TRACK
    if cr >= UNSD_FAIR_FROM:
        return UnsdCategory.FAIR
    if cr >= UNSD_LIMITED_FROM:
        return UnsdCategory.LIMITED
    return UnsdCategory.DETERIORATION


@attrs.frozen
class UnsdResult:
    """UNSD progress-chart rating of one series.

    ``ratio`` is ``CR = cagr_a / cagr_r``. The method has no direction of its own: the
    target's side of the base value implies it (``implied_direction``, None when the
    target equals the base). ``target_met`` (latest value on or beyond the target in that
    direction) is shown but does not override the ratio.
    """

    category: UnsdCategory
    base_year: int
    base_value: float
    current_year: int
    current_value: float
    target: float
    target_year: int
    implied_direction: Direction | None
    target_met: bool
    cagr_a: float | None = None
    cagr_r: float | None = None
    ratio: float | None = None
    reason: Reason | None = None


def unsd_progress_ratio(
    *,
    base_year: int,
    base_value: float,
    current_year: int,
    current_value: float,
    target: float,
    target_year: int = DEFAULT_TARGET_YEAR,
) -> UnsdResult:
    """Rate one series with the UNSD progress-chart ratio ``CR = CAGR_a / CAGR_r``.

    ``CAGR_a = (y_t / y_0) ** (1 / (t - t_0)) - 1``,
    ``CAGR_r = (y_T / y_0) ** (1 / (T - t_0)) - 1``; bands by :func:`unsd_category`.
    Not assessable, in this order: less than a year between base and current
    (``base_after_latest``, ``too_few_points``); base 0 (``zero_base``; nothing is
    replaced); current of the opposite sign to the base (``mixed_signs``; 0 is allowed);
    target of the opposite sign (``target_sign_mismatch``); a target year not after the
    base year (``target_year_not_after_base``: a required rate over a negative span flips
    sign and would rate moving away as on track); ``CAGR_r = 0`` (``zero_required_rate``,
    e.g. target equal to base). All-negative series need no flip: the ratio only uses
    ratios of values. A target year already past (but after the base year) is not special.
    """
    _finite("base_year", base_year)
    y0 = _finite("base_value", base_value)
    _finite("current_year", current_year)
    yt = _finite("current_value", current_value)
    y_target = _finite("target", target)
    _finite("target_year", target_year)

    implied: Direction | None = 1 if y_target > y0 else -1 if y_target < y0 else None
    met = implied is not None and _meets(yt, y_target, implied)
    cagr_a: float | None = None
    cagr_r: float | None = None
    ratio: float | None = None
    reason = _span_reason(base_year, current_year)
    if reason is None:
        if y0 == 0:
            reason = Reason.ZERO_BASE
        elif _opposite_signs(y0, yt):
            reason = Reason.MIXED_SIGNS
        elif _opposite_signs(y0, y_target):
            reason = Reason.TARGET_SIGN_MISMATCH
        elif target_year <= base_year:
            reason = Reason.TARGET_YEAR_NOT_AFTER_BASE
        else:
            cagr_a = _growth_factor(yt, y0, current_year - base_year) - 1.0
            cagr_r = _growth_factor(y_target, y0, target_year - base_year) - 1.0
            if cagr_r == 0.0:
                reason = Reason.ZERO_REQUIRED_RATE
            else:
                ratio = cagr_a / cagr_r
            if not _all_finite(cagr_a, cagr_r, ratio):
                reason = reason or Reason.NUMERIC_OVERFLOW
                cagr_a, cagr_r, ratio = _finite_or_none(cagr_a), _finite_or_none(cagr_r), None
    category = UnsdCategory.NOT_ASSESSABLE if ratio is None else unsd_category(ratio)
    return UnsdResult(
        category=category,
        base_year=base_year,
        base_value=y0,
        current_year=current_year,
        current_value=yt,
        target=y_target,
        target_year=target_year,
        implied_direction=implied,
        target_met=met,
        cagr_a=cagr_a,
        cagr_r=cagr_r,
        ratio=ratio,
        reason=reason,
    )


# --------------------------------------------------------------------------------------
# EUSTAT projection share
# --------------------------------------------------------------------------------------

EUSTAT_ON_TRACK_SHARE: Final = 0.95
"""Lowest share of the way (inclusive) that is on track."""
EUSTAT_PROGRESS_SHARE: Final = 0.10
"""Lowest share of the way (inclusive) that is progress needing acceleration."""
EUSTAT_ON_TRACK_GROWTH: Final = 0.02
"""Lowest directed growth rate (inclusive) that is on track, no target."""
EUSTAT_PROGRESS_GROWTH: Final = 0.005
"""Lowest directed growth rate (inclusive) that is progress needing acceleration."""
EUSTAT_NEAR_BOUND_TOLERANCE: Final = 1.0
"""Distance (percentage points, inclusive) from a 0 % or 100 % target that counts as met."""
EUSTAT_NEAR_BOUNDS: Final = (0.0, 100.0)
"""Targets to which the near-bound rule applies (values in percent)."""


class EustatCategory(enum.Enum):
    """EUSTAT progress category.

    Order, best first: ACHIEVED, ON_TRACK (both published score 3, "on track or target
    met"), NEEDS_ACCELERATION (score 2, "fair progress, but acceleration needed"),
    STAGNATION_OR_REGRESSION (score 1). NOT_ASSESSABLE is "no assessment".
    """

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    STAGNATION_OR_REGRESSION = "stagnation_or_regression"
    NOT_ASSESSABLE = "not_assessable"

    @property
    def rank(self) -> int | None:
        """Position in the order (STAGNATION_OR_REGRESSION 0 ... ACHIEVED 3), or None."""
        return _EUSTAT_RANK.get(self)

    @property
    def score(self) -> int | None:
        """Published score: 3 (achieved or on track), 2, 1; None when not assessable."""
        rank = self.rank
        return None if rank is None else min(rank + 1, 3)


_EUSTAT_RANK: Final = {
    EustatCategory.STAGNATION_OR_REGRESSION: 0,
    EustatCategory.NEEDS_ACCELERATION: 1,
    EustatCategory.ON_TRACK: 2,
    EustatCategory.ACHIEVED: 3,
}


def eustat_category_from_share(share: float) -> EustatCategory:
    """Return the EUSTAT category of a share of the way ``r`` (target case).

    Tie rules, as published: ``r >= 0.95`` on track; ``0.10 <= r < 0.95`` needs
    acceleration; ``r < 0.10`` stagnation or regression.
    """
    r = _finite("share", share)
    if r >= EUSTAT_ON_TRACK_SHARE:
        return EustatCategory.ON_TRACK
    if r >= EUSTAT_PROGRESS_SHARE:
        return EustatCategory.NEEDS_ACCELERATION
    return EustatCategory.STAGNATION_OR_REGRESSION


def eustat_category_from_growth(cagr: float, direction: int) -> EustatCategory:
    """Return the EUSTAT category of a growth rate without a target.

    Tie rules, as published. Increase desirable: ``CAGR >= 2 %`` on track,
    ``0.5 % <= CAGR < 2 %`` needs acceleration, ``CAGR < 0.5 %`` stagnation or regression.
    Decrease desirable (mirrored, ties again to the better category): ``CAGR <= -2 %``,
    ``-2 % < CAGR <= -0.5 %``, ``CAGR > -0.5 %``.
    """
    d = _direction(direction)
    directed = d * _finite("cagr", cagr)
    if directed >= EUSTAT_ON_TRACK_GROWTH:
        return EustatCategory.ON_TRACK
    if directed >= EUSTAT_PROGRESS_GROWTH:
        return EustatCategory.NEEDS_ACCELERATION
    return EustatCategory.STAGNATION_OR_REGRESSION


@attrs.frozen
class EustatResult:
    """EUSTAT rating of one series.

    ``cagr_a`` is the observed growth rate; ``sign`` is -1 for an all-negative series
    (see :func:`eustat_progress`). With a target: ``horizon = max(target_year -
    current_year, 0)``, ``projected_value = current * (1 + cagr_a) ** horizon``,
    ``share = d * (projected - base) / |target - base|``. ``target_met`` and
    ``near_bound_met`` say which achievement rule applied; ``target_year_passed`` and
    ``target_behind_base`` flag the edge cases described in :func:`eustat_progress`. The
    base and current fields are None only when a series had no usable points.
    """

    category: EustatCategory
    direction: Direction
    has_target: bool
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    target: float | None = None
    target_year: int | None = None
    cagr_a: float | None = None
    sign: int = 1
    horizon: int | None = None
    projected_value: float | None = None
    share: float | None = None
    target_met: bool = False
    near_bound_met: bool = False
    target_year_passed: bool = False
    target_behind_base: bool = False
    reason: Reason | None = None


def eustat_progress(
    *,
    base_year: int,
    base_value: float,
    current_year: int,
    current_value: float,
    direction: int,
    target: float | None = None,
    target_year: int = DEFAULT_TARGET_YEAR,
    near_bound_tolerance: float = EUSTAT_NEAR_BOUND_TOLERANCE,
    near_bounds: tuple[float, ...] = EUSTAT_NEAR_BOUNDS,
) -> EustatResult:
    """Rate one series with the EUSTAT method (based on the 2023 UNSD technical note).

    Achievement first (exceptions 1 and 2): the latest value meeting the target (inclusive)
    or, for a target in ``near_bounds`` (0 % and 100 %), lying within
    ``near_bound_tolerance`` of it (inclusive, "maximum difference of 1 %"; values must be
    in percent) gives ACHIEVED regardless of the trend and of the data length.

    Otherwise ``CAGR_a = (y_t / y_0) ** (1 / (t - t_0)) - 1``. Not assessable: less than
    one year between base and current (``base_after_latest``, ``too_few_points``), a base
    of 0 (``zero_base``; nothing is replaced), base and current of opposite signs
    (``mixed_signs``).

    Without a target: :func:`eustat_category_from_growth` on ``s * CAGR_a``, where
    ``s = -1`` for a negative base (our choice, borrowed from Open SDG: the text is silent,
    and without the flip a rise from -10 to -5 would count as a fall).

    With a target: ``y_proj = y_t * (1 + CAGR_a) ** (T - t)`` and
    ``r = d * (y_proj - y_0) / |y_T - y_0|``, rated by :func:`eustat_category_from_share`.
    This equals the published ``(y_proj - y_0) / (y_T - y_0)`` whenever the target lies
    ahead of the base in the desired direction. When it lies behind (the base already met
    it; ``target_behind_base``) the published ratio would reward moving away, so the signed
    form is used, which is then negative: stagnation or regression. A target equal to the
    base leaves ``r`` undefined (``target_equals_base``). A target year already past
    (exception 5: "evaluated ... up to the target year") projects no further: the horizon
    is ``max(T - t, 0)`` (``target_year_passed``), so ``r`` is the share of the way the
    current value has actually come. Whether the target was met then decides (our
    reading: nothing is left to project): met is ACHIEVED (as always); missed is never
    ON_TRACK, but NEEDS_ACCELERATION when ``r >= 0.10`` (progress, too slow to reach the
    target in time) and STAGNATION_OR_REGRESSION below. To evaluate only the data up to
    the target year, pass the value of that year as the current value.
    """
    d = _direction(direction)
    _finite("base_year", base_year)
    y0 = _finite("base_value", base_value)
    _finite("current_year", current_year)
    yt = _finite("current_value", current_value)
    _finite("target_year", target_year)
    y_target = _optional_finite("target", target)
    tolerance = _finite("near_bound_tolerance", near_bound_tolerance)
    bounds = tuple(_finite(f"near_bounds[{i}]", b) for i, b in enumerate(near_bounds))

    has_target = y_target is not None
    met = y_target is not None and _meets(yt, y_target, d)
    near = (
        y_target is not None and not met and y_target in bounds and abs(yt - y_target) <= tolerance
    )
    sign = -1 if y0 < 0 else 1
    cagr_a: float | None = None
    horizon: int | None = None
    projected: float | None = None
    share: float | None = None
    passed = behind = False
    trend_category: EustatCategory | None = None
    reason = _span_reason(base_year, current_year)
    if reason is None:
        if y0 == 0:
            reason = Reason.ZERO_BASE
        elif _opposite_signs(y0, yt):
            reason = Reason.MIXED_SIGNS
    if reason is None:
        factor = _growth_factor(yt, y0, current_year - base_year)
        cagr_a = factor - 1.0
        if y_target is None:
            if math.isfinite(cagr_a):
                trend_category = eustat_category_from_growth(sign * cagr_a, d)
        else:
            passed = target_year < current_year
            horizon = max(target_year - current_year, 0)
            projected = yt * _pow(factor, horizon)
            denominator = y_target - y0
            behind = d * denominator < 0
            if denominator == 0:
                reason = Reason.TARGET_EQUALS_BASE
            else:
                share = d * (projected - y0) / abs(denominator)
                if _all_finite(cagr_a, projected, share):
                    trend_category = eustat_category_from_share(share)
                    if passed and trend_category is EustatCategory.ON_TRACK:
                        # The target year has passed without the target being met.
                        trend_category = EustatCategory.NEEDS_ACCELERATION
        if not _all_finite(cagr_a, projected, share):
            reason = reason or Reason.NUMERIC_OVERFLOW
            cagr_a, projected, share = (_finite_or_none(cagr_a), _finite_or_none(projected), None)

    if met or near:
        category = EustatCategory.ACHIEVED
    elif trend_category is None:
        category = EustatCategory.NOT_ASSESSABLE
    else:
        category = trend_category
    return EustatResult(
        category=category,
        direction=d,
        has_target=has_target,
        base_year=base_year,
        base_value=y0,
        current_year=current_year,
        current_value=yt,
        target=y_target,
        target_year=target_year if has_target else None,
        cagr_a=cagr_a,
        sign=sign,
        horizon=horizon,
        projected_value=projected,
        share=share,
        target_met=met,
        near_bound_met=near,
        target_year_passed=passed,
        target_behind_base=behind,
        reason=reason,
    )


def eustat_base_year(years: Iterable[int], preferred: int = DEFAULT_BASE_YEAR) -> int | None:
    """Return the EUSTAT base year (exception 3).

    ``preferred`` (2015) when it has data and a later year has data too; else the first
    year after it that leaves at least one later value; else the nearest year before it
    that does. None when fewer than two years have data. The text says "the first available
    year after or before 2015 that allows having at least 2 values"; trying after before
    before is our reading.
    """
    distinct = sorted(set(years))
    if len(distinct) < 2:
        return None
    usable = distinct[:-1]  # every year but the latest leaves a later value
    after = [year for year in usable if year >= preferred]
    if after:
        return after[0]
    return usable[-1]


def eustat_progress_from_points(
    years: Sequence[int],
    values: Sequence[float],
    *,
    direction: int,
    target: float | None = None,
    target_year: int = DEFAULT_TARGET_YEAR,
    base_year: int = DEFAULT_BASE_YEAR,
    near_bound_tolerance: float = EUSTAT_NEAR_BOUND_TOLERANCE,
    near_bounds: tuple[float, ...] = EUSTAT_NEAR_BOUNDS,
) -> EustatResult:
    """Rate a series given as points with the EUSTAT method.

    The current point is the latest year and the base point comes from
    :func:`eustat_base_year`; with a single point both are that point, so the result is
    ACHIEVED or ``too_few_points``. No points, or two points in one year: NOT_ASSESSABLE
    with ``no_data`` or ``duplicate_years`` and no base or current figures.
    """
    d = _direction(direction)
    points = _points(years, values)
    target = _optional_finite("target", target)
    _finite("target_year", target_year)
    _finite("base_year", base_year)
    if not points or _has_duplicate_years(points):
        return EustatResult(
            category=EustatCategory.NOT_ASSESSABLE,
            direction=d,
            has_target=target is not None,
            target=target,
            target_year=target_year if target is not None else None,
            reason=Reason.DUPLICATE_YEARS if points else Reason.NO_DATA,
        )
    current_year, current_value = points[-1]
    chosen = eustat_base_year((year for year, _ in points), base_year)
    chosen_year = current_year if chosen is None else chosen
    return eustat_progress(
        base_year=chosen_year,
        base_value=dict(points)[chosen_year],
        current_year=current_year,
        current_value=current_value,
        direction=d,
        target=target,
        target_year=target_year,
        near_bound_tolerance=near_bound_tolerance,
        near_bounds=near_bounds,
    )
