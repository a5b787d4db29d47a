"""The data's reader-facing text in the edition's language: procedures, departments and RACI, KPI definitions and their
reasons, commitments, benchmarks, costs, the appraisal and suppliers' grades show their `zh:` text in Chinese; a text
written in one language only is shown as written in both; the English words closed quarterly records keep are shown in
Chinese where a report shows them, and a word the code does not know as the record has it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from helpers import ROOT, TODAY, soup_of

from macros.audit.digests import origin_of
from macros.audit.record_words import BETTER, PERIODS_OF, SAME, WHOLE_QUARTER, WORSE, change_said, description_said, said
from macros.audit.validation import check
from macros.built.pdf_title import Approver
from macros.data.reads import Shared
from macros.i18n.messages import catalogue, writing
from macros.kpis.spc import SIGNALS
from macros.plan.views.procedures import procedure_detail

DATA = ROOT / "data"


def read(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def text_of(site: Path, path: str) -> str:
    return soup_of(site / path / "index.html").article.get_text(" ")


def zh(message: str) -> str:
    return str(catalogue("zh")[message].string)


def test_in_chinese_each_procedure_page_shows_its_summary_trigger_steps_and_records_in_chinese(zh_site: Path) -> None:
    for p in read("procedures.yml"):
        shown = text_of(zh_site, f"procedures/{p['id']}")
        texts = [p["summary"], p["trigger"], *p["steps"], *p["records"]]
        assert all(t["zh"] in shown for t in texts), p["id"]
        assert not any(t["en"] in shown for t in texts), p["id"]


def test_in_chinese_the_procedures_index_says_what_each_procedure_does_in_chinese(zh_site: Path) -> None:
    shown = text_of(zh_site, "procedures")
    summaries = [p["summary"] for p in read("procedures.yml")]
    assert all(s["zh"] in shown and s["en"] not in shown for s in summaries)


def test_in_chinese_departments_name_their_leads_and_responsibilities_in_chinese(zh_site: Path) -> None:
    shown = text_of(zh_site, "organisation")
    departments = read("org.yml")["departments"]
    texts = [d["lead"] for d in departments] + [r["text"] for d in departments for r in d["responsibilities"]]
    assert all(t["zh"] in shown for t in texts)
    assert not any(t["en"] in shown for t in texts)


def test_in_chinese_the_raci_matrix_names_its_activities_in_chinese(zh_site: Path) -> None:
    shown = text_of(zh_site, "organisation/raci")
    activities = [a["activity"] for a in read("org.yml")["raci"]]
    assert all(a["zh"] in shown and a["en"] not in shown for a in activities)


def kpi_texts(k: dict[str, Any]) -> list[dict[str, str]]:
    """A KPI's reader-facing texts besides its name: definition, why its target, conflicting targets, baselines."""
    control = k.get("control", {})
    found = [k["definition"]["numerator"], k["definition"].get("denominator"), k.get("rationale"), control.get("reason"),
             *(t["note"] for t in k.get("conflicting_targets", [])), *(s["reason"] for s in control.get("stages", []))]  # fmt: skip
    return [t for t in found if t]


def test_in_chinese_a_kpi_page_defines_its_kpi_and_says_why_its_target_in_chinese(zh_site: Path) -> None:
    kpis = read("kpis.yml")
    for k in kpis:
        shown = text_of(zh_site, f"kpis/{k['id']}")
        assert all(t["zh"] in shown and t["en"] not in shown for t in kpi_texts(k)), k["id"]
    assert sum(len(kpi_texts(k)) for k in kpis) > 2 * len(kpis)  # definitions, and reasons beside them


def test_in_chinese_every_commitment_promises_in_chinese(zh_site: Path) -> None:
    shown = text_of(zh_site, "plan/commitments")
    assert all(c["promise"]["zh"] in shown and c["promise"]["en"] not in shown for c in read("commitments.yml"))


def test_in_chinese_the_benchmarks_name_who_published_each_figure_in_chinese(zh_site: Path) -> None:
    table = soup_of(zh_site / "kpis" / "benchmarks" / "index.html").select_one("article table")
    cells = [row.select("td")[-1].get_text(" ") for row in table.select("tbody tr")]
    abouts = [b["about"] for b in read("benchmarks.yml")]
    assert len(cells) == len(abouts)
    assert all(a["zh"] in cell and a["en"] not in cell for a, cell in zip(abouts, cells, strict=True))


def test_in_chinese_the_cost_benefit_page_says_what_the_investment_covers_and_why_its_rate_in_chinese(zh_site: Path) -> None:
    shown = text_of(zh_site, "plan/cost-benefit")
    texts = [c for f in read("costs.yml") for c in f.get("covers", [])] + [read("appraisal.yml")["rationale"]]
    assert len(texts) > 1 and all(t["zh"] in shown for t in texts)
    assert not any(t["en"] in shown for t in texts)


def test_in_chinese_the_suppliers_grades_say_what_they_mean_in_chinese(zh_site: Path) -> None:
    grades = read("suppliers.yml")["evaluation"]["grades"]
    table = next(t for t in soup_of(zh_site / "partners" / "suppliers" / "index.html").select("article table")
                 if [td.get_text(strip=True) for td in t.select("tbody tr td:first-child")] == [g["id"] for g in grades])  # fmt: skip
    meanings = [tr.select("td")[-1].get_text(strip=True) for tr in table.select("tbody tr")]
    assert meanings == [g["meaning"]["zh"] for g in grades]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_text_given_in_one_language_is_shown_as_written_in_both(project: Path, lang: str) -> None:
    procedures = yaml.safe_load((project / "data" / "procedures.yml").read_text(encoding="utf-8"))
    first = procedures[0]
    assert all(isinstance(t, str) for t in (first["summary"], first["trigger"], *first["steps"], *first["records"]))
    checked = check(project / "data", date.fromisoformat(TODAY))
    assert checked.handbook is not None, checked.problems
    c = SimpleNamespace(handbook=checked.handbook, facts=checked.facts, page="procedures/x.md", origin=origin_of(project),
                        today=date.fromisoformat(TODAY), shared=Shared())  # fmt: skip
    with writing(lang):
        shown = procedure_detail(c, first["id"])
    assert all(t in shown for t in (first["summary"], first["trigger"], *first["steps"], *first["records"]))


def test_in_chinese_a_closed_report_says_how_each_figure_was_formed_and_its_change_in_chinese(zh_site: Path) -> None:
    newest = sorted((DATA / "records").glob("*.yml"))[-1]
    record = yaml.safe_load(newest.read_text(encoding="utf-8"))
    soup = soup_of(zh_site / "reports" / newest.stem / "index.html")
    table = next(t for t in soup.select("article table") if len(t.select("tbody tr")) == len(record["results"]))
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert [row[2] for row in rows] == [_basis_zh(r["basis"]) for r in record["results"]]
    changes = [(row[-1], r["change"]) for row, r in zip(rows, record["results"], strict=True) if r["change"] != "—"]
    assert changes and all(shown == next(zh(w) + stored[len(w) :] for w in (BETTER, WORSE, SAME) if stored.startswith(w))
                           for shown, stored in changes)  # fmt: skip


def _basis_zh(stored: str) -> str:
    """A recorded basis as the Chinese catalogue words it, worked out from the message, not from record_words."""
    if stored == WHOLE_QUARTER:
        return zh(WHOLE_QUARTER)
    periods, _, rest = stored.partition(" of ")
    return zh(PERIODS_OF).format(periods=periods, expected=rest.split()[0])


def test_in_chinese_a_recorded_signal_says_what_its_chart_shows_in_chinese() -> None:
    stored = "; ".join([SIGNALS[(1, 1)], SIGNALS[(3, 1)]])
    with writing("zh"):
        shown = description_said(stored)
    assert shown == "; ".join([zh(SIGNALS[(1, 1)]), zh(SIGNALS[(3, 1)])])


def test_a_recorded_change_keeps_its_delta_in_every_language() -> None:
    with writing("zh"):
        assert change_said(f"{BETTER} +0.4") == f"{zh(BETTER)} +0.4"
    assert change_said(f"{BETTER} +0.4") == f"{BETTER} +0.4"


@pytest.mark.parametrize("stored", ["5 of 6 weeks", "▲ much better +1", "—", ""])
def test_a_recorded_word_the_code_does_not_know_is_shown_as_written(stored: str) -> None:
    with writing("zh"):
        assert (said(stored), change_said(stored), description_said(stored)) == (stored, stored, stored)


def test_every_basis_the_closed_records_keep_is_known_to_the_catalogue() -> None:
    bases = {r["basis"] for path in (DATA / "records").glob("*.yml") for r in yaml.safe_load(path.read_text(encoding="utf-8"))["results"]}
    with writing("zh"):
        assert bases and all(said(b) != b for b in bases)


def test_the_pdf_title_page_names_the_approvers_lead_in_the_editions_language() -> None:
    lead = next(d["lead"] for d in read("org.yml")["departments"])
    approver = Approver("quality", "Quality", None, lead["en"], lead["zh"])
    with writing("zh"):
        chinese = approver.label
    assert lead["zh"] in chinese and lead["en"] not in chinese
    assert lead["en"] in approver.label and lead["zh"] not in approver.label
