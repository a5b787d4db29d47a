"""The date the handbook is judged on (staleness, overdue reviews)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    """HANDBOOK_TODAY (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else the real date.

    Pinning it makes a build of the same commit reproducible on any day.
    """
    pinned = os.environ.get("HANDBOOK_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def now() -> datetime:
    """SOURCE_DATE_EPOCH when set (a reproducible build says when its sources were), else the real time, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch else datetime.now(UTC)
