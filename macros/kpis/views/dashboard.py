"""The home dashboard: one tile per KPI, the most urgent first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n.formats import period
from ...i18n.messages import gettext, named
from ...render.links import kpi_page, link
from ...render.provenance import small
from ...render.sparkline import sparkline
from ..units import fmt, target_text, telling_decimals
from .figures import period_text, status_badge

if TYPE_CHECKING:
    from . import KpiView

SPARK_PERIODS = 12


def tiles(c: KpiView) -> str:
    """Value, target, status (icon and word, not colour alone) and a small trend for every KPI."""
    out = []
    for f in sorted(c.facts, key=lambda f: f.snapshot.status.rank):
        s, k = f.snapshot, f.kpi
        decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
        value, target = fmt(s.value, k.unit, decimals), target_text(k, s.target, decimals=decimals)
        recent = [float(v) for v in s.series["value"].tail(SPARK_PERIODS)]
        label = gettext(
            "{name}, last {n} periods: latest {value} in {period}, target {target}, {status}",
            name=named(k.name),
            n=len(recent),
            value=value,
            period=s.period and period(s.period),  # None said as it always was, for a KPI with no value yet
            target=target,
            status=s.status.label,
        )
        target = gettext("target {target}", target=target)
        out.append(
            f'<div class="tile status-{s.status.key}" markdown>\n\n'
            f"**{link(named(k.name), c.page, kpi_page(k.id))}**\n\n"
            f'<span class="tile-value">{value}</span> <span class="tile-target">{target}</span>\n\n'
            f"{status_badge(s.status)} · {_when(period_text(s.period, s.provisional) if s.period else None, f.gap)}\n\n"
            f"{sparkline(recent, s.target, label)}\n\n"
            "</div>"
        )
    handbook = c.handbook
    files = sorted({f for k in handbook.kpis for f in handbook.files_of(k.id)} | {f"{handbook.data_name}/kpis.yml"})
    return '<div class="tiles" markdown>\n\n' + "\n\n".join(out) + f"\n\n</div>\n\n{small(files, c.facts.as_of(), c.origin)}"


def _when(period: str | None, gap: str | None) -> str:
    """The period a tile's value is of, and why no newer one can come; or why there is none."""
    if period:
        return gettext("{period} · not refreshed: {why}", period=period, why=gap) if gap else period
    return gap or gettext("no measurements yet")
