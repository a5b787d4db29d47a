"""Every file in data/ checked before any page is rendered: one table of (file, rule) from each area, and the
warnings that depend on the day. Errors stop the build; warnings are shown on the pages and in the build output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..data import chinese, personal
from ..data.clock import today as clock_today
from ..data.exports import checks as export_checks
from ..data.exports.reading import matched
from ..data.handbook import Handbook
from ..data.loading import MEASUREMENTS, Parts, load_parts
from ..data.one_language import one_language
from ..data.problems import Code, Problem, errors, reading_order
from ..i18n.editions import languages
from ..kpis import checks as kpi_checks
from ..kpis import ledger_checks, measurement_checks
from ..kpis.facts import Facts, facts_of
from ..kpis.sources import query_gaps
from ..partners import checks as partner_checks
from ..plan import checks as plan_checks
from ..plan import org_checks
from ..risks import checks as risk_checks
from ..risks.categories import CategoryAssessment, assess_exports
from ..risks.complaints import TopicCounts, count_topics
from .quarters import records_hold

Rule = Callable[[Parts, date], list[Problem]]
DatedRule = Callable[[Handbook, Facts, date], list[Problem]]

# Each rule runs when its file loaded and matched its contract, so a broken file is reported once, not again by
# every rule that reads it; a rule that also reads other files checks them itself.
RULES: tuple[tuple[str, Rule], ...] = (
    ("exports.yml", export_checks.contract),
    ("exports.yml", export_checks.queries),
    ("exports.yml", ledger_checks.output),
    ("sources.yml", org_checks.sources),
    ("org.yml", org_checks.departments),
    ("kpis.yml", kpi_checks.catalogue),
    ("procedures.yml", org_checks.procedures),
    ("risks.yml", risk_checks.register),
    (MEASUREMENTS, measurement_checks.rows),
    ("kpis.yml", kpi_checks.baselines),
    ("kpis.yml", kpi_checks.control_plans),
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
    ("glossary.yml", chinese.glossary_terms),
    ("glossary.yml", chinese.variants_used),
)

# Run on valid data only: they judge the records against the day.
WARNINGS: tuple[DatedRule, ...] = (
    kpi_checks.stale,
    kpi_checks.without_data,
    risk_checks.reviews_overdue,
    org_checks.activities_overdue,
    plan_checks.roadmap_overdue,
    plan_checks.unanswered_breaches,
    plan_checks.actions_overdue,
)


def _personal_data(parts: Parts) -> list[Problem]:
    """In the files of data/ the handbook publishes from, and in the export columns it reads (not in the other
    columns of an export file, which are never read)."""
    if not parts.data_dir.is_dir() or any(p.code == Code.SYMLINK for p in parts.problems):
        return []
    exports = parts.exports_map.exports.values() if parts.exports_map else []
    export_files = {p.resolve() for e in exports if e.file for p in matched(parts.data_dir, e.file)}
    found = personal.in_files(parts.data_dir, lambda p: p.resolve() in export_files or p.parent.name == "exports", parts.parsed_cache)
    return found + (personal.in_exports(parts.exports) if parts.exports is not None else [])


def _editions(root: Path) -> tuple[str, ...]:
    """The languages the handbook of `root` is published in; none known for data/ checked outside a project (no mkdocs.yml)."""
    return languages(root) if (root / "mkdocs.yml").is_file() else ()


@dataclass(frozen=True)
class Checked:
    """The result of checking data/: every problem found, and when there is no error the handbook, each KPI's
    facts and what the build reads from the exports (risk per category, complaint topics)."""

    problems: list[Problem]
    handbook: Handbook | None = None
    facts: Facts | None = None
    categories: CategoryAssessment | None = None
    topics: TopicCounts | None = None


def check(data_dir: Path, today: date | None = None, exports_cache: Path | None = None, restating: str | None = None,
          parsed_cache: Path | None = None) -> Checked:  # fmt: skip
    """Load and validate data/; the handbook and its facts are returned only when there is no error.

    With `exports_cache`, an export whose files have not changed since they were checked is not checked again, and
    with `parsed_cache` a hand-kept file is not parsed again; `restating` names the closed quarter being restated,
    whose record is not held to today's data.
    """
    today = today or clock_today()
    parts = load_parts(data_dir, exports_cache, parsed_cache)
    try:
        problems = list(parts.problems) + _personal_data(parts) + chinese.traditional(parts) + one_language(parts, _editions(parts.root))
        for name, rule in RULES:
            if parts.loaded(name):
                problems += rule(parts, today)
        if errors(problems) or parts.exports is None:
            return Checked(reading_order(problems))
        handbook, exports = Handbook.from_parts(parts), parts.exports
        facts = facts_of(handbook, today, query_gaps(handbook.kpis, exports, parts.data_dir / "queries"), remembered_in=parsed_cache)
        for warning in WARNINGS:
            problems += warning(handbook, facts, today)
        categories, topics = assess_exports(exports, handbook.category_risk, handbook.register.matrix), count_topics(exports)
        problems += records_hold(handbook, facts, topics, restating)
        if errors(problems):
            return Checked(reading_order(problems))
        return Checked(reading_order(problems), handbook, facts, categories, topics)
    finally:
        if parts.exports is not None:
            parts.exports.close()
