"""The mkdocs-macros adapter: validate data/ once, then register each view as a macro. Wiring only."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import (
    capa_views,
    category_risk_views,
    cost_views,
    dashboard,
    document_views,
    edition_views,
    kpi_pages,
    kpi_views,
    org_views,
    partner_views,
    plan_views,
    procedure_views,
    quarterly_report,
    risk_views,
)
from .alerts import alerts, alerts_markdown
from .changes import at_ref, compare, in_tree
from .clock import today
from .docs_checks import docs_problems
from .document_control import Document
from .editions import list_editions, previous
from .handbook import Handbook
from .manifest import build_time, manifest
from .page_plan import GeneratedPage, generated_pages
from .problems import errors, warnings
from .provenance import origin_of
from .revision_history import History, read_history
from .validation import build_cache, check_cached


@dataclass(frozen=True)
class Build:
    """What the page and build events need from define_env: one build's documents, history and manifest."""

    handbook: Handbook
    day: date
    documents: list[Document]
    history: History
    manifest: dict[str, Any]
    generated: dict[str, GeneratedPage]  # by source path


log = logging.getLogger("handbook")


def define_env(env) -> None:
    root = Path(env.project_dir)
    day = today()
    cache = build_cache(root)
    handbook, problems = check_cached(root / "data", day, cache)
    documents: list[Document] = []
    history = read_history(root)  # one git log per build, shared by the checks and the pages
    if handbook is not None:
        documents, page_problems = docs_problems(root, handbook, day, history)
        problems += page_problems
    for problem in warnings(problems):
        log.warning(problem.labelled())  # shown, but not counted by `mkdocs --strict`
    if errors(problems):
        raise PluginError("\n".join(str(p) for p in errors(problems)))
    assert handbook is not None
    origin = origin_of(root)
    as_of = kpi_views.as_of(handbook, day)
    edition = os.environ.get("HANDBOOK_EDITION") or None
    built = manifest(root, origin, documents, edition, day, env.conf["site_name"], build_time())
    editions = list_editions(root)
    env.handbook_build = Build(handbook, day, documents, history, built, {p.src_uri: p for p in generated_pages(handbook)})

    def page() -> str:
        return env.page.file.src_uri

    env.variables["as_of"] = as_of
    env.variables["today"] = day.isoformat()
    # KPIs
    env.macro(lambda: dashboard.tiles(handbook, day, page(), origin, as_of), "kpi_tiles")
    env.macro(lambda by_status=False: kpi_views.summary_table(handbook, day, page(), origin, by_status), "kpi_summary")
    env.macro(lambda: kpi_views.status_counts(handbook, day), "kpi_status_counts")
    env.macro(lambda kpi_id: kpi_views.chart(handbook, kpi_id, day, cache, origin), "kpi_chart")
    env.macro(lambda kpi_id: kpi_pages.kpi_page(handbook, kpi_id, day, page(), cache, origin), "kpi_page")
    env.macro(lambda kpi_id: plan_views.kpi_target(handbook, kpi_id), "kpi_target")
    env.macro(lambda kpi_id: plan_views.kpi_link(handbook, kpi_id, page()), "kpi_link")
    env.macro(lambda: alerts_markdown(alerts(handbook, documents, day), page()), "alerts")
    env.macro(lambda: quarterly_report.reports_index(handbook, day, page(), origin), "quarterly_reports")
    env.macro(lambda quarter: quarterly_report.report(handbook, quarter, day, page(), origin), "quarterly_report")
    # Risks
    env.macro(lambda family=None: risk_views.register_table(handbook, day, page(), origin, family), "risk_register")
    env.macro(lambda which="residual": risk_views.heat_map(handbook, origin, which), "risk_heat_map")
    env.macro(lambda: risk_views.bands_table(handbook, origin), "risk_bands")
    env.macro(lambda: risk_views.review_summary(handbook, day, page()), "risk_reviews")
    env.macro(lambda: category_risk_views.category_table(handbook, origin), "category_risk_table")
    env.macro(lambda: category_risk_views.category_chart(handbook, cache, origin), "category_risk_chart")
    env.macro(lambda: category_risk_views.category_method(handbook), "category_risk_method")
    # Suppliers, merchants and corrective actions
    env.macro(lambda: partner_views.supplier_method(handbook, origin), "supplier_method")
    env.macro(lambda: partner_views.supplier_latest(handbook, origin), "supplier_scorecards")
    env.macro(lambda: partner_views.supplier_history(handbook, origin), "supplier_history")
    env.macro(lambda: partner_views.merchant_method(handbook, origin), "merchant_method")
    env.macro(lambda: partner_views.merchant_latest(handbook, origin), "merchant_performance")
    env.macro(lambda: partner_views.merchant_history(handbook, origin), "merchant_history")
    env.macro(lambda: capa_views.breached_coverage(handbook, day, page(), origin), "breached_kpis_answered")
    env.macro(lambda: capa_views.action_log(handbook, day, page(), origin), "corrective_actions")
    env.macro(lambda: capa_views.action_counts(handbook, day), "action_counts")
    # Organisation and procedures
    env.macro(lambda: org_views.departments_table(handbook, page(), origin), "departments")
    env.macro(lambda: org_views.responsibilities(handbook), "responsibilities")
    env.macro(lambda: org_views.raci_matrix(handbook, page(), origin), "raci_matrix")
    env.macro(lambda: org_views.cadence_calendar(handbook, day, page(), origin), "cadence_calendar")
    env.macro(lambda: procedure_views.procedures_index(handbook, page(), origin), "procedures")
    env.macro(lambda proc_id: procedure_views.procedure_detail(handbook, proc_id, day, page(), origin), "procedure_page")
    env.macro(lambda: procedure_views.traceability(handbook, page(), origin), "traceability_matrix")
    # The plan
    env.macro(lambda: plan_views.commitments_table(handbook, day, page(), origin, as_of), "commitments")
    env.macro(lambda: plan_views.benchmarks_table(handbook, day, page(), origin), "benchmarks")
    env.macro(lambda: plan_views.roadmap_view(handbook, day, page(), origin), "roadmap")
    env.macro(lambda: plan_views.roadmap_counts(handbook, day), "roadmap_counts")
    env.macro(lambda: plan_views.plan_figures(handbook, origin), "plan_figures")
    env.macro(lambda: cost_views.coq_table(handbook, origin), "cost_of_quality")
    env.macro(lambda: cost_views.coq_items(handbook, origin), "cost_of_quality_items")
    env.macro(lambda: cost_views.coq_chart(handbook, cache, origin), "cost_of_quality_chart")
    env.macro(lambda: cost_views.appraisal(handbook, origin), "investment_appraisal")
    env.macro(lambda: cost_views.sensitivity(handbook, origin), "investment_sensitivity")
    # Document control and this edition
    env.macro(lambda: document_views.register(documents, handbook, day, page(), history), "document_register")
    env.macro(lambda: document_views.change_log(history, page(), documents), "change_log")
    env.macro(lambda: edition_views.edition_facts(built), "edition_facts")
    env.macro(lambda: edition_views.tools_table(built), "tool_versions")
    env.macro(lambda: edition_views.data_files_table(built), "data_files")
    env.macro(lambda: edition_views.editions_table(editions, day), "editions")
    env.macro(lambda: edition_views.changes_since(*_since(root, editions, edition)), "changes_since_edition")


def _since(root: Path, editions: list, edition: str | None) -> tuple:
    base = previous(editions, edition)
    return base, compare(at_ref(root, base.tag), in_tree(root)) if base else None


def on_post_page_macros(env) -> None:
    """Put the identity block under each page's title and its revision history at the end."""
    b: Build = env.handbook_build
    src = env.page.file.src_uri
    framed = document_views.frame(env.markdown, src, b.documents, b.generated.get(src), b.handbook, b.day, b.history)
    if framed is not None:
        env.markdown, obsolete = framed
        if obsolete:  # kept for the record, but search must not offer it as current
            env.page.meta["search"] = {"exclude": True}
    if dump := os.environ.get("HANDBOOK_DUMP_MARKDOWN"):  # scripts/bench.py builds these pages again without macros
        import yaml

        # MkDocs has already taken the front matter off env.markdown; put it back so the title and search settings stay.
        front = f"---\n{yaml.safe_dump(dict(env.page.meta), allow_unicode=True, sort_keys=False)}---\n\n" if env.page.meta else ""
        (Path(dump) / src).parent.mkdir(parents=True, exist_ok=True)
        (Path(dump) / src).write_text(front + env.markdown, encoding="utf-8")


def on_post_build(env) -> None:
    """Write the build manifest next to the site, for auditors and for `make pdf`."""
    site = Path(env.conf["site_dir"])
    text = json.dumps(env.handbook_build.manifest, indent=2, ensure_ascii=False) + "\n"
    (site / "manifest.json").write_text(text, encoding="utf-8")
