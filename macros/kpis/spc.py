"""Statistical process control: p, Laney p′ and XmR charts and the Western Electric rules (quality-engineering.md §3)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

D2 = 1.128  # d2 for moving ranges of two points: σ̂ = MR̄/d2
E2 = 2.66  # X-chart limit factor (3/d2 as published)
D4 = 3.267  # mR-chart upper limit factor


@dataclass(frozen=True)
class ControlChart:
    """Plotted points with per-point centre, limits and the σ that sets the Western Electric zones.

    sigma_z is Laney's σ_z whenever it was computed; XmR's mR chart is moving_ranges against moving_range_mean, mr_upper and 0.
    """

    kind: str  # "p", "laney p′" or "XmR"
    points: tuple[float, ...]
    centre: tuple[float, ...]
    upper: tuple[float, ...]
    lower: tuple[float, ...]
    sigma: tuple[float, ...]
    sigma_z: float | None = None
    moving_range_mean: float | None = None  # MR̄ of the values (XmR) or of the z-scores (Laney)
    moving_ranges: tuple[float, ...] = ()
    mr_upper: float | None = None


@dataclass(frozen=True)
class Signal:
    """One Western Electric rule (1–4) fired at the point that completes its pattern."""

    rule: int
    index: int
    description: str


def p_chart(numerators: Sequence[float], denominators: Sequence[float], k: float = 3.0) -> ControlChart:
    """Classic p-chart: pooled p̄ = ΣX/Σn and per-point limits p̄ ± k·√(p̄(1−p̄)/n_i), clipped to [0, 1].

    When p̄ is 0 or 1 every σ is 0, so the limits equal the centre line.
    """
    _check_counts(numerators, denominators)
    if k <= 0:
        raise ValueError(f"k must be positive, got {k}")
    centre, sigma_p = _binomial(numerators, denominators)
    return _rate_chart("p", numerators, denominators, centre, sigma_p, k, sigma_z=None)


def laney_p_chart(numerators: Sequence[float], denominators: Sequence[float]) -> ControlChart:
    """Laney p′: the p-chart's σ_pi widened by σ_z = MR̄(z)/1.128, limits p̄ ± 3·σ_z·σ_pi clipped to [0, 1].

    When p̄ is 0 or 1 (σ_pi = 0) every point sits on the centre, so z is taken as 0 and σ_z = 0.
    """
    _check_counts(numerators, denominators)
    if len(numerators) < 2:
        raise ValueError(f"a Laney p′ chart needs at least 2 points for a moving range, got {len(numerators)}")
    centre, sigma_p = _binomial(numerators, denominators)
    z = [(x / n - centre) / s if s > 0 else 0.0 for x, n, s in zip(numerators, denominators, sigma_p, strict=True)]
    ranges = tuple(abs(b - a) for a, b in pairwise(z))
    mr_mean = sum(ranges) / len(ranges)
    chart = _rate_chart("laney p′", numerators, denominators, centre, sigma_p, 3.0, sigma_z=mr_mean / D2)
    return replace(chart, moving_range_mean=mr_mean, moving_ranges=ranges)


def rate_chart(numerators: Sequence[float], denominators: Sequence[float]) -> ControlChart:
    """Our documented choice: Laney p′ when σ_z > 1 (over-dispersion), else the classic p-chart; `kind` says which.

    The classic chart keeps the σ_z that ruled Laney out, so the choice can be shown.
    """
    laney = laney_p_chart(numerators, denominators)
    if laney.sigma_z is not None and laney.sigma_z > 1:
        return laney
    return replace(p_chart(numerators, denominators), sigma_z=laney.sigma_z)


def xmr_chart(values: Sequence[float], floor: float | None = None) -> ControlChart:
    """Individuals chart x̄ ± 2.66·MR̄ with σ̂ = MR̄/1.128, and its mR chart (centre MR̄, upper 3.267·MR̄, lower 0).

    The LCL is not clipped unless `floor` is given (for a unit that cannot go below it); then LCL = max(LCL, floor).
    """
    if len(values) < 2:
        raise ValueError(f"an XmR chart needs at least 2 values for a moving range, got {len(values)}")
    count = len(values)
    mean = sum(values) / count
    ranges = tuple(abs(b - a) for a, b in pairwise(values))
    mr_mean = sum(ranges) / len(ranges)
    lower = mean - E2 * mr_mean
    if floor is not None:
        lower = max(lower, floor)
    return ControlChart(
        kind="XmR",
        points=tuple(values),
        centre=(mean,) * count,
        upper=(mean + E2 * mr_mean,) * count,
        lower=(lower,) * count,
        sigma=(mr_mean / D2,) * count,
        moving_range_mean=mr_mean,
        moving_ranges=ranges,
        mr_upper=D4 * mr_mean,
    )


def western_electric(chart: ControlChart) -> list[Signal]:
    """Western Electric rules 1–4, ordered by point then rule; each rule is reported at most once per point.

    WE1: a point strictly above the chart's upper or below its lower limit, as drawn (clipped for p, floored for XmR).
    WE2/WE3: within the last 3 (5) points ending at i, 2 (4) have z strictly beyond 2σ (1σ) on one side, and point i is one of them
    (Montgomery/Minitab). WE4: the last 8 points are all strictly on one side; a point on the centre line belongs to neither.
    z = (x − CL)/σ per point, so p-chart zones follow each n; a point with σ = 0 is in no zone. Windows must be complete,
    so the first 2, 4 and 7 points cannot complete WE2, WE3 and WE4.
    """
    z = [(x - c) / s if s > 0 else None for x, c, s in zip(chart.points, chart.centre, chart.sigma, strict=True)]
    signals = []
    for i, x in enumerate(chart.points):
        if x > chart.upper[i]:
            signals.append(Signal(1, i, "1 point above the upper control limit"))
        elif x < chart.lower[i]:
            signals.append(Signal(1, i, "1 point below the lower control limit"))
        for rule, zone, needed, window in ((2, 2.0, 2, 3), (3, 1.0, 4, 5)):
            recent = z[i + 1 - window : i + 1] if i + 1 >= window else []
            for side, word in ((1, "above"), (-1, "below")):
                if recent and _beyond(z[i], side, zone) and sum(_beyond(v, side, zone) for v in recent) >= needed:
                    signals.append(Signal(rule, i, f"{needed} of {window} points beyond {zone:g}σ {word} the centre line"))
        if i >= 7:
            offsets = [p - c for p, c in zip(chart.points[i - 7 : i + 1], chart.centre[i - 7 : i + 1], strict=True)]
            for side, word in ((1, "above"), (-1, "below")):
                if all(side * d > 0 for d in offsets):
                    signals.append(Signal(4, i, f"8 points in a row {word} the centre line"))
    return signals


def _beyond(z: float | None, side: int, zone: float) -> bool:
    return z is not None and side * z > zone


def _check_counts(numerators: Sequence[float], denominators: Sequence[float]) -> None:
    if not numerators and not denominators:
        raise ValueError("a rate chart needs at least 1 point, got none")
    if len(numerators) != len(denominators):
        raise ValueError(f"numerators and denominators differ in length: {len(numerators)} and {len(denominators)}")
    for i, (x, n) in enumerate(zip(numerators, denominators, strict=True)):
        if n <= 0:
            raise ValueError(f"denominator at point {i} must be positive, got {n}")
        if x < 0:
            raise ValueError(f"numerator at point {i} must not be negative, got {x}")
        if x > n:
            raise ValueError(f"numerator {x} exceeds denominator {n} at point {i}")


def _binomial(numerators: Sequence[float], denominators: Sequence[float]) -> tuple[float, list[float]]:
    """Pooled p̄ = ΣX/Σn (not the mean of the rates) and σ_pi = √(p̄(1−p̄)/n_i) per point."""
    centre = sum(numerators) / sum(denominators)
    return centre, [math.sqrt(centre * (1 - centre) / n) for n in denominators]


def _rate_chart(
    kind: str,
    numerators: Sequence[float],
    denominators: Sequence[float],
    centre: float,
    sigma_p: list[float],
    k: float,
    sigma_z: float | None,
) -> ControlChart:
    sigma = tuple(s * (1.0 if sigma_z is None else sigma_z) for s in sigma_p)
    return ControlChart(
        kind=kind,
        points=tuple(x / n for x, n in zip(numerators, denominators, strict=True)),
        centre=(centre,) * len(sigma),
        upper=tuple(min(1.0, centre + k * s) for s in sigma),
        lower=tuple(max(0.0, centre - k * s) for s in sigma),
        sigma=sigma,
        sigma_z=sigma_z,
    )
