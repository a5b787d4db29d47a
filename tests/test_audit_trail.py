"""An auditor can trace every figure: page history from git, SHA-256 under each figure, a manifest, reproducible builds."""

from __future__ import annotations

import csv
import filecmp
import gzip
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import ROOT, copy_scripts, git, mkdocs_build, replace_text, run, script

from macros.audit.manifest import STAMP_KEY

NOTE = re.compile(r"<code>([^<]+)</code> \(SHA-256 <code>([0-9a-f]+|not found)</code>\)")


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def history_rows(page: Path) -> list[list[str]]:
    heading = soup_of(page).find(id="revision-history")
    table = heading.find_next("table") if heading else None
    return [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")] if table else []


def test_each_page_lists_its_versions_with_their_change_notes_and_authors(repo: Path, tmp_path: Path) -> None:
    note = "Scores explained with a worked example"
    replace_text(repo / "docs" / "risks" / "index.md", 'version: "1.0"', f'version: "1.1"\nchange_note: "{note}"')
    git(repo, "commit", "-qam", "wip")
    mkdocs_build(repo, tmp_path / "site", tmp_path / "cache")
    first = git(repo, "rev-parse", "--short", "HEAD~1")
    last = git(repo, "rev-parse", "--short", "HEAD")
    assert history_rows(tmp_path / "site" / "risks" / "index.html") == [
        ["1.1", "2026-10-01", "Quality Lead", note, last],
        ["1.0", "2026-10-01", "Quality Lead", "First version", first],
    ]
    raci = tmp_path / "site" / "organisation" / "raci" / "index.html"
    assert history_rows(raci) == [["1.0", "2026-10-01", "Quality Lead", "First version", first]]
    log = soup_of(tmp_path / "site" / "about" / "changes" / "index.html").select_one("article table")
    assert [td.get_text(" ", strip=True) for td in log.select("tbody tr")[0].find_all("td")][3].endswith(f"1.1: {note}")


def test_a_version_raised_without_a_change_note_fails_the_pull_request_check(repo: Path) -> None:
    copy_scripts(repo, "changes")
    base = git(repo, "rev-parse", "HEAD")
    replace_text(repo / "docs" / "risks" / "index.md", 'version: "1.0"', 'version: "1.1"')
    result = run(script("changes", base, "--pr"), repo)
    assert result.returncode == 1 and "docs/risks/index.md`: version 1.1 has no `change_note`" in result.stdout
    replace_text(repo / "docs" / "risks" / "index.md", 'version: "1.1"', 'version: "1.1"\nchange_note: "Reworded"')
    assert run(script("changes", base, "--pr"), repo).returncode == 0


def test_a_generated_page_shows_the_history_of_its_data_files(repo: Path, tmp_path: Path) -> None:
    mkdocs_build(repo, tmp_path / "site", tmp_path / "cache")
    assert [r[3] for r in history_rows(tmp_path / "site" / "kpis" / "returns" / "index.html")] == ["Fixture handbook"]


def test_the_change_log_lists_every_commit_with_the_documents_it_touched(repo: Path, tmp_path: Path) -> None:
    replace_text(repo / "data" / "kpis.yml", "target: 5\n", "target: 4.5\n")
    git(repo, "commit", "-qam", "Tighten the returns target")
    mkdocs_build(repo, tmp_path / "site", tmp_path / "cache")
    log = soup_of(tmp_path / "site" / "about" / "changes" / "index.html").select_one("article table")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in log.select("tbody tr")]
    assert [r[3] for r in rows] == ["Tighten the returns target", "Fixture handbook"]
    assert rows[0][5] == "data/kpis.yml" and rows[0][4] == "—"


def test_a_shallow_clone_builds_and_says_its_history_is_incomplete(repo: Path, tmp_path: Path) -> None:
    git(repo, "commit", "-q", "--allow-empty", "-m", "Second commit")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, timeout=120)
    mkdocs_build(clone, tmp_path / "site", tmp_path / "cache")
    page = soup_of(tmp_path / "site" / "risks" / "index.html").article.get_text(" ", strip=True)
    assert "History incomplete" in page and "shallow clone" in page


def test_an_archive_without_git_builds_and_says_no_history_is_available(repo: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=repo, capture_output=True, check=True, timeout=120).stdout
    subprocess.run(["tar", "-x", "-C", str(export)], input=archive, check=True, timeout=120)
    mkdocs_build(export, tmp_path / "site", tmp_path / "cache")
    page = soup_of(tmp_path / "site" / "risks" / "index.html").article.get_text(" ", strip=True)
    assert "History not available" in page and "without git history" in page
    manifest = json.loads((tmp_path / "site" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["commit"]["full"] is None and manifest["data_commit"] == "unknown (no git history)"


def test_every_figure_note_carries_the_sha256_of_its_data_file(real_site: Path) -> None:
    notes = [m for page in real_site.rglob("*.html") for m in NOTE.finditer(page.read_text(encoding="utf-8"))]
    assert len({file for file, _ in (m.groups() for m in notes)}) >= 10
    for file, short in (m.groups() for m in notes):
        assert hashlib.sha256((ROOT / file).read_bytes()).hexdigest().startswith(short), file


def test_every_chart_names_its_data_files(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        for svg in soup_of(page).select("article figure svg"):
            assert NOTE.search(str(svg.find_parent("figure"))) or NOTE.search(str(svg.find_parent("figure").find_next("small"))), page


def test_the_manifest_lists_every_data_file_with_its_digest_and_rows(real_site: Path) -> None:
    manifest = json.loads((real_site / "manifest.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for f in manifest["data_files"]}
    assert set(files) == {p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()}
    orders = ROOT / "data" / "exports" / "orders.csv"
    assert files["data/exports/orders.csv"]["sha256"] == hashlib.sha256(orders.read_bytes()).hexdigest()
    with orders.open(encoding="utf-8", newline="") as f:
        assert files["data/exports/orders.csv"]["rows"] == len(list(csv.DictReader(f)))
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    assert manifest["commit"]["full"] == head and manifest["tools"]["mkdocs"] == "1.6.1"
    about = soup_of(real_site / "about" / "index.html").article.get_text(" ", strip=True)
    assert head in about and files["data/exports/orders.csv"]["sha256"] in about


def test_the_same_commit_builds_the_same_site_apart_from_the_build_stamp(repo: Path, tmp_path: Path) -> None:
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    mkdocs_build(repo, cold, tmp_path / "cache")  # draws every chart
    mkdocs_build(repo, warm, tmp_path / "cache")  # reads every chart from the cache
    stamps = [json.loads((site / "manifest.json").read_text(encoding="utf-8")).pop(STAMP_KEY) for site in (cold, warm)]
    for site in (cold, warm):
        _drop_stamp(site)
    differing = _differing(cold, warm)
    assert differing == [], differing
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", s) for s in stamps)


def _drop_stamp(site: Path) -> None:
    """Blank the one declared build stamp: built_at in the manifest and on the About page, the date in the sitemap."""
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop(STAMP_KEY)
    (site / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    about = site / "about" / "index.html"
    about.write_text(re.sub(r'<span class="build-stamp"[^>]*>[^<]*</span>', "", about.read_text(encoding="utf-8")), encoding="utf-8")
    sitemap = re.sub(r"<lastmod>[^<]*</lastmod>", "", (site / "sitemap.xml").read_text(encoding="utf-8"))
    (site / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    assert re.sub(r"<lastmod>[^<]*</lastmod>", "", gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode()) == sitemap
    (site / "sitemap.xml.gz").unlink()


def _differing(a: Path, b: Path) -> list[str]:
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    return [f for f in files if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_the_cache_does_not_leak_into_the_repository(repo: Path, tmp_path: Path) -> None:
    mkdocs_build(repo, tmp_path / "site", tmp_path / "cache")
    assert git(repo, "status", "--porcelain") == ""
    shutil.rmtree(tmp_path / "site")


GENERATED_TABLE_PAGES = ("risks", "organisation", "organisation/raci", "procedures", "partners/suppliers", "partners/merchants", "kpis",
                         "actions", "plan/roadmap", "plan/cost-benefit", "plan/commitments", "kpis/benchmarks", "reports")  # fmt: skip


def test_every_generated_table_names_its_sources_within_its_section(real_site: Path) -> None:
    pages = [real_site / p / "index.html" for p in GENERATED_TABLE_PAGES] + list((real_site / "procedures").glob("*/index.html"))
    pages += list((real_site / "kpis").glob("*/index.html")) + list((real_site / "reports").glob("*/index.html"))
    for page in pages:
        for table in soup_of(page).article.find_all("table"):
            heading = table.find_previous(["h2", "h3"])
            if heading is not None and heading.get("id") == "revision-history":
                continue
            after = table.find_next(lambda e: e.name == "h2" or (e.name == "small" and "SHA-256" in e.get_text()))
            assert after is not None and after.name == "small", f"{page.relative_to(real_site)}: table under {heading}"


def test_the_build_time_follows_source_date_epoch(monkeypatch) -> None:
    from macros.audit.manifest import build_time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21T14:13:20Z
    assert build_time() == "2026-09-21T14:13:20Z"
