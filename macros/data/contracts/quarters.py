"""A closed quarter's record (data/records/YYYY-Qn.yml): every figure its quality report showed when the quarter
was closed, and each restatement since. Written by `make close-quarter`; the report renders from it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from .base import Slug, Strict, Text

Quarter = Annotated[str, Field(pattern=r"^\d{4}-Q[1-4]$")]


class KpiResult(Strict):
    """One KPI's quarter against its target, as the report showed it."""

    kpi: Slug
    name: Text
    unit: Text
    value: float
    shown: Text  # the value as written on the page, e.g. "97.2 %"
    basis: Text  # how the quarter's figure was formed, e.g. "3 of 3 periods"
    provisional: int = 0  # of its periods, those still open (never in a closed quarter's record)
    target: float | None
    target_text: Text
    status: Literal["met", "at-risk", "breached"] | None
    previous: float | None  # the quarter before
    previous_shown: Text
    change: Text


class Unreported(Strict):
    kpi: Slug
    name: Text
    reason: Text


class Signal(Strict):
    """A control-chart signal in the quarter, with the data there was at its end."""

    kpi: Slug
    name: Text
    period: Text
    rules: Text
    description: Text
    side: Text
    chart: Text


class Limits(Strict):
    """The control limits in force at the quarter's last period."""

    kpi: Slug
    name: Text
    unit: Text
    chart: Text
    period: Text
    centre: float
    lower: float | None
    upper: float | None


class Topic(Strict):
    topic: Text
    complaints: int
    previous: int


class Topics(Strict):
    reason: str | None = None  # why they were not assessed
    total: int = 0
    top: list[Topic] = []
    files: list[str] = []


class PartnerOutcome(Strict):
    """A supplier or merchant that needed action in the quarter: its outcome in each of the quarter's periods."""

    id: Text
    name: Text
    outcomes: list[str | None]  # one per period; None: not rated


class PartnerOutcomes(Strict):
    """How many suppliers (the quarter) or merchants (each of its months) had each outcome, and those needing action."""

    periods: list[Text]
    counts: dict[str, list[int]]  # outcome ("not rated" too) -> one count per period, the most severe outcome first
    needing: list[PartnerOutcome] = []  # the most urgent first


class ActionEntry(Strict):
    """A corrective action opened or closed in the quarter, as the log had it then."""

    id: Text
    action: Text
    owner: Text
    kpi: str | None = None
    opened: date
    due: date
    closed: date | None = None


class Rescore(Strict):
    """A risk whose inherent or residual score a commit in the quarter changed."""

    risk: Text
    title: Text
    on: date
    commit: Text
    inherent: tuple[int | None, int | None]  # before, after
    residual: tuple[int | None, int | None]


class Sections(Strict):
    """What a report shows beside the KPI figures; a record closed before reports had them keeps none (None)."""

    suppliers: PartnerOutcomes
    merchants: PartnerOutcomes
    opened: list[ActionEntry] = []
    closed: list[ActionEntry] = []
    rescored: list[Rescore] = []
    history: Literal["full", "shallow", "none"] = "full"  # the git history the re-scores were read from


class QuarterReport(Strict):
    """The figures of one quarter's quality report, whether worked out now or read from its record."""

    quarter: Quarter
    previous: Quarter
    results: list[KpiResult]
    unreported: list[Unreported] = []
    signals: list[Signal] = []
    limits: list[Limits] = []
    topics: Topics
    files: list[str] = []  # the measurement files the figures come from
    sections: Sections | None = None  # suppliers, merchants, actions and risks: in every record closed since reports had them


class Change(Strict):
    what: Text
    old: Text
    new: Text


class Restatement(Strict):
    on: date
    reason: Text
    changes: list[Change]


class QuarterRecord(QuarterReport):
    closed_on: date
    inputs: dict[str, str]  # the SHA-256 of each file the figures were worked out from, at closing
    restatements: list[Restatement] = []
