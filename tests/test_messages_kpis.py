"""The KPI pages, tiles and summary, their charts and the provenance line in Chinese: every word the code writes comes
from the kpis and render catalogues, data names come from the data in Chinese, and anchors stay as they were."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, TODAY, english_words, soup_of

from macros.audit.validation import check
from macros.i18n.messages import catalogue, writing
from macros.kpis.status import AT_RISK, BREACHED, MET, NO_DATA, STALE
from macros.kpis.views.control import signals_table
from macros.render.charts import TrendInput, trend_svg

WORD = re.compile(r"[A-Za-z]{4,}")


def kpi_pages(site: Path) -> list[BeautifulSoup]:
    """Each KPI page's article up to its revision history, which another package writes."""
    pages = []
    for k in yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8")):
        page = soup_of(site / "kpis" / k["id"] / "index.html")
        history = page.article.select_one("h2#revision-history")
        for later in [history, *history.find_next_siblings()]:
            later.decompose()
        pages.append(page)
    return pages


def shown_words(texts: list[str]) -> set[str]:
    return {w for t in texts for w in WORD.findall(t)}


def test_in_chinese_the_kpi_pages_headings_and_table_headings_use_no_english_word(zh_site: Path) -> None:
    texts = [h.get_text(" ", strip=True) for page in kpi_pages(zh_site) for h in page.article.select("h2, th")]
    assert texts and shown_words(texts) & english_words("kpis", "render") == set()


def test_in_chinese_the_charts_legends_and_axes_use_no_english_word(zh_site: Path) -> None:
    texts = [t.get_text(" ", strip=True) for page in kpi_pages(zh_site) for t in page.article.select("figure svg text")]
    assert texts and shown_words(texts) & english_words("kpis", "render") == set()


def test_in_chinese_every_status_badge_says_its_status_in_the_catalogues_chinese(zh_site: Path) -> None:
    said = {catalogue("zh")[s.word].string for s in (MET, AT_RISK, BREACHED, NO_DATA, STALE)}
    badges = soup_of(zh_site / "kpis" / "index.html").article.select("table .status")
    assert badges and {b.get_text(strip=True).split(" ", 1)[1] for b in badges} <= said


def test_in_chinese_the_kpi_summary_names_kpis_and_owners_as_the_data_names_them_in_chinese(zh_site: Path) -> None:
    kpis = yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8"))
    org = yaml.safe_load((ROOT / "data" / "org.yml").read_text(encoding="utf-8"))
    departments = {d["id"]: d["name"]["zh"] for d in org["departments"]}
    table = soup_of(zh_site / "kpis" / "index.html").article.select_one("table")
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")[:2]] for tr in table.select("tbody tr")]
    assert rows == [[k["name"]["zh"], departments[k["owner"]]] for k in kpis]


def test_in_chinese_a_kpi_page_keeps_the_anchors_other_pages_link_to(zh_site: Path) -> None:
    page = soup_of(zh_site / "kpis" / "return_rate" / "index.html")
    ids = {h["id"] for h in page.article.select("h2[id]")}
    assert {"trend", "control-chart", "last-12-periods", "by-quarter", "by-year"} <= ids


def test_in_chinese_the_provenance_line_is_the_catalogues_sentence(zh_site: Path) -> None:
    opening = catalogue("zh")["Data: {files}; as of {period}; data commit {commit}."].string.split("{files}")[0]
    lines = [s.get_text(" ", strip=True) for s in soup_of(zh_site / "kpis" / "index.html").article.select("small")]
    assert lines and all(line.startswith(opening) for line in lines if "SHA-256" in line)


def test_in_chinese_a_signals_table_describes_each_signal_without_english() -> None:
    result = check(ROOT / "data", date.fromisoformat(TODAY))
    controls = [f.control for f in result.facts if f.control is not None and f.control.signals]
    with writing("zh"):
        tables = [signals_table(c) for c in controls]
    assert controls and shown_words(tables) & english_words("kpis", "render") == set()


def test_a_chart_drawn_in_one_language_is_never_served_from_the_cache_to_the_other(tmp_path: Path) -> None:
    chart = TrendInput(periods=("2026-09", "2026-10"), values=(1.0, 2.0), target=1.5, warning=None, stretch=None,
                       conflicting=(), unit_label="count", description="d")  # fmt: skip
    english = trend_svg(chart, tmp_path)
    with writing("zh"):
        chinese = trend_svg(chart, tmp_path)
    value = catalogue("zh")["value"].string
    assert ">value</text>" in english and f">{value}</text>" in chinese and ">value</text>" not in chinese
