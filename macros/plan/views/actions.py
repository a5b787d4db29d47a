"""The corrective-action log, and which breached KPIs each action or decision answers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ...data.contracts.plan import Action
from ...data.handbook import Handbook
from ...i18n.formats import day, period
from ...i18n.messages import N_, gettext, named, ngettext
from ...render.badges import badge
from ...render.links import ACTIONS_PAGE, RISK_PAGE, kpi_page, link
from ...render.provenance import small
from ...render.tables import markdown_table
from ..capa import action_overdue, breach_answers

if TYPE_CHECKING:
    from ...kpis.views import KpiView

RESULTS = {"effective": N_("effective"), "not effective": N_("not effective")}


def state(action: Action, today: date) -> str:
    if action.closed is not None:
        return badge("met", gettext("closed {closed}", closed=day(action.closed)))
    if action_overdue(action, today):
        return badge("breached", gettext("overdue (due {due})", due=day(action.due)))
    return badge("at-risk", gettext("open, due {due}", due=day(action.due)))


def _files(handbook: Handbook) -> list[str]:
    return [f"{handbook.data_name}/capa.yml"]


def breached_coverage(c: KpiView) -> str:
    """Every KPI breached in its latest period, and the open action or recorded decision that answers it."""
    handbook, page, origin = c.handbook, c.page, c.origin
    rows, files = [], set(_files(handbook))
    for answer in breach_answers(c.facts, handbook.capa):
        snap, action, decision = answer.snapshot, answer.action, answer.decision
        files.update(handbook.files_of(snap.kpi.id))
        if action:
            text = f"{link(action.id, page, ACTIONS_PAGE, action.id.lower())}: {named(action.action)}"
        elif decision:
            text = gettext(
                "No action, decided by {department} on {day}: {reason}",
                department=named(handbook.department(decision.decided_by).name),
                day=day(decision.decided),
                reason=named(decision.reason),
            )
        else:
            text = badge("breached", gettext("no action and no recorded decision"))
        rows.append([link(named(snap.kpi.name), page, kpi_page(snap.kpi.id)), period(snap.period), text])
    if not rows:
        return gettext("No KPI is breached in its latest period.")
    table = markdown_table([gettext("Breached KPI"), gettext("Period"), gettext("Answered by")], rows)
    return f"{table}\n\n{small(sorted(files), None, origin)}"


def action_log(c: KpiView) -> str:
    """One block per action with every 10.2 field, open and overdue ones first."""
    handbook, today, page, origin = c.handbook, c.today, c.page, c.origin
    actions = sorted(handbook.capa.actions, key=lambda a: (a.closed is not None, a.due, a.id))
    blocks = []
    for a in actions:
        kpi = link(named(handbook.kpi(a.kpi).name), page, kpi_page(a.kpi)) if a.kpi else "—"
        risks = ", ".join(link(r, page, RISK_PAGE, r.lower()) for r in a.risks) or "—"
        eff = a.effectiveness
        checked = (
            gettext(
                "{result} ({checked}): {method}", result=gettext(RESULTS[eff.result]), checked=day(eff.checked), method=named(eff.method)
            )
            if eff
            else gettext("not yet checked")
        )
        rows = [
            [gettext("Opened"), gettext("{opened}, from {source}", opened=day(a.opened), source=a.source)],
            [gettext("KPI"), kpi],
            [gettext("Risks updated"), risks],
            [gettext("Nonconformity"), named(a.nonconformity)],
            [gettext("Containment"), named(a.containment)],
            [gettext("Root cause"), named(a.root_cause)],
            [gettext("Similar cases"), named(a.similar)],
            [gettext("Action"), named(a.action)],
            [gettext("Owner"), named(handbook.department(a.owner).name)],
            [gettext("Due"), day(a.due)],
            [gettext("Effectiveness"), checked],
            [
                gettext("Closure"),
                gettext("approved by {department}", department=named(handbook.department(a.approved_by).name)) if a.approved_by else "—",
            ],
        ]
        blocks.append(
            f"### {a.id} {{ #{a.id.lower()} }}\n\n{state(a, today)}\n\n" + markdown_table([gettext("Field"), gettext("Record")], rows)
        )
    return "\n\n".join(blocks) + f"\n\n{small(_files(handbook), None, origin)}"


def action_counts(c: KpiView) -> str:
    handbook, today = c.handbook, c.today
    acts = handbook.capa.actions
    closed = sum(a.closed is not None for a in acts)
    overdue = sum(action_overdue(a, today) for a in acts)
    return ngettext(
        "{n} action: {open} open ({overdue} overdue), {closed} closed",
        "{n} actions: {open} open ({overdue} overdue), {closed} closed",
        len(acts),
        open=len(acts) - closed,
        overdue=overdue,
        closed=closed,
    )
