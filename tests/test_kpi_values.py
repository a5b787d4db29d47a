"""Roll-ups are Σnumerator / Σdenominator, never a mean of rates."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import kpi

from macros.data.loading import MEASUREMENT_COLUMNS
from macros.kpis.values import headline_series, resolve_target


def frame(rows: list[dict]) -> pd.DataFrame:
    full = [{"numerator": None, "denominator": None, "scope": "", "source": "", "note": "", "file": "f", "row": 2, **r} for r in rows]
    return pd.DataFrame(full, columns=MEASUREMENT_COLUMNS).astype({"numerator": float, "denominator": float})


def test_scoped_rows_roll_up_as_pooled_ratio() -> None:
    """1/10 and 50/1000 pool to 51/1010 = 5.05 %, not the mean of 10 % and 5 % (7.5 %)."""
    rows = frame([
        {"kpi": "k", "period": "2026-10", "value": 10.0, "numerator": 1, "denominator": 10, "scope": "category=a"},
        {"kpi": "k", "period": "2026-10", "value": 5.0, "numerator": 50, "denominator": 1000, "scope": "category=b"},
    ])  # fmt: skip
    series = headline_series(rows, kpi(scopes=["category"]))
    assert series["value"].tolist() == [51 / 1010 * 100]
    assert (series["numerator"].tolist(), series["denominator"].tolist()) == ([51], [1010])


def test_an_unscoped_row_is_the_headline_even_when_scopes_exist() -> None:
    rows = frame([
        {"kpi": "k", "period": "2026-10", "value": 7.0, "numerator": 7, "denominator": 100},
        {"kpi": "k", "period": "2026-10", "value": 10.0, "numerator": 1, "denominator": 10, "scope": "category=a"},
    ])  # fmt: skip
    assert headline_series(rows, kpi(scopes=["category"]))["value"].tolist() == [pytest.approx(7.0)]


def test_a_relative_change_target_is_computed_from_the_baseline_value() -> None:
    k = kpi(target=None, warning=None, target_change={"baseline": "2026-01", "by": -5, "relative": True}, direction="lower")
    rows = frame([{"kpi": "k", "period": "2026-01", "value": 3.0, "numerator": 3, "denominator": 100}])
    assert resolve_target(k, headline_series(rows, k)) == 3.0 * 0.95
