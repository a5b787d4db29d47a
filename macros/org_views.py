"""Departments, their responsibilities and the procedures they own, as Markdown."""

from __future__ import annotations

from .handbook import Handbook
from .links import KPI_PAGE, ORG_PAGE, RISK_PAGE, link
from .tables import markdown_table


def departments_table(handbook: Handbook, page: str) -> str:
    rows = []
    for d in handbook.departments:
        kpis = [link(k.name.en, page, KPI_PAGE, k.id) for k in handbook.kpis if k.owner == d.id]
        rows.append([f"**{d.name.en}**<br>{d.name.zh}", d.lead, f"`{d.team}`", "<br>".join(kpis) or "—"])
    return markdown_table(["Department", "Lead", "Review team", "KPIs owned"], rows)


def responsibilities(handbook: Handbook) -> str:
    """A section per department listing what it is responsible for, with the source of each duty."""
    parts = []
    for d in handbook.departments:
        items = "\n".join(f"- {r.text}" + (f" ({r.source})" if r.source else "") for r in d.responsibilities)
        basis = f"Named in {', '.join(d.sources)}." if d.sources else "Not named in the sources; assigned by this handbook."
        parts.append(f"### {d.name.en} · {d.name.zh} {{#{d.id}}}\n\n{basis} Lead: {d.lead}.\n\n{items}")
    return "\n\n".join(parts)


def procedures_list(handbook: Handbook, page: str) -> str:
    """A section per procedure: owner, sources, the KPIs it moves and the risks it controls."""
    parts = []
    for p in handbook.procedures:
        owner = handbook.department(p.owner)
        kpis = ", ".join(link(handbook.kpi(k).name.en, page, KPI_PAGE, k) for k in p.kpis) or "—"
        risks = ", ".join(link(f"{r.id} {r.title}", page, RISK_PAGE) for r in handbook.register.risks if p.id in r.controls)
        facts = markdown_table(
            ["", ""],
            [
                ["Owner", link(owner.name.en, page, ORG_PAGE, p.owner)],
                ["Sources", ", ".join(p.source)],
                ["KPIs it moves", kpis],
                ["Risks it controls", risks or "—"],
            ],
        )
        parts.append(f"### {p.name.en} {{#{p.id}}}\n\n{p.name.zh}. {p.summary}\n\n{facts}")
    return "\n\n".join(parts)
