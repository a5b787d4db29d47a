"""Procedures and controls: the index, one page per procedure, and the traceability matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...data.handbook import Handbook
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
                link(p.name.en, page, procedure_page(p.id)),
                link(handbook.department(p.owner).name.en, page, ORG_PAGE, p.owner),
                p.summary,
                ", ".join(p.source),
            ]
        )
    table = markdown_table(["Procedure", "Owner", "What it does", "Source"], rows)
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
        f"{p.name.zh} · {p.summary}",
        facts_table(
            [
                ["Owner", link(f"{owner.name.en} ({owner.name.zh}), lead {owner.lead}", page, ORG_PAGE, p.owner)],
                ["Trigger", p.trigger],
                ["Source", "; ".join(f"{s} {handbook.source(s).title.en}" for s in p.source)],
            ],
        ),
        f"{small([f'{data}/procedures.yml', f'{data}/org.yml', f'{data}/sources.yml'], None, origin)}",
        "## Steps\n\n" + "\n".join(f"{n}. {step}" for n, step in enumerate(p.steps, 1)),
        "## Records kept\n\n" + "\n".join(f"- {r}" for r in p.records),
    ]
    kpi_rows = []
    for kpi_id in p.kpis:
        s = c.facts[handbook.kpi(kpi_id).id].snapshot
        kpi_rows.append([link(s.kpi.name.en, page, kpi_page(kpi_id)), s.period or "—", status_badge(s.status)])
    kpi_table = sourced(markdown_table(["KPI", "Latest period", "Status"], kpi_rows), f"{data}/kpis.yml", *measured)
    parts.append("## KPIs it moves\n\n" + (kpi_table if kpi_rows else "None."))
    risk_rows = []
    for r in handbook.risks_controlled_by(p.id):
        band = band_for(score(r.residual), handbook.register.matrix)
        risk_rows.append([r.id, link(r.title, page, RISK_PAGE), f"{score(r.residual)} ({band.name})", r.status])
    table = sourced(markdown_table(["ID", "Risk", "Residual score", "Status"], risk_rows), f"{data}/risks.yml") if risk_rows else "None."
    parts.append("## Risks it controls\n\n" + table)
    roles = [a for a in handbook.raci if a.procedure == p.id]
    if roles:
        lines = [f"- **{a.activity}**: accountable {handbook.department(a.A).name.en}; responsible {_names(handbook, a.R)}" for a in roles]
        parts.append("## Who does what\n\n" + "\n".join(lines) + "\n\nSee the " + link("RACI matrix", page, RACI_PAGE) + ".")
    commitments = [c for c in handbook.commitments if p.id in c.procedures]
    if commitments:
        items = "\n".join(f"- {link(c.name.en, page, COMMITMENTS_PAGE, c.id)}" for c in commitments)
        parts.append("## Commitments it keeps\n\n" + items)
    return "\n\n".join(parts)


def _names(handbook: Handbook, dept_ids: list[str]) -> str:
    return ", ".join(handbook.department(d).name.en for d in dept_ids)


def traceability(c: KpiView) -> str:
    """KPI ↔ procedure ↔ risk ↔ owner, one row per KPI, so a gap shows as an empty cell."""
    handbook, page, origin = c.handbook, c.page, c.origin
    rows = []
    for k in handbook.kpis:
        procs = handbook.procedures_moving(k.id)
        risks = sorted({r.id for p in procs for r in handbook.risks_controlled_by(p.id)})
        rows.append(
            [
                link(k.name.en, page, kpi_page(k.id)),
                link(handbook.department(k.owner).name.en, page, ORG_PAGE, k.owner),
                "<br>".join(link(p.name.en, page, procedure_page(p.id)) for p in procs),
                ", ".join(risks) or "—",
            ]
        )
    by_kpi = markdown_table(["KPI", "Owner", "Procedures that move it", "Risks those procedures control"], rows)
    rows = []
    for r in handbook.register.risks:
        rows.append(
            [
                r.id,
                link(r.title, page, RISK_PAGE),
                link(handbook.department(r.owner).name.en, page, ORG_PAGE, r.owner),
                "<br>".join(link(handbook.procedure(p).name.en, page, procedure_page(p)) for p in r.controls),
            ]
        )
    by_risk = markdown_table(["Risk", "Title", "Owner", "Controls"], rows)
    source = note([f"{handbook.data_name}/{f}" for f in ("kpis.yml", "procedures.yml", "risks.yml")], None, origin)
    return f"### By KPI\n\n{by_kpi}\n\n<small>{source}</small>\n\n### By risk\n\n{by_risk}\n\n<small>{source}</small>"
