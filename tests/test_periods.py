"""Period formats per cadence and the dates they end."""

from __future__ import annotations

from datetime import date

import pytest

from macros.data.periods import is_valid, next_period, period_end


@pytest.mark.parametrize(
    ("period", "cadence", "valid"),
    [("2026-03", "monthly", True), ("2026-3", "monthly", False), ("2026-00", "monthly", False),
     ("2026-W07", "weekly", True), ("2026-W53", "weekly", True), ("2025-W53", "weekly", False),
     ("2026-Q4", "quarterly", True), ("2026-Q5", "quarterly", False), ("2026", "yearly", True),
     ("2026-Q1", "monthly", False)],
)  # fmt: skip
def test_period_format(period: str, cadence: str, valid: bool) -> None:
    assert is_valid(period, cadence) is valid


def test_period_ends() -> None:
    assert period_end("2024-02", "monthly") == date(2024, 2, 29)
    assert period_end("2026-Q1", "quarterly") == date(2026, 3, 31)
    assert period_end("2026-W01", "weekly") == date(2026, 1, 4)
    assert period_end("2026", "yearly") == date(2026, 12, 31)


def test_next_period_rolls_over_the_year() -> None:
    assert next_period("2026-12", "monthly") == "2027-01"
    assert next_period("2026-Q4", "quarterly") == "2027-Q1"
    assert next_period("2026-W53", "weekly") == "2027-W01"
