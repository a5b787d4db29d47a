"""KPI tiles, tables, charts and pages as Markdown, from each KPI's facts; MACROS names the calls pages make."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ...render.context import View
from . import dashboard, pages, summary
from .charts import trend_figure
from .control import control_method

if TYPE_CHECKING:
    from ..facts import Facts
    from .charts import KpiCharts


class KpiView(View, Protocol):
    """A view that reads the KPIs' facts and the chart inputs worked out from them once per build."""

    facts: Facts
    charts: dict[str, KpiCharts]


MACROS = {
    "kpi_tiles": dashboard.tiles,
    "kpi_summary": summary.summary_table,
    "kpi_status_counts": summary.status_counts,
    "kpi_chart": trend_figure,
    "kpi_page": pages.kpi_page,
    "kpi_target": summary.kpi_target,
    "kpi_link": summary.kpi_link,
    "control_method": control_method,
}
