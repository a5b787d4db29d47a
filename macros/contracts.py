"""The data contracts: the shape and types of every file in data/ (DESIGN.md, "Data contracts").

Rules that relate one record to another (owners exist, periods fit cadences,
bands cover 1–25…) live in validation.py; this module only says what each
record looks like.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Kebab = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
Text = Annotated[str, Field(min_length=1)]
Rating = Annotated[int, Field(ge=1, le=5)]

FAMILIES = ("product", "service", "information")
TREATMENTS = (
    "Avoid the risk",
    "Take or increase the risk",
    "Remove the risk source",
    "Change the likelihood",
    "Change the consequences",
    "Share the risk",
    "Retain the risk",
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Names(Strict):
    en: Text
    zh: Text


class Source(Strict):
    id: Annotated[str, Field(pattern=r"^S\d+$")]
    title: Names
    file: Text


class Responsibility(Strict):
    text: Text
    source: str | None = None


class Department(Strict):
    id: Slug
    name: Names
    lead: Text
    team: Annotated[str, Field(pattern=r"^@[\w.-]+/[\w.-]+$")]
    sources: list[str] = []
    responsibilities: list[Responsibility]


class Raci(Strict):
    """Who is Responsible, Accountable (exactly one), Consulted and Informed for one activity."""

    activity: Text
    procedure: str | None = None
    source: str | None = None
    R: Annotated[list[str], Field(min_length=1)]
    A: str
    C: list[str] = []
    I: list[str] = []  # noqa: E741 — the letters are the RACI convention


class Cadence(Strict):
    """A recurring activity the sources ask for, and how often it must happen."""

    id: Kebab
    name: Names
    every: Literal["weekly", "monthly", "quarterly", "yearly"]
    owner: str
    procedure: str | None = None
    source: Annotated[list[str], Field(min_length=1)]


class Org(Strict):
    departments: list[Department]
    raci: list[Raci] = []
    cadences: list[Cadence] = []


class Definition(Strict):
    numerator: Text
    denominator: str | None = None


class Scale(Strict):
    min: float
    max: float


class Evidence(Strict):
    source: str
    quote: Text


class ConflictingTarget(Strict):
    value: float
    inclusive: bool = True
    source: str
    quote: Text
    note: Text


class TargetChange(Strict):
    baseline: Text
    by: float
    relative: bool = True


class Kpi(Strict):
    id: Slug
    name: Names
    unit: Literal["percent", "permille", "hours", "count", "score", "yuan"]
    scale: Scale | None = None
    direction: Literal["higher", "lower"]
    target: float | None = None
    target_change: TargetChange | None = None
    target_inclusive: bool = True
    stretch: float | None = None
    warning: float | None = None
    target_basis: Literal["source", "handbook"] = "source"
    rationale: str | None = None
    owner: str
    cadence: Literal["weekly", "monthly", "quarterly", "yearly"]
    grace_days: Annotated[int, Field(ge=0)] | None = None
    scopes: list[Slug] = []
    series: str | None = None
    definition: Definition
    source: Annotated[list[str], Field(min_length=1)]
    evidence: list[Evidence] = []
    conflicting_targets: list[ConflictingTarget] = []
    query: str | None = None

    @property
    def is_ratio(self) -> bool:
        return self.definition.denominator is not None


class Procedure(Strict):
    id: Kebab
    name: Names
    owner: str
    source: Annotated[list[str], Field(min_length=1)]
    summary: Text
    trigger: Text
    steps: Annotated[list[Text], Field(min_length=1)]
    records: Annotated[list[Text], Field(min_length=1)]
    kpis: list[str] = []


class Position(Strict):
    likelihood: Rating
    impact: Rating


class Band(Strict):
    id: Slug
    name: Text
    min: int
    max: int
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
    action: Text


class Matrix(Strict):
    likelihood: dict[int, Text]
    impact: dict[int, Text]
    bands: list[Band]


class Risk(Strict):
    id: Annotated[str, Field(pattern=r"^R-\d{3}$")]
    family: Literal[FAMILIES]  # type: ignore[valid-type]
    title: Text
    cause: Text
    consequence: Text
    owner: str
    inherent: Position
    controls: list[str]
    residual: Position
    treatment: Literal[TREATMENTS]  # type: ignore[valid-type]
    status: Literal["open", "monitoring", "closed"]
    next_review: date


class RiskRegister(Strict):
    matrix: Matrix
    risks: list[Risk]


class Measurement(Strict):
    """One CSV row; empty optional cells arrive as None."""

    kpi: Text
    period: Text
    value: float
    numerator: Annotated[float, Field(ge=0)] | None = None
    denominator: Annotated[float, Field(gt=0)] | None = None
    scope: str | None = None
    source: str | None = None
    note: str | None = None


MEASUREMENT_REQUIRED = ("kpi", "period", "value")
MEASUREMENT_OPTIONAL = ("numerator", "denominator", "scope", "source", "note")


class ActivityDone(Strict):
    """One CSV row of the activity log: a recurring activity was carried out on a day."""

    activity: Text
    done: date
    record: Text
    note: str | None = None


ACTIVITY_REQUIRED = ("activity", "done", "record")
ACTIVITY_OPTIONAL = ("note",)


class Commitment(Strict):
    """A promise to customers (SPEC S3) and the KPI that shows whether it was kept."""

    id: Kebab
    name: Names
    promise: Text
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
    about: Text
    evidence: Evidence
    kpi: str | None = None


class Horizon(Strict):
    id: Slug
    name: Text
    months_from: Annotated[int, Field(ge=0)]
    months_to: Annotated[int, Field(ge=1)] | None = None


class RoadmapItem(Strict):
    id: Annotated[str, Field(pattern=r"^RM-\d{2}$")]
    horizon: str
    title: Text
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
    covers: list[Text] = []
    evidence: Evidence
