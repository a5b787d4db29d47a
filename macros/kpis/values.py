"""A KPI's headline series: one value per period, rolled up as Σnumerator / Σdenominator."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.contracts.kpis import Kpi
from ..data.periods import bucket, periods_within
from .units import RATIO_FACTOR

SERIES_COLUMNS = ["period", "value", "numerator", "denominator", "scoped"]


def series_id(kpi: Kpi) -> str:
    """The KPI whose measurements this KPI reads (a plan KPI may track another's series)."""
    return kpi.series or kpi.id


def headline_series(measurements: pd.DataFrame, kpi: Kpi) -> pd.DataFrame:
    """Per period: the unscoped row if there is one, else the roll-up of the first scope kind.

    A rate's value is always its numerator / denominator (the typed value is only checked
    against them). Ratios roll up as Σnumerator / Σdenominator, never as a mean of rates;
    counts and money add up; any other unit without an unscoped row has no headline value.
    """
    rows = measurements[measurements["kpi"] == series_id(kpi)]
    primary = f"{kpi.scopes[0]}=" if kpi.scopes else None
    by_period: dict[str, list] = {}
    # Plain tuples: a pandas selection per period costs more than the whole sum over a few rows.
    for r in rows[["period", "scope", "value", "numerator", "denominator"]].itertuples(index=False):
        by_period.setdefault(r.period, []).append(r)
    out = []
    for period in sorted(by_period):
        group = by_period[period]
        overall = [r for r in group if r.scope == ""]
        if overall:
            value, num, den = _combine(overall[:1], kpi)
            out.append((period, overall[0].value if value is None else value, num, den, False))
        elif primary is not None:
            value, num, den = _combine([r for r in group if r.scope.startswith(primary)], kpi)
            if value is not None:
                out.append((period, value, num, den, True))
    return pd.DataFrame(out, columns=SERIES_COLUMNS).astype({"value": "float64", "numerator": "float64", "denominator": "float64"})


def _combine(records: list, kpi: Kpi) -> tuple[float | None, float | None, float | None]:
    """rollup() over measurement rows as tuples; numpy sums them in the same order as pandas would."""
    if not records:
        return None, None, None
    return _rolled(
        kpi, np.array([r.numerator for r in records]), np.array([r.denominator for r in records]), np.array([r.value for r in records])
    )


def rollup(rows: pd.DataFrame, kpi: Kpi) -> tuple[float | None, float | None, float | None]:
    """Combine rows (scopes, or several periods) into one value with its numerator and denominator."""
    return _rolled(
        kpi, rows["numerator"].to_numpy(dtype=float), rows["denominator"].to_numpy(dtype=float), rows["value"].to_numpy(dtype=float)
    )


def _rolled(
    kpi: Kpi, numerators: np.ndarray, denominators: np.ndarray, values: np.ndarray
) -> tuple[float | None, float | None, float | None]:
    if kpi.is_ratio:
        if np.isnan(numerators).any() or np.isnan(denominators).any():
            return None, None, None
        num, den = float(numerators.sum()), float(denominators.sum())
        return num / den * RATIO_FACTOR.get(kpi.unit, 1.0), num, den
    if kpi.unit in ("count", "yuan"):
        return float(values.sum()), None, None
    return None, None, None


def resolve_target(kpi: Kpi, series: pd.DataFrame) -> float | None:
    """The target in force: the fixed one, or the baseline value moved by the planned change."""
    if kpi.target is not None:
        return kpi.target
    change = kpi.target_change
    if change is None:
        return None
    base = series[series["period"] == change.baseline]
    if base.empty:
        return None
    value = float(base.iloc[0]["value"])
    return value * (1 + change.by / 100) if change.relative else value + change.by


ROLLUP_COLUMNS = ["bucket", "periods", "expected", "value", "numerator", "denominator"]


def rollups(kpi: Kpi, series: pd.DataFrame, to: str) -> pd.DataFrame:
    """The headline series rolled up into quarters or years: Σnumerator / Σdenominator per bucket.

    `periods` and `expected` say how complete each bucket is, so a partial quarter is never
    mistaken for a whole one. KPIs without numerator and denominator (scores, hours without
    counts) have no roll-up value unless they are counts or money, which add up.
    """
    if series.empty:
        return pd.DataFrame(columns=ROLLUP_COLUMNS)
    buckets = [bucket(p, kpi.cadence, to) for p in series["period"]]
    out = []
    for name, rows in series.assign(bucket=buckets).groupby("bucket", sort=True):
        value, num, den = rollup(rows, kpi)
        expected = len(periods_within(str(name), to, kpi.cadence))
        out.append((name, len(rows), expected, value, num, den))
    return pd.DataFrame(out, columns=ROLLUP_COLUMNS)


# The buckets a KPI's periods roll up into, by its cadence.
ROLL_UPS = {"weekly": ("quarterly", "yearly"), "monthly": ("quarterly", "yearly"), "quarterly": ("yearly",), "yearly": ()}


def by_quarter(kpi: Kpi, series: pd.DataFrame, quarterly: pd.DataFrame) -> pd.DataFrame:
    """The quarterly roll-ups with each quarter's last period and value, indexed by quarter (for quarterly reports)."""
    frame = quarterly.set_index("bucket")
    quarters = [bucket(p, kpi.cadence, "quarterly") for p in series["period"]]
    last = series.assign(quarter=quarters).groupby("quarter").last()
    frame["last_period"], frame["last_value"] = last["period"], last["value"]
    return frame
