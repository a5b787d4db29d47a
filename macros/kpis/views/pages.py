"""The page of one KPI: definition, target and its evidence, trend, recent periods, roll-ups, breakdown."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from ...data.contracts.kpis import Kpi
from ...data.handbook import Handbook
from ...data.periods import bucket
from ...render.links import ORG_PAGE, RISK_PAGE, link, procedure_page
from ...render.provenance import small
from ...render.quotes import cited, quoted
from ...render.tables import facts_table, markdown_table
from ..facts import KpiFacts
from ..status import against_target
from ..units import SYMBOL, fmt, ratio_value, target_text, telling_decimals
from ..values import ROLL_UPS, series_id
from .charts import trend_figure
from .control import control_section
from .figures import PROVISIONAL, period_text, status_badge

if TYPE_CHECKING:
    from . import KpiView

RECENT = 12
BUCKET_NAMES = {"quarterly": "Quarter", "yearly": "Year"}


def kpi_page(c: KpiView, kpi_id: str) -> str:
    """Everything the handbook knows about one KPI, as Markdown under the page's own title."""
    handbook, page = c.handbook, c.page
    k = handbook.kpi(kpi_id)
    f = c.facts[k.id]
    s = f.snapshot
    decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
    latest = (
        f"{fmt(s.value, k.unit, decimals)} in {period_text(s.period, s.provisional)}"
        if s.period
        else f"no data: {f.gap or 'no measurements yet'}"
    )
    parts = [
        f"{k.name.zh} · **Latest:** {latest} · **Target:** {target_text(k, s.target, decimals=decimals)} · {status_badge(s.status)}",
        facts_table(_facts(handbook, k, page)),
        _source(c, [f"{handbook.data_name}/{name}" for name in ("kpis.yml", "procedures.yml", "risks.yml", "sources.yml")], None),
    ]
    if f.gap and s.period:
        parts.append(f'!!! warning "Its query cannot run"\n\n    {f.gap[0].upper()}{f.gap[1:]}: the values below were computed before.')
    if k.evidence:
        quotes = "\n".join(f"- {cited(e.source, e.quote)}" for e in k.evidence)
        parts.append(f"Where the target comes from:\n\n{quotes}")
    if k.rationale:
        parts.append(f"*Why this target:* {k.rationale}")
    for t in k.conflicting_targets:
        parts.append(
            f"## Conflicting target {{#conflicting-target}}\n\n"
            f'!!! warning "{t.source} states a different target"\n\n'
            f"    {t.source} also says {quoted(t.quote)} ({target_text(k, t.value, t.inclusive)}). {t.note}"
        )
    parts.append("## Trend\n\n" + trend_figure(c, k.id))
    files = handbook.files_of(series_id(k))
    if not s.series.empty:
        parts.append(control_section(c, f, files))
        parts.append(f"## Last {RECENT} periods\n\n" + recent_table(k, s.series, s.target, f.provisional) + _source(c, files, s.period))
        for to in ROLL_UPS[k.cadence]:
            table = rollup_table(f, to)
            parts.append(f"## By {BUCKET_NAMES[to].lower()}\n\n{_rollup_intro(k)}\n\n{table}{_source(c, files, s.period)}")
    if k.scopes and not k.series:
        parts.append(breakdown(c, k, s.target))
    return "\n\n".join(parts)


def _facts(handbook: Handbook, k: Kpi, page: str) -> list[list[str]]:
    owner = handbook.department(k.owner)
    facts = [
        ["Owner", link(f"{owner.name.en} ({owner.name.zh})", page, ORG_PAGE, k.owner)],
        ["Cadence", k.cadence],
        ["Numerator" if k.definition.denominator else "Counts", k.definition.numerator],
    ]
    if k.definition.denominator:
        facts.append(["Denominator", k.definition.denominator])
    facts.append(["Target", target_text(k, k.target) + _target_note(k) if k.target is not None else _target_note(k).strip(" ()")])
    if k.stretch is not None:
        facts.append(["Stretch target", target_text(k, k.stretch)])
    if k.warning is not None and k.target is not None:
        facts.append(["At risk from", f"{fmt(k.warning, k.unit)} to the target (both included)"])
    facts.append(["Source", "; ".join(f"{s} {handbook.source(s).title.en}" for s in k.source)])
    procs = handbook.procedures_moving(k.id)
    facts.append(["Procedures that move it", ", ".join(link(p.name.en, page, procedure_page(p.id)) for p in procs) or "—"])
    risks = sorted({r.id: r for p in procs for r in handbook.risks_controlled_by(p.id)}.values(), key=lambda r: r.id)
    facts.append(["Risks those procedures control", ", ".join(link(f"{r.id} {r.title}", page, RISK_PAGE) for r in risks) or "—"])
    return facts


def _target_note(k: Kpi) -> str:
    if k.target_change is None:
        return " (set by this handbook)" if k.target_basis == "handbook" else ""
    ch = k.target_change
    change = f"{ch.by:+g} %" if ch.relative else f"{ch.by:+g}{SYMBOL[k.unit]}"
    return f" ({change} on the {ch.baseline} value of {series_id(k)})"


def _count(x: float | None) -> str:
    if x is None or pd.isna(x):
        return "—"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _judge(k: Kpi, value: float | None, target: float | None) -> str:
    if value is None or pd.isna(value) or target is None:
        return "—"
    warning = k.warning if k.target is not None else None
    return status_badge(against_target(value, target, k.direction, warning, k.target_inclusive))


def recent_table(k: Kpi, series: pd.DataFrame, target: float | None, provisional: frozenset[str] = frozenset()) -> str:
    """The last periods, newest first, each judged against the target in force; those still open marked so."""
    rows = []
    for r in series.tail(RECENT).iloc[::-1].itertuples(index=False):
        decimals = telling_decimals(r.value, target, k.unit, k.warning)
        rows.append(
            [
                period_text(r.period, r.period in provisional),
                _count(r.numerator),
                _count(r.denominator),
                fmt(r.value, k.unit, decimals),
                _judge(k, r.value, target),
            ]
        )
    return markdown_table(["Period", "Numerator", "Denominator", "Value", "Against target"], rows, "lrrrl")


def rollup_table(f: KpiFacts, to: str) -> str:
    """Quarters or years, newest first, Σnumerator / Σdenominator; incomplete buckets say so."""
    k, target = f.kpi, f.snapshot.target
    rows = []
    open_in = Counter(bucket(p, k.cadence, to) for p in f.provisional)
    for r in f.rolled[to].tail(4).iloc[::-1].itertuples(index=False):
        coverage = f"{r.periods} of {r.expected}" + (" (partial)" if r.periods < r.expected else "")
        coverage += f", {open_in[r.bucket]} {PROVISIONAL}" if open_in[r.bucket] else ""
        decimals = telling_decimals(r.value, target, k.unit, k.warning)
        value = fmt(r.value, k.unit, decimals) if r.value is not None and not pd.isna(r.value) else "—"
        rows.append([r.bucket, coverage, _count(r.numerator), _count(r.denominator), value, _judge(k, r.value, target)])
    return markdown_table([BUCKET_NAMES[to], "Periods", "Σ numerator", "Σ denominator", "Value", "Against target"], rows, "llrrrl")


def _rollup_intro(k: Kpi) -> str:
    if k.is_ratio:
        return "Each value is Σnumerator / Σdenominator over the periods it covers, never a mean of the period values."
    if k.unit in ("count", "yuan"):
        return "Each value is the sum of the periods it covers."
    return "This KPI has no numerator and denominator, so it is not rolled up."


def breakdown(c: KpiView, k: Kpi, target: float | None) -> str:
    """The latest period by scope (category, merchant, region…), with the target applied to each."""
    handbook = c.handbook
    rows = handbook.measurements_of(k.id)
    rows_all = rows[rows["scope"] != ""]
    if rows_all.empty:
        return ""
    period = max(rows_all["period"])
    latest = rows_all[rows_all["period"] == period].sort_values("scope")
    sections = []
    for kind in k.scopes:
        rows = []
        for r in latest[latest["scope"].str.startswith(f"{kind}=")].itertuples(index=False):
            value = ratio_value(k, r.numerator, r.denominator) if k.is_ratio else r.value
            decimals = telling_decimals(value, target, k.unit, k.warning)
            name = r.scope.partition("=")[2]
            rows.append([name, _count(r.numerator), _count(r.denominator), fmt(value, k.unit, decimals), _judge(k, value, target)])
        if rows:
            table = markdown_table([kind.capitalize(), "Numerator", "Denominator", "Value", "Against target"], rows, "lrrrl")
            sections.append(f"## Breakdown by {kind} ({period})\n\n{table}")
    files = sorted(set(latest["file"]))
    return "\n\n".join(sections) + _source(c, files, period)


def _source(c: KpiView, files: list[str], period: str | None) -> str:
    return f"\n\n{small(files, period, c.origin)}"
