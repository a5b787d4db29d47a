"""Charts: matplotlib SVG, byte-stable, cached by a hash of their input (DESIGN rule 4)."""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from multiprocessing import get_context
from multiprocessing.process import BaseProcess
from pathlib import Path

from ..data.files import write_atomic
from ..i18n.formats import number, period
from ..i18n.messages import N_, SOURCE, gettext, language
from .chart_axes import FG, SIZE, axes_width, category_ticks, end_labels, fit, legend_above, period_ticks, style, thousands
from .chart_svg import inline, titled_groups, titled_markers

# Bump when the drawing code changes, so cached charts are redrawn; a new matplotlib redraws them too.
STYLE_VERSION = 5
MATPLOTLIB = version("matplotlib")

# Lines in mid tones, each at least 3:1 against both the light page and Material's dark (slate) one; the band is a tint.
COLOURS = {"line": "#3478d4", "target": "#d9443a", "band": "#ffb300", "stretch": "#3d9140", "conflict": "#9a6fd6", "limits": "#7f7f7f"}


@dataclass(frozen=True)
class TrendInput:
    """Everything a trend chart shows; its hash names the cached file."""

    periods: tuple[str, ...]
    values: tuple[float, ...]
    target: float | None
    warning: float | None
    stretch: float | None
    conflicting: tuple[float, ...]
    unit_label: str
    description: str
    provisional: tuple[int, ...] = ()  # points of periods still open, drawn hollow
    point_texts: tuple[str, ...] = ()  # each value as the page writes it, with its unit, for the point's <title>
    target_text: str = ""  # the target as the page writes it ("≥ 98.0 %")
    stretch_text: str = ""


@dataclass(frozen=True)
class BarsInput:
    """Stacked bars: one bar per label, one coloured series per stack part; its hash names the file."""

    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...], str], ...]  # name, one value per label, colour
    unit_label: str
    description: str
    symbol: str = ""  # written after each bar's value in its <title>


@dataclass(frozen=True)
class ControlInput:
    """A control chart: values, per-period centre and limits, the target drawn apart, signal points ringed."""

    periods: tuple[str, ...]
    values: tuple[float, ...]
    centre: tuple[float, ...]
    upper: tuple[float, ...]
    lower: tuple[float, ...]
    target: float | None
    signals: tuple[int, ...]
    kind: str
    unit_label: str
    description: str
    stages: tuple[int, ...] = ()  # where a new stage, with its own centre and limits, begins
    provisional: tuple[int, ...] = ()  # points of periods still open, drawn hollow
    point_texts: tuple[str, ...] = ()
    target_text: str = ""
    limit_texts: tuple[str, ...] = ()  # the latest lower limit, centre and upper limit as the page writes them


def control_svg(chart: ControlInput, cache_dir: Path | None = None) -> str:
    """A control chart as an inline <svg>, cached like the trend charts."""
    return _cached(chart, _draw_control, cache_dir)


def trend_svg(chart: TrendInput, cache_dir: Path | None = None) -> str:
    """The trend chart as an inline <svg>, read from the cache when this exact input was drawn before."""
    return _cached(chart, _draw, cache_dir)


def bars_svg(chart: BarsInput, cache_dir: Path | None = None) -> str:
    """A stacked bar chart as an inline <svg>, cached like the trend charts."""
    return _cached(chart, _draw_bars, cache_dir)


def draw_ahead(charts: list[TrendInput | BarsInput | ControlInput], cache_dir: Path | None) -> list[BaseProcess]:
    """Draw the charts not yet in the cache in other processes, one per core beside this one, while it renders pages.

    `charts` come in the order the pages ask for them; the helpers draw them from the last one back (each taking every
    n-th), so the pages, drawing what they need from the first, meet them instead of drawing the same charts beside
    them. A chart drawn twice is the same bytes, written atomically. Returns the processes to join.
    """
    if cache_dir is None:
        return []
    missing = [c for c in charts if not _cache_path(c, cache_dir).is_file()][::-1]
    helpers = max(min((os.cpu_count() or 1) - 1, len(missing) // 4), 0)  # each worth its start-up only with a few charts to draw
    fork = get_context("fork")
    processes = [fork.Process(target=_draw_all, args=(missing[n::helpers], cache_dir), daemon=True) for n in range(helpers)]
    for process in processes:
        process.start()
    return processes


def _draw_all(charts: list[TrendInput | BarsInput | ControlInput], cache_dir: Path) -> None:
    draw = {TrendInput: _draw, BarsInput: _draw_bars, ControlInput: _draw_control}
    for chart in charts:
        _cached(chart, draw[type(chart)], cache_dir)


def _key(chart: TrendInput | BarsInput | ControlInput) -> str:
    """The hash of what a chart shows: its input, the drawing code and, in another language than English, the language
    its legend is written in (an English chart keeps the key it always had)."""
    payload = [STYLE_VERSION, MATPLOTLIB, type(chart).__name__, asdict(chart)]
    payload += [language()] if language() != SOURCE else []
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _cache_path(chart: TrendInput | BarsInput | ControlInput, cache_dir: Path) -> Path:
    return cache_dir / f"{_key(chart)[:32]}.svg"


def _cached(chart: TrendInput | BarsInput | ControlInput, draw: Callable, cache_dir: Path | None) -> str:
    cached = _cache_path(chart, cache_dir) if cache_dir else None
    if cached and cached.is_file():
        return cached.read_text(encoding="utf-8")
    svg = inline(draw(chart), chart.description, f"chart-{_key(chart)[:8]}")
    if cached:
        write_atomic(cached, svg.encode("utf-8"), durable=False)  # the process drawing ahead may write the same chart
    return svg


def _pyplot():
    """matplotlib, imported on the first chart actually drawn: a build served from the cache never loads it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _figure():
    fig, ax = _pyplot().subplots(figsize=SIZE)
    fig.subplots_adjust(left=0.1, right=0.84, bottom=0.16, top=0.76)  # near the fitted margins, so ticks are chosen alike
    return fig, ax


def _save(fig, ax) -> str:
    fit(fig, ax)
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    _pyplot().close(fig)
    return out.getvalue()


def _draw_bars(chart: BarsInput) -> str:
    plt = _pyplot()
    with plt.rc_context(style()):
        fig, ax = _figure()
        x = range(len(chart.labels))
        bottom = [0.0] * len(chart.labels)
        titles = {}
        for s, (name, values, colour) in enumerate(chart.series):
            bars = ax.bar(x, values, bottom=bottom, color=colour, edgecolor=FG, lw=0.5, label=name)
            for i, (bar, value) in enumerate(zip(bars, values, strict=True)):
                if value:  # a part of nothing draws nothing to hover
                    bar.set_gid(f"bar-{s}-{i}")
                    titles[f"bar-{s}-{i}"] = f"{chart.labels[i]}, {name}: {number(value)}{chart.symbol}"
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        category_ticks(ax, chart.labels, axes_width())
        _axes(ax, chart.unit_label)
        legend_above(ax, columns=4)
        return titled_groups(_save(fig, ax), titles)


def _draw(chart: TrendInput) -> str:
    plt = _pyplot()
    with plt.rc_context(style()):
        fig, ax = _figure()
        ends = []
        if chart.target is not None and chart.warning is not None:
            low, high = sorted((chart.target, chart.warning))
            ax.axhspan(low, high, color=COLOURS["band"], alpha=0.22, lw=0, label=gettext("at-risk band"))
        if chart.target is not None:
            target = gettext("target {target}", target=chart.target_text or format(chart.target, "g"))
            ax.axhline(chart.target, color=COLOURS["target"], ls="--", lw=1.4, label=target)
            ends.append((chart.target, target))
        if chart.stretch is not None:
            stretch = gettext("stretch {stretch}", stretch=chart.stretch_text or format(chart.stretch, "g"))
            ax.axhline(chart.stretch, color=COLOURS["stretch"], ls=":", lw=1.4, label=stretch)
            ends.append((chart.stretch, stretch))
        for value in chart.conflicting:
            ax.axhline(value, color=COLOURS["conflict"], ls="-.", lw=1.2, label=gettext("conflicting target {target}", target=f"{value:g}"))
        _values(ax, chart.values, chart.provisional, lw=1.8)
        return _points(_finish(fig, ax, chart.periods, chart.unit_label, ends), chart)


def _values(ax, values: tuple[float, ...], provisional: tuple[int, ...], lw: float) -> None:
    """The values as a line with a dot per closed period and a ring per period still open (a value late data may
    still change)."""
    closed = [i for i in range(len(values)) if i not in provisional]
    ax.plot(range(len(values)), values, color=COLOURS["line"], marker="o", ms=5, lw=lw, markevery=closed, label=gettext("value"),
            gid="kpi-values")  # fmt: skip
    if provisional:
        ax.plot(list(provisional), [values[i] for i in provisional], ls="none", marker="o", ms=8, mfc="none",
                mec=COLOURS["line"], mew=1.6, label=gettext("provisional"), gid="kpi-provisional")  # fmt: skip


def _points(svg: str, chart: TrendInput | ControlInput) -> str:
    """A <title> on each point: its period and value."""
    texts = chart.point_texts or tuple(f"{v:g}" for v in chart.values)
    title = [f"{period(p)}: {t}" for p, t in zip(chart.periods, texts, strict=True)]
    closed = [t for i, t in enumerate(title) if i not in chart.provisional]
    svg = titled_markers(svg, "kpi-values", closed)
    return titled_markers(svg, "kpi-provisional", [title[i] for i in chart.provisional])


def _axes(ax, unit_label: str) -> None:
    ax.set_ylabel(unit_label)
    ax.yaxis.set_major_formatter(thousands())
    ax.grid(axis="y")
    ax.set_axisbelow(True)


def _finish(fig, ax, periods: tuple[str, ...], unit_label: str, ends: list[tuple[float, str]]) -> str:
    """The axes every period chart shares: period labels that fit, the unit, a light grid, the legend above and the
    judging lines named at their ends."""
    period_ticks(ax, tuple(map(period, periods)), axes_width())
    _axes(ax, unit_label)
    legend_above(ax)
    end_labels(ax, ends)
    return _save(fig, ax)


def _draw_control(chart: ControlInput) -> str:
    plt = _pyplot()
    with plt.rc_context(style()):
        fig, ax = _figure()
        x = list(range(len(chart.periods)))
        # Limits are grey steps and the target a red dashed line, so the two are never mistaken for each other.
        ax.step(x, chart.upper, where="mid", color=COLOURS["limits"], lw=1.1, label=gettext("control limits ({chart})", chart=chart.kind))
        ax.step(x, chart.lower, where="mid", color=COLOURS["limits"], lw=1.1)
        ax.step(x, chart.centre, where="mid", color=COLOURS["limits"], lw=1.1, ls=":", label=gettext("centre line"))
        limits = zip((chart.lower, chart.centre, chart.upper), (N_("LCL {value}"), N_("CL {value}"), N_("UCL {value}")), chart.limit_texts,
                     strict=False)  # fmt: skip
        ends = [(v[-1], gettext(name, value=text)) for v, name, text in limits]
        if chart.target is not None:
            target = gettext("target {target}", target=chart.target_text or format(chart.target, "g"))
            ax.axhline(chart.target, color=COLOURS["target"], ls="--", lw=1.4, label=target)
            ends.append((chart.target, target))
        for n, start in enumerate(chart.stages):  # a deliberate change: the limits before it do not judge what follows
            ax.axvline(start - 0.5, color=COLOURS["limits"], ls="-.", lw=1.1, label=gettext("new stage") if n == 0 else None)
        _values(ax, chart.values, chart.provisional, lw=1.6)
        if chart.signals:
            ax.plot([x[i] for i in chart.signals], [chart.values[i] for i in chart.signals], ls="none", marker="o", ms=11,
                    mfc="none", mec=COLOURS["target"], mew=1.6, label=gettext("signal (rules 1–4)"))  # fmt: skip
        return _points(_finish(fig, ax, chart.periods, chart.unit_label, ends), chart)
