"""The build cache replays a build whose inputs did not change, and never one whose inputs did."""

from __future__ import annotations

import json
import time
from pathlib import Path

from conftest import mkdocs_build, set_cell, write_body
from test_build import summary_rows


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
