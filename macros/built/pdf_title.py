"""The PDF audit pack's title page: the handbook's identity as a controlled document, and the build it was made from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape
from typing import Any

from ..audit.changes import status_word
from ..i18n.formats import day, moment
from ..i18n.messages import gettext, language


@dataclass(frozen=True)
class Approver:
    """Who approved the handbook: a department of data/org.yml, and its lead by name when org.yml names one."""

    id: str
    name: str | None = None
    name_zh: str | None = None
    lead: str | None = None
    lead_zh: str | None = None  # the lead's name in Chinese script, when org.yml gives one

    @property
    def label(self) -> str:
        department = self.name or self.id
        if self.name_zh:  # the Chinese edition names it in Chinese only
            department = self.name_zh if language() == "zh" else f"{department} ({self.name_zh})"
        lead = self.lead_zh if self.lead_zh and language() == "zh" else self.lead
        return gettext("{lead} — lead, {department}", lead=lead, department=department) if lead else department


@dataclass(frozen=True)
class Control:
    """The handbook's own control block (the front matter of docs/index.md), as the build manifest records it."""

    document_id: str
    title: str
    version: str
    status: str
    effective: date
    approver: Approver
    title_zh: str | None = None


@dataclass(frozen=True)
class TitlePage:
    """What the first page of the pack says about the handbook and the build it was made from."""

    title: str
    edition: str | None  # None: a build that is not a released edition
    commit_short: str
    commit_full: str | None  # None: built outside a git checkout
    built_at: datetime
    uncommitted: bool = False  # built from a working tree that differs from the commit
    control: Control | None = None  # None only for packs made in tests from pages alone

    @property
    def commit_label(self) -> str:
        return gettext("{commit} + uncommitted changes", commit=self.commit_short) if self.uncommitted else self.commit_short

    @property
    def edition_label(self) -> str:
        return gettext("Edition {edition}", edition=self.edition) if self.edition else gettext("Unreleased build")

    @property
    def running_label(self) -> str:
        """The line every page repeats, so a loose sheet still says which document, version and build it belongs to."""
        if self.control is None:
            return gettext("{edition} · commit {commit}", edition=self.edition_label, commit=self.commit_label)
        return gettext("{document} version {version} · {edition} · commit {commit}", document=self.control.document_id,
                       version=self.control.version, edition=self.edition_label, commit=self.commit_label)  # fmt: skip

    @property
    def built_label(self) -> str:
        return f"{moment(self.built_at.astimezone(UTC))} UTC"


def title_page_from_manifest(manifest: dict[str, Any]) -> TitlePage:
    """The title page for the build that site/manifest.json describes; ValueError names what is missing."""
    commit = manifest.get("commit")
    missing = [key for key in ("site_name", "handbook", "edition", "commit", "built_at") if key not in manifest]
    if isinstance(commit, dict):
        missing += [f"commit.{key}" for key in ("short", "full") if key not in commit]
        missing += ["a value for commit.short"] if "short" in commit and not commit["short"] else []
    elif "commit" not in missing:
        missing.append("commit.short and commit.full")
    if missing:
        raise ValueError(gettext("manifest.json lacks {fields}", fields=", ".join(missing)))
    edition = manifest["edition"]
    return TitlePage(
        title=str(manifest["site_name"]),
        edition=str(edition) if edition else None,
        commit_short=str(commit["short"]),
        commit_full=str(commit["full"]) if commit["full"] else None,
        built_at=_time(manifest["built_at"]),
        uncommitted=bool(commit.get("uncommitted_changes")),
        control=_control(manifest["handbook"]),
    )


def _time(value: object) -> datetime:
    try:
        built_at = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValueError(gettext("manifest.json built_at {value} is not an ISO 8601 time", value=repr(value))) from None
    # The manifest promises UTC; a naive time would otherwise be read as local.
    return built_at if built_at.tzinfo else built_at.replace(tzinfo=UTC)


def _control(handbook: object) -> Control:
    """The handbook's control block from the manifest; ValueError names the fields it lacks."""
    if not isinstance(handbook, dict):
        raise ValueError(gettext("manifest.json handbook is empty: docs/index.md needs its front matter (document_id, version, …)"))
    approver = handbook.get("approver")
    missing = [f"handbook.{key}" for key in ("document_id", "title", "version", "status", "effective") if not handbook.get(key)]
    missing += [] if isinstance(approver, dict) and approver.get("id") else ["handbook.approver.id"]
    if missing:
        raise ValueError(gettext("manifest.json lacks {fields}", fields=", ".join(missing)))
    try:
        effective = date.fromisoformat(str(handbook["effective"]))
    except ValueError:
        effective = repr(handbook["effective"])
        raise ValueError(gettext("manifest.json handbook.effective {value} is not a date (YYYY-MM-DD)", value=effective)) from None
    return Control(
        document_id=str(handbook["document_id"]),
        title=str(handbook["title"]),
        version=str(handbook["version"]),
        status=str(handbook["status"]),
        effective=effective,
        approver=Approver(
            str(approver["id"]), *(str(approver[k]) if approver.get(k) else None for k in ("name", "name_zh", "lead", "lead_zh"))
        ),
        title_zh=str(handbook["title_zh"]) if handbook.get("title_zh") else None,
    )


def title_page_html(tp: TitlePage, page_count: int) -> str:
    """The first page: title (and its Chinese title), document control, then the build it was made from."""
    c = tp.control
    title = c.title if c else tp.title
    commit = f"<code>{escape(tp.commit_full or tp.commit_short)}</code>"
    if tp.uncommitted:
        commit = gettext("{commit} + uncommitted changes", commit=commit)
    unreleased = "" if tp.edition else '<p class="unreleased">' + gettext("Not a released edition: built from the commit below.") + "</p>"
    shown_zh = c and c.title_zh and c.title_zh != title  # the Chinese edition's own title is the Chinese title
    title_zh = f'<p class="title-zh" lang="zh-Hans">{escape(c.title_zh)}</p>' if c and shown_zh else ""
    control = ""
    if c:
        rows = [(gettext("Document"), f"<strong>{escape(c.document_id)}</strong>"), (gettext("Version"), escape(c.version)),
                (gettext("Status"), f'<span class="document-status {escape(c.status)}">{escape(status_word(c.status))}</span>'),
                (gettext("Approved by"), escape(c.approver.label)), (gettext("Effective"), escape(day(c.effective)))]  # fmt: skip
        control = _table("control", rows)
    build = _table("build", [
        (gettext("Edition"), escape(tp.edition or gettext("none (unreleased build)"))),
        (gettext("Commit"), commit),
        (gettext("Built"), escape(tp.built_label)),
        (gettext("Handbook pages"), str(page_count)),
    ])  # fmt: skip
    return (
        f'<section class="title-page" id="title-page"><h1>{escape(title)}</h1>{title_zh}'
        f'<p class="edition">{escape(tp.running_label)}</p>{unreleased}{control}{build}</section>'
    )


def _table(css_class: str, rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    return f'<table class="{css_class}"><tbody>{cells}</tbody></table>'
