"""A quarter's quality report as figures, and its record once the quarter is closed (data/records/YYYY-Qn.yml).

Each report judges every KPI's quarter against its target (rates as Σnumerator / Σdenominator over the quarter's
periods), compares it with the quarter before, lists the control-chart signals that fell in the quarter and the
complaint topics customers raised most. Closing a quarter works these out with the data there was at its end and
keeps them: the report then renders from the record, and a later change to a closed quarter's data is an error
until it is restated with a reason (the Markdown is in reports/views/).
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import yaml

from ..data import closure
from ..data.contracts.quarters import (
    Change,
    KpiResult,
    Limits,
    QuarterRecord,
    QuarterReport,
    Restatement,
    Signal,
    Topic,
    Topics,
    Unreported,
)
from ..data.exports.catalogue import Catalogue
from ..data.files import file_sha256
from ..data.handbook import Handbook
from ..data.periods import bucket, containing, period_end, period_start
from ..data.problems import Code, Problem
from ..i18n.messages import gettext
from ..kpis.control import KpiControl, has_limits
from ..kpis.facts import Facts, KpiFacts, facts_of
from ..kpis.status import Status, against_target
from ..kpis.units import DECIMALS, fmt, target_text, telling_decimals
from ..risks.complaints import TopicCounts
from .record_words import BETTER, LAST_PERIOD, PERIODS_OF, SAME, SIGNAL_SEPARATOR, WHOLE_QUARTER, WORSE

TOP_TOPICS = 5
RESTATE = "make close-quarter QUARTER={quarter} RESTATE=1 REASON='…'"


def report_quarters(handbook: Handbook) -> list[str]:
    """Quarters in which any monthly, weekly or quarterly KPI has a value, or that have a record, newest first."""
    cadence = {k.id: k.cadence for k in handbook.kpis}
    m = handbook.measurements
    quarters = {
        bucket(p, cadence[kpi], "quarterly")
        for kpi, p in zip(m["kpi"], m["period"], strict=True)
        if cadence.get(kpi) in ("weekly", "monthly", "quarterly")
    }
    return sorted(quarters | set(handbook.quarter_records), reverse=True)


def previous_quarter(quarter: str) -> str:
    return containing(period_start(quarter, "quarterly") - timedelta(days=1), "quarterly")


def quarter_value(f: KpiFacts, quarter: str) -> tuple[float | None, str]:
    """A KPI's figure for the quarter and how it was formed (a roll-up, or its last period if it cannot be rolled up)."""
    if f.kpi.cadence == "quarterly":
        row = f.series[f.series["period"] == quarter]
        return (float(row.iloc[0]["value"]), WHOLE_QUARTER) if len(row) else (None, "")
    if quarter not in f.quarters.index:
        return None, ""
    b = f.quarters.loc[quarter]
    if b["value"] is not None and not pd.isna(b["value"]):
        return float(b["value"]), PERIODS_OF.format(periods=b["periods"], expected=b["expected"])
    return float(b["last_value"]), LAST_PERIOD.format(period=b["last_period"])


def judged(facts: Facts, quarter: str) -> list[tuple[KpiFacts, float, str, Status | None]]:
    """Each KPI with a value in the quarter: its facts, the quarter's value, how it was formed, its status (None without target)."""
    found = []
    for f in facts:
        k, target = f.kpi, f.snapshot.target
        if k.cadence == "yearly":
            continue
        value, basis = quarter_value(f, quarter)
        if value is not None:
            status = against_target(value, target, k.direction, k.warning, k.target_inclusive) if target is not None else None
            found.append((f, value, basis, status))
    return found


def quarter_report(handbook: Handbook, facts: Facts, topics: TopicCounts, quarter: str) -> QuarterReport:
    """The quarter's figures from these facts: today's for a quarter still open, its end's when it is closed."""
    previous = previous_quarter(quarter)
    results = []
    for f, value, basis, status in judged(facts, quarter):
        k, target = f.kpi, f.snapshot.target
        before, _ = quarter_value(f, previous)
        decimals = telling_decimals(value, target, k.unit, k.warning)
        results.append(
            KpiResult(
                kpi=k.id,
                name=k.name.en,
                unit=k.unit,
                value=value,
                shown=fmt(value, k.unit, decimals),
                basis=basis,
                provisional=sum(bucket(p, k.cadence, "quarterly") == quarter for p in f.provisional),
                target=target,
                target_text=target_text(k, target, decimals=decimals),
                status=status.key if status is not None else None,
                previous=before,
                previous_shown=fmt(before, k.unit),
                change=_change(k.unit, k.direction, value, before),
            )  # fmt: skip
        )
    unreported = [Unreported(kpi=f.kpi.id, name=f.kpi.name.en, reason=f.gap) for f in facts if f.gap and f.snapshot.period is None]
    return QuarterReport(
        quarter=quarter,
        previous=previous,
        results=results,
        unreported=unreported,
        signals=[s for f in facts if f.control is not None and not f.kpi.series for s in _signals(f.control, quarter)],
        limits=[lim for f in facts if f.control is not None and not f.kpi.series for lim in _limits(f.control, quarter)],
        topics=_topics(handbook, topics, quarter, previous),
        files=sorted(set(handbook.measurements["file"])),
    )


def close(handbook: Handbook, topics: TopicCounts, gaps: dict[str, str], quarter: str, day: date) -> QuarterRecord:
    """The quarter's record: its figures with the data there was at its end, and the digests of what they came from."""
    end = period_end(quarter, "quarterly")
    then = as_at_end(handbook, quarter)
    closed_before = closure.cutoff(handbook.data_dir, handbook.exports_map, day)  # closing is refused while any period is open
    report = quarter_report(then, facts_of(then, end + timedelta(days=1), gaps, closed_before), topics, quarter)
    return QuarterRecord(**report.model_dump(), closed_on=day, inputs=_inputs(handbook, report))


def restate(old: QuarterRecord, new: QuarterRecord, day: date, reason: str) -> QuarterRecord:
    """The new figures, with the old record's restatements and one more saying what changed and why."""
    changes = differences(old, new)
    entry = [Restatement(on=day, reason=reason, changes=changes)] if changes else []
    return new.model_copy(update={"closed_on": old.closed_on, "restatements": [*old.restatements, *entry]})


def differences(old: QuarterReport, new: QuarterReport) -> list[Change]:
    """Each figure the data decide that differs, said as the page shows it: a KPI's value and what it was formed from,
    the complaints per topic. A new way of showing or judging them (more decimals, frozen limits) is not a change of
    the quarter's data, as `records_hold` holds too."""
    found = []
    before, after = {r.kpi: r for r in old.results}, {r.kpi: r for r in new.results}
    for kpi in sorted(before.keys() | after.keys()):
        a, b = before.get(kpi), after.get(kpi)
        if a is None or b is None or not math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-12):
            found.append(Change(what=f"{(a or b).name} value", old=a.shown if a else "—", new=b.shown if b else "—"))
        elif a.basis != b.basis:
            found.append(Change(what=f"{a.name} from", old=a.basis, new=b.basis))
    counted = {t.topic: t.complaints for t in old.topics.top}, {t.topic: t.complaints for t in new.topics.top}
    for topic in sorted(counted[0].keys() | counted[1].keys()):
        if counted[0].get(topic) != counted[1].get(topic):
            found.append(Change(what=f"complaints about {topic}", old=str(counted[0].get(topic, "—")), new=str(counted[1].get(topic, "—"))))
    return found


def records_hold(handbook: Handbook, facts: Facts, topics: TopicCounts, restating: str | None = None) -> list[Problem]:
    """Each closed quarter's figures are still what today's data give for it: a changed one must be restated."""
    found = []
    for quarter, record in sorted(handbook.quarter_records.items()):
        if quarter == restating:
            continue
        label, how = f"{handbook.data_name}/records/{quarter}.yml", RESTATE.format(quarter=quarter)
        now = {f.kpi.id: value for f, value, _, _ in judged(facts, quarter)}
        for r in record.results:
            value = now.pop(r.kpi, None)
            if r.kpi in facts.by_id and (value is None or not math.isclose(value, r.value, rel_tol=1e-9, abs_tol=1e-12)):
                shown = fmt(value, r.unit) if value is not None else gettext("no value")
                expected = gettext(
                    "{value}, as the closed quarter's record has it (if the data are right, restate: {command})", value=r.shown, command=how
                )
                got = gettext("{value} from today's data", value=shown)
                found.append(Problem(Code.CLOSED_CHANGED, label, f"quarter {quarter}", r.kpi, expected, got))
        for kpi, value in now.items():
            expected = gettext("no value, as the closed quarter's record has it (to add it: {command})", command=how)
            found.append(Problem(Code.CLOSED_CHANGED, label, f"quarter {quarter}", kpi, expected, f"{fmt(value, facts[kpi].kpi.unit)}"))
        if record.topics.reason is None and topics.reason is None:
            live = _topics(handbook, topics, quarter, record.previous)
            if live.total != record.topics.total:
                expected = gettext(
                    "{n} complaints opened in the quarter, as its record has it ({command})", n=record.topics.total, command=how
                )
                found.append(Problem(Code.CLOSED_CHANGED, label, f"quarter {quarter}", "complaints", expected, str(live.total)))
    return found


def as_at_end(handbook: Handbook, quarter: str) -> Handbook:
    """The handbook with only the measurements of periods that ended by the quarter's end."""
    end = period_end(quarter, "quarterly")
    cadence = {k.id: k.cadence for k in handbook.kpis}
    m = handbook.measurements
    keep = [k in cadence and period_end(p, cadence[k]) <= end for k, p in zip(m["kpi"], m["period"], strict=True)]
    return replace(handbook, measurements=m[keep])


def _change(unit: str, direction: str, value: float, before: float | None) -> str:
    if before is None:
        return "—"
    delta = round(value - before, DECIMALS[unit])
    if delta == 0:
        return SAME
    better = (delta > 0) == (direction == "higher")
    return f"{BETTER if better else WORSE} {delta:+.{DECIMALS[unit]}f}"


def movement(said: str) -> str | None:
    """ "better", "worse" or "same" from a result's change or a signal's side, as a report or record words it; None for none."""
    return next((name for name, words in (("better", BETTER), ("worse", WORSE), ("same", SAME)) if said.startswith(words)), None)


def _signals(control: KpiControl, quarter: str) -> list[Signal]:
    k = control.kpi
    found = []
    for i, sigs in control.by_point().items():
        period = control.periods[i]
        if bucket(period, k.cadence, "quarterly") == quarter:
            side = WORSE if control.is_worse(sigs[0]) else BETTER
            rules = ", ".join(f"WE{s.rule}" for s in sigs)
            description = SIGNAL_SEPARATOR.join(s.description for s in sigs)
            found.append(Signal(kpi=k.id, name=k.name.en, period=period, rules=rules, description=description, side=side,
                                chart=control.kind_at(i)))  # fmt: skip
    return found


def _limits(control: KpiControl, quarter: str) -> list[Limits]:
    k, chart = control.kpi, control.chart
    inside = [i for i, p in enumerate(control.periods) if bucket(p, k.cadence, "quarterly") == quarter]
    if not inside or not has_limits(control, inside[-1]):
        return []
    i, value = inside[-1], control.value
    centre, lower, upper = value(chart.centre[i]), value(chart.lower[i]), value(chart.upper[i])
    return [Limits(kpi=k.id, name=k.name.en, unit=k.unit, chart=control.kind_at(i), period=control.periods[i],
                   centre=centre, lower=lower, upper=upper)]  # fmt: skip


def _topics(handbook: Handbook, topics: TopicCounts, quarter: str, previous: str) -> Topics:
    files = Catalogue(handbook.exports_map).files(["complaints"], handbook.data_dir)
    if topics.reason:
        return Topics(reason=topics.reason, files=files)
    counts = topics.counts
    now = dict(zip(counts.loc[counts["quarter"] == quarter, "topic"], counts.loc[counts["quarter"] == quarter, "complaints"], strict=True))
    before = counts.loc[counts["quarter"] == previous]
    earlier = dict(zip(before["topic"], before["complaints"], strict=True))
    top = sorted(now.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TOPICS]
    rows = [Topic(topic=str(t), complaints=int(n), previous=int(earlier.get(t, 0))) for t, n in top]
    return Topics(total=int(sum(now.values())), top=rows, files=files)


def _inputs(handbook: Handbook, report: QuarterReport) -> dict[str, str]:
    """The files the figures come from: the KPI catalogue, the measurements and the complaints export."""
    data = handbook.data_dir
    names = ["kpis.yml", *(f.split("/", 1)[1] for f in report.files), *(f.split("/", 1)[1] for f in report.topics.files)]
    return {f"{data.name}/{n}": file_sha256(data / n) for n in dict.fromkeys(names)}


HEADER = """\
# The record of quarter {quarter} as it was closed: every figure its quality report shows, worked out with the data
# there was at the quarter's end. Written by `make close-quarter`; never edit it. A later change to the quarter's
# data fails the build until it is restated, with a reason: make close-quarter QUARTER={quarter} RESTATE=1 REASON='…'
"""


def record_text(record: QuarterRecord) -> bytes:
    body = yaml.safe_dump(record.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=160)
    return (HEADER.format(quarter=record.quarter) + body).encode("utf-8")
