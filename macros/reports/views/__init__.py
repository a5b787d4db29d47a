"""The quarterly quality reports as Markdown, and the alerts (alerts.py); MACROS names the calls pages make."""

from __future__ import annotations

from collections import Counter

from ...audit.quarters import movement, report_quarters
from ...data.contracts.quarters import KpiResult, QuarterRecord, QuarterReport
from ...data.periods import period_end, period_start
from ...kpis.status import AT_RISK, BREACHED, MET
from ...kpis.units import DECIMALS, fmt
from ...kpis.views import KpiView
from ...kpis.views.figures import PROVISIONAL, status_badge
from ...render.links import kpi_page, link, report_page
from ...render.provenance import small
from ...render.tables import markdown_table
from ...risks.views.categories import not_assessed
from .alerts import MACROS as ALERT_MACROS
from .quarter_figures import ReportView, figures_of, sections_of
from .quarter_outcomes import actions_section, partners_section, risks_section, section_source
from .quarter_summary import STATUSES, status_chart, summary


def report(c: ReportView, quarter: str) -> str:
    """The report for one quarter, as Markdown under the page's title: from its record once the quarter is closed."""
    record = c.handbook.quarter_records.get(quarter)
    figures = figures_of(c, quarter)
    span = f"{period_start(quarter, 'quarterly'):%B} to {period_end(quarter, 'quarterly'):%B %Y}"
    parts = [f"Quarter {quarter}, {span} ({_state(c, quarter, record)})."]
    files = [f"{c.handbook.data_name}/records/{quarter}.yml"] if record else figures.files
    parts.append(f"## Summary\n\n{summary(c, figures)}\n\n{status_chart(c, quarter, files)}")
    parts.append("## KPI results against targets\n\n" + _results(c, figures, files))
    parts.append("## Control-chart signals in the quarter\n\n" + _signals(c, figures, files))
    parts.extend(_sections(c, quarter))
    parts.append(
        "## Top complaint topics\n\n" + _topics(c, figures, [*files[:1], *figures.topics.files] if record else figures.topics.files)
    )
    if record is not None:
        parts.append("## Record\n\n" + _record(c, record, files))
    return "\n\n".join(parts)


def _sections(c: ReportView, quarter: str) -> list[str]:
    """Suppliers and merchants, corrective actions, risks re-scored: from the record, or today's files if it predates them."""
    sections, kept = sections_of(c, quarter)
    data = c.handbook.data_name

    def source(*names: str) -> str:
        return section_source(c, quarter, kept, [f"{data}/{n}" for n in names])

    partners = source("suppliers.yml", "supplier_quarters.csv"), source("merchants.yml", "merchant_months.csv")
    unkept = "" if kept or quarter not in c.handbook.quarter_records else (
        f"*This quarter was closed before its record kept suppliers, merchants, actions and re-scored risks: these are "
        f"worked out from today's files (make close-quarter QUARTER={quarter} adds them to its record).*\n\n")  # fmt: skip
    return [
        f"## Suppliers and merchants\n\n{unkept}" + partners_section(c, sections, quarter, partners),
        "## Corrective actions\n\n" + actions_section(c, sections, quarter, source("capa.yml")),
        "## Risks re-scored\n\n" + risks_section(c, sections, source("risks.yml")),
    ]


def _state(c: KpiView, quarter: str, record: QuarterRecord | None) -> str:
    if record is not None:
        restated = f", restated {len(record.restatements)} time(s)" if record.restatements else ""
        return f"closed on {record.closed_on.isoformat()}{restated}: the figures are its record's"
    if period_end(quarter, "quarterly") < c.today:
        return "complete, not yet closed: the figures may still change until it is (make close-quarter)"
    return f"in progress: figures cover the quarter up to {c.today.isoformat()}"


def _results(c: KpiView, figures: QuarterReport, files: list[str]) -> str:
    rows = [[link(r.name, c.page, kpi_page(r.kpi)), r.shown, _basis(r), r.target_text, _judged(r.status), r.previous_shown, r.change]
            for r in figures.results]  # fmt: skip
    gaps = [f"{link(u.name, c.page, kpi_page(u.kpi))} (no data: {u.reason})" for u in figures.unreported]
    without = f"\n\nNot reported, for want of data: {'; '.join(gaps)}." if gaps else ""
    if not rows:
        return "*No KPI has a value in this quarter.*" + without
    headers = ["KPI", "Quarter", "From", "Target", "Against target", figures.previous, "Change"]
    return markdown_table(headers, rows, "lrllllr") + f"\n\n{small(files, figures.quarter, c.origin)}" + without


def _basis(r: KpiResult) -> str:
    return f"{r.basis}, {r.provisional} {PROVISIONAL}" if r.provisional else r.basis


def _judged(status: str | None) -> str:
    return status_badge(STATUSES[status]) if status is not None else "—"


def _signals(c: KpiView, figures: QuarterReport, files: list[str]) -> str:
    """The signals on the bad side of the centre line first, those on the good side apart: the first call for action."""
    if not figures.signals:
        return "None: every KPI varied within its usual range."
    parts = []
    for side, title in (("worse", "Worse: on the bad side"), ("better", "Better: on the good side")):
        rows = [[link(s.name, c.page, kpi_page(s.kpi), "control-chart"), s.period, s.rules, s.description, s.side, s.chart]
                for s in figures.signals if movement(s.side) == side]  # fmt: skip
        headers = ["KPI", "Period", "Rules", "What the chart shows", "For this KPI", "Chart"]
        parts.append(f"### {title} ({len(rows)})\n\n" + (markdown_table(headers, rows, "llllll") if rows else "None."))
    return "\n\n".join(parts) + f"\n\n{small(files, figures.quarter, c.origin)}"


def _topics(c: KpiView, figures: QuarterReport, files: list[str]) -> str:
    topics = figures.topics
    if topics.reason:
        return not_assessed(topics.reason)
    if not topics.top:
        return f"*No complaints opened in {figures.quarter} in {', '.join(topics.files)}.*"
    rows = [
        [t.topic.replace("_", " "), str(t.complaints), f"{t.complaints / topics.total * 100:.1f} %", str(t.previous)] for t in topics.top
    ]
    table = markdown_table(["Topic", "Complaints", "Share", figures.previous], rows, "lrrr")
    sources = [*files, f"{c.handbook.data_name}/exports.yml"]
    return f"{topics.total} complaints were opened in the quarter.\n\n{table}\n\n{small(sources, figures.quarter, c.origin)}"


def _record(c: KpiView, record: QuarterRecord, files: list[str]) -> str:
    """What the record keeps beside the figures: the limits in force, what they were worked out from, restatements."""
    source = f"\n\n{small(files, record.quarter, c.origin)}"
    out = [f"Closed on {record.closed_on.isoformat()} with the data there was at the quarter's end; the control limits in force then:"]
    limits = [[link(lim.name, c.page, kpi_page(lim.kpi), "control-chart"), lim.chart, lim.period,
               *(fmt(v, lim.unit, DECIMALS[lim.unit] + 1) for v in (lim.centre, lim.lower, lim.upper))]
              for lim in record.limits]  # fmt: skip
    headers = ["KPI", "Chart", "At", "Centre", "Lower limit", "Upper limit"]
    out.append(markdown_table(headers, limits, "lllrrr") + source if limits else "*No KPI had enough periods for limits.*")
    inputs = [[f"`{name}`", f"`{digest[:16]}…`"] for name, digest in record.inputs.items()]
    out.append("Worked out from (SHA-256 at closing):\n\n" + markdown_table(["File", "SHA-256"], inputs, "ll") + source)
    if record.restatements:
        rows = [[r.on.isoformat(), r.reason, ch.what, ch.old, ch.new] for r in record.restatements for ch in r.changes]
        out.append("### Restatements\n\n" + markdown_table(["On", "Why", "What", "Was", "Now"], rows, "lllll") + source)
    else:
        out.append("Not restated since it was closed.")
    return "\n\n".join(out)


def reports_index(c: ReportView) -> str:
    """Every quarterly report, newest first, with how its KPIs stood against their targets."""
    rows = []
    for quarter in report_quarters(c.handbook):
        record = c.handbook.quarter_records.get(quarter)
        figures = figures_of(c, quarter)
        counts = Counter(r.status for r in figures.results if r.status is not None)
        if record is not None:
            state = f"closed {record.closed_on.isoformat()}" + (f", restated {len(record.restatements)}×" if record.restatements else "")
        else:
            state = "complete, not closed" if period_end(quarter, "quarterly") < c.today else "in progress"
        summary = ", ".join(f"{counts.get(s.key, 0)} {s.label}" for s in (MET, AT_RISK, BREACHED))
        rows.append([link(f"Quality report {quarter}", c.page, report_page(quarter)), state, summary])
    table = markdown_table(["Report", "Quarter", "KPIs against target"], rows, "lll")
    return f"{table}\n\n{small(_measurement_files(c), None, c.origin)}"


def _measurement_files(c: KpiView) -> list[str]:
    return sorted(set(c.handbook.measurements["file"]))


MACROS = {
    **ALERT_MACROS,
    "quarterly_reports": reports_index,
    "quarterly_report": report,
}
