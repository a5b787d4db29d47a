"""What each unit allows, how ratios scale into it, and how its values are written."""

from __future__ import annotations

from .contracts import Kpi

# A ratio KPI's value is numerator / denominator × this factor.
RATIO_FACTOR = {"percent": 100.0, "permille": 1000.0}
SYMBOL = {"percent": " %", "permille": " ‰", "hours": " h", "count": "", "score": "", "yuan": " ¥"}
DECIMALS = {"percent": 1, "permille": 2, "hours": 1, "count": 0, "score": 2, "yuan": 0}
# A value may differ from numerator/denominator by this much (rounding to 2 decimals).
RATIO_TOLERANCE = 0.051


def value_range(kpi: Kpi) -> tuple[float | None, float | None, str]:
    """The lowest and highest value the unit allows, and how to say it."""
    if kpi.unit == "percent":
        return 0.0, 100.0, "a percentage from 0 to 100"
    if kpi.unit == "permille":
        return 0.0, 1000.0, "a per-mille figure from 0 to 1000"
    if kpi.unit == "score" and kpi.scale is not None:
        return kpi.scale.min, kpi.scale.max, f"a score from {kpi.scale.min:g} to {kpi.scale.max:g}"
    if kpi.unit in ("hours", "count"):
        return 0.0, None, f"a number of {kpi.unit} of 0 or more"
    return None, None, "a number"


def ratio_value(kpi: Kpi, numerator: float, denominator: float) -> float:
    return numerator / denominator * RATIO_FACTOR.get(kpi.unit, 1.0)


def fmt(value: float | None, unit: str) -> str:
    """A value with its unit symbol, rounded as the unit is usually read (98.2 %, 0.85 ‰, 21.4 h)."""
    if value is None:
        return "—"
    return f"{value:,.{DECIMALS[unit]}f}{SYMBOL[unit]}"
