"""The message catalogues: every generated sentence written once in English and translated into Chinese, with the
same placeholders; the build writes the language it is set to."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, TODAY, mkdocs_build, run, script, soup_of

from macros.audit.document_control import load_documents
from macros.audit.validation import check
from macros.data.reads import Shared
from macros.i18n.messages import LANGUAGES, SOURCE, catalogue, named, untranslated, writing
from macros.partners.scores import PartnerScores
from macros.reports.alerts import KINDS, alerts
from macros.reports.views.alerts import alerts_markdown
from scripts.messages import packages, template

TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_in_the_code_has_a_translation(lang: str) -> None:
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for folder in packages().values() for m in template(folder) if m.id}
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(lang) if m.id} - set(untranslated(lang))
    assert wanted and sorted(wanted - translated) == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translation_keeps_the_placeholders_of_its_message(lang: str) -> None:
    for m in catalogue(lang):
        if m.id and m.string:
            ids, strings = (m.id, m.string) if isinstance(m.id, tuple) else ((m.id,), (m.string,))
            assert all(fields(s) == fields(ids[0]) | ({"n"} if len(ids) > 1 else set()) for s in strings), m.id


def test_the_catalogues_hold_every_message_the_code_has() -> None:
    result = run(script("messages", "--check"), ROOT)
    assert result.returncode == 0, result.stderr


def fragments(message: str) -> list[str]:
    """The English words of a message between its placeholders: what must not show in another language."""
    return [w for part in re.split(r"\{[^}]*\}", message) for w in re.findall(r"[A-Za-z]{4,}", part)]


def test_in_chinese_the_alerts_use_no_english_sentence_and_name_kpis_in_chinese(project: Path) -> None:
    day = date.fromisoformat(TODAY)
    result = check(project / "data", day)
    documents, _ = load_documents(project / "docs")
    with writing("zh"):
        found = alerts(result.handbook, result.facts, documents, day, PartnerScores(result.handbook, Shared()))
        text = alerts_markdown(found, result.handbook, "alerts.md")
        for lead in {named(d.lead) for d in result.handbook.departments}:  # a person's name is data, written as the data has it
            text = text.replace(lead, "")
    english = {w for m in catalogue("zh") if isinstance(m.id, str) and m.id for w in fragments(m.id)}
    shown = set(re.findall(r"[A-Za-z]{4,}", re.sub(r"\]\([^)]*\)|\{#[^}]*\}", "", text)))
    kpis = yaml.safe_load((project / "data" / "kpis.yml").read_text(encoding="utf-8"))
    breached = [a for a in found if a.kind == "breached"]
    assert breached and shown & english == set()
    assert {a.subject for a in breached} <= {k["name"]["zh"] for k in kpis}
    assert all(catalogue("zh")[title].string in text for kind, title in KINDS.items() if any(a.kind == kind for a in found))


def test_a_build_set_to_chinese_writes_its_alerts_in_chinese(zh_site: Path) -> None:
    site = zh_site
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup_of(site / "alerts" / "index.html").article.select("h2[id]:has(+ ul)")]
    titles = {catalogue("zh")[title].string for title in KINDS.values()}
    assert headings and all(h.rsplit(" (", 1)[0] in titles for h in headings)


def test_the_same_cache_never_replays_one_language_into_the_other(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    mkdocs_build(ROOT, tmp_path / "en", cache, only="en")  # each edition alone, at its site's root
    mkdocs_build(ROOT, tmp_path / "zh", cache, only="zh")
    english, chinese = (soup_of(tmp_path / lang / "alerts" / "index.html").article.get_text() for lang in ("en", "zh"))
    assert english != chinese and catalogue("zh")[KINDS["breached"]].string in chinese


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_message_two_packages_share_is_translated_the_same_in_both(lang: str) -> None:
    """The catalogues are read as one, so two translations of one message would leave one of them unused."""
    from babel.messages.pofile import read_po

    from macros.i18n.messages import LOCALE_DIR

    seen: dict[tuple[object, object], tuple[str, object]] = {}  # by context and message: pgettext tells them apart
    differing = []
    for path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as po:
            for m in read_po(po, locale=lang):
                if m.id and m.string:
                    first = seen.setdefault((m.context, m.id), (path.name, m.string))
                    if first[1] != m.string:
                        differing.append((m.id, first, (path.name, m.string)))
    assert differing == []


def test_every_message_the_code_asks_for_is_seen_by_the_extractor() -> None:
    """Babel reads no f-string on this Python: a message asked for inside one would never reach a catalogue."""
    import ast

    asked = set()
    for folder in packages().values():
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("gettext", "ngettext", "pgettext", "N_"):
                    first = node.args[1 if node.func.id == "pgettext" else 0] if node.args else None
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        asked.add(first.value)
    extracted = {m.id if isinstance(m.id, str) else m.id[0] for folder in packages().values() for m in template(folder) if m.id}
    assert asked and sorted(asked - extracted) == []
