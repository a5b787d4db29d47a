"""Checks of the built site: internal links and anchors resolve, and every page's content is accessible."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, run, script

from macros.built.accessibility import accessibility_problems
from macros.built.links import check_links, link_problems
from macros.built.pages import read_site
from macros.data.problems import Code, Problem

PAGE = """<!doctype html>
<html lang="en">
<head><title>Handbook</title></head>
<body>
<header class="md-header"><h3>Theme header</h3><table><tr><th></th></tr></table></header>
<div class="md-content"><article class="md-content__inner md-typeset">
{content}
</article></div>
</body>
</html>
"""
KPI_LABEL = "On-time shipment: latest 99.0 % in 2026-10, target ≥ 98.0 %"


def write_site(site: Path, files: dict[str, str]) -> Path:
    """A small built site: each .html file's content inside a Material-like article; any other file as it is."""
    for path, content in files.items():
        file = site / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(PAGE.format(content=content) if path.endswith(".html") else content, encoding="utf-8")
    return site


def links(tmp_path: Path, files: dict[str, str]) -> list[Problem]:
    return link_problems(read_site(write_site(tmp_path / "site", files)))


def accessibility(tmp_path: Path, content: str) -> list[Problem]:
    return accessibility_problems(read_site(write_site(tmp_path / "site", {"index.html": content})))


def titled(body: str) -> str:
    """A page's content with its one h1 first, so only the rule under test can fire."""
    return f'<h1 id="title">Title<a class="headerlink" href="#title">¶</a></h1>\n{body}'


def heat_map(cell: str) -> str:
    """A risk heat map with one scored cell, under its own heading."""
    return f"<h2>Heat map</h2><table><tr><th>Likelihood</th><th>Severe</th></tr><tr><td>Likely</td>{cell}</tr></table>"


# Links and anchors


def test_a_link_to_a_missing_page_names_the_file_it_expected(tmp_path: Path) -> None:
    (problem,) = links(tmp_path, {"kpis/x/index.html": '<a href="../y/">y</a>'})
    site = tmp_path / "site"
    assert str(problem) == f'{site}/kpis/x/index.html, link "../y/": expected a file kpis/y/index.html in the site, found nothing there'


def test_a_link_to_a_missing_anchor_names_the_id_and_the_page(tmp_path: Path) -> None:
    (problem,) = links(tmp_path, {"kpis/x/index.html": '<a href="../y/#z">y</a>', "kpis/y/index.html": '<h2 id="w">W</h2>'})
    assert (
        (problem.code, problem.where) == (Code.MISSING_ANCHOR, 'link "../y/#z"')
        and '"z"' in problem.expected
        and "kpis/y/index.html" in problem.expected
    )


def test_a_link_with_a_query_string_to_an_existing_anchor_passes(tmp_path: Path) -> None:
    assert links(tmp_path, {"kpis/x/index.html": '<a href="../y/?tab=2#z">y</a>', "kpis/y/index.html": '<h2 id="z">Z</h2>'}) == []


def test_a_link_to_a_folder_without_its_slash_means_its_index_page(tmp_path: Path) -> None:
    assert links(tmp_path, {"kpis/x/index.html": '<a href="../y#z">y</a>', "kpis/y/index.html": '<h2 id="z">Z</h2>'}) == []


def test_an_anchor_named_by_a_name_attribute_counts_as_an_id(tmp_path: Path) -> None:
    assert links(tmp_path, {"index.html": '<a href="#old">old</a> <a name="old"></a>'}) == []


def test_percent_encoded_paths_and_fragments_are_decoded_before_looking(tmp_path: Path) -> None:
    files = {"index.html": '<a href="my%20notes/#caf%C3%A9-2">notes</a>', "my notes/index.html": '<h2 id="café-2">Café</h2>'}
    assert links(tmp_path, files) == []


@pytest.mark.parametrize(
    ("element", "where"),
    [
        ('<img src="../img/logo.png" alt="logo">', 'image "../img/logo.png"'),
        ('<script src="../js/app.js"></script>', 'script "../js/app.js"'),
        ('<link rel="stylesheet" href="../css/site.css">', 'link "../css/site.css"'),
    ],
)
def test_images_scripts_and_stylesheets_must_be_in_the_site(tmp_path: Path, element: str, where: str) -> None:
    (problem,) = links(tmp_path, {"kpis/index.html": element})
    assert (problem.code, problem.where) == (Code.BROKEN_LINK, where)


def test_images_scripts_and_stylesheets_that_are_there_pass(tmp_path: Path) -> None:
    page = '<img src="../img/logo.png" alt="logo"><script src="../js/app.js"></script><link rel="stylesheet" href="../css/site.css">'
    files = {"kpis/index.html": page, "img/logo.png": "png", "js/app.js": "", "css/site.css": ""}
    assert links(tmp_path, files) == []


def test_external_links_are_counted_but_not_checked(tmp_path: Path) -> None:
    urls = ("https://example.org/missing", "http://x", "mailto:q@example.com", "tel:+861", "data:,x", "javascript:void(0)", "//cdn/x")
    page = "".join(f'<a href="{url}">x</a>' for url in urls)
    report = check_links(read_site(write_site(tmp_path / "site", {"index.html": page})))
    assert (report.problems, report.checked, report.external) == ([], 0, 7)


def test_an_address_that_cannot_be_read_is_reported_not_a_traceback(tmp_path: Path) -> None:
    (problem,) = links(tmp_path, {"index.html": '<a href="http://[broken">x</a>'})
    assert (problem.code, problem.where) == (Code.BAD_ADDRESS, 'link "http://[broken"')


def test_an_svg_url_reference_to_a_missing_id_is_reported(tmp_path: Path) -> None:
    (problem,) = links(tmp_path, {"index.html": '<svg><g clip-path="url(#clip9)"><path d="M0 0"/></g></svg>'})
    assert (problem.code, problem.where) == (Code.MISSING_ANCHOR, 'SVG reference "url(#clip9)"') and '"clip9"' in problem.expected


def test_an_svg_url_reference_to_an_id_on_the_page_passes(tmp_path: Path) -> None:
    page = '<svg><clipPath id="clip9"><rect/></clipPath><g clip-path="url(#clip9)"><path d="M0 0"/></g></svg>'
    assert links(tmp_path, {"index.html": page}) == []


def test_an_svg_use_reference_to_a_missing_id_is_reported(tmp_path: Path) -> None:
    (problem,) = links(tmp_path, {"index.html": '<svg><path id="m1" d="M0 0"/><use xlink:href="#m2" x="1"/></svg>'})
    assert (problem.code, problem.where) == (Code.MISSING_ANCHOR, 'SVG reference "#m2"')


def test_svg_use_references_in_either_attribute_pass_when_the_id_is_there(tmp_path: Path) -> None:
    page = '<svg><path id="m1" d="M0 0"/><use xlink:href="#m1" x="1"/><use href="#m1" x="2"/></svg>'
    assert links(tmp_path, {"index.html": page}) == []


def test_an_id_used_three_times_is_one_problem_naming_the_count(tmp_path: Path) -> None:
    (problem,) = links(tmp_path, {"index.html": '<svg><g id="bars"></g><g id="bars"></g><g id="bars"></g></svg>'})
    assert (problem.code, problem.where) == (Code.DUPLICATE_HTML_ID, 'id "bars"') and "3" in problem.found


def test_the_404_page_links_from_the_site_root(tmp_path: Path) -> None:
    files = {"404.html": '<a href="/kpis/">KPIs</a><a href="/.">Home</a><link rel="stylesheet" href="/assets/site.css">'}
    files |= {"index.html": "", "kpis/index.html": "", "assets/site.css": ""}
    assert links(tmp_path, files) == []


def test_a_root_relative_link_on_the_404_page_to_a_missing_page_is_reported(tmp_path: Path) -> None:
    (problem,) = links(tmp_path, {"404.html": '<a href="/kpis/">KPIs</a>'})
    assert problem.code == Code.BROKEN_LINK and "kpis/index.html" in problem.expected


def test_a_relative_link_on_the_404_page_is_reported_because_it_only_works_at_the_root(tmp_path: Path) -> None:
    (problem,) = links(tmp_path, {"404.html": '<a href="kpis/">KPIs</a>', "kpis/index.html": ""})
    assert (problem.code, problem.where) == (Code.BROKEN_LINK, 'link "kpis/"')


def test_a_site_served_under_a_folder_resolves_root_relative_links_under_that_folder(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"404.html": '<a href="/handbook/kpis/">KPIs</a>'})
    (site / "kpis").mkdir()
    (site / "kpis" / "index.html").write_text(
        '<html><head><link rel="canonical" href="https://example.org/handbook/kpis/"></head></html>', "utf-8"
    )
    assert link_problems(read_site(site)) == []


# Headings


def test_a_heading_that_skips_a_level_going_deeper_is_reported_by_its_text(tmp_path: Path) -> None:
    (problem,) = accessibility(tmp_path, titled('<h2 id="o">Owner<a class="headerlink" href="#o">¶</a></h2><h4>Steps</h4>'))
    assert (problem.code, problem.where) == (Code.HEADINGS, 'heading "Steps"')
    assert '"Owner" (h2)' in problem.expected and "h4" in problem.found


def test_going_back_up_any_number_of_levels_passes(tmp_path: Path) -> None:
    assert accessibility(tmp_path, titled("<h2>A</h2><h3>B</h3><h4>C</h4><h2>D</h2><h3>E</h3>")) == []


def test_a_page_without_an_h1_is_reported(tmp_path: Path) -> None:
    (problem,) = accessibility(tmp_path, "<h2>Only a section</h2>")
    assert (problem.code, problem.where, problem.found) == (Code.HEADINGS, "page title", "none")


def test_a_page_with_two_h1s_is_reported_naming_both(tmp_path: Path) -> None:
    (problem,) = accessibility(tmp_path, "<h1>One</h1><h1>Two</h1>")
    assert (problem.code, problem.found) == (Code.HEADINGS, '"One", "Two"')


def test_the_page_must_open_with_its_h1(tmp_path: Path) -> None:
    (problem,) = accessibility(tmp_path, "<h2>Summary</h2><h1>Title</h1>")
    assert (problem.code, problem.where, problem.found) == (Code.HEADINGS, 'heading "Summary"', "h2")


def test_the_theme_around_the_content_is_not_checked(tmp_path: Path) -> None:
    assert accessibility(tmp_path, titled("<p>Only text.</p>")) == []


def test_a_page_without_an_article_is_skipped(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "plain.html").write_text("<html><body><h3>No article</h3></body></html>", encoding="utf-8")
    assert accessibility_problems(read_site(site)) == []


# Tables


def test_a_table_with_empty_header_cells_is_reported_with_the_heading_before_it(tmp_path: Path) -> None:
    table = "<table><thead><tr><th></th><th> </th></tr></thead><tbody><tr><td>Owner</td><td>Jane</td></tr></tbody></table>"
    (problem,) = accessibility(tmp_path, titled(f"<table><tr><th>A</th></tr></table><h2>Owner</h2>{table}"))
    assert (problem.code, problem.where) == (Code.TABLE_HEADER, 'table 2 (after heading "Owner")') and "2" in problem.found


def test_a_table_whose_header_cells_are_named_by_text_or_aria_label_passes(tmp_path: Path) -> None:
    table = '<table><thead><tr><th>Item</th><th aria-label="Status"></th></tr></thead><tbody><tr><td>a</td><td>✔</td></tr></tbody></table>'
    assert accessibility(tmp_path, titled(table)) == []


def test_a_table_without_a_header_row_is_reported(tmp_path: Path) -> None:
    (problem,) = accessibility(tmp_path, titled("<table><tr><td>Owner</td><td>Jane</td></tr></table>"))
    assert problem.code == Code.TABLE_HEADER


# Charts


def test_a_kpi_chart_whose_text_does_not_give_the_target_is_reported(tmp_path: Path) -> None:
    chart = '<figure class="kpi-chart"><svg role="img" aria-label="On-time shipment: latest 99.0 % in 2026-10"></svg></figure>'
    (problem,) = accessibility(tmp_path, titled(chart))
    assert (problem.code, problem.where) == (Code.CHART_TEXT, 'chart "On-time shipment: latest 99.0 % in 2026-10"')
    assert problem.found == "no target"


@pytest.mark.parametrize(
    "chart",
    [
        f'<figure class="kpi-chart"><svg role="img" aria-label="{KPI_LABEL}"></svg></figure>',
        f'<figure class="control-chart"><svg role="img"><title>{KPI_LABEL}</title></svg></figure>',
        f'<p><svg class="sparkline" role="img" aria-label="{KPI_LABEL}"></svg></p>',
        f'<figure class="kpi-chart"><svg role="img" aria-labelledby="cap"></svg><figcaption id="cap">{KPI_LABEL}</figcaption></figure>',
    ],
)
def test_a_kpi_chart_whose_text_gives_the_latest_value_and_the_target_passes(tmp_path: Path, chart: str) -> None:
    assert accessibility(tmp_path, titled(chart)) == []


def test_a_kpi_sparkline_without_a_latest_value_is_reported(tmp_path: Path) -> None:
    (problem,) = accessibility(tmp_path, titled('<svg class="sparkline" role="img" aria-label="Return rate, target 2 %"></svg>'))
    assert (problem.code, problem.found) == (Code.CHART_TEXT, "no latest value")


def test_a_chart_in_a_figure_without_a_text_alternative_is_reported(tmp_path: Path) -> None:
    problems = accessibility(tmp_path, titled("<figure><svg></svg><figcaption>Costs</figcaption></figure>"))
    assert {p.where for p in problems} == {'chart 1 (after heading "Title")'}
    assert [(p.code, p.found) for p in problems] == [(Code.CHART_TEXT, "no role"), (Code.CHART_TEXT, "none")]


def test_another_chart_needs_only_its_text_alternative(tmp_path: Path) -> None:
    assert accessibility(tmp_path, titled('<figure><svg role="img" aria-label="Expected loss by category, in yuan"></svg></figure>')) == []


def test_icons_in_the_content_need_no_text_alternative(tmp_path: Path) -> None:
    icons = '<span class="twemoji"><svg viewBox="0 0 24 24"></svg></span><figure><svg aria-hidden="true"></svg></figure>'
    assert accessibility(tmp_path, titled(icons)) == []


# Colour and status


@pytest.mark.parametrize(
    ("element", "state"),
    [
        ('<span class="status status-at-risk">▲</span>', "at risk"),
        ('<span class="status status-breached">✖ 2</span>', "breached"),
        ('<td class="status-no-data"></td>', "no data"),
    ],
)
def test_a_status_shown_only_by_its_colour_or_an_icon_is_reported(tmp_path: Path, element: str, state: str) -> None:
    (problem,) = accessibility(
        tmp_path, titled(f"<table><tr><th>Status</th></tr><tr>{element}</tr></table>" if "td" in element else element)
    )
    assert problem.code == Code.COLOUR_ONLY and f'"{state}"' in problem.expected


def test_a_status_colour_may_mark_any_state_the_text_names(tmp_path: Path) -> None:
    statuses = '<span class="status status-met">✓ approved</span><span class="status status-breached">✖ 已逾期</span>'
    assert accessibility(tmp_path, titled(statuses)) == []


def test_a_band_cell_coloured_with_its_band_only_in_a_tooltip_is_reported(tmp_path: Path) -> None:
    (problem,) = accessibility(tmp_path, titled(heat_map('<td class="band-extreme" title="Extreme">3</td>')))
    assert (problem.code, problem.where) == (Code.COLOUR_ONLY, 'table cell coloured as "extreme" (after heading "Heat map")')


def test_a_band_cell_that_says_its_band_passes(tmp_path: Path) -> None:
    assert accessibility(tmp_path, titled(heat_map('<td class="band-extreme">R-001<small>Extreme</small></td>'))) == []


def test_the_plain_status_and_band_classes_are_not_status_values(tmp_path: Path) -> None:
    assert accessibility(tmp_path, titled('<span class="status">✔ approved</span><span class="band">5</span>')) == []


# The command


def test_the_command_says_to_build_the_site_first_when_there_is_none(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run(script("check_site", str(site)), ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"ERROR {site}: expected a built site, found nothing there; run `make site` first"]


def test_the_command_passes_a_clean_site_and_says_what_it_checked(tmp_path: Path) -> None:
    home = titled('<a href="kpis/">KPIs</a> <a href="https://example.org">x</a>')
    site = write_site(tmp_path / "site", {"index.html": home, "kpis/index.html": titled("")})
    result = run(script("check_site", str(site)), ROOT)
    assert result.returncode == 0, result.stdout
    summary = "2 pages, 3 internal links and anchors checked (1 external links not checked): no problems."
    assert result.stdout.splitlines() == [f"{site}: {summary}"]


def test_the_command_prints_each_problem_and_exits_1_on_a_broken_site(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"index.html": titled('<a href="kpis/">KPIs</a><h3>Deep</h3>')})
    result = run(script("check_site", str(site)), ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f'ERROR {site}/index.html, link "kpis/": expected') and lines[0].endswith("[broken_link]")
    assert lines[1].startswith(f'ERROR {site}/index.html, heading "Deep": expected') and lines[1].endswith("[headings]")
    assert lines[2].endswith(": 2 problem(s); fix them above.")


# The real handbook


def test_the_real_handbook_site_has_no_problems(handbook_site: Path) -> None:
    pages = read_site(handbook_site)  # both editions
    problems = link_problems(pages) + accessibility_problems(pages)
    assert problems == [], "\n".join(p.labelled() for p in problems)
