"""Control charts on the KPI pages: which chart, limits recomputed from the CSV files, and the target drawn apart."""

from __future__ import annotations

import math
import re
from itertools import pairwise
from pathlib import Path
from statistics import NormalDist

import pandas as pd
import pytest
from bs4 import Tag
from helpers import ROOT, csv_rows, displays, expected_target, kpis, soup_of, table_rows

from macros.data.contracts.kpis import Kpi
from macros.kpis.control import NAMES, control_of

MIN_PERIODS = 8  # fewer periods get a note instead of a chart
WINDOW = 24  # the chart shows the last 24 periods
BASELINE = 20  # periods a stage's limits come from unless kpis.yml says
FACTOR = {"percent": 100.0, "permille": 1000.0}
LABEL = re.compile(
    r"^Control chart \((?P<kind>[^)]+)\)(?: in \d+ stages)? of (?P<name>.+): "
    r"latest (?P<latest>.+?) in (?P<period>\S+)(?: \(provisional[^)]*\))?, "
    r"centre line (?P<centre>.+?), control limits (?P<lower>.+?) to (?P<upper>.+?), target (?P<target>.+?); "
    r"signals in \d of the last 3 periods\.$"
)


def headline(k: dict) -> list[tuple[str, float | None, float | None, float]]:
    """(period, numerator, denominator, value) per period straight from the CSV files, oldest first.

    The unscoped row, else the sum over the KPI's first scope kind; a rate is its numerator / denominator.
    """
    rows = csv_rows(k.get("series", k["id"]))
    out = []
    for period in sorted({r["period"] for r in rows}):
        group = [r for r in rows if r["period"] == period]
        group = [r for r in group if not r["scope"]] or [r for r in group if r["scope"].startswith(f"{k['scopes'][0]}=")]
        if k["definition"].get("denominator") and all(r["numerator"] and r["denominator"] for r in group):
            num, den = sum(float(r["numerator"]) for r in group), sum(float(r["denominator"]) for r in group)
            out.append((period, num, den, num / den * FACTOR.get(k["unit"], 1.0)))
        else:
            out.append((period, None, None, sum(float(r["value"]) for r in group)))
    return out


def kpi_dict(kpi_id: str) -> dict:
    return next(k for k in kpis() if k["id"] == kpi_id)


def latest_stage(k: dict) -> tuple[list[tuple], list[tuple]]:
    """The periods of the KPI's latest stage, as kpis.yml declares its stages, and the first of them its limits use."""
    plan = k.get("control", {})
    stages = plan.get("stages", [])
    rows = headline(k)
    if stages:
        rows = [r for r in rows if r[0] >= str(stages[-1]["from"])]
    return rows, rows[: (stages[-1] if stages else plan).get("baseline", BASELINE)]


def chi_square_critical(df: int) -> float:
    """The 95th percentile of χ²(df) by Wilson and Hilferty's cube-root approximation (independent of the code's scipy)."""
    z = NormalDist().inv_cdf(0.95)
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def control_label(site: Path, kpi_id: str) -> dict[str, str]:
    """The parts of the control chart's text alternative on a KPI page."""
    figure = control_figure(site, kpi_id)
    assert figure is not None, f"{kpi_id} has no control chart"
    match = LABEL.match(figure.svg["aria-label"])
    assert match, figure.svg["aria-label"]
    return match.groupdict()


def control_figure(site: Path, kpi_id: str) -> Tag | None:
    """The <figure> of the page's 'Control chart' section, or None when the section has none."""
    heading = soup_of(site / "kpis" / kpi_id / "index.html").select_one("article h2#control-chart")
    assert heading is not None, f"{kpi_id} has no 'Control chart' section"
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            return None
        if sibling.name == "figure" and "control-chart" in sibling.get("class", []):
            return sibling
    return None


def signal_rows(site: Path, kpi_id: str) -> list[dict[str, str]] | None:
    """The rows of a KPI page's table of signals, or None when the page has no such table."""
    soup = soup_of(site / "kpis" / kpi_id / "index.html")
    if not any(t.th and t.th.get_text(strip=True) == "Signal at" for t in soup.select("article table")):
        return None
    return table_rows(soup, "Signal at")


def legend(svg: Tag) -> dict[str, str]:
    """Each legend entry's text and the style of its line sample (matplotlib writes the sample just before the text)."""
    group = svg.find("g", id=re.compile(r"-legend_1$"))
    entries, style = {}, ""
    for part in group.find_all("g", recursive=False):
        if re.search(r"-line2d_\d+$", part.get("id", "")) and part.path is not None:
            style = part.path.get("style", "")
        elif re.search(r"-text_\d+$", part.get("id", "")):
            entries[part.get_text(strip=True)] = style
    return entries


def stroke(style: str) -> tuple[int, int, int]:
    colour = re.search(r"stroke: #([0-9a-fA-F]{6})", style)
    assert colour, style
    return tuple(int(colour.group(1)[i : i + 2], 16) for i in (0, 2, 4))


CHARTED = [k["id"] for k in kpis() if len(headline(k)) >= MIN_PERIODS]
TOO_SHORT = [k["id"] for k in kpis() if len(headline(k)) < MIN_PERIODS]


@pytest.mark.parametrize("kpi_id", CHARTED)
def test_a_kpi_page_with_eight_periods_has_a_control_chart_stating_its_latest_value_and_target(real_site: Path, kpi_id: str) -> None:
    k = kpi_dict(kpi_id)
    figure = control_figure(real_site, kpi_id)
    assert figure is not None and figure.svg is not None and figure.svg["role"] == "img"
    label = control_label(real_site, kpi_id)
    period, _, _, value = headline(k)[-1]
    assert label["name"] == k["name"]["en"] and label["period"] == period
    assert displays(label["latest"], value), (label["latest"], value)
    assert displays(label["target"], expected_target(k, ROOT / "data")), label["target"]


@pytest.mark.parametrize("kpi_id", TOO_SHORT)
def test_a_kpi_page_with_fewer_than_eight_periods_says_why_it_has_no_control_chart(real_site: Path, kpi_id: str) -> None:
    k = kpi_dict(kpi_id)
    text = soup_of(real_site / "kpis" / kpi_id / "index.html").article.get_text(" ", strip=True)
    assert control_figure(real_site, kpi_id) is None
    assert f"A control chart needs at least {MIN_PERIODS} periods in a stage; {k['name']['en']} has {len(headline(k))}." in text


def test_the_on_time_shipment_limits_are_frozen_from_its_latest_stages_baseline_recomputed_from_the_csv_counts(real_site: Path) -> None:
    rows, base = latest_stage(kpi_dict("on_time_shipment"))
    x, n = [r[1] for r in base], [r[2] for r in base]
    p_bar = sum(x) / sum(n)  # pooled over the baseline, not the mean of the monthly rates
    sigma = [math.sqrt(p_bar * (1 - p_bar) / n_i) for n_i in n]
    z = [(x_i / n_i - p_bar) / s_i for x_i, n_i, s_i in zip(x, n, sigma, strict=True)]
    over = sum(v * v for v in z) > chi_square_critical(len(base) - 1)  # Pearson's X² is Σ z² over the baseline
    widen = sum(abs(b - a) for a, b in pairwise(z)) / (len(z) - 1) / 1.128 if over else 1.0
    latest_sigma = math.sqrt(p_bar * (1 - p_bar) / rows[-1][2])  # the latest month judged with its own n
    label = control_label(real_site, "on_time_shipment")
    assert len(rows) > len(base) and label["kind"] == ("Laney p′" if over else "p")
    assert displays(label["centre"], p_bar * 100), (label["centre"], p_bar)
    assert displays(label["lower"], max(0.0, p_bar - 3 * widen * latest_sigma) * 100), label["lower"]
    assert displays(label["upper"], min(1.0, p_bar + 3 * widen * latest_sigma) * 100), label["upper"]


def test_each_stage_names_its_baseline_and_the_test_that_chose_its_chart(real_site: Path) -> None:
    k = kpi_dict("customer_satisfaction")
    rows, base = latest_stage(k)
    p_bar = sum(r[1] for r in base) / sum(r[2] for r in base)
    statistic = sum((r[1] - r[2] * p_bar) ** 2 / (r[2] * p_bar * (1 - p_bar)) for r in base)
    stages = table_rows(soup_of(real_site / "kpis" / k["id"] / "index.html"), "Stage")
    assert [s["From"].split(" ")[0] for s in stages] == [headline(k)[0][0], str(k["control"]["stages"][0]["from"])]
    assert stages[-1]["Baseline"].startswith(f"{base[0][0]} to {base[-1][0]} ({len(base)} periods)")
    assert f"X² = {statistic:,.1f} on {len(base) - 1} df" in stages[-1]["Chart, and the test that chose it"]
    assert k["control"]["stages"][0]["reason"]["en"] in stages[-1]["Why"]


def test_a_score_kpi_gets_an_xmr_chart_with_limits_from_its_baselines_moving_ranges(real_site: Path) -> None:
    k = kpi_dict("merchant_user_rating")
    _, base = latest_stage(k)  # no stage declared: the first 20 periods
    values = [r[3] for r in base]
    mean = sum(values) / len(values)
    mr_bar = sum(abs(b - a) for a, b in pairwise(values)) / (len(values) - 1)
    label = control_label(real_site, "merchant_user_rating")
    assert label["kind"] == "XmR" and len(base) == BASELINE
    assert displays(label["centre"], mean) and displays(label["upper"], mean + 2.66 * mr_bar), label
    assert displays(label["lower"], max(k["scale"]["min"], mean - 2.66 * mr_bar)), label


def test_a_count_of_rare_events_gets_a_c_chart_with_only_rule_one(real_site: Path) -> None:
    k = kpi_dict("counterfeit_confirmed")
    _, base = latest_stage(k)
    c_bar = sum(r[3] for r in base) / len(base)
    label = control_label(real_site, "counterfeit_confirmed")
    assert label["kind"] == "c" and displays(label["upper"], c_bar + 3 * math.sqrt(c_bar)) and displays(label["lower"], 0.0)
    above = {r[0] for r in headline(k)[-WINDOW:] if r[3] > c_bar + 3 * math.sqrt(c_bar)}
    assert {(r["Signal at"], r["Rules"]) for r in signal_rows(real_site, "counterfeit_confirmed") or []} == {(p, "WE1") for p in above}


@pytest.mark.parametrize("kpi_id", CHARTED)
def test_the_chart_legend_shows_control_limits_as_grey_solid_and_the_target_as_red_dashed(real_site: Path, kpi_id: str) -> None:
    entries = legend(control_figure(real_site, kpi_id).svg)
    [limits] = [text for text in entries if text.startswith("control limits (")]
    [target] = [text for text in entries if text.startswith("target ")]
    r, g, b = stroke(entries[limits])
    assert r == g == b and "dasharray" not in entries[limits], entries[limits]  # grey, solid
    r, g, b = stroke(entries[target])
    assert r > 2 * max(g, b) and "dasharray" in entries[target], entries[target]  # red, dashed


def test_every_signal_is_called_worse_exactly_when_it_lies_on_the_side_the_kpi_does_not_want(real_site: Path) -> None:
    judged = 0
    for kpi_id in CHARTED:
        lower_is_better = kpi_dict(kpi_id)["direction"] == "lower"
        for row in signal_rows(real_site, kpi_id) or []:
            sides = {side for side in ("above", "below") if f"{side} the" in row["What the chart shows"]}
            assert len(sides) == 1, (kpi_id, row)
            assert ("worse" in row["For this KPI"]) == ((sides == {"above"}) == lower_is_better), (kpi_id, row)
            judged += 1
    assert judged


def test_a_chart_without_signals_says_so_in_a_sentence_instead_of_a_table(real_site: Path) -> None:
    quiet = []
    for kpi_id in CHARTED:
        text = soup_of(real_site / "kpis" / kpi_id / "index.html").article.get_text(" ", strip=True)
        says_none = f"No signals over the {min(WINDOW, len(headline(kpi_dict(kpi_id))))} periods" in text
        assert says_none == (signal_rows(real_site, kpi_id) is None), kpi_id
        if says_none:
            quiet.append(kpi_id)
    assert quiet and len(quiet) < len(CHARTED)  # both kinds occur in the real data


# The unit each chart names on its value axis; a count or a score has no symbol after its values.
UNIT_SYMBOL = {"percent": "%", "permille": "‰", "hours": "h", "count": "count", "score": "score", "yuan": "¥"}


def hover_values(svg: Tag) -> dict[str, str]:
    """Each plotted point's hover text, period → the value as written, from the <title>s of the value series' points."""
    titles = svg.select('g[id$="-kpi-values"] g > title, g[id$="-kpi-provisional"] g > title')
    return dict(t.get_text().split(": ", 1) for t in titles)


def trend_svg_of(site: Path, kpi_id: str) -> Tag | None:
    return soup_of(site / "kpis" / kpi_id / "index.html").select_one("figure.kpi-chart svg")


@pytest.mark.parametrize("kpi_id", CHARTED)
def test_each_point_of_the_control_chart_tells_its_period_and_value_from_the_csv_on_hover(real_site: Path, kpi_id: str) -> None:
    told = hover_values(control_figure(real_site, kpi_id).svg)
    shown = headline(kpi_dict(kpi_id))[-WINDOW:]
    assert list(told) == [period for period, *_ in shown]
    assert all(displays(told[period], value) for period, _, _, value in shown), told


@pytest.mark.parametrize("kpi_id", [k["id"] for k in kpis() if headline(k)])
def test_each_point_of_the_trend_chart_tells_its_period_and_value_from_the_csv_on_hover(real_site: Path, kpi_id: str) -> None:
    told, unit = hover_values(trend_svg_of(real_site, kpi_id)), kpi_dict(kpi_id)["unit"]
    shown = headline(kpi_dict(kpi_id))
    assert list(told) == [period for period, *_ in shown]
    assert all(displays(told[period], value) for period, _, _, value in shown), told
    assert unit in ("count", "score") or all(text.endswith(f" {UNIT_SYMBOL[unit]}") for text in told.values()), told


@pytest.mark.parametrize("kpi_id", CHARTED)
def test_the_control_chart_names_its_limits_and_target_with_their_values_at_the_line_ends(real_site: Path, kpi_id: str) -> None:
    label, svg = control_label(real_site, kpi_id), control_figure(real_site, kpi_id).svg
    written = {t.get_text() for t in svg.select('g[id$="-axes_1"] > g > text')}
    assert {f"UCL {label['upper']}", f"CL {label['centre']}", f"LCL {label['lower']}", f"target {label['target']}"} <= written


@pytest.mark.parametrize("kpi_id", [k["id"] for k in kpis() if headline(k)])
def test_the_value_axis_of_each_kpi_chart_names_the_kpis_unit(real_site: Path, kpi_id: str) -> None:
    figures = [trend_svg_of(real_site, kpi_id), *([control_figure(real_site, kpi_id).svg] if kpi_id in CHARTED else [])]
    for svg in figures:
        axis = svg.select_one('g[id$="-matplotlib.axis_2"]')
        [name] = [t.get_text() for t in axis.find_all("text") if not t.find_parent("g", id=re.compile(r"-ytick_"))]
        assert UNIT_SYMBOL[kpi_dict(kpi_id)["unit"]] in name, name


# Unit tests of process_control.control_of on hand-made series.


def make_kpi(unit: str = "percent", direction: str = "higher", counted: bool = True, control: dict | None = None) -> Kpi:
    definition = {"numerator": "Good orders", "denominator": "All orders"} if counted else {"numerator": "Mean stars"}
    return Kpi.model_validate({
        "id": "made_up", "name": {"en": "Made up", "zh": "编造"}, "unit": unit, "direction": direction, "target": 50,
        "owner": "quality", "cadence": "monthly", "definition": definition, "source": ["S1"],
        **({"scale": {"min": 1, "max": 5}} if unit == "score" else {}), **({"control": control} if control else {}),
    })  # fmt: skip


def make_series(numerators: list[float], denominators: list[float] | None = None) -> pd.DataFrame:
    """Monthly periods from 2024-01; value = numerator / denominator × 100, or the numerator itself without denominators."""
    periods = [str(p) for p in pd.period_range("2024-01", periods=len(numerators), freq="M")]
    if denominators is None:
        return pd.DataFrame({"period": periods, "value": numerators, "numerator": None, "denominator": None, "scoped": False})
    values = [x / n * 100 for x, n in zip(numerators, denominators, strict=True)]
    return pd.DataFrame({"period": periods, "value": values, "numerator": numerators, "denominator": denominators, "scoped": False})


STEADY = [500, 503, 498, 501, 499, 502, 500, 497, 501, 500]  # out of 1000: binomial noise only
SIZES = [1000, 2000, 500, 1500, 1000, 2500, 800, 1200, 1000, 600]  # orders per month, unequal so Σx/Σn ≠ the mean rate


def test_control_of_gives_no_chart_with_fewer_than_eight_periods() -> None:
    assert control_of(make_kpi(), make_series(STEADY[:7], [1000] * 7)) is None
    assert control_of(make_kpi(), make_series(STEADY[:8], [1000] * 8)) is not None


@pytest.mark.parametrize(
    ("rates", "kind"),
    [([0.500, 0.503, 0.498, 0.501, 0.499, 0.502, 0.500, 0.497, 0.501, 0.500], "p"),
     ([0.45, 0.56, 0.43, 0.58, 0.44, 0.55, 0.42, 0.57, 0.46, 0.54], "laney p′")],
    ids=["binomial noise", "more spread than counting explains"],
)  # fmt: skip
def test_control_of_charts_a_counted_rate_as_a_p_chart_or_laney_p_prime_around_the_pooled_rate(rates: list[float], kind: str) -> None:
    numerators = [r * n for r, n in zip(rates, SIZES, strict=True)]
    control = control_of(make_kpi(), make_series(numerators, SIZES))
    assert control.chart.kind == kind
    assert control.value(control.chart.centre[0]) == pytest.approx(sum(numerators) / sum(SIZES) * 100)


@pytest.mark.parametrize(
    ("kpi", "series"),
    [(make_kpi("score", counted=False), make_series([4.1, 4.3, 4.2, 4.4, 4.0, 4.2, 4.3, 4.1, 4.2])),
     (make_kpi("percent"), make_series([90.0, 91.0, 92.0, 90.5, 91.5, 92.5, 90.0, 91.0, 92.0]))],
    ids=["a score", "a rate without counts"],
)  # fmt: skip
def test_control_of_charts_a_kpi_without_counts_as_xmr(kpi: Kpi, series: pd.DataFrame) -> None:
    control = control_of(kpi, series)
    assert control.chart.kind == "XmR" and control.scale == 1.0
    assert control.chart.centre[0] == pytest.approx(series["value"].mean())  # fewer than 20 periods: all are the baseline


def test_a_later_month_never_moves_an_earlier_limit_once_the_baseline_is_complete() -> None:
    numerators = STEADY * 2
    before = control_of(make_kpi(), make_series(numerators, [1000] * 20))
    after = control_of(make_kpi(), make_series([*numerators, 560, 450], [1000] * 22))
    assert after.chart.upper[:20] == before.chart.upper and after.chart.centre[:20] == before.chart.centre
    assert before.stages[0].baseline == tuple(before.periods) and not before.stages[0].provisional


def test_a_baseline_short_of_its_periods_is_provisional() -> None:
    control = control_of(make_kpi(), make_series(STEADY, [1000] * 10))
    assert control.stages[0].provisional and len(control.stages[0].baseline) == 10


def test_a_declared_stage_gets_its_own_centre_from_its_own_baseline() -> None:
    numerators = [*STEADY, *(x + 100 for x in STEADY)]  # a step up of 10 points after the tenth month
    kpi = make_kpi(
        control={"baseline": 10, "stages": [{"from": "2024-11", "changed": "2024-10-20", "reason": "new process", "baseline": 8}]}
    )
    control = control_of(kpi, make_series(numerators, [1000] * 20))
    assert [s.start for s in control.stages] == ["2024-01", "2024-11"]
    assert control.chart.centre[0] == pytest.approx(sum(STEADY) / 10_000)
    assert control.chart.centre[10] == pytest.approx(sum(x + 100 for x in STEADY[:8]) / 8000)
    assert not [s for s in control.signals if s.rule == 1]  # judged against its own stage, the step is no signal


def test_a_stage_too_short_for_limits_has_none_and_no_signals() -> None:
    numerators = [*STEADY, 900, 910]
    kpi = make_kpi(control={"stages": [{"from": "2024-11", "changed": "2024-11-01", "reason": "new process"}]})
    control = control_of(kpi, make_series(numerators, [1000] * 12))
    assert control.stages[-1].chart is None and math.isnan(control.chart.upper[-1])
    assert not [s for s in control.signals if s.index >= 10]


def test_control_of_charts_only_the_last_24_periods() -> None:
    numerators = STEADY * 3
    series = make_series(numerators, [1000] * len(numerators))
    control = control_of(make_kpi(), series)
    assert control.periods == tuple(series["period"].tail(WINDOW)) and len(control.chart.points) == WINDOW


@pytest.mark.parametrize(("direction", "worse"), [("lower", True), ("higher", False)])
def test_a_signal_above_the_centre_line_is_worse_only_for_a_kpi_where_lower_is_better(direction: str, worse: bool) -> None:
    numerators = [*STEADY, 700]  # the last month jumps far above the rest
    control = control_of(make_kpi(direction=direction), make_series(numerators, [1000] * len(numerators)))
    [jump] = [s for s in control.signals if s.rule == 1]
    assert jump.index == len(numerators) - 1 and jump in control.recent()
    assert control.is_worse(jump) is worse


def test_a_stage_declared_before_its_first_period_has_data_is_not_shown_yet() -> None:
    kpi = make_kpi(control={"stages": [{"from": "2030-01", "changed": "2029-12-20", "reason": "next year's change"}]})
    control = control_of(kpi, make_series(STEADY, [1000] * 10))
    assert [s.start for s in control.stages] == ["2024-01"] and control.stages[0].ongoing


def test_a_stage_a_later_one_ended_is_not_provisional_and_each_signal_names_its_own_stages_chart() -> None:
    numerators = [*STEADY, *(x + 100 for x in STEADY)]
    stage = {"from": "2024-11", "changed": "2024-10-20", "reason": "new process"}
    control = control_of(make_kpi(control={"stages": [stage]}), make_series(numerators, [1000] * 20))
    first, second = control.stages
    assert (first.provisional, second.provisional) == (False, True)  # both short of 20; only the latest still grows
    assert control.kind_at(0) == NAMES[first.chart.kind] and control.kind_at(15) == NAMES[second.chart.kind]
