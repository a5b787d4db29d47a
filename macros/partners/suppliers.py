"""Quarterly supplier scorecards (S2): on-time delivery, pass rate and after-sales
response, weighted into a score, graded, and turned into keep / warning / eliminate."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.contracts.partners import Gate, Grade, Rule, SupplierEvaluation, SupplierQuarter
from ..data.handbook import Handbook
from ..i18n.messages import gettext, ngettext
from .scorecards import grade_for, histories, outcome, weighted


@dataclass(frozen=True)
class SupplierScore:
    supplier: str
    quarter: str
    record: SupplierQuarter | None  # None: no deliveries recorded that quarter
    metrics: dict[str, float | None]  # on_time_delivery, pass_rate, response: each 0–100
    score: float | None
    grade: Grade | None
    unrated: str | None  # why the quarter is not rated
    outcome: Rule | None
    capped: Gate | None = None  # the gate that held the grade below what the score gives


def metric_scores(row: SupplierQuarter, target_hours: float) -> dict[str, float | None]:
    """Each metric on 0–100; response scores 100 at or under target, else target ÷ mean × 100."""
    response = None
    if row.requests and row.response_hours is not None:
        response = 100.0 if row.response_hours <= target_hours else target_hours / row.response_hours * 100
    return {
        "on_time_delivery": row.on_time / row.deliveries * 100 if row.deliveries else None,
        "pass_rate": row.passed / row.inspected * 100 if row.inspected else None,
        "response": response,
    }


def unrated_reason(row: SupplierQuarter | None, rules: SupplierEvaluation) -> str | None:
    if row is None:
        return gettext("no deliveries")
    short = []
    least = rules.minimum
    if row.deliveries < least.deliveries:
        short.append(ngettext("{n} delivery (minimum {least})", "{n} deliveries (minimum {least})", row.deliveries, least=least.deliveries))
    if row.inspected < least.inspected:
        short.append(ngettext("{n} unit inspected (minimum {least})", "{n} units inspected (minimum {least})", row.inspected,
                              least=least.inspected))  # fmt: skip
    return "; ".join(short) or None


def gated(grade: Grade, metrics: dict[str, float | None], rules: SupplierEvaluation) -> tuple[Grade, Gate | None]:
    """The grade, or the lowest cap of a gate whose metric is below it if that is lower; with the gate that set it."""
    by_id = {g.id: g for g in rules.grades}
    found, gate = grade, None
    for g in rules.gates:
        value = metrics.get(g.metric)
        if value is not None and value < g.below and by_id[g.cap].min < found.min:
            found, gate = by_id[g.cap], g
    return found, gate


def evaluate(rules: SupplierEvaluation, rows: list[SupplierQuarter], quarters: list[str]) -> list[SupplierScore]:
    """One score per quarter of `quarters` (in order) for one supplier's rows."""
    by_quarter = {r.quarter: r for r in rows}
    weights = rules.weights.model_dump()
    history: list[str | None] = []
    scores = []
    for quarter in quarters:
        row = by_quarter.get(quarter)
        metrics = metric_scores(row, rules.response_target_hours) if row else {k: None for k in weights}
        why = unrated_reason(row, rules)
        score = grade = gate = None
        if why is None:
            score = weighted(metrics, weights)
            grade, gate = gated(grade_for(score, rules.grades), metrics, rules)
        history.append(grade.id if grade else None)
        scores.append(
            SupplierScore(row.supplier if row else "", quarter, row, metrics, score, grade, why, outcome(history, rules.rules), gate)
        )
    return scores


def scorecards(handbook: Handbook) -> dict[str, list[SupplierScore]]:
    """Every supplier's result per quarter, from the first quarter any supplier was recorded to the last, by supplier id."""
    rules = handbook.suppliers.evaluation
    rows, listed = [r.entry for r in handbook.supplier_quarters], [p.id for p in handbook.suppliers.suppliers]
    return histories(rows, listed, "supplier", "quarter", "quarterly", lambda mine, periods: evaluate(rules, mine, periods))
