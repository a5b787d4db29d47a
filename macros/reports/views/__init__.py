"""The quarterly quality reports as Markdown, and the alerts (alerts.py); MACROS names the calls pages make."""

from __future__ import annotations

from collections import Counter

from ...audit.quarters import movement, report_quarters
from ...audit.record_words import change_said, description_said, said
from ...data.contracts.quarters import KpiResult, QuarterRecord, QuarterReport
from ...data.periods import period_end, period_start
from ...i18n.formats import day, percent, period
from ...i18n.formats import quarter as shown
from ...i18n.messages import gettext, pgettext
from ...kpis.status import AT_RISK, BREACHED, MET
from ...kpis.units import DECIMALS, fmt
from ...kpis.views import KpiView
from ...kpis.views.figures import PROVISIONAL, status_badge
from ...render.links import kpi_page, link, report_page
from ...render.provenance import small
from ...render.tables import markdown_table
from ...risks.views.categories import not_assessed
from ..titles import report_title
from .alerts import MACROS as ALERT_MACROS
from .quarter_figures import ReportView, figures_of, kpi_name, sections_of
from .quarter_outcomes import actions_section, partners_section, risks_section, section_source
from .quarter_summary import STATUSES, status_chart, summary


def report(c: ReportView, quarter: str) -> str:
    """The report for one quarter, as Markdown under the page's title: from its record once the quarter is closed."""
    record = c.handbook.quarter_records.get(quarter)
    figures = figures_of(c, quarter)
    start, end = period_start(quarter, "quarterly"), period_end(quarter, "quarterly")
    # i18n: start and end are dates: {start:%B} is the first month's name, {end:%Y} the year
    parts = [gettext("Quarter {quarter}, {start:%B} to {end:%B %Y} ({state}).", quarter=shown(quarter), start=start, end=end,
                     state=_state(c, quarter, record))]  # fmt: skip
    files = [f"{c.handbook.data_name}/records/{quarter}.yml"] if record else figures.files
    parts.append("## " + gettext("Summary") + f"\n\n{summary(c, figures)}\n\n{status_chart(c, quarter, files)}")
    parts.append("## " + gettext("KPI results against targets") + "\n\n" + _results(c, figures, files))
    parts.append("## " + gettext("Control-chart signals in the quarter") + "\n\n" + _signals(c, figures, files))
    parts.extend(_sections(c, quarter))
    topic_files = [*files[:1], *figures.topics.files] if record else figures.topics.files
    parts.append("## " + gettext("Top complaint topics") + "\n\n" + _topics(c, figures, topic_files))
    if record is not None:
        parts.append("## " + gettext("Record") + "\n\n" + _record(c, record, files))
    return "\n\n".join(parts)


def _sections(c: ReportView, quarter: str) -> list[str]:
    """Suppliers and merchants, corrective actions, risks re-scored: from the record, or today's files if it predates them."""
    sections, kept = sections_of(c, quarter)
    data = c.handbook.data_name

    def source(*names: str) -> str:
        return section_source(c, quarter, kept, [f"{data}/{n}" for n in names])

    partners = source("suppliers.yml", "supplier_quarters.csv"), source("merchants.yml", "merchant_months.csv")
    unkept = "" if kept or quarter not in c.handbook.quarter_records else "*" + gettext(
        "This quarter was closed before its record kept suppliers, merchants, actions and re-scored risks: these are "
        "worked out from today's files (make close-quarter QUARTER={quarter} adds them to its record).",
        quarter=quarter) + "*\n\n"  # fmt: skip
    return [
        "## " + gettext("Suppliers and merchants") + f"\n\n{unkept}" + partners_section(c, sections, quarter, partners),
        "## " + gettext("Corrective actions") + "\n\n" + actions_section(c, sections, quarter, source("capa.yml")),
        "## " + gettext("Risks re-scored") + "\n\n" + risks_section(c, sections, source("risks.yml")),
    ]


def _state(c: KpiView, quarter: str, record: QuarterRecord | None) -> str:
    if record is not None and record.restatements:
        return gettext("closed on {closed}, restated {n} time(s): the figures are its record's",
                       closed=day(record.closed_on), n=len(record.restatements))  # fmt: skip
    if record is not None:
        return gettext("closed on {closed}: the figures are its record's", closed=day(record.closed_on))
    if period_end(quarter, "quarterly") < c.today:
        return gettext("complete, not yet closed: the figures may still change until it is (make close-quarter)")
    return gettext("in progress: figures cover the quarter up to {today}", today=day(c.today))


def _results(c: KpiView, figures: QuarterReport, files: list[str]) -> str:
    rows = [[link(kpi_name(c, r.kpi, r.name), c.page, kpi_page(r.kpi)), r.shown, _basis(r), r.target_text, _judged(r.status),
             r.previous_shown, change_said(r.change)] for r in figures.results]  # fmt: skip
    gaps = [gettext("{kpi} (no data: {reason})", kpi=link(kpi_name(c, u.kpi, u.name), c.page, kpi_page(u.kpi)), reason=u.reason)
            for u in figures.unreported]  # fmt: skip
    without = "\n\n" + gettext("Not reported, for want of data: {gaps}.", gaps="; ".join(gaps)) if gaps else ""
    if not rows:
        return "*" + gettext("No KPI has a value in this quarter.") + "*" + without
    basis = pgettext("the periods a quarter's figure is worked out from", "From")
    headers = [gettext("KPI"), gettext("Quarter"), basis, gettext("Target"), gettext("Against target"), shown(figures.previous),
               gettext("Change")]  # fmt: skip
    return markdown_table(headers, rows, "lrllllr") + f"\n\n{small(files, figures.quarter, c.origin)}" + without


def _basis(r: KpiResult) -> str:
    # i18n: basis says how the figure was formed ("3 of 3 periods"); count of them are still open, provisional says so
    if not r.provisional:
        return said(r.basis)
    return gettext("{basis}, {count} {provisional}", basis=said(r.basis), count=r.provisional, provisional=PROVISIONAL)


def _judged(status: str | None) -> str:
    return status_badge(STATUSES[status]) if status is not None else "—"


def _signals(c: KpiView, figures: QuarterReport, files: list[str]) -> str:
    """The signals on the bad side of the centre line first, those on the good side apart: the first call for action."""
    if not figures.signals:
        return gettext("None: every KPI varied within its usual range.")
    parts = []
    for side, title in (("worse", gettext("Worse: on the bad side")), ("better", gettext("Better: on the good side"))):
        rows = [[link(kpi_name(c, s.kpi, s.name), c.page, kpi_page(s.kpi), "control-chart"), period(s.period), s.rules,
                 description_said(s.description), said(s.side), s.chart] for s in figures.signals if movement(s.side) == side]  # fmt: skip
        headers = [gettext("KPI"), gettext("Period"), gettext("Rules"), gettext("What the chart shows"), gettext("For this KPI"),
                   gettext("Chart")]  # fmt: skip
        parts.append(f"### {title} ({len(rows)})\n\n" + (markdown_table(headers, rows, "llllll") if rows else gettext("None.")))
    return "\n\n".join(parts) + f"\n\n{small(files, figures.quarter, c.origin)}"


def _topics(c: KpiView, figures: QuarterReport, files: list[str]) -> str:
    topics = figures.topics
    if topics.reason:
        return not_assessed(topics.reason)
    if not topics.top:
        none = gettext("No complaints opened in {quarter} in {files}.", quarter=shown(figures.quarter), files=", ".join(topics.files))
        return f"*{none}*"
    rows = [[t.topic.replace("_", " "), str(t.complaints), percent(t.complaints / topics.total, 1), str(t.previous)] for t in topics.top]
    table = markdown_table([gettext("Topic"), gettext("Complaints"), gettext("Share"), shown(figures.previous)], rows, "lrrr")
    sources = [*files, f"{c.handbook.data_name}/exports.yml"]
    opened = gettext("{total} complaints were opened in the quarter.", total=topics.total)
    return f"{opened}\n\n{table}\n\n{small(sources, figures.quarter, c.origin)}"


def _record(c: KpiView, record: QuarterRecord, files: list[str]) -> str:
    """What the record keeps beside the figures: the limits in force, what they were worked out from, restatements."""
    source = f"\n\n{small(files, record.quarter, c.origin)}"
    out = [gettext("Closed on {closed} with the data there was at the quarter's end; the control limits in force then:",
                   closed=day(record.closed_on))]  # fmt: skip
    limits = [[link(kpi_name(c, lim.kpi, lim.name), c.page, kpi_page(lim.kpi), "control-chart"), lim.chart, period(lim.period),
               *(fmt(v, lim.unit, DECIMALS[lim.unit] + 1) for v in (lim.centre, lim.lower, lim.upper))]
              for lim in record.limits]  # fmt: skip
    headers = [gettext("KPI"), gettext("Chart"), gettext("At"), gettext("Centre"), gettext("Lower limit"), gettext("Upper limit")]
    none = "*" + gettext("No KPI had enough periods for limits.") + "*"
    out.append(markdown_table(headers, limits, "lllrrr") + source if limits else none)
    inputs = [[f"`{name}`", f"`{digest[:16]}…`"] for name, digest in record.inputs.items()]
    table = markdown_table([gettext("File"), "SHA-256"], inputs, "ll")
    out.append(gettext("Worked out from (SHA-256 at closing):") + f"\n\n{table}{source}")
    if record.restatements:
        rows = [[day(r.on), r.reason, ch.what, ch.old, ch.new] for r in record.restatements for ch in r.changes]
        headers = [gettext("On"), gettext("Why"), gettext("What"), gettext("Was"), gettext("Now")]
        out.append("### " + gettext("Restatements") + "\n\n" + markdown_table(headers, rows, "lllll") + source)
    else:
        out.append(gettext("Not restated since it was closed."))
    return "\n\n".join(out)


def reports_index(c: ReportView) -> str:
    """Every quarterly report, newest first, with how its KPIs stood against their targets."""
    rows = []
    for quarter in report_quarters(c.handbook):
        record = c.handbook.quarter_records.get(quarter)
        figures = figures_of(c, quarter)
        counts = Counter(r.status for r in figures.results if r.status is not None)
        if record is not None and record.restatements:
            state = gettext("closed {closed}, restated {n}×", closed=day(record.closed_on), n=len(record.restatements))
        elif record is not None:
            state = gettext("closed {closed}", closed=day(record.closed_on))
        else:
            state = gettext("complete, not closed") if period_end(quarter, "quarterly") < c.today else gettext("in progress")
        summary = gettext("{met} met, {at_risk} at risk, {breached} breached", met=counts.get(MET.key, 0),
                          at_risk=counts.get(AT_RISK.key, 0), breached=counts.get(BREACHED.key, 0))  # fmt: skip
        rows.append([link(report_title(quarter), c.page, report_page(quarter)), state, summary])
    table = markdown_table([gettext("Report"), gettext("Quarter"), gettext("KPIs against target")], rows, "lll")
    return f"{table}\n\n{small(_measurement_files(c), None, c.origin)}"


def _measurement_files(c: KpiView) -> list[str]:
    return sorted(set(c.handbook.measurements["file"]))


MACROS = {
    **ALERT_MACROS,
    "quarterly_reports": reports_index,
    "quarterly_report": report,
}
