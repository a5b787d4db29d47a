"""The home dashboard: one tile per KPI, the most urgent first."""

from __future__ import annotations

from datetime import date

from . import provenance
from .handbook import Handbook
from .kpi_views import snapshots, status_badge, target_text
from .links import kpi_page, link
from .provenance import Origin
from .sparkline import sparkline
from .units import fmt, telling_decimals

SPARK_PERIODS = 12


def tiles(handbook: Handbook, today: date, page: str, origin: Origin, as_of: str) -> str:
    """Value, target, status (icon and word, not colour alone) and a small trend for every KPI."""
    out = []
    for s in sorted(snapshots(handbook, today), key=lambda s: s.status.rank):
        k = s.kpi
        decimals = telling_decimals(s.value, s.target, k.unit)
        value, target = fmt(s.value, k.unit, decimals), target_text(k, s.target, decimals=decimals)
        recent = [float(v) for v in s.series["value"].tail(SPARK_PERIODS)]
        label = f"{k.name.en}, last {len(recent)} periods: latest {value} in {s.period}, target {target}, {s.status.label}"
        out.append(
            f'<div class="tile status-{s.status.key}" markdown>\n\n'
            f"**{link(k.name.en, page, kpi_page(k.id))}**\n\n"
            f'<span class="tile-value">{value}</span> <span class="tile-target">target {target}</span>\n\n'
            f"{status_badge(s.status)} · {s.period or 'no data'}\n\n"
            f"{sparkline(recent, s.target, label)}\n\n"
            "</div>"
        )
    files = sorted({f for k in handbook.kpis for f in handbook.files_of(k.id)} | {f"{handbook.data_dir.name}/kpis.yml"})
    note = provenance.note(files, as_of, origin)
    return '<div class="tiles" markdown>\n\n' + "\n\n".join(out) + f"\n\n</div>\n\n<small>{note}</small>"
