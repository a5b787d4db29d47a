"""mkdocs-macros adapter: validate data/ once, then register each view as a macro. Wiring only."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import (
    capa_views,
    category_risk_views,
    cost_views,
    dashboard,
    kpi_pages,
    kpi_views,
    org_views,
    partner_views,
    plan_views,
    procedure_views,
    risk_views,
)
from .clock import today
from .problems import errors, warnings
from .prose_figures import data_figures, hand_typed
from .provenance import data_commit
from .validation import check_cached

log = logging.getLogger("handbook")


def define_env(env) -> None:
    root = Path(env.project_dir)
    day = today()
    handbook, problems = check_cached(root / "data", day)
    if handbook is not None:
        problems += hand_typed(root / "docs", data_figures(handbook, day))
    for problem in warnings(problems):
        log.warning(problem.labelled())  # shown, but not counted by `mkdocs --strict`
    if errors(problems):
        raise PluginError("\n".join(str(p) for p in errors(problems)))
    assert handbook is not None
    cache = Path(os.environ.get("HANDBOOK_CACHE", root / ".cache" / "charts"))
    commit = data_commit(root)
    as_of = kpi_views.as_of(handbook, day)

    def page() -> str:
        return env.page.file.src_uri

    env.variables["as_of"] = as_of
    env.variables["today"] = day.isoformat()
    # KPIs
    env.macro(lambda: dashboard.tiles(handbook, day, page()), "kpi_tiles")
    env.macro(lambda by_status=False: kpi_views.summary_table(handbook, day, page(), commit, by_status), "kpi_summary")
    env.macro(lambda: kpi_views.status_counts(handbook, day), "kpi_status_counts")
    env.macro(lambda kpi_id: kpi_views.chart(handbook, kpi_id, day, cache, commit), "kpi_chart")
    env.macro(lambda kpi_id: kpi_pages.kpi_page(handbook, kpi_id, day, page(), cache, commit), "kpi_page")
    env.macro(lambda kpi_id: plan_views.kpi_target(handbook, kpi_id), "kpi_target")
    env.macro(lambda kpi_id: plan_views.kpi_link(handbook, kpi_id, page()), "kpi_link")
    # Risks
    env.macro(lambda family=None: risk_views.register_table(handbook, day, page(), family), "risk_register")
    env.macro(lambda which="residual": risk_views.heat_map(handbook, which), "risk_heat_map")
    env.macro(lambda: risk_views.bands_table(handbook), "risk_bands")
    env.macro(lambda: risk_views.review_summary(handbook, day, page()), "risk_reviews")
    env.macro(lambda: category_risk_views.category_table(handbook, commit), "category_risk_table")
    env.macro(lambda: category_risk_views.category_chart(handbook, cache, commit), "category_risk_chart")
    env.macro(lambda: category_risk_views.category_method(handbook), "category_risk_method")
    # Suppliers, merchants and corrective actions
    env.macro(lambda: partner_views.supplier_method(handbook), "supplier_method")
    env.macro(lambda: partner_views.supplier_latest(handbook, commit), "supplier_scorecards")
    env.macro(lambda: partner_views.supplier_history(handbook, commit), "supplier_history")
    env.macro(lambda: partner_views.merchant_method(handbook), "merchant_method")
    env.macro(lambda: partner_views.merchant_latest(handbook, commit), "merchant_performance")
    env.macro(lambda: partner_views.merchant_history(handbook, commit), "merchant_history")
    env.macro(lambda: capa_views.breached_coverage(handbook, day, page(), commit), "breached_kpis_answered")
    env.macro(lambda: capa_views.action_log(handbook, day, page(), commit), "corrective_actions")
    env.macro(lambda: capa_views.action_counts(handbook, day), "action_counts")
    # Organisation and procedures
    env.macro(lambda: org_views.departments_table(handbook, page()), "departments")
    env.macro(lambda: org_views.responsibilities(handbook), "responsibilities")
    env.macro(lambda: org_views.raci_matrix(handbook, page()), "raci_matrix")
    env.macro(lambda: org_views.cadence_calendar(handbook, day, page(), commit), "cadence_calendar")
    env.macro(lambda: procedure_views.procedures_index(handbook, page()), "procedures")
    env.macro(lambda proc_id: procedure_views.procedure_detail(handbook, proc_id, day, page()), "procedure_page")
    env.macro(lambda: procedure_views.traceability(handbook, page()), "traceability_matrix")
    # The plan
    env.macro(lambda: plan_views.commitments_table(handbook, day, page(), commit, as_of), "commitments")
    env.macro(lambda: plan_views.benchmarks_table(handbook, day, page(), commit), "benchmarks")
    env.macro(lambda: plan_views.roadmap_view(handbook, day, page(), commit), "roadmap")
    env.macro(lambda: plan_views.roadmap_counts(handbook, day), "roadmap_counts")
    env.macro(lambda: plan_views.plan_figures(handbook, commit), "plan_figures")
    env.macro(lambda: cost_views.coq_table(handbook, commit), "cost_of_quality")
    env.macro(lambda: cost_views.coq_items(handbook), "cost_of_quality_items")
    env.macro(lambda: cost_views.coq_chart(handbook, cache, commit), "cost_of_quality_chart")
    env.macro(lambda: cost_views.appraisal(handbook, commit), "investment_appraisal")
    env.macro(lambda: cost_views.sensitivity(handbook, commit), "investment_sensitivity")
