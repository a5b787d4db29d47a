"""Which supplier and merchant outcomes ask for action, and how urgently: the partner pages, alerts and reports agree."""

from __future__ import annotations

from typing import Any

from ..data.contracts.partners import Rule

URGENCY = {"eliminate": 0, "terminate": 0, "suspend": 1, "warning": 2, "rectify": 2}


def urgency(rule: Rule | None) -> int:
    """Sort key: the most severe outcome first; keep, good standing and not rated last."""
    return URGENCY.get(rule.outcome, 3) if rule else 3


def needs_action(rule: Rule | None) -> bool:
    return rule is not None and rule.outcome in URGENCY


def needing_action(latest: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The (partner, latest result) pairs whose outcome needs action, the most urgent first, then by id."""
    return sorted(((p, r) for p, r in latest if needs_action(r.outcome)), key=lambda pr: (urgency(pr[1].outcome), pr[0].id))
