"""Service commitments, industry benchmarks, the roadmap and the plan's cost-benefit figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...data.contracts.plan import Benchmark, PlanFigure
from ...kpis.status import BREACHED, MET, NO_DATA, STALE
from ...kpis.units import fmt, target_text, telling_decimals
from ...kpis.views.figures import period_text
from ...render.badges import badge
from ...render.context import View
from ...render.links import ORG_PAGE, kpi_page, link, procedure_page
from ...render.provenance import small
from ...render.quotes import cited
from ...render.tables import markdown_table
from ..roadmap import is_late, item_overdue

if TYPE_CHECKING:
    from ...kpis.views import KpiView

KEPT = {
    MET.key: badge("met", "kept"),
    BREACHED.key: badge("breached", "not kept"),
    STALE.key: badge("stale", "not known: the data is stale"),
    NO_DATA.key: badge("no-data", "not known: no data"),
}


def commitments_table(c: KpiView) -> str:
    """Each promise, the KPI that measures it, and whether it was kept in the latest period."""
    handbook, page = c.handbook, c.page
    rows, files = [], set()
    for cm in handbook.commitments:
        s = c.facts[handbook.kpi(cm.kpi).id].snapshot
        k = s.kpi
        files.update(handbook.files_of(k.id))
        decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
        # At risk still keeps the promise: the target is met, only the margin is thin.
        kept = KEPT.get(s.status.key, KEPT[MET.key] + " (at risk)")
        rows.append(
            [
                f'<span id="{cm.id}"></span>**{cm.name.en}**<br>{cm.promise}<br>{cited(cm.evidence.source, cm.evidence.quote)}',
                link(k.name.en, page, kpi_page(k.id)),
                target_text(k, s.target, decimals=decimals),
                f"{fmt(s.value, k.unit, decimals)} ({period_text(s.period, s.provisional)})",
                kept,
                "<br>".join(link(handbook.procedure(p).name.en, page, procedure_page(p)) for p in cm.procedures),
            ]
        )
    table = markdown_table(["Commitment", "Measured by", "Target", "Latest", "Kept?", "Kept by"], rows)
    return f"{table}\n\n{small([f'{handbook.data_name}/commitments.yml', *sorted(files)], c.facts.as_of(), c.origin)}"


BENCHMARK_UNITS = {"percent": " %", "trillion_yuan": " trillion ¥"}


def benchmark_value(b: Benchmark) -> str:
    return f"{b.value:g}{BENCHMARK_UNITS[b.unit]}"


def benchmarks_table(c: KpiView) -> str:
    """Industry figures from the sources, and ours beside them over the latest whole year."""
    handbook, page = c.handbook, c.page
    rows, files = [], set()
    for b in handbook.benchmarks:
        ours = "no matching KPI"
        if b.kpi:
            k = handbook.kpi(b.kpi)
            files.update(handbook.files_of(k.id))
            years = c.facts[k.id].rolled["yearly"]
            whole = years[years["periods"] == years["expected"]]
            if not whole.empty:
                y = whole.iloc[-1]
                ours = f"{fmt(y['value'], k.unit)} in {y['bucket']} ({link(k.name.en, page, kpi_page(k.id))}, Σ over the year)"
        quote = cited(b.evidence.source, b.evidence.quote)
        rows.append([f"**{b.name.en}**<br>{b.name.zh}", str(b.year), benchmark_value(b), ours, f"{b.about}<br>{quote}"])
    table = markdown_table(["Benchmark", "Year", "Industry", "Ours", "Source"], rows, "llrll")
    return f"{table}\n\n{small([f'{handbook.data_name}/benchmarks.yml', *sorted(files)], None, c.origin)}"


ROADMAP_STATE = {
    "done": badge("met", "done"),
    "dropped": badge("no-data", "dropped"),
    "planned": badge("no-data", "planned"),
    "in progress": badge("at-risk", "in progress", "▶"),
}


def roadmap_view(c: View) -> str:
    """One tab per horizon; overdue items flagged, late completions noted."""
    handbook, page, today = c.handbook, c.page, c.today
    rm = handbook.roadmap
    tabs = []
    for h in rm.horizons:
        rows = []
        for item in (i for i in rm.items if i.horizon == h.id):
            state = ROADMAP_STATE[item.status]
            if item_overdue(item, today):
                state = f"{badge('breached', 'overdue')} ({item.status})"
            elif is_late(item):
                state += f" late, on {item.done}"
            elif item.done:
                state += f" on {item.done}"
            procs = ", ".join(link(handbook.procedure(p).name.en, page, procedure_page(p)) for p in item.procedures)
            owner = link(handbook.department(item.owner).name.en, page, ORG_PAGE, item.owner)
            rows.append([item.id, item.title, owner, str(item.due), state, procs or "—", ", ".join(item.source)])
        table = markdown_table(["ID", "Item", "Owner", "Due", "Status", "Procedures", "Source"], rows)
        span = f"{h.months_from}–{h.months_to} months" if h.months_to is not None else f"more than {h.months_from} months"
        body = f"{span} from {rm.start}.\n\n{table}".replace("\n", "\n    ")
        tabs.append(f'=== "{h.name}"\n\n    {body}')
    return "\n\n".join(tabs) + f"\n\n{small([f'{handbook.data_name}/roadmap.yml'], today.isoformat(), c.origin)}"


def roadmap_counts(c: View) -> str:
    items = c.handbook.roadmap.items
    overdue = sum(item_overdue(i, c.today) for i in items)
    done = sum(i.status == "done" for i in items)
    return f"{done} of {len(items)} items done, {overdue} overdue"


FIGURE_UNITS = {"yuan": "¥", "yuan_per_year": "¥ a year"}


def figure_value(f: PlanFigure) -> str:
    return f"{f.value:,.0f} {FIGURE_UNITS[f.unit]}"


def plan_figures(c: View) -> str:
    handbook = c.handbook
    rows = [
        [f"**{f.name.en}**<br>{f.name.zh}", figure_value(f), ", ".join(f.covers) or "—", cited(f.evidence.source, f.evidence.quote)]
        for f in handbook.costs
    ]
    table = markdown_table(["Figure", "Value", "Covers", "Source"], rows, "lrll")
    return f"{table}\n\n{small([f'{handbook.data_name}/costs.yml'], None, c.origin)}"
