"""A KPI's control chart section: the chart, a text alternative, which chart and why, and its signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...render.charts import control_svg
from ...render.provenance import note
from ...render.tables import markdown_table
from ..control import MIN_POINTS, KpiControl
from ..facts import KpiFacts
from ..spc import Signal

if TYPE_CHECKING:
    from . import KpiView


def control_section(c: KpiView, f: KpiFacts, files: list[str]) -> str:
    """'## Control chart' for a KPI page; a short note when there are too few periods."""
    k, control, chart = f.kpi, f.control, c.charts[f.kpi.id].control
    if control is None or chart is None:
        return f"## Control chart\n\n*A control chart needs at least {MIN_POINTS} periods; {k.name.en} has {len(f.series)}.*"
    svg = control_svg(chart, c.cache_dir)
    source = note(files, f.snapshot.period, c.origin)
    figure = f'<figure class="control-chart">\n{svg}\n<figcaption>{chart.description} {source}</figcaption>\n</figure>'
    signals = signals_table(control)
    if control.signals:  # a table of signals carries its own provenance, like every generated table
        signals += f"\n\n<small>{source}</small>"
    return f"## Control chart\n\n{figure}\n\n{method_text(control)}\n\n{signals}"


def method_text(control: KpiControl) -> str:
    """One sentence on which chart this is and why, for the page under the chart."""
    c, n = control.chart, len(control.periods)
    basis = f"over the {n} periods shown, not the target"
    if c.kind == "XmR":
        return (
            f"**XmR chart** (individuals): centre line = the mean {basis}; limits = mean ± 2.66 × the mean moving range. "
            "Used because this KPI's value is not a share of counted items, so a p-chart does not apply."
        )
    pooled = f"centre line = Σnumerator / Σdenominator {basis}; limits differ by period because each period's denominator does"
    if c.kind == "p":
        return f"**p-chart**: {pooled}. σz = {c.sigma_z:.2f} ≤ 1, so the plain binomial limits hold."
    return (
        f"**Laney p′ chart**: {pooled}, widened by σz = {c.sigma_z:.2f}: periods differ more than counting alone explains "
        "(normal for large volumes), so plain p-chart limits would flag nearly every point."
    )


def side(control: KpiControl, signal: Signal) -> str:
    """A signal said as better or worse for this KPI."""
    return "▼ worse" if control.is_worse(signal) else "▲ better"


def signals_table(control: KpiControl) -> str:
    """Every Western Electric signal on the chart, newest first, said as better or worse for this KPI."""
    if not control.signals:
        return f"No signals over the {len(control.periods)} periods: the variation is what this process usually shows."
    rows = [
        [control.periods[i], rules_of(sigs), "; ".join(s.description for s in sigs), side(control, sigs[0])]
        for i, sigs in reversed(control.by_point().items())
    ]
    return markdown_table(["Signal at", "Rules", "What the chart shows", "For this KPI"], rows, "llll")


def rules_of(signals: list[Signal]) -> str:
    return ", ".join(f"WE{s.rule}" for s in signals)
