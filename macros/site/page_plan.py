"""The pages generated from data (one per KPI, procedure and quarterly report) and where they go in the navigation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data.exports.catalogue import Catalogue
from ..i18n.messages import named
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
    group: str | None = None  # the sub-section it joins when its section has many (a KPI: its department)


# A section with more generated pages than this lists them in sub-sections by group (180 KPIs by department).
GROUP_ABOVE = 30


def generated_pages(handbook: Handbook) -> list[GeneratedPage]:
    """Each page is a title and one macro call, so its content stays in the tested view functions."""
    from ..audit.quarters import report_quarters  # pandas: only when pages are worked out
    from ..reports.titles import report_title

    data = handbook.data_name
    pages = [
        GeneratedPage(kpi_page(k.id), named(k.name), KPI_INDEX, f'# {named(k.name)}\n\n{{{{ kpi_page("{k.id}") }}}}\n',
                      (f"{data}/kpis.yml", *handbook.files_of(k.id)), named(handbook.department(k.owner).name))
        for k in handbook.kpis
    ]  # fmt: skip
    pages += [
        GeneratedPage(procedure_page(p.id), named(p.name), PROCEDURE_INDEX, f'# {named(p.name)}\n\n{{{{ procedure_page("{p.id}") }}}}\n',
                      (f"{data}/procedures.yml",))
        for p in handbook.procedures
    ]  # fmt: skip
    files = (*sorted(set(handbook.measurements["file"])), *Catalogue(handbook.exports_map).files(["complaints"], handbook.data_dir))
    pages += [
        GeneratedPage(report_page(q), report_title(q), REPORTS_INDEX, f'# {report_title(q)}\n\n{{{{ quarterly_report("{q}") }}}}\n',
                      (f"{data}/records/{q}.yml",) if q in handbook.quarter_records else files)
        for q in report_quarters(handbook)
    ]  # fmt: skip
    return pages


def data_edit_url(repo_url: str, edit_uri: str, docs_name: str, data_file: str) -> str:
    """A generated page's "edit this page" address: where MkDocs would edit a docs/ page, turned to the data file it is made from."""
    return f"{repo_url.rstrip('/')}/{edit_uri.strip('/').removesuffix(docs_name).strip('/')}/{data_file}"


def with_generated(nav: list[Any], pages: list[GeneratedPage]) -> list[Any]:
    """A copy of the configured nav with each generated page appended to its section (in sub-sections by group when
    the section has many)."""
    by_section: dict[str, list[GeneratedPage]] = {}
    for page in pages:
        by_section.setdefault(page.section, []).append(page)
    entries = {section: _entries(listed) for section, listed in by_section.items()}

    def walk(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, dict):
                item = {title: walk(value) if isinstance(value, list) else value for title, value in item.items()}
            out.append(item)
        extra = [p for entry in items for p in entries.get(_target(entry), [])]
        return out + extra

    return walk(nav)


def _entries(pages: list[GeneratedPage]) -> list[dict[str, Any]]:
    if len(pages) <= GROUP_ABOVE or any(p.group is None for p in pages):
        return [{p.title: p.src_uri} for p in pages]
    groups: dict[str, list[dict[str, str]]] = {}
    for p in pages:
        groups.setdefault(str(p.group), []).append({p.title: p.src_uri})
    return [{group: listed} for group, listed in groups.items()]


def _target(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        value = next(iter(entry.values()))
        return value if isinstance(value, str) else None
    return None


def nav_order(nav: list[Any], directory_urls: bool = True) -> list[str]:
    """The site paths of the navigation's pages in reading order, each once: the order of the PDF audit pack, which
    cannot read it from a page's HTML, as navigation.prune leaves out the sections a page is not in."""
    found: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
                page = _site_path(value, directory_urls)
                if page not in found:
                    found.append(page)

    walk(nav)
    return found


def _site_path(src: str, directory_urls: bool) -> str:
    """Where MkDocs writes a page: kpis/return_rate.md → kpis/return_rate/index.html; index.md stays index.html."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index") or stem.upper() == "README":
        return f"{stem}.html"
    return f"{stem}/index.html"
