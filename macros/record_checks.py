"""Rules for the evaluation records: the category-risk method and the exports it reads,
supplier and merchant evaluations, corrective actions, cost of quality and the appraisal."""

from __future__ import annotations

from datetime import date

from . import contracts as c
from .capa import breach_answers, is_overdue
from .handbook import Handbook
from .loading import Located, Parts, row_where
from .periods import expected_format, is_valid
from .problems import Problem, shown
from .rules import department_ids, duplicates, known, maybe_ids, quote_problems, unknown_owner


def record_problems(parts: Parts) -> list[Problem]:
    return _category_risk(parts) + _suppliers(parts) + _merchants(parts) + _capa(parts) + _quality_costs(parts) + _appraisal(parts)


def _label(parts: Parts, name: str) -> str:
    return f"{parts.data_dir.name}/{name}"


def _edges(loc: Located, key: str, edges: list[float]) -> list[Problem]:
    if all(a < b for a, b in zip(edges, edges[1:], strict=False)):
        return []
    return [Problem(loc.label, loc.where(None, key), key, "four edges in rising order", ", ".join(f"{e:g}" for e in edges))]


def _category_risk(parts: Parts) -> list[Problem]:
    method = parts.category_risk
    if method is None:
        return []
    loc = parts.located["category_risk.yml"]
    found = _edges(loc, "likelihood_edges", method.likelihood_edges) + _edges(loc, "impact_edges", method.impact_edges)
    ev = method.evidence
    found += quote_problems(parts, loc.label, loc.where(None, "evidence"), "evidence.quote", ev.source, ev.quote)
    orders = parts.records.get("exports/orders.csv")
    if orders is None:
        return found
    label = _label(parts, "exports/orders.csv")
    if not orders:
        found.append(Problem(label, "row 2", "", "at least one order", "only the header"))
    if any(p.file == label for p in parts.problems):
        return found  # an order that did not load would make every return and complaint of it look orphaned
    ids: set[str] = set()
    for o in orders:
        if o.entry.order_id in ids:
            found.append(Problem(label, row_where(o.row, o.entry.order_id), "order_id", "each order id once", "a second row"))
        ids.add(o.entry.order_id)
    found += _linked(parts, "exports/returns.csv", "return_id", "reason", method.return_reasons, ids)
    found += _linked(parts, "exports/complaints.csv", "complaint_id", "topic", method.complaint_topics, ids)
    return found


def _linked(parts: Parts, name: str, id_field: str, code_field: str, codes: dict[str, str], orders: set[str]) -> list[Problem]:
    """Each record names an order in orders.csv and a code listed in category_risk.yml."""
    rows = parts.records.get(name) or []
    label = _label(parts, name)
    found = []
    for r in rows:
        e, where = r.entry, row_where(r.row, getattr(r.entry, id_field))
        if e.order_id not in orders:
            found.append(Problem(label, where, "order_id", "an order id from exports/orders.csv", shown(e.order_id)))
        code = getattr(e, code_field)
        if code not in codes:
            found.append(
                Problem(label, where, code_field, f"one of the codes listed in category_risk.yml ({', '.join(codes)})", shown(code))
            )
    return found


def _rule_problems(
    parts: Parts, loc: Located, ev: c.SupplierEvaluation | c.MerchantEvaluation, grades: list[str], outcomes: tuple[str, ...]
) -> list[Problem]:
    """Rules name known grades and outcomes, every grade has an outcome on its own, and the quote is the source's."""
    rules = ev.rules
    found = quote_problems(
        parts, loc.label, loc.where(None, "evaluation", "evidence"), "evidence.quote", ev.evidence.source, ev.evidence.quote
    )
    for n, rule in enumerate(rules):
        where = loc.where(None, "evaluation", "rules", n)
        if rule.outcome not in outcomes:
            found.append(Problem(loc.label, where, "outcome", f"one of {', '.join(outcomes)}", shown(rule.outcome)))
        found += [Problem(loc.label, where, "grades", f"grades from {', '.join(grades)}", shown(g)) for g in rule.grades if g not in grades]
    single = {g for r in rules if r.consecutive == 1 for g in r.grades}
    missing = [g for g in grades if g not in single]
    if missing:
        expected = "a rule with consecutive 1 for every grade, so each rated period has an outcome"
        found.append(Problem(loc.label, loc.where(None, "evaluation", "rules"), "rules", expected, "none for " + ", ".join(missing)))
    return found


def _suppliers(parts: Parts) -> list[Problem]:
    s = parts.suppliers
    if s is None:
        return []
    loc, ev = parts.located["suppliers.yml"], s.evaluation
    found = duplicates(s.suppliers, loc, "supplier")
    total = sum(ev.weights.model_dump().values())
    if abs(total - 100) > 1e-9:
        found.append(Problem(loc.label, loc.where(None, "evaluation", "weights"), "weights", "weights that sum to 100", f"{total:g}"))
    grades = [g.id for g in ev.grades]
    if not any(g.min == 0 for g in ev.grades):
        found.append(
            Problem(loc.label, loc.where(None, "evaluation", "grades"), "grades", "a grade with min 0, so every score has a grade", "none")
        )
    twice = sorted({g for g in grades if grades.count(g) > 1})
    if twice:
        found.append(
            Problem(loc.label, loc.where(None, "evaluation", "grades"), "grades", "each grade id once", ", ".join(twice) + " twice")
        )
    found += _rule_problems(parts, loc, ev, grades, c.SUPPLIER_OUTCOMES)
    label, seen = _label(parts, "supplier_quarters.csv"), set()
    for r in parts.records.get("supplier_quarters.csv") or []:
        e = r.entry
        where = row_where(r.row, e.supplier, e.quarter)
        found += known(label, where, "supplier", e.supplier, maybe_ids(s.suppliers), "a supplier id from data/suppliers.yml")
        found += _period(label, where, "quarter", e.quarter, "quarterly", seen, e.supplier)
        found += _at_most(label, where, "on_time", e.on_time, "deliveries", e.deliveries)
        found += _at_most(label, where, "passed", e.passed, "inspected", e.inspected)
        if e.requests and e.response_hours is None:
            found.append(Problem(label, where, "response_hours", f"the mean answer time of the {e.requests} requests", "nothing"))
        if not e.requests and e.response_hours is not None:
            found.append(Problem(label, where, "response_hours", "nothing, as there were no requests", shown(e.response_hours)))
    return found


def _merchants(parts: Parts) -> list[Problem]:
    m = parts.merchants
    if m is None:
        return []
    loc, ev = parts.located["merchants.yml"], m.evaluation
    found = duplicates(m.merchants, loc, "merchant")
    for metric, floor in ev.thresholds.model_dump().items():
        if floor["severe_below"] > floor["fail_below"]:
            where = loc.where(None, "evaluation", "thresholds", metric)
            found.append(
                Problem(loc.label, where, "severe_below", f"at most fail_below ({floor['fail_below']:g})", f"{floor['severe_below']:g}")
            )
    found += _rule_problems(parts, loc, ev, list(c.MERCHANT_GRADES), c.MERCHANT_OUTCOMES)
    label, seen = _label(parts, "merchant_months.csv"), set()
    for r in parts.records.get("merchant_months.csv") or []:
        e = r.entry
        where = row_where(r.row, e.merchant, e.month)
        found += known(label, where, "merchant", e.merchant, maybe_ids(m.merchants), "a merchant id from data/merchants.yml")
        found += _period(label, where, "month", e.month, "monthly", seen, e.merchant)
        found += _at_most(label, where, "completed", e.completed, "orders", e.orders)
        found += _at_most(label, where, "handled_in_time", e.handled_in_time, "complaints", e.complaints)
        if not e.ratings <= e.rating_sum <= 5 * e.ratings:
            expected = f"between 1 and 5 stars per rating: {e.ratings} to {5 * e.ratings} for {e.ratings} ratings"
            found.append(Problem(label, where, "rating_sum", expected, f"{e.rating_sum:g}"))
    return found


def _period(label: str, where: str, field: str, period: str, cadence: str, seen: set, who: str) -> list[Problem]:
    if not is_valid(period, cadence):
        return [Problem(label, where, field, f"a {cadence} period like {expected_format(cadence)}", shown(period))]
    if (who, period) in seen:
        return [Problem(label, where, field, f"one row per {field} for {who}", "a second row")]
    seen.add((who, period))
    return []


def _at_most(label: str, where: str, field: str, value: float, of: str, total: float) -> list[Problem]:
    if value <= total:
        return []
    return [Problem(label, where, field, f"at most {of} ({total:g})", f"{value:g}")]


def _capa(parts: Parts) -> list[Problem]:
    capa = parts.capa
    if capa is None:
        return []
    loc = parts.located["capa.yml"]
    depts, kpis, risks = department_ids(parts), maybe_ids(parts.kpis), maybe_ids(parts.register.risks if parts.register else None)
    found = duplicates(capa.actions, loc, "action")
    for n, a in enumerate(capa.actions):
        found += unknown_owner(loc, n, a.owner, depts)
        if a.kpi:
            found += known(loc.label, loc.where(n, "kpi"), "kpi", a.kpi, kpis, "a KPI id from data/kpis.yml")
        for r in a.risks:
            found += known(loc.label, loc.where(n, "risks"), "risks", r, risks, "a risk id from data/risks.yml")
        if a.due < a.opened:
            found.append(Problem(loc.label, loc.where(n, "due"), "due", f"on or after the day it was opened ({a.opened})", str(a.due)))
        found += _closure(loc, n, a, depts)
    kpi_cadence = {k.id: k.cadence for k in parts.kpis or []}
    no_action = Located(loc.label, loc.doc, ("no_action",), "decision")
    for n, d in enumerate(capa.no_action):
        found += known(loc.label, no_action.where(n, "kpi"), "kpi", d.kpi, kpis, "a KPI id from data/kpis.yml")
        found += known(loc.label, no_action.where(n, "decided_by"), "decided_by", d.decided_by, depts, "a department id")
        cadence = kpi_cadence.get(d.kpi)
        if cadence and not is_valid(d.period, cadence):
            expected = f"a {cadence} period like {expected_format(cadence)}"
            found.append(Problem(loc.label, no_action.where(n, "period"), "period", expected, shown(d.period)))
    return found


def _closure(loc: Located, n: int, a: c.Action, depts: set[str] | None) -> list[Problem]:
    """ISO 9001 10.2.1 d): an action is closed only after its effect was checked and found effective."""
    if a.closed is None:
        return []
    where = loc.where(n, "closed")
    if a.effectiveness is None:
        return [Problem(loc.label, where, "effectiveness", "an effectiveness check (method, checked, result) before closing", "none")]
    found = []
    if a.effectiveness.result != "effective":
        found.append(
            Problem(loc.label, where, "effectiveness.result", "effective (an action that did not work stays open)", "not effective")
        )
    if a.closed < a.opened:
        found.append(Problem(loc.label, where, "closed", f"on or after the day it was opened ({a.opened})", str(a.closed)))
    if a.approved_by is None:
        found.append(Problem(loc.label, where, "approved_by", "the department that approved the closure", "nothing"))
    else:
        found += known(loc.label, loc.where(n, "approved_by"), "approved_by", a.approved_by, depts, "a department id")
    return found


def _quality_costs(parts: Parts) -> list[Problem]:
    label, found = _label(parts, "cost_of_quality.csv"), []
    seen: set[tuple] = set()
    for r in parts.records.get("cost_of_quality.csv") or []:
        e = r.entry
        key = (e.year, e.category, e.item)
        if key in seen:
            found.append(
                Problem(label, row_where(r.row, str(e.year), e.item), "item", "each item once per year and category", "a second row")
            )
        seen.add(key)
    return found


def _appraisal(parts: Parts) -> list[Problem]:
    a = parts.appraisal
    if a is None or parts.costs is None:
        return []
    loc = parts.located["appraisal.yml"]
    units = {f.id: f.unit for f in parts.costs}
    found = []
    for key, unit in (("investment", "yuan"), ("benefit", "yuan_per_year")):
        figure = getattr(a, key)
        if units.get(figure) != unit:
            expected = f"a figure id from data/costs.yml in {unit} ({', '.join(i for i, u in units.items() if u == unit)})"
            found.append(Problem(loc.label, loc.where(None, key), key, expected, shown(figure)))
    return found


def record_warnings(handbook: Handbook, today: date) -> list[Problem]:
    """Breached KPIs with neither an open action nor a recorded decision; open actions past due."""
    loc = handbook.located["capa.yml"]
    found = []
    for answer in breach_answers(handbook, today):
        snap = answer.snapshot
        if answer.action is None and answer.decision is None:
            expected = f"an open action for {snap.kpi.id}, or a no_action decision for {snap.period}"
            found.append(Problem(loc.label, "actions", "kpi", expected, f"{snap.kpi.id} breached in {snap.period} and neither", "warning"))
    for n, a in enumerate(handbook.capa.actions):
        if is_overdue(a, today):
            found.append(Problem(loc.label, loc.where(n, "due"), "due", f"closed by {a.due}", "still open", "warning"))
    return found
