"""The handbook's own Chinese: Simplified in every `zh` field of data/, one term per concept as data/glossary.yml
names it. Quotes (fields named `quote`) are the sources' words and stay as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from ..i18n.messages import gettext
from .problems import Code, Problem, shown
from .script import is_simplified, simplified

if TYPE_CHECKING:
    from .loading import Located, Parts

GLOSSARY = "glossary.yml"


def zh_texts(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text written under a key `zh`, with the path to it, in the order of the file."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "zh" and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from zh_texts(value, (*path, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from zh_texts(value, (*path, n))


def traditional(parts: Parts) -> list[Problem]:
    """Each `zh` text of a YAML file in data/ that is not Simplified, with the Simplified form expected."""
    found = []
    for located in parts.located.values():
        for path, text in zh_texts(located.doc.data):
            if not is_simplified(text):
                where, field = _place(located, path)
                expected = gettext('Simplified Chinese: "{text}"', text=simplified(text))
                found.append(Problem(Code.TRADITIONAL_SCRIPT, located.label, where, field, expected, shown(text)))
    return found


def glossary_terms(parts: Parts, today: date) -> list[Problem]:
    """Each concept once, each Chinese term once, and no variant that is a term itself."""
    assert parts.glossary is not None
    located = parts.located[GLOSSARY]
    found: list[Problem] = []
    seen: dict[str, dict[str, int]] = {"en": {}, "zh": {}}
    for n, term in enumerate(parts.glossary):
        for field, value in (("en", term.en.casefold()), ("zh", term.zh)):
            if value in seen[field]:
                first = seen[field][value] + 1
                where = located.where(n, field)
                expected = gettext("a term not already in term #{first}", first=first)
                found.append(Problem(Code.DUPLICATE_TERM, located.label, where, field, expected, shown(getattr(term, field))))
            seen[field].setdefault(value, n)
    terms = seen["zh"]
    for n, term in enumerate(parts.glossary):
        for v, variant in enumerate(term.variants):
            if variant in terms:
                where = located.where(n, "variants", v)
                found.append(Problem(Code.DUPLICATE_TERM, located.label, where, f"variants.{v}",
                                     gettext("a word that is not a term of the glossary"), shown(variant)))  # fmt: skip
    return found


def variants_used(parts: Parts, today: date) -> list[Problem]:
    """A warning for each Simplified `zh` text outside the glossary that uses a term's variant instead of the term."""
    assert parts.glossary is not None
    variants = {v: t for t in parts.glossary for v in t.variants}
    if not variants:
        return []
    # Longest first, so that a regular expression takes 客户满意度 whole, not 客户 then 满意度.
    any_variant = re.compile("|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)))
    any_term = re.compile("|".join(re.escape(t.zh) for t in sorted(parts.glossary, key=lambda t: len(t.zh), reverse=True)))
    found = []
    for name, located in parts.located.items():
        if name == GLOSSARY:
            continue
        for path, text in zh_texts(located.doc.data):
            if not any_variant.search(text):  # almost every text: one search, not one per term
                continue
            used = any_variant.search(any_term.sub("\0", text))  # the terms it uses set aside: a variant inside one is not used
            if used and is_simplified(text):
                term, where_field = variants[used.group()], _place(located, path)
                expected = gettext(
                    'the glossary\'s term "{term}" ({concept}) instead of "{variant}"', term=term.zh, concept=term.en, variant=used.group()
                )
                found.append(Problem(Code.GLOSSARY_VARIANT, located.label, *where_field, expected, shown(text), "warning"))
    return found


def _place(located: Located, path: tuple[str | int, ...]) -> tuple[str, str]:
    where, rest = located.locate(path)
    return where, ".".join(str(p) for p in rest)
