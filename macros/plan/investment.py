"""Investment appraisal: ROI, simple and discounted payback, NPV (reference §6.2).

cash_flows[0] is at t = 0 and is not discounted (as numpy-financial's npv). The timing of the later flows is
data/appraisal.yml's `benefit_timing`: "end_of_year" puts flow t at the end of year t, so payback is a whole
number of years; "through_the_year" spreads it evenly over year t, so payback is interpolated within the year
and NPV discounts each flow from mid-year, (1 + r)^(t − ½) (the mid-year convention, Brealey, Myers & Allen,
Principles of Corporate Finance, ch. 2).
"""

from __future__ import annotations

from collections.abc import Sequence

END_OF_YEAR, THROUGH_THE_YEAR = "end_of_year", "through_the_year"


def discount_factor(rate: float, t: int, timing: str = END_OF_YEAR) -> float:
    """What one unit of flow t is worth at t = 0: 1 / (1 + rate)^t, or from mid-year when it comes through the year."""
    return 1.0 if t == 0 else 1 / (1 + rate) ** (t - 0.5 if timing == THROUGH_THE_YEAR else t)


def npv(rate: float, cash_flows: Sequence[float], timing: str = END_OF_YEAR) -> float:
    """Σ CF_t × discount_factor(t) for t = 0…N; rate as a fraction (0.08 for 8 %)."""
    return sum(cf * discount_factor(rate, t, timing) for t, cf in enumerate(cash_flows))


def roi(cash_flows: Sequence[float]) -> float:
    """(total benefits − total cost) / total cost, undiscounted, as a fraction."""
    cost = -sum(cf for cf in cash_flows if cf < 0)
    gain = sum(cf for cf in cash_flows if cf > 0)
    return (gain - cost) / cost


def payback(cash_flows: Sequence[float], rate: float = 0.0, timing: str = END_OF_YEAR) -> float | None:
    """Years until the cumulative (discounted when rate > 0) flow first reaches 0: at the end of that year, or
    interpolated within it when flows come through the year; None when it never does within the flows."""
    flows = [cf * discount_factor(rate, t, timing) for t, cf in enumerate(cash_flows)]
    total = flows[0]
    if total >= 0:
        return 0.0
    for year, flow in enumerate(flows[1:], start=1):
        if total + flow >= 0:
            return year - 1 + -total / flow if timing == THROUGH_THE_YEAR else float(year)
        total += flow
    return None


def plan_flows(investment: float, annual_benefit: float, years: int) -> list[float]:
    """The investment at t = 0, then the same benefit in each year."""
    return [-investment] + [annual_benefit] * years
