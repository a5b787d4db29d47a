"""Rules for the KPI catalogue (data/kpis.yml): owners, sources and quotes, targets and their edges, series, baselines, queries.

And the warning a build shows when a KPI has had no value for longer than its cadence allows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..data.contracts.kpis import ControlPlan, Kpi
from ..data.handbook import Handbook
from ..data.loading import Parts
from ..data.periods import is_valid, period_end, period_of
from ..data.problems import Code, Problem, shown
from ..data.rules import department_ids, duplicates, ids, known, quote_problems, unknown_owner
from ..i18n.messages import gettext
from .facts import Facts
from .status import STALE
from .units import value_range
from .values import headline_series, series_id


def catalogue(parts: Parts, today: date) -> list[Problem]:
    """Each KPI's owner, sources, quotes, targets and thresholds, series and query."""
    loc = parts.located["kpis.yml"]
    label, found = loc.label, duplicates(parts.kpis, loc, "KPI")
    departments = department_ids(parts)
    by_id = {k.id: k for k in parts.kpis}
    sources = ids(parts.sources) if parts.sources is not None else None
    for n, k in enumerate(parts.kpis):
        w = lambda *f, n=n: loc.where(n, *f)  # noqa: E731
        found += unknown_owner(loc, n, k.owner, departments)
        for s in k.source:
            found += known(label, w("source"), "source", s, sources, gettext("a source id"))
        for e in k.evidence:
            found += quote_problems(parts, label, w("evidence"), "evidence.quote", e.source, e.quote)
            if e.source not in k.source:
                expected = gettext("one of this KPI's sources {sources}", sources=k.source)
                found.append(Problem(Code.UNKNOWN_REFERENCE, label, w("evidence"), "evidence.source", expected, shown(e.source)))
        for t in k.conflicting_targets:
            found += quote_problems(parts, label, w("conflicting_targets"), "conflicting_targets.quote", t.source, t.quote)
        if (k.target is None) == (k.target_change is None):
            expected = gettext("either 'target' or 'target_change', not both or neither")
            got = gettext("both") if k.target is not None else gettext("neither")
            found.append(Problem(Code.EITHER_OR, label, w(), "target", expected, got))
        if k.target_basis == "handbook" and not k.rationale:
            found.append(
                Problem(
                    Code.MISSING_VALUE,
                    label,
                    w("target_basis"),
                    "rationale",
                    gettext("a rationale for a target set by this handbook"),
                    gettext("nothing"),
                )
            )
        if k.target_basis == "source" and not k.evidence:
            expected = gettext("a quote from the source that sets the target (or target_basis: handbook)")
            found.append(Problem(Code.MISSING_VALUE, label, w(), "evidence", expected, gettext("nothing")))
        if k.unit == "score" and k.scale is None:
            expected = gettext("a scale {min, max} for a score")
            found.append(Problem(Code.MISSING_VALUE, label, w("unit"), "scale", expected, gettext("nothing")))
        found += _thresholds(k, label, w)
        if k.series is not None:
            other = by_id.get(k.series)
            if other is None or other.series is not None or other.unit != k.unit or other.cadence != k.cadence:
                expected = gettext("a KPI id with the same unit and cadence that has its own measurements")
                found.append(Problem(Code.UNKNOWN_REFERENCE, label, w("series"), "series", expected, shown(k.series)))
        if k.target_change and not is_valid(k.target_change.baseline, k.cadence):
            expected = period_of(k.cadence)
            where = w("target_change", "baseline")
            found.append(Problem(Code.BAD_PERIOD, label, where, "target_change.baseline", expected, shown(k.target_change.baseline)))
        if k.query and not (parts.data_dir / "queries" / k.query).is_file():
            found.append(Problem(Code.MISSING_FILE, label, w("query"), "query", gettext("a file in data/queries/"), shown(k.query)))
    return found


def _thresholds(k: Kpi, label: str, w: Callable[..., str]) -> list[Problem]:
    lo, hi, allowed = value_range(k)
    found = []
    limits = [("target", k.target), ("stretch", k.stretch), ("warning", k.warning)]
    limits += [("conflicting_targets.value", t.value) for t in k.conflicting_targets]
    for name, v in limits:
        if v is not None and ((lo is not None and v < lo) or (hi is not None and v > hi)):
            found.append(Problem(Code.OUT_OF_RANGE, label, w(name.split(".")[0]), name, allowed, shown(v)))
    if k.scale is not None and k.scale.min >= k.scale.max:
        got = gettext("{min} to {max}", min=f"{k.scale.min:g}", max=f"{k.scale.max:g}")
        found.append(Problem(Code.BAD_ORDER, label, w("scale"), "scale", gettext("a scale whose min is below its max"), got))
    if k.target is None:
        if k.warning is not None:
            expected = gettext("no warning edge with target_change (the target moves with its baseline)")
            found.append(Problem(Code.NOT_ALLOWED, label, w("warning"), "warning", expected, shown(k.warning)))
        return found
    better = 1 if k.direction == "higher" else -1
    target = f"{k.target:g}"
    if k.stretch is not None and (k.stretch - k.target) * better <= 0:
        if better == 1:
            expected = gettext("a stretch above the target {target} (higher is better)", target=target)
        else:
            expected = gettext("a stretch below the target {target} (lower is better)", target=target)
        found.append(Problem(Code.WRONG_SIDE, label, w("stretch"), "stretch", expected, shown(k.stretch)))
    if k.warning is not None and (k.warning - k.target) * better < 0:
        if better == 1:
            expected = gettext("a warning edge above or on the target {target} (higher is better)", target=target)
        else:
            expected = gettext("a warning edge below or on the target {target} (lower is better)", target=target)
        found.append(Problem(Code.WRONG_SIDE, label, w("warning"), "warning", expected, shown(k.warning)))
    return found


def baselines(parts: Parts, today: date) -> list[Problem]:
    """A target set as a change from a baseline needs a value in that baseline period."""
    if parts.measurements is None:
        return []
    loc, found = parts.located["kpis.yml"], []
    for n, k in enumerate(parts.kpis):
        change = k.target_change
        if change and is_valid(change.baseline, k.cadence):
            series = headline_series(parts.measurements, k)
            if change.baseline not in set(series["period"]):
                where = loc.where(n, "target_change", "baseline")
                expected = gettext("a period with a measurement of {kpi}", kpi=series_id(k))
                got = gettext("no value for {period}", period=change.baseline)
                found.append(Problem(Code.MISSING_BASELINE, loc.label, where, "target_change.baseline", expected, got))
    return found


def without_data(handbook: Handbook, facts: Facts, today: date) -> list[Problem]:
    """A KPI whose query cannot run on the exports provided: its page says so, and nothing is made up for it."""
    loc = handbook.located["kpis.yml"]
    return [
        Problem(Code.NO_DATA, f"{handbook.data_name}/queries/{f.kpi.query or f.kpi.series}", loc.where(n), "query",
                gettext("the exports its query reads"), f.gap, "warning")
        for n, f in enumerate(facts)
        if f.gap
    ]  # fmt: skip


def stale(handbook: Handbook, facts: Facts, today: date) -> list[Problem]:
    """A KPI whose latest value is older than its cadence and grace period allow."""
    found = []
    for f in facts:
        snap = f.snapshot
        if snap.status is STALE:
            files = ", ".join(handbook.files_of(series_id(f.kpi)))
            expected = gettext("a value for the period after {period} by now ({day})", period=snap.period, day=today)
            got = gettext("the latest is {period}", period=snap.period)
            found.append(Problem(Code.STALE, files, f'KPI "{f.kpi.id}"', "period", expected, got, "warning"))
    return found


def control_plans(parts: Parts, today: date) -> list[Problem]:
    """Each declared control stage: a period of the KPI's cadence, after the one before, changed by the time it began."""
    loc, found = parts.located["kpis.yml"], []
    roadmap = {i.id for i in parts.roadmap.items} if parts.roadmap is not None else None
    for n, k in enumerate(parts.kpis):
        plan, label = k.control, loc.label
        if k.series is not None and plan != ControlPlan():
            expected = gettext("no control plan: this KPI is charted with {kpi}'s series, staged as {kpi} declares", kpi=k.series)
            found.append(Problem(Code.NOT_ALLOWED, label, loc.where(n, "control"), "control", expected, gettext("a control plan")))
        previous = None
        for i, st in enumerate(plan.stages):
            w = loc.where(n, "control", "stages", i)
            if not is_valid(st.start, k.cadence):
                found.append(Problem(Code.BAD_PERIOD, label, w, "control.stages.from", period_of(k.cadence), shown(st.start)))
                continue
            if previous is not None and st.start <= previous:
                expected = gettext("a period after {period}", period=previous)
                found.append(Problem(Code.BAD_ORDER, label, w, "control.stages.from", expected, shown(st.start)))
            elif st.changed > period_end(st.start, k.cadence):
                expected = gettext("a change made by the end of {period}, when the stage it began starts", period=st.start)
                found.append(Problem(Code.BAD_ORDER, label, w, "control.stages.changed", expected, st.changed.isoformat()))
            if st.roadmap is not None:
                found += known(label, w, "control.stages.roadmap", st.roadmap, roadmap, gettext("a roadmap item id"))
            previous = st.start
    return found
