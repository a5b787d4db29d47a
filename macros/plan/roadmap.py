"""Roadmap horizons and which items are overdue."""

from __future__ import annotations

from datetime import date

from ..data.contracts.plan import Horizon, Roadmap, RoadmapItem
from ..data.dates import add_months, is_overdue
from ..i18n.messages import N_

OPEN = ("planned", "in progress")
# An item's status as a reader is told it (translated where shown).
STATUS_WORDS = {"done": N_("done"), "dropped": N_("dropped"), "planned": N_("planned"), "in progress": N_("in progress")}


def window(roadmap: Roadmap, horizon: Horizon) -> tuple[date, date | None]:
    """The first and last day an item of this horizon may fall due (no end for the long term)."""
    start = add_months(roadmap.start, horizon.months_from)
    end = add_months(roadmap.start, horizon.months_to) if horizon.months_to is not None else None
    return start, end


def item_overdue(item: RoadmapItem, today: date) -> bool:
    return is_overdue(item.due, today, still_open=item.status in OPEN)


def is_late(item: RoadmapItem) -> bool:
    """Done, but after its due date."""
    return item.status == "done" and item.done is not None and item.done > item.due
