"""The real build: strict, and every figure in the HTML equals the figure in data/."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, displays, expected_target, latest_from_csv, run, set_cell, summary_rows, write_body

STATUSES = {"met", "at risk", "breached", "no data", "stale"}


def test_the_kpi_overview_shows_every_kpi_with_a_status(real_site: Path) -> None:
    kpis = yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8"))
    rows = summary_rows(real_site / "kpis" / "index.html")
    assert set(rows) == {k["name"]["en"] for k in kpis}
    for row in rows.values():
        assert row["Status"].split(" ", 1)[1] in STATUSES


def test_every_latest_value_and_target_in_the_overview_equals_the_data(real_site: Path) -> None:
    kpis = yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8"))
    rows = summary_rows(real_site / "kpis" / "index.html")
    for k in kpis:
        period, value = latest_from_csv(k, ROOT / "data")
        row = rows[k["name"]["en"]]
        assert row["Period"].removesuffix(" provisional") == period and displays(row["Latest"], value), (k["id"], row)
        assert displays(row["Target"], expected_target(k, ROOT / "data")), (k["id"], row)


def test_every_status_in_the_overview_follows_the_rules(real_site: Path) -> None:
    """Status recomputed from kpis.yml and the CSVs: breached beyond the target, at risk up to the warning edge."""
    kpis = yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8"))
    rows = summary_rows(real_site / "kpis" / "index.html")
    for k in kpis:
        shown_status = rows[k["name"]["en"]]["Status"].split(" ", 1)[1]
        if shown_status == "stale":
            continue  # staleness is tested against the calendar in test_status.py
        _, value = latest_from_csv(k, ROOT / "data")
        target, better = expected_target(k, ROOT / "data"), 1 if k["direction"] == "higher" else -1
        warning = k.get("warning") if "target" in k else None
        if (value - target) * better < 0 or (value == target and k.get("target_inclusive") is False):
            expected = "breached"
        elif warning is not None and (value - warning) * better <= 0:
            expected = "at risk"
        else:
            expected = "met"
        assert shown_status == expected, k["id"]


def test_the_conflicting_system_failure_targets_are_both_visible(real_site: Path) -> None:
    row = summary_rows(real_site / "kpis" / "index.html")["System failure rate"]
    assert "≤ 1.00 ‰" in row["Target"] and "conflicting" in row["Target"]
    kpi_page = (real_site / "kpis" / "system_failure_rate" / "index.html").read_text(encoding="utf-8")
    assert "系統故障率降低至千分之五以下" in kpi_page and "&lt; 5.00 ‰" in kpi_page


def test_every_kpi_page_has_a_chart_with_its_latest_value_in_words(real_site: Path) -> None:
    kpis = yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8"))
    for k in kpis:
        soup = BeautifulSoup((real_site / "kpis" / k["id"] / "index.html").read_text(encoding="utf-8"), "html.parser")
        [label] = [svg["aria-label"] for svg in soup.select("figure.kpi-chart svg")]
        period, value = latest_from_csv(k, ROOT / "data")
        prefix, when = f"{k['name']['en']}: latest ", rf" in {period}(?: \(provisional[^)]*\))?, target "
        assert label.startswith(prefix) and displays(label[len(prefix) :], value) and re.search(when, label)


def test_every_macro_renders_on_a_tiny_site(fixture_site: Path) -> None:
    home = summary_rows(fixture_site / "index.html")
    assert {k: (r["Latest"], r["Status"]) for k, r in home.items()} == {
        "Satisfaction": ("93.5 %", "✔ met"),
        "Returns": ("9.2 %", "✖ breached"),  # (10 + 1000) / (1000 + 10000), not the mean 5.5 %
        "Response hours": ("20.0 h", "✔ met"),
    }
    soup = BeautifulSoup((fixture_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    counts = [int(td.strong.get_text()) for td in soup.select("table.heat-map td") if td.strong]
    assert sum(counts) == 2 and len(soup.select("table.heat-map td")) == 25
    kpis = (fixture_site / "kpis" / "index.html").read_text(encoding="utf-8")
    assert kpis.count('<figure class="kpi-chart">') == 1
    risks = (fixture_site / "risks" / "index.html").read_text(encoding="utf-8")
    assert "4×4 = 16" in risks and "R-002" in risks
    assert "Inspect every batch." in (fixture_site / "procedures" / "index.html").read_text(encoding="utf-8")
    assert "Test Lead" in (fixture_site / "organisation" / "index.html").read_text(encoding="utf-8")


def test_a_broken_value_stops_the_build_with_one_line_naming_file_row_and_field(project: Path, tmp_path: Path) -> None:
    set_cell(project / "data" / "measurements" / "m.csv", 3, "value", "9x.1")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    mentions = [line for line in result.stderr.splitlines() if "m.csv" in line]
    assert len(mentions) == 1 and mentions[0].startswith("ERROR")
    assert mentions[0].endswith(
        "data/measurements/m.csv, row 3 (satisfaction 2026-09), field 'value': "
        'expected a valid number, unable to parse string as a number, found "9x.1"'
    )


def test_the_built_pages_load_nothing_from_the_internet(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        external = [t.get("src") or t.get("href") for t in soup.select("script[src], link[href]")]
        assert not [u for u in external if u.startswith(("http:", "https:", "//"))], page


@pytest.mark.parametrize(
    ("page_text", "complaint"),
    [("{{ undefined_variable }}", "undefined_variable"), ("[gone](missing.md)", "missing.md")],
    ids=["undefined macro variable", "broken link"],
)
def test_the_strict_build_fails_on(page_text: str, complaint: str, project: Path, tmp_path: Path) -> None:
    write_body(project / "docs" / "index.md", f"# Home\n\n{page_text}\n")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], project)
    assert result.returncode != 0 and complaint in result.stderr


@pytest.mark.parametrize(
    ("call", "complaint"),
    [("kpi_chart('nope')", "no KPI 'nope' in data/kpis.yml"), ("risk_register('prodcut')", "got 'prodcut'"),
     ("risk_heat_map('inherant')", "got 'inherant'")],
)  # fmt: skip
def test_a_mistyped_macro_argument_fails_the_build_naming_it(call: str, complaint: str, project: Path, tmp_path: Path) -> None:
    write_body(project / "docs" / "index.md", f"# Home\n\n{{{{ {call} }}}}\n")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], project)
    assert result.returncode != 0 and complaint in result.stdout + result.stderr


def test_the_summary_table_names_its_data_files_and_commit(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "kpis" / "index.html").read_text(encoding="utf-8"), "html.parser")
    note = next(s.get_text(" ", strip=True) for s in soup.select("article small") if s.get_text().startswith("Data:"))
    for path in sorted((ROOT / "data" / "measurements").glob("*.csv")):
        assert f"data/measurements/{path.name}" in note
    assert "data commit" in note
