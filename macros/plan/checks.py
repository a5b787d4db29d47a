"""Rules for the plan's records: commitments, benchmarks, cost figures, the roadmap, corrective actions (ISO 9001 10.2),
cost of quality and the appraisal. And the warnings for what is overdue or unanswered."""

from __future__ import annotations

from datetime import date

from ..data.contracts.plan import Action
from ..data.handbook import Handbook
from ..data.loading import Located, Parts, row_where
from ..data.periods import is_valid, period_of
from ..data.problems import Code, Problem, shown
from ..data.rules import department_ids, duplicates, known, maybe_ids, quote_problems, unknown_owner
from ..i18n.messages import gettext, named
from ..kpis.facts import Facts
from .capa import action_overdue, breach_answers
from .roadmap import OPEN, STATUS_WORDS, item_overdue, window


def commitments(parts: Parts, today: date) -> list[Problem]:
    """Each promise is quoted from its source and measured by a known KPI, kept by known procedures."""
    loc = parts.located["commitments.yml"]
    kpis, procs = maybe_ids(parts.kpis), maybe_ids(parts.procedures)
    found = duplicates(parts.commitments, loc, "commitment")
    for n, cm in enumerate(parts.commitments):
        found += quote_problems(parts, loc.label, loc.where(n, "evidence"), "evidence.quote", cm.evidence.source, cm.evidence.quote)
        found += known(loc.label, loc.where(n, "kpi"), "kpi", cm.kpi, kpis, gettext("a KPI id from data/kpis.yml"))
        for p in cm.procedures:
            what = gettext("a procedure id from data/procedures.yml")
            found += known(loc.label, loc.where(n, "procedures"), "procedures", p, procs, what)
    return found


def benchmarks(parts: Parts, today: date) -> list[Problem]:
    """Each industry figure is quoted from its source, and the KPI it is set beside is measured in its unit."""
    loc = parts.located["benchmarks.yml"]
    kpis = {k.id: k for k in parts.kpis or []}
    found = duplicates(parts.benchmarks, loc, "benchmark")
    for n, b in enumerate(parts.benchmarks):
        found += quote_problems(parts, loc.label, loc.where(n, "evidence"), "evidence.quote", b.evidence.source, b.evidence.quote)
        if b.kpi is None or parts.kpis is None:
            continue
        k = kpis.get(b.kpi)
        if k is None:
            expected = gettext("a KPI id from data/kpis.yml")
            found.append(Problem(Code.UNKNOWN_REFERENCE, loc.label, loc.where(n, "kpi"), "kpi", expected, shown(b.kpi)))
        elif k.unit != b.unit:
            expected = gettext("a KPI measured in {unit}, like the benchmark", unit=b.unit)
            got = gettext("{kpi}, measured in {unit}", kpi=b.kpi, unit=k.unit)
            found.append(Problem(Code.UNIT_MISMATCH, loc.label, loc.where(n, "kpi"), "kpi", expected, got))
    return found


def costs(parts: Parts, today: date) -> list[Problem]:
    """Each cost figure is quoted from its source."""
    loc = parts.located["costs.yml"]
    found = duplicates(parts.costs, loc, "figure")
    for n, f in enumerate(parts.costs):
        found += quote_problems(parts, loc.label, loc.where(n, "evidence"), "evidence.quote", f.evidence.source, f.evidence.quote)
    return found


def roadmap(parts: Parts, today: date) -> list[Problem]:
    """Horizons in order, each item due within its horizon, and done dates that agree with the status."""
    rm, loc = parts.roadmap, parts.located["roadmap.yml"]
    horizons = {h.id: h for h in rm.horizons}
    depts, procs, sources = department_ids(parts), maybe_ids(parts.procedures), maybe_ids(parts.sources)
    found = duplicates(rm.items, loc, "roadmap item")
    for h in rm.horizons:
        if h.months_to is not None and h.months_to <= h.months_from:
            where = loc.where(None, "horizons")
            expected = gettext("more than months_from ({months})", months=h.months_from)
            found.append(Problem(Code.BAD_ORDER, loc.label, where, "months_to", expected, str(h.months_to)))
    for n, item in enumerate(rm.items):
        found += unknown_owner(loc, n, item.owner, depts)
        for s in item.source:
            found += known(loc.label, loc.where(n, "source"), "source", s, sources, gettext("a source id"))
        for p in item.procedures:
            found += known(loc.label, loc.where(n, "procedures"), "procedures", p, procs, gettext("a procedure id"))
        h = horizons.get(item.horizon)
        if h is None:
            found += known(loc.label, loc.where(n, "horizon"), "horizon", item.horizon, set(horizons), gettext("a horizon id"))
        else:
            start, end = window(rm, h)
            if item.due < start or (end is not None and item.due > end):
                horizon = named(h.name).lower()
                if end:
                    expected = gettext("a date between {start} and {end} ({horizon})", start=start, end=end, horizon=horizon)
                else:
                    expected = gettext("a date on or after {start} ({horizon})", start=start, horizon=horizon)
                found.append(Problem(Code.OUTSIDE_HORIZON, loc.label, loc.where(n, "due"), "due", expected, str(item.due)))
        if item.status == "done" and item.done is None:
            expected = gettext("the date it was done (status is done)")
            found.append(Problem(Code.MISSING_VALUE, loc.label, loc.where(n, "status"), "done", expected, gettext("nothing")))
        if item.status in OPEN and item.done is not None:
            expected = gettext("no done date while the item is {status}", status=gettext(STATUS_WORDS[item.status]))
            found.append(Problem(Code.NOT_ALLOWED, loc.label, loc.where(n, "done"), "done", expected, str(item.done)))
        if item.done is not None and item.done > today:
            expected, got = gettext("a day on or before {day}", day=today), gettext("{value}, in the future", value=item.done)
            found.append(Problem(Code.FUTURE_DATE, loc.label, loc.where(n, "done"), "done", expected, got))
    return found


def capa(parts: Parts, today: date) -> list[Problem]:
    """Each action names known owners, KPIs and risks and is due after it opened; each no-action decision names a period."""
    log, loc = parts.capa, parts.located["capa.yml"]
    depts, kpis, risks = department_ids(parts), maybe_ids(parts.kpis), maybe_ids(parts.register.risks if parts.register else None)
    found = duplicates(log.actions, loc, "action")
    for n, a in enumerate(log.actions):
        found += unknown_owner(loc, n, a.owner, depts)
        if a.kpi:
            found += known(loc.label, loc.where(n, "kpi"), "kpi", a.kpi, kpis, gettext("a KPI id from data/kpis.yml"))
        for r in a.risks:
            found += known(loc.label, loc.where(n, "risks"), "risks", r, risks, gettext("a risk id from data/risks.yml"))
        if a.due < a.opened:
            expected = gettext("on or after the day it was opened ({day})", day=a.opened)
            found.append(Problem(Code.BEFORE_START, loc.label, loc.where(n, "due"), "due", expected, str(a.due)))
        found += _closure(loc, n, a, depts)
    kpi_cadence = {k.id: k.cadence for k in parts.kpis or []}
    decisions = Located(loc.label, loc.doc, ("no_action",), "decision")
    for n, d in enumerate(log.no_action):
        found += known(loc.label, decisions.where(n, "kpi"), "kpi", d.kpi, kpis, gettext("a KPI id from data/kpis.yml"))
        found += known(loc.label, decisions.where(n, "decided_by"), "decided_by", d.decided_by, depts, gettext("a department id"))
        cadence = kpi_cadence.get(d.kpi)
        if cadence and not is_valid(d.period, cadence):
            expected = period_of(cadence, like=True)
            found.append(Problem(Code.BAD_PERIOD, loc.label, decisions.where(n, "period"), "period", expected, shown(d.period)))
    return found


def _closure(loc: Located, n: int, a: Action, depts: set[str] | None) -> list[Problem]:
    """ISO 9001 10.2.1 d): an action is closed only after its effect was checked and found effective."""
    if a.closed is None:
        return []
    where = loc.where(n, "closed")
    if a.effectiveness is None:
        expected = gettext("an effectiveness check (method, checked, result) before closing")
        return [Problem(Code.MISSING_VALUE, loc.label, where, "effectiveness", expected, gettext("none"))]
    found = []
    if a.effectiveness.result != "effective":
        expected = gettext("effective (an action that did not work stays open)")
        found.append(Problem(Code.NOT_EFFECTIVE, loc.label, where, "effectiveness.result", expected, gettext("not effective")))
    if a.closed < a.opened:
        expected = gettext("on or after the day it was opened ({day})", day=a.opened)
        found.append(Problem(Code.BEFORE_START, loc.label, where, "closed", expected, str(a.closed)))
    if a.approved_by is None:
        expected = gettext("the department that approved the closure")
        found.append(Problem(Code.MISSING_VALUE, loc.label, where, "approved_by", expected, gettext("nothing")))
    else:
        found += known(loc.label, loc.where(n, "approved_by"), "approved_by", a.approved_by, depts, gettext("a department id"))
    return found


def quality_costs(parts: Parts, today: date) -> list[Problem]:
    """Each cost item once per year and category."""
    label, found = f"{parts.data_dir.name}/cost_of_quality.csv", []
    seen: set[tuple] = set()
    for r in parts.records["cost_of_quality.csv"]:
        e = r.entry
        key = (e.year, e.category, e.item)
        if key in seen:
            where = row_where(r.row, str(e.year), e.item)
            expected = gettext("each item once per year and category")
            found.append(Problem(Code.DUPLICATE_ROW, label, where, "item", expected, gettext("a second row")))
        seen.add(key)
    return found


def appraisal(parts: Parts, today: date) -> list[Problem]:
    """The appraisal's investment and benefit name cost figures in the right units."""
    if parts.costs is None:
        return []
    loc = parts.located["appraisal.yml"]
    units = {f.id: f.unit for f in parts.costs}
    found = []
    for key, unit in (("investment", "yuan"), ("benefit", "yuan_per_year")):
        figure = getattr(parts.appraisal, key)
        if units.get(figure) != unit:
            listed = ", ".join(i for i, u in units.items() if u == unit)
            expected = gettext("a figure id from data/costs.yml in {unit} ({ids})", unit=unit, ids=listed)
            found.append(Problem(Code.UNKNOWN_REFERENCE, loc.label, loc.where(None, key), key, expected, shown(figure)))
    return found


def roadmap_overdue(handbook: Handbook, facts: Facts, today: date) -> list[Problem]:
    """A roadmap item still open after its due date."""
    loc = handbook.located["roadmap.yml"]
    return [
        Problem(
            Code.OVERDUE,
            loc.label,
            loc.where(n, "due"),
            "status",
            gettext("done by {day}", day=item.due),
            gettext("still {status}", status=gettext(STATUS_WORDS[item.status])),
            "warning",
        )
        for n, item in enumerate(handbook.roadmap.items)
        if item_overdue(item, today)
    ]


def unanswered_breaches(handbook: Handbook, facts: Facts, today: date) -> list[Problem]:
    """A KPI breached in its latest period with neither an open action nor a recorded decision."""
    loc = handbook.located["capa.yml"]
    found = []
    for answer in breach_answers(facts, handbook.capa):
        snap = answer.snapshot
        if answer.action is None and answer.decision is None:
            expected = gettext("an open action for {kpi}, or a no_action decision for {period}", kpi=snap.kpi.id, period=snap.period)
            got = gettext("{kpi} breached in {period} and neither", kpi=snap.kpi.id, period=snap.period)
            found.append(Problem(Code.UNANSWERED_BREACH, loc.label, "actions", "kpi", expected, got, "warning"))
    return found


def actions_overdue(handbook: Handbook, facts: Facts, today: date) -> list[Problem]:
    """A corrective action still open after its due date."""
    loc = handbook.located["capa.yml"]
    return [
        Problem(
            Code.OVERDUE, loc.label, loc.where(n, "due"), "due", gettext("closed by {day}", day=a.due), gettext("still open"), "warning"
        )
        for n, a in enumerate(handbook.capa.actions)
        if action_overdue(a, today)
    ]
