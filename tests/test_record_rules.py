"""Rules for the evaluation records: each mistake a lead could make names the file, the row or
line, the field, what was expected and what was found."""

from __future__ import annotations

from pathlib import Path

from helpers import only_error, replace_text, set_cell

from macros.audit.validation import check
from macros.data.problems import Code, warnings


def test_a_mistyped_order_amount_names_the_row_and_column(data: Path) -> None:
    set_cell(data / "exports" / "orders.csv", 3, "amount", "12,50")
    p = only_error(data)
    assert (p.file, p.where, p.field) == ("data/exports/orders.csv", "row 3 (O1)", "amount")
    assert (p.code, p.found) == (Code.NOT_A_NUMBER, '"12,50"')


def test_a_return_reason_not_listed_in_the_method_stops_the_build(data: Path) -> None:
    set_cell(data / "exports" / "returns.csv", 2, "reason", "quality_defcet")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field, p.found) == (
        Code.UNKNOWN_REFERENCE,
        "data/exports/returns.csv",
        "row 2 (R1)",
        "reason",
        '"quality_defcet"',
    )


def test_a_complaint_about_an_order_not_in_the_export(data: Path) -> None:
    set_cell(data / "exports" / "complaints.csv", 2, "order_id", "O99")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field, p.found) == (
        Code.UNKNOWN_REFERENCE,
        "data/exports/complaints.csv",
        "row 2 (C1)",
        "order_id",
        '"O99"',
    )


def test_supplier_weights_must_sum_to_a_hundred(data: Path) -> None:
    replace_text(data / "suppliers.yml", "response: 20}", "response: 10}")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.found) == (Code.WEIGHTS_SUM, "data/suppliers.yml", "weights", "90")


def test_a_grade_without_an_outcome_of_its_own(data: Path) -> None:
    replace_text(data / "suppliers.yml", "    - {outcome: warning, grades: [C]}\n", "")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.found) == (Code.RULE_GAP, "data/suppliers.yml", "rules", "none for C")


def test_more_on_time_deliveries_than_deliveries(data: Path) -> None:
    set_cell(data / "supplier_quarters.csv", 2, "on_time", "21")
    p = only_error(data)
    assert (p.code, p.where, p.field, p.found) == (Code.EXCEEDS_TOTAL, "row 2 (SUP-01 2026-Q1)", "on_time", "21") and "(20)" in p.expected


def test_a_rating_sum_outside_one_to_five_stars_per_rating(data: Path) -> None:
    set_cell(data / "merchant_months.csv", 2, "rating_sum", "1900")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field) == (Code.OUT_OF_RANGE, "data/merchant_months.csv", "row 2 (MER-01 2026-05)", "rating_sum")


def test_a_closed_action_needs_an_effectiveness_check(data: Path) -> None:
    replace_text(data / "capa.yml", "    effectiveness: {method: Re-checked, checked: 2026-03-01, result: effective}\n", "")
    p = only_error(data)
    assert (p.code, p.file, p.field) == (Code.MISSING_VALUE, "data/capa.yml", "effectiveness") and p.where.startswith('action "CA-001"')


def test_an_action_found_not_effective_cannot_be_closed(data: Path) -> None:
    replace_text(data / "capa.yml", "result: effective}", "result: not effective}")
    p = only_error(data)
    assert (p.code, p.field) == (Code.NOT_EFFECTIVE, "effectiveness.result")


def test_a_breached_kpi_with_no_action_and_no_decision_is_warned_about(data: Path) -> None:
    replace_text(data / "capa.yml", "    kpi: returns\n", "")
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None
    [w] = warnings(problems)
    assert (w.code, w.file) == (Code.UNANSWERED_BREACH, "data/capa.yml") and "2026-10" in w.found


def test_a_recorded_no_action_decision_answers_a_breached_kpi(data: Path) -> None:
    replace_text(data / "capa.yml", "    kpi: returns\n", "")
    with (data / "capa.yml").open("a", encoding="utf-8") as f:
        f.write("no_action:\n  - {kpi: returns, period: 2026-10, reason: Seasonal peak., decided_by: quality, decided: 2026-11-05}\n")
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None and warnings(problems) == []


def test_an_open_action_past_its_due_date_is_warned_about(data: Path) -> None:
    replace_text(data / "capa.yml", "due: 2027-01-31", "due: 2026-11-10")
    [w] = warnings(check(data).problems)
    assert (w.code, w.field) == (Code.OVERDUE, "due") and "2026-11-10" in w.expected
