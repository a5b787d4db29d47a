"""Monthly merchant performance (S4): user rating, order completion and complaint
handling against floors in data, and the outcome rectify / suspend / terminate."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.contracts.partners import MerchantEvaluation, MerchantMonth, MerchantSample, Rule
from ..data.handbook import Handbook
from ..i18n.messages import N_, gettext, ngettext
from .scorecards import histories, outcome

# The metrics a merchant is graded on, as pages and alerts name them.
METRICS = {"user_rating": N_("User rating"), "order_completion": N_("Order completion"), "complaint_handling": N_("Complaint handling")}


@dataclass(frozen=True)
class MerchantScore:
    merchant: str
    month: str
    record: MerchantMonth | None
    metrics: dict[str, float | None]  # user_rating (stars), order_completion and complaint_handling (percent)
    grade: str | None  # pass, fail or severe; None when not rated
    failed: tuple[str, ...]  # the metrics below their floor
    unrated: str | None
    outcome: Rule | None
    unjudged: tuple[str, ...] = ()  # what a metric had too few of to be judged: "12 ratings, minimum 30"


def metrics(row: MerchantMonth, sample: MerchantSample | None = None) -> dict[str, float | None]:
    """Each metric of the month; one with fewer ratings or complaints than `sample` asks is not judged (None)."""
    least = sample or MerchantSample()
    return {
        "user_rating": row.rating_sum / row.ratings if row.ratings >= least.ratings else None,
        "order_completion": row.completed / row.orders * 100 if row.orders else None,
        "complaint_handling": row.handled_in_time / row.complaints * 100 if row.complaints >= least.complaints else None,
    }


def too_few(row: MerchantMonth, sample: MerchantSample) -> tuple[str, ...]:
    """What the month has too little of to be judged on: '12 ratings, minimum 30'."""
    return tuple(why for why in (too_few_ratings(row, sample), too_few_complaints(row, sample)) if why)


def too_few_ratings(row: MerchantMonth, sample: MerchantSample) -> str | None:
    """'12 ratings, minimum 30' when the month has some ratings, but too few to judge its rating on; else None."""
    if 0 < row.ratings < sample.ratings:
        return ngettext("{n} rating, minimum {least}", "{n} ratings, minimum {least}", row.ratings, least=sample.ratings)
    return None


def too_few_complaints(row: MerchantMonth, sample: MerchantSample) -> str | None:
    """'2 complaints, minimum 5' when the month has some complaints, but too few to judge its handling on; else None."""
    if 0 < row.complaints < sample.complaints:
        return ngettext("{n} complaint, minimum {least}", "{n} complaints, minimum {least}", row.complaints, least=sample.complaints)
    return None


def grade(values: dict[str, float | None], rules: MerchantEvaluation) -> tuple[str, tuple[str, ...]]:
    """The worst of the metrics: severe below any severe floor, fail below any fail floor, else pass."""
    floors = rules.thresholds.model_dump()
    severe = tuple(k for k, v in values.items() if v is not None and v < floors[k]["severe_below"])
    failed = tuple(k for k, v in values.items() if v is not None and v < floors[k]["fail_below"])
    return ("severe" if severe else "fail" if failed else "pass"), failed


def evaluate(rules: MerchantEvaluation, rows: list[MerchantMonth], months: list[str]) -> list[MerchantScore]:
    """One result per month of `months` (in order) for one merchant's rows."""
    by_month = {r.month: r for r in rows}
    history: list[str | None] = []
    found = []
    for month in months:
        row = by_month.get(month)
        values = metrics(row, rules.minimum_sample) if row else dict.fromkeys(rules.thresholds.model_dump())
        why = gettext("no orders") if row is None else None
        if row is not None and row.orders < rules.minimum_orders:
            why = ngettext("{n} order (minimum {least})", "{n} orders (minimum {least})", row.orders, least=rules.minimum_orders)
        graded, failed = grade(values, rules) if why is None else (None, ())
        history.append(graded)
        unjudged = too_few(row, rules.minimum_sample) if row and why is None else ()
        found.append(
            MerchantScore(row.merchant if row else "", month, row, values, graded, failed, why, outcome(history, rules.rules), unjudged)
        )
    return found


def results(handbook: Handbook) -> dict[str, list[MerchantScore]]:
    """Every merchant's result per month, from the first month any merchant was recorded to the last, by merchant id."""
    rules = handbook.merchants.evaluation
    rows, listed = [r.entry for r in handbook.merchant_months], [p.id for p in handbook.merchants.merchants]
    return histories(rows, listed, "merchant", "month", "monthly", lambda mine, periods: evaluate(rules, mine, periods))
