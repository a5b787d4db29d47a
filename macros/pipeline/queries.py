"""Run a KPI's query (data/queries/) and turn its result into measurement rows.

A query returns one row per period (and per scope): `period` (a date or timestamp in the
period, or the period's label), `numerator`, `denominator`, and optionally one column named
after one of the KPI's scopes (e.g. `category`). The value is numerator / denominator in the
KPI's unit, so a computed rate can never disagree with its own counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from ..data.contracts.kpis import Kpi
from ..data.exports.catalogue import ALLOWED, refusal
from ..data.periods import containing, expected_format, is_valid
from ..data.problems import Code, Problem, first_line, shown
from ..i18n.messages import gettext
from ..kpis.units import RATIO_FACTOR
from .engines import Engine

ROW_FIELDS = ("kpi", "period", "value", "numerator", "denominator", "scope", "source", "note")


class QueryError(Exception):
    """A query or an export it reads cannot give valid measurements; carries the problems to show."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def query_label(kpi: Kpi, data_name: str = "data") -> str:
    return f"{data_name}/queries/{kpi.query}"


@dataclass(frozen=True)
class Computed:
    """What one KPI's query gave: its measurement rows and how far the exports it read reach, or why it did not run."""

    rows: list[dict[str, str]]
    reach: date | None = None  # the last day every export it reads covers; None when none says
    skipped: str | None = None  # e.g. "the returns export is not provided"


def compute(kpi: Kpi, engine: Engine, data_dir: Path) -> Computed:
    """Run one KPI's query when the exports it reads are there; a query that fails is a QueryError naming its file."""
    label = query_label(kpi, data_dir.name)
    sql = (data_dir / "queries" / str(kpi.query)).read_text(encoding="utf-8")
    if refused := refusal(sql):  # before anything reads it: a COPY would write even on --dry-run
        raise QueryError([Problem(Code.SQL_NOT_ALLOWED, label, "the query", "", gettext(ALLOWED), refused)])
    try:
        reason = engine.reason(sql)
        if reason:
            return Computed([], skipped=reason)
        frame, reach = engine.fetch(sql), engine.covered_until(sql)
    except Exception as exc:  # the engines raise their own error types; say which file and what they said
        where = f"running it on {engine.name}"
        raise QueryError([Problem(Code.QUERY_FAILED, label, where, "", gettext("a query that runs"), first_line(exc))]) from None
    return Computed(measurement_rows(kpi, frame, label), reach)


def measurement_rows(kpi: Kpi, frame: pd.DataFrame, label: str) -> list[dict[str, str]]:
    """Check a query's result and write each row as the CSV cells of a measurement."""
    frame = frame.rename(columns=str.lower)
    scope_columns = [s for s in kpi.scopes if s in frame.columns]
    needed = ["period", "numerator", "denominator"]
    missing = [c for c in needed if c not in frame.columns]
    if missing or len(scope_columns) > 1:
        if kpi.scopes:
            expected = gettext("columns period, numerator, denominator and at most one of {scopes}", scopes=", ".join(kpi.scopes))
        else:
            expected = gettext("columns period, numerator, denominator")
        got = gettext("columns {columns}", columns=", ".join(map(str, frame.columns)))
        raise QueryError([Problem(Code.BAD_RESULT, label, "the result", ", ".join(missing) or "scope", expected, got)])
    rows, problems = [], []
    for n, record in enumerate(frame.to_dict("records"), start=1):
        where = f"result row {n}"
        period = _period(record["period"], kpi.cadence)
        num, den = _number(record["numerator"]), _number(record["denominator"])
        scope_name = str(record[scope_columns[0]]) if scope_columns and not _missing(record[scope_columns[0]]) else None
        if period is None:
            problems.append(
                Problem(
                    Code.BAD_PERIOD,
                    label,
                    where,
                    "period",
                    gettext("a date in the period or a label {format}", format=expected_format(kpi.cadence)),
                    shown(record["period"]),
                )
            )
        elif num is None or num < 0:
            expected = gettext("a number of 0 or more")
            problems.append(Problem(Code.NOT_A_NUMBER, label, where, "numerator", expected, shown(record["numerator"])))
        elif den is None or den <= 0:
            expected = gettext("a number above 0")
            problems.append(Problem(Code.NOT_A_NUMBER, label, where, "denominator", expected, shown(record["denominator"])))
        elif scope_columns and scope_name is None:
            # i18n: the name of a KPI's scope a result row lacks; {scope} is its column (category, merchant…)
            expected = gettext("a {scope} name", scope=scope_columns[0])
            problems.append(Problem(Code.MISSING_VALUE, label, where, scope_columns[0], expected, gettext("no value")))
        else:
            scope = f"{scope_columns[0]}={scope_name}" if scope_name else ""
            numerator, denominator = _cell(num), _cell(den)
            # The value is worked from the counts as written, in decimal: engines that sum floats in a different
            # order (DuckDB, PostgreSQL) then still write the same figure.
            value = _two_places(Decimal(numerator) / Decimal(denominator) * Decimal(str(RATIO_FACTOR.get(kpi.unit, 1.0))))
            rows.append({"kpi": kpi.id, "period": period, "value": value, "numerator": numerator, "denominator": denominator,
                         "scope": scope, "source": f"query {kpi.query}", "note": ""})  # fmt: skip
        if len(problems) >= 20:
            break
    if problems:
        raise QueryError(problems)
    return sorted(rows, key=lambda r: (r["period"], r["scope"]))


def _period(raw: object, cadence: str) -> str | None:
    if isinstance(raw, (datetime, date, pd.Timestamp)) and not _missing(raw):
        return containing(raw.date() if isinstance(raw, datetime) else raw, cadence)
    if isinstance(raw, str) and is_valid(raw, cadence):
        return raw
    return None


def _number(raw: object) -> float | None:
    try:
        value = float(raw)  # type: ignore[arg-type]  # Decimal from PostgreSQL, numpy ints from DuckDB
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) or math.isinf(value) else value


def _missing(raw: object) -> bool:
    return raw is None or (not isinstance(raw, str) and bool(pd.isna(raw)))


def _cell(number: float) -> str:
    """Counts stay whole; sums of hours keep two decimals."""
    return str(int(number)) if float(number).is_integer() else _two_places(Decimal(repr(number)))


def _two_places(number: Decimal) -> str:
    return str(number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
