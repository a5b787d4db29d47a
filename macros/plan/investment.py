"""Investment appraisal: ROI, simple and discounted payback, NPV (reference §6.2).

Convention: cash_flows[0] is at t = 0 and is not discounted (as numpy-financial's
npv); cash_flows[t] falls at the end of year t.
"""

from __future__ import annotations

from collections.abc import Sequence


def npv(rate: float, cash_flows: Sequence[float]) -> float:
    """Σ CF_t / (1 + rate)^t for t = 0…N; rate as a fraction (0.08 for 8 %)."""
    return sum(cf / (1 + rate) ** t for t, cf in enumerate(cash_flows))


def roi(cash_flows: Sequence[float]) -> float:
    """(total benefits − total cost) / total cost, undiscounted, as a fraction."""
    cost = -sum(cf for cf in cash_flows if cf < 0)
    gain = sum(cf for cf in cash_flows if cf > 0)
    return (gain - cost) / cost


def payback(cash_flows: Sequence[float], rate: float = 0.0) -> float | None:
    """Years until the cumulative (discounted when rate > 0) flow first reaches 0,
    interpolated within the year; None when it never does within the flows."""
    flows = [cf / (1 + rate) ** t for t, cf in enumerate(cash_flows)]
    total = flows[0]
    if total >= 0:
        return 0.0
    for year, flow in enumerate(flows[1:], start=1):
        if total + flow >= 0:
            return year - 1 + -total / flow
        total += flow
    return None


def plan_flows(investment: float, annual_benefit: float, years: int) -> list[float]:
    """The investment at t = 0, then the same benefit at the end of each year."""
    return [-investment] + [annual_benefit] * years
