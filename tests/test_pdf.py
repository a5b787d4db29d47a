"""The PDF audit pack: pages in navigation order, links kept inside the document, and the real handbook rendered."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, require_system, run, script

from macros.built.pdf_pack import TitlePage, pack_html, title_page_from_manifest
from macros.kpis.units import fmt
from macros.site.page_plan import nav_order
from scripts.pdf import cjk_font_installed

TITLE = TitlePage("Tiny handbook", "2026.1", "abc1234", "abc1234" + "0" * 33, datetime(2026, 11, 21, 9, 30, tzinfo=UTC))

# Material's primary navigation as it renders it, which the pack leaves out: the home page's own table of contents
# nested in its entry, a section whose index page is its link (navigation.indexes), an external link.
NAV = """
<nav class="md-nav md-nav--primary" aria-label="Navigation" data-md-level="0">
  <label class="md-nav__title"><a href="." class="md-nav__button md-logo">logo</a>Tiny handbook</label>
  <ul class="md-nav__list">
    <li class="md-nav__item md-nav__item--active"><a href="." class="md-nav__link">Home</a>
      <nav class="md-nav md-nav--secondary"><ul><li><a href="#where-we-stand" class="md-nav__link">Where we stand</a></li></ul></nav>
    </li>
    <li class="md-nav__item md-nav__item--nested">
      <div class="md-nav__link md-nav__container"><a href="kpis/" class="md-nav__link">KPIs</a></div>
      <nav class="md-nav" data-md-level="1"><ul class="md-nav__list">
        <li class="md-nav__item"><a href="kpis/on_time_shipment/" class="md-nav__link">On-time shipment</a></li>
      </ul></nav>
    </li>
    <li class="md-nav__item"><a href="https://example.org/" class="md-nav__link">Elsewhere</a></li>
    <li class="md-nav__item"><a href="kpis/" class="md-nav__link">KPIs again</a></li>
  </ul>
</nav>
"""

HOME = """
<h1 id="tiny-handbook">Tiny handbook<a class="headerlink" href="#tiny-handbook" title="Permanent link">&para;</a></h1>
<h2 id="where-we-stand">Where we stand<a class="headerlink" href="#where-we-stand" title="Permanent link">&para;</a></h2>
<p>See <a href="kpis/on_time_shipment/#trend">the shipment trend</a>, <a href="kpis/">all KPIs</a>
and <a href="#where-we-stand">this section</a>.</p>
<script>console.log("screen only")</script>
"""

KPIS = """
<a href="https://github.com/x/edit/docs/kpis/index.md" title="Edit this page" class="md-content__button md-icon">edit</a>
<h1 id="kpis">KPIs<a class="headerlink" href="#kpis" title="Permanent link">&para;</a></h1>
<h2 id="where-we-stand">Where we stand<a class="headerlink" href="#where-we-stand" title="Permanent link">&para;</a></h2>
<p><a href="../">Home</a> · <a href="../index.html#where-we-stand">home summary</a> · <a href="on_time_shipment/">On-time</a></p>
<table><tr><th>KPI</th><th>Target</th></tr><tr><td>On-time shipment rate</td><td>≥ 98.0 %</td></tr></table>
"""

KPI = """
<h1 id="on-time-shipment-rate">On-time shipment rate<a class="headerlink" href="#on-time-shipment-rate">&para;</a></h1>
<p>发货及时率 · <a href="../../organisation/#logistics">Logistics</a> · <a href="https://example.org/s3">S3</a></p>
<h2 id="trend">Trend<a class="headerlink" href="#trend" title="Permanent link">&para;</a></h2>
<figure class="kpi-chart"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50">
 <defs><path id="m1" d="M 0 0 L 0 3"/><clipPath id="clip1"><rect x="0" y="0" width="100" height="50"/></clipPath></defs>
 <g id="figure_1"><path d="M 0 50 L 100 0" clip-path="url(#clip1)"/><use xlink:href="#m1" x="10" y="40"/></g>
</svg><figcaption>Trend of the on-time shipment rate.</figcaption></figure>
"""


def material_page(article: str, depth: int) -> str:
    """A page shaped like Material's: header, primary navigation, then the article."""
    up = "../" * depth
    return (
        f'<!doctype html><html><head><title>Page - Tiny handbook</title><link rel="stylesheet" href="{up}assets/stylesheets/main.css">'
        f'</head><body><header class="md-header"><form class="md-search__form"><input name="query"></form></header>'
        f'<div class="md-sidebar md-sidebar--primary">{NAV if depth == 0 else ""}</div>'
        f'<div class="md-content"><article class="md-content__inner md-typeset">{article}</article></div></body></html>'
    )


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for page, article in {"index.html": HOME, "kpis/index.html": KPIS, "kpis/on_time_shipment/index.html": KPI}.items():
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text(material_page(article, page.count("/")), encoding="utf-8")
    return site


# The navigation as mkdocs.yml gives it (generated pages added): a section whose index page comes first, an external
# link and a page listed twice.
TINY_NAV = [{"Home": "index.md"}, {"KPIs": ["kpis/index.md", {"On-time shipment": "kpis/on_time_shipment.md"}]},
            {"Elsewhere": "https://example.org/"}, {"KPIs again": "kpis/index.md"}]  # fmt: skip
TINY_PAGES = nav_order(TINY_NAV)


def packed(site: Path, title: TitlePage = TITLE) -> BeautifulSoup:
    return BeautifulSoup(pack_html(site, TINY_PAGES, title), "html.parser")


def test_the_pack_follows_the_navigation_without_duplicates_or_other_sites() -> None:
    assert TINY_PAGES == ["index.html", "kpis/index.html", "kpis/on_time_shipment/index.html"]
    assert nav_order(TINY_NAV, directory_urls=False) == ["index.html", "kpis/index.html", "kpis/on_time_shipment.html"]


def test_links_between_pages_become_links_inside_the_document(tiny_site: Path) -> None:
    soup = packed(tiny_site)
    hrefs = {a.get_text(strip=True): a["href"] for a in soup.select("section.page a[href]")}
    assert hrefs["the shipment trend"] == "#kpis-on_time_shipment--trend"
    assert hrefs["all KPIs"] == "#kpis"
    assert hrefs["this section"] == "#home--where-we-stand"
    assert hrefs["Home"] == "#home"
    assert hrefs["home summary"] == "#home--where-we-stand"
    assert hrefs["S3"] == "https://example.org/s3"
    assert "Logistics" not in hrefs  # its page is not in the pack: kept as text, not as a link to nowhere
    targets = {el["id"] for el in soup.find_all(id=True)}
    assert {href[1:] for href in hrefs.values() if href.startswith("#")} <= targets


def test_ids_are_unique_across_pages_after_prefixing(tiny_site: Path) -> None:
    ids = [str(el["id"]) for el in packed(tiny_site).find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert {"home--where-we-stand", "kpis--where-we-stand"} <= set(ids)  # both pages had id="where-we-stand"


def test_permalinks_edit_buttons_scripts_and_search_are_removed(tiny_site: Path) -> None:
    soup = packed(tiny_site)
    assert not soup.select("a.headerlink, a.md-content__button, script, form, input")
    assert "¶" not in soup.get_text()


def test_inline_svg_is_kept_with_its_references_pointing_at_the_prefixed_ids(tiny_site: Path) -> None:
    svg = packed(tiny_site).select_one("section#kpis-on_time_shipment svg")
    assert svg is not None and svg.find("path", attrs={"clip-path": "url(#kpis-on_time_shipment--clip1)"}) is not None
    assert svg.find("use")["xlink:href"] == "#kpis-on_time_shipment--m1"


def test_sections_and_contents_follow_the_navigation(tiny_site: Path) -> None:
    soup = packed(tiny_site)
    assert [s["id"] for s in soup.select("section.page")] == ["home", "kpis", "kpis-on_time_shipment"]
    assert [a.get_text() for a in soup.select("nav.toc a")] == ["Tiny handbook", "KPIs", "On-time shipment rate"]


def test_title_page_names_edition_commit_and_build_time(tiny_site: Path) -> None:
    manifest = {"site_name": "Tiny handbook", "edition": "2026.1", "built_at": "2026-11-21T09:30:00Z",
                "commit": {"short": "abc1234", "full": "abc1234" + "0" * 33}}  # fmt: skip
    title = packed(tiny_site, title_page_from_manifest(manifest)).select_one("section.title-page").get_text(" ")
    assert "Edition 2026.1" in title and "abc1234" + "0" * 33 in title and "2026-11-21 09:30 UTC" in title


def test_an_unreleased_build_says_so_on_the_title_page(tiny_site: Path) -> None:
    manifest = {"site_name": "Tiny handbook", "edition": None, "built_at": "2026-11-21T09:30:00+00:00",
                "commit": {"short": "abc1234", "full": "abc1234" + "0" * 33}}  # fmt: skip
    title = packed(tiny_site, title_page_from_manifest(manifest)).select_one("section.title-page").get_text(" ")
    assert "Unreleased build · commit abc1234" in title and "Not a released edition" in title


def test_a_build_from_changed_files_outside_git_says_so(tiny_site: Path) -> None:
    manifest = {"site_name": "Tiny handbook", "edition": None, "built_at": "2026-11-21T09:30:00Z",
                "commit": {"short": "unknown (no git history)", "full": None, "uncommitted_changes": True}}  # fmt: skip
    title = packed(tiny_site, title_page_from_manifest(manifest)).select_one("section.title-page").get_text(" ")
    assert "commit unknown (no git history) + uncommitted changes" in title


def test_a_manifest_without_a_commit_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="commit"):
        title_page_from_manifest({"site_name": "x", "edition": None, "built_at": "2026-11-21T09:30:00Z"})


def test_pdf_asks_for_a_build_when_the_site_has_no_manifest(tiny_site: Path) -> None:
    result = run(script("pdf", "--site", str(tiny_site), "--out", str(tiny_site / "x.pdf")), tiny_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "build the site first: make site" in result.stderr and not (tiny_site / "x.pdf").exists()


def test_the_real_handbook_renders_as_one_pdf(real_site: Path, tmp_path: Path) -> None:
    require_system("a CJK font", cjk_font_installed())
    from pypdf import PdfReader  # here, so a missing pin fails this test and not the module

    site = real_site
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    out = tmp_path / "pdf" / "handbook.pdf"

    result = run(script("pdf", "--site", str(site), "--out", str(out)), ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    texts = [page.extract_text() for page in PdfReader(out).pages]
    assert manifest["commit"]["short"] in texts[0]
    kpi = next(k for k in yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8")) if k.get("target") is not None)
    kpi_page = next(text for text in texts if text.startswith(kpi["name"]["en"]))
    assert fmt(kpi["target"], kpi["unit"]) in kpi_page
    assert kpi["name"]["zh"] in kpi_page  # Chinese came through the CJK font and its ToUnicode map
    assert len(texts) >= len(manifest["pages"])
