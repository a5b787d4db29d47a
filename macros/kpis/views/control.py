"""A KPI's control chart section: the chart, a text alternative, which chart and why, and its signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...data.contracts.kpis import BASELINE
from ...i18n.formats import day, period
from ...i18n.messages import N_, gettext, named
from ...render.charts import control_svg
from ...render.provenance import note
from ...render.tables import markdown_table
from ..control import MIN_POINTS, NAMES, KpiControl, Stage
from ..facts import KpiFacts
from ..spc import ALPHA, Signal, zone_rules_apply
from ..units import DECIMALS, fmt

if TYPE_CHECKING:
    from . import KpiView


def control_section(c: KpiView, f: KpiFacts, files: list[str]) -> str:
    """'## Control chart' for a KPI page; a short note when there are too few periods."""
    k, control, chart = f.kpi, f.control, c.charts[f.kpi.id].control
    heading = gettext("Control chart")
    if control is None or chart is None:
        short = gettext("A control chart needs at least {least} periods in a stage; {name} has {n}.", least=MIN_POINTS,
                        name=named(k.name), n=len(f.series))  # fmt: skip
        return f"## {heading} {{#control-chart}}\n\n*{short}*"
    svg = control_svg(chart, c.cache_dir)
    source = note(files, f.snapshot.period, c.origin)
    figure = f'<figure class="control-chart">\n{svg}\n<figcaption>{chart.description} {source}</figcaption>\n</figure>'
    signals = signals_table(control)
    if control.signals:  # a table of signals carries its own provenance, like every generated table
        signals += f"\n\n<small>{source}</small>"
    stages = f"{stages_table(control)}\n\n<small>{note([*files, f'{c.handbook.data_name}/kpis.yml'], None, c.origin)}</small>"
    return f"## {heading} {{#control-chart}}\n\n{figure}\n\n{method_text(control)}\n\n{stages}\n\n{signals}"


CHARTS = {
    "p": N_(
        "**p-chart**: each period's share against p̄ = Σnumerator / Σdenominator of its stage's baseline, with limits "
        "p̄ ± 3·√(p̄(1 − p̄)/n) that differ by period because each period's denominator does."
    ),
    "laney p′": N_(
        "**Laney p′ chart**: a p-chart whose limits are widened by σz, the periods' spread beyond what counting "
        "explains (Laney, Quality Engineering 14, 2002)."
    ),
    "c": N_(
        "**c-chart**: a count of events per period against c̄, the mean count of its stage's baseline, with limits "
        "c̄ ± 3√c̄ (no lower than 0): counts of rare events are not spread like measurements."
    ),
    "u": N_("**u-chart**: events per unit against ū = Σevents / Σunits of its stage's baseline, with limits ū ± 3√(ū/n)."),
    "XmR": N_(
        "**XmR chart** (individuals): each value against the mean of its stage's baseline, with limits mean ± 2.66 × "
        "the baseline's mean moving range. This KPI's value is not a share or a count of events, so neither a p- nor a c-chart applies."
    ),
}


def method_text(control: KpiControl) -> str:
    """Which chart this is and why, and how its limits were frozen, every figure from the chart itself."""
    out = [gettext(CHARTS[control.chart.kind])]
    plan = control.plan
    if not plan.stages and plan.reason is None:
        out.append(gettext("No baseline is declared for this KPI in data/kpis.yml, so its first {n} periods form it "
                           "(the handbook's default, {default}).", n=plan.baseline, default=BASELINE))  # fmt: skip
    out.append(gettext("Each stage's centre and limits are worked out from its baseline and then frozen: later periods are "
                       "judged against them, and a later month never moves them."))  # fmt: skip
    return " ".join(out)


def stages_table(control: KpiControl) -> str:
    """Each stage shown: from when, its baseline, why, and the chart and test its data called for."""
    rows = []
    for n, st in enumerate(control.stages, start=1):
        began = gettext("{start} (changed {changed})", start=period(st.start), changed=day(st.changed)) if st.changed else period(st.start)
        rows.append(
            [str(n), began, _baseline(st), named(st.reason) if st.reason else gettext("not declared"), _limits(control, st), _test(st)]
        )
    headers = [N_("Stage"), N_("From"), N_("Baseline"), N_("Why"), N_("Centre and limits"), N_("Chart, and the test that chose it")]
    return markdown_table([gettext(h) for h in headers], rows, "llllll")


def _baseline(st: Stage) -> str:
    if st.chart is None:
        return gettext("none yet: {n} period(s), limits need {least}", n=st.length, least=MIN_POINTS)
    span = {"first": period(st.baseline[0]), "last": period(st.baseline[-1]), "n": len(st.baseline)}
    if st.provisional:
        return gettext("{first} to {last}, provisional: {n} of its {wanted} periods", wanted=st.wanted, **span)
    return gettext("{first} to {last} ({n} periods), frozen", **span)


def _limits(control: KpiControl, st: Stage) -> str:
    chart, unit = st.chart, control.kpi.unit
    if chart is None:
        return "—"
    d = DECIMALS[unit] + 1
    centre = fmt(control.value(chart.centre[-1]), unit, d)
    lower, upper = (fmt(control.value(v[-1]), unit, d) for v in (chart.lower, chart.upper))
    if chart.kind in ("p", "laney p′", "u"):
        return gettext("centre {centre}; limits {lower} to {upper} (at its latest period's n)", centre=centre, lower=lower, upper=upper)
    return gettext("centre {centre}; limits {lower} to {upper}", centre=centre, lower=lower, upper=upper)


def _test(st: Stage) -> str:
    chart = st.chart
    if chart is None:
        return "—"
    t = chart.dispersion
    if t is None and not zone_rules_apply(chart):
        centre = "c̄" if chart.kind == "c" else "ū"
        return gettext("{chart}; only rule 1 applies: with {centre} = {value} and the lower limit at 0 the counts are too skewed "
                       "for the zone rules 2–4", chart=NAMES[chart.kind], centre=centre, value=f"{chart.centre[0]:.2g}")  # fmt: skip
    if t is None:
        return NAMES[chart.kind]
    test = gettext("dispersion test over the baseline: X² = {statistic} on {df} df (X²/df = {ratio}), p = {p}",
                   statistic=f"{t.statistic:,.1f}", df=t.df, ratio=f"{t.ratio:.2f}", p=_p(t.p_value))  # fmt: skip
    if not t.over:
        return gettext("p: {test} ≥ {alpha}, so counting explains the variation", test=test, alpha=f"{ALPHA:g}")
    return gettext(
        "Laney p′: {test} < {alpha}, so the periods vary more than counting explains (σz = {sigma_z}); plain p limits would flag "
        "{outside} of its {n} baseline periods",
        test=test,
        alpha=f"{ALPHA:g}",
        sigma_z=f"{chart.sigma_z:.2f}",
        outside=chart.plain_outside,
        n=len(st.baseline),
    )


def _p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


METHOD = {"alpha": f"{ALPHA * 100:g} %", "baseline": str(BASELINE), "min_points": str(MIN_POINTS)}


def control_method(c: KpiView, name: str) -> str:
    """One of the method's settings as the code holds it, for the page that explains the charts."""
    return METHOD[name]


def side(control: KpiControl, signal: Signal) -> str:
    """A signal said as better or worse for this KPI."""
    return "▼ " + gettext("worse") if control.is_worse(signal) else "▲ " + gettext("better")


def signals_table(control: KpiControl) -> str:
    """Every Western Electric signal on the chart, newest first, said as better or worse for this KPI."""
    if not control.signals:
        return gettext("No signals over the {n} periods: the variation is what this process usually shows.", n=len(control.periods))
    rows = [
        [period(control.periods[i]), rules_of(sigs), "; ".join(gettext(s.description) for s in sigs), side(control, sigs[0])]
        for i, sigs in reversed(control.by_point().items())
    ]
    headers = [gettext("Signal at"), gettext("Rules"), gettext("What the chart shows"), gettext("For this KPI")]
    return markdown_table(headers, rows, "llll")


def rules_of(signals: list[Signal]) -> str:
    return ", ".join(f"WE{s.rule}" for s in signals)
