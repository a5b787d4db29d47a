"""The PDF audit pack: a title page with the handbook's document control, pages in navigation order, links kept inside
the document, table cells without inserted hyphens, heat maps on one page; linked from About and published with the site."""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import GIT_ENV, ROOT, TODAY, copy_scripts, git, require_system, run, script, soup_of

from macros.built.links import link_problems
from macros.built.pages import read_site
from macros.built.pdf_pack import pack_html
from macros.built.pdf_title import TitlePage, title_page_from_manifest
from macros.data.problems import Code
from macros.kpis.units import fmt
from macros.site.page_plan import nav_order
from scripts.pdf import cjk_font_installed

WORKFLOWS = ROOT / ".github" / "workflows"
INSERTED_HYPHEN = "\u2010"  # what WeasyPrint prints where it hyphenates a word (hyphenate-character: auto)
HANDBOOK = {"document_id": "QH-TINY-001", "title": "Tiny handbook", "title_zh": "小手册", "version": "2.3", "status": "approved",
            "effective": "2026-11-01",
            "approver": {"id": "working_group", "name": "Working Group", "name_zh": "工作组", "lead": "Ada Li"}}  # fmt: skip
BUILD = {"site_name": "Tiny handbook", "handbook": HANDBOOK, "edition": "2026.1", "built_at": "2026-11-21T09:30:00Z",
         "commit": {"short": "abc1234", "full": "abc1234" + "0" * 33}}  # fmt: skip
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
    title = packed(tiny_site, title_page_from_manifest(BUILD)).select_one("section.title-page").get_text(" ")
    assert "Edition 2026.1" in title and "abc1234" + "0" * 33 in title and "2026-11-21 09:30 UTC" in title


def test_an_unreleased_build_says_so_on_the_title_page(tiny_site: Path) -> None:
    manifest = {**BUILD, "edition": None, "built_at": "2026-11-21T09:30:00+00:00"}
    title = packed(tiny_site, title_page_from_manifest(manifest)).select_one("section.title-page").get_text(" ")
    assert "Unreleased build · commit abc1234" in title and "Not a released edition" in title


def test_a_build_from_changed_files_outside_git_says_so(tiny_site: Path) -> None:
    manifest = {**BUILD, "edition": None, "commit": {"short": "unknown (no git history)", "full": None, "uncommitted_changes": True}}
    title = packed(tiny_site, title_page_from_manifest(manifest)).select_one("section.title-page").get_text(" ")
    assert "commit unknown (no git history) + uncommitted changes" in title


def test_a_manifest_without_a_commit_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="commit"):
        title_page_from_manifest({"site_name": "x", "handbook": HANDBOOK, "edition": None, "built_at": "2026-11-21T09:30:00Z"})


def test_the_title_page_names_the_handbook_as_a_controlled_document(tiny_site: Path) -> None:
    page = packed(tiny_site, title_page_from_manifest(BUILD)).select_one("section.title-page")
    facts = {row.th.get_text(strip=True): row.td.get_text(" ", strip=True) for row in page.select("table.control tr")}
    assert facts == {"Document": "QH-TINY-001", "Version": "2.3", "Status": "approved",
                     "Approved by": "Ada Li — lead, Working Group (工作组)", "Effective": "2026-11-01"}  # fmt: skip
    assert page.select_one("[lang='zh-Hans']").get_text() == "小手册"
    assert page.select_one(".edition").get_text().startswith("QH-TINY-001 version 2.3 · ")  # repeated on every sheet


def test_an_approver_without_a_named_lead_is_named_by_its_role() -> None:
    handbook = {**HANDBOOK, "approver": {"id": "working_group", "name": "Working Group", "name_zh": None, "lead": None}}
    control = title_page_from_manifest({**BUILD, "handbook": handbook}).control
    assert control is not None and control.approver.label == "Working Group"


@pytest.mark.parametrize(("handbook", "named"), [(None, "docs/index.md"), ({**HANDBOOK, "version": ""}, "handbook.version"),
                                                 ({**HANDBOOK, "approver": {}}, "handbook.approver.id")])  # fmt: skip
def test_a_manifest_without_the_handbooks_control_is_refused_by_name(handbook: dict | None, named: str) -> None:
    with pytest.raises(ValueError, match=re.escape(named)):
        title_page_from_manifest({**BUILD, "handbook": handbook})


def test_pdf_asks_for_a_build_when_the_site_has_no_manifest(tiny_site: Path) -> None:
    result = run(script("pdf", "--site", str(tiny_site), "--out", str(tiny_site / "x.pdf")), tiny_site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "build the site first: make site" in result.stderr and not (tiny_site / "x.pdf").exists()


@pytest.fixture(scope="module")
def packs(handbook_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """`make pdf` on the real handbook, rendered once for this module: each edition's PDF as the text of each sheet."""
    require_system("a CJK font", cjk_font_installed())
    from pypdf import PdfReader  # here, so a missing pin fails these tests and not the module

    out = tmp_path_factory.mktemp("pdf") / "handbook.pdf"
    result = run(script("pdf", "--site", str(handbook_site), "--out", str(out)), ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        lang: [page.extract_text() for page in PdfReader(pdf).pages] for lang, pdf in (("zh", out), ("en", out.parent / "en" / out.name))
    }


@pytest.fixture(scope="module")
def real_pdf(packs: dict[str, list[str]]) -> list[str]:
    """The English edition's PDF."""
    return packs["en"]


def test_the_real_handbook_renders_as_one_pdf(real_site: Path, real_pdf: list[str]) -> None:
    manifest = json.loads((real_site / "manifest.json").read_text(encoding="utf-8"))
    texts = real_pdf
    assert manifest["commit"]["short"] in texts[0]
    kpi = next(k for k in yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8")) if k.get("target") is not None)
    kpi_page = next(text for text in texts if text.startswith(kpi["name"]["en"]))
    assert fmt(kpi["target"], kpi["unit"]) in kpi_page
    assert kpi["name"]["zh"] in kpi_page  # Chinese came through the CJK font and its ToUnicode map
    assert len(texts) >= len(manifest["pages"])


def test_the_chinese_edition_has_its_own_pack_in_chinese(zh_site: Path, packs: dict[str, list[str]]) -> None:
    manifest = json.loads((zh_site / "manifest.json").read_text(encoding="utf-8"))
    control = yaml.safe_load(front_matter_of_text(ROOT / "docs" / "index.zh.md"))
    kpi = next(k for k in yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8")) if k.get("target") is not None)
    texts = packs["zh"]
    assert manifest["language"] == "zh" and control["title"] in texts[0] and manifest["commit"]["short"] in texts[0]
    assert any(text.startswith(kpi["name"]["zh"]) for text in texts)
    assert not any(text.startswith(kpi["name"]["en"]) for text in texts)
    assert len(texts) >= len(manifest["pages"])


def test_the_title_page_carries_the_handbooks_control_from_its_front_matter(real_pdf: list[str]) -> None:
    control = yaml.safe_load(front_matter_of_text(ROOT / "docs" / "index.en.md"))
    org = yaml.safe_load((ROOT / "data" / "org.yml").read_text(encoding="utf-8"))
    approver = next(d for d in org["departments"] if d["id"] == control["approver"])
    title_page = real_pdf[0]
    for fact in (control["document_id"], str(control["version"]), control["status"], control["effective"].isoformat(),
                 approver["lead"]["en"], approver["name"]["en"], control["title_zh"]):  # fmt: skip
        assert fact in title_page, fact


def front_matter_of_text(page: Path) -> str:
    """The YAML between a page's opening '---' lines, read apart from the handbook's own parser."""
    return page.read_text(encoding="utf-8").split("---\n")[1]


def test_no_hyphen_is_inserted_into_the_words_of_a_table_cell(real_site: Path, real_pdf: list[str]) -> None:
    pages = json.loads((real_site / "manifest.json").read_text(encoding="utf-8"))["pages"]
    cells = [cell.get_text(" ") for page in pages for cell in soup_of(real_site / page).select("article td, article th")]
    assert cells and not any(INSERTED_HYPHEN in cell for cell in cells)  # so every one in the PDF was put there by it
    cell_words = {word for cell in cells for word in re.findall(r"\w+", cell)}
    split = {a + b for text in real_pdf for a, b in re.findall(rf"(\w+){INSERTED_HYPHEN}\s*(\w+)", text)}
    assert not split & cell_words


def test_each_heat_map_prints_on_one_page(real_site: Path, real_pdf: list[str]) -> None:
    pages = json.loads((real_site / "manifest.json").read_text(encoding="utf-8"))["pages"]
    heat_maps = [table for page in pages for table in soup_of(real_site / page).select("article table.heat-map")]
    assert heat_maps
    sheets = [" ".join(text.split()) for text in real_pdf]
    for table in heat_maps:
        caption = " ".join(table.caption.get_text(" ").split())
        rows = [" ".join(th.get_text(" ").split()) for th in table.select("tbody th")]
        assert any(caption in sheet and all(row in sheet for row in rows) for sheet in sheets), caption


HEAT_MAP = (
    '<div class="scroll-x"><table class="heat-map"><caption>Residual risk by likelihood and impact</caption><thead><tr>'
    '<th scope="col">Likelihood \\ Impact</th>' + "".join(f'<th scope="col">{i}</th>' for i in range(1, 6)) + "</tr></thead><tbody>"
    + "".join(f'<tr><th scope="row">{n} L{n}</th>' + '<td class="band-high"><strong>2</strong><br><small>R-004 R-009</small>'
              "<br><small>High</small></td>" * 5 + "</tr>" for n in range(5, 0, -1))
    + "</tbody></table></div>"
)  # fmt: skip


def test_a_heat_map_is_never_split_across_sheets_wherever_it_falls(tmp_path: Path) -> None:
    require_system("WeasyPrint's libraries (Pango)", weasyprint_loads())
    import weasyprint
    from pypdf import PdfReader

    rows = [f"{n} L{n}" for n in range(5, 0, -1)]
    for lines in range(0, 80, 4):  # moves the heat map down the sheet, across the page break
        site = tmp_path / f"site-{lines}"
        site.mkdir()
        (site / "index.html").write_text(material_page("<h1>Risks</h1>" + "<p>A line of text.</p>" * lines + HEAT_MAP, 0), encoding="utf-8")
        weasyprint.HTML(string=pack_html(site, ["index.html"], TITLE), base_url=str(site)).write_pdf(site / "pack.pdf")
        sheets = [" ".join(page.extract_text().split()) for page in PdfReader(site / "pack.pdf").pages]
        holding = [sheet for sheet in sheets if any(row in sheet for row in rows)]
        assert len(holding) == 1 and all(row in holding[0] for row in rows), lines


def weasyprint_loads() -> bool:
    try:
        import weasyprint  # noqa: F401  # dlopens Pango through cffi: OSError when it is missing
    except OSError:
        return False
    return True


# Linked from "About this edition" and published with the site


def about_page(site: Path) -> BeautifulSoup:
    return soup_of(site / "about" / "index.html")


def test_the_about_page_offers_the_pdf(real_site: Path) -> None:
    assert about_page(real_site).select_one("article .pdf-pack") is not None


def test_a_build_not_told_of_a_pdf_links_none_and_says_how_to_make_it(fixture_site: Path) -> None:
    offer = about_page(fixture_site).select_one("article .pdf-pack")
    assert offer is not None and not offer.select("a[href]") and "make pdf" in [c.get_text() for c in offer.select("code")]
    assert link_problems(read_site(fixture_site)) == []


def test_a_build_told_a_pdf_is_published_links_it_at_the_site_root(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], project,
                 HANDBOOK_TODAY=TODAY, HANDBOOK_CACHE=str(tmp_path / "cache"), HANDBOOK_PDF="1")  # fmt: skip
    assert result.returncode == 0, result.stderr
    (href,) = [a["href"] for a in about_page(site).select("article .pdf-pack a[href]")]
    assert (site / "about" / href).resolve() == (site / "handbook.pdf").resolve()
    assert json.loads((site / "manifest.json").read_text(encoding="utf-8"))["pdf"] == "handbook.pdf"
    broken = link_problems(read_site(site))  # the link leads to the PDF, and only there, until the workflow puts it
    assert [(p.code, p.file) for p in broken] == [(Code.BROKEN_LINK, str(site / "about" / "index.html"))]
    (site / "handbook.pdf").write_bytes(b"%PDF-1.7 the audit pack")
    assert link_problems(read_site(site)) == []


def test_the_pdf_is_kept_beside_a_version_mike_built(repo: Path, tmp_path: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "gh-pages")
    git(repo, "rm", "-rqf", ".")
    (repo / "main").mkdir()
    (repo / "main" / "index.html").write_text("<p>main</p>", encoding="utf-8")
    git(repo, "add", "main")
    git(repo, "commit", "-qm", "mike deploy main")
    git(repo, "checkout", "-qf", "main")
    copy_scripts(repo, "keep_pdf")
    pdf = tmp_path / "handbook.pdf"
    pdf.write_bytes(b"%PDF-1.7 the audit pack")
    assert run(script("keep_pdf", "main", str(pdf)), repo, **GIT_ENV).returncode == 0
    assert git(repo, "show", "gh-pages:main/handbook.pdf") == pdf.read_text()
    result = run(script("keep_pdf", "2026-Q9", str(pdf)), repo, **GIT_ENV)
    assert result.returncode == 1 and "mike deploy 2026-Q9" in result.stderr and "Traceback" not in result.stderr


def workflow_steps(name: str) -> list[dict]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))["jobs"]["build"]["steps"]


def step_running(steps: list[dict], command: str) -> int:
    """The index of the first step whose shell lines run this command."""
    return next(n for n, step in enumerate(steps) if command in step.get("run", ""))


def test_publishing_main_makes_the_pdf_and_keeps_it_beside_the_pages() -> None:
    steps = workflow_steps("pages.yml")
    assert step_running(steps, "make system-deps") < step_running(steps, "make pdf") < step_running(steps, "mike deploy")
    deploy = steps[step_running(steps, "mike deploy")]
    assert deploy["env"]["HANDBOOK_PDF"]  # so the About page of the published build links the PDF
    lines = [line.strip() for line in deploy["run"].splitlines()]
    mike = next(n for n, line in enumerate(lines) if line.startswith(".venv/bin/mike deploy") and line.endswith(" main"))
    keep = lines.index(".venv/bin/python -m scripts.keep_pdf main site-pdf/handbook.pdf")
    bundle = next(n for n, line in enumerate(lines) if line.startswith("git bundle create"))
    assert mike < keep < bundle


def test_publishing_an_edition_makes_the_pdf_and_keeps_it_with_the_edition() -> None:
    steps = workflow_steps("edition.yml")
    assert step_running(steps, "make system-deps") < step_running(steps, "make pdf") < step_running(steps, "make edition")
    assert "PDF=site-pdf/handbook.pdf" in steps[step_running(steps, "make edition")]["run"]
