"""Which periods are closed: those that ended `close_after_days` before today, or before the latest day the refresh
ledger or a quarter record closed, so that setting the date back (HANDBOOK_TODAY, SOURCE_DATE_EPOCH) reopens
nothing. A period not yet closed is open: its value is provisional, for late returns and complaints may change it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from .contracts.exports import ExportsMap
from .ledger import ledger_path, load
from .loading import closed_quarters
from .periods import period_end


def closed_before(today: date, close_after_days: int, *recorded: date) -> date:
    """The day before which every period is closed: as the date says, or later if a record closed more."""
    return max([today - timedelta(days=close_after_days), *recorded])


def cutoff(data_dir: Path, spec: ExportsMap, today: date) -> date:
    """closed_before for this data folder: its ledger's closed-before day and its closed quarters' ends count too."""
    recorded, _ = load(ledger_path(data_dir, spec.refresh.output), "")  # a ledger that does not load is validate's to name
    quarters = [period_end(q, "quarterly") + timedelta(days=1) for q in closed_quarters(data_dir)]
    return closed_before(today, spec.refresh.close_after_days, *([recorded.closed_before] if recorded else []), *quarters)


def is_closed(period: str, cadence: str, before: date) -> bool:
    return period_end(period, cadence) < before
