"""Statistical process control: p, Laney p′, c, u and XmR charts, the binomial dispersion test and the Western
Electric rules (quality-engineering.md §3; Montgomery, Introduction to Statistical Quality Control, 8th ed., ch. 6–7).

Every chart takes `base`, the number of leading points its centre and limits are worked out from (Phase I); the
points after them are judged against those limits, frozen (Phase II). Without it every point is the baseline.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ..i18n.messages import N_

D2 = 1.128  # d2 for moving ranges of two points: σ̂ = MR̄/d2
E2 = 2.66  # X-chart limit factor (3/d2 as published)
D4 = 3.267  # mR-chart upper limit factor
ALPHA = 0.05  # the dispersion test's level: over-dispersion is taken as shown when p < 0.05


@dataclass(frozen=True)
class Dispersion:
    """Pearson's χ² test of binomial dispersion (Cochran, Biometrics 10, 1954): do the periods differ more than
    counting alone explains? X² = Σ (x_i − n_i·p̄)² / (n_i·p̄·(1 − p̄)) on m − 1 degrees of freedom."""

    statistic: float
    df: int
    p_value: float

    @property
    def ratio(self) -> float:
        """Observed over binomial variance, X²/df: about 1 when counting explains the variation."""
        return self.statistic / self.df

    @property
    def over(self) -> bool:
        return self.p_value < ALPHA


@dataclass(frozen=True)
class ControlChart:
    """Plotted points with per-point centre, limits and the σ that sets the Western Electric zones.

    sigma_z is Laney's σ_z whenever it was computed; XmR's mR chart is moving_ranges against moving_range_mean, mr_upper and 0.
    """

    kind: str  # "p", "laney p′", "c", "u" or "XmR"
    points: tuple[float, ...]
    centre: tuple[float, ...]
    upper: tuple[float, ...]
    lower: tuple[float, ...]
    sigma: tuple[float, ...]
    sigma_z: float | None = None
    moving_range_mean: float | None = None  # MR̄ of the values (XmR) or of the z-scores (Laney), over the baseline
    moving_ranges: tuple[float, ...] = ()
    mr_upper: float | None = None
    base: int | None = None  # the leading points the centre and limits were worked out from (None: all)
    dispersion: Dispersion | None = None  # the test that chose between p and Laney p′
    plain_outside: int | None = None  # baseline points outside the plain p-chart's limits, when Laney p′ was chosen


@dataclass(frozen=True)
class Signal:
    """One Western Electric rule (1–4) fired at the point that completes its pattern."""

    rule: int
    index: int
    description: str  # in English, from SIGNALS: a page translates it where it shows it


def p_chart(numerators: Sequence[float], denominators: Sequence[float], k: float = 3.0, base: int | None = None) -> ControlChart:
    """Classic p-chart: p̄ = ΣX/Σn over the baseline and per-point limits p̄ ± k·√(p̄(1−p̄)/n_i), clipped to [0, 1].

    When p̄ is 0 or 1 every σ is 0, so the limits equal the centre line.
    """
    _check_counts(numerators, denominators)
    if k <= 0:
        raise ValueError(f"k must be positive, got {k}")
    b = _base(base, len(numerators), 1)
    centre = _pooled(numerators[:b], denominators[:b])
    return _rate_chart("p", numerators, denominators, centre, _sigma_p(centre, denominators), k, sigma_z=None)


def laney_p_chart(numerators: Sequence[float], denominators: Sequence[float], base: int | None = None) -> ControlChart:
    """Laney p′: the p-chart's σ_pi widened by σ_z = MR̄(z)/1.128 over the baseline, limits p̄ ± 3·σ_z·σ_pi in [0, 1].

    When p̄ is 0 or 1 (σ_pi = 0) every point sits on the centre, so z is taken as 0 and σ_z = 0.
    """
    _check_counts(numerators, denominators)
    b = _base(base, len(numerators), 2, "a Laney p′ chart needs at least 2 points for a moving range")
    centre = _pooled(numerators[:b], denominators[:b])
    sigma_p = _sigma_p(centre, denominators)
    z = [(x / n - centre) / s if s > 0 else 0.0 for x, n, s in zip(numerators[:b], denominators[:b], sigma_p[:b], strict=True)]
    ranges = tuple(abs(q - p) for p, q in pairwise(z))
    mr_mean = sum(ranges) / len(ranges)
    chart = _rate_chart("laney p′", numerators, denominators, centre, sigma_p, 3.0, sigma_z=mr_mean / D2)
    return replace(chart, moving_range_mean=mr_mean, moving_ranges=ranges)


def dispersion(numerators: Sequence[float], denominators: Sequence[float]) -> Dispersion:
    """The binomial dispersion test over these points; with p̄ at 0 or 1 there is no variation to test (X² = 0)."""
    from scipy.special import chdtrc  # the χ² survival function; imported only when a rate chart is drawn

    _check_counts(numerators, denominators)
    if len(numerators) < 2:
        raise ValueError(f"a dispersion test needs at least 2 points, got {len(numerators)}")
    centre = _pooled(numerators, denominators)
    spread = centre * (1 - centre)
    statistic = sum((x - n * centre) ** 2 / (n * spread) for x, n in zip(numerators, denominators, strict=True)) if spread > 0 else 0.0
    df = len(numerators) - 1
    return Dispersion(statistic, df, float(chdtrc(df, statistic)))


def rate_chart(numerators: Sequence[float], denominators: Sequence[float], base: int | None = None) -> ControlChart:
    """Laney p′ when the dispersion test over the baseline shows over-dispersion (p < ALPHA), else the classic p-chart.

    Either keeps the test, and σ_z, so the choice can be shown; Laney's keeps how many baseline points the plain limits
    would have flagged.
    """
    b = _base(base, len(numerators), 2, "a rate chart needs at least 2 points for a moving range")
    test = dispersion(numerators[:b], denominators[:b])
    laney = replace(laney_p_chart(numerators, denominators, b), dispersion=test)
    plain = replace(p_chart(numerators, denominators, base=b), sigma_z=laney.sigma_z, dispersion=test)
    if not test.over:
        return plain
    outside = sum(not lo <= x <= hi for x, lo, hi in zip(plain.points[:b], plain.lower[:b], plain.upper[:b], strict=True))
    return replace(laney, plain_outside=outside)


def c_chart(counts: Sequence[float], base: int | None = None) -> ControlChart:
    """c-chart for counts of events in equal areas of opportunity (Montgomery §7.3.1): c̄ over the baseline, limits
    c̄ ± 3√c̄, the lower one no less than 0."""
    if any(c < 0 for c in counts):
        raise ValueError("a count cannot be negative")
    b = _base(base, len(counts), 1)
    mean = sum(counts[:b]) / b
    sigma = math.sqrt(mean)
    n = len(counts)
    lower = max(0.0, mean - 3 * sigma)
    return ControlChart("c", tuple(counts), (mean,) * n, (mean + 3 * sigma,) * n, (lower,) * n, (sigma,) * n, base=b)


def u_chart(counts: Sequence[float], exposure: Sequence[float], base: int | None = None) -> ControlChart:
    """u-chart for events per unit when the units differ by period (Montgomery §7.3.2): ū = Σc/Σn over the baseline,
    per-point limits ū ± 3√(ū/n_i), the lower one no less than 0."""
    if len(counts) != len(exposure) or any(n <= 0 for n in exposure) or any(c < 0 for c in counts):
        raise ValueError("a u-chart needs a count of 0 or more and a positive number of units for every point")
    b = _base(base, len(counts), 1)
    mean = sum(counts[:b]) / sum(exposure[:b])
    sigma = tuple(math.sqrt(mean / n) for n in exposure)
    return ControlChart(
        kind="u",
        points=tuple(c / n for c, n in zip(counts, exposure, strict=True)),
        centre=(mean,) * len(sigma),
        upper=tuple(mean + 3 * s for s in sigma),
        lower=tuple(max(0.0, mean - 3 * s) for s in sigma),
        sigma=sigma,
        base=b,
    )


def xmr_chart(values: Sequence[float], floor: float | None = None, base: int | None = None) -> ControlChart:
    """Individuals chart x̄ ± 2.66·MR̄ with σ̂ = MR̄/1.128 over the baseline, and its mR chart (centre MR̄, upper 3.267·MR̄).

    The LCL is not clipped unless `floor` is given (for a unit that cannot go below it); then LCL = max(LCL, floor).
    """
    b = _base(base, len(values), 2, "an XmR chart needs at least 2 values for a moving range")
    count = len(values)
    mean = sum(values[:b]) / b
    ranges = tuple(abs(q - p) for p, q in pairwise(values))
    mr_mean = sum(ranges[: b - 1]) / (b - 1)
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


def zone_rules_apply(chart: ControlChart) -> bool:
    """Rules 2–4 read zones of a symmetric spread; a c- or u-chart whose lower limit is 0 over its baseline is too
    skewed for them (Montgomery §7.3: a run of zeros below a centre of 0.3 is the usual, not a signal), so only rule 1
    applies. The baseline decides, so a later period with few units cannot take back a signal already shown."""
    return chart.kind not in ("c", "u") or min(chart.lower[: chart.base]) > 0


# What each rule's signal shows, by rule and side (1 above the centre line, -1 below); translated where it is shown.
SIGNALS = {
    (1, 1): N_("1 point above the upper control limit"),
    (1, -1): N_("1 point below the lower control limit"),
    (2, 1): N_("2 of 3 points beyond 2σ above the centre line"),
    (2, -1): N_("2 of 3 points beyond 2σ below the centre line"),
    (3, 1): N_("4 of 5 points beyond 1σ above the centre line"),
    (3, -1): N_("4 of 5 points beyond 1σ below the centre line"),
    (4, 1): N_("8 points in a row above the centre line"),
    (4, -1): N_("8 points in a row below the centre line"),
}


def western_electric(chart: ControlChart) -> list[Signal]:
    """Western Electric rules 1–4 (only rule 1 where the zone rules do not apply), ordered by point then rule; each rule
    is reported at most once per point.

    WE1: a point strictly above the chart's upper or below its lower limit, as drawn (clipped for p, floored for XmR).
    WE2/WE3: within the last 3 (5) points ending at i, 2 (4) have z strictly beyond 2σ (1σ) on one side, and point i is one of them
    (Montgomery/Minitab). WE4: the last 8 points are all strictly on one side; a point on the centre line belongs to neither.
    z = (x − CL)/σ per point, so p-chart zones follow each n; a point with σ = 0 is in no zone. Windows must be complete,
    so the first 2, 4 and 7 points cannot complete WE2, WE3 and WE4.
    """
    z = [(x - c) / s if s > 0 else None for x, c, s in zip(chart.points, chart.centre, chart.sigma, strict=True)]
    signals, zones = [], zone_rules_apply(chart)
    for i, x in enumerate(chart.points):
        if x > chart.upper[i]:
            signals.append(Signal(1, i, SIGNALS[1, 1]))
        elif x < chart.lower[i]:
            signals.append(Signal(1, i, SIGNALS[1, -1]))
        if not zones:
            continue
        for rule, zone, needed, window in ((2, 2.0, 2, 3), (3, 1.0, 4, 5)):
            recent = z[i + 1 - window : i + 1] if i + 1 >= window else []
            for side in (1, -1):
                if recent and _beyond(z[i], side, zone) and sum(_beyond(v, side, zone) for v in recent) >= needed:
                    signals.append(Signal(rule, i, SIGNALS[rule, side]))
        if i >= 7:
            offsets = [p - c for p, c in zip(chart.points[i - 7 : i + 1], chart.centre[i - 7 : i + 1], strict=True)]
            for side in (1, -1):
                if all(side * d > 0 for d in offsets):
                    signals.append(Signal(4, i, SIGNALS[4, side]))
    return signals


def _beyond(z: float | None, side: int, zone: float) -> bool:
    return z is not None and side * z > zone


def _base(base: int | None, count: int, least: int, why: str = "a chart needs at least 1 point") -> int:
    """The baseline's size: every point when not given, never more than there are."""
    b = count if base is None else min(base, count)
    if b < least:
        raise ValueError(f"{why}, got {b}")
    return b


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


def _pooled(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """Pooled p̄ = ΣX/Σn, not the mean of the rates."""
    return sum(numerators) / sum(denominators)


def _sigma_p(centre: float, denominators: Sequence[float]) -> list[float]:
    """σ_pi = √(p̄(1−p̄)/n_i) per point."""
    return [math.sqrt(centre * (1 - centre) / n) for n in denominators]


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
