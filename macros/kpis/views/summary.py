"""The KPI summary table, the count of KPIs by status, and a KPI's target or link for prose to quote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n.messages import gettext, named
from ...render.links import ORG_PAGE, kpi_page, link
from ...render.provenance import small
from ...render.tables import markdown_table
from ..units import fmt, target_text, telling_decimals
from .figures import period_text, status_badge

if TYPE_CHECKING:
    from . import KpiView


def summary_table(c: KpiView, by_status: bool = False) -> str:
    """One row per KPI: name, owner, latest period and value, target, status; provenance beneath."""
    snaps = [f.snapshot for f in c.facts]
    if by_status:
        snaps = sorted(snaps, key=lambda s: s.status.rank)
    rows = []
    for s in snaps:
        k = s.kpi
        decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
        target = target_text(k, s.target, decimals=decimals)
        if k.conflicting_targets:
            target += " " + link("⚠ " + gettext("conflicting"), c.page, kpi_page(k.id), "conflicting-target")
        rows.append(
            [
                link(named(k.name), c.page, kpi_page(k.id)),
                link(named(c.handbook.department(k.owner).name), c.page, ORG_PAGE, k.owner),
                period_text(s.period, s.provisional),
                fmt(s.value, k.unit, decimals),
                target,
                status_badge(s.status),
            ]
        )
    headers = [gettext("KPI"), gettext("Owner"), gettext("Period"), gettext("Latest"), gettext("Target"), gettext("Status")]
    table = markdown_table(headers, rows, "lllrrl")
    files = sorted(set(c.handbook.measurements["file"]))
    return f"{table}\n\n{small(files, c.facts.as_of(), c.origin)}"


def status_counts(c: KpiView) -> str:
    snaps = [f.snapshot for f in c.facts]
    parts = []
    for status in sorted({s.status for s in snaps}, key=lambda st: st.rank):
        n = sum(1 for s in snaps if s.status == status)
        parts.append(f"{status_badge(status)} {n}")
    return " · ".join(parts)


def kpi_target(c: KpiView, kpi_id: str) -> str:
    """A KPI's target as prose can quote it ('≥ 98.0 %'), so no page types a figure by hand."""
    k = c.handbook.kpi(kpi_id)
    return target_text(k, k.target) if k.target is not None else gettext("its planned change")


def kpi_link(c: KpiView, kpi_id: str) -> str:
    return link(named(c.handbook.kpi(kpi_id).name), c.page, kpi_page(kpi_id))
