"""Cost of quality (prevention, appraisal, internal and external failure) and the appraisal
of the plan's investment: ROI, payback, NPV and a sensitivity table."""

from __future__ import annotations

from ...data.contracts.plan import COQ_CATEGORIES, Appraisal, PlanFigure
from ...data.handbook import Handbook
from ...render.charts import BarsInput, bars_svg
from ...render.context import View
from ...render.provenance import note, small
from ...render.tables import markdown_table
from ..investment import END_OF_YEAR, THROUGH_THE_YEAR, discount_factor, npv, payback, plan_flows, roi

COQ_NAMES = {
    "prevention": "Prevention",
    "appraisal": "Appraisal",
    "internal_failure": "Internal failure",
    "external_failure": "External failure",
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
        rows.append([COQ_NAMES[cat], *(f"{_yuan(totals[y][cat])} ({totals[y][cat] / sum(totals[y].values()) * 100:.0f} %)" for y in years)])
    conformance = [totals[y]["prevention"] + totals[y]["appraisal"] for y in years]
    failure = [totals[y]["internal_failure"] + totals[y]["external_failure"] for y in years]
    rows.append(["*Cost of good quality* (prevention + appraisal)", *map(_yuan, conformance)])
    rows.append(["*Cost of poor quality* (internal + external failure)", *map(_yuan, failure)])
    rows.append(["**Cost of quality**", *(f"**{_yuan(sum(totals[y].values()))}**" for y in years)])
    table = markdown_table(["Category", *map(str, years)], rows, "l" + "r" * len(years))
    source = note([f"{handbook.data_name}/cost_of_quality.csv"], str(years[-1]) if years else None, origin)
    return f"{table}\n\n<small>{source}</small>"


def coq_items(c: View) -> str:
    handbook, origin = c.handbook, c.origin
    rows = [[r.entry.year, COQ_NAMES[r.entry.category], r.entry.item, _yuan(r.entry.amount)] for r in handbook.quality_costs]
    source = note([f"{handbook.data_name}/cost_of_quality.csv"], None, origin)
    return f"{markdown_table(['Year', 'Category', 'Item', 'Amount'], rows, 'lllr')}\n\n<small>{source}</small>"


def coq_chart(c: View) -> str:
    handbook, cache_dir, origin = c.handbook, c.cache_dir, c.origin
    totals = coq_totals(handbook)
    years = tuple(str(y) for y in totals)
    series = tuple((COQ_NAMES[c], tuple(totals[int(y)][c] for y in years), COQ_COLOURS[c]) for c in COQ_CATEGORIES)
    parts = "; ".join(f"{y}: " + ", ".join(f"{COQ_NAMES[c].lower()} {totals[int(y)][c]:,.0f}" for c in COQ_CATEGORIES) for y in years)
    description = f"Cost of quality by year and category, in yuan. {parts}."
    svg = bars_svg(BarsInput(years, series, "¥ (CNY)", description, symbol=" ¥"), cache_dir)
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
        return "not within the horizon"
    if timing == END_OF_YEAR:  # a whole number of years: nothing comes back before a year's end
        return f"{value:.0f} year{'s' if value != 1 else ''}"
    return f"{value:.2f} years"


TIMING = {
    END_OF_YEAR: ("arrives at the end of each year", "at the end of the year the cumulative cash flow first reaches 0", ""),
    THROUGH_THE_YEAR: (
        "comes in evenly through each year",
        "when the cumulative cash flow reaches 0, interpolated within the year",
        " − ½ (from mid-year)",
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
    flow_table = markdown_table(["Year", "Cash flow", f"Discounted at {a.discount_rate:g} %"], flow_rows, "lrr")
    results = [
        ["ROI over the horizon", f"{roi(flows) * 100:,.0f} %", "(total benefits − total cost) ÷ total cost, undiscounted"],
        ["Payback", _years(payback(flows, 0.0, timing), timing), reached],
        ["Discounted payback", _years(payback(flows, rate, timing), timing), f"the same, each flow discounted at {a.discount_rate:g} %"],
        ["NPV", _yuan(npv(rate, flows, timing)), f"Σ CF_t ÷ (1 + {rate:g})^(t{exponent}) for t = 1…{a.horizon_years}, plus CF_0"],
    ]
    result_table = markdown_table(["Measure", "Value", "Formula"], results, "lrl")
    convention = (
        f"The investment of {_yuan(inv.value)} is paid at t = 0 and not discounted; the benefit of {_yuan(ben.value)} "
        f"{arrives} t = 1…{a.horizon_years} (`benefit_timing: {timing}`). {a.rationale}"
    )
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
        rows.append([f"{share:g} % ({_yuan(ben.value * share / 100)} a year)", *npvs, _years(payback(flows, 0.0, timing), timing)])
    headers = ["Benefit realised", *(f"NPV at {r:g} %" for r in rates), "Payback"]
    table = markdown_table(headers, rows, "l" + "r" * (len(rates) + 1))
    return f"{table}\n\n{small(_appraisal_files(handbook), None, origin)}"
