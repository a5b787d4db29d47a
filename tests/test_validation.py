"""Every data rule: each error names the file, the row or key, the field, what was expected and what was found."""

from __future__ import annotations

from pathlib import Path

from helpers import only_error, replace_text, set_cell

from macros.audit.validation import check
from macros.data.problems import Code, errors


def test_the_fixture_data_is_valid(data: Path) -> None:
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None and errors(problems) == []


def test_a_value_that_is_not_a_number_names_file_row_and_column(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 3, "value", "9x.1")
    p = only_error(data)
    assert (p.file, p.where, p.field) == ("data/measurements/m.csv", "row 3 (satisfaction 2026-09)", "value")
    assert (p.code, p.found) == (Code.NOT_A_NUMBER, '"9x.1"')
    assert str(p).startswith("data/measurements/m.csv, row 3 (satisfaction 2026-09), field 'value': expected")


def test_a_measurement_of_an_unknown_kpi(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 2, "kpi", "satisfacton")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.found) == (Code.UNKNOWN_REFERENCE, "data/measurements/m.csv", "kpi", '"satisfacton"')
    assert p.where.startswith("row 2")


def test_a_kpi_owned_by_an_unknown_department(data: Path) -> None:
    replace_text(data / "kpis.yml", "owner: service\n  cadence: monthly", "owner: servce\n  cadence: monthly")
    p = only_error(data)
    assert (p.file, p.field, p.found) == ("data/kpis.yml", "owner", '"servce"')
    assert (p.code, p.where) == (Code.UNKNOWN_REFERENCE, 'KPI "satisfaction" (line 7)')
    assert "quality, service" in p.expected  # the departments there are, to choose from


def test_a_risk_control_that_names_no_procedure(data: Path) -> None:
    replace_text(data / "risks.yml", "controls: [inspection]", "controls: [inspecton]")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.found) == (Code.UNKNOWN_REFERENCE, "data/risks.yml", "controls", '"inspecton"')
    assert p.where.startswith('risk "R-001" (line')


def test_a_risk_with_no_control_at_all(data: Path) -> None:
    replace_text(data / "risks.yml", "controls: [inspection]", "controls: []")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.MISSING_VALUE, "controls", "none") and 'risk "R-001"' in p.where


def test_a_period_in_the_wrong_format_for_the_cadence(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 7, "period", "2026-09")  # response_hours is quarterly
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.BAD_PERIOD, "period", '"2026-09"') and p.where.startswith("row 7")
    assert "YYYY-Qn" in p.expected  # the form the cadence asks for


def test_a_month_that_does_not_exist(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 2, "period", "2026-13")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field, p.found) == (
        Code.BAD_PERIOD,
        "data/measurements/m.csv",
        "row 2 (satisfaction 2026-13)",
        "period",
        '"2026-13"',
    )


def test_a_year_out_of_range_is_an_error_not_a_crash(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 7, "period", "0000-Q3")
    p = only_error(data)
    assert (p.code, p.where, p.field) == (Code.BAD_PERIOD, "row 7 (response_hours 0000-Q3)", "period") and "1970–2100" in p.expected


def test_a_period_in_the_future_is_refused(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 4, "period", "2062-10")
    p = only_error(data)
    assert (p.code, p.where, p.field) == (Code.FUTURE_PERIOD, "row 4 (satisfaction 2062-10)", "period")


def test_a_duplicate_kpi_period_scope_row_points_at_the_first(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 3, "period", "2026-08")
    set_cell(data / "measurements" / "m.csv", 3, "value", "89.00")
    set_cell(data / "measurements" / "m.csv", 3, "numerator", "890")
    p = only_error(data)
    assert (p.code, p.field) == (Code.DUPLICATE_ROW, "period") and p.where.startswith("row 3")
    assert "data/measurements/m.csv row 2" in p.expected  # where the first one is


def test_the_same_period_in_two_scopes_is_not_a_duplicate(data: Path) -> None:
    problems = check(data).problems  # returns 2026-10 has food and apparel rows
    assert errors(problems) == []


def test_a_value_outside_what_its_unit_allows(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 2, "value", "189.0")
    set_cell(data / "measurements" / "m.csv", 2, "numerator", "")
    set_cell(data / "measurements" / "m.csv", 2, "denominator", "")
    (p,) = [p for p in errors(check(data).problems) if p.field == "value"]  # the missing rate parts are reported too
    assert (p.file, p.where, p.field) == ("data/measurements/m.csv", "row 2 (satisfaction 2026-08)", "value")
    assert (p.code, p.found) == (Code.OUT_OF_RANGE, "189.0") and "0 to 100" in p.expected


def test_negative_hours_are_refused(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 7, "value", "-3")
    problems = errors(check(data).problems)
    assert any((p.code, p.field) == (Code.OUT_OF_RANGE, "value") and p.where.startswith("row 7") for p in problems)


def test_a_percent_stored_as_a_fraction_is_named_as_such(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 3, "value", "0.91")
    p = only_error(data)
    assert (p.code, p.field) == (Code.FRACTION_NOT_PERCENT, "value") and "91.00" in p.expected


def test_a_fraction_without_numerator_and_denominator_is_still_caught(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 3, "value", "0.91")
    set_cell(data / "measurements" / "m.csv", 3, "numerator", "")
    set_cell(data / "measurements" / "m.csv", 3, "denominator", "")
    fraction = [p for p in errors(check(data).problems) if p.field == "value"]
    assert fraction and fraction[0].code == Code.FRACTION_NOT_PERCENT
    assert (fraction[0].file, fraction[0].where) == ("data/measurements/m.csv", "row 3 (satisfaction 2026-09)")


def test_a_value_that_disagrees_with_its_numerator_and_denominator(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 3, "value", "95.00")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.VALUE_MISMATCH, "value", "95.0") and "91.00" in p.expected


def test_a_rate_without_a_denominator(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 3, "denominator", "")
    p = only_error(data)
    assert (p.file, p.where, p.field) == ("data/measurements/m.csv", "row 3 (satisfaction 2026-09)", "denominator")
    assert p.code == Code.MISSING_VALUE


def test_a_file_that_is_not_utf8_names_the_line(data: Path) -> None:
    path = data / "measurements" / "m.csv"
    path.write_bytes(path.read_bytes() + "satisfaction,2026-07,90.00,900,1000,,测试,\n".encode("gbk"))
    p = only_error(data)
    assert (p.code, p.file, p.where) == (Code.ENCODING, "data/measurements/m.csv", "line 8")


def test_a_utf8_file_with_a_byte_order_mark_is_accepted(data: Path) -> None:
    path = data / "measurements" / "m.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert errors(check(data).problems) == []


def test_a_misspelt_column_is_named(data: Path) -> None:
    replace_text(data / "measurements" / "m.csv", "kpi,period,value,", "kpi,period,vlaue,")
    problems = errors(check(data).problems)
    assert any((p.code, p.where, p.field) == (Code.UNKNOWN_COLUMN, "row 1 (header)", "vlaue") for p in problems)
    assert any((p.code, p.field) == (Code.MISSING_COLUMN, "value") for p in problems)


def test_a_misspelt_field_in_yaml_is_named_with_its_line(data: Path) -> None:
    replace_text(data / "kpis.yml", "  warning: 92\n", "  warnign: 92\n")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field) == (Code.UNKNOWN_FIELD, "data/kpis.yml", 'KPI "satisfaction" (line 6)', "warnign")


def test_an_unknown_unit_lists_the_units_allowed(data: Path) -> None:
    replace_text(data / "kpis.yml", "unit: percent\n  direction: higher", "unit: percentage\n  direction: higher")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.NOT_ONE_OF, "unit", '"percentage"') and "'percent'" in p.expected  # the units allowed


def test_a_yaml_syntax_error_names_line_and_column(data: Path) -> None:
    replace_text(data / "org.yml", "lead: Test Lead", "lead: [Test Lead")
    problems = errors(check(data).problems)
    assert any(
        p.code == Code.YAML_SYNTAX and p.file == "data/org.yml" and p.where.startswith("line ") and "column" in p.where for p in problems
    )


def test_a_key_written_twice_in_yaml_is_an_error(data: Path) -> None:
    replace_text(data / "kpis.yml", "  warning: 92\n", "  warning: 92\n  warning: 93\n")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field) == (Code.DUPLICATE_KEY, "data/kpis.yml", "line 7", "warning")


def test_a_target_quote_missing_from_its_source(data: Path) -> None:
    replace_text(data / "kpis.yml", "quote: 消费者满意度达到90%以上", "quote: 消费者满意度达到95%以上")
    p = only_error(data)
    assert (p.code, p.field) == (Code.QUOTE_NOT_IN_SOURCE, "evidence.quote") and "S1" in p.expected


def test_a_warning_edge_on_the_wrong_side_of_the_target(data: Path) -> None:
    replace_text(data / "kpis.yml", "warning: 4.5", "warning: 5.5")
    p = only_error(data)
    assert (p.code, p.where.split(" (")[0], p.field) == (Code.WRONG_SIDE, 'KPI "returns"', "warning") and "5" in p.expected


def test_risk_bands_must_cover_1_to_25_without_gaps(data: Path) -> None:
    replace_text(data / "risks.yml", "min: 10, max: 25", "min: 11, max: 25")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.found) == (Code.BAND_GAP, "data/risks.yml", "matrix.bands", "no band for 10")


def test_risk_bands_must_not_overlap(data: Path) -> None:
    replace_text(data / "risks.yml", "min: 5, max: 9", "min: 4, max: 9")
    p = only_error(data)
    assert (p.code, p.found) == (Code.BAND_OVERLAP, "more than one band for 4")


def test_residual_risk_cannot_exceed_inherent(data: Path) -> None:
    replace_text(data / "risks.yml", "residual: {likelihood: 2, impact: 4}", "residual: {likelihood: 5, impact: 4}")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.RESIDUAL_ABOVE_INHERENT, "residual.likelihood", "5") and 'risk "R-001"' in p.where


def test_all_errors_are_reported_at_once(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 2, "value", "abc")
    set_cell(data / "measurements" / "m.csv", 4, "kpi", "nope")
    replace_text(data / "risks.yml", "owner: quality\n    inherent", "owner: qualty\n    inherent")
    found = errors(check(data).problems)
    assert {(p.code, p.field) for p in found} == {
        (Code.NOT_A_NUMBER, "value"),
        (Code.UNKNOWN_REFERENCE, "kpi"),
        (Code.UNKNOWN_REFERENCE, "owner"),
    }


def test_an_overdue_risk_review_is_a_warning_not_an_error(data: Path) -> None:
    replace_text(data / "risks.yml", "next_review: 2027-01-31", "next_review: 2026-11-01")
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None
    assert [(p.severity, p.code, p.field) for p in problems] == [("warning", Code.OVERDUE, "next_review")]


def test_a_stale_kpi_is_a_warning_naming_its_file(data: Path, monkeypatch) -> None:
    monkeypatch.setenv("HANDBOOK_TODAY", "2026-12-11")  # 2026-11 was due by 2026-12-10
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None
    stale = [p for p in problems if p.code == Code.STALE and 'KPI "satisfaction"' in p.where]
    assert stale and (stale[0].severity, stale[0].file, stale[0].found) == ("warning", "data/measurements/m.csv", "the latest is 2026-10")


def test_a_value_rounded_correctly_to_fewer_decimals_is_accepted(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 3, "value", "91")  # 910/1000 = 91 %, written without decimals
    set_cell(data / "measurements" / "m.csv", 4, "numerator", "2807")  # 2807/3000 = 93.567 %, written 93.6
    set_cell(data / "measurements" / "m.csv", 4, "denominator", "3000")
    set_cell(data / "measurements" / "m.csv", 4, "value", "93.6")
    assert errors(check(data).problems) == []


def test_a_value_off_by_less_than_a_rounding_step_is_still_refused(data: Path) -> None:
    """1799/2000 is 89.95 %: writing 90.00 claims a met target that was breached."""
    set_cell(data / "measurements" / "m.csv", 4, "numerator", "1799")
    set_cell(data / "measurements" / "m.csv", 4, "denominator", "2000")
    set_cell(data / "measurements" / "m.csv", 4, "value", "90.00")
    p = only_error(data)
    assert (p.code, p.where, p.field) == (Code.VALUE_MISMATCH, "row 4 (satisfaction 2026-10)", "value") and "89.95" in p.expected


def test_a_scope_with_stray_spaces_is_the_same_scope(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 6, "scope", "category= food")
    set_cell(data / "measurements" / "m.csv", 6, "kpi", "returns")
    set_cell(data / "measurements" / "m.csv", 6, "period", "2026-10")
    p = only_error(data)
    assert (p.code, p.where) == (Code.DUPLICATE_ROW, "row 6 (returns 2026-10 category=food)") and "m.csv row 5" in p.expected


def test_a_period_missing_some_scopes_warns_that_the_roll_up_is_partial(data: Path) -> None:
    path = data / "measurements" / "m.csv"
    path.write_text(path.read_text(encoding="utf-8") + "returns,2026-09,2.00,20,1000,category=food,test,\n", encoding="utf-8")
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None
    (p,) = [p for p in problems if p.field == "scope"]
    assert (p.severity, p.code, p.where, p.found) == (
        "warning",
        Code.PARTIAL_ROLLUP,
        "row 8 (returns 2026-09)",
        "none for category=apparel",
    )


def test_a_utf16_file_is_named_as_not_utf8(data: Path) -> None:
    path = data / "measurements" / "m.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    p = only_error(data)
    assert (p.code, p.file, p.found) == (Code.ENCODING, "data/measurements/m.csv", "NUL bytes")


def test_a_column_written_twice_is_one_header_error(data: Path) -> None:
    replace_text(data / "measurements" / "m.csv", "source,note", "value,note")
    found = errors(check(data).problems)
    assert [(p.code, p.where, p.field) for p in found] == [(Code.DUPLICATE_COLUMN, "row 1 (header)", "value")]


def test_a_file_with_only_a_header_is_a_warning(data: Path) -> None:
    (data / "measurements" / "empty.csv").write_text("kpi,period,value\n", encoding="utf-8")
    result = check(data)
    handbook, problems = result.handbook, result.problems
    assert handbook is not None
    assert [(p.severity, p.code, p.file) for p in problems] == [("warning", Code.NO_ROWS, "data/measurements/empty.csv")]


def test_a_missing_measurements_folder_is_an_error(data: Path) -> None:
    (data / "measurements" / "m.csv").unlink()
    (data / "measurements").rmdir()
    p = only_error(data)
    assert (p.code, p.file) == (Code.MISSING_FILE, "data/measurements")


def test_a_warning_edge_cannot_go_with_a_moving_target(data: Path) -> None:
    replace_text(data / "kpis.yml", "  target: 90\n", '  target_change: {baseline: "2026-08", by: 5}\n')
    p = only_error(data)
    assert (p.where.split(" (")[0], p.field) == ('KPI "satisfaction"', "warning")


def declare_stages(data: Path, stages: str) -> None:
    replace_text(data / "kpis.yml", "  query: satisfaction.sql\n", f"  query: satisfaction.sql\n  control:\n    stages:\n{stages}")


def test_a_declared_control_stage_is_valid(data: Path) -> None:
    declare_stages(data, "      - {from: 2026-07, changed: 2026-06-28, reason: new process, roadmap: RM-01}\n")
    assert errors(check(data).problems) == []


def test_a_control_stage_starting_on_a_period_of_another_cadence(data: Path) -> None:
    declare_stages(data, "      - {from: 2026-Q3, changed: 2026-06-28, reason: new process}\n")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.BAD_PERIOD, "control.stages.from", '"2026-Q3"') and 'KPI "satisfaction"' in p.where


def test_control_stages_out_of_order(data: Path) -> None:
    first, second = "{from: 2026-07, changed: 2026-07-01, reason: a}", "{from: 2026-03, changed: 2026-03-01, reason: b}"
    declare_stages(data, f"      - {first}\n      - {second}\n")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.BAD_ORDER, "control.stages.from", '"2026-03"') and "2026-07" in p.expected


def test_a_change_made_after_its_stage_began(data: Path) -> None:
    declare_stages(data, "      - {from: 2026-07, changed: 2026-08-03, reason: new process}\n")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.BAD_ORDER, "control.stages.changed", "2026-08-03")


def test_a_control_stage_naming_an_unknown_roadmap_item(data: Path) -> None:
    declare_stages(data, "      - {from: 2026-07, changed: 2026-06-28, reason: new process, roadmap: RM-99}\n")
    p = only_error(data)
    assert (p.code, p.field, p.found) == (Code.UNKNOWN_REFERENCE, "control.stages.roadmap", '"RM-99"')


def test_a_baseline_too_short_for_rule_four(data: Path) -> None:
    replace_text(data / "kpis.yml", "  query: satisfaction.sql\n", "  query: satisfaction.sql\n  control: {baseline: 5}\n")
    p = only_error(data)
    assert (p.code, p.file, p.field) == (Code.OUT_OF_RANGE, "data/kpis.yml", "control.baseline")
