"""Rules for supplier and merchant evaluation: the rules in data/suppliers.yml and merchants.yml, and each period's record."""

from __future__ import annotations

from datetime import date

from ..data.contracts.partners import MERCHANT_GRADES, MERCHANT_OUTCOMES, SUPPLIER_OUTCOMES, MerchantEvaluation, SupplierEvaluation
from ..data.loading import Located, Parts, row_where
from ..data.periods import is_valid, period_of
from ..data.problems import Code, Problem, shown
from ..data.rules import duplicates, ids, known, quote_problems
from ..i18n.messages import gettext


def suppliers(parts: Parts, today: date) -> list[Problem]:
    """Weights that sum to 100, grades from 0 with one id each, and each quarter's counts consistent."""
    s = parts.suppliers
    loc, ev = parts.located["suppliers.yml"], s.evaluation
    found = duplicates(s.suppliers, loc, "supplier")
    total = sum(ev.weights.model_dump().values())
    if abs(total - 100) > 1e-9:
        where, expected = loc.where(None, "evaluation", "weights"), gettext("weights that sum to 100")
        found.append(Problem(Code.WEIGHTS_SUM, loc.label, where, "weights", expected, f"{total:g}"))
    grades = [g.id for g in ev.grades]
    where = loc.where(None, "evaluation", "grades")
    if not any(g.min == 0 for g in ev.grades):
        expected = gettext("a grade with min 0, so every score has a grade")
        found.append(Problem(Code.RULE_GAP, loc.label, where, "grades", expected, gettext("none")))
    twice = sorted({g for g in grades if grades.count(g) > 1})
    if twice:
        got = gettext("{grades} twice", grades=", ".join(twice))
        found.append(Problem(Code.DUPLICATE_ID, loc.label, where, "grades", gettext("each grade id once"), got))
    found += _rules(parts, loc, ev, grades, SUPPLIER_OUTCOMES)
    for n, gate in enumerate(ev.gates):
        found += known(loc.label, loc.where(None, "evaluation", "gates", n), "gates.cap", gate.cap, set(grades), gettext("a grade id"))
    label, seen, listed = f"{parts.data_dir.name}/supplier_quarters.csv", set(), ids(s.suppliers)
    for r in parts.records.get("supplier_quarters.csv") or []:
        e = r.entry
        where = row_where(r.row, e.supplier, e.quarter)
        found += known(label, where, "supplier", e.supplier, listed, gettext("a supplier id from data/suppliers.yml"))
        found += _period(label, where, "quarter", e.quarter, "quarterly", seen, e.supplier)
        found += _at_most(label, where, "on_time", e.on_time, "deliveries", e.deliveries)
        found += _at_most(label, where, "passed", e.passed, "inspected", e.inspected)
        if e.requests and e.response_hours is None:
            expected = gettext("the mean answer time of the {n} requests", n=e.requests)
            found.append(Problem(Code.MISSING_VALUE, label, where, "response_hours", expected, gettext("nothing")))
        if not e.requests and e.response_hours is not None:
            expected = gettext("nothing, as there were no requests")
            found.append(Problem(Code.NOT_ALLOWED, label, where, "response_hours", expected, shown(e.response_hours)))
    return found


def merchants(parts: Parts, today: date) -> list[Problem]:
    """Severe floors at most the fail floors, and each month's counts and ratings consistent."""
    m = parts.merchants
    loc, ev = parts.located["merchants.yml"], m.evaluation
    found = duplicates(m.merchants, loc, "merchant")
    for metric, floor in ev.thresholds.model_dump().items():
        if floor["severe_below"] > floor["fail_below"]:
            where = loc.where(None, "evaluation", "thresholds", metric)
            expected = gettext("at most fail_below ({value})", value=f"{floor['fail_below']:g}")
            found.append(Problem(Code.BAD_ORDER, loc.label, where, "severe_below", expected, f"{floor['severe_below']:g}"))
    found += _rules(parts, loc, ev, list(MERCHANT_GRADES), MERCHANT_OUTCOMES)
    label, seen, listed = f"{parts.data_dir.name}/merchant_months.csv", set(), ids(m.merchants)
    for r in parts.records.get("merchant_months.csv") or []:
        e = r.entry
        where = row_where(r.row, e.merchant, e.month)
        found += known(label, where, "merchant", e.merchant, listed, gettext("a merchant id from data/merchants.yml"))
        found += _period(label, where, "month", e.month, "monthly", seen, e.merchant)
        found += _at_most(label, where, "completed", e.completed, "orders", e.orders)
        found += _at_most(label, where, "handled_in_time", e.handled_in_time, "complaints", e.complaints)
        if not e.ratings <= e.rating_sum <= 5 * e.ratings:
            expected = gettext(
                "between 1 and 5 stars per rating: {low} to {high} for {n} ratings", low=e.ratings, high=5 * e.ratings, n=e.ratings
            )
            found.append(Problem(Code.OUT_OF_RANGE, label, where, "rating_sum", expected, f"{e.rating_sum:g}"))
    return found


def _rules(
    parts: Parts, loc: Located, ev: SupplierEvaluation | MerchantEvaluation, grades: list[str], outcomes: tuple[str, ...]
) -> list[Problem]:
    """Rules name known grades and outcomes, every grade has an outcome on its own, and the quote is the source's."""
    where = loc.where(None, "evaluation", "evidence")
    found = quote_problems(parts, loc.label, where, "evidence.quote", ev.evidence.source, ev.evidence.quote)
    for n, rule in enumerate(ev.rules):
        where = loc.where(None, "evaluation", "rules", n)
        if rule.outcome not in outcomes:
            expected = gettext("one of {values}", values=", ".join(outcomes))
            found.append(Problem(Code.NOT_ONE_OF, loc.label, where, "outcome", expected, shown(rule.outcome)))
        found += [
            Problem(Code.UNKNOWN_REFERENCE, loc.label, where, "grades", gettext("grades from {grades}", grades=", ".join(grades)), shown(g))
            for g in rule.grades
            if g not in grades
        ]
    single = {g for r in ev.rules if r.consecutive == 1 for g in r.grades}
    missing = [g for g in grades if g not in single]
    if missing:
        expected = gettext("a rule with consecutive 1 for every grade, so each rated period has an outcome")
        got = gettext("none for {names}", names=", ".join(missing))
        found.append(Problem(Code.RULE_GAP, loc.label, loc.where(None, "evaluation", "rules"), "rules", expected, got))
    return found


def _period(label: str, where: str, field: str, period: str, cadence: str, seen: set, who: str) -> list[Problem]:
    if not is_valid(period, cadence):
        return [Problem(Code.BAD_PERIOD, label, where, field, period_of(cadence, like=True), shown(period))]
    if (who, period) in seen:
        if field == "quarter":
            expected = gettext("one row per quarter for {who}", who=who)
        else:
            expected = gettext("one row per month for {who}", who=who)
        return [Problem(Code.DUPLICATE_ROW, label, where, field, expected, gettext("a second row"))]
    seen.add((who, period))
    return []


def _at_most(label: str, where: str, field: str, value: float, of: str, total: float) -> list[Problem]:
    if value <= total:
        return []
    # i18n: a count cannot exceed the total it is part of; {of} is that total's column (deliveries, inspected, orders…)
    expected = gettext("at most {of} ({total})", of=of, total=f"{total:g}")
    return [Problem(Code.EXCEEDS_TOTAL, label, where, field, expected, f"{value:g}")]
