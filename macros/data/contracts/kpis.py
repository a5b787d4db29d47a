"""The KPI catalogue and its measurements (data/kpis.yml, data/measurements/*.csv)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from .base import Evidence, Names, Prose, Slug, Strict, Text


class Definition(Strict):
    numerator: Prose
    denominator: Prose | None = None


class Scale(Strict):
    min: float
    max: float


class ConflictingTarget(Strict):
    value: float
    inclusive: bool = True
    source: str
    quote: Text
    note: Prose


class TargetChange(Strict):
    baseline: Text
    by: float
    relative: bool = True


BASELINE = 20  # periods in a stage's baseline unless it says (AIAG, Statistical Process Control, 2nd ed.: 20 to 25)
Baseline = Annotated[int, Field(ge=8, le=60)]  # fewer than 8 cannot complete Western Electric rule 4


class ControlStage(Strict):
    """A new stage of a KPI's control chart after a deliberate change, with its own baseline, centre and limits."""

    start: Text = Field(alias="from")  # the stage's first period
    changed: date  # when the change was made (not `on`: YAML reads that key as true)
    reason: Prose
    baseline: Baseline = BASELINE  # the stage's first periods its limits are worked out from, then frozen
    roadmap: str | None = None  # the roadmap item that made the change


class ControlPlan(Strict):
    """Which periods a KPI's control limits are worked out from: its first stage's baseline, and any later stages."""

    baseline: Baseline = BASELINE
    reason: Prose | None = None
    stages: list[ControlStage] = []


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
    rationale: Prose | None = None
    owner: str
    cadence: Literal["weekly", "monthly", "quarterly", "yearly"]
    grace_days: Annotated[int, Field(ge=0)] | None = None
    scopes: list[Slug] = []
    series: str | None = None
    definition: Definition
    source: Annotated[list[str], Field(min_length=1)]
    evidence: list[Evidence] = []
    conflicting_targets: list[ConflictingTarget] = []
    query: Annotated[str, Field(pattern=r"^[\w-]+(/[\w-]+)*\.sql$")] | None = None  # in data/queries/
    control: ControlPlan = ControlPlan()

    @property
    def is_ratio(self) -> bool:
        return self.definition.denominator is not None


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
