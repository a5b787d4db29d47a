"""A quarter's report beyond its KPIs, as Markdown: supplier and merchant outcomes, corrective actions opened and
closed, risks re-scored (the figures are in quarter_sections.py)."""

from __future__ import annotations

from datetime import date

from ...data.contracts.quarters import ActionEntry, PartnerOutcomes, Sections
from ...data.periods import period_end
from ...partners.views.outcomes import NOT_RATED, OUTCOME_TONE, outcome_badge
from ...render.badges import badge
from ...render.links import ACTIONS_PAGE, MERCHANTS_PAGE, RISK_PAGE, SUPPLIERS_PAGE, kpi_page, link
from ...render.provenance import small
from ...render.tables import markdown_table
from .quarter_figures import ReportView


def partners_section(c: ReportView, sections: Sections, quarter: str, sources: tuple[str, str]) -> str:
    """Suppliers (graded by quarter) and merchants (by month): counts by outcome, then those that needed action."""
    return (f"### Suppliers\n\n{_partners(c, sections.suppliers, 'supplier', SUPPLIERS_PAGE, quarter)}\n\n{sources[0]}\n\n"
            f"### Merchants\n\n{_partners(c, sections.merchants, 'merchant', MERCHANTS_PAGE, quarter)}\n\n{sources[1]}")  # fmt: skip


def _partners(c: ReportView, found: PartnerOutcomes, noun: str, page: str, quarter: str) -> str:
    rated = any(n for name, counts in found.counts.items() if name != NOT_RATED for n in counts)
    if not rated:
        return f"*No {noun} was rated in {quarter} yet.*"
    rows = [[_outcome(name), *(f"{n:,}" for n in counts)] for name, counts in found.counts.items()]
    rows.append([f"**All {noun}s**", *(f"**{sum(col):,}**" for col in zip(*found.counts.values(), strict=True))])
    counts = markdown_table(["Outcome", *found.periods], rows, "l" + "r" * len(found.periods))
    if not found.needing:
        return f"{counts}\n\nNo {noun} needed action in the quarter."
    linked = any(d.path == page for d in c.documents)  # a handbook may publish no partner pages
    acting = [[link(f"{p.id} {p.name}", c.page, page) if linked else f"{p.id} {p.name}", *(_outcome(o) if o else "—" for o in p.outcomes)]
              for p in found.needing]  # fmt: skip
    table = markdown_table([f"Needing action ({len(found.needing)})", *found.periods], acting, "l" + "l" * len(found.periods))
    return f"{counts}\n\n{table}"


def _outcome(name: str) -> str:
    return outcome_badge(None) if name == NOT_RATED else badge(OUTCOME_TONE.get(name, "no-data"), name)


def actions_section(c: ReportView, sections: Sections, quarter: str, source: str) -> str:
    """The corrective actions opened in the quarter, with how each stood at its end, then those closed in it."""
    end = period_end(quarter, "quarterly")
    opened = [[_action(c, a), str(a.opened), _kpi(c, a), _owner(c, a.owner), str(a.due), _state(a, end)] for a in sections.opened]
    closed = [[_action(c, a), str(a.opened), str(a.closed), _kpi(c, a), _owner(c, a.owner)] for a in sections.closed]
    parts = [f"### Opened in the quarter ({len(opened)})"]
    headers = ["Action", "Opened", "KPI", "Owner", "Due", f"At {end}"]
    parts.append(markdown_table(headers, opened, "llllll") if opened else "No corrective action was opened in the quarter.")
    parts.append(f"### Closed in the quarter ({len(closed)})")
    parts.append(markdown_table(["Action", "Opened", "Closed", "KPI", "Owner"], closed, "lllll") if closed else
                 "No corrective action was closed in the quarter.")  # fmt: skip
    return "\n\n".join(parts) + f"\n\n{source}"


def _owner(c: ReportView, dept_id: str) -> str:
    """The department by name; a record closed before a department was renamed or removed keeps its id."""
    return next((d.name.en for d in c.handbook.departments if d.id == dept_id), dept_id)


def _action(c: ReportView, a: ActionEntry) -> str:
    return f"{link(a.id, c.page, ACTIONS_PAGE, a.id.lower())}: {a.action}"


def _kpi(c: ReportView, a: ActionEntry) -> str:
    if a.kpi is None:
        return "—"
    kpi = c.facts.by_id.get(a.kpi)
    return link(kpi.kpi.name.en, c.page, kpi_page(a.kpi)) if kpi else f"`{a.kpi}`"


def _state(a: ActionEntry, end: date) -> str:
    if a.closed is not None:
        return badge("met", f"closed {a.closed}")
    if a.due < end:
        return badge("breached", f"overdue (due {a.due})")
    return badge("at-risk", "open")


def risks_section(c: ReportView, sections: Sections, source: str) -> str:
    """Each risk whose inherent or residual score a commit in the quarter changed (the register keeps only today's)."""
    rows = [[link(r.risk, c.page, RISK_PAGE, r.risk.lower()), r.title, str(r.on), f"`{r.commit}`", _moved(*r.inherent), _moved(*r.residual)]
            for r in sections.rescored]  # fmt: skip
    gap = {"shallow": " The history was read from a shallow clone: earlier re-scores may be missing.",
           "none": " The history could not be read (no git repository): re-scores are not known."}.get(sections.history, "")  # fmt: skip
    if not rows:
        return f"No risk was re-scored in the quarter.{gap}\n\n{source}"
    table = markdown_table(["Risk", "Title", "On", "Commit", "Inherent score", "Residual score"], rows, "llllrr")
    return f"{table}\n\n{gap.strip()}\n\n{source}" if gap else f"{table}\n\n{source}"


def _moved(before: int | None, after: int | None) -> str:
    return str(after) if before == after else f"{before} → {after}"


def section_source(c: ReportView, quarter: str, from_record: bool, files: list[str]) -> str:
    """The provenance under each section: its record, or today's files when the record predates the sections."""
    return small([f"{c.handbook.data_name}/records/{quarter}.yml"] if from_record else files, quarter, c.origin)
