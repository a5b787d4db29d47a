"""What each unit allows, how ratios scale into it, and how its values are written."""

from __future__ import annotations

from ..data.contracts.kpis import Kpi
from ..i18n.formats import money
from ..i18n.messages import gettext, language

# A ratio KPI's value is numerator / denominator × this factor.
RATIO_FACTOR = {"percent": 100.0, "permille": 1000.0}
SYMBOL = {"percent": " %", "permille": " ‰", "hours": " h", "count": "", "score": "", "yuan": " ¥"}
# As Chinese writes them (GB/T 15835): the percent sign close to the figure, hours as 小时 (yuan: i18n.formats.money).
CHINESE_SYMBOL = {**SYMBOL, "percent": "%", "permille": "‰", "hours": " 小时"}
DECIMALS = {"percent": 1, "permille": 2, "hours": 1, "count": 0, "score": 2, "yuan": 0}


def value_range(kpi: Kpi) -> tuple[float | None, float | None, str]:
    """The lowest and highest value the unit allows, and how to say it."""
    if kpi.unit == "percent":
        return 0.0, 100.0, gettext("a percentage from 0 to 100")
    if kpi.unit == "permille":
        return 0.0, 1000.0, gettext("a per-mille figure from 0 to 1000")
    if kpi.unit == "score" and kpi.scale is not None:
        return kpi.scale.min, kpi.scale.max, gettext("a score from {min} to {max}", min=f"{kpi.scale.min:g}", max=f"{kpi.scale.max:g}")
    if kpi.unit == "hours":
        return 0.0, None, gettext("a number of hours of 0 or more")
    if kpi.unit == "count":
        return 0.0, None, gettext("a number of count of 0 or more")
    return None, None, gettext("a number")


def rounding_tolerance(decimals: int) -> float:
    """How far a value written with this many decimals may be from the exact figure."""
    return 0.5 * 10**-decimals + 1e-9


def ratio_value(kpi: Kpi, numerator: float, denominator: float) -> float:
    return numerator / denominator * RATIO_FACTOR.get(kpi.unit, 1.0)


def fmt(value: float | None, unit: str, decimals: int | None = None) -> str:
    """A value with its unit symbol, rounded as the unit is usually read (98.2 %, 0.85 ‰, 21.4 h)."""
    if value is None:
        return "—"
    digits = DECIMALS[unit] if decimals is None else decimals
    if language() == "zh" and unit == "yuan":
        return money(value, digits)
    return f"{value:,.{digits}f}{(CHINESE_SYMBOL if language() == 'zh' else SYMBOL)[unit]}"


def telling_decimals(value: float | None, target: float | None, unit: str, warning: float | None = None) -> int:
    """Enough decimals that a value that differs from an edge of its status (the target, the warning edge) does not
    look equal to it: two values of different statuses never print the same."""
    decimals = DECIMALS[unit]
    if value is None:
        return decimals
    for edge in (e for e in (target, warning) if e is not None):
        while decimals < 4 and value != edge and round(value, decimals) == round(edge, decimals):
            decimals += 1
    return decimals


def target_text(kpi: Kpi, target: float | None, inclusive: bool | None = None, decimals: int | None = None) -> str:
    """'≥ 98.0 %' for a higher-is-better KPI, '< 1.0 %' for an exclusive lower-is-better one; '—' without a target."""
    if target is None:
        return "—"
    inclusive = kpi.target_inclusive if inclusive is None else inclusive
    if kpi.direction == "higher":
        sign = "≥" if inclusive else ">"
    else:
        sign = "≤" if inclusive else "<"
    return f"{sign} {fmt(target, kpi.unit, decimals)}"
