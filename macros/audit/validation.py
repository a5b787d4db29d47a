"""Every file in data/ checked before any page is rendered: one table of (file, rule) from each area, and the
warnings that depend on the day. Errors stop the build; warnings are shown on the pages and in the build output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..data.clock import today as clock_today
from ..data.handbook import Handbook
from ..data.loading import MEASUREMENTS, Parts, load_parts
from ..data.problems import Problem, errors, reading_order
from ..kpis import checks as kpi_checks
from ..kpis import measurement_checks
from ..kpis.facts import Facts, facts_of
from ..partners import checks as partner_checks
from ..plan import checks as plan_checks
from ..plan import org_checks
from ..risks import checks as risk_checks

Rule = Callable[[Parts, date], list[Problem]]
DatedRule = Callable[[Handbook, Facts, date], list[Problem]]

# Each rule runs when its file loaded and matched its contract, so a broken file is reported once, not again by
# every rule that reads it; a rule that also reads other files checks them itself.
RULES: tuple[tuple[str, Rule], ...] = (
    ("sources.yml", org_checks.sources),
    ("org.yml", org_checks.departments),
    ("kpis.yml", kpi_checks.catalogue),
    ("procedures.yml", org_checks.procedures),
    ("risks.yml", risk_checks.register),
    (MEASUREMENTS, measurement_checks.rows),
    ("kpis.yml", kpi_checks.baselines),
    ("kpis.yml", measurement_checks.scope_coverage),
    ("org.yml", org_checks.raci),
    ("org.yml", org_checks.cadences),
    ("activity_log.csv", org_checks.activity_log),
    ("commitments.yml", plan_checks.commitments),
    ("benchmarks.yml", plan_checks.benchmarks),
    ("costs.yml", plan_checks.costs),
    ("roadmap.yml", plan_checks.roadmap),
    ("kpis.yml", org_checks.orphans),
    ("category_risk.yml", risk_checks.category_method),
    ("suppliers.yml", partner_checks.suppliers),
    ("merchants.yml", partner_checks.merchants),
    ("capa.yml", plan_checks.capa),
    ("cost_of_quality.csv", plan_checks.quality_costs),
    ("appraisal.yml", plan_checks.appraisal),
)

# Run on valid data only: they judge the records against the day.
WARNINGS: tuple[DatedRule, ...] = (
    kpi_checks.stale,
    risk_checks.reviews_overdue,
    org_checks.activities_overdue,
    plan_checks.roadmap_overdue,
    plan_checks.unanswered_breaches,
    plan_checks.actions_overdue,
)


@dataclass(frozen=True)
class Checked:
    """The result of checking data/: the handbook and each KPI's facts when there is no error, and every problem found."""

    handbook: Handbook | None
    facts: Facts | None
    problems: list[Problem]


def check(data_dir: Path, today: date | None = None) -> Checked:
    """Load and validate data/; the handbook and its KPI facts are returned only when there is no error."""
    today = today or clock_today()
    parts = load_parts(data_dir)
    problems = list(parts.problems)
    for name, rule in RULES:
        if parts.loaded(name):
            problems += rule(parts, today)
    if errors(problems):
        return Checked(None, None, reading_order(problems))
    handbook = Handbook.from_parts(parts)
    facts = facts_of(handbook, today)
    for warning in WARNINGS:
        problems += warning(handbook, facts, today)
    return Checked(handbook, facts, reading_order(problems))
