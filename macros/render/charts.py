"""Charts: matplotlib SVG, byte-stable, cached by a hash of their input (DESIGN rule 4)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.metadata import version
from multiprocessing import get_context
from multiprocessing.process import BaseProcess
from pathlib import Path

from ..data.files import write_atomic

# Bump when the drawing code changes, so cached charts are redrawn; a new matplotlib redraws them too.
STYLE_VERSION = 4
MATPLOTLIB = version("matplotlib")

COLOURS = {"line": "#1f5fa8", "target": "#c62828", "band": "#ffb300", "stretch": "#2e7d32", "conflict": "#757575", "limits": "#424242"}


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


@dataclass(frozen=True)
class BarsInput:
    """Stacked bars: one bar per label, one coloured series per stack part; its hash names the file."""

    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...], str], ...]  # name, one value per label, colour
    unit_label: str
    description: str


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
    payload = [STYLE_VERSION, MATPLOTLIB, type(chart).__name__, asdict(chart)]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _cache_path(chart: TrendInput | BarsInput | ControlInput, cache_dir: Path) -> Path:
    return cache_dir / f"{_key(chart)[:32]}.svg"


def _cached(chart: TrendInput | BarsInput | ControlInput, draw: Callable, cache_dir: Path | None) -> str:
    cached = _cache_path(chart, cache_dir) if cache_dir else None
    if cached and cached.is_file():
        return cached.read_text(encoding="utf-8")
    svg = _inline(draw(chart), chart.description, f"chart-{_key(chart)[:8]}")
    if cached:
        write_atomic(cached, svg.encode("utf-8"), durable=False)  # the process drawing ahead may write the same chart
    return svg


def _pyplot():
    """matplotlib, imported on the first chart actually drawn: a build served from the cache never loads it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _style() -> dict:
    return {"svg.hashsalt": "handbook", "svg.fonttype": "none", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}


def _save(fig) -> str:
    # Fixed margins, room on the right for the legend: tight_layout measured every text and took a third of the time.
    fig.subplots_adjust(left=0.075, right=0.73, bottom=0.13, top=0.96)
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    _pyplot().close(fig)
    return out.getvalue()


def _draw_bars(chart: BarsInput) -> str:
    plt = _pyplot()
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.2, 2.8))
        x = range(len(chart.labels))
        bottom = [0.0] * len(chart.labels)
        for name, values, colour in chart.series:
            ax.bar(x, values, bottom=bottom, color=colour, edgecolor="#616161", lw=0.5, label=name)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_xticks(list(x), chart.labels)
        ax.set_ylabel(chart.unit_label)
        ax.grid(axis="y", color="#e0e0e0", lw=0.6)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        return _save(fig)


def _draw(chart: TrendInput) -> str:
    plt = _pyplot()
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.2, 2.6))
        x = range(len(chart.periods))
        if chart.target is not None and chart.warning is not None:
            low, high = sorted((chart.target, chart.warning))
            ax.axhspan(low, high, color=COLOURS["band"], alpha=0.18, lw=0, label="at-risk band")
        if chart.target is not None:
            ax.axhline(chart.target, color=COLOURS["target"], ls="--", lw=1.2, label=f"target {chart.target:g}")
        if chart.stretch is not None:
            ax.axhline(chart.stretch, color=COLOURS["stretch"], ls=":", lw=1.2, label=f"stretch {chart.stretch:g}")
        for value in chart.conflicting:
            ax.axhline(value, color=COLOURS["conflict"], ls="-.", lw=1, label=f"conflicting target {value:g}")
        ax.plot(x, chart.values, color=COLOURS["line"], marker="o", ms=3, lw=1.6, label="value", gid="kpi-values")
        _hollow(ax, chart.values, chart.provisional)
        return _finish(fig, ax, chart.periods, chart.unit_label)


def _hollow(ax, values: tuple[float, ...], provisional: tuple[int, ...]) -> None:
    """Points of periods still open, hollow over the line: a value late data may still change."""
    if provisional:
        ax.plot(list(provisional), [values[i] for i in provisional], ls="none", marker="o", ms=6, mfc="white",
                mec=COLOURS["line"], mew=1.4, label="provisional", gid="kpi-provisional")  # fmt: skip


def _finish(fig, ax, periods: tuple[str, ...], unit_label: str) -> str:
    """The axes every period chart shares: about eight period labels, the unit, a light grid, the legend on the right."""
    step = max(1, len(periods) // 8)
    ax.set_xticks(list(range(len(periods)))[::step], periods[::step])
    ax.set_ylabel(unit_label)
    ax.grid(axis="y", color="#e0e0e0", lw=0.6)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return _save(fig)


def _draw_control(chart: ControlInput) -> str:
    plt = _pyplot()
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.2, 2.6))
        x = list(range(len(chart.periods)))
        # Limits are grey steps and the target a red dashed line, so the two are never mistaken for each other.
        ax.step(x, chart.upper, where="mid", color=COLOURS["limits"], lw=0.9, label=f"control limits ({chart.kind})")
        ax.step(x, chart.lower, where="mid", color=COLOURS["limits"], lw=0.9)
        ax.step(x, chart.centre, where="mid", color=COLOURS["limits"], lw=0.9, ls=":", label="centre line")
        if chart.target is not None:
            ax.axhline(chart.target, color=COLOURS["target"], ls="--", lw=1.2, label=f"target {chart.target:g}")
        for n, start in enumerate(chart.stages):  # a deliberate change: the limits before it do not judge what follows
            ax.axvline(start - 0.5, color=COLOURS["limits"], ls="-.", lw=0.9, label="new stage" if n == 0 else None)
        ax.plot(x, chart.values, color=COLOURS["line"], marker="o", ms=3, lw=1.4, label="value", gid="kpi-values")
        _hollow(ax, chart.values, chart.provisional)
        if chart.signals:
            ax.plot([x[i] for i in chart.signals], [chart.values[i] for i in chart.signals], ls="none", marker="o", ms=9,
                    mfc="none", mec=COLOURS["target"], mew=1.4, label="signal (rules 1–4)")  # fmt: skip
        return _finish(fig, ax, chart.periods, chart.unit_label)


def _inline(svg: str, description: str, prefix: str) -> str:
    """Make matplotlib's file an inline, scalable, labelled <svg> with no blank lines (Markdown would split it)."""
    svg = _scoped_ids(svg[svg.index("<svg") :], prefix)
    svg = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r'<svg\1 width="100%"', svg, count=1)
    label = description.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)
    svg = re.sub(r"(<svg[^>]*>)", rf"\1<title>{label}</title>", svg, count=1)
    return "\n".join(line for line in svg.splitlines() if line.strip())


def _scoped_ids(svg: str, prefix: str) -> str:
    """Prefix every id and reference: matplotlib numbers ids per file, and two charts on one page must not share one."""

    def scoped(name: str) -> str:
        return f"{prefix}-{re.sub(r'[^A-Za-z0-9_.-]', '-', name)}"  # a gid may carry a series name with spaces

    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{scoped(m.group(1))}"', svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{scoped(m.group(1))}"', svg)
    return re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{scoped(m.group(1))})", svg)
