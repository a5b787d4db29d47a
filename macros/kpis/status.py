"""KPI status (DESIGN rule 2): met, at risk, breached, no data or stale — direction-aware."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..data.contracts.kpis import Kpi
from ..data.periods import stale_after
from ..i18n import formats
from ..i18n.messages import N_, gettext
from .values import resolve_target


@dataclass(frozen=True)
class Status:
    key: str
    word: str  # in English, as the catalogue holds it: `label` is what a page shows
    icon: str
    rank: int  # lower sorts first: the most urgent

    @property
    def label(self) -> str:
        """The status word in the build's language."""
        return gettext(self.word)


MET = Status("met", N_("met"), "✔", 4)
AT_RISK = Status("at-risk", N_("at risk"), "▲", 2)
BREACHED = Status("breached", N_("breached"), "✖", 0)
NO_DATA = Status("no-data", N_("no data"), "○", 3)
STALE = Status("stale", N_("stale"), "⌛", 1)


def against_target(value: float, target: float, direction: str, warning: float | None = None, inclusive: bool = True) -> Status:
    """Judge one value. On the target is met unless the target is exclusive ("below 1 %").

    Between the target and the warning edge, both edges included, is at risk.
    """
    better = 1 if direction == "higher" else -1
    gap = (value - target) * better  # > 0: better than target
    if gap < 0 or (gap == 0 and not inclusive):
        return BREACHED
    if warning is not None and (value - warning) * better <= 0:
        return AT_RISK
    return MET


def kpi_status(kpi: Kpi, value: float | None, period: str | None, target: float | None, today: date) -> Status:
    """The status of a KPI's latest value as of `today`."""
    if value is None or period is None or target is None:
        return NO_DATA
    if today > stale_after(period, kpi.cadence, kpi.grace_days):
        return STALE
    warning = kpi.warning if kpi.target is not None else None
    return against_target(value, target, kpi.direction, warning, kpi.target_inclusive)


PROVISIONAL = N_("provisional")  # said of a period still open: late data may still change its value


def period_said(period: str | None, provisional: bool) -> str:
    """'2026-10 (provisional)' for a period still open, in plain text (alerts, terminals); the period alone once closed."""
    if period is None:
        return "—"
    shown = formats.period(period)
    return gettext("{period} (provisional)", period=shown) if provisional else shown


@dataclass(frozen=True)
class Snapshot:
    """A KPI's latest value, the target in force and its status on a given day."""

    kpi: Kpi
    series: pd.DataFrame
    period: str | None
    value: float | None
    target: float | None
    status: Status
    provisional: bool = False  # its period is still open: late data may still change the value, and so the status


def judge(kpi: Kpi, series: pd.DataFrame, today: date) -> Snapshot:
    """The KPI's latest value in its headline series, the target in force and the status on `today`."""
    target = resolve_target(kpi, series)
    if series.empty:
        return Snapshot(kpi, series, None, None, target, NO_DATA)
    last = series.iloc[-1]
    period, value = str(last["period"]), float(last["value"])
    return Snapshot(kpi, series, period, value, target, kpi_status(kpi, value, period, target, today))
