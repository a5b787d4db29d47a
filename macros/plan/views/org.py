"""Departments, their responsibilities and the procedures they own, as Markdown."""

from __future__ import annotations

from ...data.contracts.org import Raci
from ...render.badges import badge
from ...render.context import View
from ...render.links import ORG_PAGE, href, kpi_page, link, procedure_page
from ...render.provenance import small
from ...render.tables import markdown_table
from ..cadence import schedule


def departments_table(c: View) -> str:
    handbook, page, origin = c.handbook, c.page, c.origin
    rows = []
    for d in handbook.departments:
        kpis = [link(k.name.en, page, kpi_page(k.id)) for k in handbook.kpis if k.owner == d.id]
        rows.append([f"**{d.name.en}**<br>{d.name.zh}", d.lead, f"`{d.team}`", "<br>".join(kpis) or "—"])
    table = markdown_table(["Department", "Lead", "Review team", "KPIs owned"], rows)
    files = [f"{handbook.data_name}/org.yml", f"{handbook.data_name}/kpis.yml"]
    return f"{table}\n\n{small(files, None, origin)}"


def responsibilities(c: View) -> str:
    """A section per department listing what it is responsible for, with the source of each duty."""
    handbook = c.handbook
    parts = []
    for d in handbook.departments:
        items = "\n".join(f"- {r.text}" + (f" ({r.source})" if r.source else "") for r in d.responsibilities)
        basis = f"Named in {', '.join(d.sources)}." if d.sources else "Not named in the sources; assigned by this handbook."
        parts.append(f"### {d.name.en} · {d.name.zh} {{#{d.id}}}\n\n{basis} Lead: {d.lead}.\n\n{items}")
    return "\n\n".join(parts)


def raci_matrix(c: View) -> str:
    """Activities × departments; each cell a letter, so the matrix reads without colour."""
    handbook, page, origin = c.handbook, c.page, c.origin
    depts = handbook.departments
    headers = ["Activity", *(f"[{d.name.en}]({href(page, ORG_PAGE, d.id)})" for d in depts)]
    rows = []
    for a in handbook.raci:
        activity = link(a.activity, page, procedure_page(a.procedure)) if a.procedure else a.activity
        if a.source:
            activity += f" ({a.source})"
        rows.append([activity, *(_roles(a, d.id) for d in depts)])
    table = markdown_table(headers, rows, "l" + "c" * len(depts))
    # Nine departments side by side: their names are set upright in narrow columns (handbook.css .raci).
    return f'<div class="raci" markdown>\n\n{table}\n\n</div>\n\n{small([f"{handbook.data_name}/org.yml"], None, origin)}'


def _roles(activity: Raci, dept_id: str) -> str:
    letters = [letter for letter, ids in (("R", activity.R), ("A", [activity.A]), ("C", activity.C), ("I", activity.I)) if dept_id in ids]
    return "**" + "/".join(letters) + "**" if letters else ""


def cadence_calendar(c: View) -> str:
    """Each recurring activity: how often, when last done (with its record), when next due; overdue flagged."""
    handbook, today, page, origin = c.handbook, c.today, c.page, c.origin
    rows = []
    for due in schedule(handbook.cadences, handbook.activity_log, today):
        cad = due.cadence
        last = f"{due.last.entry.done} (`{due.last.entry.record}`)" if due.last else "never recorded"
        if due.overdue:
            state = badge("breached", "overdue")
        else:
            state = badge("met", "on schedule")
        what = link(cad.name.en, page, procedure_page(cad.procedure)) if cad.procedure else cad.name.en
        owner = link(handbook.department(cad.owner).name.en, page, ORG_PAGE, cad.owner)
        rows.append([state, what, cad.every, owner, last, str(due.next_due or "now"), ", ".join(cad.source)])
    table = markdown_table(["State", "Activity", "Every", "Owner", "Last done (record)", "Next due", "Source"], rows)
    files = [f"{handbook.data_name}/org.yml", f"{handbook.data_name}/activity_log.csv"]
    return f"{table}\n\n{small(files, today.isoformat(), origin)}"
