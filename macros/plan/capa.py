"""Corrective actions: which are overdue, and what answers each breached KPI (ISO 9001 10.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..data.contracts.plan import Action, Capa, NoAction
from ..data.dates import is_overdue
from ..kpis.facts import Facts
from ..kpis.status import Snapshot


def action_overdue(action: Action, today: date) -> bool:
    return is_overdue(action.due, today, still_open=action.closed is None)


@dataclass(frozen=True)
class BreachAnswer:
    """A KPI breached in its latest period, and the open action or recorded decision on it (neither: None)."""

    snapshot: Snapshot
    action: Action | None
    decision: NoAction | None


def breach_answers(facts: Facts, capa: Capa) -> list[BreachAnswer]:
    """Every KPI breached in its latest period, with what answers it."""
    open_actions = {a.kpi: a for a in capa.actions if a.closed is None and a.kpi}
    decisions = {(d.kpi, d.period): d for d in capa.no_action}
    snaps = (f.snapshot for f in facts)
    return [BreachAnswer(s, open_actions.get(s.kpi.id), decisions.get((s.kpi.id, s.period))) for s in snaps if s.status.key == "breached"]
