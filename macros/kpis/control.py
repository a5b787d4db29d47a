"""Which control chart a KPI gets, over which periods, and the signals it shows (formulas in spc.py).

A rate with counts gets a p-chart with per-period limits (Laney p′ when the periods vary more
than counting explains); any other KPI gets an XmR chart of its values. Limits are computed
from the periods shown (a Phase I chart): they describe what the process does, not what the
target asks, and are drawn apart from the target.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.contracts.kpis import Kpi
from .spc import ControlChart, Signal, rate_chart, western_electric, xmr_chart
from .units import RATIO_FACTOR, value_range

WINDOW = 24  # periods shown and used for the limits
MIN_POINTS = 8  # fewer periods give limits too uncertain to act on (and WE4 needs 8)
RECENT = 3  # periods an alert looks back for signals


@dataclass(frozen=True)
class KpiControl:
    kpi: Kpi
    periods: tuple[str, ...]
    chart: ControlChart
    scale: float  # chart points × scale = the KPI's unit (a proportion becomes a percent)
    signals: tuple[Signal, ...]

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


def control_of(kpi: Kpi, series: pd.DataFrame) -> KpiControl | None:
    """The control chart of a KPI's headline series, or None with fewer than MIN_POINTS periods."""
    shown = series.tail(WINDOW)
    if len(shown) < MIN_POINTS:
        return None
    periods = tuple(str(p) for p in shown["period"])
    num, den = shown["numerator"], shown["denominator"]
    counted = kpi.is_ratio and kpi.unit in RATIO_FACTOR and not (num.isna().any() or den.isna().any()) and bool((num <= den).all())
    if counted:
        chart, scale = rate_chart([float(x) for x in num], [float(x) for x in den]), RATIO_FACTOR[kpi.unit]
    else:
        chart, scale = xmr_chart([float(v) for v in shown["value"]], floor=value_range(kpi)[0]), 1.0
    return KpiControl(kpi, periods, chart, scale, tuple(western_electric(chart)))


def chart_name(control: KpiControl) -> str:
    """The chart's name as a reader knows it: p, Laney p′ or XmR."""
    return {"laney p′": "Laney p′"}.get(control.chart.kind, control.chart.kind)
