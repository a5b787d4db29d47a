"""Reporting periods: the format each cadence uses, their end dates and when a value is due."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from ..i18n.messages import N_, gettext

Cadence = Literal["weekly", "monthly", "quarterly", "yearly"]

FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "weekly": (re.compile(r"^(\d{4})-W(\d{2})$"), N_("YYYY-Www, e.g. 2026-W07")),
    "monthly": (re.compile(r"^(\d{4})-(\d{2})$"), N_("YYYY-MM, e.g. 2026-03")),
    "quarterly": (re.compile(r"^(\d{4})-Q(\d)$"), N_("YYYY-Qn, e.g. 2026-Q1")),
    "yearly": (re.compile(r"^(\d{4})$"), N_("YYYY, e.g. 2026")),
}

# Years a period may name: anything else is a typo (and would not fit Python's dates).
YEARS = range(1970, 2101)

# Days after a value falls due before the KPI counts as stale.
GRACE_DAYS: dict[str, int] = {"weekly": 3, "monthly": 10, "quarterly": 30, "yearly": 60}


# i18n: what a period of a cadence looks like; {format} is how it is written (YYYY-MM, e.g. 2026-03)
PERIOD_OF = {
    "weekly": N_("a weekly period {format}"),
    "monthly": N_("a monthly period {format}"),
    "quarterly": N_("a quarterly period {format}"),
    "yearly": N_("a yearly period {format}"),
}
# i18n: the same, said with "like" (a row's period in a partner's or a decision's record)
PERIOD_LIKE = {
    "weekly": N_("a weekly period like {format}"),
    "monthly": N_("a monthly period like {format}"),
    "quarterly": N_("a quarterly period like {format}"),
    "yearly": N_("a yearly period like {format}"),
}


def expected_format(cadence: str) -> str:
    return gettext(FORMATS[cadence][1])


def period_of(cadence: str, like: bool = False) -> str:
    """'a monthly period YYYY-MM, e.g. 2026-03' (or '… like YYYY-MM …'): what a problem expects of a period."""
    return gettext((PERIOD_LIKE if like else PERIOD_OF)[cadence], format=expected_format(cadence))


def is_valid(period: str, cadence: str) -> bool:
    """True when `period` is well formed for `cadence` and names a real week, month or quarter."""
    match = FORMATS[cadence][0].match(period)
    if not match or int(match.group(1)) not in YEARS:
        return False
    year = int(match.group(1))
    if cadence == "weekly":
        return 1 <= int(match.group(2)) <= date(year, 12, 28).isocalendar().week
    if cadence == "monthly":
        return 1 <= int(match.group(2)) <= 12
    if cadence == "quarterly":
        return 1 <= int(match.group(2)) <= 4
    return True


def cadence_of(period: str) -> str | None:
    """The cadence whose format a period label has (the formats never overlap); None for none of them."""
    return next((c for c in FORMATS if is_valid(period, c)), None)


def period_end(period: str, cadence: str) -> date:
    """The last day a period covers."""
    match = FORMATS[cadence][0].match(period)
    if not match:
        raise ValueError(f"{period!r} is not a {cadence} period ({expected_format(cadence)})")
    year = int(match.group(1))
    if cadence == "weekly":
        return date.fromisocalendar(year, int(match.group(2)), 7)
    if cadence == "monthly":
        return _month_end(year, int(match.group(2)))
    if cadence == "quarterly":
        return _month_end(year, int(match.group(2)) * 3)
    return date(year, 12, 31)


def period_start(period: str, cadence: str) -> date:
    """The first day a period covers."""
    end = period_end(period, cadence)
    if cadence == "weekly":
        return end - timedelta(days=6)
    if cadence == "monthly":
        return end.replace(day=1)
    if cadence == "quarterly":
        return date(end.year, end.month - 2, 1)
    return date(end.year, 1, 1)


def next_period(period: str, cadence: str) -> str:
    return containing(period_end(period, cadence) + timedelta(days=1), cadence)


def periods_between(first: str, last: str, cadence: str) -> list[str]:
    """Every period from first to last, both included, in order."""
    found = [first]
    while found[-1] < last:
        found.append(next_period(found[-1], cadence))
    return found


def containing(day: date, cadence: str) -> str:
    """The period of `cadence` that covers `day`."""
    if cadence == "weekly":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if cadence == "monthly":
        return f"{day.year}-{day.month:02d}"
    if cadence == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def bucket(period: str, cadence: str, to: str) -> str:
    """The period of cadence `to` a period starts in: 2026-08 (monthly) is in 2026-Q3 (quarterly) and 2026 (yearly)."""
    return containing(period_start(period, cadence), to)


def periods_within(outer: str, outer_cadence: str, cadence: str) -> list[str]:
    """The periods of `cadence` that start inside `outer` (the months of a quarter, the weeks of a year…)."""
    first, last = period_start(outer, outer_cadence), period_end(outer, outer_cadence)
    period = containing(first, cadence)
    if period_start(period, cadence) < first:
        period = next_period(period, cadence)
    out = []
    while period_start(period, cadence) <= last:
        out.append(period)
        period = next_period(period, cadence)
    return out


def stale_after(latest: str, cadence: str, grace_days: int | None = None) -> date:
    """The last day the latest value is current: the next period's end plus the grace period."""
    grace = GRACE_DAYS[cadence] if grace_days is None else grace_days
    return period_end(next_period(latest, cadence), cadence) + timedelta(days=grace)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)
