"""Quantitative risk per product category (S0's worked case): incident probability,
expected loss and a level on the register's matrix, from the orders, returns and
complaints of the last months."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..data.contracts.risks import Band, CategoryRiskMethod, Matrix
from ..i18n.formats import month
from ..i18n.messages import gettext
from .scoring import band_for

if TYPE_CHECKING:
    from ..data.exports.local import LocalExports

MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Window:
    first: pd.Period
    last: pd.Period

    def __str__(self) -> str:
        return gettext("{first} to {last}", first=month(str(self.first)), last=month(str(self.last)))


@dataclass(frozen=True)
class CategoryRisk:
    """One category's counts over the window and what follows from them."""

    category: str
    orders: int
    returns: int
    quality_returns: int
    complaints: int
    quality_complaints: int
    incidents: int  # orders with at least one quality return or quality complaint
    incident_cost: float  # yuan, over the window
    window_months: int
    enough: bool
    likelihood: int | None
    impact: int | None
    band: Band | None
    cost_interval: tuple[float, float] | None = None  # 95 % interval of the mean cost of one incident
    bands: tuple[Band, Band] | None = None  # the lowest and highest band both intervals allow, enough orders or not

    @property
    def return_rate(self) -> float:
        return self.returns / self.orders

    @property
    def complaint_rate(self) -> float:
        return self.complaints / self.orders

    @property
    def quality_share_of_returns(self) -> float | None:
        return self.quality_returns / self.returns if self.returns else None

    @property
    def probability(self) -> float:
        """Estimated probability that an order has a quality incident."""
        return self.incidents / self.orders

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.incidents, self.orders)

    @property
    def cost_per_incident(self) -> float | None:
        """Single loss expectancy: the mean cost of one incident."""
        return self.incident_cost / self.incidents if self.incidents else None

    @property
    def expected_loss(self) -> float:
        """Expected loss per year (ALE = cost per incident × incidents per year)."""
        return self.incident_cost * MONTHS_PER_YEAR / self.window_months

    @property
    def score(self) -> int | None:
        return self.likelihood * self.impact if self.likelihood and self.impact else None

    @property
    def expected_loss_interval(self) -> tuple[float, float]:
        """ALE from the ends of both intervals (incidents and cost per incident): a cautious, wide range."""
        if not self.incidents or self.cost_interval is None:
            return self.expected_loss, self.expected_loss
        per_year = self.orders * MONTHS_PER_YEAR / self.window_months
        low, high = self.interval
        return per_year * low * self.cost_interval[0], per_year * high * self.cost_interval[1]

    @property
    def straddles(self) -> bool:
        """Its intervals reach into more than one band: the level shown could be the next one."""
        return self.bands is not None and self.bands[0] != self.bands[1]

    @property
    def rank_score(self) -> int:
        """Its score, or for one with too few orders the least score of the band it already reaches; 0 without."""
        return self.score or (self.at_least.min if self.at_least else 0)

    @property
    def at_least(self) -> Band | None:
        """For a category with too few orders for a level: the band its lower ends already reach, if above the lowest."""
        if self.enough or self.bands is None or self.bands[0].min <= 1:
            return None
        return self.bands[0]


def window(orders: pd.DataFrame, months: int) -> Window:
    """The last `months` whole calendar months, ending with the month of the latest order."""
    last = orders["ordered_at"].max().to_period("M")
    return Window(last - (months - 1), last)


def level(value: float, edges: list[float]) -> int:
    """1 to 5: level n holds values below edge n; at or above the last edge is 5."""
    return 1 + sum(value >= edge for edge in edges)


def mean_interval(values: list[float], level: float = 0.95) -> tuple[float, float]:
    """Student's t interval of a mean, x̄ ± t(k − 1)·s/√k; a single value has no spread to go on, so (x, x)."""
    from scipy.special import stdtrit  # the inverse of Student's t distribution; only when categories are assessed

    k = len(values)
    mean = sum(values) / k
    if k < 2:
        return mean, mean
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (k - 1))
    half = float(stdtrit(k - 1, 0.5 + level / 2)) * sd / math.sqrt(k)
    return max(0.0, mean - half), mean + half


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95 % by default); sound for small counts."""
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def assess(
    orders: pd.DataFrame, returns: pd.DataFrame, complaints: pd.DataFrame, method: CategoryRiskMethod, matrix: Matrix
) -> tuple[Window, list[CategoryRisk]]:
    """Each category's risk over the window, highest expected loss first; incidents count
    against the order they concern, so a late return still belongs to its order's month."""
    span = window(orders, method.window_months)
    month = orders["ordered_at"].dt.to_period("M")
    placed = orders.loc[(month >= span.first) & (month <= span.last), ["order_id", "category", "amount"]]
    costs = method.costs
    ret = returns.merge(placed, on="order_id")
    ret["quality"] = ret["reason"].map(method.return_reasons) == "quality"
    ret["cost"] = (costs.return_handling + costs.return_write_off / 100 * ret["amount"]).where(ret["quality"], 0.0)
    com = complaints.merge(placed, on="order_id")
    com["quality"] = com["topic"].map(method.complaint_topics) == "quality"
    com["cost"] = com["quality"] * costs.complaint_handling
    hit = set(ret.loc[ret["quality"], "order_id"]) | set(com.loc[com["quality"], "order_id"])
    placed = placed.assign(incident=placed["order_id"].isin(hit))
    quality = pd.concat(
        [ret.loc[ret["quality"], ["order_id", "category", "cost"]], com.loc[com["quality"], ["order_id", "category", "cost"]]]
    )
    per_incident = quality.groupby(["category", "order_id"])["cost"].sum()  # one incident: all of an order's quality costs
    found = []
    for category, group in placed.groupby("category", sort=True):
        r, c = ret[ret["category"] == category], com[com["category"] == category]
        n, incidents, cost = len(group), int(group["incident"].sum()), float(r["cost"].sum() + c["cost"].sum())
        enough = n >= method.min_orders
        likelihood = level(incidents / n * 100, method.likelihood_edges) if enough else None
        impact = level(cost / incidents, method.impact_edges) if enough and incidents else (1 if enough else None)
        band = band_for(likelihood * impact, matrix) if likelihood and impact else None
        costs = [float(v) for v in per_incident.loc[category]] if category in per_incident.index.get_level_values(0) else []
        cost_interval = mean_interval(costs) if costs else None
        found.append(
            CategoryRisk(
                str(category), n, len(r), int(r["quality"].sum()), len(c), int(c["quality"].sum()),
                incidents, cost, method.window_months, enough, likelihood, impact, band, cost_interval,
                _bands(incidents, n, cost_interval, method, matrix),
            )
        )  # fmt: skip
    found.sort(key=lambda x: (-x.rank_score, -x.expected_loss, x.category))
    return span, found


def _bands(incidents: int, orders: int, cost: tuple[float, float] | None, method: CategoryRiskMethod, matrix: Matrix) -> tuple[Band, Band]:
    """The lowest and highest band the 95 % intervals of the probability and of the cost per incident allow."""
    low, high = wilson(incidents, orders)
    likelihood = (level(low * 100, method.likelihood_edges), level(high * 100, method.likelihood_edges))
    impact = (level(cost[0], method.impact_edges), level(cost[1], method.impact_edges)) if cost else (1, 1)
    return band_for(likelihood[0] * impact[0], matrix), band_for(likelihood[1] * impact[1], matrix)


@dataclass(frozen=True)
class CategoryAssessment:
    """Risk per category over the window, or, with no window and no risks, why it could not be assessed."""

    window: Window | None
    risks: list[CategoryRisk]
    reason: str | None = None


# What the assessment reads from each export, in the handbook's column names.
READS = {"orders": ("order_id", "ordered_at", "category", "amount"), "returns": ("order_id", "reason"), "complaints": ("order_id", "topic")}


def no_column(export: str, column: str) -> str:
    """Why an export cannot be read: it lacks a column the handbook needs."""
    return gettext("the {export} export has no {column} column (data/exports.yml)", export=export, column=column)


def assess_exports(exports: LocalExports, method: CategoryRiskMethod, matrix: Matrix) -> CategoryAssessment:
    """assess() on the orders of the window and their returns and complaints, or why the exports do not allow it.

    All three exports are needed: returns alone or complaints alone would count only some incidents, and a
    lower risk would be shown than the data supports.
    """
    reason = exports.reason(list(READS))
    for name, columns in READS.items():
        missing = [c for c in columns if c not in exports.columns(name)] if reason is None else []
        if missing:
            reason = no_column(name, missing[0])
    if reason is not None:
        return CategoryAssessment(None, [], reason)
    last = exports.fetch("SELECT max(ordered_at) AS last FROM orders")["last"].iloc[0]
    start = (pd.Timestamp(last).to_period("M") - (method.window_months - 1)).start_time
    orders = exports.fetch("SELECT order_id, ordered_at, category, amount FROM orders WHERE ordered_at >= ?", [start])
    placed = "SELECT order_id FROM orders WHERE ordered_at >= ?"
    returns = exports.fetch(f"SELECT order_id, reason FROM returns WHERE order_id IN ({placed})", [start])
    complaints = exports.fetch(f"SELECT order_id, topic FROM complaints WHERE order_id IN ({placed})", [start])
    window_of, risks = assess(orders, returns, complaints, method, matrix)
    return CategoryAssessment(window_of, risks)
