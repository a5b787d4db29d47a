"""What a quarter's report shows beside its KPI figures: supplier and merchant outcomes, corrective actions opened and
closed, risks re-scored. Worked out for a quarter still open, and kept in its record when it is closed
(scripts/close_quarter.py), since none of these files is closed with the quarter (data/closure.py closes periods of
measurements only): a supplier's row, an action's closing date or a commit dated in the quarter may still come later."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ...audit.changes import snapshot
from ...audit.git import git
from ...audit.revision_history import History
from ...data.contracts.base import english
from ...data.contracts.partners import Rule
from ...data.contracts.plan import Action
from ...data.contracts.quarters import ActionEntry, PartnerOutcome, PartnerOutcomes, Rescore, Sections
from ...data.handbook import Handbook
from ...data.periods import containing, period_end, period_start, periods_within
from ...partners.scores import PartnerScores
from ...partners.urgency import URGENCY, needs_action
from ...partners.views.outcomes import NOT_RATED

REGISTER = "risks.yml"


def sections(handbook: Handbook, partners: PartnerScores, history: History, quarter: str) -> Sections:
    """The quarter's suppliers, merchants, actions and re-scored risks, from today's files and git history."""
    end = period_end(quarter, "quarterly")
    actions = sorted(handbook.capa.actions, key=lambda a: (a.opened, a.id))
    closed = sorted((a for a in actions if a.closed and containing(a.closed, "quarterly") == quarter), key=lambda a: (a.closed, a.id))
    return Sections(
        suppliers=supplier_outcomes(handbook, partners, quarter),
        merchants=merchant_outcomes(handbook, partners, quarter),
        opened=[_entry(handbook, a, end) for a in actions if containing(a.opened, "quarterly") == quarter],
        closed=[_entry(handbook, a, end) for a in closed],
        rescored=rescored(history, handbook.data_dir.parent, f"{handbook.data_name}/{REGISTER}", quarter),
        history=history.state,
    )


def supplier_outcomes(handbook: Handbook, partners: PartnerScores, quarter: str) -> PartnerOutcomes:
    cards = partners.suppliers
    scored = [(s, [next((card for card in cards[s.id] if card.quarter == quarter), None)]) for s in handbook.suppliers.suppliers]
    return _outcomes([quarter], scored, handbook.suppliers.evaluation.rules)


def merchant_outcomes(handbook: Handbook, partners: PartnerScores, quarter: str) -> PartnerOutcomes:
    results = partners.merchants
    recorded = {r.month for found in results.values() for r in found}  # months not yet reached have no column
    months = [m for m in periods_within(quarter, "quarterly", "monthly") if m in recorded]
    scored = [(m, [next((r for r in results[m.id] if r.month == month), None) for month in months]) for m in handbook.merchants.merchants]
    return _outcomes(months, scored, handbook.merchants.evaluation.rules)


def _outcomes(periods: list[str], scored: Sequence[tuple[Any, list[Any]]], rules: list[Rule]) -> PartnerOutcomes:
    """Counts per outcome and period (a period without a result is not rated), and who needed action, the most urgent first."""
    names = [*sorted(dict.fromkeys(r.outcome for r in rules), key=lambda o: URGENCY.get(o, 3)), NOT_RATED]
    outcomes = [(p, [s.outcome if s is not None and s.record is not None else None for s in found]) for p, found in scored]
    counts = {name: [sum((o[i].outcome if o[i] else NOT_RATED) == name for _, o in outcomes) for i in range(len(periods))]
              for name in names}  # fmt: skip
    acting = [(p, o) for p, o in outcomes if any(needs_action(r) for r in o)]
    acting.sort(key=lambda po: (min(URGENCY.get(r.outcome, 3) for r in po[1] if r), po[0].id))
    needing = [PartnerOutcome(id=p.id, name=p.name.en, outcomes=[r.outcome if r else None for r in o]) for p, o in acting]
    return PartnerOutcomes(periods=periods, counts=counts, needing=needing)


def _entry(handbook: Handbook, a: Action, end: date) -> ActionEntry:
    """The action as it stood at the quarter's end: closed only if it was closed by then."""
    closed = a.closed if a.closed and a.closed <= end else None
    owner = handbook.department(a.owner).name.en
    return ActionEntry(id=a.id, action=english(a.action), owner=owner, kpi=a.kpi, opened=a.opened, due=a.due, closed=closed)


def rescored(history: History, root: Path, path: str, quarter: str) -> list[Rescore]:
    """Each risk whose score a commit dated in the quarter changed, oldest first: the register keeps only its current
    scores, so git tells when they moved."""
    start, end = period_start(quarter, "quarterly"), period_end(quarter, "quarterly")
    found = []
    for commit in reversed(history.of(path)):
        day = date.fromisoformat(commit.date)
        if not start <= day <= end:
            continue
        before, after = _risks_at(root, f"{commit.sha}^", path), _risks_at(root, commit.sha, path)
        for risk, now in sorted(after.items()):
            old = before.get(risk)
            if old is not None and (old.inherent, old.residual) != (now.inherent, now.residual):
                found.append(Rescore(risk=risk, title=english(now.title), on=day, commit=commit.short,
                                     inherent=(old.inherent, now.inherent), residual=(old.residual, now.residual)))  # fmt: skip
    return found


def _risks_at(root: Path, ref: str, path: str) -> dict:
    """The register's risks at a commit (none before the register's first commit), read as the change log reads them."""
    try:
        text = git(root, "show", f"{ref}:{path}")
    except (OSError, subprocess.CalledProcessError):
        return {}
    return snapshot(lambda p: text if p == "data/risks.yml" else None, []).risks
