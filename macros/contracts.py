"""The data contracts: the shape and types of every file in data/ (DESIGN.md, "Data contracts").

Rules that relate one record to another (owners exist, periods fit cadences,
bands cover 1–25…) live in validation.py; this module only says what each
record looks like.
"""

from __future__ import annotations

from datetime import date, datetime
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


Percent = Annotated[float, Field(ge=0, le=100)]
Positive = Annotated[float, Field(gt=0)]
Edges = Annotated[list[Positive], Field(min_length=4, max_length=4)]


class IncidentCosts(Strict):
    """What one quality incident costs the platform, in yuan (an assumption this handbook sets)."""

    return_handling: Annotated[float, Field(ge=0)]
    return_write_off: Percent
    complaint_handling: Annotated[float, Field(ge=0)]
    rationale: Text


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


class Rule(Strict):
    """An outcome that applies when the last `consecutive` periods were all graded in `grades`."""

    outcome: Text
    grades: Annotated[list[Text], Field(min_length=1)]
    consecutive: Annotated[int, Field(ge=1)] = 1


class Grade(Strict):
    id: Text
    min: Percent
    meaning: Text


class SupplierMinimum(Strict):
    deliveries: Annotated[int, Field(ge=1)]
    inspected: Annotated[int, Field(ge=1)]


class SupplierWeights(Strict):
    on_time_delivery: Percent
    pass_rate: Percent
    response: Percent


class SupplierEvaluation(Strict):
    weights: SupplierWeights
    response_target_hours: Positive
    minimum: SupplierMinimum
    grades: Annotated[list[Grade], Field(min_length=2)]
    rules: Annotated[list[Rule], Field(min_length=1)]
    evidence: Evidence


class Partner(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Z]{2,4}-\d{2,4}$")]
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


SUPPLIER_QUARTER_COLUMNS = ("supplier", "quarter", "deliveries", "on_time", "inspected", "passed", "requests")


class Floor(Strict):
    """A merchant fails a metric below `fail_below`, and fails it seriously below `severe_below`."""

    fail_below: float
    severe_below: float


class MerchantThresholds(Strict):
    user_rating: Floor
    order_completion: Floor
    complaint_handling: Floor


class MerchantEvaluation(Strict):
    minimum_orders: Annotated[int, Field(ge=1)]
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


MERCHANT_MONTH_COLUMNS = ("merchant", "month", "orders", "completed", "ratings", "rating_sum", "complaints", "handled_in_time")


class Effectiveness(Strict):
    """ISO 9001 10.2.1 d): how the action's effect was checked, when, and what was found."""

    method: Text
    checked: date
    result: Literal["effective", "not effective"]


class Action(Strict):
    """A corrective action with the fields ISO 9001 10.2 asks for."""

    id: Annotated[str, Field(pattern=r"^CA-\d{3}$")]
    opened: date
    source: Literal["kpi", "complaint", "audit", "supplier", "merchant", "incident"]
    kpi: str | None = None
    risks: list[str] = []
    nonconformity: Text
    containment: Text
    root_cause: Text
    similar: Text
    action: Text
    owner: str
    due: date
    effectiveness: Effectiveness | None = None
    closed: date | None = None
    approved_by: str | None = None


class NoAction(Strict):
    """A recorded decision to take no corrective action on a breached KPI in one period."""

    kpi: str
    period: Text
    reason: Text
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


QUALITY_COST_COLUMNS = ("year", "category", "item", "amount")


class Appraisal(Strict):
    """How the plan's investment is appraised: rate, horizon and the sensitivity grid."""

    investment: str
    benefit: str
    discount_rate: Annotated[float, Field(ge=0, le=100)]
    horizon_years: Annotated[int, Field(ge=1, le=30)]
    rate_steps: Annotated[list[float], Field(min_length=1)]
    benefit_shares: Annotated[list[Percent], Field(min_length=1)]
    rationale: Text


class Order(Strict):
    """One row of data/exports/orders.csv."""

    order_id: Text
    ordered_at: datetime
    confirmed_at: datetime | None = None
    shipped_at: datetime | None = None
    category: Slug
    merchant: str | None = None
    amount: Annotated[float, Field(ge=0)]


class Return(Strict):
    """One row of data/exports/returns.csv."""

    return_id: Text
    order_id: Text
    requested_at: datetime
    reason: Slug


class Complaint(Strict):
    """One row of data/exports/complaints.csv."""

    complaint_id: Text
    order_id: Text
    opened_at: datetime
    topic: Slug
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None


class Review(Strict):
    """One row of data/exports/reviews.csv: a customer's rating of an order, 1 to 5 stars."""

    review_id: Text
    order_id: Text
    submitted_at: datetime
    rating: Rating


# --- Exports and the SQL that turns them into KPI measurements (data/exports.yml) ----------------

ColumnType = Literal["text", "timestamp", "integer", "number"]


class ExportColumn(Strict):
    """A column the queries use: its type and, when the export names it differently, the export's name."""

    type: ColumnType
    name: Text | None = None


class ExportTable(Strict):
    """One export: the file it is in (CSV or Parquet, a glob for many files), its warehouse table, its columns."""

    file: Text
    table: Text | None = None
    columns: Annotated[dict[Slug, ExportColumn], Field(min_length=1)]

    def column(self, name: str) -> str:
        """The export's own name for the handbook's column `name`."""
        return self.columns[name].name or name


class Refresh(Strict):
    output: Annotated[str, Field(pattern=r"^measurements/[\w.-]+\.csv$")]
    close_after_days: Annotated[int, Field(ge=0)]


class ExportsMap(Strict):
    refresh: Refresh
    tables: Annotated[dict[Slug, ExportTable], Field(min_length=1)]


# Each CSV record file: its contract, required columns, optional columns, and the
# fields that name a row in an error message.
RECORD_FILES = {
    "activity_log.csv": (ActivityDone, ACTIVITY_REQUIRED, ACTIVITY_OPTIONAL, ("activity", "done")),
    "exports/orders.csv": (
        Order,
        ("order_id", "ordered_at", "category", "amount"),
        ("confirmed_at", "shipped_at", "merchant"),
        ("order_id",),
    ),
    "exports/returns.csv": (Return, ("return_id", "order_id", "requested_at", "reason"), (), ("return_id",)),
    "exports/complaints.csv": (
        Complaint,
        ("complaint_id", "order_id", "opened_at", "topic"),
        ("first_response_at", "resolved_at"),
        ("complaint_id",),
    ),
    "exports/reviews.csv": (Review, ("review_id", "order_id", "submitted_at", "rating"), (), ("review_id",)),
    "supplier_quarters.csv": (SupplierQuarter, SUPPLIER_QUARTER_COLUMNS, ("response_hours",), ("supplier", "quarter")),
    "merchant_months.csv": (MerchantMonth, MERCHANT_MONTH_COLUMNS, (), ("merchant", "month")),
    "cost_of_quality.csv": (QualityCost, QUALITY_COST_COLUMNS, (), ("year", "category")),
}


# --- Controlled documents: the front matter of every page in docs/ (ISO 9001 7.5) --------------


class DocumentControl(Strict):
    """A page's identity, version, approval and review, as written in its front matter."""

    document_id: str = Field(pattern=r"^QH-[A-Z]{2,5}-\d{3}$")
    title: str = Field(min_length=1)
    version: str = Field(pattern=r"^\d+\.\d+$")
    status: Literal["draft", "approved", "obsolete"]
    owner: str
    approver: str
    effective: date
    review_every: str = Field(pattern=r"^[1-9]\d* (month|months|year|years)$")
    reviewed: date | None = None
    superseded_by: str | None = None
    # Material for MkDocs reads these keys too; they are allowed, not controlled.
    hide: list[str] | None = None
    search: dict[str, str] | None = None
