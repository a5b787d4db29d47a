"""Rules for who does what: the sources, departments, RACI, recurring activities and their log, procedures, and
the traceability of KPIs, procedures and risks (no orphans). And the warning for an activity that is overdue."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ..data.handbook import Handbook
from ..data.loading import Located, Parts, row_where
from ..data.problems import Code, Problem, shown
from ..data.rules import department_ids, duplicates, ids, known, maybe_ids, unknown_owner
from ..i18n.messages import gettext
from ..kpis.facts import Facts
from .cadence import EVERY, schedule


def sources(parts: Parts, today: date) -> list[Problem]:
    """Each source document is a file in the repository."""
    loc = parts.located["sources.yml"]
    found = duplicates(parts.sources, loc, "source")
    for n, s in enumerate(parts.sources):
        if not (parts.root / s.file).is_file():
            expected = gettext("a file in the repository")
            found.append(Problem(Code.MISSING_FILE, loc.label, loc.where(n, "file"), "file", expected, shown(s.file)))
    return found


def departments(parts: Parts, today: date) -> list[Problem]:
    """Each department, and each of its duties, names known sources."""
    loc, known_sources = parts.located["org.yml"], maybe_ids(parts.sources)
    found = duplicates(parts.org.departments, loc, "department")
    for n, d in enumerate(parts.org.departments):
        for s in d.sources:
            found += known(loc.label, loc.where(n, "sources"), "sources", s, known_sources, gettext("a source id"))
        for r in d.responsibilities:
            if r.source:
                where = loc.where(n, "responsibilities")
                found += known(loc.label, where, "responsibilities.source", r.source, known_sources, gettext("a source id"))
    return found


def procedures(parts: Parts, today: date) -> list[Problem]:
    """Each procedure's owner, the KPIs it moves and its sources exist."""
    loc = parts.located["procedures.yml"]
    found = duplicates(parts.procedures, loc, "procedure")
    depts, kpis, known_sources = department_ids(parts), ids(parts.kpis), maybe_ids(parts.sources)
    for n, p in enumerate(parts.procedures):
        found += unknown_owner(loc, n, p.owner, depts)
        for k in p.kpis:
            if parts.kpis is not None and k not in kpis:
                expected = gettext("a KPI id from data/kpis.yml")
                found.append(Problem(Code.UNKNOWN_REFERENCE, loc.label, loc.where(n, "kpis"), "kpis", expected, shown(k)))
        for s in p.source:
            found += known(loc.label, loc.where(n, "source"), "source", s, known_sources, gettext("a source id"))
    return found


def _org_list(located: dict[str, Located], key: str, noun: str) -> Located:
    """Where the records of one of org.yml's lists were written (the file's default list is its departments)."""
    base = located["org.yml"]
    return Located(base.label, base.doc, (key,), noun)


def raci(parts: Parts, today: date) -> list[Problem]:
    """Known departments in every role, one accountable, and no department in two roles of one activity."""
    loc = _org_list(parts.located, "raci", "RACI activity")
    depts, procs, known_sources = department_ids(parts), maybe_ids(parts.procedures), maybe_ids(parts.sources)
    found = []
    for n, a in enumerate(parts.org.raci):
        where = loc.where(n)
        for letter in "RACI":
            for d in [a.A] if letter == "A" else getattr(a, letter):
                found += known(loc.label, where, letter, d, depts, gettext("a department id from data/org.yml"))
        if a.procedure:
            found += known(loc.label, where, "procedure", a.procedure, procs, gettext("a procedure id from data/procedures.yml"))
        if a.source:
            found += known(loc.label, where, "source", a.source, known_sources, gettext("a source id"))
        roles = Counter([*set(a.R), *set(a.C), *set(a.I)])
        if a.A in a.C or a.A in a.I:
            expected = gettext("an accountable department that is not also consulted or informed")
            found.append(Problem(Code.ROLE_CONFLICT, loc.label, where, "A", expected, shown(a.A)))
        twice = sorted(d for d, count in roles.items() if count > 1)
        if twice:
            expected, got = gettext("each department in one role per activity"), gettext("{ids} in two", ids=", ".join(twice))
            found.append(Problem(Code.ROLE_CONFLICT, loc.label, where, "R/C/I", expected, got))
    return found


def cadences(parts: Parts, today: date) -> list[Problem]:
    """Each recurring activity's owner, procedure and sources exist."""
    loc = _org_list(parts.located, "cadences", "cadence")
    depts, procs, known_sources = department_ids(parts), maybe_ids(parts.procedures), maybe_ids(parts.sources)
    found = duplicates(parts.org.cadences, loc, "cadence")
    for n, cad in enumerate(parts.org.cadences):
        found += unknown_owner(loc, n, cad.owner, depts)
        if cad.procedure:
            found += known(loc.label, loc.where(n, "procedure"), "procedure", cad.procedure, procs, gettext("a procedure id"))
        for s in cad.source:
            found += known(loc.label, loc.where(n, "source"), "source", s, known_sources, gettext("a source id"))
    return found


def activity_log(parts: Parts, today: date) -> list[Problem]:
    """Each entry names a known activity, a day that has come, and is recorded once."""
    if parts.org is None:
        return []
    label = f"{parts.data_dir.name}/activity_log.csv"
    activities = {cad.id for cad in parts.org.cadences}
    found, seen = [], set()
    for logged in parts.activity_log:
        e = logged.entry
        where = row_where(logged.row, e.activity, e.done.isoformat())
        found += known(label, where, "activity", e.activity, activities, gettext("a cadence id from data/org.yml"))
        if e.done > today:
            expected, got = gettext("a day on or before {day}", day=today), gettext("{value}, in the future", value=e.done)
            found.append(Problem(Code.FUTURE_DATE, label, where, "done", expected, got))
        if (e.activity, e.done) in seen:
            expected = gettext("each activity once per day")
            found.append(Problem(Code.DUPLICATE_ROW, label, where, "done", expected, gettext("a second row")))
        seen.add((e.activity, e.done))
    return found


def orphans(parts: Parts, today: date) -> list[Problem]:
    """Every KPI is moved by a procedure, and every procedure moves a KPI or controls a risk."""
    if parts.procedures is None or parts.register is None:
        return []
    found = []
    moved = {k for p in parts.procedures for k in p.kpis}
    loc = parts.located["kpis.yml"]
    for n, k in enumerate(parts.kpis):
        if k.id not in moved:
            expected = gettext("a procedure in data/procedures.yml that lists it under kpis (someone acts on it)")
            found.append(Problem(Code.ORPHAN, loc.label, loc.where(n), "id", expected, gettext("no procedure moves it")))
    controls = {p for r in parts.register.risks for p in r.controls}
    loc = parts.located["procedures.yml"]
    for n, p in enumerate(parts.procedures):
        if not p.kpis and p.id not in controls:
            expected = gettext("a procedure that moves a KPI or controls a risk in data/risks.yml")
            found.append(Problem(Code.ORPHAN, loc.label, loc.where(n), "kpis", expected, gettext("neither: it points at nothing")))
    return found


def activities_overdue(handbook: Handbook, facts: Facts, today: date) -> list[Problem]:
    """A recurring activity not recorded as done within its cadence."""
    loc = _org_list(handbook.located, "cadences", "cadence")
    found = []
    for n, due in enumerate(schedule(handbook.cadences, handbook.activity_log, today)):
        if due.overdue:
            expected = gettext("a {every} entry in data/activity_log.csv", every=gettext(EVERY[due.cadence.every]))
            if due.last:
                last = gettext("the last was {day}, due again {due}", day=due.last.entry.done, due=due.next_due)
            else:
                last = gettext("none recorded")
            found.append(Problem(Code.OVERDUE, loc.label, loc.where(n), "activity_log", expected, last, "warning"))
    return found
