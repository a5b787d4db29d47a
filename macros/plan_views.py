"""Service commitments, industry benchmarks, the roadmap and the plan's cost-benefit figures."""

from __future__ import annotations

from datetime import date

from . import provenance
from .contracts import Benchmark, PlanFigure
from .handbook import Handbook
from .kpi_status import BREACHED, MET, NO_DATA, STALE, snapshot
from .kpi_values import rollups
from .kpi_views import target_text
from .links import ORG_PAGE, kpi_page, link, procedure_page
from .provenance import Origin
from .roadmap import is_late, is_overdue
from .tables import markdown_table
from .units import fmt, telling_decimals

KEPT = {
    MET.key: '<span class="status status-met">✔ kept</span>',
    BREACHED.key: '<span class="status status-breached">✖ not kept</span>',
    STALE.key: '<span class="status status-stale">⌛ not known: the data is stale</span>',
    NO_DATA.key: '<span class="status status-no-data">○ not known: no data</span>',
}


def commitments_table(handbook: Handbook, today: date, page: str, origin: Origin, as_of: str) -> str:
    """Each promise, the KPI that measures it, and whether it was kept in the latest period."""
    rows, files = [], set()
    for cm in handbook.commitments:
        s = snapshot(handbook.kpi(cm.kpi), handbook.measurements, today)
        k = s.kpi
        files.update(handbook.files_of(k.id))
        decimals = telling_decimals(s.value, s.target, k.unit)
        # At risk still keeps the promise: the target is met, only the margin is thin.
        kept = KEPT.get(s.status.key, KEPT[MET.key] + " (at risk)")
        rows.append(
            [
                f'<span id="{cm.id}"></span>**{cm.name.en}**<br>{cm.promise}<br>{cm.evidence.source}: 「{cm.evidence.quote}」',
                link(k.name.en, page, kpi_page(k.id)),
                target_text(k, s.target, decimals=decimals),
                f"{fmt(s.value, k.unit, decimals)} ({s.period or '—'})",
                kept,
                "<br>".join(link(handbook.procedure(p).name.en, page, procedure_page(p)) for p in cm.procedures),
            ]
        )
    table = markdown_table(["Commitment", "Measured by", "Target", "Latest", "Kept?", "Kept by"], rows)
    note = provenance.note([f"{handbook.data_dir.name}/commitments.yml", *sorted(files)], as_of, origin)
    return f"{table}\n\n<small>{note}</small>"


BENCHMARK_UNITS = {"percent": " %", "trillion_yuan": " trillion ¥"}


def benchmark_value(b: Benchmark) -> str:
    return f"{b.value:g}{BENCHMARK_UNITS[b.unit]}"


def benchmarks_table(handbook: Handbook, today: date, page: str, origin: Origin) -> str:
    """Industry figures from the sources, and ours beside them over the latest whole year."""
    rows, files = [], set()
    for b in handbook.benchmarks:
        ours = "no matching KPI"
        if b.kpi:
            k = handbook.kpi(b.kpi)
            files.update(handbook.files_of(k.id))
            years = rollups(k, snapshot(k, handbook.measurements, today).series, "yearly")
            whole = years[years["periods"] == years["expected"]]
            if not whole.empty:
                y = whole.iloc[-1]
                ours = f"{fmt(y['value'], k.unit)} in {y['bucket']} ({link(k.name.en, page, kpi_page(k.id))}, Σ over the year)"
        quote = f"{b.evidence.source}: 「{b.evidence.quote}」"
        rows.append([f"**{b.name.en}**<br>{b.name.zh}", str(b.year), benchmark_value(b), ours, f"{b.about}<br>{quote}"])
    table = markdown_table(["Benchmark", "Year", "Industry", "Ours", "Source"], rows, "llrll")
    note = provenance.note([f"{handbook.data_dir.name}/benchmarks.yml", *sorted(files)], None, origin)
    return f"{table}\n\n<small>{note}</small>"


ROADMAP_STATE = {
    "done": '<span class="status status-met">✔ done</span>',
    "dropped": '<span class="status status-no-data">○ dropped</span>',
    "planned": '<span class="status status-no-data">○ planned</span>',
    "in progress": '<span class="status status-at-risk">▶ in progress</span>',
}


def roadmap_view(handbook: Handbook, today: date, page: str, origin: Origin) -> str:
    """One tab per horizon; overdue items flagged, late completions noted."""
    rm = handbook.roadmap
    tabs = []
    for h in rm.horizons:
        rows = []
        for item in (i for i in rm.items if i.horizon == h.id):
            state = ROADMAP_STATE[item.status]
            if is_overdue(item, today):
                state = '<span class="status status-breached">✖ overdue</span> (' + item.status + ")"
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
    note = provenance.note([f"{handbook.data_dir.name}/roadmap.yml"], today.isoformat(), origin)
    return "\n\n".join(tabs) + f"\n\n<small>{note}</small>"


def roadmap_counts(handbook: Handbook, today: date) -> str:
    items = handbook.roadmap.items
    overdue = sum(is_overdue(i, today) for i in items)
    done = sum(i.status == "done" for i in items)
    return f"{done} of {len(items)} items done, {overdue} overdue"


FIGURE_UNITS = {"yuan": "¥", "yuan_per_year": "¥ a year"}


def figure_value(f: PlanFigure) -> str:
    return f"{f.value:,.0f} {FIGURE_UNITS[f.unit]}"


def plan_figures(handbook: Handbook, origin: Origin) -> str:
    rows = [
        [f"**{f.name.en}**<br>{f.name.zh}", figure_value(f), ", ".join(f.covers) or "—", f"{f.evidence.source}: 「{f.evidence.quote}」"]
        for f in handbook.costs
    ]
    table = markdown_table(["Figure", "Value", "Covers", "Source"], rows, "lrll")
    return f"{table}\n\n<small>{provenance.note([f'{handbook.data_dir.name}/costs.yml'], None, origin)}</small>"


def kpi_target(handbook: Handbook, kpi_id: str) -> str:
    """A KPI's target as prose can quote it ('≥ 98.0 %'), so no page types a figure by hand."""
    k = handbook.kpi(kpi_id)
    return target_text(k, k.target) if k.target is not None else "its planned change"


def kpi_link(handbook: Handbook, kpi_id: str, page: str) -> str:
    return link(handbook.kpi(kpi_id).name.en, page, kpi_page(kpi_id))
