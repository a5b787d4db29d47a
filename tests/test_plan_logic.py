"""The computations behind the plan pages: due dates, roll-ups, horizons, navigation and typed figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from macros.audit.typed_figures import hand_typed
from macros.audit.validation import check
from macros.data.contracts.base import Names
from macros.data.contracts.org import ActivityDone, Cadence
from macros.data.contracts.plan import Horizon, Roadmap, RoadmapItem
from macros.data.dates import add_months, next_due
from macros.data.loading import Logged
from macros.data.periods import periods_within
from macros.kpis.values import rollups
from macros.plan.cadence import schedule
from macros.plan.roadmap import is_late, item_overdue, window
from macros.render.sparkline import sparkline
from macros.site.page_plan import GeneratedPage, with_generated


def test_a_month_later_is_clamped_to_the_end_of_a_shorter_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)


def test_each_cadence_falls_due_one_period_after_it_was_done() -> None:
    done = date(2026, 6, 24)
    assert [next_due(done, e) for e in ("weekly", "monthly", "quarterly", "yearly")] == [
        date(2026, 7, 1), date(2026, 7, 24), date(2026, 9, 24), date(2027, 6, 24),
    ]  # fmt: skip


def _cadence(cid: str, every: str) -> Cadence:
    return Cadence(id=cid, name=Names(en=cid, zh=cid), every=every, owner="quality", source=["S1"])


def _done(cid: str, day: date, row: int = 2) -> Logged:
    return Logged(row, ActivityDone(activity=cid, done=day, record=f"R-{row}"))


def test_the_calendar_uses_the_latest_entry_and_flags_what_is_past_due() -> None:
    log = [_done("audit", date(2026, 3, 19)), _done("audit", date(2026, 6, 24), 3), _done("check", date(2026, 11, 16), 4)]
    audit, check_, never = schedule([_cadence("audit", "quarterly"), _cadence("check", "weekly"), _cadence("new", "monthly")], log,
                                    date(2026, 11, 21))  # fmt: skip
    assert (audit.last.entry.done, audit.next_due, audit.overdue, audit.times_done) == (date(2026, 6, 24), date(2026, 9, 24), True, 2)
    assert (check_.next_due, check_.overdue) == (date(2026, 11, 23), False)
    assert (never.last, never.overdue) == (None, True)


def test_an_activity_due_today_is_not_yet_overdue() -> None:
    [due] = schedule([_cadence("check", "weekly")], [_done("check", date(2026, 11, 14))], date(2026, 11, 21))
    assert due.next_due == date(2026, 11, 21) and not due.overdue


def test_a_quarter_holds_three_months_and_a_year_twelve() -> None:
    assert periods_within("2026-Q4", "quarterly", "monthly") == ["2026-10", "2026-11", "2026-12"]
    assert len(periods_within("2026", "yearly", "monthly")) == 12
    assert len(periods_within("2026", "yearly", "weekly")) == 52


def test_a_quarter_rolls_up_as_sum_of_numerators_over_sum_of_denominators(data: Path) -> None:
    handbook = check(data).handbook
    kpi = handbook.kpi("satisfaction")
    series = pd.DataFrame(
        {"period": ["2026-07", "2026-08", "2026-09"], "value": [50.0, 90.0, 90.0], "numerator": [5.0, 90.0, 900.0],
         "denominator": [10.0, 100.0, 1000.0]}
    )  # fmt: skip
    [q] = rollups(kpi, series, "quarterly").itertuples(index=False)
    assert (q.bucket, q.periods, q.expected) == ("2026-Q3", 3, 3)
    assert q.value == 995 / 1110 * 100  # not the mean of the rates, 76.7 %


def test_a_partial_quarter_says_how_many_periods_it_holds(data: Path) -> None:
    handbook = check(data).handbook
    series = pd.DataFrame({"period": ["2026-10"], "value": [90.0], "numerator": [9.0], "denominator": [10.0]})
    [q] = rollups(handbook.kpi("satisfaction"), series, "quarterly").itertuples(index=False)
    assert (q.bucket, q.periods, q.expected) == ("2026-Q4", 1, 3)


def _roadmap() -> Roadmap:
    return Roadmap(start=date(2024, 11, 1), horizons=[Horizon(id="mid", name="Mid term", months_from=6, months_to=12)], items=[])


def test_a_horizon_is_a_window_of_months_from_the_start() -> None:
    rm = _roadmap()
    assert window(rm, rm.horizons[0]) == (date(2025, 5, 1), date(2025, 11, 1))


def _item(status: str, due: date, done: date | None = None) -> RoadmapItem:
    return RoadmapItem(id="RM-01", horizon="mid", title="t", owner="it", due=due, status=status, done=done, source=["S4"])


def test_only_open_items_past_due_are_overdue_and_late_completions_are_noted() -> None:
    today = date(2026, 11, 21)
    assert item_overdue(_item("in progress", date(2025, 10, 31)), today)
    assert not item_overdue(_item("in progress", date(2026, 11, 21)), today)
    assert not item_overdue(_item("done", date(2025, 9, 30), date(2025, 10, 15)), today)
    assert is_late(_item("done", date(2025, 9, 30), date(2025, 10, 15)))


def test_generated_pages_join_the_section_of_their_index_page() -> None:
    nav = [{"Home": "index.md"}, {"KPIs": ["kpis/index.md", {"Benchmarks": "kpis/benchmarks.md"}]}]
    pages = [GeneratedPage("kpis/a.md", "A", "kpis/index.md", "", ()), GeneratedPage("kpis/b.md", "B", "kpis/index.md", "", ())]
    assert with_generated(nav, pages) == [
        {"Home": "index.md"},
        {"KPIs": ["kpis/index.md", {"Benchmarks": "kpis/benchmarks.md"}, {"A": "kpis/a.md"}, {"B": "kpis/b.md"}]},
    ]


def test_a_sparkline_states_its_label_and_marks_the_latest_value() -> None:
    svg = sparkline([1.0, 3.0, 2.0], 2.5, "Returns: latest 2 %")
    assert 'role="img"' in svg and 'aria-label="Returns: latest 2 %"' in svg
    assert svg.count("<circle") == 1 and 'class="spark-target"' in svg
    assert sparkline([], None, "x") == ""


def test_a_figure_typed_into_prose_is_found_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("# Title\n\nWe ship 98.0 % on time.\n", encoding="utf-8")
    [p] = hand_typed(tmp_path, {98.0})
    assert (p.where, p.found) == ("line 3", '"98.0 %"')


def test_figures_inside_macros_code_and_links_and_small_list_numbers_are_not_typed_figures(tmp_path: Path) -> None:
    text = '# T\n\n1. Step {{ kpi_target("x") }} and `98 %` and [a](p98.md)\n2. Done <span data-x="98"></span>\n'
    (tmp_path / "p.md").write_text(text, encoding="utf-8")
    assert hand_typed(tmp_path, {98.0, 1.0, 2.0}) == []


def test_a_figure_is_matched_as_written_not_more_precisely(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("Returns were 5.5 % and churn 7.", encoding="utf-8")
    assert [p.found for p in hand_typed(tmp_path, {5.47, 7.2})] == ['"5.5 %"']
