"""The risk register, heat maps, risk by category and the supplier and merchant pages in Chinese: their sentences come
from the catalogues, the data's names and the rules' outcome words show in Chinese, the CSV downloads keep their ids."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from types import SimpleNamespace

import pytest
import yaml
from helpers import ROOT, TODAY, english_words

from macros.audit.digests import origin_of
from macros.audit.validation import Checked, check
from macros.data.reads import Shared
from macros.i18n.messages import catalogue, writing
from macros.partners.scores import PartnerScores
from macros.partners.urgency import needing_action
from macros.partners.views import merchants, suppliers
from macros.render.links import MERCHANTS_PAGE, RISK_PAGE, SUPPLIERS_PAGE
from macros.risks.categories import no_column
from macros.risks.views import categories, register

DATA = ROOT / "data"
WORD = r"[A-Za-z]{4,}"


@pytest.fixture(scope="module")
def checked() -> Checked:
    with writing("zh"):
        return check(DATA, date.fromisoformat(TODAY))


def view(checked: Checked, page: str) -> SimpleNamespace:
    """What a page's views read, with the partners' results worked out afresh in the language in force."""
    return SimpleNamespace(handbook=checked.handbook, today=date.fromisoformat(TODAY), page=page, origin=origin_of(ROOT),
                           cache_dir=None, shared=Shared(), partners=PartnerScores(checked.handbook, Shared()),
                           categories=checked.categories)  # fmt: skip


def data_words() -> set[str]:
    """Every English word the data files hold: risk titles, band names, codes ... are shown as the data has them."""
    return {w for path in DATA.glob("*.yml") for w in re.findall(WORD, path.read_text(encoding="utf-8"))}


def shown_words(markdown: str) -> set[str]:
    """The words a reader sees, without markup, link targets, file names, the provenance line, or the data's own words."""
    text = re.sub(r"<[^>]*>", " ", markdown)
    text = re.sub(r"\]\([^)]*\)|\{ download \}|\S+\.(?:csv|yml)\b", " ", text)
    text = re.sub(r"Data: .*?data commit \w+\.", " ", text, flags=re.S)  # worded by render/, not by these packages
    return set(re.findall(WORD, text)) - data_words()


def risk_pages(checked: Checked) -> str:
    c = view(checked, RISK_PAGE)
    return "\n".join([register.register_table(c), register.bands_table(c), register.review_summary(c)])


def partner_pages(checked: Checked) -> str:
    s, m = view(checked, SUPPLIERS_PAGE), view(checked, MERCHANTS_PAGE)
    return "\n".join([suppliers.supplier_method(s), suppliers.supplier_latest(s), suppliers.supplier_history(s),
                      merchants.merchant_method(m), merchants.merchant_latest(m), merchants.merchant_history(m)])  # fmt: skip


def test_in_chinese_the_risk_register_uses_no_english_sentence(checked: Checked) -> None:
    with writing("zh"):
        shown = shown_words(risk_pages(checked))
    assert english_words("risks") and shown & english_words("risks") == set()


def test_in_chinese_the_register_names_owners_and_controls_in_chinese(checked: Checked) -> None:
    risks = yaml.safe_load((DATA / "risks.yml").read_text(encoding="utf-8"))["risks"]
    departments = {d["id"]: d["name"] for d in yaml.safe_load((DATA / "org.yml").read_text(encoding="utf-8"))["departments"]}
    procedures = {p["id"]: p["name"] for p in yaml.safe_load((DATA / "procedures.yml").read_text(encoding="utf-8"))}
    names = [departments[r["owner"]] for r in risks] + [procedures[p] for r in risks for p in r["controls"]]
    with writing("zh"):
        table = register.register_table(view(checked, RISK_PAGE))
    assert names and all(f"[{n['zh']}]" in table and f"[{n['en']}]" not in table for n in names)


def test_in_chinese_the_heat_maps_use_no_english_sentence(checked: Checked) -> None:
    with writing("zh"):
        maps = "\n".join(register.heat_map(view(checked, RISK_PAGE), which) for which in register.VIEWS)
    assert maps.count("<caption>") == 2 and shown_words(maps) & english_words("risks") == set()


def test_in_chinese_risk_by_category_uses_no_english_sentence(checked: Checked) -> None:
    c = view(checked, "risks/categories.md")
    with writing("zh"):
        page = "\n".join([categories.category_method(c), categories.category_table(c), categories.category_chart(c)])
    assert checked.categories.risks and shown_words(page) & english_words("risks") == set()


def test_in_chinese_a_category_assessment_not_made_says_why_in_chinese() -> None:
    with writing("zh"):
        said = categories.not_assessed(no_column("orders", "category"))
    assert shown_words(said) & english_words("risks") == set() and "orders" in said and "category" in said


def test_in_chinese_the_supplier_and_merchant_pages_use_no_english_sentence(checked: Checked) -> None:
    with writing("zh"):
        shown = shown_words(partner_pages(checked))
    assert english_words("partners") and shown & english_words("partners") == set()


def test_in_chinese_the_partners_that_need_action_are_named_in_chinese(checked: Checked) -> None:
    with writing("zh"):
        page = partner_pages(checked)
        scores = PartnerScores(checked.handbook, Shared())
        acting = needing_action(scores.latest_suppliers()[0]) + needing_action(scores.latest_merchants()[0])
    listed = {p["id"]: p["name"] for f in ("suppliers.yml", "merchants.yml")
              for p in yaml.safe_load((DATA / f).read_text(encoding="utf-8"))[f.split(".")[0]]}  # fmt: skip
    assert acting and all(f"{p.id} {listed[p.id]['zh']}" in page and listed[p.id]["en"] not in page for p, _ in acting)


def test_in_chinese_the_rules_outcome_words_are_shown_in_chinese(checked: Checked) -> None:
    rules = [*checked.handbook.suppliers.evaluation.rules, *checked.handbook.merchants.evaluation.rules]
    words = {r.outcome for r in rules}
    with writing("zh"):
        page = partner_pages(checked)
    badges = re.findall(r'<span class="status status-[a-z-]+">\S+ ([^<]*)</span>', page)
    assert words and set(badges) == {catalogue("zh")[w].string for w in words | {"not rated"}}


def test_in_chinese_the_csv_downloads_keep_their_column_ids_and_the_datas_outcome_words(checked: Checked) -> None:
    rules = [*checked.handbook.suppliers.evaluation.rules, *checked.handbook.merchants.evaluation.rules]
    with writing("zh"):
        files = [suppliers.scorecards_csv(view(checked, SUPPLIERS_PAGE)), merchants.history_csv(view(checked, MERCHANTS_PAGE))]
    rows = [list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")))) for text in files]
    assert [list(r[0]) for r in rows] == [suppliers.CSV_HEADERS, merchants.CSV_HEADERS]
    assert {row["outcome"] for r in rows for row in r} <= {r.outcome for r in rules} | {"not rated"}
