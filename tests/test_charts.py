"""Charts are byte-stable for the same input and drawn once (DESIGN rule 4); they say their values on hover, write
money with separators and its unit, fit their labels, and leave the page's theme to colour them. Heat-map cells
link their risks."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import ROOT, require_system, soup_of
from matplotlib import font_manager
from PIL import ImageFont

from macros.render import charts
from macros.render.charts import BarsInput, TrendInput, bars_svg, trend_svg

CHART = TrendInput(
    periods=("2026-08", "2026-09", "2026-10"), values=(89.0, 91.0, 93.5), target=90.0, warning=92.0,
    stretch=None, conflicting=(), unit_label="%", description="Satisfaction: latest 93.5 %, target ≥ 90 %.",
    point_texts=("89.0 %", "91.0 %", "93.5 %"), target_text="≥ 90.0 %",
)  # fmt: skip
MONEY = BarsInput(
    labels=("2024", "2025"), series=(("Prevention", (39_000.0, 1_250_000.0), "#81c784"), ("Appraisal", (0.0, 48_000.0), "#64b5f6")),
    unit_label="¥ (CNY)", description="Cost of quality by year.", symbol=" ¥",
)  # fmt: skip
COQ_NAMES = {
    "prevention": "Prevention", "appraisal": "Appraisal", "internal_failure": "Internal failure", "external_failure": "External failure",
}  # fmt: skip


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


def svg_of(markup: str) -> Tag:
    return BeautifulSoup(markup, "html.parser").svg


def hover_texts(svg: Tag) -> list[str]:
    """The <title> of each plotted point or bar, in the order drawn (the chart's own title left out)."""
    return [t.get_text() for t in svg.select("g > title")]


def ticks(svg: Tag, axis: str) -> list[str]:
    return [t.get_text() for t in svg.select(f'g[id*="-{axis}tick_"] text')]


def axis_label(svg: Tag) -> str:
    """The y axis's label: the text of that axis that belongs to no tick."""
    axis = svg.select_one('g[id$="-matplotlib.axis_2"]')
    return next(t.get_text() for t in axis.find_all("text") if not t.find_parent("g", id=re.compile(r"-ytick_")))


def test_each_point_of_a_trend_chart_tells_its_period_and_value_on_hover() -> None:
    told = hover_texts(svg_of(trend_svg(CHART)).select_one('[id$="-kpi-values"]'))
    assert told == [f"{p}: {v}" for p, v in zip(CHART.periods, CHART.point_texts, strict=True)]


def test_a_point_still_open_tells_its_value_on_its_ring() -> None:
    svg = svg_of(trend_svg(TrendInput(**{**CHART.__dict__, "provisional": (2,)})))
    assert hover_texts(svg.select_one('[id$="-kpi-values"]')) == ["2026-08: 89.0 %", "2026-09: 91.0 %"]
    assert hover_texts(svg.select_one('[id$="-kpi-provisional"]')) == ["2026-10: 93.5 %"]


def test_the_target_is_named_with_its_value_at_the_end_of_its_line() -> None:
    assert "target ≥ 90.0 %" in [t.get_text() for t in svg_of(trend_svg(CHART)).select('g[id$="-axes_1"] > g > text')]


def test_money_ticks_carry_thousands_separators_and_the_axis_names_the_currency() -> None:
    svg = svg_of(bars_svg(MONEY))
    values = ticks(svg, "y")
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", v) for v in values), values
    assert max(int(v.replace(",", "")) for v in values) >= 1_000_000 and "¥" in axis_label(svg) and "CNY" in axis_label(svg)


def test_each_bar_part_tells_its_amount_on_hover_and_a_part_of_nothing_tells_nothing() -> None:
    told = hover_texts(svg_of(bars_svg(MONEY)))
    assert told == ["2024, Prevention: 39,000 ¥", "2025, Prevention: 1,250,000 ¥", "2025, Appraisal: 48,000 ¥"]


@pytest.mark.parametrize("markup", [trend_svg(CHART), bars_svg(MONEY)], ids=["trend", "money"])
def test_every_label_lies_inside_the_drawing(markup: str) -> None:
    svg = svg_of(markup)
    _, _, width, height = map(float, svg["viewbox"].split())
    font = font_manager.findfont("DejaVu Sans")  # the font the SVG asks for, measured by Pillow rather than matplotlib
    for text in svg.find_all("text"):
        if "rotate(-0 " not in text.get("transform", "rotate(-0 "):
            continue  # an upright label (the axis's name): its extent is not along x
        size = float(re.search(r"font-size: ([\d.]+)px", text["style"]).group(1))
        anchor = re.search(r"text-anchor: (\w+)", text["style"]).group(1)
        x, y, wide = float(text["x"]), float(text["y"]), ImageFont.truetype(font, 100).getlength(text.get_text()) * size / 100
        left = {"start": x, "middle": x - wide / 2, "end": x - wide}[anchor]
        assert 0 <= left and left + wide <= width and 0 <= y - size and y <= height, (text.get_text(), left, wide, width)


def test_a_chart_paints_no_background_and_leaves_its_text_and_axes_to_the_page(real_site: Path) -> None:
    drawn = [svg for page in real_site.rglob("*.html") for svg in soup_of(page).select("article figure svg")]
    assert len(drawn) > 10
    for svg in drawn:
        markup = str(svg)
        assert not re.search(r"fill:\s*(#fff\b|#ffffff|white)", markup, re.I), svg["aria-label"]
        assert all("fill: currentColor" in t["style"] for t in svg.find_all("text")), svg["aria-label"]
        assert "stroke: currentColor" in markup, svg["aria-label"]  # the axes


def test_the_cost_of_quality_bars_tell_each_years_amount_from_the_csv(real_site: Path) -> None:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    with (ROOT / "data" / "cost_of_quality.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            totals[row["year"], COQ_NAMES[row["category"]]] += float(row["amount"])
    [svg] = soup_of(real_site / "plan" / "cost-benefit" / "index.html").select("figure.chart svg")
    told = dict(re.fullmatch(r"(\d{4}, [^:]+): ([\d,]+) ¥", t).groups() for t in hover_texts(svg))
    assert told == {f"{year}, {name}": f"{amount:,.0f}" for (year, name), amount in totals.items() if amount}
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", v) for v in ticks(svg, "y")) and "¥" in axis_label(svg)
    assert max(int(v.replace(",", "")) for v in ticks(svg, "y")) >= 100_000  # the yearly totals are six figures


def heat_cells(table: Tag) -> dict[tuple[int, int], Tag]:
    """Each cell of a heat map by (likelihood, impact): rows from likelihood 5 down, columns from impact 1."""
    cells = {}
    for row in table.select("tbody tr"):
        likelihood = int(row.th.get_text(" ", strip=True).split()[0])
        for impact, cell in enumerate(row.find_all("td"), start=1):
            cells[likelihood, impact] = cell
    return cells


@pytest.mark.parametrize(("page", "maps"), [("risks/index.html", ("residual", "inherent")), ("index.html", ("residual",))])
def test_each_heat_map_cell_links_every_risk_at_its_likelihood_and_impact_to_its_row(real_site: Path, page: str, maps: tuple) -> None:
    risks = yaml.safe_load((ROOT / "data" / "risks.yml").read_text(encoding="utf-8"))["risks"]
    register = soup_of(real_site / "risks" / "index.html")
    tables = soup_of(real_site / page).select("table.heat-map")
    assert len(tables) == len(maps)
    for which, table in zip(maps, tables, strict=True):
        for (likelihood, impact), cell in heat_cells(table).items():
            there = {r["id"]: r["title"]["en"] for r in risks if (r[which]["likelihood"], r[which]["impact"]) == (likelihood, impact)}
            links = cell.find_all("a")
            assert {a.get_text() for a in links} == set(there), (which, likelihood, impact)
            for a in links:
                target = (real_site / page).parent.joinpath(a["href"].split("#")[0], "index.html").resolve()
                assert target == (real_site / "risks" / "index.html").resolve() and register.select_one(f"#{a['href'].split('#')[1]}")
                assert a["href"].endswith(f"#{a.get_text().lower()}") and a["title"] == there[a.get_text()]


def test_chinese_chart_text_is_measured_with_a_chinese_font() -> None:
    """A Chinese label measured with DejaVu Sans's missing-glyph box would be given too little room."""
    import warnings

    import matplotlib.pyplot as plt

    from macros.render.chart_axes import style
    from scripts.pdf import cjk_font_installed

    require_system("a CJK font (fonts-noto-cjk)", cjk_font_installed())
    with plt.rc_context(style()), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure, axes = plt.subplots()
        axes.set_title("退换货率（2026年10月）")
        figure.canvas.draw()
        plt.close(figure)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
