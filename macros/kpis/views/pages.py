"""The page of one KPI: definition, target and its evidence, trend, recent periods, roll-ups, breakdown."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from ...data.contracts.kpis import Kpi
from ...data.handbook import Handbook
from ...data.periods import bucket
from ...i18n.formats import period as shown
from ...i18n.messages import N_, gettext, named, other_named
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
from .figures import period_text, provisional_mark, status_badge

if TYPE_CHECKING:
    from . import KpiView

RECENT = 12
BUCKET_NAMES = {"quarterly": N_("Quarter"), "yearly": N_("Year")}
# Each roll-up's section: its anchor, the same in every language (pages link to it), and its heading.
BY_BUCKET = {"quarterly": ("by-quarter", N_("By quarter")), "yearly": ("by-year", N_("By year"))}
CADENCES = {"weekly": N_("weekly"), "monthly": N_("monthly"), "quarterly": N_("quarterly"), "yearly": N_("yearly")}


def kpi_page(c: KpiView, kpi_id: str) -> str:
    """Everything the handbook knows about one KPI, as Markdown under the page's own title."""
    handbook, page = c.handbook, c.page
    k = handbook.kpi(kpi_id)
    f = c.facts[k.id]
    s = f.snapshot
    decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
    latest = (
        gettext("{value} in {period}", value=fmt(s.value, k.unit, decimals), period=period_text(s.period, s.provisional))
        if s.period
        else gettext("no data: {why}", why=f.gap or gettext("no measurements yet"))
    )
    said = {"latest": gettext("Latest:"), "target": gettext("Target:")}
    target = target_text(k, s.target, decimals=decimals)
    parts = [
        f"{other_named(k.name)} · **{said['latest']}** {latest} · **{said['target']}** {target} · {status_badge(s.status)}",
        facts_table(_facts(handbook, k, page)),
        _source(c, [f"{handbook.data_name}/{name}" for name in ("kpis.yml", "procedures.yml", "risks.yml", "sources.yml")], None),
    ]
    if f.gap and s.period:
        why = gettext("{why}: the values below were computed before.", why=f"{f.gap[0].upper()}{f.gap[1:]}")
        title = gettext("Its query cannot run")
        parts.append(f'!!! warning "{title}"\n\n    {why}')
    if k.evidence:
        quotes = "\n".join(f"- {cited(e.source, e.quote)}" for e in k.evidence)
        parts.append(gettext("Where the target comes from:") + f"\n\n{quotes}")
    if k.rationale:
        parts.append("*" + gettext("Why this target:") + f"* {named(k.rationale)}")
    for t in k.conflicting_targets:
        says = gettext(
            "{source} also says {quote} ({target}).", source=t.source, quote=quoted(t.quote), target=target_text(k, t.value, t.inclusive)
        )
        heading, title = gettext("Conflicting target"), gettext("{source} states a different target", source=t.source)
        parts.append(f'## {heading} {{#conflicting-target}}\n\n!!! warning "{title}"\n\n    {says} {named(t.note)}')
    # Headings carry their anchors: links and CSV file names keep them in every language.
    parts.append("## " + gettext("Trend") + " {#trend}\n\n" + trend_figure(c, k.id))
    files = handbook.files_of(series_id(k))
    if not s.series.empty:
        parts.append(control_section(c, f, files))
        parts.append(
            "## "
            + gettext("Last {n} periods", n=RECENT)
            + f" {{#last-{RECENT}-periods}}\n\n"
            + recent_table(k, s.series, s.target, f.provisional)
            + _source(c, files, s.period)
        )
        for to in ROLL_UPS[k.cadence]:
            table = rollup_table(f, to)
            anchor, heading = BY_BUCKET[to]
            parts.append(f"## {gettext(heading)} {{#{anchor}}}\n\n{_rollup_intro(k)}\n\n{table}{_source(c, files, s.period)}")
    if k.scopes and not k.series:
        parts.append(breakdown(c, k, s.target))
    return "\n\n".join(parts)


def _facts(handbook: Handbook, k: Kpi, page: str) -> list[list[str]]:
    owner = handbook.department(k.owner)
    facts = [
        [gettext("Owner"), link(f"{named(owner.name)} ({other_named(owner.name)})", page, ORG_PAGE, k.owner)],
        [gettext("Cadence"), gettext(CADENCES[k.cadence])],
        [gettext("Numerator") if k.definition.denominator else gettext("Counts"), named(k.definition.numerator)],
    ]
    if k.definition.denominator:
        facts.append([gettext("Denominator"), named(k.definition.denominator)])
    note = _target_note(k)
    if k.target is not None:
        facts.append([gettext("Target"), target_text(k, k.target) + (f" ({note})" if note else "")])
    else:
        facts.append([gettext("Target"), note])
    if k.stretch is not None:
        facts.append([gettext("Stretch target"), target_text(k, k.stretch)])
    if k.warning is not None and k.target is not None:
        facts.append([gettext("At risk from"), gettext("{warning} to the target (both included)", warning=fmt(k.warning, k.unit))])
    facts.append([gettext("Source"), "; ".join(f"{s} {named(handbook.source(s).title)}" for s in k.source)])
    procs = handbook.procedures_moving(k.id)
    facts.append([gettext("Procedures that move it"), ", ".join(link(named(p.name), page, procedure_page(p.id)) for p in procs) or "—"])
    risks = sorted({r.id: r for p in procs for r in handbook.risks_controlled_by(p.id)}.values(), key=lambda r: r.id)
    controlled = ", ".join(link(f"{r.id} {named(r.title)}", page, RISK_PAGE) for r in risks)
    facts.append([gettext("Risks those procedures control"), controlled or "—"])
    return facts


def _target_note(k: Kpi) -> str:
    """Where the target comes from when it is not a fixed figure from a source: said after it, or in its place."""
    if k.target_change is None:
        return gettext("set by this handbook") if k.target_basis == "handbook" else ""
    ch = k.target_change
    change = f"{ch.by:+g} %" if ch.relative else f"{ch.by:+g}{SYMBOL[k.unit]}"
    return gettext("{change} on the {baseline} value of {kpi}", change=change, baseline=shown(ch.baseline), kpi=series_id(k))


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
    return markdown_table([gettext(h) for h in (N_("Period"), *AMOUNTS)], rows, "lrrrl")


# The columns of a table of periods or scopes after its first.
AMOUNTS = (N_("Numerator"), N_("Denominator"), N_("Value"), N_("Against target"))


def rollup_table(f: KpiFacts, to: str) -> str:
    """Quarters or years, newest first, Σnumerator / Σdenominator; incomplete buckets say so."""
    k, target = f.kpi, f.snapshot.target
    rows = []
    open_in = Counter(bucket(p, k.cadence, to) for p in f.provisional)
    for r in f.rolled[to].tail(4).iloc[::-1].itertuples(index=False):
        coverage = _coverage(r.periods, r.expected, open_in[r.bucket])
        decimals = telling_decimals(r.value, target, k.unit, k.warning)
        value = fmt(r.value, k.unit, decimals) if r.value is not None and not pd.isna(r.value) else "—"
        rows.append([shown(r.bucket), coverage, _count(r.numerator), _count(r.denominator), value, _judge(k, r.value, target)])
    headers = [
        gettext(h) for h in (BUCKET_NAMES[to], N_("Periods"), N_("Σ numerator"), N_("Σ denominator"), N_("Value"), N_("Against target"))
    ]
    return markdown_table(headers, rows, "llrrrl")


def _coverage(periods: int, expected: int, still_open: int) -> str:
    """How many of a bucket's periods it has, whether it is partial, and how many of them are still open."""
    said = {"periods": periods, "expected": expected, "open": still_open, "provisional": provisional_mark()}
    partial = periods < expected
    if still_open:
        if partial:
            return gettext("{periods} of {expected} (partial), {open} {provisional}", **said)
        return gettext("{periods} of {expected}, {open} {provisional}", **said)
    return gettext("{periods} of {expected} (partial)", **said) if partial else gettext("{periods} of {expected}", **said)


def _rollup_intro(k: Kpi) -> str:
    if k.is_ratio:
        return gettext("Each value is Σnumerator / Σdenominator over the periods it covers, never a mean of the period values.")
    if k.unit in ("count", "yuan"):
        return gettext("Each value is the sum of the periods it covers.")
    return gettext("This KPI has no numerator and denominator, so it is not rolled up.")


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
            table = markdown_table([_scope_kind(kind).capitalize(), *(gettext(h) for h in AMOUNTS)], rows, "lrrrl")
            heading = gettext("Breakdown by {kind} ({period})", kind=_scope_kind(kind), period=shown(period))
            sections.append(f"## {heading} {{#breakdown-by-{kind}-{period.lower()}}}\n\n{table}")
    files = sorted(set(latest["file"]))
    return "\n\n".join(sections) + _source(c, files, period)


# The kinds of scope data/kpis.yml breaks a KPI down by; a kind not listed here is shown as the data names it.
SCOPE_KINDS = {"category": N_("category"), "merchant": N_("merchant"), "supplier": N_("supplier"), "region": N_("region")}


def _scope_kind(kind: str) -> str:
    return gettext(SCOPE_KINDS[kind]) if kind in SCOPE_KINDS else kind


def _source(c: KpiView, files: list[str], period: str | None) -> str:
    return f"\n\n{small(files, period, c.origin)}"
