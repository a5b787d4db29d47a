"""A tile-sized trend line as a tiny inline SVG (no axes, so matplotlib would only add bytes)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT, PAD = 120, 32, 3


def sparkline(values: Sequence[float], target: float | None, label: str) -> str:
    """The values as a line, the target as a dashed rule and the latest value as a dot."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if target is not None:
        lo, hi = min(lo, target), max(hi, target)
    span = (hi - lo) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y(v: float) -> float:
        return HEIGHT - PAD - (v - lo) / span * (HEIGHT - 2 * PAD)

    points = " ".join(f"{PAD + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    last_x, last_y = PAD + (len(values) - 1) * step, y(values[-1])
    rule = ""
    if target is not None:
        ty = f"{y(target):.1f}"
        rule = f'<line class="spark-target" x1="0" x2="{WIDTH}" y1="{ty}" y2="{ty}"/>'
    return (
        f'<svg class="sparkline" role="img" aria-label="{escape(label)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}"><title>{escape(label)}</title>{rule}'
        f'<polyline class="spark-line" points="{points}"/>'
        f'<circle class="spark-last" cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5"/></svg>'
    )
