"""Small building blocks the checks share: id lookups, owners, duplicates and quotes."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..i18n.messages import gettext
from .problems import Code, Problem, shown

if TYPE_CHECKING:
    from .loading import Located, Parts  # pandas: not needed to check a page's front matter


def ids(items: list | None) -> set[str]:
    return {i.id for i in items or []}


def one_of(ids: set[str], what: str) -> str:
    return f"{what} ({', '.join(sorted(ids))})" if len(ids) <= 12 else what


def duplicates(items: list, located: Located, noun: str) -> list[Problem]:
    counts = Counter(i.id for i in items)
    # i18n: what a duplicated id breaks: {noun} is the kind of record (KPI, risk, supplier…)
    once = gettext("each {noun} id once", noun=gettext(noun))
    first = {}
    for n, i in enumerate(items):
        first.setdefault(i.id, n)
    return [
        Problem(Code.DUPLICATE_ID, located.label, located.where(n, "id"), "id", once, gettext('"{id}" again', id=i.id))
        for n, i in enumerate(items)
        if counts[i.id] > 1 and first[i.id] != n
    ]


def unknown_owner(loc: Located, index: int, owner: str, departments: set[str] | None) -> list[Problem]:
    return known(loc.label, loc.where(index, "owner"), "owner", owner, departments, gettext("a department id from data/org.yml"))


def department_ids(parts: Parts) -> set[str] | None:
    return {d.id for d in parts.org.departments} if parts.org else None


def quote_problems(parts: Parts, label: str, where: str, field: str, source: str, quote: str) -> list[Problem]:
    if parts.sources is None:
        return []
    sources = ids(parts.sources)
    if source not in sources:
        return [Problem(Code.UNKNOWN_REFERENCE, label, where, field, one_of(sources, gettext("a source id")), shown(source))]
    text = parts.source_texts.get(source)
    if text is not None and quote not in text:
        return [
            Problem(
                Code.QUOTE_NOT_IN_SOURCE,
                label,
                where,
                field,
                gettext("a quote that appears word for word in source {source}", source=source),
                shown(quote),
            )
        ]
    return []


def maybe_ids(items: list | None) -> set[str] | None:
    """The ids, or None when the file did not load (so no rule reports a second problem for it)."""
    return ids(items) if items is not None else None


def known(label: str, where: str, field: str, value: str, known_ids: set[str] | None, what: str) -> list[Problem]:
    """Nothing when `value` is one of `known_ids` (or they did not load), else the problem naming what was expected."""
    if known_ids is None or value in known_ids:
        return []
    return [Problem(Code.UNKNOWN_REFERENCE, label, where, field, one_of(known_ids, what), shown(value))]
