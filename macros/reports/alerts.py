"""Everything that needs someone's attention today, in one list: the home panel, the alerts page and `make alerts`.

A breach is a KPI past its target or a partner to be suspended, eliminated or terminated; only breached KPIs fail a CI job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..audit.document_control import Document, is_review_overdue, next_review
from ..data.contracts.partners import Rule
from ..data.handbook import Handbook
from ..i18n.formats import day, month, number, period, quarter
from ..i18n.messages import N_, gettext, named
from ..kpis.facts import Facts
from ..kpis.status import period_said
from ..kpis.units import fmt, target_text, telling_decimals
from ..partners.merchants import METRICS
from ..partners.scores import PartnerScores
from ..partners.urgency import needing_action, urgency
from ..partners.words import grade_word, outcome_word
from ..plan.cadence import schedule
from ..plan.capa import action_overdue
from ..render.links import ACTIONS_PAGE, CALENDAR_PAGE, MERCHANTS_PAGE, RISK_PAGE, SUPPLIERS_PAGE, kpi_page
from ..risks.scoring import review_overdue

BREACH, WARNING = "breach", "warning"
# Sections in the order a reader should act on them; their titles are translated where they are shown.
KINDS = {
    "breached": N_("Breached KPIs"),
    "signal": N_("Control-chart signals (recent, on the bad side)"),
    "supplier": N_("Suppliers to act on"),
    "merchant": N_("Merchants to act on"),
    "at risk": N_("KPIs at risk"),
    "stale": N_("Stale KPIs (no recent value)"),
    "no data": N_("KPIs without new data"),
    "action overdue": N_("Corrective actions past their due date"),
    "risk review overdue": N_("Risk reviews overdue"),
    "activity overdue": N_("Recurring activities overdue"),
    "document review overdue": N_("Document reviews overdue"),
}


@dataclass(frozen=True)
class Alert:
    kind: str
    severity: str
    subject: str
    detail: str
    page: str  # where the reader acts on it (a docs/ source path)
    anchor: str = ""
    owner: str = ""  # the department that acts on it, by its id in data/org.yml; "" when the data names none


def alerts(handbook: Handbook, facts: Facts, documents: list[Document], today: date, partners: PartnerScores) -> list[Alert]:
    """All alerts, grouped by kind in KINDS order."""
    found = _kpi_alerts(facts) + _partner_alerts(partners, {d.path: d.control.owner for d in documents})
    found += [
        Alert(
            "action overdue",
            WARNING,
            a.id,
            gettext("due {due}: {action}", due=day(a.due), action=named(a.action)),
            ACTIONS_PAGE,
            a.id.lower(),
            a.owner,
        )
        for a in handbook.capa.actions
        if action_overdue(a, today)
    ]
    found += [
        Alert("risk review overdue", WARNING, f"{r.id} {named(r.title)}", gettext("review was due {due}", due=day(r.next_review)),
              RISK_PAGE, r.id.lower(), r.owner)
        for r in handbook.register.risks
        if review_overdue(r, today)
    ]  # fmt: skip
    found += [
        Alert("activity overdue", WARNING, named(d.cadence.name), _activity_detail(d.next_due, d.cadence.every), CALENDAR_PAGE,
              owner=d.cadence.owner)
        for d in schedule(handbook.cadences, handbook.activity_log, today)
        if d.overdue
    ]  # fmt: skip
    found += [
        Alert("document review overdue", WARNING, f"{d.control.document_id} {d.control.title}",
              gettext("review was due {due} (every {every})", due=day(next_review(d.control)), every=d.control.review_every),
              d.path, owner=d.control.owner)
        for d in documents
        if is_review_overdue(d.control, today)
    ]  # fmt: skip
    order = list(KINDS)
    return sorted(found, key=lambda a: order.index(a.kind))


def _partner_alerts(partners: PartnerScores, page_owners: dict[str, str]) -> list[Alert]:
    """Suppliers and merchants whose latest rated period asks for action, the most urgent first; owned as their page is."""
    found = []
    owner = page_owners.get(SUPPLIERS_PAGE, "")
    for s, card in needing_action(partners.latest_suppliers()[0]):
        detail = gettext(
            "{outcome} after {quarter}: grade {grade}, score {score}",
            outcome=outcome_word(card.outcome.outcome),
            quarter=quarter(card.quarter),
            grade=card.grade.id if card.grade else "—",
            score=number(card.score, 1),
        )
        found.append(Alert("supplier", _severity(card.outcome), f"{s.id} {named(s.name)}", detail, SUPPLIERS_PAGE, s.id.lower(), owner))
    owner = page_owners.get(MERCHANTS_PAGE, "")
    for m, result in needing_action(partners.latest_merchants()[0]):
        graded = {"outcome": outcome_word(result.outcome.outcome), "month": month(result.month), "grade": grade_word(result.grade)}
        failed = ", ".join(gettext(METRICS[k]).lower() for k in result.failed)
        if failed:
            detail = gettext("{outcome} after {month}: graded {grade}, below the floor on {metrics}", metrics=failed, **graded)
        else:
            detail = gettext("{outcome} after {month}: graded {grade}", **graded)
        found.append(Alert("merchant", _severity(result.outcome), f"{m.id} {named(m.name)}", detail, MERCHANTS_PAGE, m.id.lower(), owner))
    return found


def _severity(outcome: Rule) -> str:
    return BREACH if urgency(outcome) < 2 else WARNING  # suspend, eliminate and terminate


def _kpi_alerts(facts: Facts) -> list[Alert]:
    found = []
    for f in facts:
        s, k = f.snapshot, f.kpi
        if s.status.key in ("breached", "at-risk", "stale"):
            decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
            detail = gettext(
                "{value} in {period}, target {target}",
                value=fmt(s.value, k.unit, decimals),
                period=period_said(s.period, s.provisional),
                target=target_text(k, s.target, decimals=decimals),
            )
            kind = {"breached": "breached", "at-risk": "at risk", "stale": "stale"}[s.status.key]
            found.append(Alert(kind, BREACH if kind == "breached" else WARNING, named(k.name), detail, kpi_page(k.id), owner=k.owner))
        if f.gap:  # with earlier values, the page shows them, but nothing new will come until the query can run
            detail = (
                gettext("not refreshed since {period}: {why}", period=period(s.period), why=f.gap)
                if s.period
                else gettext("no data: {why}", why=f.gap)
            )
            found.append(Alert("no data", WARNING, named(k.name), detail, kpi_page(k.id), owner=k.owner))
        control = f.control if not k.series else None
        worse = [sig for sig in control.recent() if control.is_worse(sig)] if control else []
        if control and worse:
            periods = sorted({control.periods[sig.index] for sig in worse})
            rules = ", ".join(f"WE{r}" for r in sorted({sig.rule for sig in worse}))
            detail = gettext(
                "{rules} in {periods}, on the bad side of the centre line ({chart} chart)",
                rules=rules,
                periods=", ".join(map(period, periods)),
                chart=control.kind_at(worse[-1].index),
            )
            found.append(Alert("signal", WARNING, named(k.name), detail, kpi_page(k.id), "control-chart", k.owner))
    return found


def _activity_detail(due: date | None, every: str) -> str:
    if due:
        return gettext("was due {due} ({every})", due=day(due), every=every)
    return gettext("never recorded as done ({every})", every=every)
