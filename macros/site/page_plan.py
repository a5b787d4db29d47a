"""The pages generated from data (one per KPI, procedure and quarterly report) and where they go in the navigation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data.exports.catalogue import Catalogue
from ..render.links import KPI_INDEX, PROCEDURE_INDEX, REPORTS_INDEX, kpi_page, procedure_page, report_page

if TYPE_CHECKING:
    from ..data.handbook import Handbook


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    section: str  # the index page of the navigation section it joins
    markdown: str
    sources: tuple[str, ...]  # the repository files its content comes from (for its revision history)


def generated_pages(handbook: Handbook) -> list[GeneratedPage]:
    """Each page is a title and one macro call, so its content stays in the tested view functions."""
    from ..audit.quarters import report_quarters  # pandas: only when pages are worked out

    data = handbook.data_dir.name
    pages = [
        GeneratedPage(kpi_page(k.id), k.name.en, KPI_INDEX, f'# {k.name.en}\n\n{{{{ kpi_page("{k.id}") }}}}\n',
                      (f"{data}/kpis.yml", *handbook.files_of(k.id)))
        for k in handbook.kpis
    ]  # fmt: skip
    pages += [
        GeneratedPage(procedure_page(p.id), p.name.en, PROCEDURE_INDEX, f'# {p.name.en}\n\n{{{{ procedure_page("{p.id}") }}}}\n',
                      (f"{data}/procedures.yml",))
        for p in handbook.procedures
    ]  # fmt: skip
    files = (*sorted(set(handbook.measurements["file"])), *Catalogue(handbook.exports_map).files(["complaints"], handbook.data_dir))
    pages += [
        GeneratedPage(report_page(q), f"Quality report {q}", REPORTS_INDEX, f'# Quality report {q}\n\n{{{{ quarterly_report("{q}") }}}}\n',
                      (f"{data}/records/{q}.yml",) if q in handbook.quarter_records else files)
        for q in report_quarters(handbook)
    ]  # fmt: skip
    return pages


def with_generated(nav: list[Any], pages: list[GeneratedPage]) -> list[Any]:
    """A copy of the configured nav with each generated page appended to its section."""
    by_section: dict[str, list[dict[str, str]]] = {}
    for page in pages:
        by_section.setdefault(page.section, []).append({page.title: page.src_uri})

    def walk(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, dict):
                item = {title: walk(value) if isinstance(value, list) else value for title, value in item.items()}
            out.append(item)
        extra = [p for entry in items for p in by_section.get(_target(entry), [])]
        return out + extra

    return walk(nav)


def _target(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        value = next(iter(entry.values()))
        return value if isinstance(value, str) else None
    return None
