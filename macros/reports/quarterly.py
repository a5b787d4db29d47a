"""The quarterly quality report's figures: which quarters have data, each KPI's value in a quarter, how it stood.

Each report judges every KPI's quarter against its target (rates as Σnumerator / Σdenominator over the quarter's
periods), compares it with the quarter before, lists the control-chart signals that fell in the quarter and the
complaint topics customers raised most (the Markdown is in reports/views.py).
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from ..data.handbook import Handbook
from ..data.periods import containing, period_start
from ..kpis.facts import Facts, KpiFacts
from ..kpis.status import Status, against_target


def report_quarters(handbook: Handbook) -> list[str]:
    """Quarters in which any monthly, weekly or quarterly KPI has a value, newest first."""
    cadence = {k.id: k.cadence for k in handbook.kpis}
    m = handbook.measurements
    quarters = {
        containing(period_start(p, cadence[kpi]), "quarterly")
        for kpi, p in zip(m["kpi"], m["period"], strict=True)
        if cadence.get(kpi) in ("weekly", "monthly", "quarterly")
    }
    return sorted(quarters, reverse=True)


def previous_quarter(quarter: str) -> str:
    return containing(period_start(quarter, "quarterly") - timedelta(days=1), "quarterly")


def quarter_value(f: KpiFacts, quarter: str) -> tuple[float | None, str]:
    """A KPI's figure for the quarter and how it was formed (a roll-up, or its last period if it cannot be rolled up)."""
    if f.kpi.cadence == "quarterly":
        row = f.series[f.series["period"] == quarter]
        return (float(row.iloc[0]["value"]), "the quarter") if len(row) else (None, "")
    if quarter not in f.quarters.index:
        return None, ""
    b = f.quarters.loc[quarter]
    if b["value"] is not None and not pd.isna(b["value"]):
        return float(b["value"]), f"{b['periods']} of {b['expected']} periods"
    return float(b["last_value"]), f"its last period, {b['last_period']}"


def judged(facts: Facts, quarter: str) -> list[tuple[KpiFacts, float, str, Status | None]]:
    """Each KPI with a value in the quarter: its facts, the quarter's value, how it was formed, its status (None without target)."""
    found = []
    for f in facts:
        k, target = f.kpi, f.snapshot.target
        if k.cadence == "yearly":
            continue
        value, basis = quarter_value(f, quarter)
        if value is not None:
            status = against_target(value, target, k.direction, k.warning, k.target_inclusive) if target is not None else None
            found.append((f, value, basis, status))
    return found
