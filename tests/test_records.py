"""Records that stay as published: a closed quarter's report is its record, whatever data come later; a change to a
closed quarter's data fails the build until it is restated with a reason; an edition carries its records and PDF."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import GIT_ENV, ROOT, TODAY, git, mkdocs_build, replace_text, run, script, soup_of, with_scripts

from macros.audit.quarters import differences, quarter_report
from macros.audit.validation import check
from macros.data.contracts.quarters import QuarterRecord
from macros.data.problems import Code

QUARTER = "2026-Q3"
MONTHS = [f"{y}-{m:02d}" for y, m in [(2025, 10), (2025, 11), (2025, 12), *((2026, m) for m in range(1, 10))]]


@pytest.fixture
def counts() -> dict[str, tuple[int, int]]:
    """Twelve months of satisfaction counts, enough for a control chart (eight periods at the least)."""
    rng = random.Random(17)
    return {m: (rng.randint(880, 930), 1000) for m in MONTHS}


def write_satisfaction(data: Path, counts: dict[str, tuple[int, int]]) -> None:
    path = data / "measurements" / "m.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("satisfaction,")]
    rows = [f"satisfaction,{m},{n / d * 100:.2f},{n},{d},,test," for m, (n, d) in counts.items()]
    path.write_text("\n".join([*kept, *rows]) + "\n", encoding="utf-8")


def close(data: Path, *args: str):
    return run(script("close_quarter", QUARTER, "--data", str(data), *args), data.parent, HANDBOOK_TODAY=TODAY)


def record(data: Path) -> dict:
    return yaml.safe_load((data / "records" / f"{QUARTER}.yml").read_text(encoding="utf-8"))


def result_of(data: Path, kpi: str) -> dict:
    return next(r for r in record(data)["results"] if r["kpi"] == kpi)


def test_closing_a_quarter_records_its_figures_worked_out_from_its_periods(data: Path, counts) -> None:
    write_satisfaction(data, counts)
    result = close(data)
    assert result.returncode == 0, result.stderr
    quarter = [counts[m] for m in ("2026-07", "2026-08", "2026-09")]
    expected = sum(n for n, _ in quarter) / sum(d for _, d in quarter) * 100
    satisfaction = result_of(data, "satisfaction")
    assert satisfaction["value"] == pytest.approx(expected) and satisfaction["basis"] == "3 of 3 periods"
    assert record(data)["inputs"]["data/measurements/m.csv"] and check(data).handbook is not None


def test_a_later_month_leaves_a_closed_quarters_figures_and_limits_untouched(data: Path, counts, tmp_path: Path) -> None:
    write_satisfaction(data, counts)
    close(data)
    closed = record(data)
    write_satisfaction(data, {**counts, "2026-10": (990, 1000)})  # a month far above the others moves the centre line
    checked = check(data)
    assert checked.handbook is not None, [str(p) for p in checked.problems]
    now = quarter_report(checked.handbook, checked.facts, checked.topics, QUARTER)
    [live] = [lim for lim in now.limits if lim.kpi == "satisfaction"]
    [kept] = [lim for lim in closed["limits"] if lim["kpi"] == "satisfaction"]
    assert live.centre != pytest.approx(kept["centre"])  # today's data would have moved the limits
    assert record(data) == closed
    mkdocs_build(data.parent, tmp_path / "site", tmp_path / "cache")
    page = soup_of(tmp_path / "site" / "reports" / QUARTER / "index.html").article.get_text(" ", strip=True)
    assert f"{kept['centre']:.2f} %" in page and f"{live.centre:.2f} %" not in page
    assert result_of(data, "satisfaction")["shown"] in page


def test_a_change_to_a_closed_quarters_data_fails_until_restated_with_a_reason(data: Path, counts, tmp_path: Path) -> None:
    write_satisfaction(data, counts)
    close(data)
    before = (data / "records" / f"{QUARTER}.yml").read_bytes()
    old = result_of(data, "satisfaction")["shown"]
    write_satisfaction(data, {**counts, "2026-08": (700, 1000)})  # August corrected after the quarter was closed
    [p] = [p for p in check(data).problems if p.code == Code.CLOSED_CHANGED]
    assert (p.file, p.where, p.field, p.severity) == (f"data/records/{QUARTER}.yml", f"quarter {QUARTER}", "satisfaction", "error")
    assert close(data).returncode == 2 and close(data, "--restate").returncode == 1
    assert (data / "records" / f"{QUARTER}.yml").read_bytes() == before
    reason = "August's export was re-sent with the late reviews"
    assert close(data, "--restate", "--reason", reason).returncode == 0
    [restated] = record(data)["restatements"]
    new = result_of(data, "satisfaction")["shown"]
    assert restated["reason"] == reason and {"what": "Satisfaction value", "old": old, "new": new} in restated["changes"]
    assert check(data).handbook is not None
    mkdocs_build(data.parent, tmp_path / "site", tmp_path / "cache")
    page = soup_of(tmp_path / "site" / "reports" / QUARTER / "index.html").article.get_text(" ", strip=True)
    assert reason in page and old in page and new in page


def test_a_quarter_not_yet_over_cannot_be_closed(data: Path) -> None:
    result = run(script("close_quarter", "2026-Q4", "--data", str(data)), data.parent, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 1 and "has not ended" in result.stderr and not (data / "records").exists()


def test_a_closed_quarters_periods_are_closed_for_refresh_whatever_the_date_says(data: Path) -> None:
    # Refreshed in August (the ledger closes only June), closed in November: then the date reads July as open again.
    assert run(script("refresh", "--data", str(data)), data.parent, HANDBOOK_TODAY="2026-08-10").returncode == 0
    assert close(data).returncode == 0
    replace_text(data / "exports.yml", "close_after_days: 35", "close_after_days: 150")
    with (data / "exports" / "reviews.csv").open("a", encoding="utf-8") as f:
        f.write("V9,O6,2026-07-10T10:00,5\n")  # July: no value yet, and open by the date
    result = run(script("refresh", "--data", str(data)), data.parent, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 2 and "2026-07" in result.stdout and "CLOSED period: not added" in result.stdout


def test_an_edition_carries_its_quarter_records_and_keeps_its_pdf(repo: Path, counts, tmp_path: Path) -> None:
    write_satisfaction(repo / "data", counts)
    assert close(repo / "data").returncode == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"Close {QUARTER}")
    with_scripts(repo)
    pdf = tmp_path / "handbook.pdf"
    pdf.write_bytes(b"%PDF-1.7 the audit pack")
    result = run(script("edition", "2026-Q4", "--pdf", str(pdf)), repo, plain_shell=True, **GIT_ENV)
    assert result.returncode == 0, result.stderr
    assert git(repo, "show", "gh-pages:2026-Q4/handbook.pdf") == pdf.read_text()
    about = BeautifulSoup(git(repo, "show", "gh-pages:2026-Q4/about/index.html"), "html.parser").article
    assert f"Quality report {QUARTER}" in about.get_text(" ", strip=True)
    assert "../handbook.pdf" in [a["href"] for a in about.select("a[href]")]


def test_a_closed_quarters_signals_are_those_of_its_chart_at_the_quarters_end(data: Path, counts) -> None:
    high = {**counts, **dict.fromkeys(("2026-07", "2026-08", "2026-09"), (935, 1000))}  # a step up: the chart signals it
    write_satisfaction(data, high)
    at_end = check(data)
    expected = {(s.period, s.rules) for s in quarter_report(at_end.handbook, at_end.facts, at_end.topics, QUARTER).signals}
    close(data)
    later = {f"2026-{m}": (935, 1000) for m in ("10", "11")} | {f"2027-{m:02d}": (935, 1000) for m in range(1, 7)}
    write_satisfaction(data, {**high, **later})  # the new level joins the baseline, still short of its 20 periods
    checked = check(data, date(2027, 8, 1))
    live = {(s.period, s.rules) for s in quarter_report(checked.handbook, checked.facts, checked.topics, QUARTER).signals}
    assert expected and live != expected
    assert {(s["period"], s["rules"]) for s in record(data)["signals"]} == expected


def test_a_new_way_of_showing_or_judging_a_closed_quarter_is_no_change_of_its_data() -> None:
    record = QuarterRecord.model_validate(yaml.safe_load((ROOT / "data" / "records" / f"{QUARTER}.yml").read_text(encoding="utf-8")))
    first = record.results[0]
    shown_finer = [first.model_copy(update={"shown": f"{first.value:.3f}"}), *record.results[1:]]
    rejudged = record.model_copy(update={"results": shown_finer, "signals": [], "limits": []})
    assert differences(record, rejudged) == []
    moved = record.model_copy(update={"results": [first.model_copy(update={"value": first.value + 1}), *record.results[1:]]})
    assert [c.what for c in differences(record, moved)] == [f"{first.name} value"]
