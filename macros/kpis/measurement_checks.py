"""Rules for each measurement row (data/measurements/*.csv) and for the scopes a roll-up needs."""

from __future__ import annotations

from datetime import date
from functools import reduce

import pandas as pd

from ..data.contracts.kpis import Kpi
from ..data.loading import Parts, row_where
from ..data.periods import YEARS, is_valid, period_of, period_start
from ..data.problems import Code, Problem, shown
from ..i18n.messages import gettext
from .units import RATIO_FACTOR, ratio_value, rounding_tolerance, value_range


def rows(parts: Parts, today: date) -> list[Problem]:
    """Each row names a known KPI, a period of its cadence that has begun, a scope it has, and a value its unit allows."""
    frame = parts.measurements
    if frame.empty or parts.kpis is None:
        return []
    kpis = {k.id: k for k in parts.kpis}
    found: list[Problem] = []
    first_seen: dict[tuple[str, str, str], str] = {}
    for r in frame.itertuples(index=False):
        where = row_where(r.row, r.kpi, r.period, r.scope)
        k = kpis.get(r.kpi)
        if k is None:
            found.append(Problem(Code.UNKNOWN_REFERENCE, r.file, where, "kpi", gettext("a KPI id from data/kpis.yml"), shown(r.kpi)))
            continue
        if k.series is not None:
            expected = gettext("measurements recorded under '{series}', which '{kpi}' reads", series=k.series, kpi=k.id)
            found.append(Problem(Code.WRONG_SERIES, r.file, where, "kpi", expected, shown(r.kpi)))
            continue
        if not is_valid(r.period, k.cadence):
            # i18n: {period} is what a period of the KPI's cadence looks like (a monthly period YYYY-MM, e.g. 2026-03)
            expected = gettext("{period}, years {first}–{last}", period=period_of(k.cadence), first=YEARS.start, last=YEARS.stop - 1)
            found.append(Problem(Code.BAD_PERIOD, r.file, where, "period", expected, shown(r.period)))
        elif period_start(r.period, k.cadence) > today:
            expected = gettext("a period that has begun by {day}", day=today)
            got = gettext("{value}, in the future", value=shown(r.period))
            found.append(Problem(Code.FUTURE_PERIOD, r.file, where, "period", expected, got))
        key = (r.kpi, r.period, r.scope)
        if key in first_seen:
            expected = gettext("one row per KPI, period and scope (already in {row})", row=first_seen[key])
            found.append(Problem(Code.DUPLICATE_ROW, r.file, where, "period", expected, gettext("a second row")))
        else:
            # i18n: a row of a measurement file, named where another row repeats it: data/measurements/m.csv row 7
            first_seen[key] = gettext("{file} row {row}", file=r.file, row=r.row)
        found += _scope(k, r, where)
        found += _value(k, r, where)
    return found


def _scope(k: Kpi, r, where: str) -> list[Problem]:
    if not r.scope:
        return []
    kind, _, name = r.scope.partition("=")
    if not name or kind not in k.scopes:
        # i18n: two scopes a row may name, either of them: 'category=<name>' or 'merchant=<name>'
        either = lambda a, b: gettext("{a} or {b}", a=a, b=b)  # noqa: E731
        named = [f"'{s}=<name>'" for s in k.scopes]
        allowed = reduce(either, named) if named else gettext("no scope (this KPI has no breakdown)")
        return [Problem(Code.BAD_SCOPE, r.file, where, "scope", allowed, shown(r.scope))]
    return []


def _value(k: Kpi, r, where: str) -> list[Problem]:
    lo, hi, allowed = value_range(k)
    found = []
    if (lo is not None and r.value < lo) or (hi is not None and r.value > hi):
        found.append(Problem(Code.OUT_OF_RANGE, r.file, where, "value", allowed, shown(r.value)))
    if k.unit == "count" and not float(r.value).is_integer():
        found.append(Problem(Code.NOT_WHOLE, r.file, where, "value", gettext("a whole number of items"), shown(r.value)))
    has_num, has_den = not pd.isna(r.numerator), not pd.isna(r.denominator)
    if k.is_ratio and not (has_num and has_den):
        field = "numerator" if not has_num else "denominator"
        expected = gettext("numerator and denominator ({kpi} is a rate)", kpi=k.id)
        if not has_num and not has_den:
            got = gettext("no numerator and denominator")
        else:
            got = gettext("no numerator") if not has_num else gettext("no denominator")
        found.append(Problem(Code.MISSING_VALUE, r.file, where, field, expected, got))
        return found + _fraction_by_target(k, r, where)
    if not (has_num and has_den):
        return found
    if k.unit in RATIO_FACTOR and r.numerator > r.denominator:
        expected = gettext("at most the denominator {total}", total=f"{r.denominator:g}")
        return [*found, Problem(Code.EXCEEDS_TOTAL, r.file, where, "numerator", expected, shown(r.numerator))]
    # The typed value must equal numerator / denominator rounded to the decimals it was written with.
    expected = ratio_value(k, r.numerator, r.denominator)
    tolerance = rounding_tolerance(r.decimals)
    if abs(r.value - expected) > tolerance:
        fraction = r.numerator / r.denominator
        written = f"{expected:.{max(r.decimals, 2)}f}"
        if k.unit in RATIO_FACTOR and abs(r.value - fraction) <= tolerance:
            if k.unit == "percent":
                expected = gettext("a percentage ({value}), not a fraction", value=written)
            else:
                expected = gettext("a per-mille figure ({value}), not a fraction", value=written)
            got = gettext("{value}, a fraction", value=f"{r.value:g}")
            found.append(Problem(Code.FRACTION_NOT_PERCENT, r.file, where, "value", expected, got))
        else:
            expected = gettext("numerator / denominator = {value}", value=written)
            found.append(Problem(Code.VALUE_MISMATCH, r.file, where, "value", expected, shown(r.value)))
    return found


def _fraction_by_target(k: Kpi, r, where: str) -> list[Problem]:
    """Without numerator and denominator, a percent of at most 1 against a target of 10 or more is a fraction."""
    if k.unit == "percent" and k.target is not None and k.target >= 10 and 0 < r.value <= 1:
        expected = gettext("a percentage like {value} (98.2 means 98.2 %), not a fraction", value=f"{r.value * 100:g}")
        return [Problem(Code.FRACTION_NOT_PERCENT, r.file, where, "value", expected, shown(r.value))]
    return []


def scope_coverage(parts: Parts, today: date) -> list[Problem]:
    """A KPI rolled up from scopes must have every scope in every period, or the roll-up is partial."""
    if parts.measurements is None:
        return []
    frame, found = parts.measurements, []
    for k in parts.kpis:
        if not k.scopes or k.series:
            continue
        rows = frame[(frame["kpi"] == k.id) & frame["scope"].str.startswith(f"{k.scopes[0]}=")]
        # A query sees every record, so a scope it leaves out of a period had none in it (a category not yet sold).
        rows = rows[~rows["source"].fillna("").str.startswith("query ")]
        periods_with_total = set(frame.loc[(frame["kpi"] == k.id) & (frame["scope"] == ""), "period"])
        names = set(rows["scope"])
        for period, group in rows.groupby("period", sort=True):
            missing = sorted(names - set(group["scope"]))
            if missing and period not in periods_with_total:
                where = row_where(int(group["row"].min()), k.id, str(period))
                expected = gettext("a row for every {scope} seen in other periods (the roll-up would be partial)", scope=k.scopes[0])
                got = gettext("none for {names}", names=", ".join(missing))
                found.append(Problem(Code.PARTIAL_ROLLUP, group["file"].iloc[0], where, "scope", expected, got, "warning"))
    return found
