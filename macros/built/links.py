"""Internal links and anchors of a built site: every page, file and id they name must be there, and ids are unique."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from ..data.problems import Code, Problem
from ..i18n.messages import N_, gettext
from .pages import Page

# Which elements name another file or anchor, what a reader calls them, and the attribute that holds the address.
SOURCES = {"a": (N_("link"), "href"), "link": (N_("link"), "href"), "img": (N_("image"), "src"), "script": (N_("script"), "src")}
SVG_URL = re.compile(r"url\(\s*['\"]?#([^'\")\s]*)")
NOT_FOUND_PAGE = "404.html"


@dataclass(frozen=True)
class Reference:
    """One address a page names: as a reader should see it (`link "../y/#z"`) and the URL to resolve."""

    shown: str
    url: str


@dataclass(frozen=True)
class Listing:
    """The files and folders of a site, read once: thousands of links name a few hundred files."""

    files: frozenset[str]
    folders: frozenset[str]


@dataclass(frozen=True)
class LinkReport:
    """What the link check found, and how many addresses it checked and left alone (other sites, mail, data)."""

    problems: list[Problem]
    checked: int
    external: int


def link_problems(pages: Sequence[Page]) -> list[Problem]:
    """Every broken internal link, image, script, SVG reference and anchor, and every id used twice on a page."""
    return check_links(pages).problems


def check_links(pages: Sequence[Page]) -> LinkReport:
    """Check every internal address on every page against the site's files and the target page's ids."""
    by_file = {page.folder / page.path: page for page in pages}
    root = served_root(pages)
    listings = {folder: listing(folder) for folder in {page.folder for page in pages}}
    problems: list[Problem] = []
    checked = external = 0
    for page in pages:
        problems += duplicate_id_problems(page)
        for ref in references(page):
            try:
                outside = is_external(ref.url)
            except ValueError:  # e.g. "http://[": no browser can follow it either
                expected, found = gettext("a well-formed address"), gettext("one that cannot be read as a URL")
                problems.append(Problem(Code.BAD_ADDRESS, page.file, ref.shown, "", expected, found))
                continue
            if outside:
                external += 1
                continue
            checked += 1
            problem = reference_problem(page, ref, root, by_file, listings[page.folder])
            if problem:
                problems.append(problem)
    return LinkReport(problems, checked, external)


def served_root(pages: Sequence[Page]) -> str:
    """The path the site is served under: "/" unless site_url names a folder, which pages state in their canonical link."""
    for page in pages:
        canonical = page.soup.head and page.soup.head.find("link", rel="canonical", href=True)
        if canonical:
            path = urlsplit(canonical["href"]).path
            if path.endswith(page.url):
                return path[: len(path) - len(page.url)] or "/"
    return "/"


def references(page: Page) -> Iterator[Reference]:
    """Every address the page names: links, stylesheets, images, scripts, SVG `use` and `url(#id)` references."""
    for tag in page.soup.find_all(True):
        if tag.name in SOURCES:
            kind, attribute = SOURCES[tag.name]
            if tag.has_attr(attribute):
                # i18n: kind is "link", "image" or "script"; address is the URL as the page writes it
                yield Reference(gettext('{kind} "{address}"', kind=gettext(kind), address=tag[attribute]), tag[attribute].strip())
        elif tag.name == "use":
            url = tag.get("href") or tag.get("xlink:href")
            if url:
                yield Reference(gettext('SVG reference "{address}"', address=url), url.strip())
        for value in tag.attrs.values():
            if isinstance(value, str) and "url(" in value:
                for match in SVG_URL.finditer(value):
                    yield Reference(gettext('SVG reference "{address}"', address=f"url(#{match[1]})"), f"#{match[1]}")


def is_external(url: str) -> bool:
    """Another site or scheme (http:, mailto:, data:, javascript:, //host), which this check does not follow."""
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def reference_problem(page: Page, ref: Reference, root: str, by_file: dict[Path, Page], site: Listing) -> Problem | None:
    """The problem with one internal address, if any: a relative link on the 404 page, no such file, or no such anchor."""
    parts = urlsplit(ref.url)
    if page.path == NOT_FOUND_PAGE and parts.path and not parts.path.startswith("/"):
        # The 404 page is shown at whatever address was missing, so only links from the site root lead anywhere.
        expected, found = gettext('a link from the site root (starting with "/")'), gettext("a link relative to the page")
        return Problem(Code.BROKEN_LINK, page.file, ref.shown, "", expected, found)
    target = target_file(page, parts.path, root, site)
    if target is None:
        return Problem(Code.BROKEN_LINK, page.file, ref.shown, "", gettext("a file in the site"), gettext("an address outside the site"))
    if target not in site.files:
        expected = gettext("a file {target} in the site", target=target)
        return Problem(Code.BROKEN_LINK, page.file, ref.shown, "", expected, gettext("nothing there"))
    fragment = unquote(parts.fragment)
    linked = by_file.get(page.folder / target)
    if fragment and linked and fragment not in linked.ids:
        expected = gettext('an element with id "{fragment}" on {target}', fragment=fragment, target=target)
        return Problem(Code.MISSING_ANCHOR, page.file, ref.shown, "", expected, gettext("none"))
    return None


def target_file(page: Page, path: str, root: str, site: Listing) -> str | None:
    """The site-relative file a URL path on `page` names (a folder means its index.html), or None outside the site."""
    if not path:
        return page.path
    served = urljoin(root + page.url, path)
    if not served.startswith(root):
        return None
    target = unquote(served[len(root) :])
    if target == "" or target.endswith("/"):
        return target + "index.html"
    if target in site.folders:
        return f"{target}/index.html"
    return target


def listing(folder: Path) -> Listing:
    """Every file in the site folder and every folder that holds one, relative to the site folder."""
    files = frozenset(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    return Listing(files, frozenset(parent.as_posix() for file in files for parent in PurePosixPath(file).parents))


def duplicate_id_problems(page: Page) -> list[Problem]:
    """One problem per id used more than once: a link or SVG reference to it could land on either element."""
    expected = gettext("each id used once on the page")
    return [
        Problem(Code.DUPLICATE_HTML_ID, page.file, gettext('id "{id}"', id=name), "", expected, _elements(count))
        for name, count in sorted(page.repeated_ids.items())
    ]


def _elements(count: int) -> str:
    return gettext("{count} elements with that id", count=count)
