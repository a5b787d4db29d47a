"""Risk scores and bands: score = likelihood × impact, band from the matrix in risks.yml."""

from __future__ import annotations

from datetime import date

from ..data.contracts.risks import Band, Matrix, Position, Risk
from ..data.dates import is_overdue


def score(position: Position) -> int:
    return position.likelihood * position.impact


def band_for(value: int, matrix: Matrix) -> Band:
    """The band whose range holds the score (validation guarantees exactly one)."""
    return next(b for b in matrix.bands if b.min <= value <= b.max)


def review_overdue(risk: Risk, today: date) -> bool:
    """An open risk whose review date has passed."""
    return is_overdue(risk.next_review, today, still_open=risk.status != "closed")
