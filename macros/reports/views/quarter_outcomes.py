"""A quarter's report beyond its KPIs, as Markdown: supplier and merchant outcomes, corrective actions opened and
closed, risks re-scored (the figures are in quarter_sections.py)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ...data.contracts.base import Prose, english
from ...data.contracts.quarters import ActionEntry, PartnerOutcomes, Sections
from ...data.periods import period_end
from ...i18n.formats import day, period
from ...i18n.formats import quarter as shown
from ...i18n.messages import N_, gettext, named
from ...partners.views.outcomes import NOT_RATED, OUTCOME_TONE, outcome_badge
from ...partners.words import outcome_word
from ...render.badges import badge
from ...render.links import ACTIONS_PAGE, MERCHANTS_PAGE, RISK_PAGE, SUPPLIERS_PAGE, kpi_page, link
from ...render.provenance import small
from ...render.tables import markdown_table
from .quarter_figures import ReportView


class Said(NamedTuple):
    """What the suppliers' or the merchants' table says, one sentence each, since the noun changes the sentence."""

    title: str
    unrated: str
    total: str
    none: str


SAID = {
    "supplier": Said(N_("Suppliers"), N_("No supplier was rated in {quarter} yet."), N_("All suppliers"),
                     N_("No supplier needed action in the quarter.")),
    "merchant": Said(N_("Merchants"), N_("No merchant was rated in {quarter} yet."), N_("All merchants"),
                     N_("No merchant needed action in the quarter.")),
}  # fmt: skip


def partners_section(c: ReportView, sections: Sections, quarter: str, sources: tuple[str, str]) -> str:
    """Suppliers (graded by quarter) and merchants (by month): counts by outcome, then those that needed action."""
    suppliers, merchants = (gettext(said.title) for said in (SAID["supplier"], SAID["merchant"]))
    return (f"### {suppliers}\n\n{_partners(c, sections.suppliers, 'supplier', SUPPLIERS_PAGE, quarter)}\n\n{sources[0]}\n\n"
            f"### {merchants}\n\n{_partners(c, sections.merchants, 'merchant', MERCHANTS_PAGE, quarter)}\n\n{sources[1]}")  # fmt: skip


def _partners(c: ReportView, found: PartnerOutcomes, noun: str, page: str, quarter: str) -> str:
    said = SAID[noun]
    rated = any(n for name, counts in found.counts.items() if name != NOT_RATED for n in counts)
    if not rated:
        return "*" + gettext(said.unrated, quarter=shown(quarter)) + "*"
    rows = [[_outcome(name), *(f"{n:,}" for n in counts)] for name, counts in found.counts.items()]
    rows.append([f"**{gettext(said.total)}**", *(f"**{sum(col):,}**" for col in zip(*found.counts.values(), strict=True))])
    counts = markdown_table([gettext("Outcome"), *map(period, found.periods)], rows, "l" + "r" * len(found.periods))
    if not found.needing:
        return f"{counts}\n\n{gettext(said.none)}"
    linked = any(d.path == page for d in c.documents)  # a handbook may publish no partner pages
    names = {p.id: p.name for p in (c.handbook.suppliers.suppliers if noun == "supplier" else c.handbook.merchants.merchants)}
    # A partner no longer in the data keeps the name its record has.
    listed = [(f"{p.id} {named(names[p.id])}" if p.id in names else f"{p.id} {p.name}", p) for p in found.needing]
    acting = [[link(name, c.page, page) if linked else name, *(_outcome(o) if o else "—" for o in p.outcomes)] for name, p in listed]
    needing = gettext("Needing action ({n})", n=len(found.needing))
    table = markdown_table([needing, *map(period, found.periods)], acting, "l" + "l" * len(found.periods))
    return f"{counts}\n\n{table}"


def _outcome(name: str) -> str:
    return outcome_badge(None) if name == NOT_RATED else badge(OUTCOME_TONE.get(name, "no-data"), outcome_word(name))


def actions_section(c: ReportView, sections: Sections, quarter: str, source: str) -> str:
    """The corrective actions opened in the quarter, with how each stood at its end, then those closed in it."""
    end = period_end(quarter, "quarterly")
    opened = [[_action(c, a), day(a.opened), _kpi(c, a), _owner(c, a.owner), day(a.due), _state(a, end)] for a in sections.opened]
    closed = [[_action(c, a), day(a.opened), day(a.closed), _kpi(c, a), _owner(c, a.owner)] for a in sections.closed]
    parts = ["### " + gettext("Opened in the quarter ({n})", n=len(opened))]
    headers = [gettext("Action"), gettext("Opened"), gettext("KPI"), gettext("Owner"), gettext("Due"), gettext("At {end}", end=day(end))]
    parts.append(markdown_table(headers, opened, "llllll") if opened else gettext("No corrective action was opened in the quarter."))
    parts.append("### " + gettext("Closed in the quarter ({n})", n=len(closed)))
    headers = [gettext("Action"), gettext("Opened"), gettext("Closed"), gettext("KPI"), gettext("Owner")]
    parts.append(markdown_table(headers, closed, "lllll") if closed else gettext("No corrective action was closed in the quarter."))
    return "\n\n".join(parts) + f"\n\n{source}"


def _owner(c: ReportView, owner: str) -> str:
    """The department in the build's language, found by its id or by the English name a record keeps; a record closed
    before a department was renamed or removed keeps the name it had."""
    return next((named(d.name) for d in c.handbook.departments if owner in (d.id, d.name.en)), owner)


def _action(c: ReportView, a: ActionEntry) -> str:
    today = next((t.action for t in c.handbook.capa.actions if t.id == a.id), None)
    return f"{link(a.id, c.page, ACTIONS_PAGE, a.id.lower())}: {as_recorded(a.action, today)}"


def as_recorded(stored: str, today: Prose | None) -> str:
    """A text a record keeps in English, in the build's language when today's data still says the same in English; a
    text since reworded, or no longer in the data, is shown as the record has it."""
    return named(today) if today is not None and english(today) == stored else stored


def _kpi(c: ReportView, a: ActionEntry) -> str:
    if a.kpi is None:
        return "—"
    kpi = c.facts.by_id.get(a.kpi)
    return link(named(kpi.kpi.name), c.page, kpi_page(a.kpi)) if kpi else f"`{a.kpi}`"


def _state(a: ActionEntry, end: date) -> str:
    if a.closed is not None:
        return badge("met", gettext("closed {closed}", closed=day(a.closed)))
    if a.due < end:
        return badge("breached", gettext("overdue (due {due})", due=day(a.due)))
    return badge("at-risk", gettext("open"))


def risks_section(c: ReportView, sections: Sections, source: str) -> str:
    """Each risk whose inherent or residual score a commit in the quarter changed (the register keeps only today's)."""
    titles = {r.id: r.title for r in c.handbook.register.risks}
    rows = [[link(r.risk, c.page, RISK_PAGE, r.risk.lower()), as_recorded(r.title, titles.get(r.risk)), day(r.on), f"`{r.commit}`",
             _moved(*r.inherent), _moved(*r.residual)] for r in sections.rescored]  # fmt: skip
    gaps = {"shallow": N_("The history was read from a shallow clone: earlier re-scores may be missing."),
            "none": N_("The history could not be read (no git repository): re-scores are not known.")}  # fmt: skip
    gap = f" {gettext(gaps[sections.history])}" if sections.history in gaps else ""
    if not rows:
        return gettext("No risk was re-scored in the quarter.") + f"{gap}\n\n{source}"
    headers = [gettext("Risk"), gettext("Title"), gettext("On"), gettext("Commit"), gettext("Inherent score"), gettext("Residual score")]
    table = markdown_table(headers, rows, "llllrr")
    return f"{table}\n\n{gap.strip()}\n\n{source}" if gap else f"{table}\n\n{source}"


def _moved(before: int | None, after: int | None) -> str:
    return str(after) if before == after else f"{before} → {after}"


def section_source(c: ReportView, quarter: str, from_record: bool, files: list[str]) -> str:
    """The provenance under each section: its record, or today's files when the record predates the sections."""
    return small([f"{c.handbook.data_name}/records/{quarter}.yml"] if from_record else files, quarter, c.origin)
