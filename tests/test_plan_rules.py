"""Rules for the plan's records: traceability without orphans, RACI, cadences, commitments, benchmarks, roadmap."""

from __future__ import annotations

from pathlib import Path

from helpers import only_error, replace_text

from macros.audit.validation import check
from macros.data.problems import Code


def test_a_kpi_that_no_procedure_moves_is_an_orphan(data: Path) -> None:
    replace_text(data / "procedures.yml", "kpis: [returns]", "kpis: []")  # inspection still controls both risks
    p = only_error(data)
    assert (p.code, p.file, p.where) == (Code.ORPHAN, "data/kpis.yml", 'KPI "returns" (line 14)')


def test_a_procedure_that_moves_no_kpi_and_controls_no_risk_points_at_nothing(data: Path) -> None:
    replace_text(data / "procedures.yml", "kpis: [satisfaction, response_hours]", "kpis: []")
    replace_text(data / "procedures.yml", "kpis: [returns]", "kpis: [returns, satisfaction, response_hours]")
    p = only_error(data)
    assert (p.code, p.file, p.field) == (Code.ORPHAN, "data/procedures.yml", "kpis") and p.where.startswith('procedure "complaints"')


def test_a_raci_activity_accountable_and_consulted_at_once(data: Path) -> None:
    replace_text(data / "org.yml", "R: [quality], A: quality, C: [service]", "R: [service], A: quality, C: [quality]")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.found) == (Code.ROLE_CONFLICT, "data/org.yml", "A", '"quality"') and p.where.startswith(
        "RACI activity #1"
    )


def test_a_raci_role_for_an_unknown_department(data: Path) -> None:
    replace_text(data / "org.yml", "R: [quality]", "R: [qualty]")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.UNKNOWN_REFERENCE, "R", '"qualty"')


def test_a_logged_activity_that_is_not_a_cadence(data: Path) -> None:
    replace_text(data / "activity_log.csv", "weekly-inspection,2026-11-16", "weekly-inspektion,2026-11-16")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field) == (
        Code.UNKNOWN_REFERENCE,
        "data/activity_log.csv",
        "row 2 (weekly-inspektion 2026-11-16)",
        "activity",
    )


def test_an_activity_logged_in_the_future(data: Path) -> None:
    replace_text(data / "activity_log.csv", "2026-11-16", "2026-12-16")
    p = only_error(data)
    assert (p.code, p.field) == (Code.FUTURE_DATE, "done")


def test_a_date_that_is_not_a_date_in_the_activity_log(data: Path) -> None:
    replace_text(data / "activity_log.csv", "2026-11-16", "16/11/2026")
    p = only_error(data)
    assert (p.code, p.file, p.field) == (Code.NOT_A_DATE, "data/activity_log.csv", "done") and p.where.startswith("row 2")


def test_an_activity_past_its_due_date_is_a_warning(data: Path) -> None:
    replace_text(data / "activity_log.csv", "2026-11-16", "2026-11-09")  # due again 2026-11-16, judged 2026-11-21
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None
    [p] = problems
    assert (p.severity, p.code, p.file, p.field) == ("warning", Code.OVERDUE, "data/org.yml", "activity_log")
    assert "2026-11-09" in p.found and "2026-11-16" in p.found


def test_a_commitment_measured_by_an_unknown_kpi(data: Path) -> None:
    replace_text(data / "commitments.yml", "kpi: satisfaction", "kpi: satisfied")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.found) == (Code.UNKNOWN_REFERENCE, "data/commitments.yml", "kpi", '"satisfied"')


def test_a_commitment_quote_missing_from_its_source(data: Path) -> None:
    replace_text(data / "commitments.yml", "24小时内发货", "12小时内发货")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.QUOTE_NOT_IN_SOURCE, "evidence.quote", '"承诺在订单确认后12小时内发货"')


def test_a_benchmark_compared_with_a_kpi_of_another_unit(data: Path) -> None:
    replace_text(data / "benchmarks.yml", "kpi: returns", "kpi: response_hours")
    p = only_error(data)
    assert (p.code, p.field) == (Code.UNIT_MISMATCH, "kpi") and "hours" in p.found


def test_a_roadmap_item_due_outside_its_horizon(data: Path) -> None:
    replace_text(data / "roadmap.yml", "due: 2026-03-31", "due: 2026-09-30")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.found) == (Code.OUTSIDE_HORIZON, "data/roadmap.yml", "due", "2026-09-30")
    assert "2026-01-01" in p.expected and "2026-07-01" in p.expected  # the horizon's window


def test_a_roadmap_item_marked_done_needs_its_date(data: Path) -> None:
    replace_text(data / "roadmap.yml", "status: done, done: 2026-03-20", "status: done")
    p = only_error(data)
    assert (p.code, p.field) == (Code.MISSING_VALUE, "done") and p.where.startswith('roadmap item "RM-01"')


def test_an_open_roadmap_item_past_its_due_date_is_a_warning(data: Path) -> None:
    replace_text(data / "roadmap.yml", "due: 2027-03-31, status: in progress", "due: 2026-09-30, status: in progress")
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None
    [p] = problems
    assert (p.severity, p.code, p.field) == ("warning", Code.OVERDUE, "status")
