"""The plan's commitments, benchmarks, roadmap and costs, the organisation, procedures and corrective actions, as
Markdown; MACROS names the calls pages make."""

from __future__ import annotations

from . import actions, costs, org, plan, procedures

MACROS = {
    "breached_kpis_answered": actions.breached_coverage,
    "corrective_actions": actions.action_log,
    "action_counts": actions.action_counts,
    "departments": org.departments_table,
    "responsibilities": org.responsibilities,
    "raci_matrix": org.raci_matrix,
    "cadence_calendar": org.cadence_calendar,
    "procedures": procedures.procedures_index,
    "procedure_page": procedures.procedure_detail,
    "traceability_matrix": procedures.traceability,
    "commitments": plan.commitments_table,
    "benchmarks": plan.benchmarks_table,
    "roadmap": plan.roadmap_view,
    "roadmap_counts": plan.roadmap_counts,
    "plan_figures": plan.plan_figures,
    "cost_of_quality": costs.coq_table,
    "cost_of_quality_items": costs.coq_items,
    "cost_of_quality_chart": costs.coq_chart,
    "investment_appraisal": costs.appraisal,
    "investment_sensitivity": costs.sensitivity,
}
