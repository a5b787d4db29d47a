"""The risk register, its bands and 5×5 heat maps as Markdown and HTML."""

from __future__ import annotations

from datetime import date
from html import escape

from ...data.contracts.risks import FAMILIES, Position, Risk
from ...data.handbook import Handbook
from ...render.badges import badge
from ...render.context import View
from ...render.links import ORG_PAGE, RISK_PAGE, href, link, procedure_page
from ...render.provenance import small
from ...render.table_csv import MARK
from ...render.tables import markdown_table
from ..scoring import band_for, review_overdue, score


def _rating(handbook: Handbook, position: Position) -> str:
    value = score(position)
    band = band_for(value, handbook.register.matrix)
    return f'{position.likelihood}×{position.impact} = {value} <span class="band band-{band.id}">{band.name}</span>'


def _review(risk: Risk, today: date) -> str:
    if review_overdue(risk, today):
        return f"{risk.next_review} {badge('breached', 'overdue')}"
    return str(risk.next_review)


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
            f"**{r.title}**<br><small>{r.family} · cause: {r.cause}; consequence: {r.consequence}</small>",
            r.status,
            _review(r, c.today),
            r.treatment,
            link(handbook.department(r.owner).name.en, page, ORG_PAGE, r.owner),
            _rating(handbook, r.inherent),
            ", ".join(link(handbook.procedure(p).name.en, page, procedure_page(p)) for p in r.controls),
        ]
        for r in risks
    ]
    headers = ["Residual", "ID", "Risk", "Status", "Next review", "Treatment", "Owner", "Inherent", "Controls"]
    return f"{markdown_table(headers, rows)}\n\n{_source(c, 'procedures.yml', 'org.yml')}"


def bands_table(c: View) -> str:
    rows = [[f'<span class="band band-{b.id}">{b.name}</span>', f"{b.min}–{b.max}", b.action] for b in c.handbook.register.matrix.bands]
    return f"{markdown_table(['Band', 'Scores', 'What it asks'], rows)}\n\n{_source(c)}"


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
    head = "".join(f'<th scope="col">{i}<br><small>{escape(matrix.impact[i])}</small></th>' for i in range(1, 6))
    body = []
    for lk in range(5, 0, -1):
        row = [f'<th scope="row">{lk} <small>{escape(matrix.likelihood[lk])}</small></th>']
        for im in range(1, 6):
            band = band_for(lk * im, matrix)
            risks = cells.get((lk, im), [])
            # The band is written in the cell, not only coloured: colour never carries status alone.
            content = f'<strong>{len(risks)}</strong><span class="risk-ids">{_risk_links(c.page, risks)}</span>' if risks else ""
            row.append(
                f'<td class="band-{band.id}" style="background:{band.colour}" title="score {lk * im}, {escape(band.name)}" '
                f'markdown="span">{content}<small>{band.name}</small></td>'
            )
        body.append('<tr markdown="1">' + "".join(row) + "</tr>")
    total = sum(len(v) for v in cells.values())
    # markdown="1" down to each cell, so the links in it are Markdown that MkDocs resolves and checks from any page.
    return (
        f'{MARK}\n<div class="scroll-x" markdown="1"><table class="heat-map" aria-label="{which} risk heat map" markdown="1">'
        f"<caption>{which.capitalize()} risk: {total} risks by likelihood (rows) and impact (columns)</caption>"
        f'<thead><tr><th scope="col">Likelihood \\ Impact</th>{head}</tr></thead>'
        f'<tbody markdown="1">{"".join(body)}</tbody></table></div>\n\n{_source(c)}'
    )


def _risk_links(page: str, risks: list[Risk]) -> str:
    """Each risk's id as a link to its row in the full register, its title as the link's title."""
    return " ".join(f'[{r.id}]({href(page, RISK_PAGE, r.id.lower())} "{r.title.replace(chr(34), "&quot;")}")' for r in risks)


def review_summary(c: View) -> str:
    """How many risks there are per family, and which reviews are overdue."""
    risks = c.handbook.register.risks
    families = ", ".join(f"{sum(r.family == f for r in risks)} {f}" for f in FAMILIES)
    overdue = [r for r in risks if review_overdue(r, c.today)]
    late = ", ".join(link(r.id, c.page, RISK_PAGE, r.id.lower()) for r in overdue)
    flag = f"{badge('breached', f'{len(overdue)} reviews overdue')}: {late}" if overdue else "no review overdue"
    return f"{len(risks)} risks ({families}); {flag}."


def _source(c: View, *also: str) -> str:
    return small([f"{c.handbook.data_name}/{name}" for name in ("risks.yml", *also)], None, c.origin)
