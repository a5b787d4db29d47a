"""The text of the risk register, the category-risk method, the corrective actions and the roadmap in both languages:
a Chinese page shows the data's `zh:` text and not its English, a text given as a plain string is shown as written in
both, and validation warns of each such string while the handbook is published in two languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from helpers import MINIMAL, ROOT, TODAY, soup_of
from test_site_checks import accessibility, heat_map, titled

from macros.audit.digests import origin_of
from macros.audit.validation import Checked, check
from macros.data.problems import Code
from macros.data.reads import Shared
from macros.i18n.messages import writing
from macros.partners.scores import PartnerScores
from macros.plan.views import actions, plan
from macros.reports.alerts import alerts
from macros.risks.views import categories, register

DATA = ROOT / "data"
TWO_LANGUAGES = {"i18n": {"languages": [{"locale": "zh", "default": True, "name": "中文"}, {"locale": "en", "name": "English"}]}}


def data_of(name: str, data: Path = DATA) -> dict:
    return yaml.safe_load((data / name).read_text(encoding="utf-8"))


def texts(record: dict, *fields: str) -> list[dict]:
    """The two-language texts of a record's fields (a dotted field is one level down)."""
    found = []
    for field in fields:
        value = record
        for key in field.split("."):
            value = value[key]
        found.append(value)
    return found


def view(checked: Checked, page: str) -> SimpleNamespace:
    return SimpleNamespace(handbook=checked.handbook, today=date.fromisoformat(TODAY), page=page, origin=origin_of(ROOT),
                           cache_dir=None, shared=Shared(), partners=PartnerScores(checked.handbook, Shared()),
                           categories=checked.categories, facts=checked.facts)  # fmt: skip


def shows_zh_not_en(shown: str, pairs: list[dict]) -> None:
    assert pairs
    for text in pairs:
        assert text["zh"] in shown, text["zh"]
        assert text["en"] not in shown, text["en"]


@pytest.fixture(scope="module")
def real() -> Checked:
    checked = check(DATA, date.fromisoformat(TODAY))
    assert checked.handbook is not None
    return checked


@pytest.fixture(scope="module")
def plain() -> Checked:
    """The fixture project's data, whose texts are plain strings."""
    checked = check(MINIMAL / "data", date.fromisoformat(TODAY))
    assert checked.handbook is not None
    return checked


def test_in_chinese_the_register_shows_each_risks_title_cause_and_consequence_in_chinese(real: Checked) -> None:
    with writing("zh"):
        shown = register.register_table(view(real, "risks/index.md"))
    shows_zh_not_en(shown, [t for r in data_of("risks.yml")["risks"] for t in texts(r, "title", "cause", "consequence")])


def test_in_chinese_the_bands_table_names_each_band_and_what_it_asks_in_chinese(real: Checked) -> None:
    with writing("zh"):
        shown = register.bands_table(view(real, "risks/method.md"))
    shows_zh_not_en(shown, [t for b in data_of("risks.yml")["matrix"]["bands"] for t in texts(b, "name", "action")])


def test_in_chinese_the_heat_map_names_the_levels_of_likelihood_and_impact_in_chinese(real: Checked) -> None:
    with writing("zh"):
        shown = register.heat_map(view(real, "risks/index.md"))
    matrix = data_of("risks.yml")["matrix"]
    shows_zh_not_en(shown, [*matrix["likelihood"].values(), *matrix["impact"].values()])


def test_in_chinese_the_category_method_gives_the_costs_rationale_in_chinese(real: Checked) -> None:
    with writing("zh"):
        shown = categories.category_method(view(real, "risks/categories.md"))
    shows_zh_not_en(shown, [data_of("category_risk.yml")["costs"]["rationale"]])


def test_in_chinese_the_action_log_shows_every_field_of_every_action_in_chinese(real: Checked) -> None:
    fields = ("nonconformity", "containment", "root_cause", "similar", "action")
    pairs = [t for a in data_of("capa.yml")["actions"] for t in texts(a, *fields)]
    pairs += [a["effectiveness"]["method"] for a in data_of("capa.yml")["actions"] if "effectiveness" in a]
    with writing("zh"):
        shown = actions.action_log(view(real, "actions/index.md"))
    shows_zh_not_en(shown, pairs)


def test_in_chinese_a_decision_to_take_no_action_gives_its_reason_in_chinese(real: Checked) -> None:
    with writing("zh"):
        shown = actions.breached_coverage(view(real, "actions/index.md"))
    shows_zh_not_en(shown, [d["reason"] for d in data_of("capa.yml")["no_action"]])


def test_in_chinese_the_roadmap_names_its_horizons_and_items_in_chinese(real: Checked) -> None:
    roadmap = data_of("roadmap.yml")
    with writing("zh"):
        shown = plan.roadmap_view(view(real, "plan/roadmap.md"))
    shows_zh_not_en(shown, [h["name"] for h in roadmap["horizons"]] + [i["title"] for i in roadmap["items"]])


def test_in_chinese_the_overdue_alerts_give_the_actions_and_the_risks_titles_in_chinese(real: Checked) -> None:
    handbook, today = real.handbook, date.fromisoformat(TODAY)
    with writing("zh"):
        found = alerts(handbook, real.facts, [], today, PartnerScores(handbook, Shared()))
    said = " ".join(f"{a.subject} {a.detail}" for a in found if a.kind in ("action overdue", "risk review overdue"))
    overdue = {a.id for a in found if a.kind == "action overdue"} | {a.subject.split()[0] for a in found if a.kind == "risk review overdue"}
    pairs = [a["action"] for a in data_of("capa.yml")["actions"] if a["id"] in overdue]
    pairs += [r["title"] for r in data_of("risks.yml")["risks"] if r["id"] in overdue]
    assert len(pairs) == len(overdue) > 1
    shows_zh_not_en(said, pairs)


def test_in_chinese_a_closed_quarters_report_gives_its_actions_in_chinese_though_the_record_keeps_english(zh_site: Path) -> None:
    record = data_of("records/2026-Q3.yml")["sections"]
    kept = {a["action"] for a in record["opened"]}
    logged = [a["action"] for a in data_of("capa.yml")["actions"] if a["action"]["en"] in kept]
    assert len(logged) == len(kept) > 0
    shows_zh_not_en(soup_of(zh_site / "reports" / "2026-Q3" / "index.html").article.get_text(" "), logged)


def test_a_text_given_as_a_plain_string_is_accepted_and_shown_as_written_in_both_languages(plain: Checked) -> None:
    risk = data_of("risks.yml", MINIMAL / "data")["risks"][0]
    assert isinstance(risk["title"], str)
    for lang in ("en", "zh"):
        with writing(lang):
            shown = register.register_table(view(plain, "risks/index.md"))
        assert risk["title"] in shown and risk["cause"] in shown, lang


def two_languages(project: Path) -> None:
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"] = [TWO_LANGUAGES, *settings["plugins"]]
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")


def one_language_warnings(data: Path) -> list:
    return [p for p in check(data).problems if p.code == Code.ONE_LANGUAGE]


def test_with_two_languages_each_text_given_in_one_is_a_warning_naming_its_file_record_and_field(project: Path, data: Path) -> None:
    two_languages(project)
    found = one_language_warnings(data)
    ids = [r["id"] for r in data_of("risks.yml", data)["risks"]]
    titles = [p for p in found if p.file == "data/risks.yml" and p.field == "title"]
    assert len(titles) == len(ids) and all(p.severity == "warning" and f'"{i}"' in p.where for p, i in zip(titles, ids, strict=True))
    assert {"data/risks.yml", "data/capa.yml", "data/roadmap.yml"} <= {p.file for p in found}
    assert {"matrix.bands.0.name", "matrix.likelihood.1", "cause", "consequence"} <= {p.field for p in found if p.file == "data/risks.yml"}


def test_with_two_languages_a_text_given_in_both_is_not_warned_of(project: Path, data: Path) -> None:
    two_languages(project)
    path = data / "risks.yml"
    risk = data_of("risks.yml", data)["risks"][0]
    path.write_text(path.read_text(encoding="utf-8").replace(f"title: {risk['title']}", f"title: {{en: {risk['title']}, zh: 批次不良}}"),
                    encoding="utf-8")  # fmt: skip
    fields = {(p.file, p.field) for p in one_language_warnings(data) if risk["id"] in p.where}
    assert ("data/risks.yml", "cause") in fields and ("data/risks.yml", "title") not in fields


def test_with_one_language_no_text_is_warned_of(data: Path) -> None:
    assert one_language_warnings(data) == []


def test_a_band_named_in_chinese_is_not_taken_for_a_colour_alone(tmp_path: Path) -> None:
    band = data_of("risks.yml")["matrix"]["bands"][-1]
    cell = '<td class="band-{id}">R-001{name}</td>'
    assert accessibility(tmp_path, titled(heat_map(cell.format(id=band["id"], name=f"<small>{band['name']['zh']}</small>")))) == []
    (problem,) = accessibility(tmp_path, titled(heat_map(cell.format(id=band["id"], name=""))))
    assert problem.code == Code.COLOUR_ONLY
