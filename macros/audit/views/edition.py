"""The "About this edition" page: the build manifest, the editions and what changed since the previous one."""

from __future__ import annotations

import posixpath
from html import escape
from typing import TYPE_CHECKING, Any

from ...render.links import link, report_page
from ...render.tables import facts_table, markdown_table
from ..changes import at_ref, changes_markdown, compare, in_tree
from ..editions import in_force_on, previous
from ..manifest import PDF_KEY, STAMP_KEY

if TYPE_CHECKING:
    from . import AuditView


def edition_facts(manifest: dict[str, Any]) -> str:
    """Which edition, commit and data this build is; the build time is its one declared stamp."""
    commit = manifest["commit"]
    state = {True: " (with uncommitted changes: not a publishable edition)", False: "", None: ""}[commit["uncommitted_changes"]]
    edition = manifest["edition"] or "none: a build of the working copy between editions"
    rows = [
        ["Edition", edition],
        ["Commit", f"`{commit['full'] or commit['short']}`{state}"],
        ["Data commit", f"`{manifest['data_commit']}`"],
        ["Statuses judged on", manifest["judged_on"]],
        ["Built at (UTC)", f'<span class="build-stamp" data-search-exclude>{manifest[STAMP_KEY]}</span>'],
    ]
    return facts_table(rows)


def pdf_pack(manifest: dict[str, Any], page_url: str) -> str:
    """A link to the PDF audit pack published beside this build, or, when none is, how to make one."""
    pdf = manifest.get(PDF_KEY)
    if not pdf:
        text = (
            "This build publishes no PDF audit pack. `make pdf` makes one from the built site, in `site-pdf/handbook.pdf`; "
            "the workflows publish it with main and with each edition, at the root of the site."
        )
    else:
        # Raw HTML: MkDocs checks Markdown links against docs/, and the PDF is added to the site after the build.
        target = posixpath.relpath(pdf, posixpath.dirname(page_url) or ".")
        text = (
            f'<a href="{escape(target)}" type="application/pdf">The whole handbook as one PDF ({escape(pdf)})</a>: '
            "a title page with the document id, version, status, approver and effective date, a table of contents, "
            "then every page in the order of the navigation, made from this build."
        )
    return f'<span class="pdf-pack">{text}</span>'  # the PDF leaves it out: its reader holds the pack


def tools_table(c: AuditView) -> str:
    return markdown_table(["Tool", "Version"], [[name, version] for name, version in c.manifest["tools"].items()])


def data_files_table(c: AuditView) -> str:
    rows = [[f"`{f['path']}`", f"`{f['sha256']}`", "—" if f["rows"] is None else f["rows"]] for f in c.manifest["data_files"]]
    return markdown_table(["File", "SHA-256", "Rows"], rows, align="llr")


def editions_table(c: AuditView) -> str:
    """Each edition with the span it was in force, newest first."""
    editions = c.editions
    if not editions:
        return "No edition has been published yet. `make edition EDITION=YYYY-Qn` publishes one."
    current = in_force_on(editions, c.today)
    rows = []
    for n, e in enumerate(editions):
        until = editions[n + 1].published.isoformat() if n + 1 < len(editions) else "—"
        label = f"**{e.name}** (in force)" if e == current else e.name
        rows.append([label, e.published.isoformat(), until, f"`{e.commit}`", f"`{e.tag}`"])
    return markdown_table(["Edition", "In force from", "Replaced on", "Commit", "Tag"], list(reversed(rows)))


def changes_since(c: AuditView) -> str:
    """What changed since the edition before the one being built (or since the latest, between editions)."""
    base = previous(c.editions, c.edition)
    if base is None:
        return "There is no earlier edition to compare with."
    root = c.handbook.root
    changes = compare(at_ref(root, base.tag), in_tree(root))
    intro = f"Compared with edition **{base.name}** (published {base.published.isoformat()}, commit `{base.commit}`)."
    return f"{intro}\n\n{changes_markdown(changes)}"


def quarter_records(c: AuditView) -> str:
    """The closed quarters this edition carries: each record, when it was closed and restated, and its digest."""
    records = c.handbook.quarter_records
    if not records:
        return "No quarter has been closed yet. `make close-quarter QUARTER=YYYY-Qn` closes one."
    data = c.handbook.data_name
    rows = []
    for quarter, r in sorted(records.items(), reverse=True):
        restated = ", ".join(f"{x.on.isoformat()}: {x.reason}" for x in r.restatements) or "—"
        digest = c.origin.digests.get(f"{data}/records/{quarter}.yml", "not found")  # hashed once per build
        rows.append([link(f"Quality report {quarter}", c.page, report_page(quarter)), r.closed_on.isoformat(), restated,
                     f"`{data}/records/{quarter}.yml`", f"`{digest[:16]}…`"])  # fmt: skip
    return markdown_table(["Report", "Closed on", "Restated", "Record", "SHA-256"], rows, "lllll")
