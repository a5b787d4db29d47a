"""Date arithmetic for recurring activities and plan horizons: adding whole months and cadences."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MONTHS_IN = {"monthly": 1, "quarterly": 3, "yearly": 12}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(last: date, every: str) -> date:
    """When an activity done on `last` is due again."""
    if every == "weekly":
        return last + timedelta(days=7)
    return add_months(last, MONTHS_IN[every])
