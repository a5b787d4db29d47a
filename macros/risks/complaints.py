"""Complaints opened per quarter and topic, from the complaints export, for the quarterly reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .categories import no_column

if TYPE_CHECKING:
    from ..data.exports.local import LocalExports


@dataclass(frozen=True)
class TopicCounts:
    """How many complaints were opened about each topic in each quarter, or why they could not be counted."""

    counts: pd.DataFrame  # quarter (YYYY-Qn), topic, complaints
    reason: str | None = None


def count_topics(exports: LocalExports) -> TopicCounts:
    """Complaints by the quarter they were opened in (the handbook's time zone) and their topic."""
    reason = exports.reason(["complaints"])
    missing = [c for c in ("opened_at", "topic") if c not in exports.columns("complaints")] if reason is None else []
    if missing:
        reason = no_column("complaints", missing[0])
    if reason is not None:
        return TopicCounts(pd.DataFrame(columns=["quarter", "topic", "complaints"]), reason)
    sql = (
        "SELECT CAST(year(opened_at) AS VARCHAR) || '-Q' || CAST(quarter(opened_at) AS VARCHAR) AS quarter, topic, "
        "count(*) AS complaints FROM complaints WHERE opened_at IS NOT NULL GROUP BY ALL ORDER BY quarter, topic"
    )
    return TopicCounts(exports.fetch(sql))
