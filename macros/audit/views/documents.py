"""Document control on the page: each page's identity block, its revision history, the register and the change log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ...i18n.editions import page_path
from ...i18n.formats import day
from ...i18n.messages import N_, gettext, named
from ...render.badges import badge
from ...render.links import ORG_PAGE, link
from ...render.tables import markdown_table
from ..changes import STATUSES
from ..document_control import Document, is_review_overdue, next_review, review_every
from ..revision_history import Commit, History, Version

if TYPE_CHECKING:
    from ...data.handbook import Handbook
    from . import AuditView

# A document's status badge: its tone and icon (its words are the status's, in STATUSES).
STATUS_BADGES = {"approved": ("met", "✓"), "draft": ("at-risk", "✎"), "obsolete": ("breached", "⊘")}
HISTORY_ROWS = 20  # per page; the change log has them all
LISTED_FILES = 4  # data files named per commit in the change log


def status_badge(status: str) -> str:
    tone, icon = STATUS_BADGES[status]
    return badge(tone, gettext(STATUSES[status]), icon)


def identity_block(doc: Document, handbook: Handbook, today: date, page: str, documents: list[Document]) -> str:
    """The controlled-document line under the page title, with a notice when the page is not in force."""
    c = doc.control
    owner = link(named(handbook.department(c.owner).name), page, ORG_PAGE, c.owner)
    approver = link(named(handbook.department(c.approver).name), page, ORG_PAGE, c.approver)
    facts = [
        f"**{c.document_id}**",
        gettext("version {version}", version=c.version),
        status_badge(c.status),
        gettext("owner {owner}", owner=owner),
        gettext("approved by {approver}", approver=approver),
        gettext("effective {day}", day=day(c.effective)),
        gettext("next review {day}", day=day(next_review(c))),
    ]
    block = f'<div class="doc-control" markdown>\n{" · ".join(facts)}\n</div>'
    notices = []
    if c.status == "obsolete":
        successor = next(d for d in documents if d.control.document_id == c.superseded_by)
        target = link(f"{successor.control.document_id} {successor.control.title}", page, successor.path)
        text = gettext("This document is kept for the record only. It was replaced by {successor}.", successor=target)
        title = gettext("Obsolete: do not use")
        notices.append(f'!!! danger "{title}"\n    {text}')
    elif c.status == "draft":
        title, text = gettext("Draft"), gettext("This document has not been approved yet; it is not in force.")
        notices.append(f'!!! note "{title}"\n    {text}')
    if is_review_overdue(c, today):
        text = gettext(
            "This document was due for review on {day} (every {every}). Until it is reviewed, check its content with the owner.",
            day=day(next_review(c)),
            every=review_every(c.review_every),
        )
        title = gettext("Review overdue")
        notices.append(f'!!! warning "{title}"\n    {text}')
    return "\n\n".join([block, *notices])


def part_block(parent: Document, page: str) -> str:
    """The identity line of a page generated from data: it is controlled as part of its section's document."""
    c = parent.control
    target = link(f"{c.document_id} {c.title}", page, parent.path)
    part = gettext("Part of {document}, version {version}", document=target, version=c.version)
    generated = gettext("generated from data at build time")
    facts = f"{part} · {status_badge(c.status)} · {generated}"
    return f'<div class="doc-control" markdown>\n{facts}\n</div>'


def history_section(commits: list[Commit], history: History, uncommitted: bool, doc: Document | None = None) -> str:
    """The page's revision history, newest first: a controlled page's versions with their change notes, a page
    generated from data the commits of its files; or a note saying why it cannot be shown."""
    lines = ["## " + gettext("Revision history") + " { #revision-history }", ""]
    if history.gap:
        title = gettext("History incomplete") if history.state == "shallow" else gettext("History not available")
        lines += [f'!!! info "{title}"\n    {history.gap}', ""]
    if uncommitted:
        lines += ["*" + gettext("This build includes changes to this page that are not committed yet.") + "*", ""]
    if doc is not None and history.state != "none":
        lines.append(_versions_table(doc, history.versions_of(f"docs/{doc.path}", f"docs/{doc.file}")))
    elif commits:
        rows = [[_day(c.date), c.author, f"`{c.short}`", c.subject] for c in commits[:HISTORY_ROWS]]
        lines.append(markdown_table([gettext(h) for h in (N_("Date"), N_("Author"), N_("Commit"), N_("Change"))], rows))
        if len(commits) > HISTORY_ROWS:
            lines += ["", gettext("Older changes: {more} more commit(s) in the site change log.", more=len(commits) - HISTORY_ROWS)]
    elif history.state != "none":
        lines.append(gettext("No commit has changed this page yet."))
    return "\n".join(lines)


def _versions_table(doc: Document, versions: tuple[Version, ...]) -> str:
    """Each version of the page: when, by whom, and the change note written with it."""
    rows = []
    if not versions or versions[0].version != doc.control.version:
        rows.append([doc.control.version, gettext("not committed yet"), "—", doc.control.change_note or "—", "—"])
    for n, v in enumerate(versions[:HISTORY_ROWS]):
        rows.append([v.version, _day(v.date), v.author, _note(v, first=n == len(versions) - 1), f"`{v.short}`"])
    return markdown_table([gettext(h) for h in (N_("Version"), N_("Date"), N_("Author"), N_("Change note"), N_("Commit"))], rows)


def _day(iso: str) -> str:
    """A commit's day (git gives it as YYYY-MM-DD) as the reader writes dates."""
    return day(date.fromisoformat(iso))


def _note(v: Version, first: bool) -> str:
    if v.note:
        return v.note
    return gettext("First version") if first else gettext("*no change note* (commit: {subject})", subject=v.subject)


def register(c: AuditView) -> str:
    """The master list of controlled documents: identity, version, status, owner, approval and review dates."""
    documents, handbook, today, page, history = c.documents, c.handbook, c.today, c.page, c.history
    rows = []
    for d in sorted(documents, key=lambda d: d.control.document_id):
        c = d.control
        due = day(next_review(c))
        review = "**" + gettext("{day} — overdue", day=due) + "**" if is_review_overdue(c, today) else due
        changed = history.of(f"docs/{d.path}")
        rows.append([
            c.document_id, link(c.title, page, d.path), review, status_badge(c.status), c.version,
            day(c.effective), _day(changed[0].date) if changed else "—",
            named(handbook.department(c.owner).name), named(handbook.department(c.approver).name),
        ])  # fmt: skip
    headers = (N_("ID"), N_("Title"), N_("Next review"), N_("Status"), N_("Version"), N_("Effective"), N_("Last changed"), N_("Owner"),
               N_("Approver"))  # fmt: skip
    return markdown_table([gettext(h) for h in headers], rows)


def change_log(c: AuditView) -> str:
    """Every commit that changed a page or a data file, newest first, with what it touched."""
    history, page, documents = c.history, c.page, c.documents
    if not history.commits:
        return history.gap or gettext("No commit has changed the handbook yet.")
    by_path = {f"docs/{d.path}": d for d in documents}
    set_in = {(path, v.short): v for path, versions in history.versions.items() for v in versions}
    rows = []
    for c in history.commits:
        # Each page once, whichever of its languages' files the commit changed.
        touched = {page_path(f): by_path[page_path(f)] for f in c.files if page_path(f) in by_path}
        pages = [link(d.control.document_id, page, d.path) for d in touched.values()]
        data = [f"`{f}`" for f in c.files if f.startswith("data/")]
        if len(data) > LISTED_FILES:
            data = [*data[:LISTED_FILES], gettext("and {more} more", more=len(data) - LISTED_FILES)]
        notes = [f"{d.control.document_id} {v.version}: {v.note}" for d in touched.values()
                 if (v := set_in.get((f"docs/{d.file}", c.short)) or _set_in_any(set_in, c, d)) and v.note]  # fmt: skip
        rows.append([_day(c.date), c.author, f"`{c.short}`", "; ".join(notes) or c.subject, ", ".join(pages) or "—",
                     ", ".join(data) or "—"])  # fmt: skip
    headers = (N_("Date"), N_("Author"), N_("Commit"), N_("Change"), N_("Documents"), N_("Data files"))
    table = markdown_table([gettext(h) for h in headers], rows)
    return f"{history.gap}\n\n{table}" if history.gap else table


def _set_in_any(set_in: dict[tuple[str, str], Version], commit: Commit, doc: Document) -> Version | None:
    """The version a commit set in any language's file of a page (the edition's own file has none in it)."""
    files = (f for f in commit.files if page_path(f) == f"docs/{doc.path}" and (f, commit.short) in set_in)
    return next((set_in[(f, commit.short)] for f in files), None)


def frame_parts(
    src: str, documents: list[Document], part_of: tuple[str, tuple[str, ...]] | None, handbook: Handbook, today: date, history: History
) -> tuple[str, str, bool] | None:
    """A page's identity block, its revision history section and whether it is obsolete; None for an uncontrolled page.

    `part_of` is, for a page generated from data, its section's index page and the files its content comes from.
    """
    by_path = {d.path: d for d in documents}
    if src in by_path:
        doc = by_path[src]
        block, files = identity_block(doc, handbook, today, src, documents), [f"docs/{src}"]
    elif part_of is not None and part_of[0] in by_path:
        doc = by_path[part_of[0]]
        block, files = part_block(doc, src), list(part_of[1])
    else:
        return None
    controlled = doc if src in by_path else None
    section = history_section(history.of(*files), history, history.is_dirty(*files), controlled)
    return block, section, src in by_path and doc.control.status == "obsolete"


def with_control(markdown: str, block: str, history: str) -> str:
    """The page with the identity block right under its first heading and the revision history at the end."""
    lines = markdown.split("\n")
    fenced = False
    for n, line in enumerate(lines):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("# "):
            return "\n".join([*lines[: n + 1], "", block, "", *lines[n + 1 :], "", history, ""])
    return "\n".join([block, "", markdown, "", history, ""])
