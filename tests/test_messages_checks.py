"""Validation in Chinese for the domain checks: a stale KPI, an overdue review, an edited ledger row, a bad
measurement, a roadmap date, a partner's grade table and a query's result are each named by the same code as in
English, and what was expected and found is worded from the catalogues, without the English of the package's messages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from helpers import TODAY, english_words, replace_text, run, script, set_cell
from helpers import kpi as a_kpi

from macros.audit.validation import check
from macros.data.problems import Code, Problem
from macros.i18n.messages import writing
from macros.kpis.ledger_checks import REFRESH
from macros.pipeline.queries import QueryError, measurement_rows


def checked(data: Path, lang: str, today: str = TODAY) -> list[Problem]:
    with writing(lang):
        return check(data, date.fromisoformat(today)).problems


def prose_words(text: str, *kept: str) -> set[str]:
    """The words of a problem's text, the values it quotes and names as written (ids, paths, commands) aside."""
    for value in kept:
        text = text.replace(value, "")
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\S*[/.=]\S*", "", text)
    return set(re.findall(r"[A-Za-z]{4,}", text))


def assert_worded_in_chinese(data: Path, code: Code, package: str, today: str = TODAY, kept: tuple[str, ...] = ()) -> None:
    english, chinese = checked(data, "en", today), checked(data, "zh", today)
    assert [p.code for p in chinese] == [p.code for p in english] and code in {p.code for p in chinese}
    ours = [(en, zh) for en, zh in zip(english, chinese, strict=True) if zh.code == code]
    assert all((zh.expected, zh.found) != (en.expected, en.found) for en, zh in ours)
    words = {w for _, zh in ours for text in (zh.expected, zh.found) for w in prose_words(text, *kept)}
    assert words & english_words(package) == set()


def test_a_stale_kpi_is_named_in_chinese(data: Path) -> None:
    assert_worded_in_chinese(data, Code.STALE, "kpis", today="2026-12-11")  # 2026-11 was due by 2026-12-10


def test_an_overdue_risk_review_is_named_in_chinese(data: Path) -> None:
    replace_text(data / "risks.yml", "next_review: 2027-01-31", "next_review: 2026-11-01")
    assert_worded_in_chinese(data, Code.OVERDUE, "risks")


def test_a_hand_edited_ledger_row_is_named_in_chinese(data: Path) -> None:
    result = run(script("refresh", "--data", str(data)), data.parent, HANDBOOK_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    set_cell(data / "measurements" / "computed.csv", 3, "value", "99.00")
    assert_worded_in_chinese(data, Code.COMPUTED_EDITED, "kpis", kept=(REFRESH,))


def test_a_measurement_out_of_its_units_range_is_named_in_chinese(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 3, "value", "150")
    assert_worded_in_chinese(data, Code.OUT_OF_RANGE, "kpis")


def test_a_roadmap_item_done_in_the_future_is_named_in_chinese(data: Path) -> None:
    replace_text(data / "roadmap.yml", "done: 2026-03-20", "done: 2026-12-20")
    assert_worded_in_chinese(data, Code.FUTURE_DATE, "plan")


def test_a_grade_table_without_a_floor_is_named_in_chinese(data: Path) -> None:
    replace_text(data / "suppliers.yml", "    - {id: D, min: 0, meaning: Serious}\n", "")
    assert_worded_in_chinese(data, Code.RULE_GAP, "partners")


def test_a_query_result_without_its_columns_is_named_in_chinese() -> None:
    frame, k = pd.DataFrame({"period": ["2026-10"], "numerator": [1]}), a_kpi(query="k.sql")

    def problems(lang: str) -> list[Problem]:
        with writing(lang), pytest.raises(QueryError) as refused:
            measurement_rows(k, frame, "data/queries/k.sql")
        return refused.value.problems

    english, chinese = problems("en"), problems("zh")
    assert [p.code for p in chinese] == [p.code for p in english] == [Code.BAD_RESULT]
    assert (chinese[0].expected, chinese[0].found) != (english[0].expected, english[0].found)
    said = prose_words(f"{chinese[0].expected} {chinese[0].found}", *frame.columns)  # the result's columns, as named
    assert said & english_words("pipeline") == set()
