"""KPI tables, sections and charts as Markdown, from validated data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import provenance
from .charts import TrendInput, trend_svg
from .contracts import Kpi
from .handbook import Handbook
from .kpi_status import Snapshot, Status, snapshot
from .kpi_values import series_id
from .links import ORG_PAGE, kpi_page, link
from .provenance import Origin
from .tables import markdown_table
from .units import SYMBOL, fmt, telling_decimals


def status_badge(status: Status) -> str:
    """Status as an icon and a word, so colour is never the only carrier."""
    return f'<span class="status status-{status.key}">{status.icon} {status.label}</span>'


def target_text(kpi: Kpi, target: float | None, inclusive: bool | None = None, decimals: int | None = None) -> str:
    if target is None:
        return "—"
    inclusive = kpi.target_inclusive if inclusive is None else inclusive
    if kpi.direction == "higher":
        sign = "≥" if inclusive else ">"
    else:
        sign = "≤" if inclusive else "<"
    return f"{sign} {fmt(target, kpi.unit, decimals)}"


def snapshots(handbook: Handbook, today: date) -> list[Snapshot]:
    return [snapshot(k, handbook.measurements, today) for k in handbook.kpis]


def as_of(handbook: Handbook, today: date) -> str:
    """The latest monthly period any KPI reports, as the data's as-of period."""
    periods = [s.period for s in snapshots(handbook, today) if s.period and s.kpi.cadence == "monthly"]
    return max(periods) if periods else "—"


def summary_table(handbook: Handbook, today: date, page: str, origin: Origin, by_status: bool = False) -> str:
    """One row per KPI: name, owner, latest period and value, target, status; provenance beneath."""
    snaps = snapshots(handbook, today)
    if by_status:
        snaps = sorted(snaps, key=lambda s: s.status.rank)
    rows = []
    for s in snaps:
        k = s.kpi
        decimals = telling_decimals(s.value, s.target, k.unit)
        target = target_text(k, s.target, decimals=decimals)
        if k.conflicting_targets:
            target += " " + link("⚠ conflicting", page, kpi_page(k.id), "conflicting-target")
        rows.append(
            [
                link(k.name.en, page, kpi_page(k.id)),
                link(handbook.department(k.owner).name.en, page, ORG_PAGE, k.owner),
                s.period or "—",
                fmt(s.value, k.unit, decimals),
                target,
                status_badge(s.status),
            ]
        )
    table = markdown_table(["KPI", "Owner", "Period", "Latest", "Target", "Status"], rows, "lllrrl")
    files = sorted(set(handbook.measurements["file"]))
    return f"{table}\n\n<small>{provenance.note(files, as_of(handbook, today), origin)}</small>"


def status_counts(handbook: Handbook, today: date) -> str:
    snaps = snapshots(handbook, today)
    parts = []
    for status in sorted({s.status for s in snaps}, key=lambda st: st.rank):
        n = sum(1 for s in snaps if s.status == status)
        parts.append(f"{status_badge(status)} {n}")
    return " · ".join(parts)


def chart(handbook: Handbook, kpi_id: str, today: date, cache_dir: Path | None, origin: Origin) -> str:
    """The trend chart with target line and at-risk band, a text alternative and its provenance."""
    s = snapshot(handbook.kpi(kpi_id), handbook.measurements, today)
    chart_input = trend_input(s)
    if chart_input is None:
        return f"*No measurements of {s.kpi.name.en} yet.*"
    source = provenance.note(handbook.files_of(series_id(s.kpi)), s.period, origin)
    svg = trend_svg(chart_input, cache_dir)
    return f'<figure class="kpi-chart">\n{svg}\n<figcaption>{chart_input.description} {source}</figcaption>\n</figure>'


def trend_input(s: Snapshot) -> TrendInput | None:
    """What a KPI's trend chart shows, with its text alternative; None without measurements."""
    k = s.kpi
    if s.series.empty:
        return None
    decimals = telling_decimals(s.value, s.target, k.unit)
    latest, target = fmt(s.value, k.unit, decimals), target_text(k, s.target, decimals=decimals)
    return TrendInput(
        periods=tuple(s.series["period"]),
        values=tuple(round(float(v), 4) for v in s.series["value"]),
        target=s.target,
        warning=k.warning if k.target is not None else None,
        stretch=k.stretch,
        conflicting=tuple(t.value for t in k.conflicting_targets),
        unit_label=(SYMBOL[k.unit].strip() or k.unit),
        description=f"{k.name.en}: latest {latest} in {s.period}, target {target}, status {s.status.label}.",
    )
