"""Rules for the plan's other records: RACI, cadences and their log, commitments, benchmarks,
costs, roadmap, and the traceability of KPIs, procedures and risks (no orphans)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from .cadence import schedule
from .handbook import Handbook
from .loading import Located, Parts, row_where
from .problems import Problem, shown
from .roadmap import OPEN, is_overdue, window
from .rules import department_ids, duplicates, known, maybe_ids, one_of, quote_problems, unknown_owner


def plan_problems(parts: Parts, today: date) -> list[Problem]:
    return (
        _raci(parts)
        + _cadences(parts)
        + _activity_log(parts, today)
        + _commitments(parts)
        + _benchmarks(parts)
        + _costs(parts)
        + _roadmap(parts, today)
        + _orphans(parts)
    )


def _org_list(parts: Parts, key: str, noun: str) -> Located | None:
    base = parts.located.get("org.yml")
    return Located(base.label, base.doc, (key,), noun) if base else None


def _raci(parts: Parts) -> list[Problem]:
    loc = _org_list(parts, "raci", "RACI activity")
    if parts.org is None or loc is None:
        return []
    depts, procs, sources = department_ids(parts), maybe_ids(parts.procedures), maybe_ids(parts.sources)
    found = []
    for n, a in enumerate(parts.org.raci):
        where = loc.where(n)
        for letter in "RACI":
            names = [a.A] if letter == "A" else getattr(a, letter)
            for d in names:
                found += known(loc.label, where, letter, d, depts, "a department id from data/org.yml")
        if a.procedure:
            found += known(loc.label, where, "procedure", a.procedure, procs, "a procedure id from data/procedures.yml")
        if a.source:
            found += known(loc.label, where, "source", a.source, sources, "a source id")
        roles = Counter([*set(a.R), *set(a.C), *set(a.I)])
        if a.A in a.C or a.A in a.I:
            found.append(Problem(loc.label, where, "A", "an accountable department that is not also consulted or informed", shown(a.A)))
        twice = sorted(d for d, count in roles.items() if count > 1)
        if twice:
            found.append(Problem(loc.label, where, "R/C/I", "each department in one role per activity", ", ".join(twice) + " in two"))
    return found


def _cadences(parts: Parts) -> list[Problem]:
    loc = _org_list(parts, "cadences", "cadence")
    if parts.org is None or loc is None:
        return []
    depts, procs, sources = department_ids(parts), maybe_ids(parts.procedures), maybe_ids(parts.sources)
    found = duplicates(parts.org.cadences, loc, "cadence")
    for n, cad in enumerate(parts.org.cadences):
        found += unknown_owner(loc, n, cad.owner, depts)
        if cad.procedure:
            found += known(loc.label, loc.where(n, "procedure"), "procedure", cad.procedure, procs, "a procedure id")
        for s in cad.source:
            found += known(loc.label, loc.where(n, "source"), "source", s, sources, "a source id")
    return found


def _activity_log(parts: Parts, today: date) -> list[Problem]:
    if parts.activity_log is None or parts.org is None:
        return []
    label = f"{parts.data_dir.name}/activity_log.csv"
    cadences = {cad.id for cad in parts.org.cadences}
    found, seen = [], set()
    for logged in parts.activity_log:
        e = logged.entry
        where = row_where(logged.row, e.activity, e.done.isoformat())
        found += known(label, where, "activity", e.activity, cadences, "a cadence id from data/org.yml")
        if e.done > today:
            found.append(Problem(label, where, "done", f"a day on or before {today}", f"{e.done}, in the future"))
        if (e.activity, e.done) in seen:
            found.append(Problem(label, where, "done", "each activity once per day", "a second row"))
        seen.add((e.activity, e.done))
    return found


def _commitments(parts: Parts) -> list[Problem]:
    if parts.commitments is None:
        return []
    loc = parts.located["commitments.yml"]
    kpis, procs = maybe_ids(parts.kpis), maybe_ids(parts.procedures)
    found = duplicates(parts.commitments, loc, "commitment")
    for n, cm in enumerate(parts.commitments):
        found += quote_problems(parts, loc.label, loc.where(n, "evidence"), "evidence.quote", cm.evidence.source, cm.evidence.quote)
        found += known(loc.label, loc.where(n, "kpi"), "kpi", cm.kpi, kpis, "a KPI id from data/kpis.yml")
        for p in cm.procedures:
            found += known(loc.label, loc.where(n, "procedures"), "procedures", p, procs, "a procedure id from data/procedures.yml")
    return found


def _benchmarks(parts: Parts) -> list[Problem]:
    if parts.benchmarks is None:
        return []
    loc = parts.located["benchmarks.yml"]
    kpis = {k.id: k for k in parts.kpis or []}
    found = duplicates(parts.benchmarks, loc, "benchmark")
    for n, b in enumerate(parts.benchmarks):
        found += quote_problems(parts, loc.label, loc.where(n, "evidence"), "evidence.quote", b.evidence.source, b.evidence.quote)
        if b.kpi is None or parts.kpis is None:
            continue
        k = kpis.get(b.kpi)
        if k is None:
            found.append(Problem(loc.label, loc.where(n, "kpi"), "kpi", "a KPI id from data/kpis.yml", shown(b.kpi)))
        elif k.unit != b.unit:
            expected = f"a KPI measured in {b.unit}, like the benchmark"
            found.append(Problem(loc.label, loc.where(n, "kpi"), "kpi", expected, f"{b.kpi}, measured in {k.unit}"))
    return found


def _costs(parts: Parts) -> list[Problem]:
    if parts.costs is None:
        return []
    loc = parts.located["costs.yml"]
    found = duplicates(parts.costs, loc, "figure")
    for n, f in enumerate(parts.costs):
        found += quote_problems(parts, loc.label, loc.where(n, "evidence"), "evidence.quote", f.evidence.source, f.evidence.quote)
    return found


def _roadmap(parts: Parts, today: date) -> list[Problem]:
    rm = parts.roadmap
    if rm is None:
        return []
    loc = parts.located["roadmap.yml"]
    horizons = {h.id: h for h in rm.horizons}
    depts, procs, sources = department_ids(parts), maybe_ids(parts.procedures), maybe_ids(parts.sources)
    found = duplicates(rm.items, loc, "roadmap item")
    for h in rm.horizons:
        if h.months_to is not None and h.months_to <= h.months_from:
            where = loc.where(None, "horizons")
            found.append(Problem(loc.label, where, "months_to", f"more than months_from ({h.months_from})", str(h.months_to)))
    for n, item in enumerate(rm.items):
        found += unknown_owner(loc, n, item.owner, depts)
        for s in item.source:
            found += known(loc.label, loc.where(n, "source"), "source", s, sources, "a source id")
        for p in item.procedures:
            found += known(loc.label, loc.where(n, "procedures"), "procedures", p, procs, "a procedure id")
        h = horizons.get(item.horizon)
        if h is None:
            found.append(Problem(loc.label, loc.where(n, "horizon"), "horizon", one_of(set(horizons), "a horizon id"), shown(item.horizon)))
        else:
            start, end = window(rm, h)
            if item.due < start or (end is not None and item.due > end):
                span = f"between {start} and {end}" if end else f"on or after {start}"
                found.append(Problem(loc.label, loc.where(n, "due"), "due", f"a date {span} ({h.name.lower()})", str(item.due)))
        if item.status == "done" and item.done is None:
            found.append(Problem(loc.label, loc.where(n, "status"), "done", "the date it was done (status is done)", "nothing"))
        if item.status in OPEN and item.done is not None:
            expected = f"no done date while the item is {item.status}"
            found.append(Problem(loc.label, loc.where(n, "done"), "done", expected, str(item.done)))
        if item.done is not None and item.done > today:
            found.append(Problem(loc.label, loc.where(n, "done"), "done", f"a day on or before {today}", f"{item.done}, in the future"))
    return found


def _orphans(parts: Parts) -> list[Problem]:
    """Every KPI is moved by a procedure, and every procedure moves a KPI or controls a risk."""
    if parts.kpis is None or parts.procedures is None or parts.register is None:
        return []
    found = []
    moved = {k for p in parts.procedures for k in p.kpis}
    loc = parts.located["kpis.yml"]
    for n, k in enumerate(parts.kpis):
        if k.id not in moved:
            expected = "a procedure in data/procedures.yml that lists it under kpis (someone acts on it)"
            found.append(Problem(loc.label, loc.where(n), "id", expected, "no procedure moves it"))
    controls = {p for r in parts.register.risks for p in r.controls}
    loc = parts.located["procedures.yml"]
    for n, p in enumerate(parts.procedures):
        if not p.kpis and p.id not in controls:
            expected = "a procedure that moves a KPI or controls a risk in data/risks.yml"
            found.append(Problem(loc.label, loc.where(n), "kpis", expected, "neither: it points at nothing"))
    return found


def plan_warnings(handbook: Handbook, today: date) -> list[Problem]:
    """Date-dependent warnings: activities and roadmap items past their due date."""
    found = []
    loc = Located(handbook.located["org.yml"].label, handbook.located["org.yml"].doc, ("cadences",), "cadence")
    for n, due in enumerate(schedule(handbook.cadences, handbook.activity_log, today)):
        if due.overdue:
            expected = f"a {due.cadence.every} entry in data/activity_log.csv"
            last = f"the last was {due.last.entry.done}, due again {due.next_due}" if due.last else "none recorded"
            found.append(Problem(loc.label, loc.where(n), "activity_log", expected, last, "warning"))
    loc = handbook.located["roadmap.yml"]
    for n, item in enumerate(handbook.roadmap.items):
        if is_overdue(item, today):
            found.append(Problem(loc.label, loc.where(n, "due"), "status", f"done by {item.due}", f"still {item.status}", "warning"))
    return found
