"""Rules for the plan's records: traceability without orphans, RACI, cadences, commitments, benchmarks, roadmap."""

from __future__ import annotations

from pathlib import Path

from conftest import replace_text
from test_validation import only_error

from macros.validation import check


def test_a_kpi_that_no_procedure_moves_is_an_orphan(data: Path) -> None:
    replace_text(data / "procedures.yml", "kpis: [returns]", "kpis: []")  # inspection still controls both risks
    p = only_error(data)
    assert (p.file, p.where, p.found) == ("data/kpis.yml", 'KPI "returns" (line 14)', "no procedure moves it")


def test_a_procedure_that_moves_no_kpi_and_controls_no_risk_points_at_nothing(data: Path) -> None:
    replace_text(data / "procedures.yml", "kpis: [satisfaction, response_hours]", "kpis: []")
    replace_text(data / "procedures.yml", "kpis: [returns]", "kpis: [returns, satisfaction, response_hours]")
    p = only_error(data)
    assert (p.file, p.field) == ("data/procedures.yml", "kpis") and p.where.startswith('procedure "complaints"')
    assert "points at nothing" in p.found


def test_a_raci_activity_accountable_and_consulted_at_once(data: Path) -> None:
    replace_text(data / "org.yml", "R: [quality], A: quality, C: [service]", "R: [service], A: quality, C: [quality]")
    p = only_error(data)
    assert (p.file, p.field, p.found) == ("data/org.yml", "A", '"quality"') and p.where.startswith("RACI activity #1")


def test_a_raci_role_for_an_unknown_department(data: Path) -> None:
    replace_text(data / "org.yml", "R: [quality]", "R: [qualty]")
    p = only_error(data)
    assert (p.field, p.found) == ("R", '"qualty"') and "department id" in p.expected


def test_a_logged_activity_that_is_not_a_cadence(data: Path) -> None:
    replace_text(data / "activity_log.csv", "weekly-inspection,2026-11-16", "weekly-inspektion,2026-11-16")
    p = only_error(data)
    assert (p.file, p.where, p.field) == ("data/activity_log.csv", "row 2 (weekly-inspektion 2026-11-16)", "activity")


def test_an_activity_logged_in_the_future(data: Path) -> None:
    replace_text(data / "activity_log.csv", "2026-11-16", "2026-12-16")
    p = only_error(data)
    assert (p.field, p.found) == ("done", "2026-12-16, in the future")


def test_a_date_that_is_not_a_date_in_the_activity_log(data: Path) -> None:
    replace_text(data / "activity_log.csv", "2026-11-16", "16/11/2026")
    p = only_error(data)
    assert (p.file, p.field) == ("data/activity_log.csv", "done") and p.where.startswith("row 2")


def test_an_activity_past_its_due_date_is_a_warning(data: Path) -> None:
    replace_text(data / "activity_log.csv", "2026-11-16", "2026-11-09")  # due again 2026-11-16, judged 2026-11-21
    handbook, problems = check(data)
    assert handbook is not None
    [p] = problems
    assert (p.severity, p.file, p.field) == ("warning", "data/org.yml", "activity_log")
    assert p.found == "the last was 2026-11-09, due again 2026-11-16"


def test_a_commitment_measured_by_an_unknown_kpi(data: Path) -> None:
    replace_text(data / "commitments.yml", "kpi: satisfaction", "kpi: satisfied")
    p = only_error(data)
    assert (p.file, p.field, p.found) == ("data/commitments.yml", "kpi", '"satisfied"')


def test_a_commitment_quote_missing_from_its_source(data: Path) -> None:
    replace_text(data / "commitments.yml", "24小时内发货", "12小时内发货")
    p = only_error(data)
    assert (p.field, p.found) == ("evidence.quote", '"承诺在订单确认后12小时内发货"')


def test_a_benchmark_compared_with_a_kpi_of_another_unit(data: Path) -> None:
    replace_text(data / "benchmarks.yml", "kpi: returns", "kpi: response_hours")
    p = only_error(data)
    assert (p.field, p.found) == ("kpi", "response_hours, measured in hours")


def test_a_roadmap_item_due_outside_its_horizon(data: Path) -> None:
    replace_text(data / "roadmap.yml", "due: 2026-03-31", "due: 2026-09-30")
    p = only_error(data)
    assert (p.file, p.field, p.found) == ("data/roadmap.yml", "due", "2026-09-30")
    assert p.expected == "a date between 2026-01-01 and 2026-07-01 (short term)"


def test_a_roadmap_item_marked_done_needs_its_date(data: Path) -> None:
    replace_text(data / "roadmap.yml", "status: done, done: 2026-03-20", "status: done")
    p = only_error(data)
    assert (p.field, p.found) == ("done", "nothing") and p.where.startswith('roadmap item "RM-01"')


def test_an_open_roadmap_item_past_its_due_date_is_a_warning(data: Path) -> None:
    replace_text(data / "roadmap.yml", "due: 2027-03-31, status: in progress", "due: 2026-09-30, status: in progress")
    handbook, problems = check(data)
    assert handbook is not None
    [p] = problems
    assert (p.severity, p.field, p.found) == ("warning", "status", "still in progress")
