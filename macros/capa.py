"""Corrective actions: which are overdue, and what answers each breached KPI (ISO 9001 10.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .contracts import Action, NoAction
from .handbook import Handbook
from .kpi_status import Snapshot
from .kpi_views import snapshots


def is_overdue(action: Action, today: date) -> bool:
    return action.closed is None and action.due < today


@dataclass(frozen=True)
class BreachAnswer:
    """A KPI breached in its latest period, and the open action or recorded decision on it (neither: None)."""

    snapshot: Snapshot
    action: Action | None
    decision: NoAction | None


def breach_answers(handbook: Handbook, today: date) -> list[BreachAnswer]:
    open_actions = {a.kpi: a for a in handbook.capa.actions if a.closed is None and a.kpi}
    decisions = {(d.kpi, d.period): d for d in handbook.capa.no_action}
    return [
        BreachAnswer(s, open_actions.get(s.kpi.id), decisions.get((s.kpi.id, s.period)))
        for s in snapshots(handbook, today)
        if s.status.key == "breached"
    ]
