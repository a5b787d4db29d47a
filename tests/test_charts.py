"""Charts are byte-stable for the same input and drawn once (DESIGN rule 4)."""

from __future__ import annotations

import re
from pathlib import Path

from macros.render import charts
from macros.render.charts import TrendInput, trend_svg

CHART = TrendInput(
    periods=("2026-08", "2026-09", "2026-10"), values=(89.0, 91.0, 93.5), target=90.0, warning=92.0,
    stretch=None, conflicting=(), unit_label="%", description="Satisfaction: latest 93.5 %, target ≥ 90 %.",
)  # fmt: skip


def test_the_same_input_gives_the_same_bytes() -> None:
    assert trend_svg(CHART) == trend_svg(CHART)


def test_the_chart_is_an_inline_svg_with_a_text_alternative_and_no_blank_lines() -> None:
    svg = trend_svg(CHART)
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-label="Satisfaction: latest 93.5 %' in svg
    assert "<title>Satisfaction" in svg and "\n\n" not in svg
    assert re.search(r'id="chart-[0-9a-f]{8}-kpi-values"', svg)  # the plotted line is findable


def test_two_charts_share_no_id_and_each_reference_stays_inside_its_chart() -> None:
    other = trend_svg(TrendInput(**{**CHART.__dict__, "values": (89.0, 91.0, 88.0)}))
    ids = [set(re.findall(r'\bid="([^"]+)"', svg)) for svg in (trend_svg(CHART), other)]
    assert ids[0] and not ids[0] & ids[1]
    for svg, own in zip((trend_svg(CHART), other), ids, strict=True):
        assert set(re.findall(r'(?:xlink:href="#|url\(#)([^")]+)', svg)) <= own


def test_a_cached_chart_is_not_drawn_again(tmp_path: Path, monkeypatch) -> None:
    first = trend_svg(CHART, tmp_path)
    monkeypatch.setattr(charts, "_draw", lambda chart: (_ for _ in ()).throw(AssertionError("drawn twice")))
    assert trend_svg(CHART, tmp_path) == first
    assert len(list(tmp_path.glob("*.svg"))) == 1


def test_a_changed_value_makes_a_new_chart(tmp_path: Path) -> None:
    trend_svg(CHART, tmp_path)
    trend_svg(TrendInput(**{**CHART.__dict__, "values": (89.0, 91.0, 88.0)}), tmp_path)
    assert len(list(tmp_path.glob("*.svg"))) == 2
