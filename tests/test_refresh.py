"""`make refresh`: KPIs computed from the exports by SQL, merged so that nothing a person wrote is lost."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, TODAY, replace_text, run, script, set_cell

from macros.audit.validation import check
from macros.data.files import write_atomic
from macros.data.problems import Code


def refresh(data: Path, *args: str, today: str = TODAY):
    return run(script("refresh", "--data", str(data), *args), data.parent, HANDBOOK_TODAY=today)


def first_refresh(data: Path, *args: str, today: str = TODAY):
    """The first refresh of a KPI: its closed periods are written too, for nothing of them was reported before."""
    result = refresh(data, *args, today=today)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def computed(data: Path) -> list[tuple[str, ...]]:
    with (data / "measurements" / "computed.csv").open(encoding="utf-8", newline="") as f:
        return [(r["kpi"], r["period"], r["value"], r["numerator"], r["denominator"], r["note"]) for r in csv.DictReader(f)]


def test_refresh_writes_each_period_as_numerator_denominator_and_value(data: Path) -> None:
    result = first_refresh(data)
    assert result.returncode == 0, result.stderr
    # Reviews rated 4–5 / all reviews, by month: V1 rated 2 in January, V2–V4 rated 4 or 5.
    assert computed(data) == [
        ("satisfaction", "2026-01", "0.00", "0", "1", ""),
        ("satisfaction", "2026-02", "100.00", "1", "1", ""),
        ("satisfaction", "2026-05", "100.00", "1", "1", ""),
        ("satisfaction", "2026-06", "100.00", "1", "1", ""),
    ]
    assert "+ 2026-01" in result.stdout and "4 new, 0 updated" in result.stdout


def test_a_second_refresh_changes_nothing(data: Path) -> None:
    first_refresh(data)
    before = (data / "measurements" / "computed.csv").read_bytes()
    result = refresh(data)
    assert result.returncode == 0 and "0 new, 0 updated, 4 unchanged" in result.stdout
    assert (data / "measurements" / "computed.csv").read_bytes() == before
    assert "is up to date" in result.stderr


def test_a_changed_value_in_a_closed_period_is_reported_loudly_and_not_written(data: Path) -> None:
    first_refresh(data)
    set_cell(data / "exports" / "reviews.csv", 2, "rating", "5")  # V1, January: long closed on the pinned day
    result = refresh(data)
    assert result.returncode == 2
    assert "! 2026-01" in result.stdout and "0.00 (0 / 1) → 100.00 (1 / 1)  CLOSED period: kept the old value" in result.stdout
    assert "WARNING 1 value(s) of CLOSED periods" in result.stdout and "--restate-closed" in result.stdout
    assert computed(data)[0] == ("satisfaction", "2026-01", "0.00", "0", "1", "")


def test_a_closed_period_is_restated_only_with_the_flag_and_keeps_its_note(data: Path) -> None:
    first_refresh(data)
    set_cell(data / "measurements" / "computed.csv", 2, "note", "checked by CS lead")
    set_cell(data / "exports" / "reviews.csv", 2, "rating", "5")
    result = refresh(data, "--restate-closed")
    assert result.returncode == 0, result.stdout
    assert "CLOSED period, restated as asked" in result.stdout
    assert computed(data)[0] == ("satisfaction", "2026-01", "100.00", "1", "1", "checked by CS lead")


def test_an_open_period_is_updated_without_a_flag(data: Path) -> None:
    first_refresh(data, today="2026-07-01")
    with (data / "exports" / "reviews.csv").open("a", encoding="utf-8") as f:
        f.write("V5,O6,2026-06-20T10:00,1\n")  # a late review of June, while June is still open
    result = refresh(data, today="2026-07-01")
    assert result.returncode == 0
    assert "~ 2026-06" in result.stdout and "100.00 (1 / 1) → 50.00 (1 / 2)  open period, updated" in result.stdout
    assert ("satisfaction", "2026-06", "50.00", "1", "2", "") in computed(data)


def test_a_hand_entered_value_wins_and_its_file_is_never_written(data: Path) -> None:
    hand = data / "measurements" / "m.csv"
    with hand.open("a", encoding="utf-8") as f:
        f.write("satisfaction,2026-02,88.00,88,100,,survey,typed from the monthly report\n")
    before = hand.read_bytes()
    result = first_refresh(data)
    assert result.returncode == 0
    assert hand.read_bytes() == before
    assert [r[1] for r in computed(data)] == ["2026-01", "2026-05", "2026-06"]
    assert "the hand-entered values in data/measurements/m.csv are kept" in result.stdout


def test_a_period_the_exports_no_longer_reach_is_kept(data: Path) -> None:
    first_refresh(data)
    replace_text(data / "exports" / "reviews.csv", "V1,O1,2026-01-18T10:00,2\n", "")
    result = refresh(data)
    assert result.returncode == 0 and "1 kept as they were" in result.stdout
    assert computed(data)[0][:2] == ("satisfaction", "2026-01")


def test_prune_retires_an_open_period_no_export_reaches_and_shows_it_first(data: Path) -> None:
    first_refresh(data, today="2026-06-20")  # 2026-05 ended 20 days before: still open
    replace_text(data / "exports" / "reviews.csv", "V3,O5,2026-05-16T10:00,5\n", "")
    shown = refresh(data, "--prune", "--dry-run", today="2026-06-20")
    assert "- 2026-05" in shown.stdout and "retired" in shown.stdout and "2026-05" in [r[1] for r in computed(data)]
    result = refresh(data, "--prune", today="2026-06-20")
    assert result.returncode == 0 and [r[1] for r in computed(data)] == ["2026-01", "2026-02"]


def test_prune_keeps_a_closed_period_unless_restating(data: Path) -> None:
    first_refresh(data)
    replace_text(data / "exports" / "reviews.csv", "V1,O1,2026-01-18T10:00,2\n", "")
    kept = refresh(data, "--prune")
    assert kept.returncode == 0 and "CLOSED" in kept.stdout and computed(data)[0][1] == "2026-01"
    refresh(data, "--prune", "--restate-closed")
    assert [r[1] for r in computed(data)] == ["2026-02", "2026-05", "2026-06"]


def test_prune_keeps_the_closed_periods_of_a_kpi_no_longer_in_kpis_yml(data: Path) -> None:
    first_refresh(data)
    path = data / "measurements" / "computed.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    gone = [rows[1].replace(rows[1].split(",")[0], "retired_kpi", 1)]  # a closed January row of a KPI since removed
    path.write_text("\n".join([*rows, *gone]) + "\n", encoding="utf-8")
    lock = data / "measurements" / "computed.lock.yml"  # as an earlier refresh, when the KPI was still there, wrote it
    recorded = yaml.safe_load(lock.read_text(encoding="utf-8"))
    recorded["rows"]["retired_kpi 2026-01"] = recorded["rows"]["satisfaction 2026-01"]
    lock.write_text(yaml.safe_dump(recorded), encoding="utf-8")
    refresh(data, "--prune")
    assert ("retired_kpi", "2026-01") in {r[:2] for r in computed(data)}


def test_a_period_the_exports_do_not_reach_to_its_end_is_left_out(data: Path) -> None:
    spec = (data / "exports.yml").read_text(encoding="utf-8")
    (data / "exports.yml").write_text(
        spec.replace("    file: exports/reviews.csv\n", "    file: exports/reviews.csv\n    covers: submitted_at\n")
    )
    replace_text(data / "exports" / "reviews.csv", "V4,O6,2026-06-08T10:00,5\n", "V4,O6,2026-06-08T10:00,5\nV5,O6,2026-07-03T10:00,5\n")
    result = first_refresh(data, today="2026-08-15")
    assert "1 the exports reach only until 2026-07-03 left out" in result.stderr
    assert [r[1] for r in computed(data)] == ["2026-01", "2026-02", "2026-05", "2026-06"]


def test_a_period_still_running_is_left_out(data: Path) -> None:
    result = first_refresh(data, today="2026-06-15")
    assert "1 of a period still running left out" in result.stderr
    assert [r[1] for r in computed(data)] == ["2026-01", "2026-02", "2026-05"]


def test_a_dry_run_writes_nothing(data: Path) -> None:
    result = first_refresh(data, "--dry-run")
    assert result.returncode == 0 and "4 new" in result.stdout and "would write" in result.stderr
    assert not (data / "measurements" / "computed.csv").exists()


def test_a_mistyped_export_cell_is_named_by_file_row_and_column_and_nothing_is_written(data: Path) -> None:
    set_cell(data / "exports" / "reviews.csv", 3, "rating", "four")
    result = refresh(data)
    assert result.returncode == 1
    assert "ERROR data/exports/reviews.csv, row 3 (V2), field 'rating': expected" in result.stderr and "[not_a_number]" in result.stderr
    assert "Traceback" not in result.stderr and not (data / "measurements" / "computed.csv").exists()


def test_a_renamed_export_column_is_a_change_to_the_mapping_not_the_query(data: Path) -> None:
    replace_text(data / "exports" / "reviews.csv", "submitted_at,rating", "submitted_at,stars")
    result = refresh(data)
    assert result.returncode == 1 and "row 1 (header), field 'rating': expected a column named 'rating'" in result.stderr
    replace_text(data / "exports.yml", "rating: {type: integer,", "rating: {type: integer, name: stars,")
    assert first_refresh(data).returncode == 0
    assert [r[2] for r in computed(data)] == ["0.00", "100.00", "100.00", "100.00"]


def test_the_build_checks_a_renamed_export_through_the_same_mapping(data: Path) -> None:
    replace_text(data / "exports" / "reviews.csv", "submitted_at,rating", "submitted_at,stars")
    replace_text(data / "exports.yml", "rating: {type: integer,", "rating: {type: integer, name: stars,")
    set_cell(data / "exports" / "reviews.csv", 3, "stars", "7")
    problems = check(data).problems
    [p] = [p for p in problems if p.file == "data/exports/reviews.csv"]
    assert (p.code, p.where, p.field, p.found) == (Code.OUT_OF_RANGE, "row 3 (V2)", "stars", '"7"')


def test_a_parquet_export_gives_the_same_measurements(data: Path) -> None:
    import duckdb

    first_refresh(data)
    expected = computed(data)
    for name in ("computed.csv", "computed.lock.yml"):  # as on a new machine
        (data / "measurements" / name).unlink()
    source, target = data / "exports" / "reviews.csv", data / "exports" / "reviews.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{source}')) TO '{target}' (FORMAT parquet)")
    replace_text(data / "exports.yml", "file: exports/reviews.csv", "file: exports/reviews.parquet")
    assert first_refresh(data).returncode == 0
    assert computed(data) == expected


def test_check_fails_when_the_computed_file_is_out_of_date_with_the_exports(data: Path) -> None:
    first_refresh(data)
    assert refresh(data, "--check").returncode == 0
    with (data / "exports" / "reviews.csv").open("a", encoding="utf-8") as f:
        f.write("V5,O4,2026-04-20T10:00,5\n")
    before = (data / "measurements" / "computed.csv").read_bytes()
    result = refresh(data, "--check")
    assert result.returncode == 1 and "does not match the exports: run `make refresh`" in result.stderr
    assert (data / "measurements" / "computed.csv").read_bytes() == before


# Closed stays closed, and what refresh wrote can be verified


def test_a_kpis_first_refresh_writes_its_history_closed_periods_included(data: Path) -> None:
    result = refresh(data)  # on the pinned day every month of the fixture's reviews is closed
    assert result.returncode == 0 and [r[1] for r in computed(data)] == ["2026-01", "2026-02", "2026-05", "2026-06"]


def test_without_restating_no_value_is_added_to_a_closed_period(data: Path) -> None:
    first_refresh(data)
    before = (data / "measurements" / "computed.csv").read_bytes()
    with (data / "exports" / "reviews.csv").open("a", encoding="utf-8") as f:
        f.write("V9,O6,2026-03-10T10:00,5\n")  # a review of March, a closed month without a value, sent late
    result = refresh(data)
    assert result.returncode == 2 and "CLOSED period: not added" in result.stdout and "2026-03" in result.stdout
    assert (data / "measurements" / "computed.csv").read_bytes() == before


def test_setting_the_date_back_reopens_no_period(data: Path) -> None:
    first_refresh(data)
    set_cell(data / "exports" / "reviews.csv", 2, "rating", "5")  # V1, January
    for setting in ({"HANDBOOK_TODAY": "2026-02-01"}, {"HANDBOOK_TODAY": "", "SOURCE_DATE_EPOCH": "1769904000"}):  # both 1 Feb 2026
        result = run(script("refresh", "--data", str(data)), data.parent, **setting)
        assert result.returncode == 2 and "CLOSED period: kept the old value" in result.stdout, result.stdout + result.stderr
    assert computed(data)[0][:3] == ("satisfaction", "2026-01", "0.00")


def test_a_deleted_closed_row_is_refused_not_written_again_as_new(data: Path) -> None:
    first_refresh(data)
    replace_text(data / "measurements" / "computed.csv", "satisfaction,2026-01,0.00,0,1,,query satisfaction.sql,\n", "")
    before = (data / "measurements" / "computed.csv").read_bytes()
    result = refresh(data)
    assert result.returncode == 1 and "[computed_edited]" in result.stderr and "satisfaction 2026-01" in result.stderr
    assert (data / "measurements" / "computed.csv").read_bytes() == before


def test_a_hand_edit_of_a_computed_figure_is_caught_by_validate_naming_the_row(data: Path) -> None:
    first_refresh(data)
    set_cell(data / "measurements" / "computed.csv", 3, "value", "99.00")  # February
    [p] = [p for p in check(data).problems if p.code == Code.COMPUTED_EDITED]
    assert (p.file, p.where, p.found, p.severity) == (
        "data/measurements/computed.csv",
        "row 3 (satisfaction 2026-02)",
        "99.00 (1 / 1)",
        "error",
    )


def test_a_note_added_to_a_computed_row_is_not_an_edit(data: Path) -> None:
    first_refresh(data)
    set_cell(data / "measurements" / "computed.csv", 3, "note", "checked by CS lead")
    assert [p for p in check(data).problems if p.code in (Code.COMPUTED_EDITED, Code.STALE_COMPUTED)] == []


def test_exports_changed_without_a_refresh_fail_validate_naming_the_export(data: Path) -> None:
    first_refresh(data)
    with (data / "exports" / "reviews.csv").open("a", encoding="utf-8") as f:
        f.write("V5,O4,2026-04-20T10:00,5\n")
    found = [p.found for p in check(data).problems if p.code == Code.STALE_COMPUTED]
    assert found == ["data/exports/reviews.csv changed since"]
    assert refresh(data).returncode == 2  # April is closed: its new value is refused, and nothing is written
    assert [p.found for p in check(data).problems if p.code == Code.STALE_COMPUTED] == found
    first_refresh(data, "--restate-closed")
    assert [p for p in check(data).problems if p.code == Code.STALE_COMPUTED] == []


def test_restating_recomputes_a_hand_edited_row(data: Path) -> None:
    first_refresh(data)
    set_cell(data / "measurements" / "computed.csv", 3, "value", "99.00")
    first_refresh(data, "--restate-closed")
    assert computed(data)[1][:3] == ("satisfaction", "2026-02", "100.00") and check(data).handbook is not None


# One refresh at a time, written whole, the URL never shown


def test_a_second_refresh_while_one_runs_is_refused_and_writes_nothing(data: Path) -> None:
    import fcntl

    (data.parent / ".cache").mkdir(exist_ok=True)
    fd = os.open(data.parent / ".cache" / "refresh-data.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a refresh in progress holds it
    os.write(fd, b"4242")
    try:
        result = refresh(data)
    finally:
        os.close(fd)
    assert result.returncode == 1 and "process 4242" in result.stderr and not (data / "measurements" / "computed.csv").exists()
    assert first_refresh(data).returncode == 0  # the lock went with its holder


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "computed.csv"
    target.mkdir()  # a file cannot replace a folder: the swap fails after the temporary file was written
    with pytest.raises(OSError):
        write_atomic(target, b"kpi,period\n")
    assert target.is_dir() and list(tmp_path.iterdir()) == [target]


def test_make_refresh_passes_the_warehouse_url_in_the_environment_never_echoing_it(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "requirements.txt").write_text("", encoding="utf-8")
    os.utime(tmp_path / "requirements.txt", (0, 0))  # older than the venv's stamp: nothing to install
    python = tmp_path / ".venv" / "bin" / "python"  # stands in for the venv's: says what it was given
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\n[ "$1" = -c ] && { echo ok; exit 0; }\necho "args: $*"\necho "url: $HANDBOOK_WAREHOUSE_URL"\n')
    python.chmod(0o755)
    (tmp_path / ".venv" / ".installed").touch()
    url = "postgresql+psycopg://lead:s3cret-pw@db.internal/handbook"
    result = run(["make", "refresh", f"WAREHOUSE={url}"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"url: {url}" in result.stdout  # the refresh gets it from the environment
    assert "s3cret-pw" not in result.stdout.replace(f"url: {url}", "") + result.stderr  # and nothing else shows it
