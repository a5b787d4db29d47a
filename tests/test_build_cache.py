"""The build cache replays a build whose inputs did not change, and never one whose inputs did."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from helpers import mkdocs_build, set_cell, summary_rows, write_body

from macros.site.cache import Cache


def test_a_changed_measurement_is_shown_by_the_next_build_with_the_same_cache(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    mkdocs_build(project, tmp_path / "first", cache)
    assert summary_rows(tmp_path / "first" / "index.html")["Satisfaction"]["Latest"] == "93.5 %"
    set_cell(project / "data" / "measurements" / "m.csv", 4, "value", "88.00")
    set_cell(project / "data" / "measurements" / "m.csv", 4, "numerator", "880")
    mkdocs_build(project, tmp_path / "second", cache)
    assert summary_rows(tmp_path / "second" / "index.html")["Satisfaction"]["Latest"] == "88.0 %"


def test_a_changed_page_is_rendered_again_with_the_same_cache(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    mkdocs_build(project, tmp_path / "first", cache)
    write_body(project / "docs" / "kpis" / "index.md", "# KPIs\n\nA sentence added by a department lead.\n\n{{ kpi_summary() }}\n")
    mkdocs_build(project, tmp_path / "second", cache)
    assert "A sentence added by a department lead." in (tmp_path / "second" / "kpis" / "index.html").read_text(encoding="utf-8")


def test_a_replayed_build_has_a_new_build_stamp(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    mkdocs_build(project, tmp_path / "first", cache)
    assert list((cache / "pages").glob("*.pickle")), "the first build leaves its outputs in the cache"
    time.sleep(1.1)  # the stamp counts seconds
    mkdocs_build(project, tmp_path / "second", cache)
    first, second = (json.loads((tmp_path / d / "manifest.json").read_text(encoding="utf-8")) for d in ("first", "second"))
    assert first["built_at"] < second["built_at"] and first["commit"] == second["commit"]
    assert second["built_at"] in (tmp_path / "second" / "about" / "index.html").read_text(encoding="utf-8")


def test_the_checked_data_is_reused_until_data_changes_and_a_page_edit_keeps_it(project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    day = date(2026, 11, 21)
    first = Cache(project, day, None)
    checked_key, state = first.checked_key, first.state
    assert first.checked().handbook is not None
    assert [p.stem for p in (tmp_path / "cache" / "checked").glob("*.pickle")] == [checked_key]
    write_body(project / "docs" / "kpis" / "index.md", "# KPIs\n\nA sentence added by a department lead.\n\n{{ kpi_summary() }}\n")
    edited_page = Cache(project, day, None)
    assert edited_page.checked_key == checked_key and edited_page.state != state
    assert Cache(project, date(2026, 11, 22), None).checked_key != checked_key  # statuses are judged on the day
    set_cell(project / "data" / "measurements" / "m.csv", 4, "value", "88.00")
    assert Cache(project, day, None).checked_key != checked_key


def test_a_damaged_cache_entry_is_only_a_miss(project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    cache = Cache(project, date(2026, 11, 21), None)
    (tmp_path / "cache" / "checked").mkdir(parents=True)
    (tmp_path / "cache" / "checked" / f"{cache.checked_key}.pickle").write_bytes(b"not a pickle")
    assert cache.checked().handbook is not None
