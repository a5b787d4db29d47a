"""The KPI catalogue and its measurements (data/kpis.yml, data/measurements/*.csv)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import Evidence, Names, Slug, Strict, Text


class Definition(Strict):
    numerator: Text
    denominator: str | None = None


class Scale(Strict):
    min: float
    max: float


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
