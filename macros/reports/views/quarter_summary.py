"""The top of a quarter's report: how many KPIs met their target, were at risk or breached it, what moved against the
quarter before, and one chart of those counts quarter by quarter."""

from __future__ import annotations

from collections import Counter

from ...audit.quarters import movement
from ...data.contracts.quarters import QuarterReport
from ...i18n.formats import quarter as shown
from ...i18n.messages import gettext
from ...kpis.status import AT_RISK, BREACHED, MET
from ...kpis.views.figures import status_badge
from ...render.charts import COLOURS, BarsInput, bars_svg
from ...render.links import kpi_page, link
from ...render.provenance import note
from ...render.tables import markdown_table
from .quarter_figures import ReportView, compared_quarters, figures_of, kpi_name

JUDGED = (MET, AT_RISK, BREACHED)
STATUSES = {s.key: s for s in JUDGED}
BAR_COLOURS = {MET.key: COLOURS["stretch"], AT_RISK.key: COLOURS["band"], BREACHED.key: COLOURS["target"]}
CHARTED = 8  # quarters in the summary chart, the report's own the last


def summary(c: ReportView, figures: QuarterReport) -> str:
    """Counts by status beside the quarter before's, how many KPIs improved or worsened, and which changed status."""
    before = previous_report(c, figures)
    now, then = _counted(figures), _counted(before) if before else None
    headers = [gettext("Against target"), shown(figures.quarter), *([shown(figures.previous)] if then is not None else [])]
    rows = [[status_badge(s), str(now[s.key]), *([str(then[s.key])] if then is not None else [])] for s in JUDGED]
    table = markdown_table(headers, rows, "lrr")
    moved = Counter(movement(r.change) for r in figures.results)
    if not any(moved[m] for m in ("better", "worse", "same")):
        return f"{table}\n\n- " + gettext("No KPI has a value in {previous} to compare with.", previous=shown(figures.previous))
    counts = {m: f'<span data-moved="{m}">{moved[m]}</span>' for m in ("better", "worse", "same")}
    said = gettext("Against {previous}: {better} improved, {worse} worsened, {same} unchanged.", previous=shown(figures.previous), **counts)
    return f"{table}\n\n- {said}\n- {_status_changes(c, figures, before)}"


def previous_report(c: ReportView, figures: QuarterReport) -> QuarterReport | None:
    """The quarter before's figures, when this report may compare with them (quarter_figures.compared_quarters)."""
    return figures_of(c, figures.previous) if figures.previous in compared_quarters(c, figures.quarter) else None


def status_changes(figures: QuarterReport, before: QuarterReport) -> list[tuple[str, str, str, str]]:
    """(KPI, name, status before, status now) of each KPI whose status changed, the worsened first."""
    then = {r.kpi: r.status for r in before.results if r.status is not None}
    changed = [(r.kpi, r.name, then[r.kpi], r.status) for r in figures.results if r.status and then.get(r.kpi, r.status) != r.status]
    return sorted(changed, key=lambda ch: (STATUSES[ch[3]].rank > STATUSES[ch[2]].rank, ch[1]))


def _status_changes(c: ReportView, figures: QuarterReport, before: QuarterReport | None) -> str:
    if before is None:
        return gettext("Status changes: {previous} is not closed, so a closed quarter's report does not compare statuses with it.",
                       previous=shown(figures.previous))  # fmt: skip
    changed = status_changes(figures, before)
    count = f'<span data-moved="status">{len(changed)}</span>'
    if not changed:
        return gettext("{count} KPIs changed status.", count=count)
    items = "; ".join(f"{link(kpi_name(c, kpi, name), c.page, kpi_page(kpi))} {_said(old)} → {_said(new)}"
                      for kpi, name, old, new in changed)  # fmt: skip
    return gettext("{count} KPIs changed status: {items}.", count=count, items=items)


def _said(status: str) -> str:
    s = STATUSES[status]
    return f"{s.icon} {gettext(s.label)}"  # the status words are kpis.status's


def _counted(figures: QuarterReport) -> Counter:
    return Counter(r.status for r in figures.results if r.status is not None)


def status_chart(c: ReportView, quarter: str, files: list[str]) -> str:
    """Stacked bars of the KPIs met, at risk and breached in each quarter up to this one: one light chart per report."""
    quarters = compared_quarters(c, quarter)[-CHARTED:]
    counted = [_counted(figures_of(c, q)) for q in quarters]
    series = tuple((gettext(s.label), tuple(float(n[s.key]) for n in counted), BAR_COLOURS[s.key]) for s in JUDGED)
    parts = "; ".join(gettext("{quarter}: {met} met, {at_risk} at risk, {breached} breached", quarter=shown(q), met=n[MET.key],
                              at_risk=n[AT_RISK.key], breached=n[BREACHED.key])
                      for q, n in zip(quarters, counted, strict=True))  # fmt: skip
    description = gettext("KPIs against their target by quarter. {quarters}.", quarters=parts)
    svg = bars_svg(BarsInput(tuple(map(shown, quarters)), series, gettext("KPIs"), description), c.cache_dir)
    sources = sorted({*files, *(f"{c.handbook.data_name}/records/{q}.yml" for q in quarters if q in c.handbook.quarter_records)})
    return (
        f'<figure class="chart">{svg}<figcaption>{description}<br><small>{note(sources, quarter, c.origin)}</small></figcaption></figure>'
    )
