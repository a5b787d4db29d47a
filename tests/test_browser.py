"""The built handbook as a reader sees it, in headless Chromium: tiles, charts, tables, navigation, search,
editions, accessibility and the phone layout. Screenshots go to artifacts/screenshots/ for CI to upload."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from browser import DESKTOP, PHONE, checked_tab, serve
from bs4 import BeautifulSoup
from helpers import ROOT, publish, with_scripts
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, Locator, Page, expect

from macros.audit.document_control import front_matter_of
from macros.kpis.status import AT_RISK, BREACHED, MET, NO_DATA, STALE

KPIS = yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8"))


def section_title(item: dict | str) -> str:
    """A top navigation entry as the English edition shows it: its label, or the title of the page it names."""
    if isinstance(item, dict):
        return next(iter(item))
    return front_matter_of((ROOT / "docs" / item.replace(".md", ".en.md")).read_text(encoding="utf-8"))["title"]


SECTIONS = [section_title(item) for item in yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]]  # with its !ENV tags
STATUS_WORDS = re.compile(rf"\b({'|'.join(s.label for s in (MET, AT_RISK, BREACHED, STALE, NO_DATA))})\b")
SCREENSHOTS = Path(os.environ.get("HANDBOOK_ARTIFACTS", ROOT / "artifacts")) / "screenshots"
KPI_SHOWN = "on_time_shipment"  # the KPI page photographed; any KPI page would do
# One page of each kind the handbook has; axe checks these against WCAG 2.1 A and AA.
PAGE_KINDS = ["", "kpis/", f"kpis/{KPI_SHOWN}/", "alerts/", "control-charts/", "reports/", "risks/", "risks/categories/",
              "partners/suppliers/", "actions/", "procedures/complaint-handling/", "organisation/raci/", "about/"]  # fmt: skip
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def kpi_of(href: str) -> str:
    return urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]


def tile_problems(tab: Page, kpi_ids: list[str]) -> list[str]:
    """What the home dashboard fails to show: a KPI with no visible tile, or a tile without value, status or trend line."""
    tiles = {kpi_of(tile.locator("a").first.get_attribute("href")): tile for tile in tab.locator("div.tile").all()}
    problems = [f"{kpi}: no tile on the home page" for kpi in kpi_ids if kpi not in tiles]
    problems += [f"{kpi}: a tile for a KPI that is not in data/kpis.yml" for kpi in tiles if kpi not in kpi_ids]
    for kpi, tile in tiles.items():
        line = tile.locator("svg.sparkline polyline")
        box = line.bounding_box() if line.count() else None
        if not tile.is_visible():
            problems.append(f"{kpi}: tile not visible")
        elif not tile.locator(".tile-value").inner_text().strip():
            problems.append(f"{kpi}: tile shows no value")
        elif not STATUS_WORDS.search(tile.locator(".status").inner_text()):
            problems.append(f"{kpi}: tile names no status")
        elif box is None or box["width"] < 50:
            problems.append(f"{kpi}: tile draws no trend line")
    return problems


def chart_problems(tab: Page) -> list[str]:
    """What a KPI page fails to show: its trend chart with a plotted line, and its table of periods."""
    chart = tab.locator("figure.kpi-chart svg")
    if chart.count() != 1 or not chart.is_visible():
        return ["no trend chart"]
    width = chart.bounding_box()["width"]
    line = chart.locator('[id$="-kpi-values"] path')
    problems = []
    if line.count() == 0:
        problems.append("the trend chart has no plotted line")
    elif line.first.evaluate("path => path.getTotalLength()") <= 0 or line.first.bounding_box()["width"] < width / 3:
        problems.append("the trend chart's line is not drawn across the chart")
    table = periods_table(tab)
    if table.count() != 1 or not table.is_visible() or table.locator("tbody tr").count() == 0:
        problems.append("no visible table of periods")
    return problems


def periods_table(tab: Page) -> Locator:
    """A KPI page's table of periods, the one headed "Period"."""
    return tab.locator("article table").filter(has=tab.locator("th", has_text=re.compile(r"^Period$")))


def test_the_home_dashboard_shows_a_tile_for_every_kpi(page: Page, site_url: str) -> None:
    page.goto(site_url)
    assert tile_problems(page, [k["id"] for k in KPIS]) == []


@pytest.mark.parametrize("kpi", [k["id"] for k in KPIS])
def test_each_kpi_page_shows_its_chart_with_a_plotted_line_and_its_table(page: Page, site_url: str, kpi: str) -> None:
    page.goto(f"{site_url}kpis/{kpi}/")
    assert chart_problems(page) == []


def test_the_checks_fail_when_a_tile_or_a_chart_is_removed(browser: Browser, handbook_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(handbook_site, site)
    first_tile = remove(site / "en" / "index.html", "div.tile")
    remove(site / "en" / "kpis" / KPI_SHOWN / "index.html", 'figure.kpi-chart [id$="-kpi-values"]')
    remove(site / "en" / "kpis" / "return_rate" / "index.html", "figure.kpi-chart")
    with serve(site) as root, checked_tab(browser, DESKTOP) as tab:
        url = f"{root}en/"
        tab.goto(url)
        assert tile_problems(tab, [k["id"] for k in KPIS]) == [f"{kpi_of(first_tile.a['href'])}: no tile on the home page"]
        tab.goto(f"{url}kpis/{KPI_SHOWN}/")
        assert chart_problems(tab) == ["the trend chart has no plotted line"]
        tab.goto(f"{url}kpis/return_rate/")
        assert chart_problems(tab) == ["no trend chart"]


def remove(html: Path, selector: str):
    """Delete the first element matching `selector` from a built page, as a broken macro would; returns it."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    element = soup.select_one(selector)
    assert element is not None, f"{selector} not on {html}"
    element.extract()
    html.write_text(str(soup), encoding="utf-8")
    return element


def test_the_tabs_and_their_side_menus_reach_every_page(page: Page, site_url: str, real_site: Path) -> None:
    page.goto(site_url)
    assert page.locator(".md-tabs__link").all_inner_texts() == SECTIONS
    reached = set()
    for section in SECTIONS:
        page.locator(".md-tabs").get_by_role("link", name=section, exact=True).click()
        expect(page.locator("article h1")).to_be_visible()  # waits for the page the click opens: is_visible() would not
        reached.add(urlsplit(page.url).path)
        reached |= {urlsplit(a.evaluate("a => a.href")).path for a in page.locator("nav.md-nav--primary a.md-nav__link:visible").all()}
    pages = {f"/en/{p.parent.relative_to(real_site).as_posix()}/".replace("/./", "/") for p in real_site.rglob("index.html")}
    assert len(pages) > len(SECTIONS) and pages - reached == set()


def test_on_a_phone_the_menu_opens_and_leads_into_each_section(phone: Page, site_url: str) -> None:
    phone.goto(site_url)
    assert not phone.locator(".md-tabs").is_visible()  # the tabs give way to the menu on a narrow screen
    phone.locator("label.md-header__button[for='__drawer']").click()
    sections = phone.locator("nav.md-nav--primary > ul.md-nav__list > li.md-nav__item")
    assert [item.locator(":scope > .md-nav__link:visible").first.inner_text().strip() for item in sections.all()] == SECTIONS
    # navigation.prune: a section the page is not in is a link to its first page, whose menu then lists its pages.
    sections.nth(SECTIONS.index("KPIs")).locator(":scope > .md-nav__link").first.click()
    expect(phone.locator("article h1")).to_be_visible()
    phone.locator("label.md-header__button[for='__drawer']").click()
    phone.locator("nav.md-nav--primary").get_by_role("link", name="Alerts", exact=True).click()
    assert urlsplit(phone.url).path == "/en/alerts/" and phone.locator("article h1").inner_text().startswith("Alerts")


def test_search_for_a_kpi_name_returns_its_page_first(page: Page, site_url: str) -> None:
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    missed = {}
    for kpi in KPIS:
        box.fill(kpi["name"]["en"])
        box.press("End")  # Material searches on a key going up, as when a person types; fill() alone is silent
        results = settled_results(page)
        if not results or kpi_of(results[0]) != kpi["id"]:
            missed[kpi["name"]["en"]] = results[:3]
    assert missed == {}


@pytest.mark.parametrize("word", ["风险", "纠正措施", "假货", "季度报告"])
def test_search_for_a_glossary_term_finds_the_pages_holding_it(page: Page, served: str, zh_site: Path, word: str) -> None:
    index = json.loads((zh_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    chinese = [d for d in index if not d["location"].startswith("en/")]  # the edition searched
    holding = {urlsplit(d["location"]).path for d in chinese if word in d["text"].replace("\u200b", "")}
    first = searched(page, served, word)[0]
    found = int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text()).group())  # Material lists them ten at a time
    assert holding and found >= len(holding)  # a query is cut into the index's words, so pages with a part of it follow
    assert word in (zh_site / urlsplit(first).path.lstrip("/") / "index.html").read_text(encoding="utf-8")


def test_each_edition_searches_its_own_pages(page: Page, served: str, site_url: str) -> None:
    assert all(not path.startswith("/en/") for path in searched(page, served, "风险"))
    english = searched(page, site_url, "risk")
    assert english and all(path.startswith("/en/") for path in english)


@pytest.mark.parametrize(("simplified", "traditional"), [("满意度", "滿意度"), ("客户满意度", "客戶滿意度"), ("质量", "質量")])
def test_search_in_traditional_finds_what_simplified_finds(page: Page, served: str, simplified: str, traditional: str) -> None:
    found = searched(page, served, simplified)
    assert found and searched(page, served, traditional) == found


def searched(tab: Page, site_url: str, query: str) -> list[str]:
    """The result links for a query typed into the search box, as a path under the site."""
    tab.goto(site_url)
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on a key going up
    return [urlsplit(href).path + (f"#{urlsplit(href).fragment}" if urlsplit(href).fragment else "") for href in settled_results(tab)]


def settled_results(tab: Page) -> list[str]:
    """The result links once the list stops changing (each key typed may still redraw it)."""
    tab.locator(".md-search-result__item").first.wait_for()
    before: list[str] | None = None
    while True:
        tab.wait_for_timeout(150)
        now = [a.get_attribute("href") for a in tab.locator("li.md-search-result__item > a.md-search-result__link").all()]
        if now == before:
            return now
        before = now


def test_without_editions_there_is_no_version_selector(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-version").count() == 0


def test_the_version_selector_lists_the_editions_once_there_are_some(page: Page, repo: Path, tmp_path: Path) -> None:
    with_scripts(repo)
    for edition in ("2026-Q3", "2026-Q4"):
        result = publish(repo, edition)
        assert result.returncode == 0, result.stderr
    published = tmp_path / "gh-pages"
    archive = subprocess.run(["git", "archive", "--format=tar", "gh-pages"], cwd=repo, capture_output=True, check=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(published, filter="data")
    with serve(published) as url:
        page.goto(f"{url}2026-Q4/")
        assert page.locator(".md-version__current").inner_text() == "2026-Q4"
        page.locator(".md-version").hover()
        assert page.locator(".md-version__link").all_inner_texts() == ["2026-Q4", "2026-Q3"]
        page.locator(".md-version__link", has_text="2026-Q3").click()
        page.wait_for_url(f"{url}2026-Q3/**")
        assert page.locator(".md-version__current").inner_text() == "2026-Q3"


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_axe_finds_no_wcag_a_or_aa_violation(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    assert axe_report(page) == ""


@pytest.mark.parametrize("path", ["", f"kpis/{KPI_SHOWN}/", "risks/"])
def test_axe_finds_no_violation_in_the_dark_scheme_or_on_a_phone(browser: Browser, site_url: str, path: str) -> None:
    for viewport, dark in ((DESKTOP, True), (PHONE, False)):
        with checked_tab(browser, viewport) as tab:
            tab.goto(site_url + path)
            if dark:  # as a reader switches it, with the toggle in the header
                tab.locator("form[data-md-component='palette'] label:visible").first.click()
                assert tab.evaluate("document.body.dataset.mdColorScheme") == "slate"
            assert axe_report(tab) == "", (viewport, dark)


def axe_report(tab: Page) -> str:
    """axe-core's findings against WCAG 2.1 A and AA, one line per rule and element; empty when there are none."""
    violations = Axe().run(tab, options=WCAG).response["violations"]
    return "\n".join(f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary']}" for v in violations for node in v["nodes"])


def test_the_sparklines_and_charts_state_the_value_and_target_the_page_shows(page: Page, site_url: str) -> None:
    page.goto(site_url)
    for tile in page.locator("div.tile").all():
        label = tile.locator("svg.sparkline").get_attribute("aria-label")
        value, target = tile.locator(".tile-value").inner_text(), tile.locator(".tile-target").inner_text()
        assert f"latest {value}" in label and target in label, label
    page.goto(f"{site_url}kpis/{KPI_SHOWN}/")
    latest = periods_table(page).locator("tbody tr").first
    value = latest.locator("td").nth(3).inner_text()
    for chart in page.locator("figure svg[role='img']").all():
        assert f"latest {value}" in chart.get_attribute("aria-label") and "target" in chart.get_attribute("aria-label")


@pytest.mark.parametrize("path", ["", f"kpis/{KPI_SHOWN}/", "organisation/raci/", "risks/"])
def test_on_a_phone_nothing_but_wide_tables_scrolls_sideways(phone: Page, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for chart in phone.locator("figure svg").all():
        assert chart.bounding_box()["width"] <= PHONE["width"]


def test_screenshots_of_home_and_a_kpi_page_at_desktop_and_phone_widths(browser: Browser, site_url: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        with checked_tab(browser, viewport) as tab:
            for name, path in (("home", ""), (f"kpi-{KPI_SHOWN}", f"kpis/{KPI_SHOWN}/")):
                tab.goto(site_url + path)
                shot = SCREENSHOTS / f"{name}-{device}.png"
                tab.screenshot(path=shot, full_page=True)
                assert int.from_bytes(shot.read_bytes()[16:20], "big") == viewport["width"]  # the PNG header's width


# ---------------------------------------------------------------------------------------------------------------------
# Charts as a reader at 1366 px sees them, in the light and the dark (slate) scheme (issue 21, part 3).

WIDE = {"width": 1366, "height": 900}
CHART_PAGES = [f"kpis/{KPI_SHOWN}/", "plan/cost-benefit/", "risks/categories/"]
CHARTS = "article figure svg[role='img']"


def rgba(css: str) -> tuple[float, float, float, float]:
    """A computed CSS colour, rgb() or rgba(), as (r, g, b, alpha) with r, g, b from 0 to 255."""
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.1's relative luminance."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(text: str, background: str) -> float:
    """WCAG contrast of a text colour, blended over the opaque background as the screen shows it."""
    *fg, alpha = rgba(text)
    bg = rgba(background)[:3]
    shown = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True))
    light, dark = sorted((relative_luminance(shown), relative_luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# The labels whose box reaches past the chart's (cut off at its edge), and the tick labels' size in CSS pixels.
LABELS = """svg => {
  const chart = svg.getBoundingClientRect(), scale = chart.width / svg.viewBox.baseVal.width, outside = [], sizes = [];
  for (const text of svg.querySelectorAll("text")) {
    const r = text.getBoundingClientRect();
    if (r.left < chart.left - 0.5 || r.right > chart.right + 0.5 || r.top < chart.top - 0.5 || r.bottom > chart.bottom + 0.5)
      outside.push(text.textContent);
    if (text.closest("[id*='tick_']")) sizes.push(parseFloat(getComputedStyle(text).fontSize) * scale);
  }
  return [outside, sizes];
}"""


def chart_colours(tab: Page) -> list[tuple[str, str]]:
    """Each chart's tick-label colour and the page background behind it, as the browser computed them."""
    return tab.evaluate(f"""() => [...document.querySelectorAll("{CHARTS}")].map(svg => [
        getComputedStyle(svg.querySelector("text")).fill, getComputedStyle(document.body).backgroundColor])""")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "slate"])
def test_chart_text_contrasts_with_the_page_in_either_scheme(browser: Browser, site_url: str, dark: bool) -> None:
    with checked_tab(browser, WIDE) as tab:
        for path in CHART_PAGES:
            tab.goto(site_url + path)
            if dark and tab.evaluate("document.body.dataset.mdColorScheme") != "slate":  # the choice is kept from page to page
                tab.locator("form[data-md-component='palette'] label:visible").first.click()
            assert tab.evaluate("document.body.dataset.mdColorScheme") == ("slate" if dark else "default")
            colours = chart_colours(tab)
            assert colours, path
            assert all(contrast(text, page) >= 4.5 for text, page in colours), (path, colours)


def test_a_chart_fills_the_column_with_labels_near_body_size_all_inside_it(browser: Browser, site_url: str) -> None:
    with checked_tab(browser, WIDE) as tab:
        for path in CHART_PAGES:
            tab.goto(site_url + path)
            column = tab.locator("article").bounding_box()["width"]
            body = float(tab.evaluate("parseFloat(getComputedStyle(document.querySelector('article.md-typeset')).fontSize)"))
            for chart in tab.locator(CHARTS).all():
                box = chart.bounding_box()
                assert box["width"] >= 0.9 * column, (path, box["width"], column)
                outside, heights = chart.evaluate(LABELS)
                assert outside == [], (path, outside)
                assert heights and min(heights) >= 0.8 * body, (path, min(heights), body)


@pytest.mark.parametrize("path", ["", "risks/"])
def test_a_risk_id_in_a_heat_map_never_breaks_across_lines_even_in_a_narrow_cell(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.add_style_tag(content="table.heat-map td { width: 1px !important; max-width: 1px; }")  # a cell as narrow as can be
    links = page.locator("table.heat-map td a:visible")
    assert links.count() > 0
    assert links.evaluate_all("links => links.filter(a => a.getClientRects().length !== 1).map(a => a.textContent)") == []


@pytest.mark.parametrize("path", ["", "risks/", f"kpis/{KPI_SHOWN}/", "procedures/complaint-handling/"])
def test_the_language_switch_opens_the_same_page_in_the_other_edition(page: Page, served: str, path: str) -> None:
    page.goto(served + path)
    for lang, expected in (("en", f"/en/{path}"), ("zh", f"/{path}")):
        page.locator(".md-header__option .md-select").hover()  # the list of languages opens on hover, as for a reader
        page.locator(f"a.md-select__link[hreflang={lang}]").click()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert urlsplit(page.url).path == expected
