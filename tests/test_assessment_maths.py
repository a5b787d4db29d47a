"""The formulas behind the assessment pages, checked against values worked by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from macros.audit.validation import check
from macros.data.contracts.partners import Gate, MerchantEvaluation, MerchantMonth, MerchantSample, Rule, SupplierQuarter
from macros.data.contracts.risks import CategoryRiskMethod, Matrix
from macros.partners.merchants import evaluate as evaluate_merchant
from macros.partners.scorecards import outcome, weighted
from macros.partners.suppliers import evaluate as evaluate_supplier
from macros.plan.investment import THROUGH_THE_YEAR, npv, payback, plan_flows, roi
from macros.risks.categories import assess, level, mean_interval, wilson


def test_npv_discounts_the_first_flow_as_t_zero() -> None:
    assert npv(0.281, [-100, 39, 59, 55, 20]) == pytest.approx(-0.0085, abs=5e-5)  # reference §6.2


def test_roi_is_net_gain_over_cost() -> None:
    assert roi([-10e6, 17.5e6]) == pytest.approx(0.75)  # cost 10M, benefits 17.5M → 75 %


def test_payback_with_benefits_at_each_years_end_is_the_year_it_is_reached() -> None:
    # 4 years bring back 48,000 of 50,000: the money is back when year 5 closes, not at 4.17 years.
    assert payback(plan_flows(50_000, 12_000, 6)) == 5.0


def test_payback_with_benefits_through_the_year_interpolates_within_it() -> None:
    assert payback(plan_flows(50_000, 12_000, 6), timing=THROUGH_THE_YEAR) == pytest.approx(50_000 / 12_000)  # 4.17 years


def test_discounted_payback_is_longer_than_simple_payback() -> None:
    # By hand at 8 %: years 1–5 bring back 47,912.5; year 6 brings 7,562.0, of which 2,087.5 is needed.
    assert payback(plan_flows(50_000, 12_000, 6), 0.08) == 6.0  # at the end of year 6


def test_discounted_payback_through_the_year_discounts_from_mid_year() -> None:
    # Each 12,000 is worth 12,000 / 1.08^(t − ½) at t = 0: by hand years 1–5 bring back 49,792.1, year 6 brings 7,858.7,
    # of which 207.9 is needed.
    assert payback(plan_flows(50_000, 12_000, 6), 0.08, THROUGH_THE_YEAR) == pytest.approx(5 + 207.86 / 7858.70, abs=1e-4)


def test_npv_through_the_year_is_the_year_end_npv_of_the_benefits_brought_half_a_year_forward() -> None:
    end = npv(0.08, plan_flows(50_000, 12_000, 3))
    assert npv(0.08, plan_flows(50_000, 12_000, 3), THROUGH_THE_YEAR) == pytest.approx(-50_000 + (end + 50_000) * 1.08**0.5)


def test_payback_not_reached_within_the_horizon_is_none() -> None:
    assert payback(plan_flows(50_000, 12_000, 3)) is None


def test_wilson_interval_of_ten_in_two_hundred() -> None:
    low, high = wilson(10, 200)  # p = 0.05, n = 200
    assert (low, high) == (pytest.approx(0.02738, abs=1e-5), pytest.approx(0.08958, abs=1e-5))


@pytest.mark.parametrize(("value", "expected"), [(0, 1), (9.99, 1), (10, 2), (39.99, 4), (40, 5), (400, 5)])
def test_a_level_starts_at_its_edge(value: float, expected: int) -> None:
    assert level(value, [10, 20, 30, 40]) == expected


def test_category_risk_worked_by_hand(data: Path) -> None:
    # Books, window 2025-07 to 2026-06: five orders (O0 of 2025-01 is outside, with its return R3).
    # Quality incidents: O1 (return R1 and complaint C1, one incident) and O3 (complaint C2) → p = 2/5 = 40 %.
    # Cost: R1 10 + 50 % × 100 = 60; C1 20; C2 20 → 100 over 12 months; 50 per incident.
    # Likelihood 40 % ≥ edge 40 → 5; impact 50 ≥ 40, < 60 → 3; score 15 → the fixture's "high" band (10–25).
    assessed = check(data, date(2026, 11, 21)).categories
    span, risks = assessed.window, assessed.risks
    books = next(r for r in risks if r.category == "books")
    assert str(span) == "2025-07 to 2026-06"
    assert (books.orders, books.returns, books.quality_returns, books.complaints, books.quality_complaints) == (5, 2, 1, 3, 2)
    assert (books.incidents, books.probability, books.incident_cost, books.cost_per_incident) == (2, 0.4, 100.0, 50.0)
    assert (books.likelihood, books.impact, books.score, books.expected_loss) == (5, 3, 15, 100.0)
    assert books.band is not None and books.band.id == "high"


def test_a_category_with_too_few_orders_gets_no_level(data: Path) -> None:
    risks = check(data, date(2026, 11, 21)).categories.risks
    toys = next(r for r in risks if r.category == "toys")
    assert (toys.orders, toys.enough, toys.likelihood, toys.band) == (1, False, None, None)


def test_an_expected_loss_is_scaled_to_a_year() -> None:
    handbook_matrix = Matrix.model_validate(
        {"likelihood": {i: "x" for i in range(1, 6)}, "impact": {i: "x" for i in range(1, 6)},
         "bands": [{"id": "all", "name": "All", "min": 1, "max": 25, "colour": "#ffffff", "action": "x"}]}
    )  # fmt: skip
    method = CategoryRiskMethod.model_validate(
        {"window_months": 6, "min_orders": 1, "return_reasons": {"bad": "quality"}, "complaint_topics": {"late": "other"},
         "costs": {"return_handling": 30, "return_write_off": 0, "complaint_handling": 0, "rationale": "x"},
         "likelihood_edges": [1, 2, 3, 4], "impact_edges": [1, 2, 3, 4], "evidence": {"source": "S1", "quote": "x"}}
    )  # fmt: skip
    orders = pd.DataFrame({"order_id": ["a", "b"], "ordered_at": pd.to_datetime(["2026-01-05", "2026-06-05"]),
                           "category": ["c", "c"], "amount": [10.0, 10.0]})  # fmt: skip
    returns = pd.DataFrame({"order_id": ["a"], "reason": ["bad"]})
    complaints = pd.DataFrame({"order_id": pd.Series([], dtype=str), "topic": pd.Series([], dtype=str)})
    _, [risk] = assess(orders, returns, complaints, method, handbook_matrix)
    assert risk.incident_cost == 30 and risk.expected_loss == 60  # six months' 30 ¥ is 60 ¥ a year


RULES = [
    Rule(outcome="eliminate", grades=["D"]),
    Rule(outcome="eliminate", grades=["C", "D"], consecutive=2),
    Rule(outcome="warning", grades=["C"]),
    Rule(outcome="keep", grades=["A", "B"]),
]


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (["A"], "keep"),
        (["C"], "warning"),
        (["A", "C", "C"], "eliminate"),
        (["C", None, "C"], "warning"),
        (["B", "D"], "eliminate"),
        ([None], None),
    ],
)
def test_the_first_matching_rule_decides_and_a_quarter_not_rated_breaks_a_run(history: list, expected: str | None) -> None:
    found = outcome(history, RULES)
    assert (found.outcome if found else None) == expected


def test_a_metric_with_nothing_to_measure_gives_its_weight_to_the_others() -> None:
    assert weighted({"a": 95.0, "b": 99.0, "c": None}, {"a": 50, "b": 30, "c": 20}) == pytest.approx(96.5)


def test_supplier_scores_worked_by_hand(data: Path) -> None:
    handbook = check(data, date(2026, 11, 21)).handbook
    rows = [r.entry for r in handbook.supplier_quarters if r.entry.supplier == "SUP-02"]
    q1, q2 = evaluate_supplier(handbook.suppliers.evaluation, rows, ["2026-Q1", "2026-Q2"])
    # Q1: on time 17/20 = 85, pass 190/200 = 95, response 24/48 × 100 = 50 → 0.5·85 + 0.3·95 + 0.2·50 = 81 → C
    assert (q1.score, q1.grade.id, q1.outcome.outcome) == (pytest.approx(81), "C", "warning")
    # Q2: 80, 90, 50 → 77 → D → eliminated
    assert (q2.score, q2.grade.id, q2.outcome.outcome) == (pytest.approx(77), "D", "eliminate")


def test_a_supplier_quarter_below_the_minimum_volume_is_not_rated(data: Path) -> None:
    handbook = check(data, date(2026, 11, 21)).handbook
    row = SupplierQuarter(supplier="SUP-01", quarter="2026-Q3", deliveries=9, on_time=9, inspected=300, passed=300, requests=0)
    [score] = evaluate_supplier(handbook.suppliers.evaluation, [row], ["2026-Q3"])
    assert (score.score, score.grade, score.outcome) == (None, None, None)
    assert score.unrated == "9 deliveries (minimum 10)"


def test_a_merchant_failing_two_months_running_is_suspended(data: Path) -> None:
    handbook = check(data, date(2026, 11, 21)).handbook
    rows = [r.entry for r in handbook.merchant_months if r.entry.merchant == "MER-02"]
    may, june = evaluate_merchant(handbook.merchants.evaluation, rows, ["2026-05", "2026-06"])
    # rating 176/40 = 4.4 < 4.5, completion 93 < 95, complaints handled 3/4 = 75: fail, not severe (75 is not below 75)
    assert (may.grade, may.outcome.outcome, june.outcome.outcome) == ("fail", "rectify", "suspend")
    assert set(may.failed) == {"user_rating", "order_completion", "complaint_handling"}


def test_a_merchant_below_a_severe_floor_is_suspended_at_once(data: Path) -> None:
    handbook = check(data, date(2026, 11, 21)).handbook
    ev: MerchantEvaluation = handbook.merchants.evaluation
    row = MerchantMonth(
        merchant="MER-01", month="2026-07", orders=100, completed=89, ratings=10, rating_sum=47, complaints=0, handled_in_time=0
    )
    [result] = evaluate_merchant(ev, [row], ["2026-07"])
    assert (result.grade, result.failed, result.outcome.outcome) == ("severe", ("order_completion",), "suspend")
    assert result.metrics["complaint_handling"] is None  # no complaints: not judged on handling


def test_a_pass_rate_below_its_gate_caps_the_grade_whatever_the_score(data: Path) -> None:
    ev = check(data, date(2026, 11, 21)).handbook.suppliers.evaluation
    gated = ev.model_copy(update={"gates": [Gate(metric="pass_rate", below=95, cap="C")]})
    row = SupplierQuarter(supplier="SUP-01", quarter="2026-Q3", deliveries=50, on_time=50, inspected=1000, passed=900, requests=0)
    # 0.5·100 + 0.3·90 = 77 of 80 weight → 96.25: grade A by the score, but 90 % passed is below the gate's 95 %
    [free] = evaluate_supplier(ev, [row], ["2026-Q3"])
    [capped] = evaluate_supplier(gated, [row], ["2026-Q3"])
    assert (free.score, free.grade.id) == (pytest.approx(96.25), "A")
    assert (capped.score, capped.grade.id, capped.capped.metric, capped.outcome.outcome) == (
        pytest.approx(96.25),
        "C",
        "pass_rate",
        "warning",
    )


def test_a_gate_never_raises_a_grade(data: Path) -> None:
    ev = check(data, date(2026, 11, 21)).handbook.suppliers.evaluation
    gated = ev.model_copy(update={"gates": [Gate(metric="pass_rate", below=95, cap="C")]})
    row = SupplierQuarter(supplier="SUP-01", quarter="2026-Q3", deliveries=50, on_time=30, inspected=1000, passed=900, requests=0)
    [score] = evaluate_supplier(gated, [row], ["2026-Q3"])  # 0.5·60 + 0.3·90 = 57 of 80 → 71.25: D, below the cap
    assert (score.grade.id, score.capped) == ("D", None)


def test_a_merchant_metric_with_too_few_ratings_or_complaints_is_not_judged(data: Path) -> None:
    ev: MerchantEvaluation = check(data, date(2026, 11, 21)).handbook.merchants.evaluation
    sampled = ev.model_copy(update={"minimum_sample": MerchantSample(ratings=50, complaints=5)})
    row = MerchantMonth(merchant="MER-01", month="2026-07", orders=100, completed=99, ratings=40, rating_sum=160, complaints=2,
                        handled_in_time=0)  # fmt: skip
    [judged] = evaluate_merchant(ev, [row], ["2026-07"])
    [spared] = evaluate_merchant(sampled, [row], ["2026-07"])
    assert (judged.grade, set(judged.failed)) == ("severe", {"user_rating", "complaint_handling"})  # 4.0 stars, 0 of 2 in time
    assert (spared.grade, spared.failed, spared.outcome.outcome) == ("pass", (), "good standing")
    assert spared.unjudged == ("40 ratings, minimum 50", "2 complaints, minimum 5")


def test_the_mean_cost_interval_is_students_t() -> None:
    # 40, 60, 50: mean 50, s = 10, t(2 df, 97.5 %) = 4.3027 → 50 ± 4.3027 × 10 / √3 = 50 ± 24.84
    assert mean_interval([40.0, 60.0, 50.0]) == (pytest.approx(25.158, abs=1e-3), pytest.approx(74.842, abs=1e-3))
    assert mean_interval([35.0]) == (35.0, 35.0)


def few_orders_method(min_orders: int) -> tuple[CategoryRiskMethod, Matrix]:
    matrix = Matrix.model_validate(
        {"likelihood": {i: "x" for i in range(1, 6)}, "impact": {i: "x" for i in range(1, 6)},
         "bands": [{"id": "low", "name": "Low", "min": 1, "max": 4, "colour": "#ffffff", "action": "x"},
                   {"id": "high", "name": "High", "min": 5, "max": 25, "colour": "#ff0000", "action": "x"}]}
    )  # fmt: skip
    method = CategoryRiskMethod.model_validate(
        {"window_months": 12, "min_orders": min_orders, "return_reasons": {"bad": "quality"}, "complaint_topics": {"late": "other"},
         "costs": {"return_handling": 35, "return_write_off": 0, "complaint_handling": 0, "rationale": "x"},
         "likelihood_edges": [1, 2, 4, 8], "impact_edges": [40, 70, 120, 200], "evidence": {"source": "S1", "quote": "x"}}
    )  # fmt: skip
    return method, matrix


def orders_with_returns(n: int, returned: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ids = [f"o{i}" for i in range(n)]
    orders = pd.DataFrame({"order_id": ids, "ordered_at": pd.to_datetime(["2026-06-05"] * n), "category": ["c"] * n, "amount": [10.0] * n})
    returns = pd.DataFrame({"order_id": ids[:returned], "reason": ["bad"] * returned})
    complaints = pd.DataFrame({"order_id": pd.Series([], dtype=str), "topic": pd.Series([], dtype=str)})
    return orders, returns, complaints


def test_a_category_under_the_minimum_whose_lower_bound_reaches_a_band_is_flagged_with_it() -> None:
    # 6 incidents in 10 orders: Wilson's lower end is 31.3 %, level 5 of 5 whatever the true rate; each costs 35 ¥
    # (impact 1): at least 5 × 1 = 5, the High band, although 10 orders are too few for a level.
    _, [risk] = assess(*orders_with_returns(10, 6), *few_orders_method(300))
    assert wilson(6, 10)[0] == pytest.approx(0.3127, abs=1e-4)
    assert (risk.enough, risk.band, risk.at_least.name, risk.rank_score) == (False, None, "High", 5)


def test_a_category_under_the_minimum_reaching_only_the_lowest_band_is_not_flagged() -> None:
    _, [risk] = assess(*orders_with_returns(10, 0), *few_orders_method(300))
    assert (risk.band, risk.at_least) == (None, None)


def test_a_level_whose_interval_crosses_a_band_edge_says_so() -> None:
    # 80 incidents in 1,000 orders: p = 8.0 %, level 5 at the 8 % edge, score 5 × 1 = 5 (High); but its Wilson interval,
    # 6.47 % to 9.85 %, reaches level 4, score 4 (Low): the level could be the band below.
    _, [risk] = assess(*orders_with_returns(1000, 80), *few_orders_method(100))
    assert wilson(80, 1000) == (pytest.approx(0.0647, abs=1e-4), pytest.approx(0.0985, abs=1e-4))
    assert (risk.likelihood, risk.score, risk.band.name) == (5, 5, "High")
    assert risk.straddles and [b.name for b in risk.bands] == ["Low", "High"]


def test_a_level_well_inside_its_band_does_not_straddle() -> None:
    _, [risk] = assess(*orders_with_returns(1000, 150), *few_orders_method(100))  # 15 %, interval 12.9–17.4 %: level 5
    assert risk.band.name == "High" and not risk.straddles
