"""A KPI's control chart section: the chart, a text alternative, which chart and why, and its signals."""

from __future__ import annotations

from pathlib import Path

from . import provenance
from .charts import ControlInput, control_svg
from .kpi_status import Snapshot
from .kpi_views import target_text
from .process_control import MIN_POINTS, RECENT, KpiControl, chart_name, control_of, method_text
from .provenance import Origin
from .tables import markdown_table
from .units import SYMBOL, fmt


def control_section(s: Snapshot, files: list[str], cache_dir: Path | None, origin: Origin) -> str:
    """'## Control chart' for a KPI page; a short note when there are too few periods."""
    k = s.kpi
    control = control_of(k, s.series)
    if control is None:
        return f"## Control chart\n\n*A control chart needs at least {MIN_POINTS} periods; {k.name.en} has {len(s.series)}.*"
    chart_input = control_input(s, control)
    svg = control_svg(chart_input, cache_dir)
    description = chart_input.description
    note = provenance.note(files, s.period, origin)
    figure = f'<figure class="control-chart">\n{svg}\n<figcaption>{description} {note}</figcaption>\n</figure>'
    signals = signals_table(control)
    if control.signals:  # a table of signals carries its own provenance, like every generated table
        signals += f"\n\n<small>{note}</small>"
    return f"## Control chart\n\n{figure}\n\n{method_text(control)}\n\n{signals}"


def control_input(s: Snapshot, control: KpiControl) -> ControlInput:
    """What a KPI's control chart shows, with its text alternative."""
    k, c = s.kpi, control.chart
    last = len(control.periods) - 1
    description = (
        f"Control chart ({chart_name(control)}) of {k.name.en}: "
        f"latest {fmt(control.value(c.points[last]), k.unit)} in {control.periods[last]}, "
        f"centre line {fmt(control.value(c.centre[last]), k.unit)}, control limits {fmt(control.value(c.lower[last]), k.unit)} "
        f"to {fmt(control.value(c.upper[last]), k.unit)}, target {target_text(k, s.target)}; "
        f"signals in {len({sig.index for sig in control.recent()})} of the last {RECENT} periods."
    )
    return ControlInput(
        periods=control.periods,
        values=tuple(round(control.value(v), 4) for v in c.points),
        centre=tuple(round(control.value(v), 4) for v in c.centre),
        upper=tuple(round(control.value(v), 4) for v in c.upper),
        lower=tuple(round(control.value(v), 4) for v in c.lower),
        target=s.target,
        signals=tuple(sorted({sig.index for sig in control.signals})),
        kind=chart_name(control),
        unit_label=SYMBOL[k.unit].strip() or k.unit,
        description=description,
    )


def signals_table(control: KpiControl) -> str:
    """Every Western Electric signal on the chart, newest first, said as better or worse for this KPI."""
    if not control.signals:
        return f"No signals over the {len(control.periods)} periods: the variation is what this process usually shows."
    rows = [
        [control.periods[i], ", ".join(f"WE{s.rule}" for s in sigs), "; ".join(s.description for s in sigs),
         "▼ worse" if control.is_worse(sigs[0]) else "▲ better"]
        for i, sigs in reversed(control.by_point().items())
    ]  # fmt: skip
    return markdown_table(["Signal at", "Rules", "What the chart shows", "For this KPI"], rows, "llll")
