"""The handbook carries the whole plan: a page for every KPI and procedure of SPEC.md, built from data."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, column_rows, csv_rows, displays, kpis, replace_text, run, script, soup_of, summary_rows, table_rows

# SPEC.md §2: every row of the KPI table, and the KPI id that carries it.
SPEC_KPIS = {
    "customer satisfaction": "customer_satisfaction",
    "return / exchange rate": "return_rate",
    "on-time shipment": "on_time_shipment",
    "information-security incident rate": "security_incident_rate",
    "complaint first response": "complaint_first_response",
    "complaint resolution": "complaint_resolution_time",
    "system failure rate": "system_failure_rate",
    "training assessment pass rate": "training_pass_rate",
    "supplier on-time delivery": "supplier_on_time_delivery",
    "supplier product pass rate": "supplier_pass_rate",
    "supplier after-sales response speed": "supplier_response_time",
    "merchant user rating": "merchant_user_rating",
    "merchant order completion rate": "merchant_order_completion",
    "merchant complaint handling": "merchant_complaint_handling",
    "satisfaction +10 %": "satisfaction_uplift",
    "churn −5 %": "customer_churn_rate",
}
# SPEC.md §4: every control, and the procedure id that carries it.
SPEC_PROCEDURES = {
    "unified product quality standard": "product-quality-standard",
    "merchant qualification review": "merchant-onboarding",
    "supplier admission": "supplier-admission",
    "quality traceability": "quality-traceability",
    "consumer rating and feedback": "consumer-feedback",
    "false-advertising report channel": "false-advertising-reports",
    "after-sales and 30-day returns": "after-sales-returns",
    "complaint handling": "complaint-handling",
    "quality inspections and spot checks": "quality-inspection",
    "information security": "information-security",
    "system monitoring with alerts": "system-monitoring",
    "logistics": "logistics-management",
    "training": "training",
    "incentives": "incentives",
    "third-party annual review": "third-party-review",
    "legal responsibility of merchants": "merchant-agreements",
}
KPI_PAGE_PARTS = ("Owner", "Cadence", "Target", "Source", "Trend", "Last ")
PROCEDURE_PAGE_PARTS = ("Owner", "Trigger", "Steps", "Records kept", "KPIs it moves", "Risks it controls")


@pytest.mark.parametrize("kpi_id", SPEC_KPIS.values(), ids=SPEC_KPIS.keys())
def test_every_spec_kpi_has_its_own_page(real_site: Path, kpi_id: str) -> None:
    soup = soup_of(real_site / "kpis" / kpi_id / "index.html")
    kpi = next(k for k in kpis() if k["id"] == kpi_id)
    text = soup.article.get_text(" ", strip=True)
    assert soup.article.h1.get_text(strip=True).rstrip("¶") == kpi["name"]["en"] and kpi["name"]["zh"] in text
    assert all(part in text for part in KPI_PAGE_PARTS), [p for p in KPI_PAGE_PARTS if p not in text]
    assert ("By year" in text) == (kpi["cadence"] != "yearly")  # a yearly KPI's periods are its years


@pytest.mark.parametrize("proc_id", SPEC_PROCEDURES.values(), ids=SPEC_PROCEDURES.keys())
def test_every_spec_procedure_has_its_own_page(real_site: Path, proc_id: str) -> None:
    text = soup_of(real_site / "procedures" / proc_id / "index.html").article.get_text(" ", strip=True)
    assert all(part in text for part in PROCEDURE_PAGE_PARTS), [p for p in PROCEDURE_PAGE_PARTS if p not in text]


def test_every_kpi_and_procedure_in_the_data_is_in_the_navigation(real_site: Path) -> None:
    in_nav = json.loads((real_site / "manifest.json").read_text(encoding="utf-8"))["pages"]  # navigation.prune: no page has it all
    procedures = yaml.safe_load((ROOT / "data" / "procedures.yml").read_text(encoding="utf-8"))
    assert all(f"kpis/{k['id']}/index.html" in in_nav for k in kpis()) and all(
        f"procedures/{p['id']}/index.html" in in_nav for p in procedures
    )
    kpi_nav = soup_of(real_site / "kpis" / "index.html").select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert all(k["name"]["en"] in kpi_nav for k in kpis())  # the KPIs section shows its pages


def test_a_kpi_year_is_rolled_up_as_sum_of_numerators_over_sum_of_denominators(real_site: Path) -> None:
    rows = [r for r in csv_rows("return_rate") if r["period"].startswith("2025")]
    expected = sum(float(r["numerator"]) for r in rows) / sum(float(r["denominator"]) for r in rows) * 100
    years = {r["Year"]: r for r in table_rows(soup_of(real_site / "kpis" / "return_rate" / "index.html"), "Year")}
    assert years["2025"]["Periods"] == "12 of 12" and displays(years["2025"]["Value"], expected)


def test_a_kpi_page_lists_the_last_twelve_periods_newest_first(real_site: Path) -> None:
    rows = table_rows(soup_of(real_site / "kpis" / "on_time_shipment" / "index.html"), "Period")
    periods = sorted({r["period"] for r in csv_rows("on_time_shipment")}, reverse=True)[:12]
    assert [r["Period"].removesuffix(" provisional") for r in rows] == periods  # the open ones marked (test_provisional.py)


def test_a_scoped_kpi_shows_its_breakdown_for_the_latest_period(real_site: Path) -> None:
    soup = soup_of(real_site / "kpis" / "return_rate" / "index.html")
    latest = max(r["period"] for r in csv_rows("return_rate"))
    shown = {r["Category"]: r for r in table_rows(soup, "Category")}
    for r in (r for r in csv_rows("return_rate") if r["period"] == latest):
        assert displays(shown[r["scope"].split("=")[1]]["Value"], float(r["numerator"]) / float(r["denominator"]) * 100)


def test_the_home_page_has_a_tile_per_kpi_with_the_urgent_ones_first(real_site: Path) -> None:
    tiles = soup_of(real_site / "index.html").select("div.tile")
    overview = summary_rows(real_site / "kpis" / "index.html")
    assert len(tiles) == len(kpis())
    statuses = [t.select_one(".status").get_text(" ", strip=True).split(" ", 1)[1] for t in tiles]
    order = ["breached", "stale", "at risk", "no data", "met"]
    assert statuses == sorted(statuses, key=order.index)
    for tile in tiles:
        name = tile.a.get_text(strip=True)
        assert tile.select_one(".tile-value").get_text() == overview[name]["Latest"]
        assert tile.select_one("svg.sparkline")["aria-label"].startswith(name)


def test_each_commitment_is_kept_exactly_when_its_kpi_meets_its_target(real_site: Path) -> None:
    overview = summary_rows(real_site / "kpis" / "index.html")
    rows = table_rows(soup_of(real_site / "plan" / "commitments" / "index.html"), "Commitment")
    assert len(rows) == len(yaml.safe_load((ROOT / "data" / "commitments.yml").read_text(encoding="utf-8")))
    for row in rows:
        status = overview[row["Measured by"]]["Status"]
        assert ("✔ kept" in row["Kept?"]) == (status.endswith(("met", "at risk"))), row


def test_a_benchmark_shows_our_figure_of_the_latest_whole_year_beside_it(real_site: Path) -> None:
    rows = {r["Benchmark"].split(" ")[0]: r for r in table_rows(soup_of(real_site / "kpis" / "benchmarks" / "index.html"), "Benchmark")}
    year = [r for r in csv_rows("return_rate") if r["period"].startswith("2025")]
    ours = sum(float(r["numerator"]) for r in year) / sum(float(r["denominator"]) for r in year) * 100
    assert rows["Average"]["Industry"] == "18 %" and rows["Average"]["Ours"].endswith("Σ over the year)")
    assert displays(rows["Average"]["Ours"], ours) and " in 2025 " in rows["Average"]["Ours"]


def test_the_calendar_flags_the_activities_past_their_due_date(real_site: Path) -> None:
    rows = column_rows(soup_of(real_site / "organisation" / "calendar" / "index.html"), "Activity")
    overdue = {r["Activity"] for r in rows if "overdue" in r["State"]}
    assert overdue == {"Security audit", "Third-party service-quality review"}
    audit = next(r for r in rows if r["Activity"] == "Security audit")
    assert audit["Last done (record)"] == "2026-06-24 ( SEC-AUDIT-2026-Q2 )" and audit["Next due"] == "2026-09-24"


def test_the_raci_matrix_has_one_accountable_department_per_activity(real_site: Path) -> None:
    rows = table_rows(soup_of(real_site / "organisation" / "raci" / "index.html"), "Activity")
    assert len(rows) == len(yaml.safe_load((ROOT / "data" / "org.yml").read_text(encoding="utf-8"))["raci"])
    for row in rows:
        assert sum("A" in cell.split("/") for header, cell in row.items() if header != "Activity") == 1, row


def test_the_roadmap_flags_open_items_past_their_due_date(real_site: Path) -> None:
    text = soup_of(real_site / "plan" / "roadmap" / "index.html").article.get_text(" ", strip=True)
    assert text.count("✖ overdue") == 2 and "RM-11" in text


def test_the_traceability_matrix_links_every_kpi_to_a_procedure(real_site: Path) -> None:
    rows = table_rows(soup_of(real_site / "procedures" / "index.html"), "KPI")
    assert len(rows) == len(kpis()) and all(r["Procedures that move it"] for r in rows)


def test_no_page_of_the_handbook_types_a_data_figure_by_hand() -> None:
    result = run(script("validate"), ROOT)
    assert result.returncode == 0 and "docs/" not in result.stdout, result.stdout


def test_a_page_that_types_a_data_figure_fails_the_build_naming_file_and_line(project: Path, tmp_path: Path) -> None:
    replace_text(project / "docs" / "plan" / "commitments.md", "# The plan\n", "# The plan\n\nWe keep satisfaction above 90 %.\n")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], project)
    assert result.returncode != 0
    assert "docs/plan/commitments.md, line 14, field 'text'" in result.stderr and 'found "90 %"' in result.stderr


def test_a_hand_written_page_where_a_generated_one_goes_is_never_overwritten(project: Path, tmp_path: Path) -> None:
    notes = project / "docs" / "kpis" / "returns.md"
    shutil.copy(project / "docs" / "kpis" / "index.md", notes)
    replace_text(notes, "QH-KPI-001", "QH-KPI-002")
    written = notes.read_text(encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], project)
    assert result.returncode != 0 and "docs/kpis/returns.md exists, but this page is generated" in result.stderr
    assert notes.read_text(encoding="utf-8") == written


def test_every_new_macro_renders_on_a_tiny_site(fixture_site: Path) -> None:
    home = soup_of(fixture_site / "index.html")
    assert len(home.select("div.tile")) == 3
    kpi = soup_of(fixture_site / "kpis" / "returns" / "index.html").article.get_text(" ", strip=True)
    assert "Breakdown by category" in kpi and "9.2 %" in kpi
    proc = soup_of(fixture_site / "procedures" / "inspection" / "index.html").article.get_text(" ", strip=True)
    assert "A batch arrives." in proc and "Sample the batch" in proc and "R-001" in proc and "Ship fast" in proc
    plan = soup_of(fixture_site / "plan" / "commitments" / "index.html").article.get_text(" ", strip=True)
    assert "Shipping target: ≥ 90.0 %" in plan and "1 of 2 items done, 0 overdue" in plan
    assert "✔ kept" in plan and "18 %" in plan and "100,000 ¥" in plan and "Write the standard" in plan
    raci = soup_of(fixture_site / "organisation" / "raci" / "index.html")
    assert [r["Activity"] for r in table_rows(raci, "Activity")][:1] == ["Inspect batches (S1)"]
    assert "✔ on schedule" in raci.article.get_text()
    procedures = soup_of(fixture_site / "procedures" / "index.html")
    assert len(table_rows(procedures, "KPI")) == 3
