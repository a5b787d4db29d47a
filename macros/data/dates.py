"""Date arithmetic the plan shares: whole months, when a recurring activity is due again, and what is overdue."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS_IN = {"monthly": 1, "quarterly": 3, "yearly": 12}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    return day + relativedelta(months=months)


def next_due(last: date, every: str) -> date:
    """When an activity done on `last` is due again."""
    if every == "weekly":
        return last + timedelta(days=7)
    return add_months(last, MONTHS_IN[every])


def is_overdue(due: date, today: date, still_open: bool = True) -> bool:
    """Something still open whose due day has passed (on the due day itself it is not late yet)."""
    return still_open and due < today
