"""What every chart shares: type the size of body text, colours the page's theme sets, axes that fit their labels,
labels at the ends of the lines that judge the values."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache

# Text, axes and grid are drawn in this colour and written as currentColor (chart_svg), so the page colours them.
FG = "#010101"
FONT = 11  # at the content column's width (about 690 px at 1366 px) the tick labels read at about 14-15 px
SIZE = (7.2, 3.0)  # inches; the SVG scales to the column, so this sets the type's size against the chart's
PAD = 4.0  # points around the outermost label: a browser's font may run a little wider than matplotlib measured
EM = 0.62  # a character's mean width in DejaVu Sans, in ems: enough to space tick labels before anything is drawn


# Chinese text is measured with a CJK font when one is installed (make system-deps: fonts-noto-cjk), glyph by glyph after
# DejaVu Sans: measured with DejaVu's missing-glyph box, a Chinese label would be given too little room.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Source Han Sans SC")


@cache
def fonts() -> list[str]:
    """The chart's font families: matplotlib's own, then the first CJK font this machine has."""
    from matplotlib import font_manager  # only when a chart is drawn

    for name in CJK_FONTS:
        try:
            font_manager.findfont(name, fallback_to_default=False)
        except ValueError:
            continue
        return ["DejaVu Sans", name]
    return ["DejaVu Sans"]


def style() -> dict:
    """matplotlib settings for a chart on a page that may be light or dark: nothing painted white."""
    return {
        "svg.hashsalt": "handbook", "svg.fonttype": "none", "font.size": FONT, "legend.fontsize": FONT - 1, "font.family": fonts(),
        "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False,
        "text.color": FG, "axes.labelcolor": FG, "axes.edgecolor": FG, "xtick.color": FG, "ytick.color": FG,
        "grid.color": FG, "grid.alpha": 0.2, "grid.linewidth": 0.6,
        "figure.facecolor": "none", "axes.facecolor": "none", "savefig.facecolor": "none", "savefig.edgecolor": "none",
    }  # fmt: skip


def thousands():
    """Tick labels with thousands separators, never in scientific notation or with an offset (200,000, not 2e5)."""
    from matplotlib.ticker import ScalarFormatter

    class Thousands(ScalarFormatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return re.sub(r"(?<![.\d])\d{4,}", lambda m: f"{int(m.group()):,}", super().__call__(x, pos))

    formatter = Thousands(useOffset=False)
    formatter.set_scientific(False)
    return formatter


def _chars(label: str) -> float:
    """A label's width in mean characters: a Chinese character (2026年10月) takes a whole em, not EM of one."""
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in label)
    return len(label) + wide * (1 / EM - 1) if wide else len(label)


def category_ticks(ax, labels: tuple[str, ...], width: float) -> None:
    """One label per bar, slanted when they would not fit side by side in the axes' `width` (points)."""
    ax.set_xticks(list(range(len(labels))), labels)
    if labels and max(map(_chars, labels)) * FONT * EM > 0.9 * width / len(labels):
        ax.tick_params(axis="x", labelrotation=30)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")


def period_ticks(ax, periods: tuple[str, ...], width: float) -> None:
    """As many period labels as fit side by side in `width` points, the latest period always among them."""
    if not periods:
        return
    room = max(1, int(width // (max(map(_chars, periods)) * FONT * EM + FONT)))
    step = math.ceil(len(periods) / room)
    shown = list(range(len(periods) - 1, -1, -step))[::-1]
    ax.set_xticks(shown, [periods[i] for i in shown])


def end_labels(ax, labels: list[tuple[float, str]]) -> None:
    """Each line's name and value written just right of its end, moved apart where two would overlap."""
    labels = sorted((y, text) for y, text in labels if not math.isnan(y))
    if not labels:
        return
    low, high = ax.get_ylim()
    height = ax.get_position().height * ax.figure.get_figheight() * 72
    gap = (FONT - 1) * 1.3 / height * (high - low)  # one line of text, in data units
    placed: list[float] = []
    for y, _ in labels:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    for y, (_, text) in zip(placed, labels, strict=True):
        ax.text(1.01, y, text, transform=ax.get_yaxis_transform(), va="center", ha="left", fontsize=FONT - 1, clip_on=False)


def legend_above(ax, columns: int = 3) -> None:
    """The legend in rows above the plot, so the plot keeps the column's whole width."""
    handles, names = ax.get_legend_handles_labels()
    if handles:
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.02), ncol=min(columns, len(handles)), borderaxespad=0.0,
                  handlelength=2.2, columnspacing=1.4)  # fmt: skip


def fit(fig, ax) -> None:
    """Margins that just hold every label, measured once on the Agg renderer: a tight bounding box at saving would draw
    the whole figure twice."""
    renderer = fig.canvas.get_renderer()
    outer, inner = ax.get_tightbbox(renderer), ax.get_window_extent(renderer)
    width, height, pad = fig.bbox.width, fig.bbox.height, PAD * fig.dpi / 72
    fig.subplots_adjust(
        left=(inner.x0 - outer.x0 + pad) / width,
        right=1 - (outer.x1 - inner.x1 + pad) / width,
        bottom=(inner.y0 - outer.y0 + pad) / height,
        top=1 - (outer.y1 - inner.y1 + pad) / height,
    )


def axes_width() -> float:
    """The plot's width in points before the margins are fitted: about four fifths of the figure."""
    return SIZE[0] * 72 * 0.8
