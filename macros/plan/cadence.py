"""The cadence calendar: when each recurring activity was last done and when it is next due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..data.contracts.org import Cadence
from ..data.dates import next_due
from ..data.loading import Logged
from ..i18n.messages import N_

# How often an activity recurs, as a reader is told it (translated where shown).
EVERY = {"weekly": N_("weekly"), "monthly": N_("monthly"), "quarterly": N_("quarterly"), "yearly": N_("yearly")}


@dataclass(frozen=True)
class Due:
    cadence: Cadence
    last: Logged | None
    next_due: date | None
    overdue: bool
    times_done: int


def schedule(cadences: list[Cadence], log: list[Logged], today: date) -> list[Due]:
    """One entry per activity; never done counts as overdue (the sources ask for it to happen)."""
    out = []
    for cad in cadences:
        done = [e for e in log if e.entry.activity == cad.id and e.entry.done <= today]
        last = max(done, key=lambda e: e.entry.done, default=None)
        due = next_due(last.entry.done, cad.every) if last else None
        out.append(Due(cad, last, due, due is None or today > due, len(done)))
    return out
