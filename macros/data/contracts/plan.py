"""The plan's commitments, benchmarks, roadmap and cost figures, corrective actions, cost of quality and the appraisal."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from .base import Evidence, Kebab, Names, Percent, Prose, Slug, Strict, Text


class Commitment(Strict):
    """A promise to customers (SPEC S3) and the KPI that shows whether it was kept."""

    id: Kebab
    name: Names
    promise: Prose
    evidence: Evidence
    kpi: str
    procedures: Annotated[list[str], Field(min_length=1)]


class Benchmark(Strict):
    """An industry figure quoted by a source, optionally compared with one of our KPIs."""

    id: Slug
    name: Names
    value: float
    unit: Literal["percent", "trillion_yuan"]
    year: Annotated[int, Field(ge=1970, le=2100)]
    about: Prose
    evidence: Evidence
    kpi: str | None = None


class Horizon(Strict):
    id: Slug
    name: Prose
    months_from: Annotated[int, Field(ge=0)]
    months_to: Annotated[int, Field(ge=1)] | None = None


class RoadmapItem(Strict):
    id: Annotated[str, Field(pattern=r"^RM-\d{2,}$")]
    horizon: str
    title: Prose
    owner: str
    due: date
    status: Literal["planned", "in progress", "done", "dropped"]
    done: date | None = None
    source: Annotated[list[str], Field(min_length=1)]
    procedures: list[str] = []


class Roadmap(Strict):
    start: date
    horizons: Annotated[list[Horizon], Field(min_length=1)]
    items: list[RoadmapItem]


class PlanFigure(Strict):
    """A figure of the plan's cost-benefit case (SPEC §7), quoted from its source."""

    id: Slug
    name: Names
    value: float
    unit: Literal["yuan", "yuan_per_year"]
    covers: list[Prose] = []
    evidence: Evidence


class Effectiveness(Strict):
    """ISO 9001 10.2.1 d): how the action's effect was checked, when, and what was found."""

    method: Prose
    checked: date
    result: Literal["effective", "not effective"]


class Action(Strict):
    """A corrective action with the fields ISO 9001 10.2 asks for."""

    id: Annotated[str, Field(pattern=r"^CA-\d{3,}$")]
    opened: date
    source: Literal["kpi", "complaint", "audit", "supplier", "merchant", "incident"]
    kpi: str | None = None
    risks: list[str] = []
    nonconformity: Prose
    containment: Prose
    root_cause: Prose
    similar: Prose
    action: Prose
    owner: str
    due: date
    effectiveness: Effectiveness | None = None
    closed: date | None = None
    approved_by: str | None = None


class NoAction(Strict):
    """A recorded decision to take no corrective action on a breached KPI in one period."""

    kpi: str
    period: Text
    reason: Prose
    decided_by: str
    decided: date


class Capa(Strict):
    actions: list[Action]
    no_action: list[NoAction] = []


COQ_CATEGORIES = ("prevention", "appraisal", "internal_failure", "external_failure")


class QualityCost(Strict):
    """One CSV row of data/cost_of_quality.csv."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    category: Literal[COQ_CATEGORIES]  # type: ignore[valid-type]
    item: Text
    amount: Annotated[float, Field(ge=0)]


class Appraisal(Strict):
    """How the plan's investment is appraised: rate, horizon and the sensitivity grid."""

    investment: str
    benefit: str
    benefit_timing: Literal["end_of_year", "through_the_year"]  # when each year's benefit arrives (plan/investment.py)
    discount_rate: Annotated[float, Field(ge=0, le=100)]
    horizon_years: Annotated[int, Field(ge=1, le=30)]
    rate_steps: Annotated[list[float], Field(min_length=1)]
    benefit_shares: Annotated[list[Percent], Field(min_length=1)]
    rationale: Prose
