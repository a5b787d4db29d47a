"""The operational exports: their rows, and how data/exports.yml maps them for the KPI queries."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from .base import Rating, Slug, Strict, Text


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
