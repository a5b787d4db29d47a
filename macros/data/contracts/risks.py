"""The risk register and its matrix (data/risks.yml), and the method of risk per product category (data/category_risk.yml)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from .base import Evidence, Percent, Positive, Prose, Rating, Slug, Strict

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
Edges = Annotated[list[Positive], Field(min_length=4, max_length=4)]


class Position(Strict):
    likelihood: Rating
    impact: Rating


class Band(Strict):
    id: Slug
    name: Prose
    min: int
    max: int
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
    action: Prose


class Matrix(Strict):
    likelihood: dict[int, Prose]
    impact: dict[int, Prose]
    bands: list[Band]


class Risk(Strict):
    id: Annotated[str, Field(pattern=r"^R-\d{3,}$")]
    family: Literal[FAMILIES]  # type: ignore[valid-type]
    title: Prose
    cause: Prose
    consequence: Prose
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


class IncidentCosts(Strict):
    """What one quality incident costs the platform, in yuan (an assumption this handbook sets)."""

    return_handling: Annotated[float, Field(ge=0)]
    return_write_off: Percent
    complaint_handling: Annotated[float, Field(ge=0)]
    rationale: Prose


class CategoryRiskMethod(Strict):
    """How data/exports/ becomes a risk level per product category (S0's worked case)."""

    window_months: Annotated[int, Field(ge=1, le=36)]
    min_orders: Annotated[int, Field(ge=1)]
    return_reasons: dict[Slug, Literal["quality", "other"]]
    complaint_topics: dict[Slug, Literal["quality", "other"]]
    costs: IncidentCosts
    likelihood_edges: Edges
    impact_edges: Edges
    evidence: Evidence
