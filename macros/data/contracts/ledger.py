"""The refresh ledger (data/measurements/computed.lock.yml): what `make refresh` wrote, from what, and which
periods it has seen close. Written by refresh only; make validate holds computed.csv to it."""

from __future__ import annotations

from datetime import date

from .base import Slug, Strict, Text


class LedgerKpi(Strict):
    """How a KPI was computed: its query and cadence, as data/kpis.yml said."""

    query: Text
    cadence: Text


class RefreshLedger(Strict):
    refreshed_on: date  # the day refresh judged on
    closed_before: date  # a period that ended before this day is closed for good: no later date setting reopens it
    engine: Text  # DuckDB, or the warehouse (without its password)
    kpis: dict[Slug, LedgerKpi]
    inputs: dict[str, str]  # each file it was computed from, as the repository names it: its SHA-256
    rows: dict[str, str]  # "kpi period [scope]": "value (numerator / denominator)", as refresh wrote each row
