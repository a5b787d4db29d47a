"""The corrective-action log, and which breached KPIs each action or decision answers."""

from __future__ import annotations

from datetime import date

from . import provenance
from .capa import breach_answers, is_overdue
from .contracts import Action
from .handbook import Handbook
from .links import ACTIONS_PAGE, RISK_PAGE, kpi_page, link
from .provenance import Origin
from .tables import markdown_table


def state(action: Action, today: date) -> str:
    if action.closed is not None:
        return f'<span class="status status-met">✔ closed {action.closed}</span>'
    if is_overdue(action, today):
        return f'<span class="status status-breached">✖ overdue (due {action.due})</span>'
    return f'<span class="status status-at-risk">▲ open, due {action.due}</span>'


def _files(handbook: Handbook) -> list[str]:
    return [f"{handbook.data_dir.name}/capa.yml"]


def breached_coverage(handbook: Handbook, today: date, page: str, origin: Origin) -> str:
    """Every KPI breached in its latest period, and the open action or recorded decision that answers it."""
    rows, files = [], set(_files(handbook))
    for answer in breach_answers(handbook, today):
        snap, action, decision = answer.snapshot, answer.action, answer.decision
        files.update(handbook.files_of(snap.kpi.id))
        if action:
            text = f"{link(action.id, page, ACTIONS_PAGE, action.id.lower())}: {action.action}"
        elif decision:
            text = f"No action, decided by {handbook.department(decision.decided_by).name.en} on {decision.decided}: {decision.reason}"
        else:
            text = '<span class="status status-breached">✖ no action and no recorded decision</span>'
        rows.append([link(snap.kpi.name.en, page, kpi_page(snap.kpi.id)), snap.period, text])
    if not rows:
        return "No KPI is breached in its latest period."
    table = markdown_table(["Breached KPI", "Period", "Answered by"], rows)
    return f"{table}\n\n<small>{provenance.note(sorted(files), None, origin)}</small>"


def action_log(handbook: Handbook, today: date, page: str, origin: Origin) -> str:
    """One block per action with every 10.2 field, open and overdue ones first."""
    actions = sorted(handbook.capa.actions, key=lambda a: (a.closed is not None, a.due, a.id))
    blocks = []
    for a in actions:
        kpi = link(handbook.kpi(a.kpi).name.en, page, kpi_page(a.kpi)) if a.kpi else "—"
        risks = ", ".join(link(r, page, RISK_PAGE, r.lower()) for r in a.risks) or "—"
        eff = a.effectiveness
        checked = f"{eff.result} ({eff.checked}): {eff.method}" if eff else "not yet checked"
        rows = [
            ["Opened", f"{a.opened}, from {a.source}"],
            ["KPI", kpi],
            ["Risks updated", risks],
            ["Nonconformity", a.nonconformity],
            ["Containment", a.containment],
            ["Root cause", a.root_cause],
            ["Similar cases", a.similar],
            ["Action", a.action],
            ["Owner", handbook.department(a.owner).name.en],
            ["Due", str(a.due)],
            ["Effectiveness", checked],
            ["Closure", f"approved by {handbook.department(a.approved_by).name.en}" if a.approved_by else "—"],
        ]
        blocks.append(f"### {a.id} {{ #{a.id.lower()} }}\n\n{state(a, today)}\n\n{markdown_table(['Field', 'Record'], rows)}")
    note = provenance.note(_files(handbook), None, origin)
    return "\n\n".join(blocks) + f"\n\n<small>{note}</small>"


def action_counts(handbook: Handbook, today: date) -> str:
    acts = handbook.capa.actions
    closed = sum(a.closed is not None for a in acts)
    overdue = sum(is_overdue(a, today) for a in acts)
    return f"{len(acts)} actions: {len(acts) - closed} open ({overdue} overdue), {closed} closed"
