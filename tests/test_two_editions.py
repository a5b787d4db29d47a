"""Two editions from one source: Chinese at the site root, English under /en/, every page in both, the language
switch leading to the same page in the other edition, and a page's two files one controlled document."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from helpers import ROOT, column_rows, git, mkdocs_build, replace_text, run, script, soup_of

from macros.audit.document_control import edition_documents, load_documents
from macros.audit.revision_history import read_history
from macros.data.problems import Code
from macros.i18n.editions import languages
from macros.i18n.messages import gettext, writing

FRONT = """---
document_id: QH-TWO-001
title: {title}
version: "{version}"
status: approved
owner: quality
approver: quality
effective: 2026-01-01
review_every: 12 months
---

# {title}
"""


def pages(edition: Path) -> set[str]:
    """The HTML pages of one edition, relative to its folder (the root edition without the other's folder)."""
    found = {p.relative_to(edition).as_posix() for p in edition.rglob("*.html")}
    return {p for p in found if not p.startswith("en/")} - {"404.html"}  # one not-found page serves the site


def page_file(docs: Path, name: str, title: str, version: str = "1.0") -> None:
    docs.mkdir(parents=True, exist_ok=True)
    (docs / name).write_text(FRONT.format(title=title, version=version), encoding="utf-8")


def test_the_handbook_publishes_chinese_first_and_english_beside_it() -> None:
    assert languages(ROOT) == ("zh", "en")


def test_every_page_exists_in_both_editions(zh_site: Path) -> None:
    chinese, english = pages(zh_site), pages(zh_site / "en")
    assert len(english) > 70
    assert chinese == english


def test_each_edition_declares_its_own_language(zh_site: Path) -> None:
    langs = {edition: {soup_of(zh_site / folder / p).html["lang"] for p in pages(zh_site / folder)} for edition, folder in
             (("zh", ""), ("en", "en"))}  # fmt: skip
    assert langs == {"zh": {"zh"}, "en": {"en"}}


@pytest.mark.parametrize("page", ["index.html", "risks/index.html", "kpis/return_rate/index.html", "reports/2026-Q3/index.html"])
def test_the_language_switch_leads_to_the_same_page_in_the_other_edition(zh_site: Path, page: str) -> None:
    for here, there, lang in (("", "en/", "en"), ("en/", "", "zh")):
        link = soup_of(zh_site / here / page).select_one(f"a.md-select__link[hreflang={lang}]")
        target = urljoin(f"http://site/{here}{page}", link["href"])
        assert target.removeprefix("http://site/").removesuffix("index.html") + "index.html" == f"{there}{page}"


def test_a_page_without_its_translation_is_refused(tmp_path: Path) -> None:
    page_file(tmp_path / "docs", "a.en.md", "A")
    _, problems = load_documents(tmp_path / "docs", ("zh", "en"))
    assert [(p.code, p.file, p.field) for p in problems] == [(Code.MISSING_TRANSLATION, "docs/a.en.md", "language")]
    assert "docs/a.zh.md" in problems[0].expected


def test_a_translation_of_another_version_is_refused(tmp_path: Path) -> None:
    page_file(tmp_path / "docs", "a.en.md", "A", "1.1")
    page_file(tmp_path / "docs", "a.zh.md", "甲", "1.2")
    _, problems = load_documents(tmp_path / "docs", ("zh", "en"))
    assert [(p.code, p.file, p.field, p.found) for p in problems] == [(Code.TRANSLATION_DIFFERS, "docs/a.zh.md", "version", '"1.2"')]


def test_a_page_and_its_translation_are_one_document(tmp_path: Path) -> None:
    page_file(tmp_path / "docs", "a.en.md", "A")
    page_file(tmp_path / "docs", "a.zh.md", "甲")
    documents, problems = load_documents(tmp_path / "docs", ("zh", "en"))
    assert problems == []
    assert {(d.path, d.file, d.language) for d in documents} == {("a.md", "a.en.md", "en"), ("a.md", "a.zh.md", "zh")}
    assert [d.control.title for d in edition_documents(documents, "zh")] == ["甲"]
    assert [d.control.title for d in edition_documents(documents, "en")] == ["A"]


def test_validate_names_the_page_whose_translation_is_missing(tmp_path: Path) -> None:
    project = tmp_path / "handbook"
    for name in ("docs", "data", "sources"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    (project / "docs" / "risks" / "method.zh.md").unlink()
    result = run(script("validate", str(project / "data")), project)
    assert result.returncode == 1
    assert "docs/risks/method.en.md" in result.stdout and f"[{Code.MISSING_TRANSLATION}]" in result.stdout


def test_the_register_lists_each_document_once_in_each_edition(real_site: Path, zh_site: Path) -> None:
    def ids(edition: Path, lang: str) -> list[tuple[str, str]]:
        with writing(lang):
            key, version = gettext("ID"), gettext("Version")
        rows = column_rows(soup_of(edition / "about" / "documents" / "index.html"), key)
        return sorted((r[key], r[version]) for r in rows)

    english = ids(real_site, "en")
    assert len(english) == len({i for i, _ in english}) == len(list((ROOT / "docs").rglob("*.en.md")))
    assert ids(zh_site, "zh") == english


def test_a_page_history_has_the_commits_of_both_its_files_and_of_the_file_before_them(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    page_file(repo / "docs", "a.md", "A", "1.0")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "English page")
    git(repo, "mv", "docs/a.md", "docs/a.en.md")
    page_file(repo / "docs", "a.zh.md", "甲", "1.0")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Chinese edition")
    replace_text(repo / "docs" / "a.zh.md", "# 甲\n", "# 甲\n\n正文。\n")
    replace_text(repo / "docs" / "a.zh.md", '"1.0"', '"1.1"')
    replace_text(repo / "docs" / "a.en.md", '"1.0"', '"1.1"')
    git(repo, "commit", "-q", "-am", "Body")
    history = read_history(repo)
    assert [c.subject for c in history.of("docs/a.md")] == ["Body", "Chinese edition", "English page"]
    assert [v.version for v in history.versions_of("docs/a.md", "docs/a.zh.md")] == ["1.1", "1.0"]
    assert history.versions_of("docs/a.md")[-1].subject == "English page"  # a version as first set


def test_which_edition_is_at_the_root_is_one_setting(project: Path, tmp_path: Path) -> None:
    """The fixture handbook given two editions, English the default: English at the root, Chinese under /zh/."""
    for page in sorted((project / "docs").rglob("*.md")):
        page.rename(page.with_suffix(".en.md"))
        shutil.copy(page.with_suffix(".en.md"), page.with_suffix(".zh.md"))  # the same words: the layout is what is tested
    plugins = "plugins:\n  - search\n"
    two = (
        plugins + "  - i18n:\n      languages:\n        - {locale: zh, name: 中文}\n        - {locale: en, name: English, default: true}\n"
    )
    replace_text(project / "mkdocs.yml", plugins, two)
    assert languages(project) == ("en", "zh")
    mkdocs_build(project, tmp_path / "site", tmp_path / "cache")
    assert soup_of(tmp_path / "site" / "index.html").html["lang"] == "en"
    assert soup_of(tmp_path / "site" / "zh" / "risks" / "index.html").html["lang"] == "zh"
    assert pages(tmp_path / "site") - {p for p in pages(tmp_path / "site") if p.startswith("zh/")} == pages(tmp_path / "site" / "zh")


HAN = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_RUN = re.compile(r"[A-Za-z][a-z'’-]+(?:\s+[A-Za-z][a-z'’-]+){2,}")  # three English words or more in a row


def prose(page: Path) -> list[str]:
    """The page's prose: its paragraphs, list items, headings and notes, without code, tables of records, the identity
    block, and words marked as another language (`lang`: a name beside its translation, a source's quote)."""
    article = soup_of(page).select_one("article")
    for tag in article.select("code, pre, svg, table, .doc-control, [lang]"):
        tag.decompose()
    return [e.get_text(" ", strip=True) for e in article.select("p, li, h1, h2, h3, h4, h5, h6, .admonition-title, summary")]


def test_no_chinese_page_has_english_prose(zh_site: Path) -> None:
    mixed = {p: runs for p in sorted(pages(zh_site)) if (runs := [m for t in prose(zh_site / p) for m in ENGLISH_RUN.findall(t)])}
    assert mixed == {}


def test_no_english_page_has_chinese_prose(real_site: Path) -> None:
    mixed = {p: found for p in sorted(pages(real_site)) if (found := [t for t in prose(real_site / p) if HAN.search(t)])}
    assert mixed == {}
