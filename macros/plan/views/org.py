"""Departments, their responsibilities and the procedures they own, as Markdown."""

from __future__ import annotations

from ...data.contracts.org import Raci
from ...i18n.formats import day
from ...i18n.messages import N_, gettext, named, other_named
from ...render.badges import badge
from ...render.context import View
from ...render.links import ORG_PAGE, href, kpi_page, link, procedure_page
from ...render.provenance import small
from ...render.tables import markdown_table
from ..cadence import EVERY, schedule
from .plan import both


def departments_table(c: View) -> str:
    handbook, page, origin = c.handbook, c.page, c.origin
    rows = []
    for d in handbook.departments:
        kpis = [link(named(k.name), page, kpi_page(k.id)) for k in handbook.kpis if k.owner == d.id]
        rows.append([both(d.name), named(d.lead), f"`{d.team}`", "<br>".join(kpis) or "—"])
    table = markdown_table([gettext(h) for h in (N_("Department"), N_("Lead"), N_("Review team"), N_("KPIs owned"))], rows)
    files = [f"{handbook.data_name}/org.yml", f"{handbook.data_name}/kpis.yml"]
    return f"{table}\n\n{small(files, None, origin)}"


def responsibilities(c: View) -> str:
    """A section per department listing what it is responsible for, with the source of each duty."""
    handbook = c.handbook
    parts = []
    for d in handbook.departments:
        items = "\n".join(f"- {named(r.text)}" + (f" ({r.source})" if r.source else "") for r in d.responsibilities)
        basis = (
            gettext("Named in {sources}.", sources=", ".join(d.sources))
            if d.sources
            else gettext("Not named in the sources; assigned by this handbook.")
        )
        lead = gettext("Lead: {lead}.", lead=named(d.lead))
        parts.append(f"### {named(d.name)} · {other_named(d.name)} {{#{d.id}}}\n\n{basis} {lead}\n\n{items}")
    return "\n\n".join(parts)


def raci_matrix(c: View) -> str:
    """Activities × departments; each cell a letter, so the matrix reads without colour."""
    handbook, page, origin = c.handbook, c.page, c.origin
    depts = handbook.departments
    headers = [gettext("Activity"), *(f"[{named(d.name)}]({href(page, ORG_PAGE, d.id)})" for d in depts)]
    rows = []
    for a in handbook.raci:
        activity = link(named(a.activity), page, procedure_page(a.procedure)) if a.procedure else named(a.activity)
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
        last = f"{day(due.last.entry.done)} (`{due.last.entry.record}`)" if due.last else gettext("never recorded")
        if due.overdue:
            state = badge("breached", gettext("overdue"))
        else:
            state = badge("met", gettext("on schedule"))
        what = link(named(cad.name), page, procedure_page(cad.procedure)) if cad.procedure else named(cad.name)
        owner = link(named(handbook.department(cad.owner).name), page, ORG_PAGE, cad.owner)
        due_next = day(due.next_due) if due.next_due else gettext("now")
        rows.append([state, what, gettext(EVERY[cad.every]), owner, last, due_next, ", ".join(cad.source)])
    headers = (N_("State"), N_("Activity"), N_("Every"), N_("Owner"), N_("Last done (record)"), N_("Next due"), N_("Source"))
    table = markdown_table([gettext(h) for h in headers], rows)
    files = [f"{handbook.data_name}/org.yml", f"{handbook.data_name}/activity_log.csv"]
    return f"{table}\n\n{small(files, today.isoformat(), origin)}"
