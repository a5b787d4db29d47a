"""What each KPI's trend and control charts show, worked out once per build from its facts, and the trend figure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...i18n.formats import period
from ...i18n.messages import N_, gettext, named
from ...render.charts import ControlInput, TrendInput, trend_svg
from ...render.provenance import note
from ..control import RECENT, KpiControl, chart_name, has_limits
from ..facts import Facts, KpiFacts
from ..units import DECIMALS, fmt, target_text, telling_decimals
from ..values import series_id

if TYPE_CHECKING:
    from . import KpiView


# The value axis names the unit in words as well as its symbol.
AXIS = {"percent": N_("percent (%)"), "permille": N_("per mille (‰)"), "hours": N_("hours (h)"), "count": N_("count"),
        "score": N_("score"), "yuan": N_("¥ (CNY)")}  # fmt: skip


@dataclass(frozen=True)
class KpiCharts:
    trend: TrendInput | None  # None without measurements
    control: ControlInput | None  # None with too few periods for a control chart


def chart_inputs(facts: Facts) -> dict[str, KpiCharts]:
    """Every KPI's chart inputs, by KPI id: the pages show them, and the build draws them ahead."""
    return {f.kpi.id: KpiCharts(trend_input(f), control_input(f, f.control) if f.control else None) for f in facts}


def trend_input(f: KpiFacts) -> TrendInput | None:
    """What a KPI's trend chart shows, with its text alternative; None without measurements."""
    s, k = f.snapshot, f.kpi
    if s.series.empty:
        return None
    decimals = telling_decimals(s.value, s.target, k.unit, k.warning)
    latest, target = fmt(s.value, k.unit, decimals), target_text(k, s.target, decimals=decimals)
    return TrendInput(
        periods=tuple(s.series["period"]),
        values=tuple(round(float(v), 4) for v in s.series["value"]),
        target=s.target,
        warning=k.warning if k.target is not None else None,
        stretch=k.stretch,
        conflicting=tuple(t.value for t in k.conflicting_targets),
        unit_label=gettext(AXIS[k.unit]),
        description=gettext(
            "{name}: latest {value} in {period}{open}, target {target}, status {status}.",
            name=named(k.name),
            value=latest,
            period=period(s.period),
            open=_open(s.provisional),
            target=target,
            status=s.status.label,
        ),
        provisional=tuple(i for i, p in enumerate(s.series["period"]) if p in f.provisional),
        point_texts=tuple(fmt(float(v), k.unit, decimals) for v in s.series["value"]),  # from the exact values: rounded once
        target_text=target,
        stretch_text=fmt(k.stretch, k.unit, decimals) if k.stretch is not None else "",
    )


def _open(provisional: bool) -> str:
    """A parenthesis said after a period still open."""
    return gettext(" (provisional: the period is still open)") if provisional else ""


def control_input(f: KpiFacts, control: KpiControl) -> ControlInput:
    """What a KPI's control chart shows, with its text alternative."""
    k, c, target = f.kpi, control.chart, f.snapshot.target
    last = len(control.periods) - 1
    d = DECIMALS[k.unit] + 1  # limits one decimal finer than values: a limit of 0.3 is not "0"
    lower, centre, upper = (fmt(control.value(v[last]), k.unit, d) for v in (c.lower, c.centre, c.upper))
    if has_limits(control, last):
        limits = gettext("centre line {centre}, control limits {lower} to {upper}", centre=centre, lower=lower, upper=upper)
    else:
        limits = gettext("no control limits yet in its latest stage (from {start})", start=period(control.stages[-1].start))
    said = {
        "chart": chart_name(control),
        "name": named(k.name),
        "value": fmt(control.value(c.points[last]), k.unit),
        "period": period(control.periods[last]),
        "open": _open(control.periods[last] in f.provisional),
        "limits": limits,
        "target": target_text(k, target),
        "signalled": len({sig.index for sig in control.recent()}),
        "recent": RECENT,
    }
    if len(control.stages) > 1:
        description = gettext(
            "Control chart ({chart}) in {stages} stages of {name}: latest {value} in {period}{open}, {limits}, target {target}; "
            "signals in {signalled} of the last {recent} periods.",
            stages=len(control.stages),
            **said,
        )
    else:
        description = gettext(
            "Control chart ({chart}) of {name}: latest {value} in {period}{open}, {limits}, target {target}; "
            "signals in {signalled} of the last {recent} periods.",
            **said,
        )
    return ControlInput(
        periods=control.periods,
        values=tuple(round(control.value(v), 4) for v in c.points),
        centre=tuple(round(control.value(v), 4) for v in c.centre),
        upper=tuple(round(control.value(v), 4) for v in c.upper),
        lower=tuple(round(control.value(v), 4) for v in c.lower),
        target=target,
        signals=tuple(sorted({sig.index for sig in control.signals})),
        kind=chart_name(control),
        unit_label=gettext(AXIS[k.unit]),
        description=description,
        stages=tuple(st.shown_from for st in control.stages if st.shown_from > 0),
        provisional=tuple(i for i, p in enumerate(control.periods) if p in f.provisional),
        point_texts=tuple(fmt(control.value(v), k.unit) for v in c.points),
        target_text=target_text(k, target),
        limit_texts=(lower, centre, upper) if has_limits(control, last) else (),
    )


def trend_figure(c: KpiView, kpi_id: str) -> str:
    """The trend chart with target line and at-risk band, a text alternative and its provenance."""
    f, chart = c.facts[c.handbook.kpi(kpi_id).id], c.charts[kpi_id].trend
    if chart is None:
        return "*" + gettext("No measurements of {name} yet.", name=named(f.kpi.name)) + "*"
    source = note(c.handbook.files_of(series_id(f.kpi)), f.snapshot.period, c.origin)
    svg = trend_svg(chart, c.cache_dir)
    return f'<figure class="kpi-chart">\n{svg}\n<figcaption>{chart.description} {source}</figcaption>\n</figure>'
