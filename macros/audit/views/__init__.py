"""Document control on the pages, the document register and change log, and "About this edition", as Markdown.

MACROS names the calls pages make; STAMPED those that show the build stamp, which are never replayed from the memo.
"""

from __future__ import annotations

from typing import Any, Protocol

from ...render.context import View
from ..document_control import Document
from ..editions import Edition
from ..revision_history import History
from . import documents, edition, glossary, limits


class AuditView(View, Protocol):
    """A view that reads the controlled documents, the git history and the editions published."""

    documents: list[Document]
    history: History
    editions: list[Edition]
    edition: str | None  # the edition being built, None between editions
    manifest: dict[str, Any]


MACROS = {
    "document_register": documents.register,
    "change_log": documents.change_log,
    "tool_versions": edition.tools_table,
    "data_files": edition.data_files_table,
    "editions": edition.editions_table,
    "quarter_records": edition.quarter_records,
    "changes_since_edition": edition.changes_since,
    "input_limits": limits.input_limits,
    "glossary": glossary.glossary_table,
}
STAMPED = {"edition_facts": edition.edition_facts, "pdf_pack": edition.pdf_pack}
