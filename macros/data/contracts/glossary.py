"""The glossary: one Chinese term for each concept the handbook names, and the words it stands in for."""

from __future__ import annotations

from pydantic import Field

from .base import Strict, Text


class Term(Strict):
    en: Text
    zh: Text  # the one word the handbook's own Chinese uses, in Simplified script
    # Other words, or Traditional forms, for the same concept: never written in the handbook's own Chinese,
    # but searched as the term (a quote may use them).
    variants: list[Text] = Field(default_factory=list)
