"""Supplier and merchant evaluation: the rules in data/suppliers.yml and merchants.yml, and the periods they are judged on."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from .base import Evidence, Names, Percent, PlatformId, Positive, Prose, Slug, Strict, Text


class Rule(Strict):
    """An outcome that applies when the last `consecutive` periods were all graded in `grades`."""

    outcome: Text
    grades: Annotated[list[Text], Field(min_length=1)]
    consecutive: Annotated[int, Field(ge=1)] = 1


class Grade(Strict):
    id: Text
    min: Percent
    meaning: Prose


class SupplierMinimum(Strict):
    deliveries: Annotated[int, Field(ge=1)]
    inspected: Annotated[int, Field(ge=1)]


class SupplierWeights(Strict):
    on_time_delivery: Percent
    pass_rate: Percent
    response: Percent


class Gate(Strict):
    """A metric below `below` caps the grade at `cap`, whatever the weighted score: good delivery cannot buy back bad quality."""

    metric: Literal["on_time_delivery", "pass_rate", "response"]
    below: Percent
    cap: Text  # a grade id


class SupplierEvaluation(Strict):
    weights: SupplierWeights
    response_target_hours: Positive
    minimum: SupplierMinimum
    gates: list[Gate] = []
    grades: Annotated[list[Grade], Field(min_length=2)]
    rules: Annotated[list[Rule], Field(min_length=1)]
    evidence: Evidence


class Partner(Strict):
    id: PlatformId
    name: Names
    category: Slug
    since: date


class Suppliers(Strict):
    evaluation: SupplierEvaluation
    suppliers: list[Partner]


SUPPLIER_OUTCOMES = ("keep", "warning", "eliminate")


class SupplierQuarter(Strict):
    """One CSV row: a supplier's deliveries, inspections and after-sales answers in one quarter."""

    supplier: Text
    quarter: Text
    deliveries: Annotated[int, Field(ge=0)]
    on_time: Annotated[int, Field(ge=0)]
    inspected: Annotated[int, Field(ge=0)]
    passed: Annotated[int, Field(ge=0)]
    requests: Annotated[int, Field(ge=0)]
    response_hours: Annotated[float, Field(ge=0)] | None = None


class Floor(Strict):
    """A merchant fails a metric below `fail_below`, and fails it seriously below `severe_below`."""

    fail_below: float
    severe_below: float


class MerchantThresholds(Strict):
    user_rating: Floor
    order_completion: Floor
    complaint_handling: Floor


class MerchantSample(Strict):
    """The least a month's ratings and complaints must number for its rating and its complaint handling to be judged."""

    ratings: Annotated[int, Field(ge=1)] = 1
    complaints: Annotated[int, Field(ge=1)] = 1


class MerchantEvaluation(Strict):
    minimum_orders: Annotated[int, Field(ge=1)]
    minimum_sample: MerchantSample = MerchantSample()
    thresholds: MerchantThresholds
    rules: Annotated[list[Rule], Field(min_length=1)]
    evidence: Evidence


class Merchants(Strict):
    evaluation: MerchantEvaluation
    merchants: list[Partner]


MERCHANT_GRADES = ("pass", "fail", "severe")
MERCHANT_OUTCOMES = ("good standing", "rectify", "suspend", "terminate")


class MerchantMonth(Strict):
    """One CSV row: a merchant's orders, ratings and complaints in one month."""

    merchant: Text
    month: Text
    orders: Annotated[int, Field(ge=0)]
    completed: Annotated[int, Field(ge=0)]
    ratings: Annotated[int, Field(ge=0)]
    rating_sum: Annotated[float, Field(ge=0)]
    complaints: Annotated[int, Field(ge=0)]
    handled_in_time: Annotated[int, Field(ge=0)]
