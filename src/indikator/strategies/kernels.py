"""Scalar kernels of the built-in strategies: small pure functions on plain floats.

They hold the arithmetic and the tie rules and nothing else (no units, no records, no
text), for the strategies' per-object faces and for plugin authors' own ``assess``. The
array kernels of :mod:`indikator.kernels` follow the same rules for whole columns.

Tie rule, everywhere: two values closer than ``EPS`` times the larger magnitude are
equal. This absorbs the floating-point noise of unit conversion (3.6 kWh/km read as
0.0036 MWh/km and converted back), so the same data in compatible units gets the same
verdict.
"""

from __future__ import annotations

import math
from typing import Final

__all__ = [
    "EPS",
    "IMPROVED",
    "SAME",
    "WORSENED",
    "annual_rate_path",
    "beyond",
    "compare",
    "compound_path",
    "linear_path",
    "path_fraction",
]

EPS: Final = 1e-9
"""Relative tolerance under which two values count as equal."""

IMPROVED: Final = 1
SAME: Final = 0
WORSENED: Final = -1


def tolerance(*values: float) -> float:
    """The absolute tolerance for comparing the given values.

    ``EPS`` times the largest magnitude among them: purely relative, with no absolute
    floor, so the tie rule does not depend on the unit the values are in.
    """
    return EPS * max(map(abs, values), default=0.0)


def compare(current: float, reference: float, sign: int, band: float = 0.0) -> int:
    """Compare ``current`` with ``reference`` in the desired direction ``sign`` (+1/-1).

    Returns :data:`IMPROVED`, :data:`SAME` or :data:`WORSENED`. A change whose size is
    at most ``band`` (inclusive: exactly ``band`` is still "same") counts as the same.
    """
    diff = current - reference
    if abs(diff) <= band + tolerance(current, reference, band):
        return SAME
    return IMPROVED if diff * sign > 0 else WORSENED


TINY: Final = 2.2250738585072014e-308
"""The smallest normal float: the scale of :func:`beyond` when every value is zero."""


def beyond(edge: float, sign: int, *scale: float) -> float:
    """The value just past ``edge`` in the direction ``sign`` that the tie rule tells apart.

    ``edge + sign * 2 * EPS * m``, where ``m`` is the largest magnitude among ``edge`` and
    ``scale`` (at least :data:`TINY`): twice the tie tolerance, so a rule that needs a
    value strictly beyond ``edge`` (a dead band is inclusive) rates it beyond. What a
    report calls the value a period must *reach* for a strict rule.
    """
    m = max(abs(edge), *map(abs, scale), TINY)
    return edge + sign * (2.0 * EPS * m)


def band_for(reference: float, absolute: float, relative: float) -> float:
    """The dead band around ``reference``.

    The larger of an absolute band and a share of ``|reference|`` (a zero reference has
    no relative band).
    """
    return max(absolute, relative * abs(reference))


def path_fraction(period: int, start_year: int, target_year: int) -> float:
    """How far along the path from ``start_year`` to ``target_year`` ``period`` is.

    Clamped to [0, 1]: before the start the path has not begun, after the target year it
    stays at the target. Requires ``target_year > start_year``.
    """
    frac = (period - start_year) / (target_year - start_year)
    return min(1.0, max(0.0, frac))


def linear_path(frac: float, start_value: float, target_value: float) -> float:
    """The value an even (linear) pace requires at ``frac`` of the way."""
    return start_value + (target_value - start_value) * frac


def compound_path(frac: float, start_value: float, target_value: float) -> float | None:
    """The value a constant relative pace requires at ``frac`` of the way.

    Defined only when start and target are non-zero and of the same sign; ``None``
    otherwise.
    """
    if start_value == 0.0 or target_value == 0.0 or (start_value > 0) != (target_value > 0):
        return None
    value = start_value * (target_value / start_value) ** frac
    return value if math.isfinite(value) else None


def annual_rate_path(reference: float, years: int, rate: float) -> float:
    """The value a fixed annual rate of change requires ``years`` after ``reference``.

    ``rate`` is the annual rate: ``-0.025`` means -2.5 % a year. A growth factor too
    large for a float gives an infinite value (of the sign of ``reference``; zero stays
    zero) rather than raising :class:`OverflowError`.
    """
    try:
        return reference * (1.0 + rate) ** years
    except OverflowError:
        return math.copysign(math.inf, reference) if reference else 0.0
