"""The per-category risk page: the method with its figures, the table and the chart."""

from __future__ import annotations

from typing import Protocol

from ...data.contracts.risks import Band
from ...data.exports.catalogue import Catalogue
from ...data.handbook import Handbook
from ...i18n.messages import gettext, named
from ...render.badges import badge
from ...render.charts import BarsInput, bars_svg
from ...render.context import View
from ...render.provenance import note, small
from ...render.quotes import cited
from ...render.tables import markdown_table
from ..categories import MONTHS_PER_YEAR, READS, CategoryAssessment, CategoryRisk

GREY = "#e0e0e0"


class RiskView(View, Protocol):
    """A view that reads the risk per product category the exports gave when data/ was checked."""

    categories: CategoryAssessment


def _insufficient() -> str:
    return badge("no-data", gettext("insufficient data"))


def not_assessed(reason: str) -> str:
    flag = badge("no-data", gettext("not assessed"))
    return gettext("{badge}: {reason}. Nothing is estimated from an export that is missing or empty.", badge=flag, reason=reason)


def _files(handbook: Handbook) -> list[str]:
    d = handbook.data_name
    exports = Catalogue(handbook.exports_map).files(READS, handbook.data_dir)
    return [*exports, f"{d}/exports.yml", f"{d}/category_risk.yml", f"{d}/risks.yml"]


def _percent(fraction: float | None) -> str:
    return "—" if fraction is None else f"{fraction * 100:.1f} %"


def _band(band: Band) -> str:
    return f'<span class="band band-{band.id}">{named(band.name)}</span>'


def _level(r: CategoryRisk) -> str:
    """The level; with too few orders, the band the interval's lower ends already reach; a level that could be the
    next band, the range its intervals allow."""
    if r.band is None:
        return gettext("{badge}<br>at least {band}", badge=_insufficient(), band=_band(r.at_least)) if r.at_least else _insufficient()
    shown = f"{r.likelihood}×{r.impact} = {r.score} {_band(r.band)}"
    if r.straddles and r.bands is not None:
        reach = gettext("intervals reach {low} to {high}", low=named(r.bands[0].name), high=named(r.bands[1].name))
        shown += f"<br><small>{reach}</small>"
    return shown


def _cost(r: CategoryRisk) -> str:
    if r.cost_per_incident is None:
        return "—"
    low, high = r.cost_interval or (r.cost_per_incident, r.cost_per_incident)
    spread = "<br><small>" + gettext("95 % CI {low}–{high} ¥", low=f"{low:,.0f}", high=f"{high:,.0f}") + "</small>" if high > low else ""
    return f"{r.cost_per_incident:,.0f} ¥{spread}"


def _loss(r: CategoryRisk) -> str:
    low, high = r.expected_loss_interval
    spread = f"<br><small>{low:,.0f}–{high:,.0f} ¥</small>" if high > low else ""
    return f"{r.expected_loss:,.0f} ¥{spread}"


def category_table(c: RiskView) -> str:
    """One row per category: counts, rates, incident probability, expected loss and level."""
    handbook, span, risks = c.handbook, c.categories.window, c.categories.risks
    if c.categories.reason:
        return not_assessed(c.categories.reason)
    rows = []
    for r in risks:
        low, high = r.interval
        rows.append(
            [
                _level(r),
                f"**{r.category}**",
                _loss(r),
                f"{r.orders:,}",
                f"{_percent(r.complaint_rate)} ({r.complaints})",
                f"{_percent(r.return_rate)} ({r.returns})",
                _percent(r.quality_share_of_returns),
                f"{_percent(r.probability)} ({r.incidents})<br><small>"
                + gettext("95 % CI {low}–{high}", low=_percent(low), high=_percent(high))
                + "</small>",
                _cost(r),
            ]
        )
    headers = [
        gettext("Risk level"), gettext("Category"), gettext("Expected loss per year"), gettext("Orders"), gettext("Complaint rate"),
        gettext("Return rate"), gettext("Quality share of returns"), gettext("P(quality incident) per order"),
        gettext("Cost per incident"),
    ]  # fmt: skip
    table = markdown_table(headers, rows, "llrrrrrrr")
    return f"{table}\n\n{small(_files(handbook), _placed(span), c.origin)}"


def _placed(span: object) -> str:
    return gettext("orders placed {span}", span=span)


def category_chart(c: RiskView) -> str:
    """Expected loss per year by category, coloured by risk band."""
    handbook, span, risks = c.handbook, c.categories.window, c.categories.risks
    if c.categories.reason:
        return ""
    labels = tuple(r.category for r in risks)
    series = []
    for band in handbook.register.matrix.bands:
        values = tuple(r.expected_loss if r.band == band else 0.0 for r in risks)
        if any(values):
            series.append((named(band.name), values, band.colour))
    unsure = tuple(0.0 if r.band else r.expected_loss for r in risks)
    if any(unsure):
        series.append((gettext("insufficient data"), unsure, GREY))
    summary = "; ".join(
        gettext("{category} {loss} yuan ({band})", category=r.category, loss=f"{r.expected_loss:,.0f}",
                band=named(r.band.name) if r.band else gettext("insufficient data"))
        for r in risks
    )  # fmt: skip
    description = gettext(
        "Expected loss per year from quality incidents by product category, orders placed {span}: {summary}.", span=span, summary=summary
    )
    svg = bars_svg(BarsInput(labels, tuple(series), gettext("¥ (CNY) per year"), description, symbol=" ¥"), c.cache_dir)
    source = note(_files(handbook), _placed(span), c.origin)
    return f'<figure class="chart">{svg}<figcaption>{description}<br><small>{source}</small></figcaption></figure>'


def category_method(c: RiskView) -> str:
    """The method, with the settings in force written out from data/category_risk.yml."""
    m, window = c.handbook.category_risk, c.categories.window
    quality_returns = ", ".join(k for k, v in m.return_reasons.items() if v == "quality")
    quality_topics = ", ".join(k for k, v in m.complaint_topics.items() if v == "quality")
    c = m.costs
    counts = gettext("A return or complaint counts against the order it concerns, so it belongs to the month the order was placed.")
    if window:
        placed = gettext("**Window.** Orders placed in the last {months} whole months of the export ({window}).", months=m.window_months,
                         window=window)  # fmt: skip
    else:
        placed = gettext("**Window.** Orders placed in the last {months} whole months of the export.", months=m.window_months)
    steps = [
        f"{placed} {counts}",
        gettext("**Quality incidents.** Returns for {reasons}; complaints about {topics}. An order with one or more of these is one "
                "incident.", reasons=quality_returns, topics=quality_topics),
        gettext("**Probability** p = incidents ÷ orders, with a 95 % Wilson interval, which stays honest for small counts."),
        gettext("**Cost of one incident.** A quality return costs {handling} ¥ handling plus {write_off} % of the order value written "
                "off; a quality complaint costs {complaint} ¥.", handling=f"{c.return_handling:g}", write_off=f"{c.return_write_off:g}",
                complaint=f"{c.complaint_handling:g}") + f" {named(c.rationale)}",
        gettext("**Expected loss per year** (ALE) = cost per incident (SLE) × incidents per year (ARO) = the incidents' cost over the "
                "window × {year} ÷ {months}.", year=MONTHS_PER_YEAR, months=m.window_months),
        gettext("**Risk level** on the register's matrix: likelihood from p (levels 1–5 at edges {likelihood}), impact from the cost "
                "per incident (edges {impact}); score = likelihood × impact, band from the register's bands.",
                likelihood=", ".join(f"{e:g} %" for e in m.likelihood_edges), impact=", ".join(f"{e:g} ¥" for e in m.impact_edges)),
        gettext("**Uncertainty.** The cost per incident has a 95 % Student's t interval of its mean. A level whose two intervals reach "
                "into another band says which bands they reach; the expected loss shows the range from both intervals' ends."),
        gettext("**Too few orders.** A category with fewer than {least} orders in the window is shown as insufficient data, not given a "
                "level; if the lower ends of its intervals already reach a band above the lowest, it is flagged as at least that band, "
                "and ranked with it.", least=m.min_orders),
    ]  # fmt: skip
    quote = cited(m.evidence.source, m.evidence.quote)
    return "\n".join(f"{n}. {s}" for n, s in enumerate(steps, start=1)) + f"\n\n<small>{quote}</small>"
