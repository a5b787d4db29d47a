"""A change to the data recomputes only the pages that read what changed, and the site comes out as a cold build makes it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from helpers import TODAY, git, run

from macros.data.fingerprints import fingerprint
from macros.data.reads import KeyedReads, Shared, recording

STAMP = re.compile(r'<span class="build-stamp"[^>]*>[^<]*</span>|"built_at": "[^"]*"')


def build(project: Path, site: Path, cache: Path) -> tuple[list[str], int]:
    """Build verbosely; the macro outputs worked out (as "macro page") and how many were replayed."""
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "-d", str(site)], project,
                 HANDBOOK_TODAY=TODAY, HANDBOOK_CACHE=str(cache))  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    told = result.stdout + result.stderr
    replayed = int(re.search(r"macro outputs: \d+ worked out, (\d+) replayed", told)[1])
    worked = re.search(r"worked out: (.*)", told)[1].strip()
    return [w for w in worked.split("; ") if w], replayed


def commit(project: Path, message: str) -> None:
    git(project, "commit", "-qam", message)


def same_site(a: Path, b: Path) -> list[str]:
    """The files that differ between two built sites, the build stamp aside."""

    def files(site: Path) -> list[Path]:
        return sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml"))

    def text(path: Path) -> str:
        return STAMP.sub("", path.read_text(encoding="utf-8"))

    assert files(a) and files(a) == files(b)
    return [str(f) for f in files(a) if text(a / f) != text(b / f)]


@pytest.fixture
def built(repo: Path, tmp_path: Path) -> Path:
    """The fixture repository built once into a cache."""
    build(repo, tmp_path / "cold", tmp_path / "cache")
    return tmp_path / "cache"


def test_a_build_with_nothing_changed_works_nothing_out(repo: Path, built: Path, tmp_path: Path) -> None:
    worked, replayed = build(repo, tmp_path / "again", built)
    assert worked == [] and replayed > 0


def test_a_new_row_for_one_kpi_recomputes_its_page_the_summaries_and_its_quarter_not_the_rest(
    repo: Path, built: Path, tmp_path: Path
) -> None:
    with (repo / "data" / "measurements" / "m.csv").open("a", encoding="utf-8") as f:
        f.write("returns,2026-10,2.00,20,1000,category=books,test,\n")
    commit(repo, "A new row for the returns KPI")
    worked, replayed = build(repo, tmp_path / "after", built)
    assert {"kpi_page kpis/returns.md", "kpi_tiles index.md", "quarterly_report reports/2026-Q4.md"} <= set(worked), worked
    replayed_pages = ("kpi_page kpis/satisfaction.md", "kpi_page kpis/response_hours.md", "risk_register risks/index.md")
    assert not set(replayed_pages) & set(worked), worked
    assert not [w for w in worked if w.split(" ")[0].startswith(("supplier", "merchant", "risk_", "raci", "org"))], worked
    assert replayed > len(worked)


def test_after_each_kind_of_change_the_site_is_the_one_a_cold_build_makes(repo: Path, built: Path, tmp_path: Path) -> None:
    changes = {
        "a new measurement row": lambda: (
            (repo / "data" / "measurements" / "m.csv")
            .open("a", encoding="utf-8")
            .write("returns,2026-10,2.00,20,1000,category=books,test,\n")
        ),
        "a risk re-scored": lambda: _replace(repo / "data" / "risks.yml", "residual: {likelihood: 2", "residual: {likelihood: 3"),
        "a page edited": lambda: _replace(repo / "docs" / "risks" / "index.md", "# Risks\n", "# Risks\n\nA sentence a lead added.\n"),
        "a merchant's month": lambda: _replace(repo / "data" / "merchant_months.csv", "MER-02,2026-06,100,93", "MER-02,2026-06,100,99"),
    }
    for n, (what, change) in enumerate(changes.items()):
        change()
        commit(repo, what)
        build(repo, tmp_path / f"warm-{n}", built)
        build(repo, tmp_path / f"cold-{n}", tmp_path / f"cold-cache-{n}")
        assert same_site(tmp_path / f"warm-{n}", tmp_path / f"cold-{n}") == [], what


def test_an_uncommitted_change_is_shown_as_such_without_a_cold_build(repo: Path, built: Path, tmp_path: Path) -> None:
    _replace(repo / "data" / "risks.yml", "residual: {likelihood: 2", "residual: {likelihood: 3")
    build(repo, tmp_path / "warm", built)
    build(repo, tmp_path / "cold", tmp_path / "cold-cache")
    assert same_site(tmp_path / "warm", tmp_path / "cold") == []


def test_a_fingerprint_is_the_same_in_every_process_for_equal_contents(tmp_path: Path) -> None:
    code = "from macros.data.fingerprints import fingerprint; print(fingerprint({'a': {'x', 'y', 'z'}, 'b': frozenset({'p', 'q'})}))"
    seen = {run([sys.executable, "-c", code], Path.cwd(), PYTHONHASHSEED=str(seed)).stdout for seed in (1, 2, 3)}
    assert len(seen) == 1 and fingerprint({"a": {"z", "y", "x"}, "b": frozenset({"q", "p"})}) == seen.pop().strip()
    assert fingerprint({"a": {"x"}}) != fingerprint({"a": {"y"}})


def test_a_fingerprint_does_not_depend_on_which_equal_values_are_one_object() -> None:
    shared = "".join(["return", "_rate"])
    assert fingerprint([shared, shared]) == fingerprint(["".join(["return", "_rate"]), "".join(["return_", "rate"])])


def test_reads_are_recorded_by_key_and_a_whole_read_as_the_whole() -> None:
    charts = KeyedReads({"returns": 1, "satisfaction": 2}, "kpi", "facts")
    with recording() as one:
        _ = charts["returns"]
    with recording() as every:
        _ = list(charts.values())
    assert one == {"kpi:returns"} and every == {"facts"}


def test_a_value_views_share_is_read_by_the_second_view_as_by_the_first() -> None:
    shared, charts = Shared(), KeyedReads({"returns": 1}, "kpi", "facts")
    with recording() as first:
        shared.get("summary", lambda: charts["returns"] + 1)
    with recording() as second:
        assert shared.get("summary", lambda: 0) == 2  # worked out once
    assert first == second == {"kpi:returns"}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
