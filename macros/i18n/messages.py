"""Every generated sentence goes through `gettext` or `ngettext`, so it is written once, in English, and translated in
macros/i18n/locale/<language>/LC_MESSAGES/<package>.po, one catalogue per package of macros/ (`make messages`
extracts each package's messages and merges them into its catalogues)."""

from __future__ import annotations

import gettext as gnu
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Protocol

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "handbook"  # the packages' catalogues are read as one
SOURCE = "en"  # the language messages are written in: it needs no catalogue
LANGUAGES = ("zh", SOURCE)
# The language a build writes unless told otherwise: one setting, read in one place.
DEFAULT = os.environ.get("HANDBOOK_LANGUAGE", SOURCE)

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def language() -> str:
    """The language the build is writing now."""
    return _current.get()


def use(lang: str) -> None:
    """Write in `lang` from now on (a build pass of one edition: MkDocs gives no block to wrap it in)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {lang!r}")
    _current.set(lang)


@contextmanager
def writing(lang: str) -> Iterator[None]:
    """Write everything inside the block in `lang` (one of LANGUAGES)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {lang!r}")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def catalogue_path(lang: str, package: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{package}.po"


@cache
def catalogue(lang: str) -> Catalog:
    """A language's messages as Babel reads them, every package's catalogue in one."""
    merged = Catalog(locale=lang, domain=DOMAIN)
    for path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as po:
            for message in read_po(po, locale=lang):
                if message.id:
                    merged[message.id] = message
    return merged


@cache
def _translations(lang: str) -> gnu.NullTranslations:
    """gettext's translations of a language, compiled from its .po in memory (fuzzy entries left out, as msgfmt does)."""
    if lang == SOURCE:
        return gnu.NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(lang))
    compiled.seek(0)
    return gnu.GNUTranslations(compiled)


class TwoNames(Protocol):
    en: str
    zh: str


def named(names: TwoNames | str) -> str:
    """A name or text the data gives in both languages (`name: {en, zh}`), in the build's language; one given in one
    language only, as written."""
    if isinstance(names, str):
        return names
    return names.zh if language() == "zh" else names.en


def other_named(names: TwoNames) -> str:
    """The same name in the other language, shown beside it (a department's, a procedure's), marked as that language
    (`<span lang>`): screen readers then read it in its own voice, and the page's prose stays in one language."""
    other = "en" if language() == "zh" else "zh"
    return in_language(other, names.en if other == "en" else names.zh)


def in_language(lang: str, text: str) -> str:
    """Words in another language than the page's, marked as such (a quote from a source, a name)."""
    return f'<span lang="{lang}">{text}</span>'


def N_(message: str) -> str:  # noqa: N802 - gettext's name for it
    """Mark a message for the catalogue where it is defined (a constant); it is translated where it is shown."""
    return message


def gettext(message: str, **values: object) -> str:
    """`message` in the build's language with its {placeholders} filled in; not yet translated, it stays English."""
    text = _translations(language()).gettext(message)
    return text.format(**values) if values else text


def pgettext(context: str, message: str, **values: object) -> str:
    """`message` as meant in `context`, for a word that translates differently in two places ("From": a start, a basis)."""
    text = _translations(language()).pgettext(context, message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """The form of a message for the number `n` in the build's language (Chinese has one form); `n` fills {n}."""
    return _translations(language()).ngettext(singular, plural, n).format(n=n, **values)


def untranslated(lang: str) -> list[str]:
    """The messages of a language's catalogue that have no translation yet, or only a fuzzy one."""
    if lang == SOURCE:
        return []
    return [str(m.id) for m in catalogue(lang) if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))]
