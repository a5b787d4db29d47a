"""The risk register, its bands and 5×5 heat maps as Markdown and HTML."""

from __future__ import annotations

from datetime import date
from html import escape

from ...data.contracts.risks import FAMILIES, Position, Risk
from ...data.handbook import Handbook
from ...i18n.formats import day
from ...i18n.messages import N_, gettext, named, ngettext
from ...render.badges import badge
from ...render.context import View
from ...render.links import ORG_PAGE, RISK_PAGE, href, link, procedure_page
from ...render.provenance import small
from ...render.table_csv import MARK
from ...render.tables import markdown_table
from ..scoring import band_for, review_overdue, score

# The register's fixed words (data/contracts/risks.py), as a reader sees them; the data keeps them in English.
FAMILY_WORDS = {"product": N_("product"), "service": N_("service"), "information": N_("information")}
STATUS_WORDS = {"open": N_("open"), "monitoring": N_("monitoring"), "closed": N_("closed")}
TREATMENT_WORDS = {
    "Avoid the risk": N_("Avoid the risk"),
    "Take or increase the risk": N_("Take or increase the risk"),
    "Remove the risk source": N_("Remove the risk source"),
    "Change the likelihood": N_("Change the likelihood"),
    "Change the consequences": N_("Change the consequences"),
    "Share the risk": N_("Share the risk"),
    "Retain the risk": N_("Retain the risk"),
}


def said(word: str, words: dict[str, str]) -> str:
    """A fixed word of the data in the build's language; one the code does not know is shown as the data has it."""
    return gettext(words[word]) if word in words else word


def _rating(handbook: Handbook, position: Position) -> str:
    value = score(position)
    band = band_for(value, handbook.register.matrix)
    return f'{position.likelihood}×{position.impact} = {value} <span class="band band-{band.id}">{named(band.name)}</span>'


def _review(risk: Risk, today: date) -> str:
    if review_overdue(risk, today):
        return f"{day(risk.next_review)} " + badge("breached", gettext("overdue"))
    return day(risk.next_review)


VIEWS = ("inherent", "residual")


def _one_of(value: str | None, allowed: tuple[str, ...], what: str) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")


def register_table(c: View, family: str | None = None) -> str:
    """One row per risk, highest residual score first."""
    handbook, page = c.handbook, c.page
    _one_of(family, FAMILIES, "risk_register(family)")
    risks = [r for r in handbook.register.risks if family in (None, r.family)]
    risks.sort(key=lambda r: (-score(r.residual), -score(r.inherent), r.id))
    # The verdict (residual rating) comes first and the cause and consequence sit under the title in small print,
    # so the whole register fits the page at 1366 px and a phone pins the verdict column.
    rows = [
        [
            _rating(handbook, r.residual),
            f'<span id="{r.id.lower()}"></span>{r.id}' if family is None else r.id,  # one anchor per risk: only the full register has them
            f"**{named(r.title)}**<br><small>"
            + gettext(
                "{family} · cause: {cause}; consequence: {consequence}",
                family=said(r.family, FAMILY_WORDS),
                cause=named(r.cause),
                consequence=named(r.consequence),
            )
            + "</small>",
            said(r.status, STATUS_WORDS),
            _review(r, c.today),
            said(r.treatment, TREATMENT_WORDS),
            link(named(handbook.department(r.owner).name), page, ORG_PAGE, r.owner),
            _rating(handbook, r.inherent),
            ", ".join(link(named(handbook.procedure(p).name), page, procedure_page(p)) for p in r.controls),
        ]
        for r in risks
    ]
    headers = [gettext("Residual"), gettext("ID"), gettext("Risk"), gettext("Status"), gettext("Next review"), gettext("Treatment"),
               gettext("Owner"), gettext("Inherent"), gettext("Controls")]  # fmt: skip
    return f"{markdown_table(headers, rows)}\n\n{_source(c, 'procedures.yml', 'org.yml')}"


def bands_table(c: View) -> str:
    bands = c.handbook.register.matrix.bands
    rows = [[f'<span class="band band-{b.id}">{named(b.name)}</span>', f"{b.min}–{b.max}", named(b.action)] for b in bands]
    headers = [gettext("Band"), gettext("Scores"), gettext("What it asks")]
    return f"{markdown_table(headers, rows)}\n\n{_source(c)}"


def heat_map(c: View, which: str = "residual") -> str:
    """A 5×5 grid, likelihood 5 at the top, each cell coloured and named by band, with its count and a link to each of
    its risks' rows in the register, the risk's title on hover."""
    _one_of(which, VIEWS, "risk_heat_map(which)")
    handbook = c.handbook
    matrix = handbook.register.matrix
    cells: dict[tuple[int, int], list[Risk]] = {}
    for r in handbook.register.risks:
        pos: Position = getattr(r, which)
        cells.setdefault((pos.likelihood, pos.impact), []).append(r)
    head = "".join(f'<th scope="col">{i}<br><small>{escape(named(matrix.impact[i]))}</small></th>' for i in range(1, 6))
    body = []
    for lk in range(5, 0, -1):
        row = [f'<th scope="row">{lk} <small>{escape(named(matrix.likelihood[lk]))}</small></th>']
        for im in range(1, 6):
            band = band_for(lk * im, matrix)
            risks = cells.get((lk, im), [])
            # The band is written in the cell, not only coloured: colour never carries status alone.
            content = f'<strong>{len(risks)}</strong><span class="risk-ids">{_risk_links(c.page, risks)}</span>' if risks else ""
            row.append(
                f'<td class="band-{band.id}" style="background:{band.colour}" '
                f'title="{escape(_cell_title(lk * im, named(band.name)))}" '
                f'markdown="span">{content}<small>{named(band.name)}</small></td>'
            )
        body.append('<tr markdown="1">' + "".join(row) + "</tr>")
    total = sum(len(v) for v in cells.values())
    corner = gettext("Likelihood \\ Impact")
    # markdown="1" down to each cell, so the links in it are Markdown that MkDocs resolves and checks from any page.
    return (
        f'{MARK}\n<div class="scroll-x" markdown="1"><table class="heat-map" aria-label="{_label(which)}" markdown="1">'
        f"<caption>{_caption(which, total)}</caption>"
        f'<thead><tr><th scope="col">{corner}</th>{head}</tr></thead>'
        f'<tbody markdown="1">{"".join(body)}</tbody></table></div>\n\n{_source(c)}'
    )


def _cell_title(value: int, band: str) -> str:
    return gettext("score {score}, {band}", score=value, band=band)


def _label(which: str) -> str:
    return gettext("residual risk heat map") if which == "residual" else gettext("inherent risk heat map")


def _caption(which: str, total: int) -> str:
    if which == "residual":
        return ngettext("Residual risk: {n} risk by likelihood (rows) and impact (columns)",
                        "Residual risk: {n} risks by likelihood (rows) and impact (columns)", total)  # fmt: skip
    return ngettext("Inherent risk: {n} risk by likelihood (rows) and impact (columns)",
                    "Inherent risk: {n} risks by likelihood (rows) and impact (columns)", total)  # fmt: skip


def _risk_links(page: str, risks: list[Risk]) -> str:
    """Each risk's id as a link to its row in the full register, its title as the link's title."""
    return " ".join(f'[{r.id}]({href(page, RISK_PAGE, r.id.lower())} "{named(r.title).replace(chr(34), "&quot;")}")' for r in risks)


def review_summary(c: View) -> str:
    """How many risks there are per family, and which reviews are overdue."""
    risks = c.handbook.register.risks
    families = ", ".join(gettext("{n} {family}", n=sum(r.family == f for r in risks), family=said(f, FAMILY_WORDS)) for f in FAMILIES)
    overdue = [r for r in risks if review_overdue(r, c.today)]
    late = ", ".join(link(r.id, c.page, RISK_PAGE, r.id.lower()) for r in overdue)
    late_badge = badge("breached", ngettext("{n} review overdue", "{n} reviews overdue", len(overdue)))
    flag = gettext("{badge}: {risks}", badge=late_badge, risks=late) if overdue else gettext("no review overdue")
    return ngettext("{n} risk ({families}); {flag}.", "{n} risks ({families}); {flag}.", len(risks), families=families, flag=flag)


def _source(c: View, *also: str) -> str:
    return small([f"{c.handbook.data_name}/{name}" for name in ("risks.yml", *also)], None, c.origin)
