"""Risk scores and bands: score = likelihood × impact, band from the matrix in risks.yml."""

from __future__ import annotations

from .contracts import Band, Matrix, Position


def score(position: Position) -> int:
    return position.likelihood * position.impact


def band_for(value: int, matrix: Matrix) -> Band:
    """The band whose range holds the score (validation guarantees exactly one)."""
    return next(b for b in matrix.bands if b.min <= value <= b.max)
