"""A platform's own volumes: the generated copy validates, its partner pages count every merchant and list those that
need action, the rest in a CSV, and every id a platform numbers its own way is accepted."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import TODAY, column_rows, mkdocs_build, offered_csv, run, script, soup_of, table_rows

from macros.partners.views.outcomes import ACTION_LISTED, URGENCY
from scripts import platform_data

MERCHANTS = 700
WEAK = 0.4  # so that more merchants need action than a page lists


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook with a generated platform's data, built once."""
    project = tmp_path_factory.mktemp("platform") / "handbook"
    project.mkdir()
    platform_data.copy_project(project)
    platform_data.generate(project / "data", MERCHANTS, 40, 2, 30, weak=WEAK)
    mkdocs_build(project, project / "site", project / ".cache" / "build", only="en")
    return project


def outcomes_by_hand(data: Path) -> dict[str, str]:
    """Each merchant's outcome in its latest recorded month, worked out here from the rules in data/merchants.yml."""
    ev = yaml.safe_load((data / "merchants.yml").read_text(encoding="utf-8"))["evaluation"]
    with (data / "merchant_months.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    months = sorted({r["month"] for r in rows})
    span = [f"{y}-{m:02d}" for y in range(int(months[0][:4]), int(months[-1][:4]) + 1) for m in range(1, 13)]
    span = [m for m in span if months[0] <= m <= months[-1]]
    by_merchant: dict[str, dict[str, dict]] = {}
    for r in rows:
        by_merchant.setdefault(r["merchant"], {})[r["month"]] = r
    found = {}
    for merchant, mine in by_merchant.items():
        history = [_grade(mine.get(m), ev) for m in span]
        last = max(mine)
        found[merchant] = _outcome(history[: span.index(last) + 1], ev["rules"])
    return found


def _grade(r: dict | None, ev: dict) -> str | None:
    if r is None or int(r["orders"]) < ev["minimum_orders"]:
        return None
    least = ev["minimum_sample"]
    values = {"order_completion": int(r["completed"]) / int(r["orders"]) * 100}
    if int(r["ratings"]) >= least["ratings"]:
        values["user_rating"] = float(r["rating_sum"]) / int(r["ratings"])
    if int(r["complaints"]) >= least["complaints"]:
        values["complaint_handling"] = int(r["handled_in_time"]) / int(r["complaints"]) * 100
    floors = ev["thresholds"]
    if any(v < floors[k]["severe_below"] for k, v in values.items()):
        return "severe"
    return "fail" if any(v < floors[k]["fail_below"] for k, v in values.items()) else "pass"


def _outcome(history: list[str | None], rules: list[dict]) -> str:
    if not history or history[-1] is None:
        return "not rated"
    for rule in rules:
        n = rule.get("consecutive", 1)
        if len(history) >= n and all(g in rule["grades"] for g in history[-n:]):
            return rule["outcome"]
    return "not rated"


def test_the_generated_platform_is_valid_data(platform: Path) -> None:
    result = run(script("validate"), platform, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 0, result.stdout[-2000:]


def test_the_merchant_page_counts_every_merchant_by_the_outcome_the_rules_give(platform: Path) -> None:
    expected = Counter(outcomes_by_hand(platform / "data").values())
    page = soup_of(platform / "site" / "partners" / "merchants" / "index.html")
    counts = {r["Outcome"].split(" ", 1)[1]: int(r["Merchants"].replace(",", "").strip("*")) for r in table_rows(page, "Outcome")
              if r["Outcome"] != "All"}  # fmt: skip
    assert {k: v for k, v in counts.items() if v} == dict(expected)
    assert sum(counts.values()) == sum(expected.values()) >= MERCHANTS


def test_the_page_lists_the_most_urgent_that_need_action_and_the_csv_has_every_month(platform: Path) -> None:
    expected = outcomes_by_hand(platform / "data")
    acting = sorted((m for m, o in expected.items() if o in URGENCY), key=lambda m: (URGENCY[expected[m]], m))
    page = soup_of(platform / "site" / "partners" / "merchants" / "index.html")
    listed = [r["Merchant"].split(" ")[0] for r in column_rows(page, "Merchant")]
    assert len(acting) > ACTION_LISTED and listed == acting[:ACTION_LISTED]
    offered = offered_csv(platform / "site" / "partners" / "merchant-history.csv")
    with (platform / "data" / "merchant_months.csv").open(encoding="utf-8") as f:
        recorded = {(r["merchant"], r["month"]) for r in csv.DictReader(f)}
    assert recorded <= {(r["merchant"], r["month"]) for r in offered}


def test_no_page_of_the_platform_is_over_a_megabyte(platform: Path) -> None:
    sizes = {p.relative_to(platform / "site").as_posix(): p.stat().st_size for p in (platform / "site").rglob("*.html")}
    assert max(sizes.values()) < 1_000_000, max(sizes, key=sizes.get)


def test_ids_numbered_past_three_digits_are_accepted(project: Path) -> None:
    risks = project / "data" / "risks.yml"
    risks.write_text(risks.read_text(encoding="utf-8").replace("id: R-001", "id: R-10001"), encoding="utf-8")
    text = (project / "data" / "capa.yml").read_text(encoding="utf-8")
    (project / "data" / "capa.yml").write_text(text.replace("R-001", "R-10001"), encoding="utf-8")
    result = run(script("validate"), project, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 0 and "R-10001" not in result.stdout, result.stdout[-2000:]
