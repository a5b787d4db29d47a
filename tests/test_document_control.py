"""Every page is a controlled document: identity, version, status, owner, approver, effective date and review."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import ROOT, copy_scripts, git, mkdocs_build, replace_text, run, script

from macros.audit.docs_checks import unbumped_warnings
from macros.audit.document_control import load_documents, next_review
from macros.audit.revision_history import read_history


def validate(project: Path):
    return run(script("validate", str(project / "data")), project)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_of_the_handbook_carries_valid_document_control() -> None:
    documents, problems = load_documents(ROOT / "docs")
    assert problems == []
    assert len(documents) == len(list((ROOT / "docs").rglob("*.md")))


def test_a_missing_field_names_the_page_the_field_and_what_is_expected(project: Path) -> None:
    replace_text(project / "docs" / "index.md", "approver: quality\n", "")
    result = validate(project)
    assert result.returncode == 1
    assert "ERROR docs/index.md, front matter, field 'approver': expected a value (the field is required), found nothing" in result.stdout


def test_an_unknown_status_names_its_line_and_the_allowed_values(project: Path) -> None:
    replace_text(project / "docs" / "index.md", "status: approved", "status: final")
    result = validate(project)
    assert "ERROR docs/index.md, line 5, field 'status': expected 'draft', 'approved' or 'obsolete', found \"final\"" in result.stdout


def test_a_version_must_be_major_dot_minor(project: Path) -> None:
    replace_text(project / "docs" / "index.md", 'version: "1.0"', "version: 1")
    result = validate(project)
    assert "docs/index.md, line 4, field 'version'" in result.stdout and 'found "1"' in result.stdout


def test_a_page_without_front_matter_is_an_error(project: Path) -> None:
    (project / "docs" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    result = validate(project)
    assert "ERROR docs/notes.md, line 1, field 'front matter': expected a front matter block" in result.stdout


def test_an_owner_must_be_a_department(project: Path) -> None:
    replace_text(project / "docs" / "index.md", "owner: quality", "owner: qa")
    assert "ERROR docs/index.md, line 6, field 'owner'" in validate(project).stdout


def test_two_pages_cannot_share_an_id(project: Path) -> None:
    replace_text(project / "docs" / "organisation" / "raci.md", "QH-ORG-002", "QH-ORG-001")
    result = validate(project)
    expected = "expected an id no other page has (organisation/index.md has it)"
    assert f"docs/organisation/raci.md, line 2, field 'document_id': {expected}" in result.stdout


def test_the_title_must_match_the_page_heading(project: Path) -> None:
    replace_text(project / "docs" / "index.md", "title: Home", "title: Start")
    assert 'ERROR docs/index.md, line 12, field \'title\': expected the page heading to match the title "Start", found "Home"' in (
        validate(project).stdout
    )


def test_an_obsolete_page_must_name_a_successor_in_force(project: Path) -> None:
    old = project / "docs" / "plan" / "commitments-2025.md"
    replace_text(old, "superseded_by: QH-PLAN-003", "superseded_by: QH-PLAN-900")
    assert "docs/plan/commitments-2025.md, line 10, field 'superseded_by': expected the document_id of a page in force" in (
        validate(project).stdout
    )
    replace_text(old, "superseded_by: QH-PLAN-900\n", "")
    assert "field 'superseded_by': expected the document_id of the page that replaces this obsolete one" in validate(project).stdout


def test_the_next_review_counts_months_from_the_last_review() -> None:
    documents, _ = load_documents(ROOT / "tests" / "fixtures" / "minimal" / "docs")
    home = next(d for d in documents if d.path == "index.md")
    assert next_review(home.control) == date(2027, 1, 1)


def test_an_overdue_review_is_warned_in_the_build_and_on_the_page(project: Path, tmp_path: Path) -> None:
    replace_text(project / "docs" / "index.md", "effective: 2026-01-01", "effective: 2025-06-30")
    result = validate(project)
    assert result.returncode == 0
    assert "WARNING docs/index.md, line 8, field 'reviewed': expected a review by 2026-06-30 (every 12 months)" in result.stdout
    mkdocs_build(project, tmp_path / "site", tmp_path / "cache")
    home = soup_of(tmp_path / "site" / "index.html").article
    assert "Review overdue" in home.get_text() and "next review 2026-06-30" in home.select_one(".doc-control").get_text()


def test_each_page_shows_its_identity_block_under_its_title(real_site: Path) -> None:
    documents, _ = load_documents(ROOT / "docs")
    for doc in documents:
        html = real_site / (doc.path.removesuffix(".md").removesuffix("index") + "/index.html").lstrip("/")
        if doc.path == "index.md":
            html = real_site / "index.html"
        block = soup_of(html).article.select_one("h1 + .doc-control")
        assert block is not None, doc.path
        text = block.get_text(" ", strip=True)
        assert doc.control.document_id in text and f"version {doc.control.version}" in text and doc.control.status in text


def test_a_generated_page_is_controlled_as_part_of_its_section(real_site: Path) -> None:
    block = soup_of(real_site / "kpis" / "on_time_shipment" / "index.html").article.select_one(".doc-control")
    assert "Part of QH-KPI-001" in block.get_text(" ", strip=True)


def test_the_register_lists_every_document_and_obsolete_pages_stay_out_of_search(fixture_site: Path, project: Path) -> None:
    rows = soup_of(fixture_site / "about" / "documents" / "index.html").article.select("table tbody tr")
    ids = [r.find("td").get_text(strip=True) for r in rows]
    assert sorted(ids) == sorted(d.control.document_id for d in load_documents(project / "docs")[0])
    old = soup_of(fixture_site / "plan" / "commitments-2025" / "index.html").article.get_text(" ", strip=True)
    assert "Obsolete: do not use" in old and "QH-PLAN-003" in old
    assert "commitments-2025" not in (fixture_site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_content_changed_after_its_version_was_set_is_reported(repo: Path) -> None:
    page = repo / "docs" / "organisation" / "raci.md"
    replace_text(page, "# Who does what\n", "# Who does what\n\nA new paragraph.\n")
    git(repo, "commit", "-qam", "Edit RACI without a new version")
    documents, _ = load_documents(repo / "docs")
    (warning,) = unbumped_warnings(repo, documents, read_history(repo))
    assert warning.file == "docs/organisation/raci.md" and warning.field == "version" and warning.severity == "warning"
    assert warning.found == f"content changed in {git(repo, 'rev-parse', '--short', 'HEAD')}"
    replace_text(page, 'version: "1.0"', 'version: "1.1"')
    git(repo, "commit", "-qam", "Raise the RACI version")
    assert unbumped_warnings(repo, load_documents(repo / "docs")[0], read_history(repo)) == []


def test_recording_a_review_needs_no_new_version(repo: Path) -> None:
    replace_text(repo / "docs" / "organisation" / "raci.md", "review_every: 12 months\n", "review_every: 12 months\nreviewed: 2026-11-01\n")
    git(repo, "commit", "-qam", "Reviewed, no change")
    assert unbumped_warnings(repo, load_documents(repo / "docs")[0], read_history(repo)) == []


def test_the_pull_request_check_fails_on_a_page_changed_without_a_new_version(repo: Path) -> None:
    copy_scripts(repo, "changes")
    replace_text(repo / "docs" / "risks" / "index.md", "# Risks\n", "# Risks\n\nOne more sentence.\n")
    result = run(script("changes", "main", "--pr"), repo)
    assert result.returncode == 1
    assert "- `docs/risks/index.md`: the content changed but `version` is still 1.0" in result.stdout
