"""Cost of quality (prevention, appraisal, internal and external failure) and the appraisal
of the plan's investment: ROI, payback, NPV and a sensitivity table."""

from __future__ import annotations

from ...data.contracts.plan import COQ_CATEGORIES, Appraisal, PlanFigure
from ...data.handbook import Handbook
from ...i18n.messages import N_, gettext, named, ngettext
from ...render.charts import BarsInput, bars_svg
from ...render.context import View
from ...render.provenance import note, small
from ...render.tables import markdown_table
from ..investment import END_OF_YEAR, THROUGH_THE_YEAR, discount_factor, npv, payback, plan_flows, roi

COQ_NAMES = {
    "prevention": N_("Prevention"),
    "appraisal": N_("Appraisal"),
    "internal_failure": N_("Internal failure"),
    "external_failure": N_("External failure"),
}
COQ_COLOURS = {"prevention": "#81c784", "appraisal": "#64b5f6", "internal_failure": "#ffb74d", "external_failure": "#e57373"}


def _yuan(value: float) -> str:
    return f"{value:,.0f} ¥"


def coq_totals(handbook: Handbook) -> dict[int, dict[str, float]]:
    """Σ amount per year and category, every category present (0 when nothing was spent)."""
    totals: dict[int, dict[str, float]] = {}
    for r in handbook.quality_costs:
        year = totals.setdefault(r.entry.year, dict.fromkeys(COQ_CATEGORIES, 0.0))
        year[r.entry.category] += r.entry.amount
    return dict(sorted(totals.items()))


def coq_table(c: View) -> str:
    handbook, origin = c.handbook, c.origin
    totals = coq_totals(handbook)
    years = list(totals)
    rows = []
    for cat in COQ_CATEGORIES:
        rows.append(
            [gettext(COQ_NAMES[cat]), *(f"{_yuan(totals[y][cat])} ({totals[y][cat] / sum(totals[y].values()) * 100:.0f} %)" for y in years)]
        )
    conformance = [totals[y]["prevention"] + totals[y]["appraisal"] for y in years]
    failure = [totals[y]["internal_failure"] + totals[y]["external_failure"] for y in years]
    rows.append([gettext("*Cost of good quality* (prevention + appraisal)"), *map(_yuan, conformance)])
    rows.append([gettext("*Cost of poor quality* (internal + external failure)"), *map(_yuan, failure)])
    rows.append(["**" + gettext("Cost of quality") + "**", *(f"**{_yuan(sum(totals[y].values()))}**" for y in years)])
    table = markdown_table([gettext("Category"), *map(str, years)], rows, "l" + "r" * len(years))
    source = note([f"{handbook.data_name}/cost_of_quality.csv"], str(years[-1]) if years else None, origin)
    return f"{table}\n\n<small>{source}</small>"


def coq_items(c: View) -> str:
    handbook, origin = c.handbook, c.origin
    rows = [[r.entry.year, gettext(COQ_NAMES[r.entry.category]), r.entry.item, _yuan(r.entry.amount)] for r in handbook.quality_costs]
    source = note([f"{handbook.data_name}/cost_of_quality.csv"], None, origin)
    headers = [gettext(h) for h in (N_("Year"), N_("Category"), N_("Item"), N_("Amount"))]
    return f"{markdown_table(headers, rows, 'lllr')}\n\n<small>{source}</small>"


def coq_chart(c: View) -> str:
    handbook, cache_dir, origin = c.handbook, c.cache_dir, c.origin
    totals = coq_totals(handbook)
    years = tuple(str(y) for y in totals)
    series = tuple((gettext(COQ_NAMES[c]), tuple(totals[int(y)][c] for y in years), COQ_COLOURS[c]) for c in COQ_CATEGORIES)
    amounts = (", ".join(f"{gettext(COQ_NAMES[c]).lower()} {totals[int(y)][c]:,.0f}" for c in COQ_CATEGORIES) for y in years)
    parts = "; ".join(f"{y}: {amount}" for y, amount in zip(years, amounts, strict=True))
    description = gettext("Cost of quality by year and category, in yuan. {years}.", years=parts)
    svg = bars_svg(BarsInput(years, series, gettext("¥ (CNY)"), description, symbol=" ¥"), cache_dir)
    source = note([f"{handbook.data_name}/cost_of_quality.csv"], years[-1] if years else None, origin)
    return f'<figure class="chart">{svg}<figcaption>{description}<br><small>{source}</small></figcaption></figure>'


def _figures(handbook: Handbook) -> tuple[Appraisal, PlanFigure, PlanFigure]:
    a = handbook.appraisal
    by_id = {f.id: f for f in handbook.costs}
    return a, by_id[a.investment], by_id[a.benefit]


def _appraisal_files(handbook: Handbook) -> list[str]:
    return [f"{handbook.data_name}/costs.yml", f"{handbook.data_name}/appraisal.yml"]


def _years(value: float | None, timing: str) -> str:
    if value is None:
        return gettext("not within the horizon")
    if timing == END_OF_YEAR:  # a whole number of years: nothing comes back before a year's end
        return ngettext("{n} year", "{n} years", int(value))
    return gettext("{years} years", years=f"{value:.2f}")


TIMING = {
    END_OF_YEAR: (
        N_(
            "The investment of {investment} is paid at t = 0 and not discounted; the benefit of {benefit} "
            "arrives at the end of each year t = 1…{years} (`benefit_timing: {timing}`)."
        ),
        N_("at the end of the year the cumulative cash flow first reaches 0"),
        "",
    ),
    THROUGH_THE_YEAR: (
        N_(
            "The investment of {investment} is paid at t = 0 and not discounted; the benefit of {benefit} "
            "comes in evenly through each year t = 1…{years} (`benefit_timing: {timing}`)."
        ),
        N_("when the cumulative cash flow reaches 0, interpolated within the year"),
        N_(" − ½ (from mid-year)"),
    ),
}


def appraisal(c: View) -> str:
    """Cash flows, ROI, simple and discounted payback and NPV, with the conventions stated."""
    handbook, origin = c.handbook, c.origin
    a, inv, ben = _figures(handbook)
    flows, timing = plan_flows(inv.value, ben.value, a.horizon_years), a.benefit_timing
    rate = a.discount_rate / 100
    arrives, reached, exponent = TIMING[timing]
    flow_rows = [[f"t = {t}", _yuan(cf), _yuan(cf * discount_factor(rate, t, timing))] for t, cf in enumerate(flows)]
    rate_shown = f"{a.discount_rate:g}"
    headers = [gettext("Year"), gettext("Cash flow"), gettext("Discounted at {rate} %", rate=rate_shown)]
    flow_table = markdown_table(headers, flow_rows, "lrr")
    results = [
        [gettext("ROI over the horizon"), f"{roi(flows) * 100:,.0f} %",
         gettext("(total benefits − total cost) ÷ total cost, undiscounted")],
        [gettext("Payback"), _years(payback(flows, 0.0, timing), timing), gettext(reached)],
        [gettext("Discounted payback"), _years(payback(flows, rate, timing), timing),
         gettext("the same, each flow discounted at {rate} %", rate=rate_shown)],
        [gettext("NPV"), _yuan(npv(rate, flows, timing)),
         gettext("Σ CF_t ÷ (1 + {rate})^(t{exponent}) for t = 1…{years}, plus CF_0", rate=f"{rate:g}",
                 exponent=gettext(exponent) if exponent else "", years=a.horizon_years)],
    ]  # fmt: skip
    result_table = markdown_table([gettext("Measure"), gettext("Value"), gettext("Formula")], results, "lrl")
    arrival = gettext(arrives, investment=_yuan(inv.value), benefit=_yuan(ben.value), years=a.horizon_years, timing=timing)
    convention = f"{arrival} {named(a.rationale)}"
    return f"{convention}\n\n{flow_table}\n\n{result_table}\n\n{small(_appraisal_files(handbook), None, origin)}"


def sensitivity(c: View) -> str:
    """NPV and payback when less of the benefit is realised and the discount rate moves."""
    handbook, origin = c.handbook, c.origin
    a, inv, ben = _figures(handbook)
    rates = [a.discount_rate + step for step in a.rate_steps]
    rows = []
    for share in sorted(a.benefit_shares, reverse=True):
        flows, timing = plan_flows(inv.value, ben.value * share / 100, a.horizon_years), a.benefit_timing
        npvs = [_yuan(npv(r / 100, flows, timing)) for r in rates]
        rows.append(
            [
                gettext("{share} % ({benefit} a year)", share=f"{share:g}", benefit=_yuan(ben.value * share / 100)),
                *npvs,
                _years(payback(flows, 0.0, timing), timing),
            ]
        )
    headers = [gettext("Benefit realised"), *(gettext("NPV at {rate} %", rate=f"{r:g}") for r in rates), gettext("Payback")]
    table = markdown_table(headers, rows, "l" + "r" * (len(rates) + 1))
    return f"{table}\n\n{small(_appraisal_files(handbook), None, origin)}"
