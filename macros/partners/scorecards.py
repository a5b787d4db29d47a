"""Rules that turn a graded history into an outcome (supplier and merchant evaluation alike)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..data.contracts.partners import Grade, Rule
from ..data.periods import periods_between

Result = TypeVar("Result")


def grade_for(score: float, grades: list[Grade]) -> Grade:
    """The highest grade whose minimum the score reaches (validation guarantees one reaches 0)."""
    return max((g for g in grades if score >= g.min), key=lambda g: g.min)


def outcome(history: Sequence[str | None], rules: list[Rule]) -> Rule | None:
    """The first rule whose grades hold for its last `consecutive` periods; None (not rated) breaks a run."""
    if not history or history[-1] is None:
        return None
    for rule in rules:
        recent = history[-rule.consecutive :]
        if len(recent) == rule.consecutive and all(g in rule.grades for g in recent):
            return rule
    return None


def weighted(scores: dict[str, float | None], weights: dict[str, float]) -> float:
    """Σ weight × score / Σ weight over the metrics that were measured (a missing one is left out)."""
    measured = {k: v for k, v in scores.items() if v is not None}
    total = sum(weights[k] for k in measured)
    return sum(weights[k] * v for k, v in measured.items()) / total


def histories(
    rows: list[Any], partners: list[str], who: str, when: str, cadence: str, evaluate: Callable[[list[Any], list[str]], list[Result]]
) -> dict[str, list[Result]]:
    """Each partner's results per period, from the first period any partner was recorded in to the last, by id.

    `who` and `when` name the rows' partner and period columns (supplier and quarter, merchant and month).
    """
    if not rows:
        return {p: [] for p in partners}
    periods = periods_between(min(getattr(r, when) for r in rows), max(getattr(r, when) for r in rows), cadence)
    by_id: dict[str, list[Any]] = {}
    for r in rows:  # grouped once: scanning every row for each partner grows with the square of their number
        by_id.setdefault(getattr(r, who), []).append(r)
    return {p: evaluate(by_id.get(p, []), periods) for p in partners}
