"""The quarterly quality reports: one per quarter with data, figures recomputed from the CSV files."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import ROOT, TODAY, git, kpis, mkdocs_build, replace_text, run, script, soup_of, table_rows

from macros.audit.validation import check

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


def section(soup: BeautifulSoup, heading_id: str) -> list[Tag]:
    """The elements of a section: those after its heading, before the next h2."""
    found = []
    for sibling in soup.select_one(f"article h2#{heading_id}").find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def section_tables(soup: BeautifulSoup, heading_id: str) -> list[list[dict[str, str]]]:
    """The rows of each table in a section (its sub-sections too), in order."""
    tables = [t for el in section(soup, heading_id) for t in ([el] if el.name == "table" else el.select("table"))]
    found = []
    for table in tables:
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
        found.append([dict(zip(headers, cells, strict=True)) for cells in rows])
    return found


def section_rows(soup: BeautifulSoup, heading_id: str) -> list[dict[str, str]]:
    """The rows of every table in a section, before the next h2."""
    tables = section_tables(soup, heading_id)
    assert tables, f"no table under #{heading_id}"
    return [row for table in tables for row in table]


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


SUMMARY = "summary"
STATUS_ROWS = {"met": "✔ met", "at-risk": "▲ at risk", "breached": "✖ breached"}


def record_of(quarter: str, data: Path = ROOT / "data") -> dict:
    return yaml.safe_load((data / "records" / f"{quarter}.yml").read_text(encoding="utf-8"))


def moved(soup: BeautifulSoup, what: str) -> int:
    [span] = [s for el in section(soup, SUMMARY) for s in el.select(f'span[data-moved="{what}"]')]
    return int(span.get_text())


@pytest.mark.parametrize("quarter", [COMPLETE, previous_quarter(COMPLETE)])
def test_the_summary_counts_a_closed_quarters_kpis_by_status_as_its_record_and_the_one_before_have_them(
    real_site: Path, quarter: str
) -> None:
    now = Counter(r["status"] for r in record_of(quarter)["results"])
    before = Counter(r["status"] for r in record_of(previous_quarter(quarter))["results"])
    [table, *_] = section_tables(report(real_site, quarter), SUMMARY)
    assert {r["Against target"]: (int(r[quarter]), int(r[previous_quarter(quarter)])) for r in table} == {
        words: (now[key], before[key]) for key, words in STATUS_ROWS.items()
    }


def test_the_summary_counts_the_kpis_that_improved_worsened_or_held_as_the_records_change_column_has_them(real_site: Path) -> None:
    said = Counter(r["change"].split(" ")[1] if r["change"][0] in "▲▼" else r["change"] for r in record_of(COMPLETE)["results"])
    soup = report(real_site, COMPLETE)
    assert (moved(soup, "better"), moved(soup, "worse"), moved(soup, "same")) == (said["better"], said["worse"], said["= no change"])
    assert said["better"] + said["worse"] > 0


@pytest.mark.parametrize("quarter", [IN_PROGRESS, COMPLETE])
def test_the_summary_names_each_kpi_whose_status_changed_since_the_quarter_before(real_site: Path, quarter: str) -> None:
    """The quarter before is closed in both cases: its record has the statuses (the open quarter's are recomputed)."""
    before = {r["kpi"]: r["status"] for r in record_of(previous_quarter(quarter))["results"] if r["status"]}
    now = {r["KPI"]: r["Against target"] for r in section_rows(report(real_site, quarter), RESULTS)}
    names = {k["id"]: k["name"]["en"] for k in kpis()}
    expected = {names[k] for k, status in before.items() if names[k] in now and STATUS_ROWS[status] != now[names[k]]}
    expected -= {n for n, shown in now.items() if shown == "—"}
    soup = report(real_site, quarter)
    [item] = [li for el in section(soup, SUMMARY) for li in el.select("li") if li.select('span[data-moved="status"]')]
    assert moved(soup, "status") == len(expected) and {a.get_text() for a in item.select("a")} == expected
    assert all(a["href"].startswith("../../kpis/") for a in item.select("a"))


def test_every_report_draws_one_chart_of_its_kpis_by_status_quarter_by_quarter_and_stays_light(real_site: Path) -> None:
    pages = sorted((real_site / "reports").glob("*-Q*/index.html"))
    assert pages
    for page in pages:
        charts = [svg for el in section(soup_of(page), SUMMARY) for svg in el.select("svg")]
        assert len(charts) == 1 and page.stat().st_size < 300_000, (page, len(charts), page.stat().st_size)
    caption = next(el for el in section(report(real_site, COMPLETE), SUMMARY) if el.name == "figure").figcaption.get_text(" ")
    for quarter in (COMPLETE, previous_quarter(COMPLETE)):  # closed: the counts are their records'
        n = Counter(r["status"] for r in record_of(quarter)["results"])
        assert f"{quarter}: {n['met']} met, {n['at-risk']} at risk, {n['breached']} breached" in caption, caption
    assert IN_PROGRESS not in caption  # a closed quarter's chart shows only closed quarters


def outcomes_table(soup: BeautifulSoup, heading_id: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The counts by outcome and those needing action under a sub-section heading (h3)."""
    tables = []
    for sibling in soup.select_one(f"article h3#{heading_id}").find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        for table in [sibling] if sibling.name == "table" else sibling.select("table"):
            headers = [th.get_text(strip=True) for th in table.select("thead th")]
            tables.append([dict(zip(headers, [td.get_text(" ", strip=True) for td in tr.select("td")], strict=True))
                           for tr in table.select("tbody tr")])  # fmt: skip
    return tables[0], tables[1] if len(tables) > 1 else []


NO_ACTION = {"keep", "good standing", "not rated"}


def test_a_reports_supplier_outcomes_are_the_supplier_pages_scorecards_of_its_quarter(real_site: Path) -> None:
    cards = csv.DictReader((real_site / "partners" / "supplier-scorecards.csv").open(encoding="utf-8-sig"))  # with the BOM Excel wants
    rows = [r for r in cards if r["quarter"] == COMPLETE]
    counted = Counter(r["outcome"] for r in rows)
    counts, needing = outcomes_table(report(real_site, COMPLETE), "suppliers")
    shown = {r["Outcome"].split(" ", 1)[1]: int(r[COMPLETE]) for r in counts if not r["Outcome"].startswith("All")}
    assert {o: n for o, n in shown.items() if n} == dict(counted) and sum(shown.values()) == len(rows)
    acting = {f"{r['supplier']} {r['name_en']}" for r in rows if r["outcome"] not in NO_ACTION}
    assert acting and {r[next(iter(r))] for r in needing} == acting
    links = report(real_site, COMPLETE).select_one("article h3#suppliers").find_next_sibling("table").find_next_sibling("table").select("a")
    assert {a.get_text() for a in links} == acting and {a["href"] for a in links} == {"../../partners/suppliers/"}


def test_a_reports_merchant_outcomes_are_counted_for_each_month_of_its_quarter(real_site: Path) -> None:
    rows = list(csv.DictReader((real_site / "partners" / "merchant-history.csv").open(encoding="utf-8-sig")))
    months = sorted({r["month"] for r in rows if quarter_of_period(r["month"]) == COMPLETE})
    counts, needing = outcomes_table(report(real_site, COMPLETE), "merchants")
    assert len(months) == 3
    for month in months:
        counted = Counter(r["outcome"] for r in rows if r["month"] == month)
        shown = {r["Outcome"].split(" ", 1)[1]: int(r[month]) for r in counts if not r["Outcome"].startswith("All")}
        assert {o: n for o, n in shown.items() if n} == dict(counted), month
    acting = {f"{r['merchant']} {r['name_en']}" for r in rows if r["month"] in months and r["outcome"] not in NO_ACTION}
    assert acting and {r[next(iter(r))] for r in needing} == acting


@pytest.mark.parametrize("quarter", [IN_PROGRESS, COMPLETE])
def test_corrective_actions_opened_and_closed_in_a_quarter_are_those_the_log_dates_in_it(real_site: Path, quarter: str) -> None:
    actions = yaml.safe_load((ROOT / "data" / "capa.yml").read_text(encoding="utf-8"))["actions"]
    opened = {a["id"] for a in actions if quarter_of(a["opened"]) == quarter}
    closed = {a["id"] for a in actions if a.get("closed") and quarter_of(a["closed"]) == quarter}
    soup = report(real_site, quarter)
    tables = {el.get("id"): el for el in section(soup, "corrective-actions") if el.name == "h3"}
    assert len(tables) == 2 and opened | closed
    for heading, expected in zip(tables.values(), (opened, closed), strict=True):
        rows = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            rows += sibling.select("tbody tr td:first-child a")
        assert {a.get_text() for a in rows} == expected, heading
        assert all(a["href"] == f"../../actions/#{a.get_text().lower()}" for a in rows)


def test_control_chart_signals_on_the_bad_side_come_first_and_apart_from_those_on_the_good_side(real_site: Path) -> None:
    signals = record_of(COMPLETE)["signals"]
    worse, better = section_tables(report(real_site, COMPLETE), SIGNALS)
    assert [(r["KPI"], r["Period"]) for r in worse] == [(s["name"], s["period"]) for s in signals if s["side"].startswith("▼")]
    assert [(r["KPI"], r["Period"]) for r in better] == [(s["name"], s["period"]) for s in signals if s["side"].startswith("▲")]
    assert worse and better


def residual_scores(project: Path) -> dict[str, int]:
    risks = yaml.safe_load((project / "data" / "risks.yml").read_text(encoding="utf-8"))["risks"]
    return {r["id"]: r["residual"]["likelihood"] * r["residual"]["impact"] for r in risks}


def test_a_risk_re_scored_by_a_commit_in_the_quarter_is_listed_with_its_scores_before_and_after(repo: Path, tmp_path: Path) -> None:
    """The register keeps only today's scores: the commit that changed one (dated 2026-10-01, in 2026-Q4) tells when."""
    before = residual_scores(repo)
    replace_text(repo / "data" / "risks.yml", "residual: {likelihood: 2, impact: 4}", "residual: {likelihood: 1, impact: 4}")
    git(repo, "commit", "-q", "-am", "R-001 re-scored after the supplier audits")
    after = residual_scores(repo)
    mkdocs_build(repo, tmp_path / "site", tmp_path / "cache")
    rows = section_rows(report(tmp_path / "site", "2026-Q4"), "risks-re-scored")
    changed = [r for r in before if before[r] != after[r]]
    assert [(r["Risk"], r["On"], r["Residual score"]) for r in rows] == [(k, "2026-10-01", f"{before[k]} → {after[k]}") for k in changed]
    assert section_tables(report(tmp_path / "site", "2026-Q3"), "risks-re-scored") == []


def test_closing_a_quarter_keeps_its_corrective_actions_in_its_record_and_an_older_record_gains_them(data: Path) -> None:
    replace_text(data / "capa.yml", "opened: 2026-11-02", "opened: 2026-08-02")
    replace_text(data / "capa.yml", "closed: 2026-03-02", "closed: 2026-09-02")
    actions = yaml.safe_load((data / "capa.yml").read_text(encoding="utf-8"))["actions"]
    opened = [a["id"] for a in actions if quarter_of(a["opened"]) == "2026-Q3"]
    closed = [a["id"] for a in actions if a.get("closed") and quarter_of(a["closed"]) == "2026-Q3"]
    close = script("close_quarter", "2026-Q3", "--data", str(data))
    assert run(close, data.parent, HANDBOOK_TODAY=TODAY).returncode == 0
    kept = record_of("2026-Q3", data)["sections"]
    assert ([a["id"] for a in kept["opened"]], [a["id"] for a in kept["closed"]]) == (opened, closed) and opened and closed
    path = data / "records" / "2026-Q3.yml"
    older = yaml.safe_load(path.read_text(encoding="utf-8"))
    del older["sections"]  # as a record closed before reports kept them
    path.write_text(yaml.safe_dump(older, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert check(data, DAY).handbook.quarter_records["2026-Q3"].sections is None  # it still loads
    assert run(close, data.parent, HANDBOOK_TODAY=TODAY).returncode == 0
    again = record_of("2026-Q3", data)
    assert again["sections"] == kept and again["results"] == older["results"] and again["closed_on"] == older["closed_on"]
