"""Provenance that clicks: data files and commits link to the repository, every page can be viewed and edited at its
source, and every generated table offers its rows as a CSV written at build time."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from helpers import git, mkdocs_build, soup_of

from macros.audit.git import web_address

REMOTE, WEB = "git@github.com:acme/quality-handbook.git", "https://github.com/acme/quality-handbook"


@pytest.fixture
def linked_site(repo: Path, tmp_path: Path) -> Path:
    """The fixture handbook built from a clone whose origin remote is on GitHub."""
    git(repo, "remote", "add", "origin", REMOTE)
    site = tmp_path / "linked"
    mkdocs_build(repo, site, tmp_path / "cache")
    return site


def provenance_code(site: Path, page: str) -> list:
    """The file names in the provenance lines of a page: each <code> that names a file under data/."""
    return [code for small in soup_of(site / page).select("article small") for code in small.select("code")
            if code.get_text().startswith("data/")]  # fmt: skip


REMOTES = [REMOTE, f"{WEB}.git", "https://bot:ghp_secret@github.com/acme/quality-handbook", "ssh://git@github.com/acme/quality-handbook"]


@pytest.mark.parametrize("remote", REMOTES)
def test_the_repository_address_comes_from_the_origin_remote_without_credentials(repo: Path, remote: str) -> None:
    git(repo, "remote", "add", "origin", remote)
    assert web_address(repo) == WEB


def test_a_local_remote_gives_no_repository_address(repo: Path, tmp_path: Path) -> None:
    git(repo, "remote", "add", "origin", str(tmp_path))
    assert web_address(repo) is None


def test_each_data_file_in_a_provenance_line_links_to_that_file_at_the_data_commit(repo: Path, linked_site: Path) -> None:
    commit = git(repo, "log", "-1", "--format=%h", "--", "data")
    files = provenance_code(linked_site, "risks/index.html")
    assert files
    for code in files:
        assert code.parent.name == "a" and code.parent["href"] == f"{WEB}/blob/{commit}/{code.get_text()}"
    commits = [a["href"] for a in soup_of(linked_site / "risks/index.html").select("article small a") if "/commit/" in a["href"]]
    assert commits and set(commits) == {f"{WEB}/commit/{commit}"}


def test_with_uncommitted_data_no_link_claims_a_commit_has_the_files_shown(repo: Path, tmp_path: Path) -> None:
    git(repo, "remote", "add", "origin", REMOTE)
    risks = repo / "data" / "risks.yml"
    risks.write_text(risks.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    mkdocs_build(repo, tmp_path / "site", tmp_path / "cache")
    files = provenance_code(tmp_path / "site", "risks/index.html")
    assert files and all(code.parent.name != "a" for code in files)


def test_without_a_repository_address_provenance_names_files_as_text(fixture_site: Path) -> None:
    files = provenance_code(fixture_site, "risks/index.html")
    assert files and all(code.parent.name != "a" for code in files)
    assert not soup_of(fixture_site / "risks/index.html").select("a.md-content__button")


@pytest.mark.parametrize(("page", "source"), [("risks/index.html", "docs/risks/index.md"), ("kpis/returns/index.html", "data/kpis.yml")],
                         ids=["a written page", "a page generated from data"])  # fmt: skip
def test_every_page_offers_view_source_and_edit_at_the_file_it_comes_from(linked_site: Path, page: str, source: str) -> None:
    buttons = {a["href"] for a in soup_of(linked_site / page).select("a.md-content__button")}
    assert buttons == {f"{WEB}/edit/main/{source}", f"{WEB}/raw/main/{source}"}


def shown_rows(table) -> list[list[str]]:
    """Each cell's text as a reader sees it: a line break reads as a space."""
    for br in table.select("br"):
        br.replace_with(" ")
    return [[re.sub(r"\s+", " ", cell.get_text()).strip() for cell in tr.select("th, td")] for tr in table.select("tr")]


def test_every_generated_table_offers_exactly_its_rows_as_a_csv_beside_the_page(real_site: Path) -> None:
    """Checked on every page of the real handbook: the link under each table leads to a CSV of what the table shows."""
    offered = 0
    for page in real_site.rglob("*.html"):
        for link in soup_of(page).select("article p.table-csv a[download]"):
            table = link.find_parent("p").find_previous("table")
            text = (page.parent / link["href"]).read_text(encoding="utf-8")
            assert text.startswith("\ufeff"), page  # Excel opens the Chinese names as UTF-8
            rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
            assert rows == shown_rows(table), (page, link["href"])
            offered += 1
    assert offered > 100


def test_the_risk_register_and_partner_tables_are_offered_as_csv(real_site: Path) -> None:
    for page in ("risks/index.html", "partners/suppliers/index.html", "partners/merchants/index.html", "about/documents/index.html"):
        tables = soup_of(real_site / page).select("article table:not(.heat-map)")
        with_csv = [t for t in tables if (nxt := t.find_next_sibling()) is not None and "table-csv" in (nxt.get("class") or [])]
        assert tables and len(with_csv) == len(tables), page
