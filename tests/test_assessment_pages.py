"""The assessment pages publish what the data says: heat maps, category risk, scorecards,
corrective actions and the investment case, recomputed here from the files themselves."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml
from helpers import ROOT, column_rows, mkdocs_build, offered_csv, set_cell, soup_of, table_rows


def test_both_heat_maps_count_every_risk_once(real_site: Path) -> None:
    risks = yaml.safe_load((ROOT / "data" / "risks.yml").read_text(encoding="utf-8"))["risks"]
    maps = soup_of(real_site / "risks" / "index.html").select("table.heat-map")
    assert len(maps) == 2
    for heat_map in maps:
        assert sum(int(cell.get_text()) for cell in heat_map.select("td strong")) == len(risks)


def test_every_risk_of_the_register_has_an_anchor_to_link_to(real_site: Path) -> None:
    risks = yaml.safe_load((ROOT / "data" / "risks.yml").read_text(encoding="utf-8"))["risks"]
    page = soup_of(real_site / "risks" / "index.html")
    assert all(len(page.select(f"#{r['id'].lower()}")) == 1 for r in risks)


def test_the_category_table_counts_the_orders_of_the_last_twelve_months(real_site: Path) -> None:
    with (ROOT / "data" / "exports" / "orders.csv").open(encoding="utf-8") as f:
        orders = list(csv.DictReader(f))
    last = max(o["ordered_at"][:7] for o in orders)
    year, month = map(int, last.split("-"))
    first = f"{year - 1}-{month + 1:02d}" if month < 12 else f"{year}-01"
    counted: dict[str, int] = {}
    for o in orders:
        if first <= o["ordered_at"][:7] <= last:
            counted[o["category"]] = counted.get(o["category"], 0) + 1
    rows = column_rows(soup_of(real_site / "risks" / "categories" / "index.html"), "Category")
    assert {r["Category"]: int(r["Orders"].replace(",", "")) for r in rows} == counted


def test_a_category_with_too_few_orders_shows_insufficient_data(real_site: Path) -> None:
    minimum = yaml.safe_load((ROOT / "data" / "category_risk.yml").read_text(encoding="utf-8"))["min_orders"]
    rows = column_rows(soup_of(real_site / "risks" / "categories" / "index.html"), "Category")
    for r in rows:
        few = int(r["Orders"].replace(",", "")) < minimum
        assert ("insufficient data" in r["Risk level"]) == few, r


def test_jewellery_has_too_few_orders_yet_its_lower_bound_is_already_extreme(real_site: Path) -> None:
    rows = {r["Category"]: r for r in column_rows(soup_of(real_site / "risks" / "categories" / "index.html"), "Category")}
    jewellery = rows["jewellery"]["Risk level"]
    assert "insufficient data" in jewellery and "at least Extreme" in jewellery
    assert list(rows)[:2] == ["electronics", "jewellery"]  # ranked with the band it already reaches


def test_home_just_over_an_impact_edge_says_its_intervals_reach_the_band_below(real_site: Path) -> None:
    edges = yaml.safe_load((ROOT / "data" / "category_risk.yml").read_text(encoding="utf-8"))["impact_edges"]
    home = {r["Category"]: r for r in column_rows(soup_of(real_site / "risks" / "categories" / "index.html"), "Category")}["home"]
    cost = float(home["Cost per incident"].split(" ¥")[0].replace(",", ""))
    assert any(0 <= cost - e < 5 for e in edges)  # just over an edge, as the sample has it
    assert "intervals reach Medium to High" in home["Risk level"] and "95 % CI" in home["Cost per incident"]


def test_the_sample_shows_a_gate_capping_a_grade_and_a_rating_too_thin_to_judge(real_site: Path) -> None:
    suppliers = yaml.safe_load((ROOT / "data" / "suppliers.yml").read_text(encoding="utf-8"))["evaluation"]
    [gate] = suppliers["gates"]
    rows = {r["Supplier"].split(" ")[0]: r for r in column_rows(soup_of(real_site / "partners" / "suppliers" / "index.html"), "Supplier")}
    capped = [s for s, r in rows.items() if "capped" in r["Grade"]]
    assert capped and all(float(rows[s]["Pass %"]) < gate["below"] and rows[s]["Grade"].startswith(gate["cap"]) for s in capped)
    rules = yaml.safe_load((ROOT / "data" / "merchants.yml").read_text(encoding="utf-8"))["evaluation"]
    least, orders = rules["minimum_sample"]["ratings"], rules["minimum_orders"]
    latest = {}
    with (ROOT / "data" / "merchant_months.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            latest[r["merchant"]] = r
    thin = {m for m, r in latest.items() if int(r["orders"]) >= orders and 0 < int(r["ratings"]) < least}  # rated, on too few
    history = offered_csv(real_site / "partners" / "merchant-history.csv")
    offered = {r["merchant"]: r for r in history if r["month"] == latest[r["merchant"]]["month"]}
    assert thin and {m for m, r in offered.items() if "ratings" in r["not_judged"] and not r["user_rating"]} == thin


def test_changing_one_return_changes_the_published_risk(project: Path, tmp_path: Path) -> None:
    def books_probability(site: Path) -> str:
        rows = column_rows(soup_of(site / "risks" / "assessment" / "index.html"), "Category")
        return next(r for r in rows if r["Category"] == "books")["P(quality incident) per order"]

    mkdocs_build(project, tmp_path / "before", tmp_path / "cache")
    set_cell(project / "data" / "exports" / "returns.csv", 3, "reason", "quality_defect")  # R2 on O2: now a quality return
    mkdocs_build(project, tmp_path / "after", tmp_path / "cache")
    assert books_probability(tmp_path / "before").startswith("40.0 % (2)")
    assert books_probability(tmp_path / "after").startswith("60.0 % (3)")


def test_the_published_npv_is_the_plan_figures_discounted(real_site: Path) -> None:
    costs = {f["id"]: f["value"] for f in yaml.safe_load((ROOT / "data" / "costs.yml").read_text(encoding="utf-8"))}
    a = yaml.safe_load((ROOT / "data" / "appraisal.yml").read_text(encoding="utf-8"))
    r = a["discount_rate"] / 100
    expected = -costs[a["investment"]] + sum(costs[a["benefit"]] / (1 + r) ** t for t in range(1, a["horizon_years"] + 1))
    rows = table_rows(soup_of(real_site / "plan" / "cost-benefit" / "index.html"), "Measure")
    published = next(row for row in rows if row["Measure"] == "NPV")["Value"]
    assert a["benefit_timing"] == "end_of_year" and published == f"{expected:,.0f} ¥"


def test_the_published_payback_is_the_first_year_end_that_brings_the_investment_back(real_site: Path) -> None:
    costs = {f["id"]: f["value"] for f in yaml.safe_load((ROOT / "data" / "costs.yml").read_text(encoding="utf-8"))}
    a = yaml.safe_load((ROOT / "data" / "appraisal.yml").read_text(encoding="utf-8"))
    years = next(t for t in range(1, a["horizon_years"] + 1) if t * costs[a["benefit"]] >= costs[a["investment"]])
    rows = table_rows(soup_of(real_site / "plan" / "cost-benefit" / "index.html"), "Measure")
    assert next(row for row in rows if row["Measure"] == "Payback")["Value"] == f"{years} year{'s' if years > 1 else ''}"


def test_the_cost_of_quality_total_is_the_sum_of_its_items(real_site: Path) -> None:
    with (ROOT / "data" / "cost_of_quality.csv").open(encoding="utf-8") as f:
        items = list(csv.DictReader(f))
    latest = max(i["year"] for i in items)
    total = sum(float(i["amount"]) for i in items if i["year"] == latest)
    rows = table_rows(soup_of(real_site / "plan" / "cost-benefit" / "index.html"), "Category")
    assert next(r for r in rows if r["Category"] == "Cost of quality")[latest] == f"{total:,.0f} ¥"


def test_every_breached_kpi_is_answered_on_the_actions_page(real_site: Path) -> None:
    tiles = soup_of(real_site / "index.html").select("div.tile")
    breached = {t.select_one("a").get_text(strip=True) for t in tiles if "breached" in t.get_text()}
    rows = table_rows(soup_of(real_site / "actions" / "index.html"), "Breached KPI")
    assert {r["Breached KPI"] for r in rows} == breached and breached
    assert not any("no recorded decision" in r["Answered by"] for r in rows)


def test_the_assessment_macros_render_on_a_tiny_site(fixture_site: Path) -> None:
    page = soup_of(fixture_site / "risks" / "assessment" / "index.html")
    suppliers = {r["Supplier"]: r for r in column_rows(page, "Supplier") if "Score" in r}
    assert suppliers["SUP-02 Slipping Supplier"]["Outcome"] == "✖ eliminate"
    cards = {(r["supplier"], r["quarter"]): r for r in offered_csv(fixture_site / "partners" / "supplier-scorecards.csv")}
    assert cards["SUP-01", max(q for _, q in cards)]["score"] == "96.50"
    merchants = {r["Merchant"]: r for r in column_rows(page, "Merchant") if "Outcome" in r}
    assert merchants["MER-02 Slow Shop"]["Outcome"] == "✖ suspend"
    text = page.article.get_text(" ", strip=True)
    assert re.search(r"NPV [\d,]+ ¥", text) and "Cost of quality" in text
    assert len(page.select("figure svg")) == 2  # the category chart and the cost-of-quality chart


def test_the_action_log_renders_on_a_tiny_site(fixture_site: Path) -> None:
    page = soup_of(fixture_site / "actions" / "index.html")
    assert "2 actions: 1 open (0 overdue), 1 closed" in page.article.get_text(" ", strip=True)
    [row] = table_rows(page, "Breached KPI")
    assert row["Answered by"].startswith("CA-002") and page.select_one("#ca-002") is not None
