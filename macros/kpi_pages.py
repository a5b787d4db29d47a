"""The page of one KPI: definition, target and its evidence, trend, recent periods, roll-ups, breakdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from . import provenance
from .charts import ControlInput, TrendInput
from .contracts import Kpi
from .control_views import control_input, control_section
from .handbook import Handbook
from .kpi_status import against_target, snapshot
from .kpi_values import rollups, series_id
from .kpi_views import chart, status_badge, target_text, trend_input
from .links import ORG_PAGE, RISK_PAGE, link, procedure_page
from .process_control import control_of
from .provenance import Origin
from .tables import facts_table, markdown_table
from .units import SYMBOL, fmt, ratio_value, telling_decimals

RECENT = 12
ROLL_UPS = {"weekly": ("quarterly", "yearly"), "monthly": ("quarterly", "yearly"), "quarterly": ("yearly",), "yearly": ()}
BUCKET_NAMES = {"quarterly": "Quarter", "yearly": "Year"}


def kpi_page(handbook: Handbook, kpi_id: str, today: date, page: str, cache_dir: Path | None, origin: Origin) -> str:
    """Everything the handbook knows about one KPI, as Markdown under the page's own title."""
    k = handbook.kpi(kpi_id)
    s = snapshot(k, handbook.measurements, today)
    decimals = telling_decimals(s.value, s.target, k.unit)
    latest = f"{fmt(s.value, k.unit, decimals)} in {s.period}" if s.period else "no measurements yet"
    parts = [
        f"{k.name.zh} · **Latest:** {latest} · **Target:** {target_text(k, s.target, decimals=decimals)} · {status_badge(s.status)}",
        facts_table(_facts(handbook, k, page)),
        _source([f"{handbook.data_dir.name}/{name}" for name in ("kpis.yml", "procedures.yml", "risks.yml", "sources.yml")], None, origin),
    ]
    if k.evidence:
        quotes = "\n".join(f"- {e.source}: 「{e.quote}」" for e in k.evidence)
        parts.append(f"Where the target comes from:\n\n{quotes}")
    if k.rationale:
        parts.append(f"*Why this target:* {k.rationale}")
    for t in k.conflicting_targets:
        parts.append(
            f"## Conflicting target {{#conflicting-target}}\n\n"
            f'!!! warning "{t.source} states a different target"\n\n'
            f"    {t.source} also says 「{t.quote}」 ({target_text(k, t.value, t.inclusive)}). {t.note}"
        )
    parts.append("## Trend\n\n" + chart(handbook, k.id, today, cache_dir, origin))
    files = handbook.files_of(series_id(k))
    if not s.series.empty:
        parts.append(control_section(s, files, cache_dir, origin))
    if not s.series.empty:
        parts.append(f"## Last {RECENT} periods\n\n" + recent_table(k, s.series, s.target) + _source(files, s.period, origin))
        for to in ROLL_UPS[k.cadence]:
            table = rollup_table(k, s.series, s.target, to)
            parts.append(f"## By {BUCKET_NAMES[to].lower()}\n\n{_rollup_intro(k)}\n\n{table}{_source(files, s.period, origin)}")
    if k.scopes and not k.series:
        parts.append(breakdown(handbook, k, s.target, origin))
    return "\n\n".join(parts)


def charts_of(handbook: Handbook, today: date) -> list[TrendInput | ControlInput]:
    """Every chart the KPI pages will show, so they can be drawn ahead (see charts.draw_ahead)."""
    found: list[TrendInput | ControlInput] = []
    for k in handbook.kpis:
        s = snapshot(k, handbook.measurements, today)
        trend = trend_input(s)
        control = control_of(k, s.series)
        found += [trend] if trend else []
        found += [control_input(s, control)] if control else []
    return found


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


def recent_table(k: Kpi, series: pd.DataFrame, target: float | None) -> str:
    """The last periods, newest first, each judged against the target in force."""
    rows = []
    for r in series.tail(RECENT).iloc[::-1].itertuples(index=False):
        decimals = telling_decimals(r.value, target, k.unit)
        rows.append([r.period, _count(r.numerator), _count(r.denominator), fmt(r.value, k.unit, decimals), _judge(k, r.value, target)])
    return markdown_table(["Period", "Numerator", "Denominator", "Value", "Against target"], rows, "lrrrl")


def rollup_table(k: Kpi, series: pd.DataFrame, target: float | None, to: str) -> str:
    """Quarters or years, newest first, Σnumerator / Σdenominator; incomplete buckets say so."""
    rows = []
    for r in rollups(k, series, to).tail(4).iloc[::-1].itertuples(index=False):
        coverage = f"{r.periods} of {r.expected}" + (" (partial)" if r.periods < r.expected else "")
        decimals = telling_decimals(r.value, target, k.unit)
        value = fmt(r.value, k.unit, decimals) if r.value is not None and not pd.isna(r.value) else "—"
        rows.append([r.bucket, coverage, _count(r.numerator), _count(r.denominator), value, _judge(k, r.value, target)])
    return markdown_table([BUCKET_NAMES[to], "Periods", "Σ numerator", "Σ denominator", "Value", "Against target"], rows, "llrrrl")


def _rollup_intro(k: Kpi) -> str:
    if k.is_ratio:
        return "Each value is Σnumerator / Σdenominator over the periods it covers, never a mean of the period values."
    if k.unit in ("count", "yuan"):
        return "Each value is the sum of the periods it covers."
    return "This KPI has no numerator and denominator, so it is not rolled up."


def breakdown(handbook: Handbook, k: Kpi, target: float | None, origin: Origin) -> str:
    """The latest period by scope (category, merchant, region…), with the target applied to each."""
    rows_all = handbook.measurements[(handbook.measurements["kpi"] == k.id) & (handbook.measurements["scope"] != "")]
    if rows_all.empty:
        return ""
    period = max(rows_all["period"])
    latest = rows_all[rows_all["period"] == period].sort_values("scope")
    sections = []
    for kind in k.scopes:
        rows = []
        for r in latest[latest["scope"].str.startswith(f"{kind}=")].itertuples(index=False):
            value = ratio_value(k, r.numerator, r.denominator) if k.is_ratio else r.value
            decimals = telling_decimals(value, target, k.unit)
            name = r.scope.partition("=")[2]
            rows.append([name, _count(r.numerator), _count(r.denominator), fmt(value, k.unit, decimals), _judge(k, value, target)])
        if rows:
            table = markdown_table([kind.capitalize(), "Numerator", "Denominator", "Value", "Against target"], rows, "lrrrl")
            sections.append(f"## Breakdown by {kind} ({period})\n\n{table}")
    files = sorted(set(latest["file"]))
    return "\n\n".join(sections) + _source(files, period, origin)


def _source(files: list[str], period: str | None, origin: Origin) -> str:
    return f"\n\n<small>{provenance.note(files, period, origin)}</small>"
