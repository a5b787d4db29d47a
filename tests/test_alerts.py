"""Alerts: what needs attention today, from the fixture handbook, `make alerts` and the alerts page."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, TODAY, kpis, replace_text, run, script, soup_of, table_rows

from macros.audit.document_control import load_documents
from macros.audit.validation import check
from macros.data.reads import Shared
from macros.partners.scores import PartnerScores
from macros.reports.alerts import BREACH, WARNING, Alert, alerts
from macros.reports.views.alerts import LISTED, alerts_markdown

DAY = date.fromisoformat(TODAY)
RECENT = 3  # an alert looks back this many periods for control-chart signals


def alerts_of(project: Path) -> list[Alert]:
    result = check(project / "data", DAY)
    assert result.handbook is not None, [str(p) for p in result.problems]
    documents, _ = load_documents(project / "docs")
    return alerts(result.handbook, result.facts, documents, DAY, PartnerScores(result.handbook, Shared()))


def cli(*flags: str):
    """`python -m scripts.alerts` reads the repository's own data/ and docs/, judged on TODAY."""
    return run(script("alerts", *flags), ROOT, HANDBOOK_TODAY=TODAY)


def cli_sections(markdown: str) -> dict[str, list[str]]:
    """Each '### Title (n)' section of the CLI's Markdown and the bold subjects listed under it."""
    sections: dict[str, list[str]] = {}
    title = None
    for line in markdown.splitlines():
        if line.startswith("### "):
            title = line[4:].strip()
            sections[title] = []
        elif title and line.startswith("- "):
            sections[title].append(re.search(r"\*\*(.+?)\*\*", line).group(1))
    return sections


def page_sections(page: Path) -> dict[str, list[str]]:
    """The same, from the built alerts page: each h2 followed by a list, and the linked subjects of that list."""
    sections = {}
    for heading in soup_of(page).article.select("h2:has(+ ul)"):
        items = heading.find_next_sibling("ul").select("li")
        sections[heading.get_text(strip=True).rstrip("¶")] = [li.a.get_text(strip=True) for li in items]
    return sections


def breached_tiles(site: Path) -> set[str]:
    tiles = soup_of(site / "index.html").select("div.tile")
    return {t.a.get_text(strip=True) for t in tiles if t.select_one(".status").get_text(" ", strip=True).endswith("breached")}


def test_a_kpi_beyond_its_target_is_alerted_as_a_breach(project: Path) -> None:
    found = alerts_of(project)
    [breach] = [a for a in found if a.severity == BREACH and a.kind == "breached"]
    assert (breach.kind, breach.subject, breach.page) == ("breached", "Returns", "kpis/returns.md")
    assert breach.detail == "9.2 % in 2026-10, target ≤ 5.0 %"


@pytest.mark.parametrize(("due", "overdue"), [("2026-11-20", True), (TODAY, False)], ids=["due yesterday", "due today"])
def test_an_open_corrective_action_is_alerted_once_its_due_date_has_passed(project: Path, due: str, overdue: bool) -> None:
    replace_text(project / "data" / "capa.yml", "due: 2027-01-31", f"due: {due}")  # CA-002, still open
    late = [a for a in alerts_of(project) if a.kind == "action overdue"]
    assert [a.subject for a in late] == (["CA-002"] if overdue else [])  # CA-001 is closed, so never late
    assert all(a.detail.startswith(f"due {due}") and a.owner == "quality" for a in late)


@pytest.mark.parametrize(("flags", "code"), [(["--fail-on-breach"], 1), ([], 0)], ids=["with --fail-on-breach", "without"])
def test_the_cli_fails_on_a_breached_kpi_only_when_asked(flags: list[str], code: int) -> None:
    result = cli(*flags)
    assert any(title.startswith("Breached KPIs") for title in cli_sections(result.stdout)), result.stdout  # the real data has one
    assert result.returncode == code, result.stderr


def test_the_cli_names_as_breached_exactly_the_kpis_the_home_page_shows_breached(real_site: Path) -> None:
    markdown = cli().stdout
    [breached] = [subjects for title, subjects in cli_sections(markdown).items() if title.startswith("Breached KPIs")]
    assert breached and set(breached) == breached_tiles(real_site)
    assert f"### Breached KPIs ({len(breached)})" in markdown


def test_the_alerts_page_lists_the_same_alerts_as_the_cli(real_site: Path) -> None:
    on_page = page_sections(real_site / "alerts" / "index.html")
    assert on_page and on_page == cli_sections(cli().stdout)


def test_the_alerts_page_lists_exactly_the_kpis_with_a_worse_signal_in_their_last_periods(real_site: Path) -> None:
    """Checked against each KPI page's own table of signals; a plan KPI that reads another's series is alerted once, under that one."""
    expected = set()
    for k in (k for k in kpis() if "series" not in k):
        soup = soup_of(real_site / "kpis" / k["id"] / "index.html")
        if not any(t.th and t.th.get_text(strip=True) == "Signal at" for t in soup.select("article table")):
            continue
        periods = [r["Period"] for r in table_rows(soup, "Period")][:RECENT]  # the 'Last 12 periods' table, newest first
        if any(r["Signal at"] in periods and "worse" in r["For this KPI"] for r in table_rows(soup, "Signal at")):
            expected.add(k["name"]["en"])
    sections = page_sections(real_site / "alerts" / "index.html")
    [signalled] = [subjects for title, subjects in sections.items() if title.startswith("Control-chart signals")]
    assert expected and set(signalled) == expected


def test_a_signal_alert_links_to_the_control_chart_of_its_kpi(real_site: Path) -> None:
    names = {k["name"]["en"]: k["id"] for k in kpis()}
    soup = soup_of(real_site / "alerts" / "index.html")
    heading = next(h for h in soup.article.select("h2") if h.get_text().startswith("Control-chart signals"))
    links = [li.a for li in heading.find_next_sibling("ul").select("li")]  # the subject; the owner's link follows it
    assert links and all(a["href"] == f"../kpis/{names[a.get_text(strip=True)]}/#control-chart" for a in links)


def test_a_kpi_whose_export_is_gone_is_said_to_be_not_refreshed_beside_its_earlier_values(project: Path) -> None:
    spec = (project / "data" / "exports.yml").read_text(encoding="utf-8")
    start = spec.index("  reviews:\n")
    (project / "data" / "exports.yml").write_text(spec[:start] + "  reviews:\n    provided: false\n", encoding="utf-8")
    found = [a for a in alerts_of(project) if a.kind == "no data"]
    assert [(a.subject, "2026-10" in a.detail, "reviews" in a.detail) for a in found] == [("Satisfaction", True, True)]


def section_items(page: Path, kind_id: str) -> list:
    """The list items under the Alerts page's section of one kind, found by its id (the home panel links to it)."""
    heading = soup_of(page).article.select_one(f"h2#{kind_id}")
    return heading.find_next_sibling("ul").select("li") if heading else []


def latest_needing_action(rows: list[dict[str, str]], who: str, when: str, acting: set[str]) -> set[str]:
    """The partners whose latest rated (graded) period in a partner page's CSV has an outcome in `acting`."""
    latest: dict[str, dict[str, str]] = {}
    for r in rows:
        if r["grade"] and r[when] >= latest.get(r[who], {}).get(when, ""):
            latest[r[who]] = r
    return {p for p, r in latest.items() if r["outcome"] in acting}


@pytest.mark.parametrize(("kind", "csv_file", "who", "when", "acting"), [
    ("supplier", "supplier-scorecards.csv", "supplier", "quarter", {"warning", "eliminate"}),
    ("merchant", "merchant-history.csv", "merchant", "month", {"rectify", "suspend", "terminate"}),
], ids=["suppliers", "merchants"])  # fmt: skip
def test_every_partner_whose_latest_rating_asks_for_action_is_alerted(real_site: Path, kind: str, csv_file: str, who: str,
                                                                      when: str, acting: set[str]) -> None:  # fmt: skip
    text = (real_site / "partners" / csv_file).read_text(encoding="utf-8-sig")
    expected = latest_needing_action(list(csv.DictReader(io.StringIO(text))), who, when, acting)
    listed = {li.a.get_text(strip=True).split()[0] for li in section_items(real_site / "alerts" / "index.html", kind)}
    assert expected and listed == expected


def test_each_overdue_risk_review_names_the_department_that_owns_the_risk(real_site: Path) -> None:
    risks = {r["id"]: r["owner"] for r in yaml.safe_load((ROOT / "data" / "risks.yml").read_text(encoding="utf-8"))["risks"]}
    names = {d["id"]: d["name"]["en"] for d in yaml.safe_load((ROOT / "data" / "org.yml").read_text(encoding="utf-8"))["departments"]}
    items = section_items(real_site / "alerts" / "index.html", "risk-review-overdue")
    owners = {li.a.get_text(strip=True).split()[0]: [a for a in li.select("a") if "organisation/#" in a["href"]] for li in items}
    assert owners and all(len(o) == 1 for o in owners.values()), owners
    for risk, [owner] in owners.items():
        assert owner["href"].endswith(f"#{risks[risk]}") and owner.get_text(strip=True) == names[risks[risk]]


def test_the_home_panel_counts_every_kind_the_alerts_page_lists_and_links_to_it(real_site: Path) -> None:
    panel = soup_of(real_site / "index.html").select(".alert-panel a.alert-count")
    counts = {a["href"].split("#")[1]: int(a.strong.get_text()) for a in panel}
    assert all(a["href"].startswith("alerts/#") for a in panel)
    listed = {h["id"] for h in soup_of(real_site / "alerts" / "index.html").article.select("h2[id]:has(+ ul)")}
    assert set(counts) == listed and {"supplier", "merchant", "risk-review-overdue", "breached"} <= listed
    assert all(len(section_items(real_site / "alerts" / "index.html", kind)) == n for kind, n in counts.items() if n <= LISTED)


def test_a_kind_with_more_alerts_than_a_page_lists_links_to_where_all_of_them_are(project: Path) -> None:
    result = check(project / "data", DAY)
    many = [Alert("merchant", WARNING, f"MER-{n:03}", "rectify", "partners/merchants.md") for n in range(LISTED + 7)]
    items = [line for line in alerts_markdown(many, result.handbook, "alerts.md").splitlines() if line.startswith("- ")]
    assert len(items) == LISTED + 1 and "(partners/merchants.md)" in items[-1] and str(7) in items[-1]
