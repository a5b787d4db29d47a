"""Every generated table offered as a CSV file beside its page, written at build time from the rows the page shows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..i18n.messages import N_, gettext
from .downloads import csv_text

# markdown_table puts this before each table it makes; the page's HTML keeps it, so only generated tables are offered.
MARK = "<!-- table-csv -->"
LINK_TEXT = N_("Download these rows (CSV)")
_HEADING = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"')
_SPACES = re.compile(r"\s+")


class _Rows(HTMLParser):
    """The text of each cell of one table, row by row; a line break inside a cell becomes a space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(_SPACES.sub(" ", "".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_rows(table_html: str) -> list[list[str]]:
    """A table's rows as the reader sees them: heading row first, each cell's text."""
    parser = _Rows()
    parser.feed(table_html)
    return [row for row in parser.rows if row]


def offered(html: str) -> tuple[str, dict[str, str]]:
    """The page's HTML with a download link under each marked table, and each CSV's text by its file name beside the page."""
    out, files, at = [], {}, 0
    while (mark := html.find(MARK, at)) >= 0:
        start = html.find("<table", mark)
        end = html.find("</table>", start) + len("</table>")
        if start < 0 or end < len("</table>"):
            break
        rows = table_rows(html[start:end])
        headings = _HEADING.findall(html, 0, mark)
        name = _unique(f"{headings[-1] if headings else 'table'}.csv", files)
        files[name] = csv_text(rows[0], rows[1:]) if rows else csv_text([], [])
        link = f'<p class="table-csv"><a href="{name}" download>{gettext(LINK_TEXT)}</a></p>'
        out += [html[at:mark], html[mark + len(MARK) : end], link]
        at = end
    out.append(html[at:])
    return "".join(out), files


def _unique(name: str, taken: dict[str, str]) -> str:
    stem, n = name.removesuffix(".csv"), 2
    while name in taken:
        name, n = f"{stem}-{n}.csv", n + 1
    return name
