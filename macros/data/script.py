"""Chinese script with OpenCC: whether a text is Simplified, its Simplified form, and the map of single characters
the search folds both the index and the query with."""

from __future__ import annotations

from functools import cache

import opencc

# The CJK Unified Ideographs block holds every character the handbook's Chinese and its sources use; the rare
# extensions are left as they are, which keeps the map the browser loads small.
CJK = range(0x4E00, 0xA000)


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in Simplified script, as OpenCC converts it (by phrase, then by character)."""
    return _to_simplified().convert(text)


@cache
def _converted() -> dict[str, str]:
    """Each character of the block that OpenCC converts on its own, and what it converts it to."""
    convert = _to_simplified().convert
    pairs = ((chr(n), convert(chr(n))) for n in CJK)
    return {t: s for t, s in pairs if t != s}


@cache
def character_map() -> dict[str, str]:
    """Each Traditional character whose Simplified form is one character of the same block; the few rare ones whose
    form lies outside it are left, so that the browser's map pairs one UTF-16 unit with one."""
    return {t: s for t, s in _converted().items() if len(s) == 1 and ord(s) in CJK}


def is_simplified(text: str) -> bool:
    """Whether OpenCC leaves the text as it is; checked by character first, as almost every text is."""
    if _converted().keys().isdisjoint(text):
        return True
    return simplified(text) == text


def by_character(text: str) -> str:
    """The text with each Traditional character replaced by its Simplified form: what the browser can do too."""
    table = character_map()
    return "".join(table.get(c, c) for c in text)
