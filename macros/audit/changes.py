"""What changed between two states of the repository: documents, KPI targets and values, risks."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..data.contracts.base import Names, Prose
from ..data.contracts.risks import Position
from ..data.files import plain_yaml
from ..i18n.editions import split_language
from ..i18n.messages import N_, gettext, language, named
from ..render.tables import markdown_table
from ..risks.scoring import score
from .document_control import body_of, front_matter_of
from .git import git

Reader = Callable[[str], str | None]  # repository-relative path -> text, None when absent


@dataclass(frozen=True)
class DocState:
    path: str
    title: str
    version: str
    status: str


@dataclass(frozen=True)
class RiskState:
    title: Prose
    inherent: int | None
    residual: int | None
    status: str


@dataclass(frozen=True)
class Snapshot:
    documents: dict[str, DocState]  # by document_id
    targets: dict[str, tuple[str, str]]  # KPI id -> (name, target as written: target / warning / stretch)
    values: dict[tuple[str, str, str], str]  # (KPI, period, scope) -> value as written
    risks: dict[str, RiskState]


@dataclass(frozen=True)
class Changes:
    documents_added: list[DocState] = field(default_factory=list)
    documents_changed: list[tuple[DocState, DocState]] = field(default_factory=list)
    documents_retired: list[DocState] = field(default_factory=list)
    targets_changed: list[tuple[str, str, str]] = field(default_factory=list)  # KPI, before, after
    values_changed: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # KPI, period, scope, before, after
    risks_added: list[tuple[str, RiskState]] = field(default_factory=list)
    risks_closed: list[tuple[str, RiskState]] = field(default_factory=list)
    risks_rescored: list[tuple[str, RiskState, RiskState]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def snapshot(read: Reader, paths: list[str]) -> Snapshot:
    """The comparable facts of one state, read through `read` from the repository's paths."""
    documents = {}
    for path in (p for p in paths if p.startswith("docs/") and p.endswith(".md")):
        meta = front_matter_of(read(path) or "")
        kept = documents.get(str(meta.get("document_id")))
        if kept is not None and split_language(kept.path)[1] == language():
            continue  # a page's two files are one document: the one in the build's language names it
        if "document_id" in meta:
            documents[str(meta["document_id"])] = DocState(
                path, str(meta.get("title", "")), str(meta.get("version", "")), str(meta.get("status", ""))
            )
    kpis = plain_yaml(read("data/kpis.yml") or "[]")
    kpis = kpis if isinstance(kpis, list) else []
    targets = {str(k.get("id")): (_name(k), _target(k)) for k in kpis if isinstance(k, dict)}
    values = {}
    for path in (p for p in paths if p.startswith("data/measurements/") and p.endswith(".csv")):
        for row in csv.DictReader(io.StringIO(read(path) or "")):
            values[(row.get("kpi", ""), row.get("period", ""), row.get("scope") or "")] = row.get("value", "")
    register = plain_yaml(read("data/risks.yml") or "{}")
    register = register if isinstance(register, dict) else {}
    risks = {str(r.get("id")): _risk(r) for r in register.get("risks", []) if isinstance(r, dict)}
    return Snapshot(documents, targets, values, risks)


def compare(old: Snapshot, new: Snapshot) -> Changes:
    changes = Changes()
    for doc_id, now in sorted(new.documents.items()):
        before = old.documents.get(doc_id)
        if before is None:
            changes.documents_added.append(now)
        elif now.status == "obsolete" and before.status != "obsolete":
            changes.documents_retired.append(now)
        elif (before.version, before.title, before.status) != (now.version, now.title, now.status):
            changes.documents_changed.append((before, now))
    changes.documents_retired.extend(d for doc_id, d in sorted(old.documents.items()) if doc_id not in new.documents)
    for kpi in sorted(old.targets.keys() | new.targets.keys()):
        before, after = old.targets.get(kpi, ("", "no such KPI"))[1], new.targets.get(kpi, ("", "removed"))[1]
        if before != after:
            changes.targets_changed.append((kpi, before, after))
    for key in sorted(old.values.keys() | new.values.keys()):
        before, after = old.values.get(key, "—"), new.values.get(key, "—")
        if before != after:
            changes.values_changed.append((*key, before, after))
    for risk_id, now in sorted(new.risks.items()):
        before = old.risks.get(risk_id)
        if before is None:
            changes.risks_added.append((risk_id, now))
        elif now.status == "closed" and before.status != "closed":
            changes.risks_closed.append((risk_id, now))
        elif (before.inherent, before.residual) != (now.inherent, now.residual):
            changes.risks_rescored.append((risk_id, before, now))
    changes.risks_closed.extend((rid, r) for rid, r in sorted(old.risks.items()) if rid not in new.risks)
    return changes


def at_ref(root: Path, ref: str) -> Snapshot:
    """The snapshot of a commit, tag or branch, read with git (the working tree is not touched)."""
    paths = git(root, "ls-tree", "-r", "--name-only", ref, "--", "docs", "data").split("\n")

    def read(path: str) -> str | None:
        try:
            return git(root, "show", f"{ref}:{path}")
        except subprocess.CalledProcessError:
            return None

    return snapshot(read, paths)


def in_tree(root: Path) -> Snapshot:
    """The snapshot of the files as they are on disk now."""
    paths = [p.relative_to(root).as_posix() for folder in ("docs", "data") for p in sorted((root / folder).rglob("*")) if p.is_file()]
    return snapshot(lambda path: (root / path).read_text(encoding="utf-8") if (root / path).is_file() else None, paths)


def changes_markdown(changes: Changes, heading_level: int = 2, values_limit: int = 50) -> str:
    """The changes as Markdown sections; sections with nothing in them say so in one line."""
    h = "#" * heading_level
    parts = [f"{h} " + gettext("Documents") + "\n\n" + _documents(changes)]
    targets = [[f"`{k}`", before, after] for k, before, after in changes.targets_changed]
    table = markdown_table([gettext("KPI"), gettext("Before"), gettext("After")], targets) if targets else gettext("No KPI target changed.")
    parts.append(f"{h} " + gettext("KPI targets") + "\n\n" + table)
    values = [[f"`{k}`", period, scope or gettext("all"), before, after] for k, period, scope, before, after in changes.values_changed]
    more = "\n\n" + gettext("… and {more} more value(s).", more=len(values) - values_limit) if len(values) > values_limit else ""
    headers = [gettext(h) for h in (N_("KPI"), N_("Period"), N_("Scope"), N_("Before"), N_("After"))]
    table = markdown_table(headers, values[:values_limit]) + more
    parts.append(f"{h} " + gettext("KPI values") + "\n\n" + (table if values else gettext("No KPI value changed.")))
    parts.append(f"{h} " + gettext("Risks") + "\n\n" + _risks(changes))
    return "\n\n".join(parts)


def _documents(changes: Changes) -> str:
    def detail(d: DocState) -> str:
        return gettext("version {version} ({status})", version=d.version, status=status_word(d.status))

    rows = [[d.path, d.title, gettext("added"), detail(d)] for d in changes.documents_added]
    rows += [
        [n.path, n.title, gettext("changed"), gettext("version {before} → {after}; {status_before} → {status_after}", before=o.version,
                                                       after=n.version, status_before=status_word(o.status),
                                                       status_after=status_word(n.status))]
        for o, n in changes.documents_changed
    ]  # fmt: skip
    rows += [[d.path, d.title, gettext("retired"), detail(d)] for d in changes.documents_retired]
    if not rows:
        return gettext("No document was added, changed or retired.")
    return markdown_table([gettext(h) for h in (N_("Page"), N_("Title"), N_("Change"), N_("Detail"))], rows)


# A page's status as its front matter writes it, in the build's language (anything else is shown as written).
STATUSES = {"approved": N_("approved"), "draft": N_("draft"), "obsolete": N_("obsolete")}


def status_word(status: str) -> str:
    """A document's status in the build's language; one the handbook does not know, as written."""
    return gettext(STATUSES[status]) if status in STATUSES else status


def _risks(changes: Changes) -> str:
    rows = [[rid, named(r.title), gettext("added"), gettext("residual score {score}", score=r.residual)] for rid, r in changes.risks_added]
    rows += [[rid, named(r.title), gettext("closed"), gettext("status {status}", status=r.status)] for rid, r in changes.risks_closed]
    rows += [[rid, named(n.title), gettext("re-scored"), _rescored(o, n)] for rid, o, n in changes.risks_rescored]
    if not rows:
        return gettext("No risk was added, closed or re-scored.")
    return markdown_table([gettext(h) for h in (N_("Risk"), N_("Title"), N_("Change"), N_("Detail"))], rows)


def _rescored(before: RiskState, after: RiskState) -> str:
    return gettext(
        "inherent {inherent_before} → {inherent_after}; residual {residual_before} → {residual_after}",
        inherent_before=before.inherent,
        inherent_after=after.inherent,
        residual_before=before.residual,
        residual_after=after.residual,
    )


def _name(kpi: dict) -> str:
    name = kpi.get("name")
    return str(name.get("en", "")) if isinstance(name, dict) else str(name or "")


def _target(kpi: dict) -> str:
    parts = [f"{key} {kpi[key]}" for key in ("target", "warning", "stretch") if kpi.get(key) is not None]
    return ", ".join(parts) or "no target"


def _risk(risk: dict) -> RiskState:
    def scored(key: str) -> int | None:
        pos = risk.get(key)
        try:
            return score(Position.model_validate(pos))
        except ValueError:
            return None

    return RiskState(_prose(risk.get("title", "")), scored("inherent"), scored("residual"), str(risk.get("status", "")))


def _prose(value: object) -> Prose:
    """A text as a file of any revision gives it: in both languages, or as written."""
    if isinstance(value, dict):
        try:
            return Names.model_validate(value)
        except ValueError:
            pass
    return str(value)


def unversioned_edits(root: Path, ref: str) -> list[tuple[str, str]]:
    """Pages whose content differs from `ref` while their version does not: (path, version)."""
    return [(path, str(now.get("version"))) for path, before, now, changed in _changed_pages(root, ref)
            if changed and before.get("version") == now.get("version")]  # fmt: skip


def unnoted_versions(root: Path, ref: str) -> list[tuple[str, str]]:
    """Pages whose version went up since `ref` without a change note of their own: (path, version)."""
    found = []
    for path, before, now, _ in _changed_pages(root, ref):
        note = now.get("change_note")
        if before.get("version") != now.get("version") and (not note or note == before.get("change_note")):
            found.append((path, str(now.get("version"))))
    return found


def _changed_pages(root: Path, ref: str) -> list[tuple[str, dict, dict, bool]]:
    """Each page changed since `ref` that was there then: its front matter then and now, and whether its content changed."""
    changed = git(root, "diff", "--name-only", ref, "--", "docs").split("\n")
    found = []
    for path in (p for p in changed if p.endswith(".md") and (root / p).is_file()):
        try:
            before = git(root, "show", f"{ref}:{path}")
        except subprocess.CalledProcessError:
            continue  # a new page: its first version needs no bump and no note
        now = (root / path).read_text(encoding="utf-8")
        found.append((path, front_matter_of(before), front_matter_of(now), body_of(before) != body_of(now)))
    return found
