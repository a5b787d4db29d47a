"""Controlled documents: the front matter of every page in docs/ (ISO 9001 7.5)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from .base import Strict


class DocumentControl(Strict):
    """A page's identity, version, approval and review, as written in its front matter."""

    document_id: str = Field(pattern=r"^QH-[A-Z]{2,5}-\d{3,}$")
    title: str = Field(min_length=1)
    title_zh: str | None = Field(default=None, min_length=1)  # the document's title in Chinese, as the PDF's title page prints it
    version: str = Field(pattern=r"^\d+\.\d+$")
    status: Literal["draft", "approved", "obsolete"]
    owner: str
    approver: str
    effective: date
    review_every: str = Field(pattern=r"^[1-9]\d* (month|months|year|years)$")
    reviewed: date | None = None
    change_note: str | None = Field(default=None, min_length=1)  # what this version changed and why, in a person's words
    superseded_by: str | None = None
    # Material for MkDocs reads these keys too; they are allowed, not controlled.
    hide: list[str] | None = None
    search: dict[str, str] | None = None
