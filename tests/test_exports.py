"""Bring your own exports: a platform's files in its own layout give a correct handbook, with nothing made up for
the exports it does not have; and each way a file can be wrong is named by file, row, column and expectation."""

from __future__ import annotations

import csv
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from foreign_platform import (
    LAST_ORDER,
    SAO_PAULO,
    SHANGHAI,
    expected_on_time,
    expected_satisfaction,
    percent,
    platform,
    write_exports,
)
from helpers import ROOT, TODAY, mkdocs_build, run, script, soup_of

from macros.audit.validation import check
from macros.data.problems import Code

OWN_DATA = ("measurements", "queries")  # what a new user keeps of the handbook's data/, besides its YAML files


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list, list]:
    """The real handbook with the sample exports taken out and a platform's own put in, refreshed once."""
    project = tmp_path_factory.mktemp("foreign") / "handbook"
    for name in ("docs", "sources", "macros", "scripts"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "mkdocs_hooks.py"):
        shutil.copy(ROOT / name, project)
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("exports", "records"))
    orders, reviews = platform()
    write_exports(project / "data", orders, reviews)
    # The first refresh on a platform's own exports replaces the sample's figures, closed periods included.
    result = run(script("refresh", "--restate-closed", "--prune"), project, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, orders, reviews


def computed(project: Path) -> dict[tuple[str, str], dict[str, str]]:
    with (project / "data" / "measurements" / "computed.csv").open(encoding="utf-8") as f:
        return {(r["kpi"], r["period"]): r for r in csv.DictReader(f)}


def covered_months(reach: date) -> str:
    """The last month that ends on or before the day an export reaches."""
    first = reach.replace(day=1)
    nxt = date(reach.year + reach.month // 12, reach.month % 12 + 1, 1)
    return f"{reach:%Y-%m}" if (nxt - reach).days == 1 else f"{date.fromordinal(first.toordinal() - 1):%Y-%m}"


def test_on_time_shipment_is_computed_through_the_join_and_the_time_zones(foreign) -> None:
    project, orders, _ = foreign
    until = covered_months(LAST_ORDER.date())  # the workbook reaches 25 October: October is not whole
    expected = {m: percent(*counts) for m, counts in expected_on_time(orders, until).items()}
    rows = computed(project)
    assert {p: r["value"] for (k, p), r in rows.items() if k == "on_time_shipment"} == expected
    assert max(expected) == "2026-09"


def test_customer_satisfaction_counts_reviews_by_their_month_in_shanghai(foreign) -> None:
    project, _, reviews = foreign
    reach = max(r.submitted.replace(tzinfo=SAO_PAULO).astimezone(SHANGHAI) for r in reviews).date()
    expected = {m: percent(*counts) for m, counts in expected_satisfaction(reviews, covered_months(reach)).items()}
    rows = computed(project)
    assert {p: r["value"] for (k, p), r in rows.items() if k == "customer_satisfaction"} == expected


def test_nothing_is_computed_for_the_exports_the_platform_does_not_have(foreign) -> None:
    project, _, _ = foreign
    assert {kpi for kpi, _ in computed(project)} == {"on_time_shipment", "customer_satisfaction"}


def test_the_site_says_no_data_with_the_reason_and_publishes_no_figure_for_it(foreign, tmp_path: Path) -> None:
    project, orders, _ = foreign
    site = tmp_path / "site"
    mkdocs_build(project, site, tmp_path / "cache", only="en")
    returns = soup_of(site / "kpis" / "return_rate" / "index.html").article.get_text(" ", strip=True)
    assert "no data: the returns export is not provided" in returns
    complaints = soup_of(site / "kpis" / "complaint_first_response" / "index.html").article.get_text(" ", strip=True)
    assert "no data: the complaints export is not provided" in complaints
    home = soup_of(site / "index.html").article.get_text(" ", strip=True)
    assert "the returns export is not provided" in home
    alerts = soup_of(site / "alerts" / "index.html").article.get_text(" ", strip=True)
    assert "KPIs without new data" in alerts and "the complaints export is not provided" in alerts
    categories = soup_of(site / "risks" / "categories" / "index.html").article.get_text(" ", strip=True)
    assert "not assessed" in categories and "the returns export is not provided" in categories and "apparel" not in categories
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "请尽快发货" not in everything and "13800000001" not in everything  # columns not declared are never read


def test_the_latest_on_time_figure_on_its_page_is_the_independent_one(foreign, tmp_path: Path) -> None:
    project, orders, _ = foreign
    site = tmp_path / "site"
    mkdocs_build(project, site, tmp_path / "cache", only="en")
    on_time, total = expected_on_time(orders, "2026-09")["2026-09"]
    text = soup_of(site / "kpis" / "on_time_shipment" / "index.html").article.get_text(" ", strip=True)
    assert f"Latest: {on_time / total * 100:.1f} % in 2026-09" in text


def test_a_second_refresh_of_the_same_exports_changes_nothing(foreign) -> None:
    project, _, _ = foreign
    result = run(script("refresh", "--check"), project, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped" in result.stderr and "the returns export is not provided" in result.stdout


# Each way an export can be wrong, on the small fixture project


def only(data: Path, code: Code):
    found = [p for p in check(data).problems if p.code == code]
    assert len(found) == 1, [str(p) for p in check(data).problems]
    return found[0]


def write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.write_bytes(text.encode(encoding))


def test_a_gbk_file_not_declared_as_such_is_refused_naming_the_encoding_to_declare(data: Path) -> None:
    write(data / "exports" / "returns.csv", "return_id,order_id,requested_at,reason\nR1,O1,2026-01-20T10:00,质量问题退货\n", "gbk")
    p = only(data, Code.ENCODING)
    assert (p.file, p.where) == ("data/exports/returns.csv", "line 2") and "encoding: gb18030" in p.expected


def test_a_gbk_file_declared_as_such_is_read(data: Path) -> None:
    text = (data / "exports" / "orders.csv").read_text(encoding="utf-8").replace("books", "书籍")
    write(data / "exports" / "orders.csv", text, "gbk")
    spec = (data / "exports.yml").read_text(encoding="utf-8")
    (data / "exports.yml").write_text(
        spec.replace("    file: exports/orders.csv\n", "    file: exports/orders.csv\n    encoding: gbk\n"), encoding="utf-8"
    )
    result = check(data)
    assert result.handbook is not None, [str(p) for p in result.problems]
    assert {r.category for r in result.categories.risks} == {"书籍", "toys"}


def test_an_unbalanced_quote_names_the_row_where_it_opens(data: Path) -> None:
    path = data / "exports" / "reviews.csv"
    write(path, path.read_text(encoding="utf-8").replace("V2,O2,", 'V2,"O2,', 1))
    p = only(data, Code.BAD_QUOTES)
    assert (p.file, p.where, p.line) == ("data/exports/reviews.csv", "row 3", 3)


def test_a_comma_in_an_unquoted_cell_is_named_as_an_extra_cell(data: Path) -> None:
    path = data / "exports" / "reviews.csv"
    write(path, path.read_text(encoding="utf-8").replace("V2,O2,", "V2,O2,extra,", 1))
    p = only(data, Code.CELL_COUNT)
    assert (p.where, p.found) == ("row 3", "5 cells")


def test_a_blank_required_timestamp_is_named_as_the_exports_row(data: Path) -> None:
    path = data / "exports" / "reviews.csv"
    write(path, path.read_text(encoding="utf-8").replace("V2,O2,2026-02-14T10:00,", "V2,O2,,", 1))
    p = only(data, Code.MISSING_VALUE)
    assert (p.file, p.where, p.field) == ("data/exports/reviews.csv", "row 3 (V2)", "submitted_at")


def test_a_timestamp_not_in_the_declared_format_names_the_format(data: Path) -> None:
    spec = (data / "exports.yml").read_text(encoding="utf-8")
    (data / "exports.yml").write_text(
        spec.replace("    file: exports/reviews.csv\n", '    file: exports/reviews.csv\n    timestamp_format: "%d/%m/%Y %H:%M"\n'),
        encoding="utf-8",
    )
    p = next(p for p in check(data).problems if p.code == Code.NOT_A_DATE)
    assert (p.where, p.field, p.found) == ("row 2 (V1)", "submitted_at", '"2026-01-18T10:00"') and "%d/%m/%Y %H:%M" in p.expected


def test_a_key_written_twice_names_the_second_row(data: Path) -> None:
    path = data / "exports" / "reviews.csv"
    write(path, path.read_text(encoding="utf-8").replace("V2,O2,", "V1,O2,", 1))
    p = only(data, Code.DUPLICATE_ID)
    assert (p.where, p.field) == ("row 3 (V1)", "review_id")


@pytest.mark.parametrize("ids", [("V3", "V1", "V2"), ("V1", "V2", "V2")], ids=["unsorted and unique", "sorted but twice"])
def test_keys_are_judged_alike_in_file_order_or_not(data: Path, ids: tuple[str, ...]) -> None:
    rows = [f"{v},O{n},2026-01-1{n}T10:00,4" for n, v in enumerate(ids, start=1)]
    write(data / "exports" / "reviews.csv", "review_id,order_id,submitted_at,rating\n" + "\n".join(rows) + "\n")
    found = [(p.where, p.field) for p in check(data).problems if p.code == Code.DUPLICATE_ID]
    assert found == ([] if len(set(ids)) == len(ids) else [("row 4 (V2)", "review_id")])


def test_a_moved_export_file_is_named_before_any_build(data: Path) -> None:
    (data / "exports" / "reviews.csv").rename(data / "exports" / "ratings.csv")
    p = only(data, Code.MISSING_FILE)
    assert (p.file, p.field) == ("data/exports/reviews.csv", "file")


def test_extra_columns_are_allowed_and_not_read(data: Path) -> None:
    path = data / "exports" / "reviews.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    write(path, "\n".join([lines[0] + ",phone", *(f"{line},13812345678" for line in lines[1:])]) + "\n")
    assert check(data).handbook is not None


def test_an_offset_is_honoured_and_a_time_without_one_is_read_in_the_exports_zone(data: Path) -> None:
    from macros.data.exports.local import open_local

    path = data / "exports" / "reviews.csv"
    text = path.read_text(encoding="utf-8")
    write(
        path,
        text.replace("V1,O1,2026-01-18T10:00,", "V1,O1,2026-01-31T20:30-03:00,").replace(
            "V2,O2,2026-02-14T10:00,", "V2,O2,2026-02-28 21:00,"
        ),
    )
    spec = check(data).handbook.exports_map
    exports = open_local(
        data,
        spec.model_copy(
            update={"exports": {**spec.exports, "reviews": spec.exports["reviews"].model_copy(update={"timezone": "America/Sao_Paulo"})}}
        ),
    )
    found = exports.fetch("SELECT review_id, CAST(submitted_at AS VARCHAR) AS at FROM reviews ORDER BY review_id")
    exports.close()
    # 20:30 at -03:00 and 21:00 in São Paulo are 07:30 and 08:00 the next morning in Shanghai, in the next month.
    assert found["at"].tolist()[:2] == ["2026-02-01 07:30:00", "2026-03-01 08:00:00"]


def test_an_excel_workbook_is_read_row_for_row(data: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["review_id", "order_id", "submitted_at", "rating"])
    with (data / "exports" / "reviews.csv").open(encoding="utf-8") as f:
        for row in list(csv.DictReader(f)):
            book.active.append([row["review_id"], row["order_id"], row["submitted_at"], int(row["rating"])])
    book.active.append(["V9", "O1", None, 4])  # a blank timestamp in row 6 of the sheet
    book.save(data / "exports" / "reviews.xlsx")
    spec = (data / "exports.yml").read_text(encoding="utf-8")
    (data / "exports.yml").write_text(spec.replace("exports/reviews.csv", "exports/reviews.xlsx"), encoding="utf-8")
    p = only(data, Code.MISSING_VALUE)
    assert (p.file, p.where, p.field) == ("data/exports/reviews.xlsx", "row 6 (V9)", "submitted_at")


def test_an_export_the_platform_does_not_have_leaves_its_kpis_without_data_and_refresh_succeeds(data: Path) -> None:
    spec = (data / "exports.yml").read_text(encoding="utf-8")
    start, end = spec.index("  reviews:\n"), len(spec)
    (data / "exports.yml").write_text(spec[:start] + "  reviews:\n    provided: false\n" + spec[end:], encoding="utf-8")
    result = run(script("refresh", "--data", str(data)), data.parent, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    assert "satisfaction: the reviews export is not provided" in result.stdout
    warned = [p for p in check(data).problems if p.code == Code.NO_DATA]
    assert [(p.severity, p.found) for p in warned] == [("warning", "the reviews export is not provided")]


def test_an_empty_export_gives_no_figure(data: Path) -> None:
    write(data / "exports" / "returns.csv", "return_id,order_id,requested_at,reason\n")
    result = check(data)
    assert result.handbook is not None and result.categories.reason == "the returns export has no rows" and result.categories.risks == []


def test_a_query_that_is_broken_still_fails_the_refresh(data: Path) -> None:
    (data / "queries" / "satisfaction.sql").write_text("SELECT period FROM reviews WHERE", encoding="utf-8")
    result = run(script("refresh", "--data", str(data)), data.parent, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 1 and "[query_failed]" in result.stderr and "Traceback" not in result.stderr


def test_in_github_actions_each_problem_is_also_an_annotation_on_its_line(data: Path) -> None:
    path = data / "exports" / "reviews.csv"
    write(path, path.read_text(encoding="utf-8").replace("V2,O2,2026-02-14T10:00,", "V2,O2,,", 1))
    result = run(script("validate", str(data)), data.parent, GITHUB_ACTIONS="true")
    assert "::error file=data/exports/reviews.csv,line=3,title=missing_value::data/exports/reviews.csv, row 3 (V2)" in result.stdout


def test_a_platforms_own_numeric_merchant_ids_are_accepted(data: Path) -> None:
    for name in ("merchants.yml", "merchant_months.csv"):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace("MER-01", "4003002211"), encoding="utf-8")
    assert check(data).handbook is not None


def test_the_task_page_explains_every_code_an_export_or_query_check_gives() -> None:
    import re

    sources = [*(ROOT / "macros" / "data" / "exports").glob("*.py"), ROOT / "macros" / "pipeline" / "queries.py"]
    raised = {Code[name] for path in sources for name in re.findall(r"Code\.([A-Z_]+)", path.read_text(encoding="utf-8"))}
    explained = set(re.findall(r"^\| `([a-z_]+)` \|", (ROOT / "docs" / "exports.en.md").read_text(encoding="utf-8"), re.M))
    assert {str(c) for c in raised} <= explained and explained <= {str(c) for c in Code}


# An export checked once and unchanged since is not checked again, and a changed one always is


def settled(path: Path, seconds_ago: int) -> None:
    """As if the file had last been written that long ago: one written just now is checked every time."""
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))


def entries(cache: Path, name: str) -> list[Path]:
    return sorted(cache.glob(f"{name}-*"))


def test_an_export_changed_since_it_was_checked_is_checked_again(data: Path, tmp_path: Path) -> None:
    path = data / "exports" / "reviews.csv"
    settled(path, 60)
    assert check(data, exports_cache=tmp_path).handbook is not None
    write(path, path.read_text(encoding="utf-8").replace("V2,O2,", "V1,O2,", 1))  # the same size
    settled(path, 30)
    found = [(p.code, p.where) for p in check(data, exports_cache=tmp_path).problems if p.code == Code.DUPLICATE_ID]
    assert found == [(Code.DUPLICATE_ID, "row 3 (V1)")]
    assert len(entries(tmp_path, "reviews")) == 1  # what the earlier check found is superseded


def test_what_checking_found_is_remembered_and_the_files_not_read_again(data: Path, tmp_path: Path, monkeypatch) -> None:
    import macros.data.exports.local as local

    path = data / "exports" / "reviews.csv"
    write(path, path.read_text(encoding="utf-8").replace("V2,O2,", "V1,O2,", 1))
    settled(path, 60)
    first = check(data, exports_cache=tmp_path).problems
    monkeypatch.setattr(local, "read_files", lambda name, *_: pytest.fail(f"{name} was read again"))
    monkeypatch.setattr(local, "_row_problems", lambda con, name, *_: pytest.fail(f"{name} was checked again"))
    again = check(data, exports_cache=tmp_path).problems
    assert again == first and Code.DUPLICATE_ID in {p.code for p in again}


def test_a_file_written_moments_ago_is_checked_every_time(data: Path, tmp_path: Path) -> None:
    path = data / "exports" / "reviews.csv"
    write(path, path.read_text(encoding="utf-8"))
    assert check(data, exports_cache=tmp_path).handbook is not None
    assert entries(tmp_path, "reviews") == []
    settled(path, 60)
    check(data, exports_cache=tmp_path)
    assert len(entries(tmp_path, "reviews")) == 1


# What a platform's files really hold: the cases a first version read silently wrong


def declare(data: Path, old: str, new: str) -> None:
    spec = (data / "exports.yml").read_text(encoding="utf-8")
    assert old in spec
    (data / "exports.yml").write_text(spec.replace(old, new), encoding="utf-8")


def reviews_with(data: Path, old: str, new: str) -> None:
    path = data / "exports" / "reviews.csv"
    write(path, path.read_text(encoding="utf-8").replace(old, new, 1))


def test_a_word_after_from_inside_a_function_is_not_taken_for_an_export(data: Path) -> None:
    (data / "queries" / "satisfaction.sql").write_text(
        "SELECT date_trunc('month', submitted_at) AS period, count(*) FILTER (WHERE extract(hour FROM submitted_at) >= 0"
        " AND rating IS DISTINCT FROM 1) AS numerator, count(*) AS denominator FROM reviews GROUP BY 1",
        encoding="utf-8",
    )
    result = run(script("refresh", "--data", str(data), "--dry-run"), data.parent, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    assert "skipped" not in result.stderr and [p for p in check(data).problems if p.code == Code.NO_DATA] == []


def test_a_query_that_does_not_parse_is_named_by_validate(data: Path) -> None:
    (data / "queries" / "satisfaction.sql").write_text("SELECT period FROM reviews WHERE", encoding="utf-8")
    p = only(data, Code.QUERY_FAILED)
    assert (p.file, p.severity) == ("data/queries/satisfaction.sql", "error")


def test_a_half_star_in_an_integer_column_is_refused_not_rounded(data: Path) -> None:
    reviews_with(data, "V2,O2,2026-02-14T10:00,4", "V2,O2,2026-02-14T10:00,3.5")
    p = only(data, Code.NOT_A_NUMBER)
    assert (p.where, p.field, p.found) == ("row 3 (V2)", "rating", '"3.5"')


def test_a_zone_name_at_the_end_of_a_time_is_honoured(data: Path) -> None:
    from macros.data.exports.local import open_local

    reviews_with(data, "V1,O1,2026-01-18T10:00,", "V1,O1,2026-01-31 20:00:00 UTC,")
    reviews_with(data, "V2,O2,2026-02-14T10:00,", "V2,O2,2026-02-28 20:00 America/Sao_Paulo,")
    exports = open_local(data, check(data).handbook.exports_map)
    found = exports.fetch("SELECT CAST(submitted_at AS VARCHAR) AS at FROM reviews ORDER BY review_id")["at"].tolist()
    exports.close()
    assert found[:2] == ["2026-02-01 04:00:00", "2026-03-01 07:00:00"]  # in Shanghai, UTC+8


def test_a_zone_abbreviation_is_refused_as_ambiguous(data: Path) -> None:
    reviews_with(data, "V1,O1,2026-01-18T10:00,", "V1,O1,2026-01-18 10:00 CST,")
    p = only(data, Code.NOT_A_DATE)
    assert (p.where, p.field) == ("row 2 (V1)", "submitted_at")


READ_IN_ZONE = """
import sys
from pathlib import Path
from macros.data.exports.local import open_local
from macros.data.loading import load_refresh_inputs
exports = open_local(Path(sys.argv[1]), load_refresh_inputs(Path(sys.argv[1])).exports_map)
print(exports.fetch("SELECT CAST(submitted_at AS VARCHAR) AS at FROM reviews")["at"][0])
"""


def parquet_reviews(data: Path, select: str) -> None:
    import duckdb

    duckdb.execute(f"COPY ({select}) TO '{data / 'exports' / 'reviews.parquet'}' (FORMAT parquet)")
    declare(data, "file: exports/reviews.csv", "file: exports/reviews.parquet")


def test_a_zone_aware_parquet_time_is_read_by_its_instant_whatever_the_machines_zone(data: Path) -> None:
    parquet_reviews(data, "SELECT 'V1' AS review_id, 'O1' AS order_id, TIMESTAMPTZ '2026-10-31 20:00:00+00' AS submitted_at, 5 AS rating")
    seen = {
        run([sys.executable, "-c", READ_IN_ZONE, str(data)], data.parent, TZ=zone).stdout.strip() for zone in ("UTC", "America/New_York")
    }
    assert seen == {"2026-11-01 04:00:00"}  # 20:00 UTC is 04:00 the next day in Shanghai, the handbook's zone


def test_a_parquet_file_without_a_declared_column_names_the_column(data: Path) -> None:
    import duckdb

    duckdb.execute(
        f"COPY (SELECT 'V1' AS review_id, 'O1' AS order_id, 5 AS rating) TO '{data / 'exports' / 'reviews.parquet'}' (FORMAT parquet)"
    )
    declare(data, "file: exports/reviews.csv", "file: exports/reviews.parquet")
    p = only(data, Code.MISSING_COLUMN)
    assert (p.file, p.field) == ("data/exports/reviews.parquet", "submitted_at")


def test_a_number_a_parquet_file_keeps_as_text_is_checked_like_a_csv_cell(data: Path) -> None:
    rows = "VALUES ('V1', 'O1', TIMESTAMP '2026-01-18 10:00', '5'), ('V2', 'O2', TIMESTAMP '2026-02-14 10:00', 'x')"
    parquet_reviews(data, f"SELECT * FROM ({rows}) AS t(review_id, order_id, submitted_at, rating)")
    p = only(data, Code.NOT_A_NUMBER)
    assert (p.where, p.field, p.found) == ("row 2 (V2)", "rating", '"x"')  # Parquet rows count from 1


def test_a_fraction_a_parquet_file_keeps_in_an_integer_column_is_refused_not_rounded(data: Path) -> None:
    rows = "VALUES ('V1', 'O1', TIMESTAMP '2026-01-18 10:00', 5.0), ('V2', 'O2', TIMESTAMP '2026-02-14 10:00', 3.5)"
    parquet_reviews(data, f"SELECT * FROM ({rows}) AS t(review_id, order_id, submitted_at, rating)")
    p = only(data, Code.NOT_A_NUMBER)
    assert (p.where, p.field) == ("row 2 (V2)", "rating")


def test_a_derived_export_whose_sql_does_not_run_is_a_problem_not_a_traceback(data: Path) -> None:
    declare(data, "  reviews:\n", "  rated:\n    sql: SELECT order_id, ratting FROM reviews\n  reviews:\n")
    p = only(data, Code.QUERY_FAILED)
    assert (p.file, p.field) == ("data/exports.yml", "sql")


def test_a_derived_export_that_reads_itself_is_named_once(data: Path) -> None:
    declare(data, "  reviews:\n", "  rated:\n    sql: SELECT * FROM rated JOIN reviews USING (order_id)\n  reviews:\n")
    assert [p.code for p in check(data).problems if p.code in (Code.BAD_ORDER, Code.QUERY_FAILED)] == [Code.BAD_ORDER]


def test_a_row_of_empty_cells_keeps_every_later_row_number(data: Path) -> None:
    reviews_with(data, "V2,O2,2026-02-14T10:00,4", ",,,\nV2,O2,2026-02-14T10:00,9")
    found = sorted((p.code, p.where) for p in check(data).problems if p.file == "data/exports/reviews.csv")
    assert (Code.OUT_OF_RANGE, "row 4 (V2)") in found and (Code.MISSING_VALUE, "row 3") in found


def test_an_empty_row_in_a_workbook_is_skipped_and_keeps_the_row_numbers(data: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for row in (
        ["review_id", "order_id", "submitted_at", "rating"],
        ["V1", "O1", "2026-01-18 10:00", 4],
        [],
        ["V2", "O2", "2026-02-14 10:00", 9],
    ):
        book.active.append(row)
    book.save(data / "exports" / "reviews.xlsx")
    declare(data, "exports/reviews.csv", "exports/reviews.xlsx")
    p = only(data, Code.OUT_OF_RANGE)
    assert p.where == "row 4 (V2)"


def test_excel_csv_utf8_with_its_byte_order_mark_is_read(data: Path) -> None:
    path = data / "exports" / "reviews.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check(data).handbook is not None


def test_a_utf8_file_declared_as_gbk_is_refused_rather_than_read_as_nonsense(data: Path) -> None:
    path = data / "exports" / "orders.csv"
    write(path, path.read_text(encoding="utf-8").replace("books", "书籍"))
    declare(data, "    file: exports/orders.csv\n", "    file: exports/orders.csv\n    encoding: gb18030\n")
    p = only(data, Code.ENCODING)
    assert p.file == "data/exports/orders.csv" and "UTF-8" in p.found


def test_the_copy_kept_of_a_gbk_file_holds_only_the_declared_columns(data: Path, tmp_path: Path) -> None:
    path = data / "exports" / "returns.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    write(path, "\n".join([lines[0] + ",phone", *(f"{line},13812345678" for line in lines[1:])]) + "\n", "gbk")
    declare(data, "    file: exports/returns.csv\n", "    file: exports/returns.csv\n    encoding: gbk\n")
    settled(path, 60)
    assert check(data, exports_cache=tmp_path).handbook is not None
    copies = list(tmp_path.glob("returns-*/*.csv"))
    assert len(copies) == 1 and "13812345678" not in copies[0].read_text(encoding="utf-8")


def test_an_excel_lock_file_beside_the_workbooks_is_not_read(data: Path) -> None:
    (data / "exports" / "reviews").mkdir()
    (data / "exports" / "reviews.csv").rename(data / "exports" / "reviews" / "2026.csv")
    (data / "exports" / "reviews" / "~$2026.csv").write_bytes(b"\x00\x01locked")
    declare(data, "file: exports/reviews.csv", "file: exports/reviews/*.csv")
    assert check(data).handbook is not None


@pytest.mark.parametrize("path", ["/srv/exports/orders.csv", "../orders.csv"])
def test_an_export_outside_the_data_folder_is_refused(data: Path, path: str) -> None:
    declare(data, "file: exports/orders.csv", f"file: {path}")
    assert any(p.file == "data/exports.yml" and "exports.orders" in p.field for p in check(data).problems)


def test_bounds_on_a_timestamp_are_a_contract_problem(data: Path) -> None:
    declare(data, "submitted_at: {type: timestamp, required: true}", "submitted_at: {type: timestamp, required: true, min: 0}")
    assert any(p.file == "data/exports.yml" and "submitted_at" in p.field for p in check(data).problems)


def test_an_export_copied_back_with_its_old_time_of_change_is_checked_again(data: Path, tmp_path: Path) -> None:
    path = data / "exports" / "reviews.csv"
    settled(path, 60)
    before = path.stat()
    assert check(data, exports_cache=tmp_path).handbook is not None
    write(path, path.read_text(encoding="utf-8").replace("V2,O2,", "V1,O2,", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as cp -p, rsync -a and unzip do
    assert Code.DUPLICATE_ID in {p.code for p in check(data, exports_cache=tmp_path).problems}


def test_a_tile_whose_export_is_gone_keeps_its_value_and_says_it_is_not_refreshed(project: Path, tmp_path: Path) -> None:
    spec = (project / "data" / "exports.yml").read_text(encoding="utf-8")
    start = spec.index("  reviews:\n")
    (project / "data" / "exports.yml").write_text(spec[:start] + "  reviews:\n    provided: false\n", encoding="utf-8")
    mkdocs_build(project, tmp_path / "site", tmp_path / "cache", only="en")
    tile = next(t for t in soup_of(tmp_path / "site" / "index.html").select(".tile") if "Satisfaction" in t.get_text())
    text = tile.get_text(" ", strip=True)
    assert "93.5" in text and "2026-10" in text and "the reviews export is not provided" in text
