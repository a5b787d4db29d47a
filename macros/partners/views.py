"""Supplier scorecards and merchant performance: the rules in force, the latest period and the history."""

from __future__ import annotations

from ..data.contracts.partners import Rule
from ..data.handbook import Handbook
from ..render.badges import badge
from ..render.context import View
from ..render.provenance import note, small
from ..render.tables import markdown_table
from . import merchants
from .suppliers import SupplierScore, scorecards

OUTCOME_TONE = {  # the word is always shown beside the colour
    "keep": "met",
    "good standing": "met",
    "warning": "at-risk",
    "rectify": "at-risk",
    "suspend": "breached",
    "eliminate": "breached",
    "terminate": "breached",
}
SUPPLIER_METRICS = {"on_time_delivery": "On-time delivery", "pass_rate": "Product pass rate", "response": "After-sales response"}
URGENCY = {"eliminate": 0, "terminate": 0, "suspend": 1, "warning": 2, "rectify": 2}


def urgency(rule: Rule | None) -> int:
    """Sort key: the most severe outcome first; keep, good standing and not rated last."""
    return URGENCY.get(rule.outcome, 3) if rule else 3


MERCHANT_METRICS = {"user_rating": "User rating", "order_completion": "Order completion", "complaint_handling": "Complaint handling"}


def outcome_badge(rule: Rule | None, unrated: str | None = None) -> str:
    if rule is None:
        return badge("no-data", "not rated") + (f" <small>({unrated})</small>" if unrated else "")
    return badge(OUTCOME_TONE[rule.outcome], rule.outcome)


def _rule_text(rule: Rule, period: str) -> str:
    grades = " or ".join(rule.grades)
    if rule.consecutive == 1:
        return f"graded {grades} this {period}"
    return f"graded {grades} in each of the last {rule.consecutive} {period}s"


def rules_table(rules: list[Rule], period: str) -> str:
    rows = [[n, _rule_text(r, period), outcome_badge(r)] for n, r in enumerate(rules, start=1)]
    return markdown_table(["Order", "When", "Outcome"], rows, "rll")


def _one_decimal(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def supplier_method(c: View) -> str:
    handbook = c.handbook
    ev = handbook.suppliers.evaluation
    weights, target = ev.weights.model_dump(), f"{ev.response_target_hours:g}"
    metric_rows = [
        [SUPPLIER_METRICS["on_time_delivery"], "on-time deliveries ÷ deliveries × 100", f"{weights['on_time_delivery']:g}"],
        [SUPPLIER_METRICS["pass_rate"], "units passed ÷ units inspected × 100", f"{weights['pass_rate']:g}"],
        [
            SUPPLIER_METRICS["response"],
            f"100 when the mean answer time is at most {target} h, else {target} ÷ mean hours × 100",
            f"{weights['response']:g}",
        ],
    ]
    metrics = markdown_table(["Metric", "Score (0–100)", "Weight"], metric_rows, "llr")
    grades = markdown_table(["Grade", "Score from", "Meaning"], [[g.id, f"{g.min:g}", g.meaning] for g in ev.grades], "lrl")
    minimum = f"at least {ev.minimum.deliveries} deliveries and {ev.minimum.inspected} units inspected"
    quote = f"{ev.evidence.source}: 「{ev.evidence.quote}」"
    gates = "".join(f" A {SUPPLIER_METRICS[g.metric].lower()} below {g.below:g} caps the grade at {g.cap}, whatever the score."
                    for g in ev.gates)  # fmt: skip
    return (
        f"{metrics}\n\nThe score is Σ weight × metric score ÷ Σ weight; a metric with nothing to measure (no after-sales "
        f"request that quarter) is left out and the others carry its weight. A quarter is rated only with {minimum}.{gates}\n\n"
        f"{grades}\n\n{rules_table(ev.rules, 'quarter')}\n\n"
        f"<small>{quote}. {note(_supplier_files(handbook)[:1], None, c.origin)}</small>"
    )


def supplier_latest(c: View) -> str:
    """Each supplier's latest quarter: the three metrics, score, grade and outcome."""
    handbook = c.handbook
    cards = scorecards(handbook)
    rows = []
    quarter = None
    for s in handbook.suppliers.suppliers:
        if not cards[s.id]:
            continue
        last = cards[s.id][-1]
        quarter = last.quarter
        m = last.metrics
        rows.append(
            [
                urgency(last.outcome),
                f"{s.id} {s.name.en}",
                s.category,
                last.record.deliveries if last.record else 0,
                _one_decimal(m["on_time_delivery"]),
                _one_decimal(m["pass_rate"]),
                _one_decimal(m["response"]),
                "—" if last.score is None else f"{last.score:.1f}",
                _grade(last),
                outcome_badge(last.outcome, last.unrated),
            ]
        )
    rows = [row[1:] for row in sorted(rows, key=lambda r: (r[0], r[1]))]
    headers = ["Supplier", "Category", "Deliveries", "On-time %", "Pass %", "Response score", "Score", "Grade", "Outcome"]
    table = markdown_table(headers, rows, "llrrrrrcl")
    return f"{table}\n\n{small(_supplier_files(handbook), quarter, c.origin)}"


def supplier_history(c: View) -> str:
    """Grade and outcome per supplier per quarter, so a run of poor quarters is visible."""
    handbook = c.handbook
    cards = scorecards(handbook)
    quarters = next((c for c in cards.values() if c), [])
    headers = ["Supplier"] + [c.quarter for c in quarters]
    rows = []
    for s in handbook.suppliers.suppliers:
        cells = [
            f"{_grade(c)} · {c.score:.1f}<br>{outcome_badge(c.outcome)}" if c.grade and c.score is not None else "○ not rated"
            for c in cards[s.id]
        ]
        rows.append([s.id, *cells])
    as_of = quarters[-1].quarter if quarters else None
    return f"{markdown_table(headers, rows)}\n\n{small(_supplier_files(handbook), as_of, c.origin)}"


def _grade(score: SupplierScore) -> str:
    """The grade, and the gate that capped it: 'C (capped: pass rate below 98.5)'."""
    if score.grade is None:
        return "—"
    gate = score.capped
    return (
        f"{score.grade.id} <small>(capped: {SUPPLIER_METRICS[gate.metric].lower()} below {gate.below:g})</small>"
        if gate
        else score.grade.id
    )


def _supplier_files(handbook: Handbook) -> list[str]:
    return [f"{handbook.data_dir.name}/suppliers.yml", f"{handbook.data_dir.name}/supplier_quarters.csv"]


def _merchant_files(handbook: Handbook) -> list[str]:
    return [f"{handbook.data_dir.name}/merchants.yml", f"{handbook.data_dir.name}/merchant_months.csv"]


def merchant_method(c: View) -> str:
    handbook = c.handbook
    ev = handbook.merchants.evaluation
    floors = ev.thresholds.model_dump()
    how = {
        "user_rating": "Σ stars ÷ ratings (of 5)",
        "order_completion": "completed ÷ orders × 100",
        "complaint_handling": "complaints handled within 48 h ÷ complaints × 100",
    }
    rows = [[MERCHANT_METRICS[k], how[k], f"{f['fail_below']:g}", f"{f['severe_below']:g}"] for k, f in floors.items()]
    metrics = markdown_table(["Metric", "Measured as", "Fail below", "Severe below"], rows, "llrr")
    quote = f"{ev.evidence.source}: 「{ev.evidence.quote}」"
    return (
        f"{metrics}\n\nA month is graded *severe* when any metric is below its severe floor, *fail* when any is below its "
        f"fail floor, and *pass* otherwise. A month is rated only with at least {ev.minimum_orders} orders, judged on its "
        f"rating only with at least {ev.minimum_sample.ratings} ratings and on complaint handling only with at least "
        f"{ev.minimum_sample.complaints} complaints: fewer say too little to act on.\n\n{rules_table(ev.rules, 'month')}\n\n"
        f"<small>{quote}. {note(_merchant_files(handbook)[:1], None, c.origin)}</small>"
    )


def merchant_latest(c: View) -> str:
    """Each merchant's latest rated month: the three metrics, grade and outcome."""
    handbook = c.handbook
    by_merchant = merchants.results(handbook)
    rows, latest = [], None
    for m in handbook.merchants.merchants:
        rated = [r for r in by_merchant[m.id] if r.record is not None]
        if not rated:
            continue
        last = rated[-1]
        latest = max(latest or last.month, last.month)
        v = last.metrics
        failing = ", ".join(MERCHANT_METRICS[k] for k in last.failed) or "—"
        rows.append(
            [
                urgency(last.outcome),
                f"{m.id} {m.name.en}",
                last.month,
                last.record.orders,
                _unjudged(last, "ratings") if v["user_rating"] is None else f"{v['user_rating']:.2f}",
                _one_decimal(v["order_completion"]),
                _unjudged(last, "complaints") if v["complaint_handling"] is None else _one_decimal(v["complaint_handling"]),
                last.grade or "—",
                failing,
                outcome_badge(last.outcome, last.unrated),
            ]
        )
    rows = [row[1:] for row in sorted(rows, key=lambda r: (r[0], r[1]))]
    headers = ["Merchant", "Month", "Orders", "Rating", "Completion %", "Complaints handled %", "Grade", "Below floor", "Outcome"]
    table = markdown_table(headers, rows, "llrrrrlll")
    return f"{table}\n\n{small(_merchant_files(handbook), latest, c.origin)}"


def _unjudged(score: merchants.MerchantScore, what: str) -> str:
    """'not judged (12 ratings, minimum 30)' for a metric with too few to go on; '—' for one with nothing to judge."""
    why = next((u for u in score.unjudged if u.split(" ", 1)[1].startswith(what.rstrip("s"))), None)
    return f"not judged <small>({why})</small>" if why else "—"


def merchant_history(c: View) -> str:
    handbook = c.handbook
    by_merchant = merchants.results(handbook)
    months = next((r for r in by_merchant.values() if r), [])
    headers = ["Merchant"] + [r.month for r in months]
    rows = [
        [m.id, *("—" if r.record is None else outcome_badge(r.outcome) for r in by_merchant[m.id])] for m in handbook.merchants.merchants
    ]
    as_of = months[-1].month if months else None
    return f"{markdown_table(headers, rows)}\n\n{small(_merchant_files(handbook), as_of, c.origin)}"


MACROS = {
    "supplier_method": supplier_method,
    "supplier_scorecards": supplier_latest,
    "supplier_history": supplier_history,
    "merchant_method": merchant_method,
    "merchant_performance": merchant_latest,
    "merchant_history": merchant_history,
}
