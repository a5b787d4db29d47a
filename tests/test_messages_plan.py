"""The plan's and the audit trail's generated text in Chinese: identity blocks, tables, status words and warnings come
from the plan and audit catalogues, and the data's names are shown in Chinese."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml
from helpers import ROOT, english_words, soup_of

from macros.audit.document_control import load_documents, review_warnings
from macros.audit.validation import check
from macros.data.problems import Code
from macros.i18n.messages import writing

PLAN_PAGES = ("plan/roadmap", "actions", "organisation/calendar", "organisation/raci", "organisation", "procedures",
              "plan/commitments", "plan/cost-benefit", "about/documents")  # fmt: skip
WORD = re.compile(r"[A-Za-z]{4,}")
CODE = re.compile(r"\S*[/_`]\S*")  # a file name, a field or a command: the same in every language


def words_in(text: str) -> set[str]:
    return set(WORD.findall(CODE.sub(" ", text)))


def zh_names(file: str, key: str = "name", within: str | None = None) -> set[str]:
    data = yaml.safe_load((ROOT / "data" / file).read_text(encoding="utf-8"))
    records = data[within] if within else data
    return {r[key]["zh"] for r in records}


def page(site: Path, path: str):  # noqa: ANN201 - a BeautifulSoup tag
    return soup_of(site / path / "index.html").article


def test_in_chinese_every_identity_block_has_no_english_word_and_names_its_departments_in_chinese(zh_site: Path) -> None:
    documents, _ = load_documents(ROOT / "docs")
    departments = {d["id"]: d["name"]["zh"] for d in yaml.safe_load((ROOT / "data" / "org.yml").read_text(encoding="utf-8"))["departments"]}
    blocks = 0
    for doc in documents:
        path = doc.path.removesuffix(".md").removesuffix("index").rstrip("/")
        block = soup_of(zh_site / path / "index.html").article.select_one(".doc-control")
        block.strong.decompose()  # the document id
        shown = words_in(block.get_text(" "))
        assert shown & english_words("audit") == set(), doc.path
        names = [a.get_text(strip=True) for a in block.select("a")]
        assert names == [departments[doc.control.owner], departments[doc.control.approver]], doc.path
        blocks += 1
    assert blocks == len(documents) > 0


def test_in_chinese_the_plan_and_audit_tables_have_no_english_heading(zh_site: Path) -> None:
    words = english_words("plan", "audit")
    for path in PLAN_PAGES:
        headings = [th.get_text(" ", strip=True) for th in page(zh_site, path).select("th")]
        assert headings and words_in(" ".join(headings)) & words == set(), path


def test_in_chinese_status_words_of_actions_roadmap_calendar_and_commitments_are_translated(zh_site: Path) -> None:
    words = english_words("plan", "audit")
    for path in ("actions", "plan/roadmap", "organisation/calendar", "plan/commitments", "about/documents"):
        badges = [s.get_text(" ", strip=True) for s in page(zh_site, path).select(".status")]
        assert badges and words_in(" ".join(badges)) & words == set(), path


def test_in_chinese_the_roadmap_names_owners_and_procedures_in_chinese(zh_site: Path) -> None:
    table = page(zh_site, "plan/roadmap").select_one("table")
    owners = {row.select("td")[2].get_text(strip=True) for row in table.select("tbody tr")}
    procedures = {a.get_text(strip=True) for row in table.select("tbody tr") for a in row.select("td")[5].select("a")}
    assert owners and owners <= zh_names("org.yml", within="departments")
    assert procedures <= zh_names("procedures.yml")


def test_in_chinese_the_calendar_and_the_procedure_index_name_activities_and_procedures_in_chinese(zh_site: Path) -> None:
    calendar = page(zh_site, "organisation/calendar").select_one("table")
    activities = [row.select("td")[1].get_text(strip=True) for row in calendar.select("tbody tr")]
    assert activities and set(activities) == zh_names("org.yml", within="cadences")
    index = page(zh_site, "procedures").select_one("table")
    procedures = [row.select("td")[0].get_text(strip=True) for row in index.select("tbody tr")]
    assert procedures and set(procedures) == zh_names("procedures.yml")


def test_in_chinese_the_commitments_lead_with_their_chinese_names(zh_site: Path) -> None:
    rows = page(zh_site, "plan/commitments").select_one("table").select("tbody tr")
    leading = {row.td.strong.get_text(strip=True) for row in rows}
    assert leading and leading == zh_names("commitments.yml")


def test_in_chinese_the_overdue_warnings_of_the_plan_use_no_english_word_of_its_messages(project: Path) -> None:
    with writing("zh"):
        result = check(project / "data", date(2100, 1, 1))  # by then every open item and activity is overdue
    overdue = [p for p in result.problems if p.code == Code.OVERDUE and p.file.endswith(("roadmap.yml", "capa.yml", "org.yml"))]
    shown = {w for p in overdue for w in words_in(f"{p.expected} {p.found}")}
    assert {Path(p.file).name for p in overdue} == {"roadmap.yml", "capa.yml", "org.yml"}
    assert shown & english_words("plan") == set()


def test_in_chinese_an_overdue_document_review_is_warned_of_without_english_words(project: Path) -> None:
    documents, _ = load_documents(project / "docs")
    with writing("zh"):
        warnings = review_warnings(documents, date(2100, 1, 1))
    shown = {w for p in warnings for w in words_in(f"{p.expected} {p.found}")}
    assert warnings and shown & english_words("audit") == set()
