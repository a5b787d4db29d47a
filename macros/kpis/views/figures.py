"""A KPI's status as a badge: icon and word, so colour never carries it alone."""

from __future__ import annotations

from ...render.badges import badge
from ..status import Status


def status_badge(status: Status) -> str:
    return badge(status.key, status.label, status.icon)
