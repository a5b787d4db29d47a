"""How KPI figures are written: a value that misses its target never looks equal to it."""

from __future__ import annotations

from macros.kpis.units import fmt, telling_decimals


def test_a_value_just_below_its_target_is_shown_with_enough_decimals() -> None:
    decimals = telling_decimals(89.96, 90.0, "percent")
    assert (fmt(89.96, "percent", decimals), fmt(90.0, "percent", decimals)) == ("89.96 %", "90.00 %")


def test_an_ordinary_value_keeps_the_usual_decimals() -> None:
    assert telling_decimals(91.72, 90.0, "percent") == 1
