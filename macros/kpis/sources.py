"""Which KPI queries can run on the exports the platform provides, and why not: the reason a KPI shows no data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..data.contracts.kpis import Kpi
from ..data.exports.catalogue import UnreadableSQL
from .values import series_id

if TYPE_CHECKING:
    from ..data.exports.local import LocalExports


def query_gaps(kpis: list[Kpi], exports: LocalExports, queries: Path) -> dict[str, str]:
    """For each KPI whose query needs an export that is not provided, not declared or has no rows: why, by KPI id.

    A KPI that reads another's series has that KPI's gap.
    """
    gaps = {}
    for k in kpis:
        path = queries / str(k.query)
        if k.query and path.is_file():
            try:
                reason = exports.reason(exports.catalogue.uses(path.read_text(encoding="utf-8")))
            except UnreadableSQL:  # the queries rule names it (data/exports/checks.py)
                continue
            if reason:
                gaps[k.id] = reason
    return gaps | {k.id: gaps[series_id(k)] for k in kpis if k.series and series_id(k) in gaps}
