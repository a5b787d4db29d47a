"""A built site read back from disk: every HTML page parsed once, for the checks that run after `mkdocs build`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup


@dataclass(frozen=True, eq=False)
class Page:
    """One built HTML page: where it lies in the site, the URL it is served at, its parsed tree and its ids."""

    folder: Path
    path: str
    url: str
    soup: BeautifulSoup
    ids: frozenset[str]
    repeated_ids: dict[str, int]

    @property
    def file(self) -> str:
        """The page's file as the user named the site folder, e.g. site/kpis/x/index.html."""
        return (self.folder / self.path).as_posix()


def read_site(folder: Path) -> list[Page]:
    """Every *.html file under `folder`, parsed, in path order."""
    return [read_page(folder, file.relative_to(folder).as_posix()) for file in sorted(folder.rglob("*.html"))]


def read_page(folder: Path, path: str) -> Page:
    """One page of the site; `path` is relative to the site folder."""
    soup = BeautifulSoup((folder / path).read_text(encoding="utf-8"), "html.parser")
    counts: Counter[str] = Counter()
    names: set[str] = set()
    # One walk over the tree: searching with find_all(id=True) costs three times as much on pages full of SVG.
    for tag in soup.find_all(True):
        if "id" in tag.attrs:
            counts[tag["id"]] += 1
        if tag.name == "a" and "name" in tag.attrs:
            names.add(tag["name"])
    repeated = {name: n for name, n in counts.items() if n > 1}
    return Page(folder, path, served_url(path), soup, frozenset(counts) | names, repeated)


def served_url(path: str) -> str:
    """The URL, relative to the site root, a static server gives a file: kpis/x/index.html is kpis/x/."""
    if path == "index.html" or path.endswith("/index.html"):
        return path.removesuffix("index.html")
    return path
