"""The quarterly reports, the generated pages' titles, the PDF title page and the site checks in Chinese: every
sentence and heading from the catalogues, and data names in the edition's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, soup_of

from macros.built.accessibility import accessibility_problems
from macros.built.links import link_problems
from macros.built.pages import read_site
from macros.built.pdf_pack import pack_html
from macros.built.pdf_title import title_page_from_manifest
from macros.data.periods import periods_within
from macros.i18n.formats import month, quarter
from macros.i18n.messages import catalogue_path, writing
from macros.kpis.status import AT_RISK, BREACHED, MET

REPORT = "2026-Q3"  # a closed quarter whose record keeps actions opened and partners needing action


def messages(package: str, skip: str = "alerts") -> dict[str, str]:
    """A package's messages and their Chinese, by English singular (the alerts have their own tests)."""
    from babel.messages.pofile import read_po

    with catalogue_path("zh", package).open("rb") as po:
        found = read_po(po, locale="zh")
    return {
        (m.id if isinstance(m.id, str) else m.id[0]): (m.string if isinstance(m.string, str) else m.string[0])
        for m in found
        if m.id and not all(skip in where for where, _ in m.locations)
    }


def phrases(message: str) -> list[str]:
    """The runs of two English words or more between a message's placeholders: what must not show in Chinese."""
    return [p.strip() for part in re.split(r"\{[^}]*\}", message) for p in re.findall(r"[A-Za-z][A-Za-z' -]*[A-Za-z]", part) if " " in p]


def said_by(text: str, translations: set[str]) -> bool:
    """Whether `text` is one of the translations, its placeholders filled with anything."""
    return any(re.fullmatch(".+".join(map(re.escape, re.split(r"\{[^}]*\}", t))), text) for t in translations)


def names(file: str, key: str | None = None) -> dict[str, str]:
    rows = yaml.safe_load((ROOT / "data" / file).read_text(encoding="utf-8"))
    return {r["id"]: r["name"]["zh"] for r in (rows[key] if key else rows)}


def section(soup: BeautifulSoup, heading: str) -> list:
    """The elements under an h2 of the article, up to the next h2."""
    start = next(h for h in soup.article.select("h2") if h.get_text(strip=True).rstrip("¶") == heading)
    out = []
    for sibling in start.find_next_siblings():
        if sibling.name == "h2":
            break
        out.append(sibling)
    return out


@pytest.fixture(scope="module")
def report_page(zh_site: Path) -> BeautifulSoup:
    return soup_of(zh_site / "reports" / REPORT / "index.html")


def own_text(page: Path) -> str:
    """The article's text without what other packages write into it: the KPI status words (kpis.status: badges and
    the chart's series) and the revision history."""
    article = soup_of(page).article
    for badge in article.select("span.status"):
        if badge.get_text(strip=True)[:1] in "✔▲✖":
            badge.decompose()
    for chart in article.select("svg"):
        chart.decompose()
    history = article.find("h2", id="revision-history")
    for element in [history, *history.find_next_siblings()] if history else []:
        element.decompose()
    return " ".join(article.get_text(" ").split())


def test_in_chinese_a_report_shows_no_english_phrase_of_the_reports_messages(zh_site: Path) -> None:
    status_words = {s.label for s in (MET, AT_RISK, BREACHED)}  # kpis.status's, translated there
    english = {p for m in messages("reports") for p in phrases(m) if not p.startswith("make ")} - status_words  # a command stays as typed
    for page in sorted((zh_site / "reports").glob("*/index.html")):
        text = own_text(page)
        assert english and {p for p in english if p in text} == set(), page


def test_in_chinese_a_reports_headings_are_the_catalogues(report_page: BeautifulSoup) -> None:
    zh = set(messages("reports").values())
    mine = [h.get_text(strip=True).rstrip("¶") for h in report_page.article.select("h2")]
    ours = [h for h in mine if h in zh]
    assert len(ours) >= 8 and all(re.search(r"[A-Za-z]{3,}", h) is None for h in ours)


def test_in_chinese_the_report_tables_have_chinese_headers(report_page: BeautifulSoup) -> None:
    zh = messages("reports")
    headers = set(zh.values())
    # The revision history under the report is the audit package's (tests/test_messages_plan.py).
    ours = [t for t in report_page.article.select("table") if (t.find_previous("h2") or {}).get("id") != "revision-history"]
    tables = [t for t in ours if t.th and t.th.get_text(strip=True) in headers]
    cells = {th.get_text(strip=True) for t in tables for th in t.select("thead th")}
    previous = yaml.safe_load((ROOT / "data" / "records" / f"{REPORT}.yml").read_text(encoding="utf-8"))["previous"]
    with writing("zh"):  # a column per quarter or month, headed as the Chinese edition writes them
        periods = {quarter(q) for q in (previous, REPORT)} | {month(m) for m in periods_within(REPORT, "quarterly", "monthly")}
    assert len(tables) >= 6 and {c for c in cells if c not in periods and not said_by(c, headers) and c != "SHA-256"} == set()


def test_in_chinese_a_report_names_its_kpis_in_chinese(report_page: BeautifulSoup) -> None:
    kpi = messages("reports")["KPI"]
    table = section(report_page, messages("reports")["KPI results against targets"])[0]
    shown = [tr.td.get_text(strip=True) for tr in table.select("tbody tr")]
    ids = [a["href"].rstrip("/").split("/")[-1] for a in table.select("tbody tr td:first-child a")]
    assert table.th.get_text(strip=True) == kpi and shown == [names("kpis.yml")[i] for i in ids] and len(ids) > 10


def test_in_chinese_a_report_names_the_partners_needing_action_in_chinese(report_page: BeautifulSoup) -> None:
    record = yaml.safe_load((ROOT / "data" / "records" / f"{REPORT}.yml").read_text(encoding="utf-8"))["sections"]
    expected = [f"{p['id']} {names('suppliers.yml', 'suppliers')[p['id']]}" for p in record["suppliers"]["needing"]]
    expected += [f"{p['id']} {names('merchants.yml', 'merchants')[p['id']]}" for p in record["merchants"]["needing"]]
    needing = messages("reports")["Needing action ({n})"].split("（")[0]
    tables = [t for t in report_page.article.select("table") if t.th and t.th.get_text(strip=True).startswith(needing)]
    shown = [tr.td.get_text(" ", strip=True) for t in tables for tr in t.select("tbody tr")]
    assert expected and shown == expected


def test_in_chinese_a_report_names_the_owners_of_corrective_actions_in_chinese(report_page: BeautifulSoup) -> None:
    org = yaml.safe_load((ROOT / "data" / "org.yml").read_text(encoding="utf-8"))["departments"]
    by_english = {d["name"]["en"]: d["name"]["zh"] for d in org}
    record = yaml.safe_load((ROOT / "data" / "records" / f"{REPORT}.yml").read_text(encoding="utf-8"))["sections"]
    zh = messages("reports")
    table = next(t for t in report_page.article.select("table") if t.th and t.th.get_text(strip=True) == zh["Action"])
    column = [th.get_text(strip=True) for th in table.select("thead th")].index(zh["Owner"])
    shown = [tr.select("td")[column].get_text(strip=True) for tr in table.select("tbody tr")]
    assert shown == [by_english[a["owner"]] for a in record["opened"]]


def test_in_chinese_the_reports_index_and_the_navigation_title_each_report_in_chinese(zh_site: Path) -> None:
    title = messages("reports")["Quality report {quarter}"]
    quarters = sorted(p.parent.name for p in (zh_site / "reports").glob("*/index.html"))
    index = soup_of(zh_site / "reports" / "index.html")
    linked = {a.get_text(strip=True) for a in index.article.select("table a")}
    nav = {a.get_text(strip=True) for a in index.select("nav a")}
    with writing("zh"):
        titles = {title.format(quarter=quarter(q)) for q in quarters}
    assert quarters and titles <= linked & nav


def test_in_chinese_a_kpi_page_is_titled_with_its_chinese_name(zh_site: Path) -> None:
    for kpi, name in names("kpis.yml").items():
        h1 = soup_of(zh_site / "kpis" / kpi / "index.html").article.h1.get_text(strip=True).rstrip("¶")
        assert h1 == name


def test_in_chinese_the_pdf_title_page_has_chinese_labels(zh_site: Path) -> None:
    manifest = json.loads((zh_site / "manifest.json").read_text(encoding="utf-8"))
    zh = messages("built")
    with writing("zh"):
        pack = BeautifulSoup(pack_html(zh_site, ["index.html"], title_page_from_manifest(manifest)), "html.parser")
    labels = [th.get_text(strip=True) for th in pack.select("section.title-page th")]
    text = pack.select_one("section.title-page").get_text(" ")
    assert pack.html["lang"] == "zh-Hans" and pack.select_one("nav.toc h1").get_text() == zh["Contents"]
    assert labels and all(label in zh.values() for label in labels)
    assert [p for m in zh for p in phrases(m) if p in text] == []


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    """One page with a link to nothing, a table without a header row and a chart with no text."""
    (tmp_path / "index.html").write_text(
        '<html><body><article class="md-content__inner"><h1>Home</h1><a href="gone/">x</a>'
        "<table><tr><td>1</td></tr></table><figure><svg></svg></figure></article></body></html>",
        encoding="utf-8",
    )
    return tmp_path


def test_in_chinese_the_site_checks_say_what_they_expected_and_found_in_chinese(broken_site: Path) -> None:
    zh = set(messages("built").values())
    with writing("zh"):
        pages = read_site(broken_site)
        problems = link_problems(pages) + accessibility_problems(pages)
    english = {p for m in messages("built") for p in phrases(m)}
    said = " ".join(f"{p.where} {p.expected} {p.found}" for p in problems)
    assert len(problems) >= 4 and [p for p in english if p in said] == []
    assert all(said_by(p.expected, zh) for p in problems)
