"""Provisional values: a computed period still open (inside close_after_days) is marked wherever it is shown, and a
quarter cannot be closed while its last period is open."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from pathlib import Path

import yaml
from helpers import ROOT, TODAY, csv_rows, kpis, replace_text, run, script, soup_of, table_rows

DATA = ROOT / "data"


def month_end(period: str) -> date:
    year, month = map(int, period.split("-"))
    return date(year, month, calendar.monthrange(year, month)[1])


def closed_before() -> date:
    """Worked out from the files alone: the date less close_after_days, or later if the ledger or a record closed more."""
    days = yaml.safe_load((DATA / "exports.yml").read_text(encoding="utf-8"))["refresh"]["close_after_days"]
    ledger = yaml.safe_load((DATA / "measurements" / "computed.lock.yml").read_text(encoding="utf-8"))
    quarters = [q.stem for q in (DATA / "records").glob("*.yml")]
    ends = [month_end(f"{q[:4]}-{int(q[-1]) * 3:02d}") + timedelta(days=1) for q in quarters]
    return max([date.fromisoformat(TODAY) - timedelta(days=days), date.fromisoformat(str(ledger["closed_before"])), *ends])


def open_periods(k: dict) -> set[str]:
    source = next(x for x in kpis() if x["id"] == k.get("series", k["id"]))
    if not source.get("query") or k["cadence"] != "monthly":
        return set()
    return {r["period"] for r in csv_rows(source["id"]) if month_end(r["period"]) >= closed_before()}


COMPUTED = [k for k in kpis() if open_periods(k)]


def test_the_sample_has_open_periods_and_closed_ones() -> None:
    assert COMPUTED and all(len(open_periods(k)) < len({r["period"] for r in csv_rows(k.get("series", k["id"]))}) for k in COMPUTED)


def test_a_kpi_pages_recent_periods_mark_exactly_the_open_ones(real_site: Path) -> None:
    for k in COMPUTED:
        soup = soup_of(real_site / "kpis" / k["id"] / "index.html")
        table = next(t for t in soup.select("article table") if t.th and t.th.get_text(strip=True) == "Period")
        marked = {tr.td.get_text(" ", strip=True).split(" ")[0] for tr in table.select("tbody tr") if tr.select_one(".provisional")}
        assert marked == open_periods(k), k["id"]


def test_the_charts_draw_open_periods_hollow(real_site: Path) -> None:
    for k in COMPUTED:
        soup = soup_of(real_site / "kpis" / k["id"] / "index.html")
        trend = soup.select_one("figure.kpi-chart svg")
        assert trend.select('[id$="kpi-provisional"]') and "provisional" in trend["aria-label"], k["id"]
    quiet = next(k for k in kpis() if not k.get("query") and not k.get("series"))
    assert not soup_of(real_site / "kpis" / quiet["id"] / "index.html").select('[id$="kpi-provisional"]')


def test_the_summary_and_the_tiles_mark_a_provisional_latest_value(real_site: Path) -> None:
    rows = {r["KPI"]: r for r in table_rows(soup_of(real_site / "kpis" / "index.html"), "KPI")}
    for k in COMPUTED:
        latest = max(open_periods(k))
        assert rows[k["name"]["en"]]["Period"] == f"{latest} provisional", k["id"]
    tiles = soup_of(real_site / "index.html").select(".tile")
    assert sum(bool(t.select_one(".provisional")) for t in tiles) == len(COMPUTED)


def test_a_live_quarterly_report_counts_its_open_periods(real_site: Path) -> None:
    quarter = f"{TODAY[:4]}-Q{(int(TODAY[5:7]) - 1) // 3 + 1}"
    rows = {r["KPI"]: r for r in table_rows(soup_of(real_site / "reports" / quarter / "index.html"), "KPI")}
    for k in COMPUTED:
        inside = {p for p in open_periods(k) if f"{p[:4]}-Q{(int(p[5:7]) - 1) // 3 + 1}" == quarter}
        assert rows[k["name"]["en"]]["From"].endswith(f", {len(inside)} provisional"), k["id"]


def test_a_quarter_whose_last_month_is_still_open_cannot_be_closed(data: Path) -> None:
    replace_text(data / "exports.yml", "close_after_days: 35", "close_after_days: 60")
    result = run(script("close_quarter", "2026-Q3", "--data", str(data)), data.parent, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 1 and "still open until 2026-11-30" in result.stderr  # closed once 60 days past 30 September
    assert not (data / "records").exists()


def test_the_edition_workflow_leaves_a_quarter_still_open_unclosed_without_failing(data: Path) -> None:
    replace_text(data / "exports.yml", "close_after_days: 35", "close_after_days: 60")
    result = run(script("close_quarter", "2026-Q3", "--data", str(data), "--when-closable"), data.parent, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 0 and "still open until 2026-11-30" in result.stdout and not (data / "records").exists()


def test_alerts_and_commitments_say_a_latest_value_is_provisional(real_site: Path) -> None:
    names = {k["name"]["en"]: k for k in COMPUTED}
    said = re.compile(r"^[✖▲] (?P<name>.+?) : .+? in (?P<period>\S+)(?P<open> \(provisional\))?, target ")
    alerts = [said.match(li.get_text(" ", strip=True)) for li in soup_of(real_site / "alerts" / "index.html").article.select("li")]
    values = [m for m in alerts if m]
    assert values and any(m["name"] in names for m in values)
    assert all(bool(m["open"]) == (m["name"] in names and m["period"] in open_periods(names[m["name"]])) for m in values)
    committed = yaml.safe_load((DATA / "commitments.yml").read_text(encoding="utf-8"))
    rows = {r["Measured by"]: r for r in table_rows(soup_of(real_site / "plan" / "commitments" / "index.html"), "Commitment")}
    measured = [k for k in COMPUTED if k["id"] in {c["kpi"] for c in committed}]
    assert measured and all("provisional" in rows[k["name"]["en"]]["Latest"] for k in measured)
    assert not any("provisional" in r["Latest"] for n, r in rows.items() if n not in {k["name"]["en"] for k in measured})
