"""The alerts and the quarterly quality reports as Markdown; MACROS names the calls pages make."""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from ..audit.document_control import Document
from ..data.contracts.kpis import Kpi
from ..data.exports.catalogue import Catalogue
from ..data.periods import containing, period_end, period_start
from ..kpis.control import chart_name
from ..kpis.units import DECIMALS, fmt, target_text, telling_decimals
from ..kpis.views import KpiView
from ..kpis.views.control import rules_of, side
from ..kpis.views.figures import status_badge
from ..render.links import kpi_page, link, report_page
from ..render.provenance import small
from ..render.tables import markdown_table
from ..risks.complaints import TopicCounts
from ..risks.views.categories import not_assessed
from .alerts import BREACH, KINDS, Alert, alerts
from .quarterly import judged, previous_quarter, quarter_value, report_quarters

TOP_TOPICS = 5


class ReportView(KpiView, Protocol):
    """Reports also read the controlled documents, whose overdue reviews are alerts, and the complaint topics."""

    documents: list[Document]
    topics: TopicCounts


def alerts_markdown(found: list[Alert], page: str | None = None, level: int = 3) -> str:
    """The alerts as Markdown sections headed at `level`; with `page`, each subject links to where it is acted on."""
    if not found:
        return "Nothing needs attention: no KPI is breached, at risk or stale, and nothing is overdue."
    breaches = sum(a.severity == BREACH for a in found)
    out = [f"**{breaches} breach(es) and {len(found) - breaches} warning(s).**"]
    for kind, title in KINDS.items():
        items = [a for a in found if a.kind == kind]
        if items:
            out.append(f"{'#' * level} {title} ({len(items)})")
            out.append("\n".join(f"- {_subject(a, page)}: {a.detail}" for a in items))
    return "\n\n".join(out)


def _subject(a: Alert, page: str | None) -> str:
    icon = "✖" if a.severity == BREACH else "▲"
    return f"{icon} " + (link(a.subject, page, a.page, a.anchor) if page is not None else f"**{a.subject}**")


def alerts_page(c: ReportView) -> str:
    return alerts_markdown(alerts(c.handbook, c.facts, c.documents, c.today), c.page, level=2)


def report(c: ReportView, quarter: str) -> str:
    """The report for one quarter, as Markdown under the page's title."""
    today = c.today
    complete = period_end(quarter, "quarterly") < today
    state = "complete" if complete else f"in progress: figures cover the quarter up to {today.isoformat()}"
    previous = previous_quarter(quarter)
    parts = [f"Quarter {quarter}, {period_start(quarter, 'quarterly'):%B} to {period_end(quarter, 'quarterly'):%B %Y} ({state})."]
    parts.append("## KPI results against targets\n\n" + _results(c, quarter, previous))
    parts.append("## Control-chart signals in the quarter\n\n" + _signals(c, quarter))
    parts.append("## Top complaint topics\n\n" + _topics(c, quarter, previous))
    return "\n\n".join(parts)


def _results(c: KpiView, quarter: str, previous: str) -> str:
    rows = []
    for f, value, basis, status in judged(c.facts, quarter):
        k, target = f.kpi, f.snapshot.target
        before, _ = quarter_value(f, previous)
        decimals = telling_decimals(value, target, k.unit)
        judged_as = status_badge(status) if status is not None else "—"
        rows.append([link(k.name.en, c.page, kpi_page(k.id)), fmt(value, k.unit, decimals), basis,
                     target_text(k, target, decimals=decimals), judged_as, fmt(before, k.unit), _change(k, value, before)])  # fmt: skip
    gaps = [f"{link(f.kpi.name.en, c.page, kpi_page(f.kpi.id))} (no data: {f.gap})" for f in c.facts if f.gap and f.snapshot.period is None]
    without = f"\n\nNot reported, for want of data: {'; '.join(gaps)}." if gaps else ""
    if not rows:
        return "*No KPI has a value in this quarter.*" + without
    headers = ["KPI", "Quarter", "From", "Target", "Against target", previous, "Change"]
    return markdown_table(headers, rows, "lrllllr") + f"\n\n{small(_measurement_files(c), quarter, c.origin)}" + without


def _change(k: Kpi, value: float, before: float | None) -> str:
    if before is None:
        return "—"
    delta = round(value - before, DECIMALS[k.unit])
    if delta == 0:
        return "= no change"
    better = (delta > 0) == (k.direction == "higher")
    return f"{'▲ better' if better else '▼ worse'} {delta:+.{DECIMALS[k.unit]}f}"


def _signals(c: KpiView, quarter: str) -> str:
    rows = []
    for f in c.facts:
        k, control = f.kpi, f.control
        if k.series or control is None:
            continue
        for i, sigs in control.by_point().items():
            period = control.periods[i]
            if containing(period_start(period, k.cadence), "quarterly") == quarter:
                target = link(k.name.en, c.page, kpi_page(k.id), "control-chart")
                rows.append(
                    [target, period, rules_of(sigs), "; ".join(s.description for s in sigs), side(control, sigs[0]), chart_name(control)]
                )
    if not rows:
        return "None: every KPI varied within its usual range."
    table = markdown_table(["KPI", "Period", "Rules", "What the chart shows", "For this KPI", "Chart"], rows, "llllll")
    return f"{table}\n\n{small(_measurement_files(c), quarter, c.origin)}"


def _topics(c: ReportView, quarter: str, previous: str) -> str:
    if c.topics.reason:
        return not_assessed(c.topics.reason)
    counts = c.topics.counts
    files = [*Catalogue(c.handbook.exports_map).files(["complaints"], c.handbook.data_dir), f"{c.handbook.data_dir.name}/exports.yml"]
    now = dict(zip(counts.loc[counts["quarter"] == quarter, "topic"], counts.loc[counts["quarter"] == quarter, "complaints"], strict=True))
    earlier = dict(
        zip(counts.loc[counts["quarter"] == previous, "topic"], counts.loc[counts["quarter"] == previous, "complaints"], strict=True)
    )
    if not now:
        return f"*No complaints opened in {quarter} in {', '.join(files[:-1])}.*"
    total = sum(now.values())
    top = sorted(now.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TOPICS]
    rows = [[topic.replace("_", " "), str(n), f"{n / total * 100:.1f} %", str(int(earlier.get(topic, 0)))] for topic, n in top]
    table = markdown_table(["Topic", "Complaints", "Share", previous], rows, "lrrr")
    return f"{total} complaints were opened in the quarter.\n\n{table}\n\n{small(files, quarter, c.origin)}"


def reports_index(c: KpiView) -> str:
    """Every quarterly report, newest first, with how its KPIs stood against their targets."""
    rows = []
    for quarter in report_quarters(c.handbook):
        counts = Counter(status.label for _, _, _, status in judged(c.facts, quarter) if status is not None)
        complete = "complete" if period_end(quarter, "quarterly") < c.today else "in progress"
        summary = ", ".join(f"{counts.get(label, 0)} {label}" for label in ("met", "at risk", "breached"))
        rows.append([link(f"Quality report {quarter}", c.page, report_page(quarter)), complete, summary])
    table = markdown_table(["Report", "Quarter", "KPIs against target"], rows, "lll")
    return f"{table}\n\n{small(_measurement_files(c), None, c.origin)}"


def _measurement_files(c: KpiView) -> list[str]:
    return sorted(set(c.handbook.measurements["file"]))


MACROS = {
    "alerts": alerts_page,
    "quarterly_reports": reports_index,
    "quarterly_report": report,
}
