"""Chinese search: a jieba dictionary of the glossary's terms, and one form for the index and the query.

Material's search plugin cuts Chinese into words with jieba when it indexes a page, and its search worker cuts
a query greedily into the words of the index. So a term must be one word of the index (the dictionary), and the
index and the query must be written alike: both are *folded*, each Traditional character to its Simplified form
(the same map in Python and in the browser) and each glossary variant to its term, and the index is cut again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache

import jieba
from backrefs import bre

from ..data.contracts.glossary import Term
from ..data.script import by_character, character_map

# Far above any word of jieba's own dictionary that a term could be split into, so a term is always cut whole.
TERM_FREQUENCY = 100_000
FOLD_SCRIPT = "assets/search-fold.js"  # the map the browser folds a query with, beside the pages
CUT = "\u200b"  # how Material's plugin marks where it cut Chinese (its separator splits on it)
_HAN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)  # as Material's plugin finds Chinese to cut


def user_dictionary(glossary: list[Term]) -> str:
    """jieba's user dictionary: each term and variant, as folded, one a line with its frequency."""
    words = dict.fromkeys(by_character(w) for t in glossary for w in (t.zh, *t.variants))
    return "".join(f"{w} {TERM_FREQUENCY}\n" for w in words if " " not in w)


def synonyms(glossary: list[Term]) -> dict[str, str]:
    """Each variant, in Simplified characters, and the term it stands for; longest first, as they are replaced."""
    pairs = {by_character(v): t.zh for t in glossary for v in t.variants}
    return {v: pairs[v] for v in sorted(pairs, key=len, reverse=True) if v != pairs[v]}


def folder(glossary: list[Term]) -> Callable[[str], str]:
    """The fold the index and the query are brought to one form with."""
    words = synonyms(glossary)
    variant = re.compile("|".join(map(re.escape, words))) if words else None

    def fold(text: str) -> str:
        text = by_character(text)
        return variant.sub(lambda m: words[m.group()], text) if variant else text

    return fold


def folded_index(index: str, glossary: list[Term]) -> str:
    """Material's search_index.json with every title and text folded, then cut into words again."""
    data, fold, split = json.loads(index), folder(glossary), splitter(glossary)

    def cut(text: str) -> str:
        words = lambda m: CUT + CUT.join(p for w in jieba.cut(m.group(0)) for p in split(w)) + CUT  # noqa: E731
        return _HAN.sub(words, text).strip(CUT)

    for doc in data.get("docs", []):
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = cut(fold(doc[key].replace(CUT, "")))
    return json.dumps(data, separators=(",", ":"))


def splitter(glossary: list[Term]) -> Callable[[str], list[str]]:
    """A word cut around the shorter terms it holds: 客户满意度 is indexed as 客户 and 满意度, so that a search for
    满意度 finds it (a query matches the start of a word, not its middle); a term holding none stays whole."""
    terms = sorted({t.zh for t in glossary}, key=len, reverse=True)

    @cache
    def split(word: str) -> list[str]:
        inside = [t for t in terms if len(t) < len(word) and t in word]
        if not inside:
            return [word]
        return [p for p in re.split(f"({'|'.join(map(re.escape, inside))})", word) if p]

    return split


def fold_script(glossary: list[Term], folders: dict[str, str] | None = None) -> str:
    """The browser's half of the fold (docs/assets/handbook.js applies it to each query), and each edition's folder in
    the site by language (`{"zh": "", "en": "en/"}`), so that a reader's search shows the pages of the edition read."""
    table = character_map()
    fold = {"from": "".join(table), "to": "".join(table.values()), "words": list(synonyms(glossary).items()), "editions": folders or {}}
    return (
        "// Written by the build (macros/site/search.py) from OpenCC and data/glossary.yml: how a search query is folded.\n"
        f"var handbookSearchFold = {json.dumps(fold, ensure_ascii=False, separators=(',', ':'))};\n"
    )
