"""KPI status at its boundaries, in both directions (DESIGN rule 2)."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import kpi

from macros.kpis.status import AT_RISK, BREACHED, MET, NO_DATA, STALE, against_target, kpi_status
from macros.kpis.units import fmt, telling_decimals


@pytest.mark.parametrize(
    ("value", "expected"),
    [(89.99, BREACHED), (90, AT_RISK), (91, AT_RISK), (92, AT_RISK), (92.01, MET)],
    ids=["below target", "exactly on target", "inside band", "exactly on warning edge", "beyond warning"],
)
def test_higher_is_better(value: float, expected) -> None:
    assert against_target(value, 90, "higher", warning=92) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5.01, BREACHED), (5, AT_RISK), (4.7, AT_RISK), (4.5, AT_RISK), (4.49, MET)],
    ids=["above target", "exactly on target", "inside band", "exactly on warning edge", "beyond warning"],
)
def test_lower_is_better(value: float, expected) -> None:
    assert against_target(value, 5, "lower", warning=4.5) is expected


def test_on_target_without_a_warning_band_is_met() -> None:
    assert against_target(90, 90, "higher") is MET
    assert against_target(5, 5, "lower") is MET


def test_an_exclusive_target_is_breached_exactly_on_it() -> None:
    """'Below 1 %' is not kept by exactly 1 %."""
    assert against_target(1.0, 1.0, "lower", inclusive=False) is BREACHED
    assert against_target(0.99, 1.0, "lower", inclusive=False) is MET


def test_no_value_is_no_data() -> None:
    assert kpi_status(kpi(), None, None, 90, date(2026, 11, 21)) is NO_DATA


def test_a_monthly_value_is_current_until_the_next_month_is_due_plus_grace() -> None:
    """2026-10's successor (2026-11) ends 30 Nov; 10 days' grace makes 10 Dec the last current day."""
    k = kpi()
    assert kpi_status(k, 95, "2026-10", 90, date(2026, 12, 10)) is MET
    assert kpi_status(k, 95, "2026-10", 90, date(2026, 12, 11)) is STALE


def test_stale_wins_over_breached() -> None:
    assert kpi_status(kpi(), 50, "2025-01", 90, date(2026, 11, 21)) is STALE


def test_a_per_kpi_grace_period_overrides_the_default() -> None:
    assert kpi_status(kpi(grace_days=0), 95, "2026-10", 90, date(2026, 12, 1)) is STALE


def test_the_issues_two_values_near_the_warning_edge_print_apart() -> None:
    # Target 98, warning edge 98.5: 98.482 is at risk and 98.501 met; at one decimal both would read "98.5 %".
    at_risk, met = (fmt(v, "percent", telling_decimals(v, 98.0, "percent", 98.5)) for v in (98.482, 98.501))
    assert (at_risk, met) == ("98.48 %", "98.501 %")


def test_values_of_different_statuses_never_print_the_same() -> None:
    statuses: dict[str, set[str]] = {}
    for thousandths in range(97_000, 100_000):  # every value to 0.001 around both edges
        value = thousandths / 1000
        shown = fmt(value, "percent", telling_decimals(value, 98.0, "percent", 98.5))
        statuses.setdefault(shown, set()).add(against_target(value, 98.0, "higher", 98.5).key)
    assert [s for s, found in statuses.items() if len(found) > 1] == []
