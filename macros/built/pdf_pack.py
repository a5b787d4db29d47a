"""The built site as one printable HTML document (the PDF audit pack): pages in navigation order, links kept inside it."""

from __future__ import annotations

import json
import posixpath
import re
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from ..i18n.messages import gettext, language
from .pdf_title import TitlePage, title_page_html

CSS_FILE = Path(__file__).with_name("pdf.css")

# Material's own stylesheets style a screen (drawer, tabs, dark mode); the pack brings its own print CSS instead.
MATERIAL_CSS = "assets/stylesheets/"

# Things that only work on a screen: permalinks, edit buttons, scripts, search, forms and tab switches; and the
# About page's link to the PDF (or how to make one), since whoever reads the PDF holds it.
SCREEN_ONLY = "a.headerlink, a.md-content__button, script, noscript, form, .md-search, .md-feedback, input, .pdf-pack"

# Attributes that name other elements by id (space-separated); they must follow the ids when those are prefixed.
ID_LIST_ATTRS = ("for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list")
HTML_LANG = {"en": "en", "zh": "zh-Hans"}  # the pack's <html lang>, by the language the build writes
URL_REF = re.compile(r"url\(\s*(['\"]?)#([^'\")\s]+)\1\s*\)")


def page_id(page: str) -> str:
    """The section id of a page: its folder path with dashes (plan/index.html -> plan); the home page is 'home'."""
    folder, name = posixpath.split(page)
    stem = folder if name == "index.html" else posixpath.join(folder, name.removesuffix(".html"))
    return re.sub(r"[^\w-]+", "-", stem).strip("-") or "home"


def pack_html(site: Path, pages: list[str], title_page: TitlePage) -> str:
    """One HTML document: title page, contents, then each page's article as a <section> with in-document links."""
    ids = {page: page_id(page) for page in pages}
    if len(set(ids.values())) != len(pages):
        raise ValueError(gettext("pages map to the same section id (or are listed twice): {pages}", pages=sorted(pages)))
    sheets = _extra_css(site)
    svg_css = "\n".join((site / sheet).read_text(encoding="utf-8") for sheet in sheets)
    sections, contents = [], []
    for page in pages:
        article, title = _article(site, page)
        _rewrite_references(article, page, ids)
        _style_svgs(article, svg_css)
        sections.append(f'<section class="page" id="{ids[page]}" data-path="{escape(page)}">{article.decode_contents()}</section>')
        contents.append(f'<li><a href="#{ids[page]}">{escape(title)}</a></li>')
    links = "".join(f'<link rel="stylesheet" href="{escape(sheet)}">' for sheet in sheets)
    tp, contents_title = title_page, gettext("Contents")
    return (
        f'<!DOCTYPE html>\n<html lang="{HTML_LANG[language()]}">\n<head><meta charset="utf-8">'
        f"<title>{escape(tp.title)} — {escape(tp.running_label)}</title>"
        f"{links}<style>{CSS_FILE.read_text(encoding='utf-8')}{_page_numbers()}</style></head>\n<body>\n"
        f"{title_page_html(tp, len(pages))}\n"
        f'<nav class="toc" id="contents"><h1>{contents_title}</h1><ol>{"".join(contents)}</ol></nav>\n'
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )


def _read(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _article(site: Path, page: str) -> tuple[Tag, str]:
    """The page's content with screen-only parts removed, and its title."""
    soup = _read(site, page)
    article = soup.select_one("article.md-content__inner")
    if article is None:
        raise ValueError(gettext("{page} has no <article class='md-content__inner'>", page=site / page))
    for element in article.select(SCREEN_ONLY):
        element.decompose()
    _unfold_tabs(article)
    for details in article.find_all("details"):
        details["open"] = ""  # paper cannot be clicked open
    heading = article.find("h1")
    title = heading.get_text(" ", strip=True) if heading else ""
    if not title and soup.title:
        title = soup.title.get_text(strip=True)
    return article, title or page


def _unfold_tabs(article: Tag) -> None:
    """Print every tab of a tabbed block one after another, each under its label, since none can be switched."""
    for tab_set in article.select("div.tabbed-set"):
        labels = tab_set.select(".tabbed-labels > label")
        blocks = tab_set.select(".tabbed-content > .tabbed-block")
        for label, block in zip(labels, blocks, strict=False):
            heading = article.new_tag("p", attrs={"class": "tabbed-title"})
            heading.string = label.get_text(" ", strip=True)
            block.insert(0, heading)
        for labels_row in tab_set.select(".tabbed-labels"):
            labels_row.decompose()


def _style_svgs(article: Tag, css: str) -> None:
    """Copy the site's CSS into each inline SVG that uses classes: WeasyPrint styles SVG only from inside it."""
    if not css:
        return
    for svg in article.find_all("svg"):
        if svg.get("class") or svg.find(class_=True):
            style = article.new_tag("style")
            style.string = css
            svg.insert(0, style)


def _rewrite_references(article: Tag, page: str, ids: dict[str, str]) -> None:
    """Prefix the page's ids with its section id and point every reference at the new ids."""
    pid = ids[page]
    own: set[str] = set()
    for element in article.find_all(id=True):
        original = str(element["id"])
        unique, n = original, 1
        while unique in own:  # a page can repeat an id itself (matplotlib gids); references keep meaning the first
            n += 1
            unique = f"{original}-{n}"
        own.add(unique)
        element["id"] = f"{pid}--{unique}"
    for element in article.find_all(True):
        for attr, value in list(element.attrs.items()):
            if attr in ID_LIST_ATTRS:
                tokens = value if isinstance(value, list) else str(value).split()
                element[attr] = " ".join(f"{pid}--{t}" if t in own else t for t in tokens)
            elif not isinstance(value, str):
                continue
            elif attr in ("href", "xlink:href"):
                _rewrite_link(element, attr, value, page, ids)
            elif attr == "src":
                target = _resolve(page, value)
                if target is not None:  # the pack is rendered with the site root as its base
                    element[attr] = target[0]
            elif "url(" in value:
                element[attr] = URL_REF.sub(lambda m: f"url(#{pid}--{m[2]})" if m[2] in own else m[0], value)


def _rewrite_link(element: Tag, attr: str, href: str, page: str, ids: dict[str, str]) -> None:
    """Same-page and between-page links become in-document ones; links into the site but not the pack are unwrapped."""
    if href.startswith("#"):
        element[attr] = _anchor(ids[page], href[1:])
        return
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return  # another site: the PDF keeps it as a live link
    target = _resolve(page, href)
    if target is not None and target[0] in ids:
        element[attr] = _anchor(ids[target[0]], target[1])
    elif element.name == "a":
        element.unwrap()  # a page or file of the site left out of the pack: a link to it would lead nowhere on paper


def _anchor(pid: str, fragment: str) -> str:
    return f"#{pid}--{fragment}" if fragment else f"#{pid}"


def _resolve(from_page: str, href: str) -> tuple[str, str] | None:
    """The site-relative path and fragment an href in from_page points at; None for other sites or the same page.

    Folder URLs (plan/, ., ../) mean their index.html, as MkDocs writes them with use_directory_urls.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/") or not parts.path:
        return None
    joined = posixpath.join(posixpath.dirname(from_page), parts.path)
    is_folder = joined.endswith("/") or posixpath.basename(joined) in ("", ".", "..")
    path = posixpath.normpath(joined)
    if path == ".." or path.startswith("../"):
        return None  # above the site root: not part of this site
    if is_folder:
        path = "index.html" if path == "." else f"{path}/index.html"
    return path, parts.fragment


def _page_numbers() -> str:
    """The footer's "Page 3 of 208", worded in the pack's language around CSS counters."""
    before, _, rest = gettext("Page {page} of {pages}").partition("{page}")
    between, _, after = rest.partition("{pages}")
    text = " ".join(
        part
        for part in (
            json.dumps(before, ensure_ascii=False),
            "counter(page)",
            json.dumps(between, ensure_ascii=False),
            "counter(pages)",
            json.dumps(after, ensure_ascii=False),
        )
    )
    return f"\n@page {{ @bottom-right {{ content: {text}; }} }}\n"


def _extra_css(site: Path) -> list[str]:
    """The site's own stylesheets (mkdocs.yml extra_css), as the home page links them, so status colours match the site."""
    head = _read(site, "index.html").head
    links = head.select('link[rel~="stylesheet"][href]') if head else []
    sheets = []
    for link in links:
        target = _resolve("index.html", str(link["href"]))
        if target is not None and not target[0].startswith(MATERIAL_CSS) and (site / target[0]).is_file():
            sheets.append(target[0])
    return sheets
