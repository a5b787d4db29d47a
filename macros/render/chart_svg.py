"""matplotlib's SVG made fit for a page: inline and scalable, its ids its own, its colours the theme's, and a <title>
on every plotted point or bar, which a browser shows on hover."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from .chart_axes import FG

_G = re.compile(r"<g\b|</g>")


def inline(svg: str, description: str, prefix: str) -> str:
    """Make matplotlib's file an inline, scalable, labelled <svg> with no blank lines (Markdown would split it)."""
    svg = _scoped_ids(svg[svg.index("<svg") :], prefix).replace(FG, "currentColor")
    svg = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r'<svg\1 width="100%"', svg, count=1)
    label = escape(description)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)
    svg = re.sub(r"(<svg[^>]*>)", rf"\1<title>{label}</title>", svg, count=1)
    return "\n".join(line for line in svg.splitlines() if line.strip())


def titled_markers(svg: str, gid: str, titles: Sequence[str]) -> str:
    """Wrap each marker of the series drawn with this gid, in order, in a group whose <title> names it.

    matplotlib writes a series' markers as one <use> each, in the order of its points; a count that differs from the
    titles' (a point it left out) leaves the series untitled rather than titling the wrong points."""
    span = _group(svg, gid)
    if span is None:
        return svg
    start, end = span
    markers = list(re.finditer(r"<use [^>]*/>", svg[start:end]))
    if len(markers) != len(titles):
        return svg
    out, at = [], start
    for marker, title in zip(markers, titles, strict=True):
        out += [svg[at : start + marker.start()], f"<g><title>{escape(title)}</title>{marker.group()}</g>"]
        at = start + marker.end()
    return svg[:start] + "".join(out) + svg[at:]


def titled_groups(svg: str, titles: dict[str, str]) -> str:
    """Give each group drawn with a gid in `titles` its <title>, as its first child."""
    return re.sub(
        r'<g id="([^"]+)">', lambda m: m.group() + (f"<title>{escape(titles[m.group(1)])}</title>" if m.group(1) in titles else ""), svg
    )


def _group(svg: str, gid: str) -> tuple[int, int] | None:
    """Where the group with this id starts and ends, nested groups included."""
    opening = svg.find(f'<g id="{gid}">')
    if opening < 0:
        return None
    depth = 0
    for tag in _G.finditer(svg, opening):
        depth += 1 if tag.group() == "<g" else -1
        if depth == 0:
            return opening, tag.end()
    return None


def _scoped_ids(svg: str, prefix: str) -> str:
    """Prefix every id and reference: matplotlib numbers ids per file, and two charts on one page must not share one."""

    def scoped(name: str) -> str:
        return f"{prefix}-{re.sub(r'[^A-Za-z0-9_.-]', '-', name)}"  # a gid may carry a series name with spaces

    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{scoped(m.group(1))}"', svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{scoped(m.group(1))}"', svg)
    return re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{scoped(m.group(1))})", svg)
