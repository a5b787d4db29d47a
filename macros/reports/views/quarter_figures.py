"""Where a quarter's report takes its figures from: the record of a closed quarter, else today's data, worked out once
per build for every page that shows them."""

from __future__ import annotations

from typing import Protocol

from ...audit.document_control import Document
from ...audit.quarters import quarter_report, report_quarters
from ...audit.revision_history import History
from ...data.contracts.quarters import QuarterReport, Sections
from ...i18n.messages import named
from ...kpis.views import KpiView
from ...partners.scores import PartnerScores
from ...risks.complaints import TopicCounts
from .quarter_sections import sections


class ReportView(KpiView, Protocol):
    """Reports also read the controlled documents, whose overdue reviews are alerts, the complaint topics, the
    suppliers' and merchants' results and the git history (risks re-scored)."""

    documents: list[Document]
    topics: TopicCounts
    partners: PartnerScores
    history: History


def figures_of(c: ReportView, quarter: str) -> QuarterReport:
    """The quarter's figures: its record's once it is closed, else today's."""
    record = c.handbook.quarter_records.get(quarter)
    return record or c.shared.get(("quarter report", quarter), lambda: quarter_report(c.handbook, c.facts, c.topics, quarter))


def sections_of(c: ReportView, quarter: str) -> tuple[Sections, bool]:
    """The quarter's suppliers, merchants, actions and risks, and whether they are its record's. A record closed before
    reports kept them has none: they are then worked out from today's files, and the page says so."""
    record = c.handbook.quarter_records.get(quarter)
    if record is not None and record.sections is not None:
        return record.sections, True
    return c.shared.get(("quarter sections", quarter), lambda: sections(c.handbook, c.partners, c.history, quarter)), False


def compared_quarters(c: ReportView, quarter: str) -> list[str]:
    """The quarters a report compares itself with, oldest first, up to its own: a closed quarter's page shows only
    closed quarters (their records cannot change under it), an open one's the open quarters before it too."""
    closed = c.handbook.quarter_records
    earlier = [q for q in report_quarters(c.handbook) if q <= quarter]
    return sorted(q for q in earlier if q == quarter or q in closed or quarter not in closed)


def kpi_name(c: ReportView, kpi: str, recorded: str) -> str:
    """A KPI's name in the build's language; a record's KPI no longer in the data keeps the name it was closed with."""
    found = next((k for k in c.handbook.kpis if k.id == kpi), None)
    return named(found.name) if found else recorded
