"""Accessibility of each built page's content: headings in order, tables with headers, charts described, status not by colour alone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from bs4 import Tag

from ..data.problems import Code, Problem, shown
from ..i18n.messages import LANGUAGES, N_, SOURCE, gettext, ngettext, writing
from .pages import Page

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
KPI_CHART_HOLDERS = ["kpi-chart", "control-chart"]
COLOURED = re.compile(r"^(status|band)-(.+)$")
# The words a KPI chart's text names its latest value and its target by, as its messages word them in the page's language.
LATEST_WORD, TARGET_WORD = N_("latest"), N_("target")
WORD = re.compile(r"[^\W\d_]{2,}")  # two letters or more, in any script: 已逾期 counts, ✔ or 12 does not
# A band named in Chinese (低, 极高): the data names it there, so the check takes any Chinese name for the band's own.
HAN = re.compile(r"[\u3400-\u9fff]")
# What a KPI chart's text lacks, by the parts it lacks: one phrase each, since "and" joins them differently by language.
LACKING = {
    ("latest value",): N_("no latest value"),
    ("target",): N_("no target"),
    ("latest value", "target"): N_("no latest value and no target"),
}


def accessibility_problems(pages: Sequence[Page]) -> list[Problem]:
    """Every accessibility problem in the pages' content (Material's article); the theme's header, nav and footer are left alone."""
    problems: list[Problem] = []
    for page in pages:
        article = page.soup.find("article", class_="md-content__inner")
        if article is not None:
            problems += heading_problems(page, article) + table_problems(page, article)
            problems += chart_problems(page, article) + colour_problems(page, article)
    return problems


def heading_problems(page: Page, article: Tag) -> list[Problem]:
    """One main heading (h1) that opens the page, and no level skipped on the way down (h2 then h4)."""
    headings = article.find_all(HEADINGS)
    titles = [h for h in headings if h.name == "h1"]
    problems = []
    if len(titles) != 1:
        found = ", ".join(f'"{text_of(h)}"' for h in titles) or gettext("none")
        problems.append(Problem(Code.HEADINGS, page.file, gettext("page title"), "", gettext("exactly one main heading (h1)"), found))
    elif headings[0].name != "h1":
        first, expected = headings[0], gettext("the page to open with its main heading (h1)")
        problems.append(Problem(Code.HEADINGS, page.file, _heading(first), "", expected, first.name))
    for before, after in pairwise(headings):
        if level(after) > level(before) + 1:
            expected = gettext('at most one level below the heading before it, "{heading}" ({level})', heading=text_of(before),
                               level=before.name)  # fmt: skip
            found = gettext("{level}, which skips {skipped}", level=after.name, skipped=f"h{level(before) + 1}")
            problems.append(Problem(Code.HEADINGS, page.file, _heading(after), "", expected, found))
    return problems


def _heading(heading: Tag) -> str:
    return gettext('heading "{heading}"', heading=text_of(heading))


def table_problems(page: Page, article: Tag) -> list[Problem]:
    """Every table opens with a row of header cells (th), each naming its column."""
    problems = []
    for number, table in enumerate(article.find_all("table"), 1):
        found = header_row_gaps(table)
        if found:
            where = gettext("table {number}", number=number) + after_heading(table)
            problems.append(Problem(Code.TABLE_HEADER, page.file, where, "", gettext("a header row naming every column"), found))
    return problems


def header_row_gaps(table: Tag) -> str:
    """What is wrong with a table's header row, in words, or "" when every column is named."""
    row = table.find("tr")
    cells = row.find_all(["th", "td"], recursive=False) if row else []
    if not cells or any(cell.name == "td" for cell in cells):
        return gettext("no header row")
    empty = sum(1 for cell in cells if not (text_of(cell) or cell.get("aria-label", "").strip()))
    return ngettext("{n} empty header cell", "{n} empty header cells", empty) if empty else ""


def chart_problems(page: Page, article: Tag) -> list[Problem]:
    """Charts are one image with a text alternative; KPI charts' text also gives the latest value and the target."""
    problems = []
    charts = [svg for svg in article.find_all("svg") if is_chart(svg)]
    for number, svg in enumerate(charts, 1):
        name = accessible_name(page, svg)
        where = gettext('chart "{name}"', name=shortened(name)) if name else gettext("chart {number}", number=number) + after_heading(svg)
        role = svg.get("role")
        if role != "img":
            found = f'role="{role}"' if role else gettext("no role")
            expected = gettext('role="img", so screen readers announce it as one picture')
            problems.append(Problem(Code.CHART_TEXT, page.file, where, "", expected, found))
        if not name:
            expected = gettext("a text alternative (aria-label or a title) describing the chart")
            problems.append(Problem(Code.CHART_TEXT, page.file, where, "", expected, gettext("none")))
        elif is_kpi_chart(svg):
            latest, target = _patterns(page_language(page))
            missing = tuple(what for what, pattern in (("latest value", latest), ("target", target)) if not pattern.search(name))
            if missing:
                expected = gettext("a text alternative stating the latest value and the target")
                problems.append(Problem(Code.CHART_TEXT, page.file, where, "", expected, gettext(LACKING[missing])))
    return problems


def page_language(page: Page) -> str:
    """The language a page declares (`<html lang>`), one the handbook writes; the source language otherwise."""
    root = page.soup.find("html")
    lang = str(root.get("lang", "")).split("-")[0] if isinstance(root, Tag) else ""
    return lang if lang in LANGUAGES else SOURCE


def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What finds the latest value (its word, then a figure) and the target in a chart's text, in `lang`."""
    with writing(lang):
        latest, target = gettext(LATEST_WORD), gettext(TARGET_WORD)
    bounded = [rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in (latest, target)]  # no word boundary in Chinese
    return re.compile(bounded[0] + r".*?\d", re.IGNORECASE | re.DOTALL), re.compile(bounded[1], re.IGNORECASE)


def is_chart(svg: Tag) -> bool:
    """A picture that carries information; icons (twemoji, aria-hidden) are decoration and need no text."""
    if svg.get("aria-hidden") == "true" or svg.find_parent(class_="twemoji"):
        return False
    return svg.get("role") == "img" or svg.find_parent("figure") is not None or is_kpi_chart(svg)


def is_kpi_chart(svg: Tag) -> bool:
    """A KPI's sparkline, trend chart or control chart."""
    return "sparkline" in svg.get("class", []) or svg.find_parent(class_=KPI_CHART_HOLDERS) is not None


def accessible_name(page: Page, svg: Tag) -> str:
    """What a screen reader announces for the chart: aria-labelledby, else aria-label, else its <title>."""
    ids = svg.get("aria-labelledby", "").split()
    labels = [page.soup.find(id=name) for name in ids]
    title = svg.find("title", recursive=False)
    candidates = (" ".join(text_of(label) for label in labels if label), svg.get("aria-label", ""), text_of(title) if title else "")
    return next((" ".join(text.split()) for text in candidates if text.strip()), "")


def colour_problems(page: Page, article: Tag) -> list[Problem]:
    """Nothing is told by colour alone: a band-<x> cell names its band x, and a status-<x> element says its state in words.

    The status colours mark many kinds of state (met, approved, overdue, keep), so a status needs some word, not the class's.
    """
    problems = []
    for element in article.find_all(class_=True):
        for match in filter(None, map(COLOURED.match, element["class"])):
            kind, value = match[1], match[2].replace("-", " ")
            text = text_of(element)
            if kind == "band" and not (says(text, value) or HAN.search(text)):
                expected = gettext('the band "{band}" named in its text, not only its colour', band=value)
            elif kind == "status" and not WORD.search(text):
                expected = gettext('a word saying what its colour ("{status}") shows, not only the colour or an icon', status=value)
            else:
                continue
            if element.name in ("td", "th"):
                coloured = gettext('table cell coloured as "{value}"', value=value)
            else:
                coloured = gettext('text coloured as "{value}"', value=value)
            where = coloured + after_heading(element)
            problems.append(Problem(Code.COLOUR_ONLY, page.file, where, "", expected, shown(text)))
    return problems


def says(text: str, words: str) -> bool:
    """Whether `text` contains `words` as whole words, in any case and spacing: "At  risk" says "at risk", "metric" does not say "met"."""
    pattern = r"\s+".join(re.escape(word) for word in words.split())
    return re.search(rf"\b{pattern}\b", text, re.IGNORECASE) is not None


def after_heading(element: Tag) -> str:
    """Where an element sits, for a reader: ' (after heading "Owner")', or "" before any heading."""
    heading = element.find_previous(HEADINGS)
    return " " + gettext('(after heading "{heading}")', heading=text_of(heading)) if heading else ""


def text_of(element: Tag) -> str:
    """An element's visible text on one line, without the "¶" permalink MkDocs adds to headings."""
    return " ".join(element.get_text(" ").replace("¶", "").split())


def level(heading: Tag) -> int:
    return int(heading.name[1])


def shortened(text: str, limit: int = 60) -> str:
    """The start of a long text, so a problem stays on one readable line."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
