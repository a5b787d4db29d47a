"""The quarterly quality reports: one per quarter with data, figures recomputed from the CSV files."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, TODAY, kpis, soup_of, table_rows

DAY = date.fromisoformat(TODAY)
RESULTS, SIGNALS = "kpi-results-against-targets", "control-chart-signals-in-the-quarter"


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_of_period(period: str) -> str:
    """The quarter a weekly (2026-W05), monthly (2026-01) or quarterly (2026-Q1) period starts in."""
    if re.fullmatch(r"\d{4}-Q[1-4]", period):
        return period
    if week := re.fullmatch(r"(\d{4})-W(\d{2})", period):
        return quarter_of(date.fromisocalendar(int(week[1]), int(week[2]), 1))
    assert re.fullmatch(r"\d{4}-\d{2}", period), period
    return quarter_of(date.fromisoformat(f"{period}-01"))


def previous_quarter(quarter: str) -> str:
    year, q = int(quarter[:4]), int(quarter[-1])
    return f"{year}-Q{q - 1}" if q > 1 else f"{year - 1}-Q4"


IN_PROGRESS = quarter_of(DAY)  # the quarter containing TODAY
COMPLETE = previous_quarter(IN_PROGRESS)  # the latest whole quarter


def report(site: Path, quarter: str) -> BeautifulSoup:
    return soup_of(site / "reports" / quarter / "index.html")


def section_rows(soup: BeautifulSoup, heading_id: str) -> list[dict[str, str]]:
    """The rows of the first table in a section, before the next heading."""
    for sibling in soup.select_one(f"article h2#{heading_id}").find_next_siblings():
        assert sibling.name != "h2", f"no table under #{heading_id}"
        if sibling.name == "table":
            headers = [th.get_text(strip=True) for th in sibling.select("thead th")]
            rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in sibling.select("tbody tr")]
            return [dict(zip(headers, cells, strict=True)) for cells in rows]
    raise AssertionError(f"no table under #{heading_id}")


def shows(text: str, value: float) -> bool:
    """True when the figure in `text` is `value` written with the same number of decimals."""
    number = re.search(r"[-+]?[\d,]+(?:\.(\d+))?", text)
    assert number, text
    return number.group(0).replace(",", "").lstrip("+") == f"{value:.{len(number.group(1) or '')}f}"


def number_in(text: str) -> tuple[float, int]:
    """The signed figure in a cell and its number of decimals."""
    number = re.search(r"[-+]?[\d,]+(?:\.(\d+))?", text)
    assert number, text
    return float(number.group(0).replace(",", "")), len(number.group(1) or "")


def measurement_rows() -> list[dict[str, str]]:
    return [r for f in sorted((ROOT / "data" / "measurements").glob("*.csv")) for r in csv.DictReader(f.open(encoding="utf-8"))]


def complaint_quarters() -> list[tuple[str, str]]:
    """(quarter opened, topic) of every complaint in the export."""
    rows = csv.DictReader((ROOT / "data" / "exports" / "complaints.csv").open(encoding="utf-8"))
    return [(quarter_of(date.fromisoformat(r["opened_at"][:10])), r["topic"]) for r in rows]


def test_the_reports_index_links_one_report_per_quarter_with_data_newest_first(real_site: Path) -> None:
    cadence = {k["id"]: k["cadence"] for k in kpis()}
    expected = {quarter_of_period(r["period"]) for r in measurement_rows() if cadence[r["kpi"]] != "yearly"}
    soup = soup_of(real_site / "reports" / "index.html")
    links = [a for row in soup.select("article table tbody tr") for a in row.select("td:first-child a")]
    assert [a.get_text(strip=True) for a in links] == [f"Quality report {q}" for q in sorted(expected, reverse=True)]
    assert [a["href"] for a in links] == [f"{q}/" for q in sorted(expected, reverse=True)]
    assert all((real_site / "reports" / q / "index.html").is_file() for q in expected)


def test_a_complete_quarter_reports_a_rate_as_sum_of_numerators_over_sum_of_denominators(real_site: Path) -> None:
    months = [r for r in measurement_rows() if r["kpi"] == "on_time_shipment" and quarter_of_period(r["period"]) == COMPLETE]
    assert len(months) == 3 and all(r["scope"] == "" for r in months)
    expected = sum(float(r["numerator"]) for r in months) / sum(float(r["denominator"]) for r in months) * 100
    [row] = [r for r in section_rows(report(real_site, COMPLETE), RESULTS) if r["KPI"] == "On-time shipment rate"]
    assert row["From"] == "3 of 3 periods"
    assert shows(row["Quarter"], expected), (row["Quarter"], expected)  # pooled, never a mean of the monthly rates


@pytest.mark.parametrize("quarter", [IN_PROGRESS, COMPLETE])
def test_the_change_on_the_previous_quarter_is_called_better_or_worse_by_the_kpis_direction(real_site: Path, quarter: str) -> None:
    direction = {k["name"]["en"]: k["direction"] for k in kpis()}
    rows = section_rows(report(real_site, quarter), RESULTS)
    moved = [r for r in rows if r["Change"].startswith(("▲", "▼"))]
    assert moved, rows
    for row in moved:
        delta, decimals = number_in(row["Change"])
        better = (delta > 0) == (direction[row["KPI"]] == "higher")
        assert row["Change"].startswith("▲ better" if better else "▼ worse"), row
        (now, now_decimals), (before, before_decimals) = number_in(row["Quarter"]), number_in(row[previous_quarter(quarter)])
        slack = sum(0.5 * 10**-d for d in (decimals, now_decimals, before_decimals)) + 1e-9  # each figure is rounded
        assert abs(delta - (now - before)) <= slack, row


def test_the_top_complaint_topics_are_counted_from_the_complaints_export_by_quarter_opened(real_site: Path) -> None:
    opened = complaint_quarters()
    now = Counter(topic for q, topic in opened if q == COMPLETE)
    before = Counter(topic for q, topic in opened if q == previous_quarter(COMPLETE))
    soup = report(real_site, COMPLETE)
    rows = section_rows(soup, "top-complaint-topics")
    top = sorted(now.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    assert [(r["Topic"], r["Complaints"], r[previous_quarter(COMPLETE)]) for r in rows] == [
        (topic.replace("_", " "), str(n), str(before[topic])) for topic, n in top
    ]
    assert f"{sum(now.values())} complaints were opened in the quarter." in soup.article.get_text(" ", strip=True)


def test_only_the_quarter_containing_today_is_marked_in_progress_and_closed_ones_say_when(real_site: Path) -> None:
    rows = table_rows(soup_of(real_site / "reports" / "index.html"), "Report")
    index = {r["Report"].removeprefix("Quality report "): r["Quarter"] for r in rows}
    assert IN_PROGRESS in index and COMPLETE in index
    for quarter, state in index.items():
        intro = report(real_site, quarter).article.find("p", string=re.compile(rf"^Quarter {quarter},")).get_text()
        if quarter == IN_PROGRESS:
            assert state == "in progress" and f"(in progress: figures cover the quarter up to {TODAY})" in intro, intro
        elif (record := ROOT / "data" / "records" / f"{quarter}.yml").exists():
            closed_on = yaml.safe_load(record.read_text(encoding="utf-8"))["closed_on"]
            assert state.startswith(f"closed {closed_on}") and f"(closed on {closed_on}" in intro, intro
        else:
            assert state == "complete, not closed" and "not yet closed" in intro, intro


def test_a_live_reports_signals_are_the_kpi_pages_signals_that_fall_in_its_quarter(real_site: Path) -> None:
    """A plan KPI that reads another KPI's series has that KPI's chart, so its signals are reported once, under that KPI.
    A closed quarter's signals are its record's (tests/test_records.py)."""
    expected = set()
    for k in (k for k in kpis() if "series" not in k):
        soup = soup_of(real_site / "kpis" / k["id"] / "index.html")
        if any(t.th and t.th.get_text(strip=True) == "Signal at" for t in soup.select("article table")):
            expected |= {(k["name"]["en"], r["Signal at"], r["Rules"], r["For this KPI"])
                         for r in table_rows(soup, "Signal at") if quarter_of_period(r["Signal at"]) == IN_PROGRESS}  # fmt: skip
    shown = {(r["KPI"], r["Period"], r["Rules"], r["For this KPI"]) for r in section_rows(report(real_site, IN_PROGRESS), SIGNALS)}
    assert expected and shown == expected
