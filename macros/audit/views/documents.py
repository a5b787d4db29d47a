"""Document control on the page: each page's identity block, its revision history, the register and the change log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ...render.badges import badge
from ...render.links import ORG_PAGE, link
from ...render.tables import markdown_table
from ..document_control import Document, is_review_overdue, next_review
from ..revision_history import Commit, History, Version

if TYPE_CHECKING:
    from ...data.handbook import Handbook
    from . import AuditView

STATUS_WORDS = {
    "approved": badge("met", "approved", "✓"),
    "draft": badge("at-risk", "draft", "✎"),
    "obsolete": badge("breached", "obsolete", "⊘"),
}
HISTORY_ROWS = 20  # per page; the change log has them all
LISTED_FILES = 4  # data files named per commit in the change log


def identity_block(doc: Document, handbook: Handbook, today: date, page: str, documents: list[Document]) -> str:
    """The controlled-document line under the page title, with a notice when the page is not in force."""
    c = doc.control
    owner = link(handbook.department(c.owner).name.en, page, ORG_PAGE, c.owner)
    approver = link(handbook.department(c.approver).name.en, page, ORG_PAGE, c.approver)
    facts = [
        f"**{c.document_id}**",
        f"version {c.version}",
        STATUS_WORDS[c.status],
        f"owner {owner}",
        f"approved by {approver}",
        f"effective {c.effective.isoformat()}",
        f"next review {next_review(c).isoformat()}",
    ]
    block = f'<div class="doc-control" markdown>\n{" · ".join(facts)}\n</div>'
    notices = []
    if c.status == "obsolete":
        successor = next(d for d in documents if d.control.document_id == c.superseded_by)
        target = link(f"{successor.control.document_id} {successor.control.title}", page, successor.path)
        notices.append(f'!!! danger "Obsolete: do not use"\n    This document is kept for the record only. It was replaced by {target}.')
    elif c.status == "draft":
        notices.append('!!! note "Draft"\n    This document has not been approved yet; it is not in force.')
    if is_review_overdue(c, today):
        notices.append(
            f'!!! warning "Review overdue"\n    This document was due for review on {next_review(c).isoformat()} '
            f"(every {c.review_every}). Until it is reviewed, check its content with the owner."
        )
    return "\n\n".join([block, *notices])


def part_block(parent: Document, page: str) -> str:
    """The identity line of a page generated from data: it is controlled as part of its section's document."""
    c = parent.control
    target = link(f"{c.document_id} {c.title}", page, parent.path)
    facts = f"Part of {target}, version {c.version} · {STATUS_WORDS[c.status]} · generated from data at build time"
    return f'<div class="doc-control" markdown>\n{facts}\n</div>'


def history_section(commits: list[Commit], history: History, uncommitted: bool, doc: Document | None = None) -> str:
    """The page's revision history, newest first: a controlled page's versions with their change notes, a page
    generated from data the commits of its files; or a note saying why it cannot be shown."""
    lines = ["## Revision history { #revision-history }", ""]
    if history.gap:
        lines += [f'!!! info "History {"incomplete" if history.state == "shallow" else "not available"}"\n    {history.gap}', ""]
    if uncommitted:
        lines += ["*This build includes changes to this page that are not committed yet.*", ""]
    if doc is not None and history.state != "none":
        lines.append(_versions_table(doc, history.versions_of(f"docs/{doc.path}")))
    elif commits:
        rows = [[c.date, c.author, f"`{c.short}`", c.subject] for c in commits[:HISTORY_ROWS]]
        lines.append(markdown_table(["Date", "Author", "Commit", "Change"], rows))
        if len(commits) > HISTORY_ROWS:
            lines += ["", f"Older changes: {len(commits) - HISTORY_ROWS} more commit(s) in the site change log."]
    elif history.state != "none":
        lines.append("No commit has changed this page yet.")
    return "\n".join(lines)


def _versions_table(doc: Document, versions: tuple[Version, ...]) -> str:
    """Each version of the page: when, by whom, and the change note written with it."""
    rows = []
    if not versions or versions[0].version != doc.control.version:
        rows.append([doc.control.version, "not committed yet", "—", doc.control.change_note or "—", "—"])
    for n, v in enumerate(versions[:HISTORY_ROWS]):
        rows.append([v.version, v.date, v.author, _note(v, first=n == len(versions) - 1), f"`{v.short}`"])
    return markdown_table(["Version", "Date", "Author", "Change note", "Commit"], rows)


def _note(v: Version, first: bool) -> str:
    if v.note:
        return v.note
    return "First version" if first else f"*no change note* (commit: {v.subject})"


def register(c: AuditView) -> str:
    """The master list of controlled documents: identity, version, status, owner, approval and review dates."""
    documents, handbook, today, page, history = c.documents, c.handbook, c.today, c.page, c.history
    rows = []
    for d in sorted(documents, key=lambda d: d.control.document_id):
        c = d.control
        due = next_review(c).isoformat()
        review = f"**{due} — overdue**" if is_review_overdue(c, today) else due
        changed = history.of(f"docs/{d.path}")
        rows.append([
            c.document_id, link(c.title, page, d.path), review, STATUS_WORDS[c.status], c.version,
            c.effective.isoformat(), changed[0].date if changed else "—",
            handbook.department(c.owner).name.en, handbook.department(c.approver).name.en,
        ])  # fmt: skip
    headers = ["ID", "Title", "Next review", "Status", "Version", "Effective", "Last changed", "Owner", "Approver"]
    return markdown_table(headers, rows)


def change_log(c: AuditView) -> str:
    """Every commit that changed a page or a data file, newest first, with what it touched."""
    history, page, documents = c.history, c.page, c.documents
    if not history.commits:
        return history.gap or "No commit has changed the handbook yet."
    by_path = {f"docs/{d.path}": d for d in documents}
    set_in = {(path, v.short): v for path, versions in history.versions.items() for v in versions}
    rows = []
    for c in history.commits:
        pages = [link(by_path[f].control.document_id, page, by_path[f].path) for f in c.files if f in by_path]
        data = [f"`{f}`" for f in c.files if f.startswith("data/")]
        if len(data) > LISTED_FILES:
            data = [*data[:LISTED_FILES], f"and {len(data) - LISTED_FILES} more"]
        notes = [f"{by_path[f].control.document_id} {v.version}: {v.note}" for f in c.files
                 if f in by_path and (v := set_in.get((f, c.short))) and v.note]  # fmt: skip
        rows.append([c.date, c.author, f"`{c.short}`", "; ".join(notes) or c.subject, ", ".join(pages) or "—", ", ".join(data) or "—"])
    table = markdown_table(["Date", "Author", "Commit", "Change", "Documents", "Data files"], rows)
    return f"{history.gap}\n\n{table}" if history.gap else table


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
