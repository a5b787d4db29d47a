"""Tables offered as CSV files beside the page: written at build time from the same rows the page shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from .links import href


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV with a byte-order mark, so Excel opens the Chinese names as UTF-8."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(["" if c is None else c for c in row] for row in rows)
    return "\ufeff" + out.getvalue()


def download_link(text: str, from_page: str, target: str) -> str:
    """A link to a file the build writes (MkDocs checks it exists); `download` makes the browser save it."""
    return f"[{text}]({href(from_page, target)}){{ download }}"


def row_filter(label: str) -> str:
    """A search box that hides the rows of the next table not containing what is typed (docs/assets/handbook.js)."""
    return f'<input type="search" class="table-filter" placeholder="{label}" aria-label="{label}">'
