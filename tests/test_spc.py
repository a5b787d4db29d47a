"""SPC charts match hand-worked arithmetic (quality-engineering.md §3) and the Western Electric rules keep their edge conventions."""

from __future__ import annotations

import math

import pytest

from macros.kpis.spc import (
    ControlChart,
    Signal,
    c_chart,
    dispersion,
    laney_p_chart,
    p_chart,
    rate_chart,
    u_chart,
    western_electric,
    xmr_chart,
)

TIGHT = 1e-9


def unit_chart(points: list[float]) -> ControlChart:
    """Centre 0, σ 1, limits ±3: the points are their own z-scores."""
    n = len(points)
    return ControlChart("XmR", tuple(points), (0.0,) * n, (3.0,) * n, (-3.0,) * n, (1.0,) * n)


def fired(points: list[float], rule: int) -> list[int]:
    return [s.index for s in western_electric(unit_chart(points)) if s.rule == rule]


# p-chart


def test_the_p_chart_matches_the_worked_check_in_the_reference() -> None:
    # p̄ = 30/600 = 0.05; σ = √(0.05·0.95/200) = 0.015411; 3σ = 0.046233 → UCL 0.0962, LCL 0.0038
    chart = p_chart([8, 12, 10], [200, 200, 200])
    assert chart.centre[0] == pytest.approx(0.05, abs=TIGHT)
    assert chart.upper[0] == pytest.approx(0.0962, abs=5e-5)
    assert chart.lower[0] == pytest.approx(0.0038, abs=5e-5)


def test_the_p_chart_centre_is_pooled_not_the_mean_of_rates() -> None:
    # rates 1/10 = 0.1 and 30/100 = 0.3 average 0.2, but pooled p̄ = 31/110 = 0.281818
    chart = p_chart([1, 30], [10, 100])
    assert chart.centre == pytest.approx((31 / 110, 31 / 110), abs=TIGHT)
    assert chart.points == pytest.approx((0.1, 0.3), abs=TIGHT)


def test_p_chart_limits_are_per_point_and_tighter_for_larger_n() -> None:
    # p̄(1−p̄) = 31·79/110² = 0.202397; σ_10 = √(0.202397/10) = 0.142266, σ_100 = √(0.202397/100) = 0.044988
    # UCL = 0.281818 + 3σ → 0.708617 and 0.416784; LCL = 0.281818 − 3σ → −0.145 clipped to 0, and 0.146853
    chart = p_chart([1, 30], [10, 100])
    assert chart.upper == pytest.approx((0.708617, 0.416784), abs=1e-6)
    assert chart.lower == pytest.approx((0.0, 0.146853), abs=1e-6)
    assert chart.sigma == pytest.approx((0.142266, 0.044988), abs=1e-6)


def test_the_p_chart_upper_limit_is_clipped_at_one() -> None:
    # p̄ = 4/8 = 0.5; σ = √(0.25/4) = 0.25; 0.5 ± 0.75 → 1.25 and −0.25, clipped to 1 and 0
    chart = p_chart([2, 2], [4, 4])
    assert chart.upper == pytest.approx((1.0, 1.0), abs=TIGHT)
    assert chart.lower == pytest.approx((0.0, 0.0), abs=TIGHT)


def test_k_sets_the_width_of_the_p_chart_limits() -> None:
    # p̄ = 0.05, n = 200: σ = 0.015411; with k = 2, UCL = 0.05 + 0.030822 = 0.080822
    chart = p_chart([8, 12, 10], [200, 200, 200], k=2.0)
    assert chart.upper[0] == pytest.approx(0.080822, abs=1e-6)


@pytest.mark.parametrize("numerators", [[0, 0, 0], [10, 20, 30]], ids=["p̄ = 0", "p̄ = 1"])
def test_a_p_chart_with_no_variation_possible_has_limits_on_the_centre_and_no_signals(numerators: list[int]) -> None:
    chart = p_chart(numerators, [10, 20, 30])
    assert chart.upper == chart.centre == chart.lower
    assert chart.sigma == (0.0, 0.0, 0.0)
    assert western_electric(chart) == []


# Laney p′ and the rate-chart choice

OVER_DISPERSED = ([50, 70, 55, 75, 50], [1000] * 5)


def test_laney_sigma_z_is_the_mean_moving_range_of_z_over_1_128() -> None:
    # p̄ = 300/5000 = 0.06; σ_p = √(0.06·0.94/1000) = 0.0075100; p − p̄ = −0.01, 0.01, −0.005, 0.015, −0.01
    # MR(z) = (0.02, 0.015, 0.02, 0.025)/σ_p → MR̄(z) = 0.02/0.0075100 = 2.663118; σ_z = 2.663118/1.128 = 2.360920
    chart = laney_p_chart(*OVER_DISPERSED)
    assert chart.kind == "laney p′"
    assert chart.moving_range_mean == pytest.approx(2.663118, abs=1e-6)
    assert chart.sigma_z == pytest.approx(2.360920, abs=1e-6)


def test_laney_limits_are_widened_by_sigma_z() -> None:
    # σ_z·σ_p = 0.02/1.128 = 0.0177305; 3× = 0.0531915 → UCL 0.1131915, LCL 0.0068085 (classic p: 0.06 ± 0.02253)
    chart = laney_p_chart(*OVER_DISPERSED)
    assert chart.centre[0] == pytest.approx(0.06, abs=TIGHT)
    assert chart.sigma == pytest.approx((0.0177305,) * 5, abs=1e-7)
    assert chart.upper == pytest.approx((0.1131915,) * 5, abs=1e-7)
    assert chart.lower == pytest.approx((0.0068085,) * 5, abs=1e-7)
    assert p_chart(*OVER_DISPERSED).upper[0] == pytest.approx(0.08253, abs=1e-5)


def test_laney_with_rates_all_zero_has_sigma_z_zero_rather_than_dividing_by_zero() -> None:
    chart = laney_p_chart([0, 0, 0], [10, 20, 30])
    assert chart.sigma_z == 0.0
    assert chart.upper == chart.centre == chart.lower == (0.0, 0.0, 0.0)


def test_the_rate_chart_picks_laney_when_the_dispersion_test_finds_over_dispersion() -> None:
    chart = rate_chart(*OVER_DISPERSED)
    assert chart.kind == "laney p′" and chart.dispersion is not None and chart.dispersion.p_value < 0.05
    assert (chart.upper, chart.lower) == (laney_p_chart(*OVER_DISPERSED).upper, laney_p_chart(*OVER_DISPERSED).lower)


def test_the_rate_chart_picks_the_classic_p_chart_when_the_test_finds_none_and_keeps_sigma_z() -> None:
    # p − p̄ = −0.001, 0.001, 0, 0, 0 → MR̄(z) = 0.00075/0.0075100 = 0.099867; σ_z = 0.099867/1.128 = 0.088535
    numerators, denominators = [59, 61, 60, 60, 60], [1000] * 5
    chart = rate_chart(numerators, denominators)
    assert chart.kind == "p"
    assert chart.sigma_z == pytest.approx(0.088535, abs=1e-6)
    assert chart.upper == p_chart(numerators, denominators).upper


def test_alternating_periods_have_sigma_z_over_one_yet_no_over_dispersion_so_a_p_chart() -> None:
    # p̄ = 0.1, n = 10,000: σ = 0.003, and each period 33 items (z = ±1.1) off p̄ by turns. MR̄(z) = 2.2 → σ_z = 1.95,
    # but X² = 24 × 1.1² = 29.04 on 23 df, p ≈ 0.18: the spread is what counting gives, only in an unusual order.
    numerators = [1033 if i % 2 else 967 for i in range(24)]
    chart = rate_chart(numerators, [10_000] * 24)
    assert chart.sigma_z == pytest.approx(66 / 900**0.5 / 1.128, rel=1e-6) and chart.sigma_z > 1
    assert chart.dispersion.statistic == pytest.approx(24 * 33**2 / 900) and chart.kind == "p"


def test_the_dispersion_statistic_is_pearsons_and_its_p_value_the_chi_square_tail() -> None:
    # With 3 points, 2 df: the χ² tail is exp(−X²/2) exactly. p̄ = 60/600 = 0.1; X² = Σ (x − 20)² / (200·0.1·0.9).
    test = dispersion([10, 20, 30], [200, 200, 200])
    assert test.statistic == pytest.approx((100 + 0 + 100) / 18) and test.df == 2
    assert test.p_value == pytest.approx(math.exp(-test.statistic / 2)) and test.over


def test_a_dispersion_test_of_rates_all_zero_finds_nothing_to_test() -> None:
    assert dispersion([0, 0, 0], [10, 20, 30]).statistic == 0.0 and not dispersion([0, 0, 0], [10, 20, 30]).over


def test_plain_limits_would_flag_is_counted_over_the_baseline() -> None:
    chart = rate_chart(*OVER_DISPERSED)
    plain = p_chart(*OVER_DISPERSED)
    assert chart.plain_outside == sum(not lo <= x <= hi for x, lo, hi in zip(plain.points, plain.lower, plain.upper, strict=True))


# Baselines: limits from the first points, frozen for the rest


def test_p_limits_come_from_the_baseline_alone() -> None:
    chart = p_chart([8, 12, 10, 40], [200, 200, 200, 200], base=3)
    assert chart.centre == (0.05,) * 4 and chart.upper[3] == pytest.approx(0.0962, abs=5e-5)
    assert [s.index for s in western_electric(chart) if s.rule == 1] == [3]  # 40/200 is judged against the frozen limits


def test_a_later_point_never_moves_an_earlier_limit() -> None:
    values = [5.0, 7.0, 6.0, 10.0, 7.0, 6.0, 8.0, 7.0]
    before, after = xmr_chart(values, base=6), xmr_chart([*values, 40.0, 41.0], base=6)
    assert after.upper[: len(values)] == before.upper and after.centre[: len(values)] == before.centre
    rates = [40, 60, 50, 55, 45, 52, 48, 51], [1000] * 8
    assert rate_chart(rates[0] + [90], rates[1] + [1000], base=8).upper[:8] == rate_chart(*rates, base=8).upper


def test_xmr_limits_come_from_the_baselines_values_and_moving_ranges() -> None:
    # Baseline 5, 7, 6: mean 6, MR̄ = (2 + 1)/2 = 1.5 → 6 ± 2.66 × 1.5 = 2.01 to 9.99; the 10 after it is outside.
    chart = xmr_chart([5.0, 7.0, 6.0, 10.0], base=3)
    assert chart.centre[3] == 6.0 and chart.upper[3] == pytest.approx(9.99) and chart.lower[3] == pytest.approx(2.01)


# Counts of events: c and u charts


def test_the_c_chart_has_limits_c_bar_plus_minus_three_root_c_bar_floored_at_zero() -> None:
    # c̄ = 3/5 = 0.6; UCL = 0.6 + 3√0.6 = 2.9238; LCL = 0.6 − 2.32 < 0 → 0
    chart = c_chart([0, 1, 0, 2, 0])
    assert chart.centre[0] == pytest.approx(0.6) and chart.upper[0] == pytest.approx(0.6 + 3 * 0.6**0.5) and chart.lower[0] == 0.0


def test_the_u_chart_has_per_period_limits_from_the_units() -> None:
    # ū = 8/300; UCL at n = 100: ū + 3√(ū/100) = 0.026667 + 0.048990 = 0.075656
    chart = u_chart([3, 5], [100, 200])
    assert chart.centre[0] == pytest.approx(8 / 300) and chart.upper[0] == pytest.approx(0.075656, abs=1e-6)
    assert chart.points == (0.03, 0.025)


def test_a_run_of_zeros_on_a_c_chart_is_no_signal() -> None:
    chart = c_chart([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2])  # c̄ = 0.25: a zero is the usual month
    assert [s.rule for s in western_electric(chart)] == [1]  # only the 2, above 0.25 + 3·0.5 = 1.75


# XmR


def test_the_xmr_chart_matches_hand_arithmetic() -> None:
    # x̄ = 60/5 = 12; MR = 2, 1, 4, 3 → MR̄ = 10/4 = 2.5; σ̂ = 2.5/1.128 = 2.216312
    # UCL = 12 + 2.66·2.5 = 18.65; LCL = 12 − 6.65 = 5.35; mR UCL = 3.267·2.5 = 8.1675
    chart = xmr_chart([10, 12, 11, 15, 12])
    assert chart.centre == pytest.approx((12.0,) * 5, abs=TIGHT)
    assert chart.moving_ranges == pytest.approx((2, 1, 4, 3), abs=TIGHT)
    assert chart.moving_range_mean == pytest.approx(2.5, abs=TIGHT)
    assert chart.sigma == pytest.approx((2.216312,) * 5, abs=1e-6)
    assert chart.upper == pytest.approx((18.65,) * 5, abs=TIGHT)
    assert chart.lower == pytest.approx((5.35,) * 5, abs=TIGHT)
    assert chart.mr_upper == pytest.approx(8.1675, abs=TIGHT)


def test_the_xmr_lower_limit_may_go_negative_without_a_floor() -> None:
    # x̄ = 13/5 = 2.6; MR̄ = 4; LCL = 2.6 − 2.66·4 = −8.04
    assert xmr_chart([1, 5, 1, 5, 1]).lower[0] == pytest.approx(-8.04, abs=TIGHT)


def test_a_floor_raises_the_xmr_lower_limit_and_nothing_else() -> None:
    chart, floored = xmr_chart([1, 5, 1, 5, 1]), xmr_chart([1, 5, 1, 5, 1], floor=0.0)
    assert floored.lower == (0.0,) * 5
    assert (floored.centre, floored.upper, floored.sigma) == (chart.centre, chart.upper, chart.sigma)


def test_a_floor_below_the_xmr_lower_limit_leaves_it_alone() -> None:
    assert xmr_chart([10, 12, 11, 15, 12], floor=0.0).lower[0] == pytest.approx(5.35, abs=TIGHT)


def test_a_constant_series_has_xmr_limits_on_the_centre_and_no_signals() -> None:
    chart = xmr_chart([7.0] * 9)
    assert chart.upper == chart.centre == chart.lower == (7.0,) * 9
    assert western_electric(chart) == []


# Western Electric rules


def test_we1_fires_on_a_point_beyond_3_sigma_on_either_side() -> None:
    signals = western_electric(unit_chart([0.0, 3.5, -3.5]))
    assert signals == [
        Signal(1, 1, "1 point above the upper control limit"),
        Signal(1, 2, "1 point below the lower control limit"),
    ]


def test_we1_does_not_fire_on_a_point_exactly_on_a_limit() -> None:
    assert fired([3.0, -3.0], 1) == []


def test_we2_fires_on_2_of_3_beyond_2_sigma_on_the_same_side() -> None:
    signals = western_electric(unit_chart([2.5, 0.0, 2.5]))
    assert signals == [Signal(2, 2, "2 of 3 points beyond 2σ above the centre line")]


def test_we2_does_not_fire_when_the_two_points_are_on_opposite_sides() -> None:
    assert fired([2.5, 0.0, -2.5], 2) == []


def test_we2_does_not_count_a_point_exactly_at_2_sigma() -> None:
    assert fired([2.5, 0.0, 2.0], 2) == []


def test_we2_is_reported_at_the_completing_point_which_must_itself_be_beyond() -> None:
    # window [0, 2.5, 2.5] completes at index 2; window [2.5, 2.5, 0] ends on a point inside 2σ, so index 3 does not fire
    assert fired([0.0, 2.5, 2.5, 0.0], 2) == [2]


def test_we2_needs_a_full_window_of_3_points() -> None:
    assert fired([2.5, 2.5, 0.0], 2) == []


def test_we3_fires_on_4_of_5_beyond_1_sigma_on_the_same_side() -> None:
    signals = western_electric(unit_chart([-1.5, -1.5, 0.0, -1.5, -1.5]))
    assert signals == [Signal(3, 4, "4 of 5 points beyond 1σ below the centre line")]


def test_we3_does_not_fire_on_3_of_5() -> None:
    assert fired([1.5, 1.5, 0.0, 0.0, 1.5], 3) == []


def test_we3_does_not_fire_when_the_fifth_point_is_inside_1_sigma() -> None:
    assert fired([1.5, 1.5, 1.5, 1.5, 0.5], 3) == []


def test_we4_fires_on_8_points_in_a_row_on_one_side() -> None:
    signals = western_electric(unit_chart([0.5] * 8))
    assert signals == [Signal(4, 7, "8 points in a row above the centre line")]


def test_we4_does_not_fire_on_7_points_in_a_row() -> None:
    assert fired([-0.5] * 7, 4) == []


def test_a_point_exactly_on_the_centre_line_breaks_a_we4_run() -> None:
    assert fired([0.5] * 4 + [0.0] + [0.5] * 4, 4) == []


def test_a_long_run_fires_we4_at_every_point_that_completes_8_in_a_row() -> None:
    assert fired([-0.5] * 10, 4) == [7, 8, 9]


def test_each_rule_is_reported_at_most_once_per_point() -> None:
    # eight points at 3.5σ: at index 7 all four patterns complete, and each is reported once
    at_last_point = [s.rule for s in western_electric(unit_chart([3.5] * 8)) if s.index == 7]
    assert at_last_point == [1, 2, 3, 4]


def test_a_point_with_zero_sigma_is_in_no_zone() -> None:
    # limits on the centre: the points are beyond them (WE1) and on one side (WE4), but no zone can be measured
    chart = ControlChart("p", (0.5,) * 8, (0.0,) * 8, (0.0,) * 8, (0.0,) * 8, (0.0,) * 8)
    assert {s.rule for s in western_electric(chart)} == {1, 4}


def test_on_a_p_chart_the_same_rate_signals_only_where_n_makes_it_significant() -> None:
    # p̄ = 100/1000 = 0.1; rate 0.2 at n = 25: UCL = 0.1 + 3·√(0.09/25) = 0.28 (inside); at n = 400: UCL = 0.1 + 3·0.015 = 0.145 (beyond)
    # 15/575 = 0.0261 < LCL = 0.1 − 3·√(0.09/575) = 0.0625
    signals = western_electric(p_chart([5, 80, 15], [25, 400, 575]))
    assert [(s.rule, s.index) for s in signals] == [(1, 1), (1, 2)]


def test_on_a_p_chart_zones_are_measured_in_each_points_own_sigma() -> None:
    # p̄ = 280/2800 = 0.1; 54/400 = 0.135: z = 0.035/√(0.09/400) = 2.33; 27/200 = 0.135: z = 0.035/√(0.09/200) = 1.65
    # so [54/400, 40/400, 54/400] completes WE2 at index 3, but [54/400, 40/400, 27/200] does not at index 5
    chart = p_chart([65, 54, 40, 54, 40, 27], [1000, 400, 400, 400, 400, 200])
    assert [s.index for s in western_electric(chart) if s.rule == 2] == [3]


def test_laney_zones_use_the_widened_sigma() -> None:
    # p̄ = 300/5000 = 0.06, rates 0.06 ± 0.02. Classic σ_p = 0.0075100 puts them at z = ±2.66: WE2 fires below at 2, above at 3;
    # Laney σ_z·σ_p = mean MR(p)/1.128 = mean(0.04, 0.04, 0.04, 0.02)/1.128 = 0.031028 puts them at ±0.64, so nothing fires
    numerators, denominators = [40, 80, 40, 80, 60], [1000] * 5
    assert [(s.rule, s.index) for s in western_electric(p_chart(numerators, denominators))] == [(2, 2), (2, 3)]
    laney = laney_p_chart(numerators, denominators)
    assert laney.sigma[0] == pytest.approx(0.031028, abs=1e-6)
    assert western_electric(laney) == []


# input errors


@pytest.mark.parametrize(
    ("numerators", "denominators", "message"),
    [
        ([], [], "at least 1 point"),
        ([1, 2], [10], "differ in length"),
        ([1, 2], [10, 0], "must be positive"),
        ([-1, 2], [10, 10], "must not be negative"),
        ([11, 2], [10, 10], "exceeds denominator"),
    ],
)
def test_bad_counts_are_refused_with_a_clear_message(numerators: list[int], denominators: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        p_chart(numerators, denominators)
    with pytest.raises(ValueError, match=message):
        laney_p_chart(numerators, denominators)


def test_a_non_positive_k_is_refused() -> None:
    with pytest.raises(ValueError, match="k must be positive"):
        p_chart([1, 2], [10, 10], k=0.0)


def test_laney_and_the_rate_chart_need_two_points_for_a_moving_range() -> None:
    with pytest.raises(ValueError, match="at least 2 points"):
        laney_p_chart([1], [10])
    with pytest.raises(ValueError, match="at least 2 points"):
        rate_chart([1], [10])


@pytest.mark.parametrize("values", [[], [4.0]])
def test_xmr_needs_two_values_for_a_moving_range(values: list[float]) -> None:
    with pytest.raises(ValueError, match="at least 2 values"):
        xmr_chart(values)


def test_a_later_period_with_few_units_does_not_take_back_a_u_charts_zone_rules() -> None:
    counts, units = [100, 98, 102, 101, 99, 100, 97, 103, 125, 126], [100.0] * 10
    before = [(s.rule, s.index) for s in western_electric(u_chart(counts, units, base=8))]
    after = [(s.rule, s.index) for s in western_electric(u_chart([*counts, 1], [*units, 1.0], base=8))]
    assert (2, 9) in before and set(before) <= set(after)
