"""The "About this edition" page: the build manifest, the editions and what changed since the previous one."""

from __future__ import annotations

import posixpath
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from ...i18n.formats import day, quarter
from ...i18n.messages import N_, gettext
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
    shown = f"`{commit['full'] or commit['short']}`"
    if commit["uncommitted_changes"]:
        shown = gettext("{commit} (with uncommitted changes: not a publishable edition)", commit=shown)
    edition = manifest["edition"] or gettext("none: a build of the working copy between editions")
    rows = [
        [gettext("Edition"), edition],
        [gettext("Commit"), shown],
        [gettext("Data commit"), f"`{manifest['data_commit']}`"],
        [gettext("Statuses judged on"), day(date.fromisoformat(manifest["judged_on"]))],
        [gettext("Built at (UTC)"), f'<span class="build-stamp" data-search-exclude>{manifest[STAMP_KEY]}</span>'],
    ]
    return facts_table(rows)


def pdf_pack(manifest: dict[str, Any], page_url: str) -> str:
    """A link to the PDF audit pack published beside this build, or, when none is, how to make one."""
    pdf = manifest.get(PDF_KEY)
    if not pdf:
        text = gettext(
            "This build publishes no PDF audit pack. `make pdf` makes one from the built site, in `site-pdf/handbook.pdf`; "
            "the workflows publish it with main and with each edition, at the root of the site."
        )
    else:
        # Raw HTML: MkDocs checks Markdown links against docs/, and the PDF is added to the site after the build.
        target = posixpath.relpath(pdf, posixpath.dirname(page_url) or ".")
        words = gettext("The whole handbook as one PDF ({file})", file=escape(pdf))
        contents = gettext(
            "a title page with the document id, version, status, approver and effective date, a table of contents, "
            "then every page in the order of the navigation, made from this build."
        )
        text = f'<a href="{escape(target)}" type="application/pdf">{words}</a>: {contents}'
    return f'<span class="pdf-pack">{text}</span>'  # the PDF leaves it out: its reader holds the pack


def tools_table(c: AuditView) -> str:
    return markdown_table([gettext("Tool"), gettext("Version")], [[name, version] for name, version in c.manifest["tools"].items()])


def data_files_table(c: AuditView) -> str:
    rows = [[f"`{f['path']}`", f"`{f['sha256']}`", "—" if f["rows"] is None else f["rows"]] for f in c.manifest["data_files"]]
    return markdown_table([gettext("File"), "SHA-256", gettext("Rows")], rows, align="llr")


def editions_table(c: AuditView) -> str:
    """Each edition with the span it was in force, newest first."""
    editions = c.editions
    if not editions:
        return gettext("No edition has been published yet. `make edition EDITION=YYYY-Qn` publishes one.")
    current = in_force_on(editions, c.today)
    rows = []
    for n, e in enumerate(editions):
        until = day(editions[n + 1].published) if n + 1 < len(editions) else "—"
        label = gettext("**{edition}** (in force)", edition=e.name) if e == current else e.name
        rows.append([label, day(e.published), until, f"`{e.commit}`", f"`{e.tag}`"])
    headers = [gettext(h) for h in (N_("Edition"), N_("In force from"), N_("Replaced on"), N_("Commit"), N_("Tag"))]
    return markdown_table(headers, list(reversed(rows)))


def changes_since(c: AuditView) -> str:
    """What changed since the edition before the one being built (or since the latest, between editions)."""
    base = previous(c.editions, c.edition)
    if base is None:
        return gettext("There is no earlier edition to compare with.")
    root = c.handbook.root
    changes = compare(at_ref(root, base.tag), in_tree(root))
    intro = gettext(
        "Compared with edition **{edition}** (published {day}, commit `{commit}`).",
        edition=base.name,
        day=day(base.published),
        commit=base.commit,
    )
    return f"{intro}\n\n{changes_markdown(changes)}"


def quarter_records(c: AuditView) -> str:
    """The closed quarters this edition carries: each record, when it was closed and restated, and its digest."""
    records = c.handbook.quarter_records
    if not records:
        return gettext("No quarter has been closed yet. `make close-quarter QUARTER=YYYY-Qn` closes one.")
    data = c.handbook.data_name
    rows = []
    for q, r in sorted(records.items(), reverse=True):
        restated = ", ".join(f"{day(x.on)}: {x.reason}" for x in r.restatements) or "—"
        digest = c.origin.digests.get(f"{data}/records/{q}.yml", gettext("not found"))  # hashed once per build
        report = link(gettext("Quality report {quarter}", quarter=quarter(q)), c.page, report_page(q))
        rows.append([report, day(r.closed_on), restated,
                     f"`{data}/records/{q}.yml`", f"`{digest[:16]}…`"])  # fmt: skip
    headers = [gettext(h) for h in (N_("Report"), N_("Closed on"), N_("Restated"), N_("Record"))]
    return markdown_table([*headers, "SHA-256"], rows, "lllll")
