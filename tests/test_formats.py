"""Dates, periods and numbers in the reader's conventions: the English edition keeps the ISO forms it always had
(2026-11-22, 2026-10, 2026-Q3), the Chinese one writes them as Babel's zh_Hans_CN locale does (2026年11月22日)."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent
from helpers import ROOT, TODAY, csv_rows, soup_of

from macros.audit.document_control import load_documents
from macros.audit.validation import check
from macros.audit.views.documents import identity_block
from macros.i18n.formats import day, moment, money, month, number, percent, period, quarter
from macros.i18n.messages import writing

ZH = "zh_Hans_CN"
DAYS = [date(2026, 11, 22), date(2025, 1, 5), date(2024, 2, 29)]
# A day, month or quarter as the English edition writes it: what the Chinese edition's prose must not show.
ISO = re.compile(r"(?<![\w./-])\d{4}-(?:\d{2}-\d{2}|\d{2}|Q[1-4])(?![\w/-])")


@pytest.mark.parametrize("d", DAYS)
def test_a_day_is_iso_in_english_and_babels_long_date_in_chinese(d: date) -> None:
    with writing("en"):
        assert day(d) == d.isoformat()
    with writing("zh"):
        assert day(d) == format_date(d, "long", locale=ZH)
        assert not ISO.search(day(d))


def test_a_time_of_day_keeps_its_hour_and_minute_in_both_languages() -> None:
    t = datetime(2026, 11, 22, 9, 5)
    with writing("en"):
        assert moment(t) == "2026-11-22 09:05"
    with writing("zh"):
        assert moment(t) == f"{format_date(t.date(), 'long', locale=ZH)} 09:05"


@pytest.mark.parametrize(("label", "first"), [("2026-10", date(2026, 10, 1)), ("2025-01", date(2025, 1, 1))])
def test_a_month_is_its_period_label_in_english_and_year_and_month_in_chinese(label: str, first: date) -> None:
    with writing("en"):
        assert month(label) == label
        assert month(first.replace(day=17)) == label
    with writing("zh"):
        assert month(label) == month(first.replace(day=17)) == format_skeleton("yMMM", first, locale=ZH)
        assert not ISO.search(month(label))


@pytest.mark.parametrize(("label", "first"), [("2026-Q3", date(2026, 7, 1)), ("2025-Q1", date(2025, 1, 1)), ("2024-Q4", date(2024, 10, 1))])
def test_a_quarter_is_its_label_in_english_and_babels_quarter_in_chinese(label: str, first: date) -> None:
    with writing("en"):
        assert quarter(label) == label
    with writing("zh"):
        assert quarter(label) == format_skeleton("yQQQ", first, locale=ZH)
        assert str(int(label[-1])) in quarter(label) and not ISO.search(quarter(label))


def test_a_period_of_any_cadence_is_written_as_its_kind_is() -> None:
    labels = ["2026-W07", "2026-10", "2026-Q3", "2026", "2026-11-22"]
    with writing("en"):
        assert [period(p) for p in labels] == labels
    with writing("zh"):
        shown = [period(p) for p in labels]
    assert shown == [
        format_skeleton("yw", date.fromisocalendar(2026, 7, 1), locale=ZH),
        format_skeleton("yMMM", date(2026, 10, 1), locale=ZH),
        format_skeleton("yQQQ", date(2026, 7, 1), locale=ZH),
        format_skeleton("y", date(2026, 1, 1), locale=ZH),
        format_date(date(2026, 11, 22), "long", locale=ZH),
    ]


@pytest.mark.parametrize("label", ["2026-13", "2026-W60", "baseline", "—", ""])
def test_a_label_that_names_no_period_is_shown_as_written(label: str) -> None:
    with writing("zh"):
        assert period(label) == label


def test_a_malformed_month_or_quarter_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="2026-Q5"):
        quarter("2026-Q5")
    with pytest.raises(ValueError, match="October"):
        month("October")


@pytest.mark.parametrize(("x", "digits"), [(1234.56, 1), (1234567.0, 0), (0.125, 2), (-42.05, 1)])
def test_numbers_group_thousands_with_the_decimals_asked_for(x: float, digits: int) -> None:
    with writing("en"):
        assert number(x, digits) == f"{x:,.{digits}f}"
    with writing("zh"):
        assert number(x, digits) == format_decimal(x, "#,##0" + ("." + "0" * digits if digits else ""), locale=ZH)


@pytest.mark.parametrize(("fraction", "digits"), [(0.363, 1), (0.5, 0), (0.04321, 2)])
def test_a_share_is_a_spaced_percentage_in_english_and_babels_percent_in_chinese(fraction: float, digits: int) -> None:
    with writing("en"):
        assert percent(fraction, digits) == f"{fraction * 100:.{digits}f} %"
    with writing("zh"):
        assert percent(fraction, digits) == format_percent(fraction, "#,##0" + ("." + "0" * digits if digits else "") + "%", locale=ZH)


@pytest.mark.parametrize("x", [1234567.4, 500.0, 0.0])
def test_money_is_whole_yuan_in_both_languages(x: float) -> None:
    with writing("en"):
        assert money(x) == f"{x:,.0f} ¥"
    with writing("zh"):
        assert money(x) == format_currency(x, "CNY", "¤#,##0", locale=ZH, currency_digits=False)


def test_a_pages_identity_block_gives_its_dates_in_chinese_when_written_in_chinese(project: Path) -> None:
    documents, _ = load_documents(project / "docs")
    handbook = check(project / "data", date.fromisoformat(TODAY)).handbook
    doc = next(d for d in documents if d.path == "index.md")
    effective = doc.control.effective
    with writing("en"):
        english = identity_block(doc, handbook, date.fromisoformat(TODAY), doc.path, documents)
    with writing("zh"):
        chinese = identity_block(doc, handbook, date.fromisoformat(TODAY), doc.path, documents)
    assert effective.isoformat() in english
    assert format_date(effective, "long", locale=ZH) in chinese and not ISO.search(chinese)


def prose(page: Path) -> str:
    """The article's text a reader reads: without code (file names, commands, commits), links' targets or the build stamp."""
    article = soup_of(page).article
    for hidden in article.select("code, pre, .build-stamp, script, style"):
        hidden.decompose()
    return article.get_text(" ")


def quoted(value: object) -> set[str]:
    """The ISO dates written inside the data's own sentences ("exceeded 48 hours since 2026-06"): data, shown as
    written. A value that is only a period (a baseline: 2024-11) is a label the page formats."""
    if isinstance(value, str):
        return set(ISO.findall(value)) if " " in value else set()
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return set().union(*map(quoted, items)) if items else set()


DATA_TEXT = set().union(*(quoted(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in (ROOT / "data").glob("*.yml")))
# Pages whose generated prose is full of days, months and quarters.
DATED = ["actions/index.html", "risks/index.html", "reports/2026-Q3/index.html", "about/documents/index.html", "alerts/index.html",
         "organisation/calendar/index.html", "plan/roadmap/index.html", "partners/suppliers/index.html",
         "partners/merchants/index.html", "kpis/satisfaction_uplift/index.html", "index.html"]  # fmt: skip


@pytest.mark.parametrize("page", DATED)
def test_a_chinese_page_shows_no_iso_date_in_its_prose_where_the_english_one_does(page: str, real_site: Path, zh_site: Path) -> None:
    assert set(ISO.findall(prose(real_site / page))) - DATA_TEXT, page
    assert set(ISO.findall(prose(zh_site / page))) - DATA_TEXT == set()


def ticks(page: Path) -> list[str]:
    """The period labels under the page's first chart (its trend)."""
    return [t.get_text() for t in soup_of(page).select("article figure")[0].select('g[id*="-xtick_"] text')]


def test_a_chinese_charts_axis_names_its_periods_as_chinese_months(real_site: Path, zh_site: Path) -> None:
    page = Path("kpis", "customer_satisfaction", "index.html")
    english, chinese = ticks(real_site / page), ticks(zh_site / page)
    with writing("zh"):
        months = {month(r["period"]): r["period"] for r in csv_rows("customer_satisfaction")}
    assert english and chinese and set(chinese) <= set(months)
    assert months[chinese[-1]] == english[-1]  # the latest period is always labelled
