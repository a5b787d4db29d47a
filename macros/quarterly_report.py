"""The quarterly quality report: one page per quarter with data, and the index that lists them.

Each report judges every KPI's quarter against its target (rates as Σnumerator / Σdenominator
over the quarter's periods), compares it with the quarter before, lists the control-chart
signals that fell in the quarter and the complaint topics customers raised most.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pandas as pd

from . import provenance
from .contracts import Kpi
from .handbook import Handbook
from .kpi_status import Snapshot, Status, against_target, snapshot
from .kpi_values import rollups
from .kpi_views import status_badge, target_text
from .links import kpi_page, link
from .periods import containing, period_end, period_start
from .process_control import chart_name, control_of
from .provenance import Origin
from .tables import markdown_table
from .units import DECIMALS, fmt, telling_decimals

REPORTS_INDEX = "reports/index.md"
TOP_TOPICS = 5


def report_page(quarter: str) -> str:
    return f"reports/{quarter}.md"


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


def quarter_value(k: Kpi, series: pd.DataFrame, quarter: str) -> tuple[float | None, str]:
    """A KPI's figure for the quarter and how it was formed (a roll-up, or its last period if it cannot be rolled up)."""
    if k.cadence == "quarterly":
        row = series[series["period"] == quarter]
        return (float(row.iloc[0]["value"]), "the quarter") if len(row) else (None, "")
    buckets = _by_quarter(k, series)
    if quarter not in buckets.index:
        return None, ""
    b = buckets.loc[quarter]
    if b["value"] is not None and not pd.isna(b["value"]):
        return float(b["value"]), f"{b['periods']} of {b['expected']} periods"
    return float(b["last_value"]), f"its last period, {b['last_period']}"


# Quarter roll-ups of the series last asked for, by KPI: each report and the index ask for every
# quarter of every KPI. Holding the series keeps its id from being reused.
_rolled: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}


def _by_quarter(k: Kpi, series: pd.DataFrame) -> pd.DataFrame:
    """Each quarter's roll-up with its last period and value, indexed by quarter."""
    held = _rolled.get(k.id)
    if held is None or held[0] is not series:
        frame = rollups(k, series, "quarterly").set_index("bucket")
        quarters = [containing(period_start(p, k.cadence), "quarterly") for p in series["period"]]
        last = series.assign(quarter=quarters).groupby("quarter").last()
        frame["last_period"], frame["last_value"] = last["period"], last["value"]
        _rolled[k.id] = held = (series, frame)
    return held[1]


def report(handbook: Handbook, quarter: str, today: date, page: str, origin: Origin) -> str:
    """The report for one quarter, as Markdown under the page's title."""
    complete = period_end(quarter, "quarterly") < today
    state = "complete" if complete else f"in progress: figures cover the quarter up to {today.isoformat()}"
    previous = previous_quarter(quarter)
    parts = [f"Quarter {quarter}, {period_start(quarter, 'quarterly'):%B} to {period_end(quarter, 'quarterly'):%B %Y} ({state})."]
    parts.append("## KPI results against targets\n\n" + _results(handbook, quarter, previous, today, page, origin))
    parts.append("## Control-chart signals in the quarter\n\n" + _signals(handbook, quarter, today, page, origin))
    parts.append("## Top complaint topics\n\n" + _topics(handbook, quarter, previous, origin))
    return "\n\n".join(parts)


def judged(handbook: Handbook, quarter: str, today: date) -> list[tuple[Snapshot, float, str, Status | None]]:
    """Each KPI with a value in the quarter: its snapshot, the quarter's value, how it was formed, its status (None without target)."""
    found = []
    for k in handbook.kpis:
        if k.cadence == "yearly":
            continue
        s = snapshot(k, handbook.measurements, today)
        value, basis = quarter_value(k, s.series, quarter)
        if value is not None:
            status = against_target(value, s.target, k.direction, k.warning, k.target_inclusive) if s.target is not None else None
            found.append((s, value, basis, status))
    return found


def _results(handbook: Handbook, quarter: str, previous: str, today: date, page: str, origin: Origin) -> str:
    rows = []
    for s, value, basis, status in judged(handbook, quarter, today):
        k = s.kpi
        before, _ = quarter_value(k, s.series, previous)
        decimals = telling_decimals(value, s.target, k.unit)
        judged_as = status_badge(status) if status is not None else "—"
        rows.append([link(k.name.en, page, kpi_page(k.id)), fmt(value, k.unit, decimals), basis,
                     target_text(k, s.target, decimals=decimals), judged_as, fmt(before, k.unit), _change(k, value, before)])  # fmt: skip
    if not rows:
        return "*No KPI has a value in this quarter.*"
    headers = ["KPI", "Quarter", "From", "Target", "Against target", previous, "Change"]
    files = sorted(set(handbook.measurements["file"]))
    return markdown_table(headers, rows, "lrllllr") + f"\n\n<small>{provenance.note(files, quarter, origin)}</small>"


def _change(k: Kpi, value: float, before: float | None) -> str:
    if before is None:
        return "—"
    delta = round(value - before, DECIMALS[k.unit])
    if delta == 0:
        return "= no change"
    better = (delta > 0) == (k.direction == "higher")
    return f"{'▲ better' if better else '▼ worse'} {delta:+.{DECIMALS[k.unit]}f}"


def _signals(handbook: Handbook, quarter: str, today: date, page: str, origin: Origin) -> str:
    rows = []
    for k in handbook.kpis:
        if k.series:
            continue
        control = control_of(k, snapshot(k, handbook.measurements, today).series)
        if control is None:
            continue
        for i, sigs in control.by_point().items():
            period = control.periods[i]
            if containing(period_start(period, k.cadence), "quarterly") == quarter:
                side = "▼ worse" if control.is_worse(sigs[0]) else "▲ better"
                target = link(k.name.en, page, kpi_page(k.id), "control-chart")
                rules = ", ".join(f"WE{s.rule}" for s in sigs)
                rows.append([target, period, rules, "; ".join(s.description for s in sigs), side, chart_name(control)])
    if not rows:
        return "None: every KPI varied within its usual range."
    files = sorted(set(handbook.measurements["file"]))
    table = markdown_table(["KPI", "Period", "Rules", "What the chart shows", "For this KPI", "Chart"], rows, "llllll")
    return f"{table}\n\n<small>{provenance.note(files, quarter, origin)}</small>"


def _topics(handbook: Handbook, quarter: str, previous: str, origin: Origin) -> str:
    complaints = handbook.exports.complaints
    quarters = complaints["opened_at"].map(lambda t: containing(t.date(), "quarterly"))
    now, before = complaints[quarters == quarter], complaints[quarters == previous]
    label = f"{handbook.data_dir.name}/exports/complaints.csv"
    if now.empty:
        return f"*No complaints opened in {quarter} in {label}.*"
    counts, earlier = now["topic"].value_counts(), before["topic"].value_counts()
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TOPICS]
    rows = [[topic.replace("_", " "), str(n), f"{n / len(now) * 100:.1f} %", str(int(earlier.get(topic, 0)))] for topic, n in top]
    table = markdown_table(["Topic", "Complaints", "Share", previous], rows, "lrrr")
    return f"{len(now)} complaints were opened in the quarter.\n\n{table}\n\n<small>{provenance.note([label], quarter, origin)}</small>"


def reports_index(handbook: Handbook, today: date, page: str, origin: Origin) -> str:
    """Every quarterly report, newest first, with how its KPIs stood against their targets."""
    rows = []
    for quarter in report_quarters(handbook):
        counts = Counter(status.label for _, _, _, status in judged(handbook, quarter, today) if status is not None)
        complete = "complete" if period_end(quarter, "quarterly") < today else "in progress"
        summary = ", ".join(f"{counts.get(label, 0)} {label}" for label in ("met", "at risk", "breached"))
        rows.append([link(f"Quality report {quarter}", page, report_page(quarter)), complete, summary])
    files = sorted(set(handbook.measurements["file"]))
    table = markdown_table(["Report", "Quarter", "KPIs against target"], rows, "lll")
    return f"{table}\n\n<small>{provenance.note(files, None, origin)}</small>"
