"""Service commitments, industry benchmarks, the roadmap and the plan's cost-benefit figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...data.contracts.base import Names
from ...data.contracts.plan import Benchmark, PlanFigure
from ...i18n.formats import day
from ...i18n.messages import N_, gettext, language, named
from ...kpis.status import BREACHED, MET, NO_DATA, STALE
from ...kpis.units import fmt, target_text, telling_decimals
from ...kpis.views.figures import period_text
from ...render.badges import badge
from ...render.context import View
from ...render.links import ORG_PAGE, kpi_page, link, procedure_page
from ...render.provenance import small
from ...render.quotes import cited
from ...render.tables import markdown_table
from ..roadmap import STATUS_WORDS, is_late, item_overdue

if TYPE_CHECKING:
    from ...kpis.views import KpiView

KEPT = {
    MET.key: ("met", N_("kept")),
    BREACHED.key: ("breached", N_("not kept")),
    STALE.key: ("stale", N_("not known: the data is stale")),
    NO_DATA.key: ("no-data", N_("not known: no data")),
}


def kept_badge(status: str) -> str:
    """Whether a promise was kept, by its KPI's status; at risk still keeps it: the target is met, only the margin is thin."""
    if status in KEPT:
        tone, words = KEPT[status]
        return badge(tone, gettext(words))
    return gettext("{kept} (at risk)", kept=badge("met", gettext(KEPT[MET.key][1])))


def both(names: Names) -> str:
    """A name in the build's language first, in bold, with the other language's below it."""
    other = names.en if language() == "zh" else names.zh
    return f"**{named(names)}**<br>{other}"


def commitments_table(c: KpiView) -> str:
    """Each promise, the KPI that measures it, and whether it was kept in the latest period."""
    handbook, page = c.handbook, c.page
    rows, files = [], set()
    for cm in handbook.commitments:
        s = c.facts[handbook.kpi(cm.kpi).id].snapshot
        k = s.kpi
        files.update(handbook.files_of(k.id))
        decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
        kept = kept_badge(s.status.key)
        rows.append(
            [
                f'<span id="{cm.id}"></span>**{named(cm.name)}**<br>{named(cm.promise)}<br>{cited(cm.evidence.source, cm.evidence.quote)}',
                link(named(k.name), page, kpi_page(k.id)),
                target_text(k, s.target, decimals=decimals),
                f"{fmt(s.value, k.unit, decimals)} ({period_text(s.period, s.provisional)})",
                kept,
                "<br>".join(link(named(handbook.procedure(p).name), page, procedure_page(p)) for p in cm.procedures),
            ]
        )
    table = markdown_table(
        [gettext(h) for h in (N_("Commitment"), N_("Measured by"), N_("Target"), N_("Latest"), N_("Kept?"), N_("Kept by"))], rows
    )
    return f"{table}\n\n{small([f'{handbook.data_name}/commitments.yml', *sorted(files)], c.facts.as_of(), c.origin)}"


BENCHMARK_UNITS = {"percent": "{value} %", "trillion_yuan": N_("{value} trillion ¥")}


def benchmark_value(b: Benchmark) -> str:
    value = f"{b.value:g}"
    return gettext(BENCHMARK_UNITS[b.unit], value=value) if b.unit == "trillion_yuan" else BENCHMARK_UNITS[b.unit].format(value=value)


def benchmarks_table(c: KpiView) -> str:
    """Industry figures from the sources, and ours beside them over the latest whole year."""
    handbook, page = c.handbook, c.page
    rows, files = [], set()
    for b in handbook.benchmarks:
        ours = gettext("no matching KPI")
        if b.kpi:
            k = handbook.kpi(b.kpi)
            files.update(handbook.files_of(k.id))
            years = c.facts[k.id].rolled["yearly"]
            whole = years[years["periods"] == years["expected"]]
            if not whole.empty:
                y = whole.iloc[-1]
                ours = gettext(
                    "{value} in {year} ({kpi}, Σ over the year)",
                    value=fmt(y["value"], k.unit),
                    year=y["bucket"],
                    kpi=link(named(k.name), page, kpi_page(k.id)),
                )
        quote = cited(b.evidence.source, b.evidence.quote)
        rows.append([both(b.name), str(b.year), benchmark_value(b), ours, f"{named(b.about)}<br>{quote}"])
    table = markdown_table([gettext(h) for h in (N_("Benchmark"), N_("Year"), N_("Industry"), N_("Ours"), N_("Source"))], rows, "llrll")
    return f"{table}\n\n{small([f'{handbook.data_name}/benchmarks.yml', *sorted(files)], None, c.origin)}"


ROADMAP_TONES = {"done": "met", "dropped": "no-data", "planned": "no-data", "in progress": "at-risk"}


def roadmap_state(status: str) -> str:
    return badge(ROADMAP_TONES[status], gettext(STATUS_WORDS[status]), "▶" if status == "in progress" else None)


def roadmap_view(c: View) -> str:
    """One tab per horizon; overdue items flagged, late completions noted."""
    handbook, page, today = c.handbook, c.page, c.today
    rm = handbook.roadmap
    tabs = []
    for h in rm.horizons:
        rows = []
        for item in (i for i in rm.items if i.horizon == h.id):
            state = roadmap_state(item.status)
            if item_overdue(item, today):
                state = gettext(
                    "{overdue} ({status})", overdue=badge("breached", gettext("overdue")), status=gettext(STATUS_WORDS[item.status])
                )
            elif is_late(item):
                state = gettext("{state} late, on {day}", state=state, day=day(item.done))
            elif item.done:
                state = gettext("{state} on {day}", state=state, day=day(item.done))
            procs = ", ".join(link(named(handbook.procedure(p).name), page, procedure_page(p)) for p in item.procedures)
            owner = link(named(handbook.department(item.owner).name), page, ORG_PAGE, item.owner)
            rows.append([item.id, named(item.title), owner, day(item.due), state, procs or "—", ", ".join(item.source)])
        table = markdown_table(
            [gettext(h) for h in (N_("ID"), N_("Item"), N_("Owner"), N_("Due"), N_("Status"), N_("Procedures"), N_("Source"))], rows
        )
        if h.months_to is not None:
            span = gettext("{start}–{end} months from {day}.", start=h.months_from, end=h.months_to, day=day(rm.start))
        else:
            span = gettext("more than {start} months from {day}.", start=h.months_from, day=day(rm.start))
        body = f"{span}\n\n{table}".replace("\n", "\n    ")
        tabs.append(f'=== "{named(h.name)}"\n\n    {body}')
    return "\n\n".join(tabs) + f"\n\n{small([f'{handbook.data_name}/roadmap.yml'], today.isoformat(), c.origin)}"


def roadmap_counts(c: View) -> str:
    items = c.handbook.roadmap.items
    overdue = sum(item_overdue(i, c.today) for i in items)
    done = sum(i.status == "done" for i in items)
    return gettext("{done} of {items} items done, {overdue} overdue", done=done, items=len(items), overdue=overdue)


FIGURE_UNITS = {"yuan": "{value} ¥", "yuan_per_year": N_("{value} ¥ a year")}


def figure_value(f: PlanFigure) -> str:
    value = f"{f.value:,.0f}"
    return gettext(FIGURE_UNITS[f.unit], value=value) if f.unit == "yuan_per_year" else FIGURE_UNITS[f.unit].format(value=value)


def plan_figures(c: View) -> str:
    handbook = c.handbook
    rows = [
        [both(f.name), figure_value(f), ", ".join(named(c) for c in f.covers) or "—", cited(f.evidence.source, f.evidence.quote)]
        for f in handbook.costs
    ]
    table = markdown_table([gettext(h) for h in (N_("Figure"), N_("Value"), N_("Covers"), N_("Source"))], rows, "lrll")
    return f"{table}\n\n{small([f'{handbook.data_name}/costs.yml'], None, c.origin)}"
