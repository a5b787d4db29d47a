"""Where each part of the handbook lives, and links between pages that work from any page."""

from __future__ import annotations

import posixpath

KPI_INDEX = "kpis/index.md"
RISK_PAGE = "risks/index.md"
ORG_PAGE = "organisation/index.md"
PROCEDURE_INDEX = "procedures/index.md"
COMMITMENTS_PAGE = "plan/commitments.md"
RACI_PAGE = "organisation/raci.md"
CALENDAR_PAGE = "organisation/calendar.md"
ACTIONS_PAGE = "actions/index.md"
REPORTS_INDEX = "reports/index.md"
ALERTS_PAGE = "alerts.md"
SUPPLIERS_PAGE = "partners/suppliers.md"
MERCHANTS_PAGE = "partners/merchants.md"


def kpi_page(kpi_id: str) -> str:
    return f"kpis/{kpi_id}.md"


def procedure_page(procedure_id: str) -> str:
    return f"procedures/{procedure_id}.md"


def report_page(quarter: str) -> str:
    return f"reports/{quarter}.md"


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative Markdown link target from one source page to another (MkDocs checks both)."""
    fragment = f"#{anchor}" if anchor else ""
    if from_page == to_page:
        return fragment or posixpath.basename(to_page)
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".") + fragment


def link(text: str, from_page: str, to_page: str, anchor: str = "") -> str:
    return f"[{text}]({href(from_page, to_page, anchor)})"
