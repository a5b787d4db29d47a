"""How a KPI's status and period are marked: badges with icon and word (colour never carries them alone), and
the mark of a period still open, whose value late data may still change."""

from __future__ import annotations

from ...render.badges import badge
from ..status import PROVISIONAL as WORD
from ..status import Status

PROVISIONAL = f'<span class="provisional" title="still open: late returns and complaints may change this value">{WORD}</span>'


def status_badge(status: Status) -> str:
    return badge(status.key, status.label, status.icon)


def period_text(period: str | None, provisional: bool) -> str:
    """'2026-10 provisional' for a period still open; the period alone once it is closed."""
    if period is None:
        return "—"
    return f"{period} {PROVISIONAL}" if provisional else period
