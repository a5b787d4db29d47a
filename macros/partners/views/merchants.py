"""Merchant performance: how many merchants have each outcome, those that need action with their history, every one in a CSV."""

from __future__ import annotations

from ...data.contracts.partners import MerchantSample
from ...data.handbook import Handbook
from ...i18n.formats import month as shown
from ...i18n.messages import gettext
from ...render.downloads import csv_text, download_link
from ...render.provenance import note, small
from ...render.quotes import cited
from ...render.tables import markdown_table
from ..merchants import METRICS, MerchantScore, too_few_complaints, too_few_ratings
from ..urgency import needing_action
from .outcomes import (
    ACTION_LISTED,
    HISTORY_SHOWN,
    action_list,
    grade_word,
    named_row,
    outcome_badge,
    outcome_counts,
    recent_history,
    rules_table,
)
from .view import PartnerView

CSV_FILE = "partners/merchant-history.csv"
CSV_HEADERS = ["merchant", "name_en", "name_zh", "category", "month", "orders", "user_rating", "order_completion_pct",
               "complaint_handling_pct", "grade", "below_floor", "outcome", "not_rated_because", "not_judged"]  # fmt: skip


def merchant_method(c: PartnerView) -> str:
    handbook = c.handbook
    ev = handbook.merchants.evaluation
    floors = ev.thresholds.model_dump()
    how = {
        "user_rating": gettext("Σ stars ÷ ratings (of 5)"),
        "order_completion": gettext("completed ÷ orders × 100"),
        "complaint_handling": gettext("complaints handled within 48 h ÷ complaints × 100"),
    }
    rows = [[gettext(METRICS[k]), how[k], f"{f['fail_below']:g}", f"{f['severe_below']:g}"] for k, f in floors.items()]
    metrics = markdown_table([gettext("Metric"), gettext("Measured as"), gettext("Fail below"), gettext("Severe below")], rows, "llrr")
    quote = cited(ev.evidence.source, ev.evidence.quote)
    graded = gettext(
        "A month is graded *{severe}* when any metric is below its severe floor, *{fail}* when any is below its fail floor, "
        "and *{passed}* otherwise.",
        severe=grade_word("severe"),
        fail=grade_word("fail"),
        passed=grade_word("pass"),
    )
    rated = gettext(
        "A month is rated only with at least {orders} orders, judged on its rating only with at least {ratings} ratings and "
        "on complaint handling only with at least {complaints} complaints: fewer say too little to act on.",
        orders=ev.minimum_orders,
        ratings=ev.minimum_sample.ratings,
        complaints=ev.minimum_sample.complaints,
    )
    return (
        f"{metrics}\n\n{graded} {rated}\n\n{rules_table(ev.rules, 'merchant')}\n\n"
        f"<small>{quote}. {note(_files(handbook)[:1], None, c.origin)}</small>"
    )


def merchant_latest(c: PartnerView) -> str:
    """Counts by outcome in each merchant's latest rated month, then the merchants that need action: outcome first."""
    latest, month = c.partners.latest_merchants()
    counts = outcome_counts([r.outcome for _, r in latest], c.handbook.merchants.evaluation.rules, "merchant")
    acting = needing_action(latest)
    sample = c.handbook.merchants.evaluation.minimum_sample
    rows = []
    for m, last in acting[:ACTION_LISTED]:
        v = last.metrics
        rows.append([
            outcome_badge(last.outcome, last.unrated), named_row(m), ", ".join(gettext(METRICS[k]) for k in last.failed) or "—",
            grade_word(last.grade) if last.grade else "—",
            _unjudged(last, sample, "ratings") if v["user_rating"] is None else f"{v['user_rating']:.2f}",
            _one_decimal(v["order_completion"]),
            _unjudged(last, sample, "complaints") if v["complaint_handling"] is None else _one_decimal(v["complaint_handling"]),
            last.record.orders if last.record else 0, shown(last.month),
        ])  # fmt: skip
    headers = [gettext("Outcome"), gettext("Merchant"), gettext("Below floor"), gettext("Grade"), gettext("Rating"),
               gettext("Completion %"), gettext("Complaints handled %"), gettext("Orders"), gettext("Month")]  # fmt: skip
    link = download_link("merchant-history.csv", c.page, CSV_FILE)
    return action_list(counts, (headers, rows, "lllcrrrrl"), len(acting), "merchant", link, small(_files(c.handbook), month, c.origin))


def merchant_history(c: PartnerView) -> str:
    """The recent months of each merchant that needs action, so a run of poor months is visible."""
    acting = needing_action(c.partners.latest_merchants()[0])[:ACTION_LISTED]
    months = [r.month for r in next((v for v in c.partners.merchants.values() if v), [])][-HISTORY_SHOWN:]
    rows = [[m.id, *("—" if r.record is None else outcome_badge(r.outcome) for r in c.partners.merchants[m.id][-HISTORY_SHOWN:])]
            for m, _ in acting]  # fmt: skip
    link = download_link("merchant-history.csv", c.page, CSV_FILE)
    provenance = small(_files(c.handbook), months[-1] if months else None, c.origin)
    return recent_history([gettext("Merchant"), *map(shown, months)], rows, "merchant", link, provenance)


def history_csv(c: PartnerView) -> str:
    """Every merchant's every month, as the page computes it."""
    rows = []
    for m in c.handbook.merchants.merchants:
        for r in c.partners.merchants[m.id]:
            v = r.metrics
            rows.append([
                m.id, m.name.en, m.name.zh, m.category, r.month, r.record.orders if r.record else "", _number(v["user_rating"]),
                _number(v["order_completion"]), _number(v["complaint_handling"]), r.grade or "", " ".join(r.failed),
                r.outcome.outcome if r.outcome else "not rated", r.unrated or "", "; ".join(r.unjudged),
            ])  # fmt: skip
    return csv_text(CSV_HEADERS, rows)


def _one_decimal(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _unjudged(score: MerchantScore, sample: MerchantSample, what: str) -> str:
    """'not judged (12 ratings, minimum 30)' for a metric with too few to go on; '—' for one with nothing to judge."""
    too_few = too_few_ratings if what == "ratings" else too_few_complaints
    why = too_few(score.record, sample) if score.unjudged and score.record else None
    return gettext("not judged") + f" <small>({why})</small>" if why else "—"


def _files(handbook: Handbook) -> list[str]:
    return [f"{handbook.data_name}/merchants.yml", f"{handbook.data_name}/merchant_months.csv"]
