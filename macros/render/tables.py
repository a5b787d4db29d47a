"""Markdown tables from rows of cells."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n.messages import gettext
from .table_csv import MARK


def cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str = "", offered: bool = True) -> str:
    """A pipe table; `align` is one letter per column (l, r, c), left by default. An offered table gets a CSV of its rows."""
    marks = {"l": ":--", "r": "--:", "c": ":-:"}
    rule = [marks[align[i]] if i < len(align) else "---" for i in range(len(headers))]
    lines = [MARK, ""] if offered else []
    lines += ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def facts_table(rows: Sequence[Sequence[object]]) -> str:
    """Labelled facts, one per row; the header names both columns, so a screen reader can announce them."""
    return markdown_table([gettext("Item"), gettext("Detail")], rows, offered=False)
