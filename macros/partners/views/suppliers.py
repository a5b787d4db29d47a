"""Supplier scorecards: how many suppliers have each outcome, those that need action with their history, every one in a CSV."""

from __future__ import annotations

from ...data.handbook import Handbook
from ...i18n.formats import quarter as shown
from ...i18n.messages import N_, gettext, named
from ...render.downloads import csv_text, download_link
from ...render.provenance import note, small
from ...render.quotes import cited
from ...render.tables import markdown_table
from ..suppliers import SupplierScore
from ..urgency import needing_action
from .outcomes import (
    ACTION_LISTED,
    HISTORY_SHOWN,
    NOT_RATED,
    action_list,
    named_row,
    outcome_badge,
    outcome_counts,
    outcome_word,
    recent_history,
    rules_table,
)
from .view import PartnerView

METRICS = {"on_time_delivery": N_("On-time delivery"), "pass_rate": N_("Product pass rate"), "response": N_("After-sales response")}
CSV_FILE = "partners/supplier-scorecards.csv"
CSV_HEADERS = ["supplier", "name_en", "name_zh", "category", "quarter", "deliveries", "on_time_delivery_pct", "pass_rate_pct",
               "response_score", "score", "grade", "capped_by", "outcome", "not_rated_because"]  # fmt: skip


def _metric(key: str) -> str:
    """A metric's name in the build's language."""
    return gettext(METRICS[key])


def _one_decimal(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def supplier_method(c: PartnerView) -> str:
    handbook = c.handbook
    ev = handbook.suppliers.evaluation
    weights, target = ev.weights.model_dump(), f"{ev.response_target_hours:g}"
    metric_rows = [
        [_metric("on_time_delivery"), gettext("on-time deliveries ÷ deliveries × 100"), f"{weights['on_time_delivery']:g}"],
        [_metric("pass_rate"), gettext("units passed ÷ units inspected × 100"), f"{weights['pass_rate']:g}"],
        [_metric("response"), gettext("100 when the mean answer time is at most {target} h, else {target} ÷ mean hours × 100",
                                               target=target), f"{weights['response']:g}"],
    ]  # fmt: skip
    metrics = markdown_table([gettext("Metric"), gettext("Score (0–100)"), gettext("Weight")], metric_rows, "llr")
    grades = markdown_table([gettext("Grade"), gettext("Score from"), gettext("Meaning")],
                            [[g.id, f"{g.min:g}", named(g.meaning)] for g in ev.grades], "lrl")  # fmt: skip
    rated = gettext("A quarter is rated only with at least {deliveries} deliveries and {inspected} units inspected.",
                    deliveries=ev.minimum.deliveries, inspected=ev.minimum.inspected)  # fmt: skip
    quote = cited(ev.evidence.source, ev.evidence.quote)
    gates = "".join(" " + gettext("A {metric} below {below} caps the grade at {grade}, whatever the score.",
                                  metric=_metric(g.metric).lower(), below=f"{g.below:g}", grade=g.cap)
                    for g in ev.gates)  # fmt: skip
    score = gettext("The score is Σ weight × metric score ÷ Σ weight; a metric with nothing to measure (no after-sales request that "
                    "quarter) is left out and the others carry its weight.")  # fmt: skip
    return (
        f"{metrics}\n\n{score} {rated}{gates}\n\n"
        f"{grades}\n\n{rules_table(ev.rules, 'supplier')}\n\n"
        f"<small>{quote}. {note(_files(handbook)[:1], None, c.origin)}</small>"
    )


def supplier_latest(c: PartnerView) -> str:
    """Counts by outcome in the latest quarter, then the suppliers that need action: outcome first, then why."""
    latest, quarter = c.partners.latest_suppliers()
    rules = c.handbook.suppliers.evaluation.rules
    counts = outcome_counts([card.outcome for _, card in latest], rules, "supplier")
    acting = needing_action(latest)
    rows = [
        [outcome_badge(card.outcome), named_row(s), _grade(card), "—" if card.score is None else f"{card.score:.1f}",
         _one_decimal(card.metrics["on_time_delivery"]), _one_decimal(card.metrics["pass_rate"]), _one_decimal(card.metrics["response"]),
         card.record.deliveries if card.record else 0, s.category]
        for s, card in acting[:ACTION_LISTED]
    ]  # fmt: skip
    headers = [gettext("Outcome"), gettext("Supplier"), gettext("Grade"), gettext("Score"), gettext("On-time %"), gettext("Pass %"),
               gettext("Response score"), gettext("Deliveries"), gettext("Category")]  # fmt: skip
    link = download_link("supplier-scorecards.csv", c.page, CSV_FILE)
    return action_list(counts, (headers, rows, "llcrrrrrl"), len(acting), "supplier", link, small(_files(c.handbook), quarter, c.origin))


def supplier_history(c: PartnerView) -> str:
    """The recent quarters of each supplier that needs action, so a run of poor quarters is visible."""
    acting = needing_action(c.partners.latest_suppliers()[0])[:ACTION_LISTED]
    cards = c.partners.suppliers
    quarters = [card.quarter for card in next((v for v in cards.values() if v), [])][-HISTORY_SHOWN:]
    rows = [
        [s.id, *(f"{_grade(card)} · {card.score:.1f}<br>{outcome_badge(card.outcome)}" if card.grade and card.score is not None
                 else f"○ {outcome_word(NOT_RATED)}" for card in cards[s.id][-HISTORY_SHOWN:])]
        for s, _ in acting
    ]  # fmt: skip
    link = download_link("supplier-scorecards.csv", c.page, CSV_FILE)
    provenance = small(_files(c.handbook), quarters[-1] if quarters else None, c.origin)
    return recent_history([gettext("Supplier"), *map(shown, quarters)], rows, "supplier", link, provenance)


def scorecards_csv(c: PartnerView) -> str:
    """Every supplier's every quarter, as the page computes it."""
    cards = c.partners.suppliers
    rows = [
        [s.id, s.name.en, s.name.zh, s.category, card.quarter, card.record.deliveries if card.record else "",
         _number(card.metrics["on_time_delivery"]), _number(card.metrics["pass_rate"]), _number(card.metrics["response"]),
         _number(card.score), card.grade.id if card.grade else "", card.capped.metric if card.capped else "",
         card.outcome.outcome if card.outcome else "not rated", card.unrated or ""]
        for s in c.handbook.suppliers.suppliers for card in cards[s.id]
    ]  # fmt: skip
    return csv_text(CSV_HEADERS, rows)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _grade(score: SupplierScore) -> str:
    """The grade, and the gate that capped it: 'C (capped: pass rate below 98.5)'."""
    if score.grade is None:
        return "—"
    gate = score.capped
    if gate is None:
        return score.grade.id
    capped = gettext("capped: {metric} below {below}", metric=_metric(gate.metric).lower(), below=f"{gate.below:g}")
    return f"{score.grade.id} <small>({capped})</small>"


def _files(handbook: Handbook) -> list[str]:
    return [f"{handbook.data_name}/suppliers.yml", f"{handbook.data_name}/supplier_quarters.csv"]
