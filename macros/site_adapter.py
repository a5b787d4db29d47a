"""The mkdocs-macros adapter: validate data/ once, then register each view as a macro. Wiring only."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache as cache_once
from importlib import import_module
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from .build_memo import Memo, build_cache, build_key
from .changes import at_ref, compare, in_tree
from .clock import today
from .document_control import Document
from .editions import Edition, list_editions, previous
from .manifest import STAMP_KEY, build_time, manifest
from .page_plan import GeneratedPage
from .problems import Problem, errors, warnings
from .provenance import Origin, origin_of
from .revision_history import History, read_history

if TYPE_CHECKING:
    from .handbook import Handbook


class _Lazy:
    """A module imported on first use: a build replayed from the memo never loads the views, nor pandas."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(import_module(f".{self.name}", __package__), attr)


capa_views, category_risk_views, cost_views, dashboard, document_views, edition_views = map(
    _Lazy, ("capa_views", "category_risk_views", "cost_views", "dashboard", "document_views", "edition_views")
)
kpi_pages, kpi_views, org_views, partner_views, plan_views, procedure_views = map(
    _Lazy, ("kpi_pages", "kpi_views", "org_views", "partner_views", "plan_views", "procedure_views")
)
quarterly_report, risk_views, alerting, docs_checks, validation, page_plan, charts = map(
    _Lazy, ("quarterly_report", "risk_views", "alerts", "docs_checks", "validation", "page_plan", "charts")
)


@dataclass(frozen=True)
class Context:
    """Everything the views read, worked out only when a macro's output is not in the memo."""

    handbook: Handbook
    documents: list[Document]
    history: History
    origin: Origin
    editions: list[Edition]
    as_of: str


@dataclass(frozen=True)
class Setup:
    """What every build needs even when all pages are replayed: its problems, documents, generated pages, manifest."""

    problems: list[Problem]
    documents: list[Document]
    generated: dict[str, GeneratedPage]  # by source path
    manifest: dict[str, Any]  # with an empty build stamp
    as_of: str


log = logging.getLogger("handbook")
# The setup of the build in progress, for the hook that adds generated pages (it runs after define_env).
current: dict[Path, Setup] = {}


def define_env(env) -> None:
    root = Path(env.project_dir)
    day = today()
    cache = build_cache(root)
    edition = os.environ.get("HANDBOOK_EDITION") or None
    memo = Memo.open(cache, build_key(root, day, edition))
    helpers: list[BaseProcess | None] = []  # processes drawing charts ahead, joined when the build ends

    @cache_once
    def context() -> Context:
        handbook, problems = validation.check_cached(root / "data", day, cache)
        if handbook is None:
            raise PluginError("\n".join(str(p) for p in errors(problems)))
        draw_ahead(handbook)
        history = read_history(root)  # one git log for all the pages
        return Context(handbook, setup.documents, history, origin_of(root), list_editions(root), setup.as_of)

    def draw_ahead(handbook: Handbook) -> None:
        """Start drawing the KPI charts in a second process, once per build, as soon as the data is checked."""
        if not helpers:
            helpers.append(charts.draw_ahead(kpi_pages.charts_of(handbook, day), cache))

    setup: Setup = memo.call("setup", "", (), {}, lambda: _setup(root, day, cache, edition, env.conf["site_name"], draw_ahead))
    for problem in warnings(setup.problems):
        log.warning(problem.labelled())  # shown, but not counted by `mkdocs --strict`
    if errors(setup.problems):
        raise PluginError("\n".join(str(p) for p in errors(setup.problems)))
    built = {**setup.manifest, STAMP_KEY: build_time()}  # the stamp keeps its place among the keys
    current[root.resolve()] = setup
    env.handbook_build = Build(setup, day, memo, context, built, helpers)

    def page() -> str:
        return env.page.file.src_uri

    def macro(name: str, view: Callable[..., str]) -> None:
        """Register a view as a macro whose output is replayed from the memo when the inputs are unchanged."""

        def call(*args: Any, **kwargs: Any) -> str:
            return memo.call(name, page(), args, kwargs, lambda: view(context(), *args, **kwargs))

        env.macro(call, name)

    env.variables["as_of"] = setup.as_of
    env.variables["today"] = day.isoformat()
    # KPIs
    macro("kpi_tiles", lambda c: dashboard.tiles(c.handbook, day, page(), c.origin, c.as_of))
    macro("kpi_summary", lambda c, by_status=False: kpi_views.summary_table(c.handbook, day, page(), c.origin, by_status))
    macro("kpi_status_counts", lambda c: kpi_views.status_counts(c.handbook, day))
    macro("kpi_chart", lambda c, kpi_id: kpi_views.chart(c.handbook, kpi_id, day, cache, c.origin))
    macro("kpi_page", lambda c, kpi_id: kpi_pages.kpi_page(c.handbook, kpi_id, day, page(), cache, c.origin))
    macro("kpi_target", lambda c, kpi_id: plan_views.kpi_target(c.handbook, kpi_id))
    macro("kpi_link", lambda c, kpi_id: plan_views.kpi_link(c.handbook, kpi_id, page()))
    macro("alerts", lambda c: alerting.alerts_markdown(alerting.alerts(c.handbook, c.documents, day), page(), level=2))
    macro("quarterly_reports", lambda c: quarterly_report.reports_index(c.handbook, day, page(), c.origin))
    macro("quarterly_report", lambda c, quarter: quarterly_report.report(c.handbook, quarter, day, page(), c.origin))
    # Risks
    macro("risk_register", lambda c, family=None: risk_views.register_table(c.handbook, day, page(), c.origin, family))
    macro("risk_heat_map", lambda c, which="residual": risk_views.heat_map(c.handbook, c.origin, which))
    macro("risk_bands", lambda c: risk_views.bands_table(c.handbook, c.origin))
    macro("risk_reviews", lambda c: risk_views.review_summary(c.handbook, day, page()))
    macro("category_risk_table", lambda c: category_risk_views.category_table(c.handbook, c.origin))
    macro("category_risk_chart", lambda c: category_risk_views.category_chart(c.handbook, cache, c.origin))
    macro("category_risk_method", lambda c: category_risk_views.category_method(c.handbook))
    # Suppliers, merchants and corrective actions
    macro("supplier_method", lambda c: partner_views.supplier_method(c.handbook, c.origin))
    macro("supplier_scorecards", lambda c: partner_views.supplier_latest(c.handbook, c.origin))
    macro("supplier_history", lambda c: partner_views.supplier_history(c.handbook, c.origin))
    macro("merchant_method", lambda c: partner_views.merchant_method(c.handbook, c.origin))
    macro("merchant_performance", lambda c: partner_views.merchant_latest(c.handbook, c.origin))
    macro("merchant_history", lambda c: partner_views.merchant_history(c.handbook, c.origin))
    macro("breached_kpis_answered", lambda c: capa_views.breached_coverage(c.handbook, day, page(), c.origin))
    macro("corrective_actions", lambda c: capa_views.action_log(c.handbook, day, page(), c.origin))
    macro("action_counts", lambda c: capa_views.action_counts(c.handbook, day))
    # Organisation and procedures
    macro("departments", lambda c: org_views.departments_table(c.handbook, page(), c.origin))
    macro("responsibilities", lambda c: org_views.responsibilities(c.handbook))
    macro("raci_matrix", lambda c: org_views.raci_matrix(c.handbook, page(), c.origin))
    macro("cadence_calendar", lambda c: org_views.cadence_calendar(c.handbook, day, page(), c.origin))
    macro("procedures", lambda c: procedure_views.procedures_index(c.handbook, page(), c.origin))
    macro("procedure_page", lambda c, proc_id: procedure_views.procedure_detail(c.handbook, proc_id, day, page(), c.origin))
    macro("traceability_matrix", lambda c: procedure_views.traceability(c.handbook, page(), c.origin))
    # The plan
    macro("commitments", lambda c: plan_views.commitments_table(c.handbook, day, page(), c.origin, c.as_of))
    macro("benchmarks", lambda c: plan_views.benchmarks_table(c.handbook, day, page(), c.origin))
    macro("roadmap", lambda c: plan_views.roadmap_view(c.handbook, day, page(), c.origin))
    macro("roadmap_counts", lambda c: plan_views.roadmap_counts(c.handbook, day))
    macro("plan_figures", lambda c: plan_views.plan_figures(c.handbook, c.origin))
    macro("cost_of_quality", lambda c: cost_views.coq_table(c.handbook, c.origin))
    macro("cost_of_quality_items", lambda c: cost_views.coq_items(c.handbook, c.origin))
    macro("cost_of_quality_chart", lambda c: cost_views.coq_chart(c.handbook, cache, c.origin))
    macro("investment_appraisal", lambda c: cost_views.appraisal(c.handbook, c.origin))
    macro("investment_sensitivity", lambda c: cost_views.sensitivity(c.handbook, c.origin))
    # Document control and this edition
    macro("document_register", lambda c: document_views.register(c.documents, c.handbook, day, page(), c.history))
    macro("change_log", lambda c: document_views.change_log(c.history, page(), c.documents))
    env.macro(lambda: edition_views.edition_facts(built), "edition_facts")  # the build stamp: never replayed
    macro("tool_versions", lambda c: edition_views.tools_table(built))
    macro("data_files", lambda c: edition_views.data_files_table(built))
    macro("editions", lambda c: edition_views.editions_table(c.editions, day))
    macro("changes_since_edition", lambda c: edition_views.changes_since(*_since(root, c.editions, edition)))


def _setup(root: Path, day: date, cache: Path, edition: str | None, site_name: str, checked: Callable[[Handbook], None]) -> Setup:
    handbook, problems = validation.check_cached(root / "data", day, cache)
    if handbook is None:
        return Setup(problems, [], {}, {}, "—")
    checked(handbook)
    documents, page_problems = docs_checks.docs_problems(root, handbook, day, read_history(root))
    built = manifest(root, origin_of(root), documents, edition, day, site_name, "")
    generated = {p.src_uri: p for p in page_plan.generated_pages(handbook)}
    return Setup(problems + page_problems, documents, generated, built, kpi_views.as_of(handbook, day))


def generated_for(project: Path) -> list[GeneratedPage] | None:
    """The pages the build in progress generates from data; None when its data has errors."""
    setup = current.get(project.resolve())
    return list(setup.generated.values()) if setup is not None and not errors(setup.problems) else None


@dataclass(frozen=True)
class Build:
    """What the page and build events need from define_env."""

    setup: Setup
    day: date
    memo: Memo
    context: Callable[[], Context]
    manifest: dict[str, Any]
    helpers: list[BaseProcess | None]


def _since(root: Path, editions: list, edition: str | None) -> tuple:
    base = previous(editions, edition)
    return base, compare(at_ref(root, base.tag), in_tree(root)) if base else None


def on_post_page_macros(env) -> None:
    """Put the identity block under each page's title and its revision history at the end."""
    b: Build = env.handbook_build
    src = env.page.file.src_uri

    def parts() -> tuple[str, str, bool] | None:
        c = b.context()
        return document_views.frame_parts(src, c.documents, b.setup.generated.get(src), c.handbook, b.day, c.history)

    # The pieces are replayed, not the page: a page may show the build stamp, which is new each time.
    framed = b.memo.call("frame", src, (), {}, parts)
    if framed is not None:
        block, history, obsolete = framed
        env.markdown = document_views.with_control(env.markdown, block, history)
        if obsolete:  # kept for the record, but search must not offer it as current
            env.page.meta["search"] = {"exclude": True}
    if dump := os.environ.get("HANDBOOK_DUMP_MARKDOWN"):  # scripts/bench.py builds these pages again without macros
        import yaml

        # MkDocs has already taken the front matter off env.markdown; put it back so the title and search settings stay.
        front = f"---\n{yaml.safe_dump(dict(env.page.meta), allow_unicode=True, sort_keys=False)}---\n\n" if env.page.meta else ""
        (Path(dump) / src).parent.mkdir(parents=True, exist_ok=True)
        (Path(dump) / src).write_text(front + env.markdown, encoding="utf-8")


def on_post_build(env) -> None:
    """Write the build manifest next to the site, for auditors and for `make pdf`; keep what this build learnt."""
    for helper in env.handbook_build.helpers:
        if helper is not None:
            helper.join()
    env.handbook_build.memo.save()
    site = Path(env.conf["site_dir"])
    text = json.dumps(env.handbook_build.manifest, indent=2, ensure_ascii=False) + "\n"
    (site / "manifest.json").write_text(text, encoding="utf-8")
