"""The handbook's Chinese: Simplified in every name, one glossary term per concept, quotes as the sources wrote
them with a Simplified rendering beside them, and a search index in one script with the glossary's terms as words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import pytest
import yaml
from helpers import ROOT, only_error, replace_text, soup_of

from macros.audit.validation import check
from macros.data.contracts.glossary import Term
from macros.data.problems import Code, errors, warnings
from macros.i18n.messages import gettext
from macros.site.search import folder, splitter, user_dictionary

T2S = opencc.OpenCC("t2s")
GLOSSARY = [Term.model_validate(t) for t in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))]
HAN = re.compile(r"[\u4e00-\u9fff]")


def zh_fields(data: object) -> list[str]:
    if isinstance(data, dict):
        return [v for k, v in data.items() if k == "zh" and isinstance(v, str)] + [
            t for k, v in data.items() if k != "zh" for t in zh_fields(v)
        ]
    return [t for v in data for t in zh_fields(v)] if isinstance(data, list) else []


def test_every_chinese_name_in_the_sample_data_is_simplified() -> None:
    names = [t for f in sorted((ROOT / "data").glob("*.yml")) for t in zh_fields(yaml.safe_load(f.read_text(encoding="utf-8")))]
    assert len(names) > 100
    assert [n for n in names if T2S.convert(n) != n] == []


def test_the_glossary_names_each_concept_once_with_one_simplified_term() -> None:
    assert 30 <= len(GLOSSARY) <= 80
    assert len({t.en.casefold() for t in GLOSSARY}) == len({t.zh for t in GLOSSARY}) == len(GLOSSARY)
    assert all(T2S.convert(t.zh) == t.zh for t in GLOSSARY)
    assert {"质量", "风险", "纠正措施", "供应商", "商家", "假货", "季度报告", "客户满意度", "退货", "投诉", "控制图", "评分卡"} <= {
        t.zh for t in GLOSSARY
    }


def test_a_traditional_name_is_refused_with_the_simplified_form_to_write(data: Path) -> None:
    replace_text(data / "suppliers.yml", "zh: 好供应商}", "zh: 好供應商}")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field) == (Code.TRADITIONAL_SCRIPT, "data/suppliers.yml", 'supplier "SUP-01" (line 16)', "name.zh")
    assert (p.found, '"好供应商"' in p.expected) == ('"好供應商"', True)


def test_a_traditional_source_title_is_refused_too(data: Path) -> None:
    replace_text(data / "sources.yml", "zh: 测试来源}", "zh: 測試來源}")
    p = only_error(data)
    assert (p.code, p.file, p.field, p.where) == (Code.TRADITIONAL_SCRIPT, "data/sources.yml", "title.zh", 'source "S1" (line 2)')


def test_a_quote_in_traditional_stays_as_the_source_wrote_it(data: Path) -> None:
    replace_text(data.parent / "sources" / "S1.txt", "平均退货率为18%", "平均退貨率為18%")
    replace_text(data / "benchmarks.yml", "quote: 平均退货率为18%", "quote: 平均退貨率為18%")
    result = check(data)
    assert result.handbook is not None and errors(result.problems) == []


def test_without_a_glossary_the_data_is_incomplete(data: Path) -> None:
    (data / "glossary.yml").unlink()
    p = only_error(data)
    assert (p.code, p.file) == (Code.MISSING_FILE, "data/glossary.yml")


def test_a_concept_named_twice_in_the_glossary(data: Path) -> None:
    replace_text(data / "glossary.yml", "- {en: return, zh: 退货", "- {en: Quality, zh: 退货")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field, p.found) == (Code.DUPLICATE_TERM, "data/glossary.yml", "term #3 (line 4)", "en", '"Quality"')


def test_a_chinese_term_given_to_two_concepts(data: Path) -> None:
    replace_text(data / "glossary.yml", "- {en: return, zh: 退货", "- {en: return, zh: 满意度")
    p = only_error(data)
    assert (p.code, p.where, p.field, p.found) == (Code.DUPLICATE_TERM, "term #3 (line 4)", "zh", '"满意度"')


def test_a_variant_that_is_a_term_of_its_own(data: Path) -> None:
    replace_text(data / "glossary.yml", "variants: [品质, 質量]", "variants: [品质, 投诉]")
    p = only_error(data)
    assert (p.code, p.where, p.field, p.found) == (Code.DUPLICATE_TERM, "term #1 (line 2)", "variants.1", '"投诉"')


def test_a_glossary_term_in_traditional(data: Path) -> None:
    replace_text(data / "glossary.yml", "zh: 供应商, variants: [供應商]", "zh: 供應商, variants: [供货商]")
    p = only_error(data)
    assert (p.code, p.file, p.where, p.field) == (Code.TRADITIONAL_SCRIPT, "data/glossary.yml", "term #5 (line 6)", "zh")


def test_a_name_using_a_variant_instead_of_the_term_is_a_warning(data: Path) -> None:
    replace_text(data / "kpis.yml", "zh: 响应时间}", "zh: 响应速度}")
    result = check(data)
    found = [p for p in warnings(result.problems) if p.code == Code.GLOSSARY_VARIANT]
    assert result.handbook is not None and len(found) == 1
    assert (found[0].file, found[0].field, found[0].found) == ("data/kpis.yml", "name.zh", '"响应速度"')
    assert found[0].where.startswith('KPI "response_hours" (line') and '"响应时间"' in found[0].expected


def test_a_variant_inside_a_term_the_name_uses_is_not_used(data: Path) -> None:
    replace_text(data / "glossary.yml", "variants: [滿意度]", "variants: [滿意度, 满意]")  # the KPI is named 满意度
    assert [p for p in check(data).problems if p.code == Code.GLOSSARY_VARIANT] == []


def test_the_fixture_names_use_no_variant(data: Path) -> None:
    assert [p for p in check(data).problems if p.code == Code.GLOSSARY_VARIANT] == []


def test_traditional_and_simplified_fold_to_the_same_search_text() -> None:
    fold = folder(GLOSSARY)
    assert fold("客戶滿意度") == fold("客户满意度") == "客户满意度"
    assert fold("品質") == fold("品质") == "质量"  # a variant is searched as its term
    assert fold("麻與織 Linen & Loom") == "麻与织 Linen & Loom"


def test_a_word_holding_shorter_terms_is_indexed_as_them() -> None:
    split = splitter(GLOSSARY)
    assert split("客户满意度") == ["客户", "满意度"]
    assert split("纠正措施") == ["纠正措施"] and split("季度报告") == ["季度报告"]


def test_the_search_dictionary_holds_every_term_as_one_frequent_word() -> None:
    lines = [line.split(" ") for line in user_dictionary(GLOSSARY).splitlines()]
    words = {w: int(f) for w, f in lines}
    assert {t.zh for t in GLOSSARY} <= set(words)
    assert min(words.values()) >= 10_000


@pytest.fixture(scope="module")
def index(zh_site: Path) -> list[dict]:
    """The site's one search index, both editions' pages."""
    return json.loads((zh_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_the_search_index_holds_no_traditional_character(index: list[dict]) -> None:
    chars = {c for doc in index for c in HAN.findall(doc["title"] + doc["text"])}
    assert len(chars) > 200
    assert sorted(c for c in chars if T2S.convert(c) != c) == []


@pytest.mark.parametrize("word", ["风险", "纠正措施", "假货", "季度报告", "满意度"])
def test_a_glossary_word_is_a_word_of_the_search_index(index: list[dict], word: str) -> None:
    pages = {d["location"] for d in index if word in re.split("[\u200b\\s]+", d["text"])}
    assert pages


def test_the_browser_folds_a_query_with_opencc_s_characters(zh_site: Path) -> None:
    script = (zh_site / "assets" / "search-fold.js").read_text(encoding="utf-8")
    fold = json.loads(script[script.index("{") : script.rindex("}") + 1])
    assert len(fold["from"]) == len(fold["to"]) > 2000
    assert {a: b for a, b in zip(fold["from"], fold["to"], strict=True) if T2S.convert(a) != b} == {}
    assert ["品质", "质量"] in fold["words"] and len(script.encode()) < 40_000


def test_a_traditional_quote_is_shown_as_written_with_its_simplified_form_beside(real_site: Path) -> None:
    text = soup_of(real_site / "kpis" / "benchmarks" / "index.html").select_one("article").get_text()
    quotes = [b["evidence"]["quote"] for b in yaml.safe_load((ROOT / "data" / "benchmarks.yml").read_text(encoding="utf-8"))]
    traditional = [q for q in quotes if T2S.convert(q) != q]
    assert len(traditional) >= 4
    beside = gettext("(Simplified: {text})", text="{}")  # as the edition words it: the site is built in English
    assert [q for q in traditional if f"「{q}」" + beside.format(T2S.convert(q)) not in text] == []


def test_a_simplified_quote_is_shown_once(real_site: Path) -> None:
    text = soup_of(real_site / "plan" / "commitments" / "index.html").select_one("article").get_text()
    quote = yaml.safe_load((ROOT / "data" / "commitments.yml").read_text(encoding="utf-8"))[0]["evidence"]["quote"]
    assert T2S.convert(quote) == quote and f"「{quote}」" in text and f"「{quote}」（" not in text


def test_the_glossary_is_shown_on_the_maintaining_page(real_site: Path) -> None:
    soup = soup_of(real_site / "maintaining" / "index.html")
    table = soup.select_one("#chinese-terms").find_next("table")
    shown = [[td.get_text(strip=True) for td in tr.select("td")][:2] for tr in table.select("tbody tr")]
    assert shown == [[t.en, t.zh] for t in GLOSSARY]
