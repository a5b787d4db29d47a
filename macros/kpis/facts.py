"""Each KPI's facts, worked out once per build and handed to every page, tile, alert, report and check that needs them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from ..data import closure
from ..data.contracts.kpis import Kpi
from ..data.handbook import Handbook
from ..data.parsed import remembered_value
from ..data.reads import record
from .control import KpiControl, control_of
from .status import Snapshot, judge
from .values import ROLL_UPS, by_quarter, headline_series, rollups, series_id


@dataclass(frozen=True)
class KpiFacts:
    """One KPI on the day it is judged: its latest value and status, its control chart, its roll-ups."""

    snapshot: Snapshot
    control: KpiControl | None  # None with too few periods for limits
    rolled: dict[str, pd.DataFrame]  # by "yearly" and, below quarterly, "quarterly": Σnumerator / Σdenominator per bucket
    quarters: pd.DataFrame  # each quarter's roll-up with its last period and value, indexed by quarter
    gap: str | None = None  # why its query cannot run on the exports provided ("the returns export is not provided")
    provisional: frozenset[str] = frozenset()  # computed periods still open: late data may still change them

    @property
    def kpi(self) -> Kpi:
        return self.snapshot.kpi

    @property
    def series(self) -> pd.DataFrame:
        return self.snapshot.series


@dataclass(frozen=True)
class Facts:
    """Every KPI's facts, in the order of data/kpis.yml."""

    by_id: dict[str, KpiFacts]

    def __getattribute__(self, name: str) -> Any:
        if name == "by_id":  # every KPI's facts (data/reads.py): one KPI's are read through facts[kpi_id]
            record("facts")
        return object.__getattribute__(self, name)

    def __iter__(self) -> Iterator[KpiFacts]:
        return iter(self.by_id.values())

    def __getitem__(self, kpi_id: str) -> KpiFacts:
        record(f"kpi:{kpi_id}")
        return object.__getattribute__(self, "by_id")[kpi_id]

    def as_of(self) -> str:
        """The latest monthly period any KPI reports, as the data's as-of period."""
        periods = [f.snapshot.period for f in self if f.snapshot.period and f.kpi.cadence == "monthly"]
        return max(periods) if periods else "—"


def facts_of(handbook: Handbook, today: date, gaps: dict[str, str] | None = None, closed_before: date | None = None,
             remembered_in: Path | None = None) -> Facts:  # fmt: skip
    """Work out every KPI's facts from the checked data, reading the measurements once; `gaps` as kpis.sources finds them.

    A computed period that ended on or after `closed_before` (by default as data/closure.py works it out) is open.
    With `remembered_in`, a KPI whose definition and rows are as they were takes its facts from there (data/parsed.py).
    """
    rows = {str(kpi): group.reset_index(drop=True) for kpi, group in handbook.measurements.groupby("kpi", sort=False)}
    empty = handbook.measurements.iloc[0:0]
    found, by_id = {}, {k.id: k for k in handbook.kpis}
    if closed_before is None and handbook.exports_map is not None:
        closed_before = closure.cutoff(handbook.data_dir, handbook.exports_map, today)
    for k in handbook.kpis:
        mine, gap = rows.get(series_id(k), empty), (gaps or {}).get(k.id)
        inputs = (k, by_id.get(series_id(k)), by_id.get(k.series or k.id), mine, today, closed_before, gap)
        found[k.id] = remembered_value(remembered_in, "facts", k.id, inputs, partial(_facts, k, mine, by_id, today, closed_before, gap))
    return Facts(found)


def _facts(k: Kpi, rows: pd.DataFrame, by_id: dict[str, Kpi], today: date, closed_before: date | None, gap: str | None) -> KpiFacts:
    series = headline_series(rows, k)
    rolled = {to: rollups(k, series, to) for to in dict.fromkeys((*ROLL_UPS[k.cadence], "yearly"))}
    quarters = by_quarter(k, series, rolled["quarterly"]) if "quarterly" in rolled else pd.DataFrame()
    computed = closed_before is not None and by_id.get(series_id(k), k).query is not None
    still_open = frozenset(str(p) for p in series["period"] if computed and not closure.is_closed(str(p), k.cadence, closed_before))
    snapshot = judge(k, series, today)
    control = control_of(k, series, by_id.get(k.series or k.id, k).control)  # a series read from another is staged as it is
    return KpiFacts(replace(snapshot, provisional=snapshot.period in still_open), control, rolled, quarters, gap, still_open)
