"""Which control chart a KPI gets, the stages its limits are frozen in, and the signals it shows (formulas in spc.py).

The chart follows the data: a rate with counts gets a p-chart (Laney p′ when the dispersion test shows the periods
vary more than counting explains), a count of events a c-chart, events per a varying number of units a u-chart, any
other value an XmR chart. Each stage's centre and limits are worked out from its baseline, its first periods
(declared in data/kpis.yml, else the first BASELINE), and frozen: the periods after it are judged against them, so
a later month never moves an earlier limit. A deliberate change starts a new stage, declared with its date and
reason. A stage with fewer than MIN_POINTS periods has no limits yet; one short of its baseline has provisional ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..data.contracts.base import Prose
from ..data.contracts.kpis import ControlPlan, Kpi
from .spc import ControlChart, Signal, c_chart, rate_chart, u_chart, western_electric, xmr_chart
from .units import RATIO_FACTOR, value_range

WINDOW = 24  # periods shown
MIN_POINTS = 8  # fewer periods give limits too uncertain to act on (and WE4 needs 8)
RECENT = 3  # periods an alert looks back for signals
NAMES = {"laney p′": "Laney p′", "p": "p", "c": "c", "u": "u", "XmR": "XmR"}


@dataclass(frozen=True)
class Stage:
    """One stage of a KPI's chart: from its first period, with the baseline its limits are frozen from."""

    start: str  # its first period
    shown_from: int  # where it starts among the periods shown (0 when it began before them)
    length: int  # its periods so far
    baseline: tuple[str, ...]  # the periods its limits come from; empty while it has too few
    wanted: int  # the periods its baseline takes
    reason: Prose | None  # None when nothing was declared
    changed: date | None  # when the change that began it was made; None for the first stage
    roadmap: str | None
    chart: ControlChart | None  # over all its periods; None while it has too few for limits
    ongoing: bool = True  # the latest stage: a later one has not ended it

    @property
    def provisional(self) -> bool:
        """Its baseline is not complete and it is still going: its limits move with each period until it is."""
        return self.chart is not None and self.ongoing and len(self.baseline) < self.wanted


@dataclass(frozen=True)
class KpiControl:
    kpi: Kpi
    periods: tuple[str, ...]
    chart: ControlChart  # the periods shown, each with its stage's centre and limits (NaN in a stage without)
    scale: float  # chart points × scale = the KPI's unit (a proportion becomes a percent)
    signals: tuple[Signal, ...]
    stages: tuple[Stage, ...]  # those with a period shown, oldest first
    plan: ControlPlan  # as data/kpis.yml declares it

    def value(self, x: float) -> float:
        return x * self.scale

    def is_worse(self, signal: Signal) -> bool:
        """Whether the signal's side of the centre line is the bad side for this KPI."""
        above = self.chart.points[signal.index] > self.chart.centre[signal.index]
        return above == (self.kpi.direction == "lower")

    def by_point(self) -> dict[int, list[Signal]]:
        """The signals grouped by the period that completes them, oldest first."""
        found: dict[int, list[Signal]] = {}
        for sig in self.signals:
            found.setdefault(sig.index, []).append(sig)
        return dict(sorted(found.items()))

    def recent(self) -> list[Signal]:
        return [s for s in self.signals if s.index >= len(self.periods) - RECENT]

    def stage_at(self, index: int) -> Stage:
        return [s for s in self.stages if s.shown_from <= index][-1]

    def kind_at(self, index: int) -> str:
        """The name of the chart a period was judged on: its own stage's (p in one stage, Laney p′ in another)."""
        chart = self.stage_at(index).chart
        return NAMES[chart.kind] if chart is not None else chart_name(self)


def control_of(kpi: Kpi, series: pd.DataFrame, plan: ControlPlan | None = None) -> KpiControl | None:
    """The control chart of a KPI's headline series, staged as `plan` says (the KPI's own unless it reads another's
    series); None with fewer than MIN_POINTS periods in every stage shown."""
    plan = plan or kpi.control
    if len(series) < MIN_POINTS:
        return None
    periods = [str(p) for p in series["period"]]
    kind, scale = _kind(kpi, series)
    starts = [0] + [next((i for i, p in enumerate(periods) if p >= s.start), len(periods)) for s in plan.stages]
    ends = [*starts[1:], len(periods)]
    offset = max(0, len(periods) - WINDOW)
    stages, charts, signals = [], [], []
    for n, (i0, i1) in enumerate(zip(starts, ends, strict=True)):
        if i1 <= i0:  # declared before its first period has data, or overtaken by the stage after it
            continue
        declared = plan.stages[n - 1] if n else None
        wanted = declared.baseline if declared else plan.baseline
        segment = series.iloc[i0:i1]
        chart = _chart(kind, kpi, segment, min(wanted, len(segment))) if len(segment) >= MIN_POINTS else None
        charts.append(chart or _unlimited(kind, segment))
        signals += [Signal(s.rule, s.index + i0 - offset, s.description) for s in (western_electric(chart) if chart else [])]
        if i1 > offset:
            baseline = tuple(periods[i0 : i0 + min(wanted, i1 - i0)]) if chart else ()
            reason = declared.reason if declared else plan.reason
            stages.append(Stage(periods[i0], max(0, i0 - offset), i1 - i0, baseline, wanted, reason, declared and declared.changed,
                                declared and declared.roadmap, chart, ongoing=i1 == len(periods)))  # fmt: skip
    if not any(s.chart for s in stages):  # no stage shown has periods enough for limits
        return None
    shown = _joined(charts, offset)
    return KpiControl(kpi, tuple(periods[offset:]), shown, scale, tuple(s for s in signals if s.index >= 0), tuple(stages), plan)


def chart_name(control: KpiControl) -> str:
    """The chart's name as a reader knows it: p, Laney p′, c, u or XmR (that of its latest stage with limits)."""
    return NAMES[control.chart.kind]


def has_limits(control: KpiControl, index: int) -> bool:
    return not math.isnan(control.chart.centre[index])


def _kind(kpi: Kpi, series: pd.DataFrame) -> tuple[str, float]:
    """Which chart the data call for, and the factor from its points to the KPI's unit."""
    num, den = series["numerator"], series["denominator"]
    counted = not (num.isna().any() or den.isna().any())
    if kpi.is_ratio and counted and bool((num <= den).all()) and kpi.unit in RATIO_FACTOR:
        return "rate", RATIO_FACTOR[kpi.unit]
    if kpi.is_ratio and counted and kpi.unit == "count":
        return "u", 1.0
    values = series["value"]
    if kpi.unit == "count" and bool((values >= 0).all()) and bool((values == values.round()).all()):
        return "c", 1.0
    return "XmR", 1.0


def _chart(kind: str, kpi: Kpi, segment: pd.DataFrame, base: int) -> ControlChart:
    def floats(column: str) -> list[float]:
        return [float(x) for x in segment[column]]

    if kind == "rate":
        return rate_chart(floats("numerator"), floats("denominator"), base)
    if kind == "u":
        return u_chart(floats("numerator"), floats("denominator"), base)
    if kind == "c":
        return c_chart(floats("value"), base)
    return xmr_chart(floats("value"), floor=value_range(kpi)[0], base=base)


def _unlimited(kind: str, segment: pd.DataFrame) -> ControlChart:
    """A stage too short for limits: its points, with no centre, limits or zones."""
    if kind in ("rate", "u"):
        points = tuple(float(x) / float(n) for x, n in zip(segment["numerator"], segment["denominator"], strict=True))
    else:
        points = tuple(float(v) for v in segment["value"])
    none = (math.nan,) * len(points)
    return ControlChart(kind, points, none, none, none, none)


def _joined(charts: list[ControlChart], offset: int) -> ControlChart:
    """The stages' charts end to end, from the first period shown; named and described by the latest with limits."""
    latest = next(c for c in reversed(charts) if not math.isnan(c.centre[0]))
    cut = {f: tuple(v for c in charts for v in getattr(c, f))[offset:] for f in ("points", "centre", "upper", "lower", "sigma")}
    return ControlChart(latest.kind, **cut, sigma_z=latest.sigma_z, moving_range_mean=latest.moving_range_mean,
                        mr_upper=latest.mr_upper, dispersion=latest.dispersion, plain_outside=latest.plain_outside)  # fmt: skip
