"""Procedures and controls: the index, one page per procedure, and the traceability matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...data.handbook import Handbook
from ...i18n.formats import period
from ...i18n.messages import N_, gettext, named, other_named
from ...kpis.views.figures import status_badge
from ...render.links import COMMITMENTS_PAGE, ORG_PAGE, RACI_PAGE, RISK_PAGE, kpi_page, link, procedure_page
from ...render.provenance import note, small
from ...render.tables import facts_table, markdown_table
from ...risks.scoring import band_for, score

if TYPE_CHECKING:
    from ...kpis.views import KpiView


def procedures_index(c: KpiView) -> str:
    handbook, page, origin = c.handbook, c.page, c.origin
    rows = []
    for p in handbook.procedures:
        rows.append(
            [
                link(named(p.name), page, procedure_page(p.id)),
                link(named(handbook.department(p.owner).name), page, ORG_PAGE, p.owner),
                named(p.summary),
                ", ".join(p.source),
            ]
        )
    table = markdown_table([gettext(h) for h in (N_("Procedure"), N_("Owner"), N_("What it does"), N_("Source"))], rows)
    return f"{table}\n\n{small([f'{handbook.data_name}/procedures.yml'], None, origin)}"


def procedure_detail(c: KpiView, proc_id: str) -> str:
    """Owner, trigger, steps, records, the KPIs it moves (with status) and the risks it controls."""
    handbook, page, origin = c.handbook, c.page, c.origin
    p = handbook.procedure(proc_id)
    owner = handbook.department(p.owner)
    data = handbook.data_name
    measured = sorted({f for k in p.kpis for f in handbook.files_of(k)})

    def sourced(table: str, *files: str) -> str:
        return f"{table}\n\n{small(list(files), None, origin)}"

    parts = [
        f"{other_named(p.name)} · {named(p.summary)}",
        facts_table(
            [
                [
                    gettext("Owner"),
                    link(
                        gettext(
                            "{department} ({other}), lead {lead}",
                            department=named(owner.name),
                            other=other_named(owner.name),
                            lead=named(owner.lead),
                        ),
                        page,
                        ORG_PAGE,
                        p.owner,
                    ),
                ],
                [gettext("Trigger"), named(p.trigger)],
                [gettext("Source"), "; ".join(f"{s} {named(handbook.source(s).title)}" for s in p.source)],
            ],
        ),  # fmt: skip
        f"{small([f'{data}/procedures.yml', f'{data}/org.yml', f'{data}/sources.yml'], None, origin)}",
        "## " + gettext("Steps") + "\n\n" + "\n".join(f"{n}. {named(step)}" for n, step in enumerate(p.steps, 1)),
        "## " + gettext("Records kept") + "\n\n" + "\n".join(f"- {named(r)}" for r in p.records),
    ]
    kpi_rows = []
    for kpi_id in p.kpis:
        s = c.facts[handbook.kpi(kpi_id).id].snapshot
        kpi_rows.append([link(named(s.kpi.name), page, kpi_page(kpi_id)), period(s.period) if s.period else "—", status_badge(s.status)])
    kpi_headers = [gettext("KPI"), gettext("Latest period"), gettext("Status")]
    kpi_table = sourced(markdown_table(kpi_headers, kpi_rows), f"{data}/kpis.yml", *measured)
    parts.append("## " + gettext("KPIs it moves") + "\n\n" + (kpi_table if kpi_rows else gettext("None.")))
    risk_rows = []
    for r in handbook.risks_controlled_by(p.id):
        band = band_for(score(r.residual), handbook.register.matrix)
        risk_rows.append([r.id, link(named(r.title), page, RISK_PAGE), f"{score(r.residual)} ({named(band.name)})", r.status])
    risk_headers = [gettext(h) for h in (N_("ID"), N_("Risk"), N_("Residual score"), N_("Status"))]
    table = sourced(markdown_table(risk_headers, risk_rows), f"{data}/risks.yml") if risk_rows else gettext("None.")
    parts.append("## " + gettext("Risks it controls") + "\n\n" + table)
    roles = [a for a in handbook.raci if a.procedure == p.id]
    if roles:
        lines = [
            "- " + gettext("**{activity}**: accountable {accountable}; responsible {responsible}", activity=named(a.activity),
                           accountable=named(handbook.department(a.A).name), responsible=_names(handbook, a.R))
            for a in roles
        ]  # fmt: skip
        matrix = gettext("RACI matrix")  # Babel does not see a message asked for inside another's arguments
        see = gettext("See the {matrix}.", matrix=link(matrix, page, RACI_PAGE))
        parts.append("## " + gettext("Who does what") + "\n\n" + "\n".join(lines) + f"\n\n{see}")
    commitments = [c for c in handbook.commitments if p.id in c.procedures]
    if commitments:
        items = "\n".join(f"- {link(named(c.name), page, COMMITMENTS_PAGE, c.id)}" for c in commitments)
        parts.append("## " + gettext("Commitments it keeps") + "\n\n" + items)
    return "\n\n".join(parts)


def _names(handbook: Handbook, dept_ids: list[str]) -> str:
    return ", ".join(named(handbook.department(d).name) for d in dept_ids)


def traceability(c: KpiView) -> str:
    """KPI ↔ procedure ↔ risk ↔ owner, one row per KPI, so a gap shows as an empty cell."""
    handbook, page, origin = c.handbook, c.page, c.origin
    rows = []
    for k in handbook.kpis:
        procs = handbook.procedures_moving(k.id)
        risks = sorted({r.id for p in procs for r in handbook.risks_controlled_by(p.id)})
        rows.append(
            [
                link(named(k.name), page, kpi_page(k.id)),
                link(named(handbook.department(k.owner).name), page, ORG_PAGE, k.owner),
                "<br>".join(link(named(p.name), page, procedure_page(p.id)) for p in procs),
                ", ".join(risks) or "—",
            ]
        )
    by_kpi = markdown_table(
        [gettext(h) for h in (N_("KPI"), N_("Owner"), N_("Procedures that move it"), N_("Risks those procedures control"))], rows
    )
    rows = []
    for r in handbook.register.risks:
        rows.append(
            [
                r.id,
                link(named(r.title), page, RISK_PAGE),
                link(named(handbook.department(r.owner).name), page, ORG_PAGE, r.owner),
                "<br>".join(link(named(handbook.procedure(p).name), page, procedure_page(p)) for p in r.controls),
            ]
        )
    by_risk = markdown_table([gettext(h) for h in (N_("Risk"), N_("Title"), N_("Owner"), N_("Controls"))], rows)
    source = note([f"{handbook.data_name}/{f}" for f in ("kpis.yml", "procedures.yml", "risks.yml")], None, origin)
    by_kpi_heading, by_risk_heading = gettext("By KPI"), gettext("By risk")
    return f"### {by_kpi_heading}\n\n{by_kpi}\n\n<small>{source}</small>\n\n### {by_risk_heading}\n\n{by_risk}\n\n<small>{source}</small>"
