"""Tests of the progress-method kernels.

Worked examples cite the published method texts they come from:

- [OSDG-DOC]  open-sdg/open-sdg docs/progress-methodology.md
- [OSDG-CODE] open-sdg/sdg-build sdg/ProgressMeasure.py
- [DESTATIS]  Nachhaltige-Entwicklung-Deutschland/open-sdg-site-starter _pages/en/status.md
              (and the German _pages/status.md)
- [UNSD]      the UNSD progress-chart bands as summarised in shared/methods.md and
              re-implemented in cwtravisyip/unsd_global_database int_func.py
- [EUSTAT]    EUSTAT-DES/site _pages/en/metodologia.md

None of these texts carries a numeric worked example for a single series, so the series
examples below are built by hand from each text's rules, with the expected figures
computed from the published formulas.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator_progress_methods import kernels as k

FAST = settings(max_examples=200, deadline=None)

any_float = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-2, max_value=1e3, allow_nan=False, allow_infinity=False)
directions = st.sampled_from([1, -1])
any_year = st.integers(min_value=-(10**6), max_value=10**6)
year = st.integers(min_value=1990, max_value=2040)
NON_FINITE = [math.nan, math.inf, -math.inf]


def below(x: float) -> float:
    return math.nextafter(x, -math.inf)


def above(x: float) -> float:
    return math.nextafter(x, math.inf)


@st.composite
def series(
    draw: st.DrawFn,
    values: st.SearchStrategy[float] = any_float,
    years: st.SearchStrategy[int] = year,
    min_size: int = 0,
    max_size: int = 9,
    unique: bool = True,
) -> tuple[list[int], list[float]]:
    ys = draw(st.lists(years, min_size=min_size, max_size=max_size, unique=unique))
    vs = draw(st.lists(values, min_size=len(ys), max_size=len(ys)))
    return ys, vs


# ======================================================================================
# Open SDG / Statistics Canada
# ======================================================================================

S = k.OpenSdgStatus


class TestOpenSdgThresholdTies:
    """[OSDG-DOC] tables and [OSDG-CODE] get_progress_status: lower bounds are inclusive."""

    @pytest.mark.parametrize(
        ("p", "expected"),
        [
            (0.015, S.SUBSTANTIAL),
            (below(0.015), S.MODERATE),
            (0.005, S.MODERATE),
            (below(0.005), S.LIMITED),
            (0.0, S.LIMITED),
            (-0.0, S.LIMITED),
            (below(0.0), S.DETERIORATION),
            (1.0, S.SUBSTANTIAL),
            (-1.0, S.DETERIORATION),
        ],
    )
    def test_no_target(self, p: float, expected: k.OpenSdgStatus) -> None:
        thresholds = k.open_sdg_thresholds(has_target=False)
        assert k.open_sdg_status(p, thresholds) is expected

    @pytest.mark.parametrize(
        ("p", "expected"),
        [
            (0.95, S.SUBSTANTIAL),
            (below(0.95), S.MODERATE),
            (0.6, S.MODERATE),
            (below(0.6), S.LIMITED),
            (0.0, S.LIMITED),
            (below(0.0), S.DETERIORATION),
        ],
    )
    def test_with_target(self, p: float, expected: k.OpenSdgStatus) -> None:
        thresholds = k.open_sdg_thresholds(has_target=True)
        assert k.open_sdg_status(p, thresholds) is expected

    def test_limit_scales_positive_thresholds_only(self) -> None:
        # [OSDG-DOC] "the scaling factor is not applied to thresholds less than or equal
        # to zero".
        t = k.open_sdg_thresholds(has_target=False, coefficient=0.5)
        assert (t.high, t.med, t.low) == (0.0075, 0.0025, 0.0)
        assert k.open_sdg_status(0.0075, t) is S.SUBSTANTIAL
        assert k.open_sdg_status(0.0025, t) is S.MODERATE

    def test_coefficient_zero_every_non_negative_value_is_substantial(self) -> None:
        t = k.open_sdg_thresholds(has_target=False, coefficient=0.0)
        assert k.open_sdg_status(0.0, t) is S.SUBSTANTIAL
        assert k.open_sdg_status(below(0.0), t) is S.DETERIORATION

    def test_coefficient_out_of_range_is_a_contract_error(self) -> None:
        with pytest.raises(ValueError, match="coefficient"):
            k.open_sdg_thresholds(has_target=False, coefficient=1.5)


class TestOpenSdgScore:
    """[OSDG-DOC] Figures 1 and 2 (score transformations) and their alt texts."""

    @pytest.mark.parametrize(
        ("p", "expected"),
        [
            (-0.05, -5.0),
            (-0.02, -5.0),
            (-0.01, -3.75),
            (0.0, -2.5),
            (0.0025, -1.25),
            (0.005, 0.0),
            (0.01, 1.25),
            (0.015, 2.5),
            (0.0175, 3.75),
            (0.02, 5.0),
            (0.5, 5.0),
        ],
    )
    def test_figure_1_without_target(self, p: float, expected: float) -> None:
        assert k.open_sdg_score(p, has_target=False) == pytest.approx(expected, abs=1e-12)

    @pytest.mark.parametrize(
        ("p", "expected"),
        [
            (-2.0, -5.0),
            (-0.6, -5.0),
            (0.0, -2.5),
            (0.3, -1.25),
            (0.6, 0.0),
            (0.95, 2.5),
            (1.3, 5.0),
            (4.0, 5.0),
        ],
    )
    def test_figure_2_with_target(self, p: float, expected: float) -> None:
        assert k.open_sdg_score(p, has_target=True) == pytest.approx(expected, abs=1e-12)

    def test_figure_1_positive_points_scale_with_c(self) -> None:
        # "thresholds greater than 0% are reduced by the scaling factor C".
        assert k.open_sdg_score(0.0025, has_target=False, coefficient=0.5) == 0.0
        assert k.open_sdg_score(0.0075, has_target=False, coefficient=0.5) == 2.5
        assert k.open_sdg_score(0.01, has_target=False, coefficient=0.5) == 5.0
        assert k.open_sdg_score(-0.02, has_target=False, coefficient=0.5) == -5.0

    def test_scores_at_band_starts_are_exact(self) -> None:
        # Exactly at a threshold the score is exactly the band's lower edge, so the
        # roll-up band agrees with the series status.
        assert k.open_sdg_score(0.95, has_target=True) == 2.5
        assert k.open_sdg_score(0.6, has_target=True) == 0.0
        assert k.open_sdg_score(0.0, has_target=True) == -2.5
        assert k.open_sdg_score(0.015, has_target=False) == 2.5
        assert k.open_sdg_score(0.005, has_target=False) == 0.0

    def test_just_below_a_threshold_stays_below_the_band(self) -> None:
        assert k.open_sdg_score(below(0.95), has_target=True) < 2.5
        assert k.open_sdg_score(below(0.6), has_target=True) < 0.0
        assert k.open_sdg_score(below(0.0), has_target=True) < -2.5

    def test_coefficient_zero_scores_five(self) -> None:
        # [OSDG-DOC] base value equal to the limit: "CAGR >= 0 ... a score of +5".
        assert k.open_sdg_score(0.0, has_target=False, coefficient=0.0) == 5.0

    @pytest.mark.parametrize("p", [0.6, 0.7, 0.95, 1.1, 1.29])
    def test_close_to_sdg_build_rounded_slopes_with_target(self, p: float) -> None:
        # [OSDG-CODE] get_score uses 7.1429 * P - 4.2857 and 4.1667 * P - 2.5.
        assert k.open_sdg_score(p, has_target=True) == pytest.approx(7.1429 * p - 4.2857, abs=2e-4)

    @pytest.mark.parametrize("p", [-0.59, -0.3, 0.0, 0.3, 0.59])
    def test_close_to_sdg_build_lower_line(self, p: float) -> None:
        assert k.open_sdg_score(p, has_target=True) == pytest.approx(4.1667 * p - 2.5, abs=2e-4)

    @pytest.mark.parametrize("p", [-0.03, -0.01, 0.001, 0.007, 0.016, 0.03])
    @pytest.mark.parametrize("c", [1.0, 0.6, 0.05])
    def test_matches_sdg_build_lines_without_target(self, p: float, c: float) -> None:
        # [OSDG-CODE] get_score, method 1 (already exact there).
        if p < 0:
            expected = max(125 * p - 2.5, -5)
        elif p >= 0.015 * c:
            expected = min(500 * p / c - 5, 5)
        elif p >= 0.005 * c:
            expected = 250 * p / c - 1.25
        else:
            expected = 500 * p / c - 2.5
        assert k.open_sdg_score(p, has_target=False, coefficient=c) == pytest.approx(expected)


class TestOpenSdgLimitCoefficient:
    """[OSDG-DOC] natural limits; [OSDG-CODE] get_progress_thresholds."""

    def test_cases(self) -> None:
        assert k.open_sdg_limit_coefficient(0.0, 100.0) == 1.0
        assert k.open_sdg_limit_coefficient(100.0, 100.0) == 0.0
        assert k.open_sdg_limit_coefficient(50.0, 100.0) == pytest.approx(1 - 0.5**4.44)
        assert k.open_sdg_limit_coefficient(150.0, 100.0) == pytest.approx(1 - 0.5**4.44)
        assert k.open_sdg_limit_coefficient(200.0, 100.0) == 1.0
        assert k.open_sdg_limit_coefficient(0.0, 0.0) == 1.0
        assert k.open_sdg_limit_coefficient(-50.0, -100.0) == pytest.approx(1 - 0.5**4.44)
        # Found by the totality property: 2 * limit must not overflow.
        huge = k.open_sdg_limit_coefficient(8.988465674311582e307, 8.98846567431158e307)
        assert 0.0 <= huge <= 1.0

    @FAST
    @given(st.floats(min_value=1e-3, max_value=1e6), st.floats(min_value=0.0, max_value=1.0))
    def test_same_at_equal_relative_distance_from_a_max_or_min_limit(
        self, limit: float, fraction: float
    ) -> None:
        # [OSDG-DOC] "ensures the reduction factor is identical at equal relative
        # distances from a minimum or a maximum limit".
        distance = fraction * limit
        below_max = k.open_sdg_limit_coefficient(limit - distance, limit)
        above_min = k.open_sdg_limit_coefficient(limit + distance, limit)
        assert below_max == pytest.approx(above_min, abs=1e-9)
        assert 0.0 <= below_max <= 1.0


class TestOpenSdgSeries:
    def test_no_target_example(self) -> None:
        # 100 in 2015 -> 110 in 2020, higher is better: CAGR = 1.1 ** (1/5) - 1 = 1.92 %.
        r = k.open_sdg_series_progress(
            base_year=2015, base_value=100, current_year=2020, current_value=110, direction=1
        )
        cagr = 1.1 ** (1 / 5) - 1
        assert r.cagr_a == pytest.approx(cagr)
        assert r.progress_value == pytest.approx(cagr)
        assert r.status is S.SUBSTANTIAL
        assert r.score == pytest.approx(500 * cagr - 5)  # [OSDG-CODE] method 1, P >= high
        assert r.reason is None
        assert r.thresholds == k.OpenSdgThresholds(0.015, 0.005, 0.0)

    def test_target_example_reduce_by_half(self) -> None:
        # [OSDG-DOC] metadata: "1.2.1 ... Reduce by 1/2". 20 in 2015, 15 in 2020, 10 by 2030.
        r = k.open_sdg_series_progress(
            base_year=2015,
            base_value=20,
            current_year=2020,
            current_value=15,
            direction=-1,
            target=10,
        )
        cagr_a = 0.75 ** (1 / 5) - 1
        cagr_r = 0.5 ** (1 / 15) - 1
        assert r.cagr_a == pytest.approx(cagr_a)
        assert r.cagr_r == pytest.approx(cagr_r)
        assert r.progress_value == pytest.approx(-cagr_a / abs(cagr_r))
        assert r.status is S.SUBSTANTIAL
        assert r.score == pytest.approx(7.1429 * r.progress_value - 4.2857, abs=1e-3)

    def test_target_met_overrides_trend(self) -> None:
        # [OSDG-DOC] "Indicators that achieve the target are automatically assigned a
        # score of 5 regardless of the underlying trend"; the tie counts as met.
        r = k.open_sdg_series_progress(
            base_year=2015,
            base_value=5,
            current_year=2020,
            current_value=10,
            direction=-1,
            target=10,
        )
        assert r.status is S.TARGET_ACHIEVED
        assert r.score == 5.0
        assert r.target_achieved
        assert r.progress_value is not None  # the trend is still shown
        assert r.progress_value < 0

    def test_target_met_with_a_single_point(self) -> None:
        # [OSDG-CODE] the target check does not need two points.
        r = k.open_sdg_series_progress_from_points([2020], [12.0], direction=1, target=10)
        assert r.status is S.TARGET_ACHIEVED
        assert r.progress_value is None
        assert r.reason is k.Reason.TOO_FEW_POINTS

    def test_zero_target_and_base_are_replaced(self) -> None:
        # [OSDG-DOC] "If the target value is zero, it is replaced by 0.001"; same for base.
        r = k.open_sdg_series_progress(
            base_year=2015,
            base_value=10,
            current_year=2020,
            current_value=5,
            direction=-1,
            target=0,
        )
        assert r.target == 0.001
        assert r.target_replaced
        cagr_a = 0.5 ** (1 / 5) - 1
        cagr_r = (0.001 / 10) ** (1 / 15) - 1
        assert r.progress_value == pytest.approx(-cagr_a / abs(cagr_r))
        assert r.status is S.LIMITED
        z = k.open_sdg_series_progress(
            base_year=2015, base_value=0, current_year=2020, current_value=1, direction=1
        )
        assert z.base_value == 0.001
        assert z.base_value_replaced
        assert z.cagr_a == pytest.approx(1000 ** (1 / 5) - 1)

    def test_mixed_signs_not_assessable(self) -> None:
        # [OSDG-DOC] "valid only when all values are positive or all values are negative".
        r = k.open_sdg_series_progress(
            base_year=2015, base_value=-1, current_year=2020, current_value=2, direction=1
        )
        assert r.status is S.NOT_ASSESSABLE
        assert r.reason is k.Reason.MIXED_SIGNS
        assert r.score is None

    def test_all_negative_flips_direction(self) -> None:
        # [OSDG-DOC] "If all values are negative, the desired direction of progress is
        # flipped": -10 -> -5 is a rise, good when higher is better.
        r = k.open_sdg_series_progress(
            base_year=2015, base_value=-10, current_year=2020, current_value=-5, direction=1
        )
        assert r.sign == -1
        assert r.cagr_a is not None
        assert r.cagr_a < 0
        assert r.progress_value == pytest.approx(-(0.5 ** (1 / 5) - 1))
        assert r.status is S.SUBSTANTIAL

    def test_base_equal_to_limit(self) -> None:
        # [OSDG-DOC] "y0 = ylim ... if CAGR >= 0 ... 'On track' as well as a score of +5
        # ... if CAGR < 0, the progress score and status can be determined as usual".
        kept = k.open_sdg_series_progress(
            base_year=2015,
            base_value=100,
            current_year=2020,
            current_value=100,
            direction=1,
            limit=100,
        )
        assert kept.coefficient == 0.0
        assert kept.status is S.SUBSTANTIAL
        assert kept.score == 5.0
        fell = k.open_sdg_series_progress(
            base_year=2015,
            base_value=100,
            current_year=2020,
            current_value=99,
            direction=1,
            limit=100,
        )
        cagr = 0.99 ** (1 / 5) - 1
        assert fell.status is S.DETERIORATION
        assert fell.score == pytest.approx(125 * cagr - 2.5)

    def test_limit_ignored_with_target(self) -> None:
        r = k.open_sdg_series_progress(
            base_year=2015,
            base_value=90,
            current_year=2020,
            current_value=95,
            direction=1,
            target=100,
            limit=100,
        )
        assert r.coefficient == 1.0
        assert r.limit is None

    def test_too_few_points_and_base_after_latest(self) -> None:
        same = k.open_sdg_series_progress(
            base_year=2020, base_value=1, current_year=2020, current_value=1, direction=1
        )
        assert same.reason is k.Reason.TOO_FEW_POINTS
        later = k.open_sdg_series_progress(
            base_year=2021, base_value=1, current_year=2020, current_value=1, direction=1
        )
        assert later.reason is k.Reason.BASE_AFTER_LATEST

    def test_target_edge_cases(self) -> None:
        common = {"base_year": 2015, "current_year": 2020, "direction": 1}
        equal = k.open_sdg_series_progress(
            base_value=10,
            current_value=9,
            target=10,
            **common,  # type: ignore[arg-type]
        )
        assert equal.reason is k.Reason.ZERO_REQUIRED_RATE
        assert equal.status is S.NOT_ASSESSABLE
        span = k.open_sdg_series_progress(
            base_value=10,
            current_value=11,
            target=20,
            target_year=2015,
            **common,  # type: ignore[arg-type]
        )
        assert span.reason is k.Reason.TARGET_YEAR_NOT_AFTER_BASE
        sign = k.open_sdg_series_progress(
            base_value=-10,
            current_value=-11,
            target=0,
            **common,  # type: ignore[arg-type]
        )
        assert sign.reason is k.Reason.TARGET_SIGN_MISMATCH

    def test_passed_target_year_applies_the_formula(self) -> None:
        r = k.open_sdg_series_progress(
            base_year=2015,
            base_value=10,
            current_year=2024,
            current_value=14,
            direction=1,
            target=15,
            target_year=2020,
        )
        cagr_a, cagr_r = 1.4 ** (1 / 9) - 1, 1.5 ** (1 / 5) - 1
        assert r.cagr_r == pytest.approx(cagr_r)
        assert r.progress_value == pytest.approx(cagr_a / cagr_r)  # 0.45
        assert r.status is S.LIMITED

    def test_overflow_is_not_assessable(self) -> None:
        r = k.open_sdg_series_progress(
            base_year=2015,
            base_value=1e-300,
            current_year=2016,
            current_value=1e300,
            direction=1,
        )
        assert r.reason is k.Reason.NUMERIC_OVERFLOW
        assert r.status is S.NOT_ASSESSABLE
        assert r.cagr_a is None


class TestOpenSdgBaseYear:
    """[OSDG-DOC] "Should there be no available data for 2015, the first available year
    following 2015 will be used"."""

    def test_rule(self) -> None:
        assert k.open_sdg_base_year([2013, 2015, 2018]) == 2015
        assert k.open_sdg_base_year([2013, 2014, 2016, 2018]) == 2016
        assert k.open_sdg_base_year([2010, 2014]) is None
        assert k.open_sdg_base_year([2012, 2014, 2018], preferred=2014) == 2014

    def test_from_points_uses_it(self) -> None:
        r = k.open_sdg_series_progress_from_points(
            [2018, 2013, 2016], [12.0, 5.0, 10.0], direction=1
        )
        assert (r.base_year, r.base_value, r.current_year, r.current_value) == (
            2016,
            10.0,
            2018,
            12.0,
        )

    def test_from_points_edge_cases(self) -> None:
        assert k.open_sdg_series_progress_from_points([], [], direction=1).reason is (
            k.Reason.NO_DATA
        )
        dup = k.open_sdg_series_progress_from_points([2016, 2016], [1.0, 2.0], direction=1)
        assert dup.reason is k.Reason.DUPLICATE_YEARS
        early = k.open_sdg_series_progress_from_points([2012, 2013], [1.0, 2.0], direction=1)
        assert early.reason is k.Reason.NO_BASE_YEAR
        assert early.status is S.NOT_ASSESSABLE
        with pytest.raises(ValueError, match="same length"):
            k.open_sdg_series_progress_from_points([2016], [1.0, 2.0], direction=1)


class TestOpenSdgRollup:
    """[OSDG-DOC] "Aggregated progress status"."""

    @pytest.mark.parametrize(
        ("score", "expected"),
        [
            (5.0, S.SUBSTANTIAL),
            (2.5, S.SUBSTANTIAL),
            (below(2.5), S.MODERATE),
            (1.0, S.MODERATE),  # "an overall score of +1 is 'Progress made but ...'"
            (0.0, S.MODERATE),
            (below(0.0), S.LIMITED),
            (-2.5, S.LIMITED),
            (below(-2.5), S.DETERIORATION),
            (-5.0, S.DETERIORATION),
            (5.5, S.NOT_ASSESSABLE),
            (-5.5, S.NOT_ASSESSABLE),
        ],
    )
    def test_bands(self, score: float, expected: k.OpenSdgStatus) -> None:
        assert k.open_sdg_status_from_score(score) is expected

    def test_mean_score_example_from_the_doc(self) -> None:
        r = k.open_sdg_rollup([_member(0.0), _member(2.0)])
        assert r.score == 1.0
        assert r.status is S.MODERATE

    def test_target_achieved_only_when_every_series_achieved(self) -> None:
        # "all series must achieve the target for the aggregate progress status to be
        # 'Target achieved'".
        both = k.open_sdg_rollup([_member(5.0, True), _member(5.0, True)])
        assert both.status is S.TARGET_ACHIEVED
        one = k.open_sdg_rollup([_member(5.0, True), _member(3.0)])
        assert one.status is S.SUBSTANTIAL
        assert one.score == 4.0
        assert not one.target_achieved

    def test_unscored_members_are_left_out(self) -> None:
        r = k.open_sdg_rollup([_member(None), _member(-3.0), _member(None, True)])
        assert (r.scored, r.unscored, r.score, r.status) == (1, 2, -3.0, S.DETERIORATION)
        none = k.open_sdg_rollup([_member(None)])
        assert none.status is S.NOT_ASSESSABLE
        assert none.reason is k.Reason.NOTHING_RATED

    def test_groups_nest_with_equal_weight(self) -> None:
        # "Sub-indicator grouping": a group's mean counts once.
        group = k.open_sdg_rollup([_member(5.0), _member(5.0), _member(-1.0)])
        r = k.open_sdg_rollup([group, _member(-3.0)])
        assert r.score == pytest.approx((3.0 - 3.0) / 2)
        assert r.status is S.MODERATE


@attrs.frozen
class _Member:
    score: float | None
    target_achieved: bool = False


def _member(score: float | None, achieved: bool = False) -> _Member:
    return _Member(score, achieved)


# --- an independent re-statement of the published Open SDG method ---------------------


def _interp(x: float, xs: Sequence[float], ys: Sequence[float]) -> float:
    """Straight lines through (xs, ys), flat outside them."""
    if x <= xs[0]:
        return ys[0]
    for x0, x1, y0, y1 in zip(xs, xs[1:], ys, ys[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return ys[-1]


def doc_open_sdg(
    years: Sequence[int],
    values: Sequence[float],
    direction: int,
    target: float | None,
    limit: float | None,
) -> tuple[str, float | None, float | None]:
    """(status, score, progress value), written from [OSDG-DOC] alone, for series whose
    values all share one sign (a base of 0 allowed for positive series)."""
    data = dict(zip(years, values, strict=True))
    latest = max(data)
    y_latest = data[latest]
    if target is not None:
        target = 0.001 if target == 0 else target  # "Special considerations"
        if (direction == 1 and y_latest >= target) or (direction == -1 and y_latest <= target):
            return "target_achieved", 5.0, None
    # "the first available year following 2015 will be used"
    candidates = sorted(y for y in data if y >= 2015)
    if not candidates or latest - candidates[0] < 1:  # "At least two years of data"
        return "not_assessable", None, None
    t0 = candidates[0]
    y_base = data[t0]
    d = -direction if min(values) < 0 else direction  # all negative: direction flipped
    y0 = 0.001 if y_base == 0 else y_base
    cagr = (y_latest / y0) ** (1 / (latest - t0)) - 1
    if target is None:
        c = 1.0
        if limit is not None:  # maximum limit first, then the two minimum-limit cases
            if 0 <= y_base < limit:
                c = 1 - (y_base / limit) ** 4.44
            elif limit <= y_base < 2 * limit:
                c = 1 - ((2 * limit - y_base) / limit) ** 4.44
        p = d * cagr
        if p >= 0.015 * c:
            status = "substantial_progress"
        elif p >= 0.005 * c:
            status = "moderate_progress"
        elif p >= 0:
            status = "limited_progress"
        else:
            status = "deterioration"
        if c == 0 and p >= 0:
            score = 5.0
        else:
            score = _interp(p, [-0.02, 0, 0.005 * c, 0.015 * c, 0.02 * c], [-5, -2.5, 0, 2.5, 5])
        return status, score, p
    cagr_required = (target / y0) ** (1 / (2030 - t0)) - 1
    if cagr_required == 0:  # the documentation leaves R undefined here
        return "not_assessable", None, None
    r = d * cagr / abs(cagr_required)
    if r >= 0.95:
        status = "substantial_progress"
    elif r >= 0.6:
        status = "moderate_progress"
    elif r >= 0:
        status = "limited_progress"
    else:
        status = "deterioration"
    return status, _interp(r, [-0.6, 0.6, 1.3], [-5, 0, 5]), r


@st.composite
def same_sign_series(
    draw: st.DrawFn,
) -> tuple[list[int], list[float], int, float | None, float | None]:
    ys = sorted(draw(st.lists(st.integers(2010, 2030), min_size=1, max_size=8, unique=True)))
    negative = draw(st.booleans())
    vs = draw(st.lists(positive, min_size=len(ys), max_size=len(ys)))
    if not negative and 2015 in ys and draw(st.booleans()):
        vs[ys.index(2015)] = 0.0
    if negative:
        vs = [-v for v in vs]
    direction = draw(directions)
    target = draw(st.none() | positive | st.just(0.0))
    if target is not None and negative:
        target = -target if target else -1.0
    limit = draw(st.none() | positive) if (target is None and not negative) else None
    return ys, vs, direction, target, limit


def _near_threshold(p: float, has_target: bool, c: float) -> bool:
    points = [0.95, 0.6, 0.0] if has_target else [0.015 * c, 0.005 * c, 0.0]
    return any(abs(p - t) <= 1e-9 * max(1.0, abs(t)) for t in points)


@settings(max_examples=400, deadline=None)
@given(same_sign_series())
def test_open_sdg_agrees_with_the_published_formulas(
    case: tuple[list[int], list[float], int, float | None, float | None],
) -> None:
    years, values, direction, target, limit = case
    expected_status, expected_score, p = doc_open_sdg(years, values, direction, target, limit)
    r = k.open_sdg_series_progress_from_points(
        years, values, direction=direction, target=target, limit=limit
    )
    if p is not None and _near_threshold(p, target is not None, r.coefficient):
        return  # rounding may legitimately tip a value lying on a threshold
    assert r.status.value == (
        "not_assessable" if expected_status == "not_assessable" else expected_status
    )
    if expected_score is None:
        assert r.score is None
    else:
        assert r.score == pytest.approx(expected_score, abs=1e-6)
    if p is not None:
        assert r.progress_value == pytest.approx(p, rel=1e-12, abs=1e-15)


# --- properties -------------------------------------------------------------------------


@FAST
@given(
    base_year=any_year,
    span=st.integers(-3, 60),
    base=any_float,
    current=any_float,
    direction=directions,
    target=st.none() | any_float,
    target_year=any_year,
    limit=st.none() | any_float,
)
def test_open_sdg_is_total(
    base_year: int,
    span: int,
    base: float,
    current: float,
    direction: int,
    target: float | None,
    target_year: int,
    limit: float | None,
) -> None:
    r = k.open_sdg_series_progress(
        base_year=base_year,
        base_value=base,
        current_year=base_year + span,
        current_value=current,
        direction=direction,
        target=target,
        target_year=target_year,
        limit=limit,
    )
    assert isinstance(r.status, k.OpenSdgStatus)
    assert (r.status is S.NOT_ASSESSABLE) == (r.score is None)
    if r.score is not None:
        assert -5.0 <= r.score <= 5.0
    if r.status is S.NOT_ASSESSABLE:
        assert r.reason is not None
    if r.progress_value is not None:
        assert math.isfinite(r.progress_value)


@FAST
@given(series(unique=False, max_size=6), directions, st.none() | any_float, any_year)
def test_open_sdg_from_points_is_total(
    points: tuple[list[int], list[float]], direction: int, target: float | None, base: int
) -> None:
    r = k.open_sdg_series_progress_from_points(
        *points, direction=direction, target=target, base_year=base
    )
    assert isinstance(r.status, k.OpenSdgStatus)


@pytest.mark.parametrize("bad", NON_FINITE)
@pytest.mark.parametrize(
    "name", ["base_value", "current_value", "target", "limit", "base_year", "target_year"]
)
def test_open_sdg_rejects_non_finite(name: str, bad: float) -> None:
    args: dict[str, float] = {
        "base_year": 2015,
        "base_value": 1.0,
        "current_year": 2020,
        "current_value": 2.0,
        "target": 3.0,
        "target_year": 2030,
        "limit": 4.0,
    }
    args[name] = bad
    with pytest.raises(ValueError, match=name):
        k.open_sdg_series_progress(direction=1, **args)  # type: ignore[arg-type]


def test_open_sdg_rejects_bad_direction_and_non_finite_points() -> None:
    with pytest.raises(ValueError, match="direction"):
        k.open_sdg_series_progress(
            base_year=2015, base_value=1, current_year=2020, current_value=2, direction=0
        )
    with pytest.raises(ValueError, match=r"values\[1\]"):
        k.open_sdg_series_progress_from_points([2015, 2016], [1.0, math.nan], direction=1)
    with pytest.raises(ValueError, match="score"):
        k.open_sdg_rollup([_member(math.inf)])


@FAST
@given(
    base_year=year,
    span=st.integers(1, 30),
    base=moderate,
    current=moderate,
    delta=st.floats(min_value=1e-6, max_value=1e6),
    direction=directions,
    target=st.none() | moderate,
    limit=st.none() | moderate,
)
def test_open_sdg_better_latest_is_never_worse(
    base_year: int,
    span: int,
    base: float,
    current: float,
    delta: float,
    direction: int,
    target: float | None,
    limit: float | None,
) -> None:
    def rate(value: float) -> k.OpenSdgSeriesResult:
        return k.open_sdg_series_progress(
            base_year=base_year,
            base_value=base,
            current_year=base_year + span,
            current_value=value,
            direction=direction,
            target=target,
            limit=limit,
        )

    worse, better = rate(current), rate(current + direction * delta)
    if worse.status.rank is not None and better.status.rank is not None:
        assert better.status.rank >= worse.status.rank
        assert worse.score is not None
        assert better.score is not None
        assert better.score >= worse.score - 1e-9


@FAST
@given(
    base_year=year,
    span=st.integers(1, 30),
    base=moderate.filter(bool),
    current=moderate,
    direction=directions,
    target=st.none() | moderate.filter(bool),
    limit=st.none() | moderate,
)
def test_open_sdg_mirror_symmetry(
    base_year: int,
    span: int,
    base: float,
    current: float,
    direction: int,
    target: float | None,
    limit: float | None,
) -> None:
    # Negating every value and flipping the direction changes nothing, except for zeros
    # (a 0 is replaced by +0.001 whatever the series' sign), which are left out here.
    def rate(sign: int) -> k.OpenSdgSeriesResult:
        return k.open_sdg_series_progress(
            base_year=base_year,
            base_value=sign * base,
            current_year=base_year + span,
            current_value=sign * current,
            direction=sign * direction,
            target=None if target is None else sign * target,
            limit=None if limit is None else sign * limit,
        )

    plain, mirrored = rate(1), rate(-1)
    assert mirrored.status is plain.status
    assert mirrored.score == plain.score
    assert mirrored.progress_value == plain.progress_value


@FAST
@given(
    base=positive,
    current=positive,
    span=st.integers(1, 20),
    direction=directions,
    target=st.none() | positive,
    limit=st.none() | positive,
)
def test_open_sdg_single_series_rollup_keeps_its_status(
    base: float,
    current: float,
    span: int,
    direction: int,
    target: float | None,
    limit: float | None,
) -> None:
    r = k.open_sdg_series_progress(
        base_year=2015,
        base_value=base,
        current_year=2015 + span,
        current_value=current,
        direction=direction,
        target=target,
        limit=limit,
    )
    assert k.open_sdg_rollup([r]).status is r.status


# ======================================================================================
# Destatis weather symbols
# ======================================================================================

W = k.Weather
YEARS6 = [2015, 2016, 2017, 2018, 2019, 2020]


def linear(first: float, last: float, years: Sequence[int] = YEARS6) -> list[float]:
    """Values from ``first`` to ``last`` (only the window's ends matter)."""
    n = len(years) - 1
    return [first + (last - first) * i / n for i in range(n)] + [last]


class TestDestatisTargetValue:
    """[DESTATIS] "Indicators with absolute or relative target values"."""

    @pytest.mark.parametrize(
        ("first", "share", "expected"),
        [
            (50.0, 0.0, W.SUN),  # projection reaches the target exactly
            (40.0, -0.2, W.SUN),  # passes it
            (52.0, 0.04, W.SUN),  # "less than 5 %"
            (52.5, 0.05, W.PARTLY_CLOUDY),  # "at least 5 %"
            (60.0, 0.2, W.PARTLY_CLOUDY),  # "at most 20 %"
            (60.5, 0.21, W.CLOUD),  # "more than 20 %", right direction
            (90.0, 0.8, W.CLOUD),
            (100.0, 1.0, W.THUNDERSTORM),  # flat: not the right direction
            (110.0, 1.2, W.THUNDERSTORM),  # wrong direction
        ],
    )
    def test_shares_and_ties(self, first: float, share: float, expected: k.Weather) -> None:
        # Latest 100 in 2020, target 200 in 2030: the gap is 100 and the average change
        # (100 - first) / 5 a year runs for 10 years.
        r = k.destatis_target_value(
            YEARS6, linear(first, 100.0), target=200, target_year=2030, direction=1
        )
        assert r.procedure is k.DestatisProcedure.TARGET_VALUE
        assert r.shortfall_share == pytest.approx(share, abs=1e-12)
        assert r.symbol is expected
        assert r.gap == 100.0
        assert r.projected_value == pytest.approx(200 - 100 * share)

    def test_lower_is_better(self) -> None:
        # 100 -> 80 over five years (-4 a year), target 40 by 2030: projected 40 -> SUN.
        r = k.destatis_target_value(
            YEARS6, linear(100.0, 80.0), target=40, target_year=2030, direction=-1
        )
        assert r.average_change == -4.0
        assert r.projected_value == 40.0
        assert r.symbol is W.SUN

    def test_already_met_uses_the_keep_rule(self) -> None:
        # "This procedure is used also when an indicator ... has reached the goal already".
        rising = k.destatis_target_value(
            YEARS6, linear(80.0, 100.0), target=90, target_year=2030, direction=1
        )
        assert (rising.procedure, rising.symbol) == (k.DestatisProcedure.ALREADY_MET, W.SUN)
        falling = k.destatis_target_value(
            YEARS6, linear(120.0, 100.0), target=90, target_year=2030, direction=1
        )
        assert falling.symbol is W.PARTLY_CLOUDY
        tie = k.destatis_target_value(
            YEARS6, linear(80.0, 90.0), target=90, target_year=2030, direction=1
        )
        assert tie.target_met
        assert tie.symbol is W.SUN

    def test_passed_target_year(self) -> None:
        towards = k.destatis_target_value(
            YEARS6, linear(80.0, 100.0), target=150, target_year=2020, direction=1
        )
        assert towards.procedure is k.DestatisProcedure.TARGET_YEAR_PASSED
        assert towards.symbol is W.CLOUD
        away = k.destatis_target_value(
            YEARS6, linear(120.0, 100.0), target=150, target_year=2018, direction=1
        )
        assert away.symbol is W.THUNDERSTORM

    def test_window_is_the_last_six_points(self) -> None:
        years = [2010, 2011, *YEARS6]
        values = [500.0, -500.0, *linear(50.0, 100.0)]
        r = k.destatis_target_value(years, values, target=200, target_year=2030, direction=1)
        assert r.window_years == tuple(YEARS6)
        assert r.average_change == 10.0
        assert r.symbol is W.SUN

    def test_at_least_four_points(self) -> None:
        # "less than four suitable annual values, there will be no calculation".
        four = k.destatis_target_value(
            YEARS6[:4], [1.0, 2.0, 3.0, 4.0], target=20, target_year=2030, direction=1
        )
        assert four.symbol is not W.NONE
        assert four.average_change == 1.0
        three = k.destatis_target_value(
            YEARS6[:3], [1.0, 2.0, 3.0], target=20, target_year=2030, direction=1
        )
        assert three.symbol is W.NONE
        assert three.reason is k.Reason.TOO_FEW_POINTS

    def test_series_break_restarts_the_window(self) -> None:
        values = [10.0, 20.0, 30.0, 5.0, 6.0, 7.0, 8.0]
        years = [2014, *YEARS6]
        r = k.destatis_target_value(
            years, values, target=20, target_year=2030, direction=1, break_year=2017
        )
        assert r.dropped_before_break == 3
        assert r.window_years == (2017, 2018, 2019, 2020)
        assert r.average_change == 1.0
        short = k.destatis_target_value(
            years, values, target=20, target_year=2030, direction=1, break_year=2018
        )
        assert short.reason is k.Reason.TOO_FEW_POINTS

    def test_non_annual_data_uses_the_year_span(self) -> None:
        years = [2010, 2012, 2014, 2016, 2018, 2020]
        r = k.destatis_target_value(
            years, linear(0.0, 50.0, years), target=100, target_year=2030, direction=1
        )
        assert r.average_change == 5.0
        assert r.projected_value == 100.0
        assert r.symbol is W.SUN

    def test_edge_inputs(self) -> None:
        assert (
            k.destatis_target_value([], [], target=1, target_year=2030, direction=1).reason
            is k.Reason.NO_DATA
        )
        dup = k.destatis_target_value(
            [2015, 2015, 2016, 2017],
            [1.0, 2.0, 3.0, 4.0],
            target=9,
            target_year=2030,
            direction=1,
        )
        assert dup.reason is k.Reason.DUPLICATE_YEARS
        huge = k.destatis_target_value(
            YEARS6,
            [-1.7e308, 0.0, 0.0, 0.0, 0.0, 1.7e308],
            target=1.79e308,
            target_year=2030,
            direction=1,
        )
        assert huge.reason is k.Reason.NUMERIC_OVERFLOW


class TestDestatisKeepTarget:
    """[DESTATIS] "Indicators with a constant target for each year"."""

    @pytest.mark.parametrize(
        ("first", "last", "expected"),
        [
            (8.0, 10.0, W.SUN),  # met, improving
            (10.0, 10.0, W.SUN),  # met (tie), flat: no setback
            (12.0, 10.0, W.PARTLY_CLOUDY),  # met, worsening
            (5.0, 9.0, W.CLOUD),  # missed, moving towards
            (9.0, 9.0, W.THUNDERSTORM),  # missed, flat (our reading of an ambiguity)
            (11.0, 9.0, W.THUNDERSTORM),  # missed, moving away
        ],
    )
    def test_rules(self, first: float, last: float, expected: k.Weather) -> None:
        r = k.destatis_keep_target(YEARS6, linear(first, last), target=10, direction=1)
        assert r.symbol is expected
        assert r.procedure is k.DestatisProcedure.KEEP_EVERY_YEAR

    def test_lower_is_better_limit(self) -> None:
        r = k.destatis_keep_target(YEARS6, linear(60.0, 45.0), target=50, direction=-1)
        assert r.target_met
        assert r.symbol is W.SUN


class TestDestatisDirectionOnly:
    """[DESTATIS] "Indicators with directional targets without specific target values"."""

    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], W.SUN),
            ([1.0, 2.0, 3.0, 4.0, 7.0, 6.0], W.PARTLY_CLOUDY),  # last change wrong
            ([1.0, 2.0, 3.0, 4.0, 6.0, 6.0], W.PARTLY_CLOUDY),  # last change zero
            ([6.0, 5.0, 4.0, 2.0, 1.0, 2.0], W.CLOUD),  # average wrong, last right
            ([2.0, 1.0, 1.0, 1.0, 1.0, 2.0], W.CLOUD),  # average flat, last right
            ([6.0, 5.0, 4.0, 3.0, 2.0, 1.0], W.THUNDERSTORM),
            ([1.0, 1.0, 1.0, 1.0, 1.0, 1.0], W.THUNDERSTORM),  # nothing moves
        ],
    )
    def test_rules(self, values: list[float], expected: k.Weather) -> None:
        r = k.destatis_direction_only(YEARS6, values, direction=1)
        assert r.symbol is expected
        assert r.last_change == values[-1] - values[-2]

    def test_lower_is_better(self) -> None:
        r = k.destatis_direction_only(YEARS6, [6.0, 5.0, 4.0, 3.0, 2.0, 1.0], direction=-1)
        assert r.symbol is W.SUN


class TestDestatisSeveralTargets:
    """[DESTATIS] target intervals, several target years, several targets."""

    def test_worst_symbol_wins(self) -> None:
        r = k.destatis_worst([W.SUN, W.CLOUD, W.PARTLY_CLOUDY, W.CLOUD])
        assert (r.symbol, r.deciding_index, r.rated, r.unrated) == (W.CLOUD, 1, 4, 0)

    def test_unrated_targets_are_left_out(self) -> None:
        r = k.destatis_worst([W.NONE, W.PARTLY_CLOUDY])
        assert (r.symbol, r.deciding_index, r.unrated) == (W.PARTLY_CLOUDY, 1, 1)
        none = k.destatis_worst([W.NONE])
        assert none.symbol is W.NONE
        assert none.reason is k.Reason.NOTHING_RATED
        assert k.destatis_worst([]).symbol is W.NONE

    def test_weakest_bound_of_an_interval(self) -> None:
        assert k.destatis_weakest_bound(30, 35, 1) == 30
        assert k.destatis_weakest_bound(30, 35, -1) == 35
        assert k.destatis_weakest_bound(35, 30, -1) == 35

    def test_next_target_year(self) -> None:
        targets = [(2030, 65.0), (2025, 50.0), (2020, 35.0)]
        assert k.destatis_next_target(targets, 2022) == (2025, 50.0)
        assert k.destatis_next_target(targets, 2025) == (2025, 50.0)
        assert k.destatis_next_target(targets, 2031) == (2030, 65.0)
        assert k.destatis_next_target([], 2022) is None


DESTATIS_KERNELS = ["target_value", "keep", "direction"]


def destatis_rate(
    kind: str,
    years: Sequence[int],
    values: Sequence[float],
    direction: int,
    target: float = 0.0,
    target_year: int = 2030,
    break_year: int | None = None,
) -> k.DestatisResult:
    if kind == "target_value":
        return k.destatis_target_value(
            years,
            values,
            target=target,
            target_year=target_year,
            direction=direction,
            break_year=break_year,
        )
    if kind == "keep":
        return k.destatis_keep_target(
            years, values, target=target, direction=direction, break_year=break_year
        )
    return k.destatis_direction_only(years, values, direction=direction, break_year=break_year)


@pytest.mark.parametrize("kind", DESTATIS_KERNELS)
@FAST
@given(
    points=series(unique=False, years=any_year),
    direction=directions,
    target=any_float,
    target_year=any_year,
    break_year=st.none() | any_year,
)
def test_destatis_is_total(
    kind: str,
    points: tuple[list[int], list[float]],
    direction: int,
    target: float,
    target_year: int,
    break_year: int | None,
) -> None:
    r = destatis_rate(kind, *points, direction, target, target_year, break_year)
    assert isinstance(r.symbol, k.Weather)
    assert (r.symbol is W.NONE) == (r.reason is not None)


integral = st.integers(-1000, 1000).map(float)


@pytest.mark.parametrize("kind", DESTATIS_KERNELS)
@FAST
@given(
    points=series(values=integral, min_size=4, max_size=8),
    direction=directions,
    target=integral,
    target_year=st.integers(2000, 2060),
    delta=st.integers(1, 500),
)
def test_destatis_better_latest_is_never_worse(
    kind: str,
    points: tuple[list[int], list[float]],
    direction: int,
    target: float,
    target_year: int,
    delta: int,
) -> None:
    years, values = points
    years = sorted(years)
    improved = [*values[:-1], values[-1] + direction * delta]
    worse = destatis_rate(kind, years, values, direction, target, target_year)
    better = destatis_rate(kind, years, improved, direction, target, target_year)
    assert worse.symbol.rank is not None
    assert better.symbol.rank is not None
    assert better.symbol.rank >= worse.symbol.rank


@pytest.mark.parametrize("kind", DESTATIS_KERNELS)
@FAST
@given(
    points=series(values=moderate, min_size=4),
    direction=directions,
    target=moderate,
    target_year=st.integers(2000, 2060),
)
def test_destatis_mirror_symmetry(
    kind: str,
    points: tuple[list[int], list[float]],
    direction: int,
    target: float,
    target_year: int,
) -> None:
    years, values = points
    plain = destatis_rate(kind, years, values, direction, target, target_year)
    mirrored = destatis_rate(kind, years, [-v for v in values], -direction, -target, target_year)
    assert mirrored.symbol is plain.symbol
    assert mirrored.shortfall_share == plain.shortfall_share


@pytest.mark.parametrize("kind", DESTATIS_KERNELS)
@pytest.mark.parametrize("bad", NON_FINITE)
def test_destatis_rejects_non_finite(kind: str, bad: float) -> None:
    values = [1.0, 2.0, 3.0, bad, 5.0]
    with pytest.raises(ValueError, match=r"values\[3\]"):
        destatis_rate(kind, [2015, 2016, 2017, 2018, 2019], values, 1, 9.0)
    if kind != "direction":
        with pytest.raises(ValueError, match="target"):
            destatis_rate(kind, [2015, 2016, 2017, 2018], [1.0, 2.0, 3.0, 4.0], 1, bad)


# ======================================================================================
# UNSD progress chart
# ======================================================================================

U = k.UnsdCategory


class TestUnsd:
    @pytest.mark.parametrize(
        ("ratio", "expected"),
        [
            (above(0.95), U.ON_TRACK),
            (0.95, U.FAIR),  # "0.5-0.95 fair": on track needs more than 0.95
            (0.5, U.FAIR),
            (below(0.5), U.LIMITED),
            (-0.1, U.LIMITED),
            (below(-0.1), U.DETERIORATION),
            (2.0, U.ON_TRACK),
            (-3.0, U.DETERIORATION),
        ],
    )
    def test_band_ties(self, ratio: float, expected: k.UnsdCategory) -> None:
        # [UNSD] CR > 0.95; 0.5-0.95; -0.1-0.5; below -0.1.
        assert k.unsd_category(ratio) is expected

    def test_example(self) -> None:
        # 100 in 2015, 80 in 2020, target 50 by 2030.
        r = k.unsd_progress_ratio(
            base_year=2015, base_value=100, current_year=2020, current_value=80, target=50
        )
        cagr_a = 0.8 ** (1 / 5) - 1
        cagr_r = 0.5 ** (1 / 15) - 1
        assert r.ratio == pytest.approx(cagr_a / cagr_r)
        assert r.category is U.ON_TRACK
        assert r.implied_direction == -1
        assert not r.target_met

    def test_slow_progress(self) -> None:
        r = k.unsd_progress_ratio(
            base_year=2015, base_value=100, current_year=2020, current_value=95, target=50
        )
        assert r.ratio == pytest.approx((0.95 ** (1 / 5) - 1) / (0.5 ** (1 / 15) - 1))
        assert r.category is U.LIMITED

    @pytest.mark.parametrize(
        ("kwargs", "reason"),
        [
            ({"base_value": 0}, k.Reason.ZERO_BASE),
            ({"current_value": -1}, k.Reason.MIXED_SIGNS),
            ({"target": -1}, k.Reason.TARGET_SIGN_MISMATCH),
            ({"target": 100}, k.Reason.ZERO_REQUIRED_RATE),
            ({"target_year": 2015}, k.Reason.TARGET_YEAR_NOT_AFTER_BASE),
            ({"target_year": 2010}, k.Reason.TARGET_YEAR_NOT_AFTER_BASE),
            ({"current_year": 2015}, k.Reason.TOO_FEW_POINTS),
            ({"current_year": 2014}, k.Reason.BASE_AFTER_LATEST),
        ],
    )
    def test_not_assessable(self, kwargs: dict[str, float], reason: k.Reason) -> None:
        args: dict[str, float] = {
            "base_year": 2015,
            "base_value": 100,
            "current_year": 2020,
            "current_value": 90,
            "target": 50,
            "target_year": 2030,
        }
        args.update(kwargs)
        r = k.unsd_progress_ratio(**args)  # type: ignore[arg-type]
        assert r.category is U.NOT_ASSESSABLE
        assert r.reason is reason

    def test_target_year_before_base_year(self) -> None:
        # Found by the monotonicity property: over a negative span CAGR_r flips sign, so
        # a value moving away from the target (-0.5 -> 0, target -1) would be "on track".
        r = k.unsd_progress_ratio(
            base_year=2031,
            base_value=-0.5,
            current_year=2032,
            current_value=0.0,
            target=-1.0,
            target_year=2030,
        )
        assert r.category is U.NOT_ASSESSABLE
        assert r.reason is k.Reason.TARGET_YEAR_NOT_AFTER_BASE

    @pytest.mark.parametrize("bad", NON_FINITE)
    @pytest.mark.parametrize("name", ["base_value", "current_value", "target", "target_year"])
    def test_rejects_non_finite(self, name: str, bad: float) -> None:
        args: dict[str, float] = {
            "base_year": 2015,
            "base_value": 100,
            "current_year": 2020,
            "current_value": 90,
            "target": 50,
            "target_year": 2030,
        }
        args[name] = bad
        with pytest.raises(ValueError, match=name):
            k.unsd_progress_ratio(**args)  # type: ignore[arg-type]


@FAST
@given(
    base_year=any_year,
    span=st.integers(-3, 60),
    base=any_float,
    current=any_float,
    target=any_float,
    target_year=any_year,
)
def test_unsd_is_total(
    base_year: int, span: int, base: float, current: float, target: float, target_year: int
) -> None:
    r = k.unsd_progress_ratio(
        base_year=base_year,
        base_value=base,
        current_year=base_year + span,
        current_value=current,
        target=target,
        target_year=target_year,
    )
    assert isinstance(r.category, k.UnsdCategory)
    assert (r.category is U.NOT_ASSESSABLE) == (r.reason is not None)


@FAST
@given(
    base_year=year,
    span=st.integers(1, 30),
    base=moderate,
    current=moderate,
    target=moderate,
    delta=st.floats(min_value=1e-6, max_value=1e6),
)
def test_unsd_better_latest_is_never_worse(
    base_year: int, span: int, base: float, current: float, target: float, delta: float
) -> None:
    def rate(value: float) -> k.UnsdResult:
        return k.unsd_progress_ratio(
            base_year=base_year,
            base_value=base,
            current_year=base_year + span,
            current_value=value,
            target=target,
        )

    worse = rate(current)
    if worse.implied_direction is None:
        return
    better = rate(current + worse.implied_direction * delta)
    if worse.category.rank is not None and better.category.rank is not None:
        assert better.category.rank >= worse.category.rank


@FAST
@given(
    base_year=year,
    span=st.integers(1, 30),
    base=moderate,
    current=moderate,
    target=moderate,
)
def test_unsd_mirror_symmetry(
    base_year: int, span: int, base: float, current: float, target: float
) -> None:
    def rate(sign: int) -> k.UnsdResult:
        return k.unsd_progress_ratio(
            base_year=base_year,
            base_value=sign * base,
            current_year=base_year + span,
            current_value=sign * current,
            target=sign * target,
        )

    assert rate(-1).category is rate(1).category
    assert rate(-1).ratio == rate(1).ratio


# ======================================================================================
# EUSTAT
# ======================================================================================

E = k.EustatCategory


class TestEustatBands:
    """[EUSTAT] 2.1 and 2.2 score tables."""

    @pytest.mark.parametrize(
        ("share", "expected"),
        [
            (0.95, E.ON_TRACK),
            (below(0.95), E.NEEDS_ACCELERATION),
            (0.10, E.NEEDS_ACCELERATION),
            (below(0.10), E.STAGNATION_OR_REGRESSION),
            (-1.0, E.STAGNATION_OR_REGRESSION),
            (3.0, E.ON_TRACK),
        ],
    )
    def test_share(self, share: float, expected: k.EustatCategory) -> None:
        assert k.eustat_category_from_share(share) is expected

    @pytest.mark.parametrize(
        ("cagr", "direction", "expected"),
        [
            (0.02, 1, E.ON_TRACK),  # CAGR >= 0.02
            (below(0.02), 1, E.NEEDS_ACCELERATION),
            (0.005, 1, E.NEEDS_ACCELERATION),  # 0.005 <= CAGR < 0.02
            (below(0.005), 1, E.STAGNATION_OR_REGRESSION),
            (-0.5, 1, E.STAGNATION_OR_REGRESSION),
            (-0.02, -1, E.ON_TRACK),  # CAGR <= -0.02
            (above(-0.02), -1, E.NEEDS_ACCELERATION),  # -0.02 < CAGR <= -0.005
            (-0.005, -1, E.NEEDS_ACCELERATION),
            (above(-0.005), -1, E.STAGNATION_OR_REGRESSION),  # CAGR > -0.005
            (0.5, -1, E.STAGNATION_OR_REGRESSION),
        ],
    )
    def test_growth(self, cagr: float, direction: int, expected: k.EustatCategory) -> None:
        assert k.eustat_category_from_growth(cagr, direction) is expected

    def test_scores(self) -> None:
        assert [c.score for c in E] == [3, 3, 2, 1, None]


class TestEustatProgress:
    def test_projection_example(self) -> None:
        # [EUSTAT] 2.1: v2030e = vt * (1 + CAGRa) ** (2030 - t); r = (v2030e - vb) / (v2030 - vb).
        r = k.eustat_progress(
            base_year=2015,
            base_value=100,
            current_year=2020,
            current_value=80,
            direction=-1,
            target=50,
        )
        cagr = 0.8 ** (1 / 5) - 1
        projected = 80 * (1 + cagr) ** 10
        assert r.cagr_a == pytest.approx(cagr)
        assert r.projected_value == pytest.approx(projected)  # 51.2
        assert r.share == pytest.approx((projected - 100) / (50 - 100))  # 0.976
        assert r.category is E.ON_TRACK
        assert r.horizon == 10

    def test_needs_acceleration_example(self) -> None:
        r = k.eustat_progress(
            base_year=2015,
            base_value=100,
            current_year=2020,
            current_value=90,
            direction=-1,
            target=50,
        )
        assert r.share == pytest.approx((90 * 0.9**2 - 100) / -50)
        assert r.category is E.NEEDS_ACCELERATION

    def test_no_target_example(self) -> None:
        # [EUSTAT] 2.2: 100 -> 110 over five years, increase desirable: CAGR 1.92 %.
        r = k.eustat_progress(
            base_year=2015, base_value=100, current_year=2020, current_value=110, direction=1
        )
        assert r.cagr_a == pytest.approx(1.1**0.2 - 1)
        assert r.category is E.NEEDS_ACCELERATION

    def test_latest_meeting_target_is_achieved(self) -> None:
        # [EUSTAT] 2.4 exception 1: "regardless of the trend in recent years".
        r = k.eustat_progress(
            base_year=2015,
            base_value=60,
            current_year=2020,
            current_value=50,
            direction=-1,
            target=50,
        )
        assert r.category is E.ACHIEVED
        assert r.target_met
        single = k.eustat_progress_from_points([2020], [40.0], direction=-1, target=50)
        assert single.category is E.ACHIEVED
        assert single.reason is k.Reason.TOO_FEW_POINTS

    @pytest.mark.parametrize(
        ("target", "current", "direction", "achieved"),
        [
            (100.0, 99.0, 1, True),  # "maximum difference of 1%" is inclusive
            (100.0, 98.9, 1, False),
            (0.0, 1.0, -1, True),
            (0.0, 1.01, -1, False),
            (50.0, 49.5, 1, False),  # only targets of 0 % and 100 %
        ],
    )
    def test_near_zero_or_hundred_percent(
        self, target: float, current: float, direction: int, achieved: bool
    ) -> None:
        # [EUSTAT] 2.4 exception 2.
        r = k.eustat_progress(
            base_year=2015,
            base_value=80 if direction == 1 else 10,
            current_year=2020,
            current_value=current,
            direction=direction,
            target=target,
        )
        assert (r.category is E.ACHIEVED) is achieved
        assert r.near_bound_met is achieved

    def test_target_behind_base_is_regression(self) -> None:
        # The base already met the target (10) and the series fell below it: the
        # published ratio (y_proj - y0) / (yT - y0) would be large and positive here.
        r = k.eustat_progress(
            base_year=2015,
            base_value=12,
            current_year=2020,
            current_value=9,
            direction=1,
            target=10,
        )
        assert r.target_behind_base
        assert r.share is not None
        assert r.share < 0
        assert r.category is E.STAGNATION_OR_REGRESSION

    def test_target_year_passed_projects_no_further(self) -> None:
        # [EUSTAT] 2.4 exception 5.
        r = k.eustat_progress(
            base_year=2015,
            base_value=100,
            current_year=2024,
            current_value=60,
            direction=-1,
            target=50,
            target_year=2020,
        )
        assert r.target_year_passed
        assert r.horizon == 0
        assert r.projected_value == 60
        assert r.share == pytest.approx(0.8)
        assert r.category is E.NEEDS_ACCELERATION

    def test_target_year_passed_and_missed_is_never_on_track(self) -> None:
        # Our reading: with the target year behind, only meeting the target is "achieved";
        # 97 % of the way but missed is progress that was too slow, not "on track".
        r = k.eustat_progress(
            base_year=2015,
            base_value=100,
            current_year=2024,
            current_value=51.5,
            direction=-1,
            target=50,
            target_year=2020,
        )
        assert r.target_year_passed
        assert r.share == pytest.approx(0.97)
        assert r.category is E.NEEDS_ACCELERATION
        same_year = k.eustat_progress(
            base_year=2015,
            base_value=100,
            current_year=2020,
            current_value=51.5,
            direction=-1,
            target=50,
            target_year=2020,
        )
        assert not same_year.target_year_passed
        assert same_year.category is E.ON_TRACK  # in the target year the method's rule holds

    def test_all_negative_series_rises(self) -> None:
        r = k.eustat_progress(
            base_year=2015, base_value=-10, current_year=2020, current_value=-5, direction=1
        )
        assert r.sign == -1
        assert r.category is E.ON_TRACK

    @pytest.mark.parametrize(
        ("kwargs", "reason"),
        [
            ({"base_value": 0}, k.Reason.ZERO_BASE),
            ({"current_value": -1}, k.Reason.MIXED_SIGNS),
            ({"target": 100, "current_value": 90}, k.Reason.TARGET_EQUALS_BASE),
            ({"current_year": 2015}, k.Reason.TOO_FEW_POINTS),
        ],
    )
    def test_not_assessable(self, kwargs: dict[str, float], reason: k.Reason) -> None:
        args: dict[str, float] = {
            "base_year": 2015,
            "base_value": 100,
            "current_year": 2020,
            "current_value": 110,
            "target": 200,
        }
        args.update(kwargs)
        r = k.eustat_progress(direction=1, **args)  # type: ignore[arg-type]
        assert r.category is E.NOT_ASSESSABLE
        assert r.reason is reason

    def test_base_year_rule(self) -> None:
        # [EUSTAT] 2.4 exception 3: "the first available year after or before 2015 that
        # allows having at least 2 values".
        assert k.eustat_base_year([2013, 2015, 2018]) == 2015
        assert k.eustat_base_year([2013, 2016, 2018]) == 2016
        assert k.eustat_base_year([2012, 2013, 2014]) == 2013
        assert k.eustat_base_year([2014, 2015]) == 2014  # 2015 is the latest
        assert k.eustat_base_year([2015]) is None
        r = k.eustat_progress_from_points([2012, 2013, 2014], [1.0, 2.0, 3.0], direction=1)
        assert (r.base_year, r.current_year) == (2013, 2014)

    def test_from_points_edge_cases(self) -> None:
        assert k.eustat_progress_from_points([], [], direction=1).reason is k.Reason.NO_DATA
        dup = k.eustat_progress_from_points([2015, 2015], [1.0, 2.0], direction=1)
        assert dup.reason is k.Reason.DUPLICATE_YEARS

    @pytest.mark.parametrize("bad", NON_FINITE)
    @pytest.mark.parametrize(
        "name",
        ["base_value", "current_value", "target", "target_year", "near_bound_tolerance"],
    )
    def test_rejects_non_finite(self, name: str, bad: float) -> None:
        args: dict[str, float] = {
            "base_year": 2015,
            "base_value": 100,
            "current_year": 2020,
            "current_value": 110,
            "target": 200,
            "target_year": 2030,
            "near_bound_tolerance": 1.0,
        }
        args[name] = bad
        with pytest.raises(ValueError, match=name):
            k.eustat_progress(direction=1, **args)  # type: ignore[arg-type]


@FAST
@given(
    base_year=any_year,
    span=st.integers(-3, 60),
    base=any_float,
    current=any_float,
    direction=directions,
    target=st.none() | any_float,
    target_year=any_year,
)
def test_eustat_is_total(
    base_year: int,
    span: int,
    base: float,
    current: float,
    direction: int,
    target: float | None,
    target_year: int,
) -> None:
    r = k.eustat_progress(
        base_year=base_year,
        base_value=base,
        current_year=base_year + span,
        current_value=current,
        direction=direction,
        target=target,
        target_year=target_year,
    )
    assert isinstance(r.category, k.EustatCategory)
    if r.category is E.NOT_ASSESSABLE:
        assert r.reason is not None


@FAST
@given(series(unique=False, max_size=6), directions, st.none() | any_float)
def test_eustat_from_points_is_total(
    points: tuple[list[int], list[float]], direction: int, target: float | None
) -> None:
    r = k.eustat_progress_from_points(*points, direction=direction, target=target)
    assert isinstance(r.category, k.EustatCategory)


@FAST
@given(
    base_year=year,
    span=st.integers(1, 30),
    base=moderate,
    current=moderate,
    delta=st.floats(min_value=1e-6, max_value=1e6),
    direction=directions,
    target=st.none() | moderate,
    target_year=st.integers(2000, 2060),
)
def test_eustat_better_latest_is_never_worse(
    base_year: int,
    span: int,
    base: float,
    current: float,
    delta: float,
    direction: int,
    target: float | None,
    target_year: int,
) -> None:
    def rate(value: float) -> k.EustatResult:
        return k.eustat_progress(
            base_year=base_year,
            base_value=base,
            current_year=base_year + span,
            current_value=value,
            direction=direction,
            target=target,
            target_year=target_year,
        )

    worse, better = rate(current), rate(current + direction * delta)
    if worse.category.rank is not None and better.category.rank is not None:
        assert better.category.rank >= worse.category.rank


@FAST
@given(
    base_year=year,
    span=st.integers(1, 30),
    base=moderate,
    current=moderate,
    direction=directions,
    target=st.none() | moderate.filter(lambda t: t != 100.0),
    target_year=st.integers(2000, 2060),
)
def test_eustat_mirror_symmetry(
    base_year: int,
    span: int,
    base: float,
    current: float,
    direction: int,
    target: float | None,
    target_year: int,
) -> None:
    # Symmetric except for the near-100 % rule, whose mirror (-100) is not a bound.
    def rate(sign: int) -> k.EustatResult:
        return k.eustat_progress(
            base_year=base_year,
            base_value=sign * base,
            current_year=base_year + span,
            current_value=sign * current,
            direction=sign * direction,
            target=None if target is None else sign * target,
            target_year=target_year,
        )

    plain, mirrored = rate(1), rate(-1)
    assert mirrored.category is plain.category
    assert mirrored.share == plain.share
