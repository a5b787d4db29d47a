"""Everything that needs someone's attention today, in one list: the alerts page and `make alerts`.

Breached KPIs are the one severity that can fail a CI job; the rest are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..audit.document_control import Document, is_review_overdue, next_review
from ..data.handbook import Handbook
from ..kpis.facts import Facts
from ..kpis.status import period_said
from ..kpis.units import fmt, target_text, telling_decimals
from ..plan.cadence import schedule
from ..plan.capa import action_overdue
from ..render.links import ACTIONS_PAGE, CALENDAR_PAGE, RISK_PAGE, kpi_page
from ..risks.scoring import review_overdue

BREACH, WARNING = "breach", "warning"
# Sections in the order a reader should act on them.
KINDS = {
    "breached": "Breached KPIs",
    "signal": "Control-chart signals (recent, on the bad side)",
    "at risk": "KPIs at risk",
    "stale": "Stale KPIs (no recent value)",
    "no data": "KPIs without new data",
    "action overdue": "Corrective actions past their due date",
    "risk review overdue": "Risk reviews overdue",
    "activity overdue": "Recurring activities overdue",
    "document review overdue": "Document reviews overdue",
}


@dataclass(frozen=True)
class Alert:
    kind: str
    severity: str
    subject: str
    detail: str
    page: str  # where the reader acts on it (a docs/ source path)
    anchor: str = ""


def alerts(handbook: Handbook, facts: Facts, documents: list[Document], today: date) -> list[Alert]:
    """All alerts, grouped by kind in KINDS order."""
    found = _kpi_alerts(facts)
    found += [
        Alert("action overdue", WARNING, a.id, f"due {a.due.isoformat()}, owner {a.owner}: {a.action}", ACTIONS_PAGE, a.id.lower())
        for a in handbook.capa.actions
        if action_overdue(a, today)
    ]
    found += [
        Alert("risk review overdue", WARNING, f"{r.id} {r.title}", f"review was due {r.next_review.isoformat()}", RISK_PAGE, r.id.lower())
        for r in handbook.register.risks
        if review_overdue(r, today)
    ]
    found += [
        Alert("activity overdue", WARNING, d.cadence.name.en, _activity_detail(d.next_due, d.cadence.every), CALENDAR_PAGE)
        for d in schedule(handbook.cadences, handbook.activity_log, today)
        if d.overdue
    ]
    found += [
        Alert("document review overdue", WARNING, f"{d.control.document_id} {d.control.title}",
              f"review was due {next_review(d.control).isoformat()} (every {d.control.review_every})", d.path)
        for d in documents
        if is_review_overdue(d.control, today)
    ]  # fmt: skip
    order = list(KINDS)
    return sorted(found, key=lambda a: order.index(a.kind))


def _kpi_alerts(facts: Facts) -> list[Alert]:
    found = []
    for f in facts:
        s, k = f.snapshot, f.kpi
        if s.status.key in ("breached", "at-risk", "stale"):
            decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
            shown = f"{fmt(s.value, k.unit, decimals)} in {period_said(s.period, s.provisional)}"
            detail = f"{shown}, target {target_text(k, s.target, decimals=decimals)}"
            kind = {"breached": "breached", "at-risk": "at risk", "stale": "stale"}[s.status.key]
            found.append(Alert(kind, BREACH if kind == "breached" else WARNING, k.name.en, detail, kpi_page(k.id)))
        if f.gap:  # with earlier values, the page shows them, but nothing new will come until the query can run
            detail = f"not refreshed since {s.period}: {f.gap}" if s.period else f"no data: {f.gap}"
            found.append(Alert("no data", WARNING, k.name.en, detail, kpi_page(k.id)))
        control = f.control if not k.series else None
        worse = [sig for sig in control.recent() if control.is_worse(sig)] if control else []
        if control and worse:
            periods = sorted({control.periods[sig.index] for sig in worse})
            rules = ", ".join(f"WE{r}" for r in sorted({sig.rule for sig in worse}))
            detail = f"{rules} in {', '.join(periods)}, on the bad side of the centre line ({control.kind_at(worse[-1].index)} chart)"
            found.append(Alert("signal", WARNING, k.name.en, detail, kpi_page(k.id), "control-chart"))
    return found


def _activity_detail(due: date | None, every: str) -> str:
    return f"was due {due.isoformat()} ({every})" if due else f"never recorded as done ({every})"
