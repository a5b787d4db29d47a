"""Who changed what and when, read from git: per-file history, the site change log, and unbumped versions."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from ..data.reads import paused, record
from ..i18n.editions import page_path
from ..i18n.messages import gettext
from .document_control import body_of
from .git import git

TRACKED = ("docs", "data", "mkdocs.yml")  # what a reader's page can depend on
_RECORD, _FIELD = "\x1e", "\x1f"
FRONT_MATTER_LINES = 30  # a page's front matter ends before this line

State = Literal["full", "shallow", "none"]


@dataclass(frozen=True)
class Commit:
    sha: str
    short: str
    date: str  # author date, YYYY-MM-DD
    author: str
    subject: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Version:
    """A version of a controlled page: the commit that set it, who made it, and the change note it came with."""

    version: str
    date: str
    author: str
    sha: str
    short: str
    note: str | None  # None for a version set without a note (before notes were asked for)
    subject: str


@dataclass(frozen=True)
class History:
    state: State
    commits: tuple[Commit, ...] = ()
    uncommitted: frozenset[str] = field(default_factory=frozenset)
    versions: dict[str, tuple[Version, ...]] = field(default_factory=dict)  # by page path, newest first

    def __getattribute__(self, name: str) -> Any:
        # Read whole, the history is one facet (data/reads.py); one path's part of it is `git:<path>`, through the methods.
        if name in _WHOLE:
            record(_WHOLE[name])
        return object.__getattribute__(self, name)

    def of(self, *paths: str) -> list[Commit]:
        """The commits, newest first, that changed any of these repository-relative paths (a page: any of its
        languages' files, and the file it was before it had translations)."""
        record(*(f"git:{page_path(p)}" for p in paths))
        wanted = {page_path(p) for p in paths}
        return [c for c in object.__getattribute__(self, "commits") if wanted.intersection(map(page_path, c.files))]

    def is_dirty(self, *paths: str) -> bool:
        """Whether any of these paths (a page: any of its languages' files) has changes not yet committed."""
        record(*(f"git:{page_path(p)}" for p in paths))
        wanted = {page_path(p) for p in paths}
        return any(page_path(p) in wanted for p in object.__getattribute__(self, "uncommitted"))

    def versions_of(self, path: str, file: str | None = None) -> tuple[Version, ...]:
        """The versions a page's front matter went through, newest first, from all of its languages' files: each
        version as first set, with its change note as `file` (the edition's) words it where that file has one."""
        record(f"git:{page_path(path)}")
        order = {c.sha: n for n, c in enumerate(object.__getattribute__(self, "commits"))}
        files = [(name, v) for name, listed in object.__getattribute__(self, "versions").items()
                 if page_path(name) == page_path(path) for v in listed]  # fmt: skip
        first: dict[str, Version] = {}
        notes: dict[str, tuple[bool, str]] = {}  # by version: (worded in `file`, the note)
        for name, v in sorted(files, key=lambda found: order.get(found[1].sha, len(order))):
            first[v.version] = v  # newest first, so the commit kept is the oldest that set the version
            if v.note and not notes.get(v.version, (False, ""))[0]:
                notes[v.version] = (name == file, v.note)
        kept = sorted(first.values(), key=lambda v: order.get(v.sha, len(order)))
        return tuple(replace(v, note=notes[v.version][1] if v.version in notes else None) for v in kept)

    def part(self, path: str) -> tuple:
        """What of the history concerns one path (its facet's value)."""
        with paused():
            return (self.state, tuple(self.of(path)), self.is_dirty(path), self.versions_of(path))

    @property
    def gap(self) -> str | None:
        """Why the history shown may be incomplete, in words a reader can act on; None when it is whole."""
        if self.state == "shallow":
            return gettext(
                "This edition was built from a shallow clone, so only the latest {commits} commit(s) are known "
                "and older changes are missing here. The full history is in the repository (`git fetch --unshallow`).",
                commits=len(self.commits),
            )
        if self.state == "none":
            return gettext(
                "This edition was built without git history (from an archive, not a clone), so no revision history "
                "can be shown. The history is in the repository."
            )
        return None


_WHOLE = {"commits": "c:history", "uncommitted": "c:history", "versions": "c:history", "state": "git-state"}


def read_history(root: Path) -> History:
    """Every commit that touched docs/, data/ or mkdocs.yml; an empty history, never an error, without git."""
    try:
        if git(root, "rev-parse", "--is-inside-work-tree") != "true":
            return History("none")
        shallow = git(root, "rev-parse", "--is-shallow-repository") == "true"
        log = git(
            root, "log", f"--format={_RECORD}%H{_FIELD}%h{_FIELD}%ad{_FIELD}%an{_FIELD}%s", "--date=short", "--name-only", "--", *TRACKED
        )
        status = git(root, "status", "--porcelain", "--untracked-files=all", "--", *TRACKED)
    except (OSError, subprocess.CalledProcessError):
        return History("none")
    commits = []
    for entry in filter(None, log.split(_RECORD)):  # git() strips output, and Python counts \x1e as whitespace
        head, _, names = entry.partition("\n")
        sha, short, day, author, subject = head.split(_FIELD)
        commits.append(Commit(sha, short, day, author, subject, tuple(n for n in names.split("\n") if n)))
    dirty = frozenset(line[3:].split(" -> ")[-1] for line in status.split("\n") if line)
    return History("shallow" if shallow else "full", tuple(commits), dirty, _versions(root))


def _versions(root: Path) -> dict[str, tuple[Version, ...]]:
    """Each page's versions from one git call: the commits whose diff sets a `version` line, with the note beside it."""
    log = git(root, "log", f"--format={_RECORD}%H{_FIELD}%h{_FIELD}%ad{_FIELD}%an{_FIELD}%s", "--date=short", "-p", "--unified=0",
              "-G", r"^(version|change_note)\s*:", "--", "docs")  # fmt: skip
    found: dict[str, list[Version]] = {}
    for entry in filter(None, log.split(_RECORD)):
        head, _, patch = entry.partition("\n")
        sha, short, day, author, subject = head.split(_FIELD)
        for path, added in _added_lines(patch).items():
            fields = {k: v for k, v in (_field(line) for line in added) if k}
            if "version" in fields:
                note = fields.get("change_note")
                found.setdefault(path, []).append(Version(fields["version"], day, author, sha, short, note, subject))
    return {path: tuple(versions) for path, versions in found.items()}


def _added_lines(patch: str) -> dict[str, list[str]]:
    """The lines each file's diff adds at the top of the page, where its front matter is, by the file's path
    (an example of front matter further down the page, in maintaining.md say, is no version)."""
    found: dict[str, list[str]] = {}
    path, at = None, 0
    for line in patch.split("\n"):
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith("@@"):
            at = int(line.split("+", 1)[1].split(",")[0].split()[0])
        elif path and line.startswith("+"):
            if at <= FRONT_MATTER_LINES:
                found.setdefault(path, []).append(line[1:])
            at += 1
    return found


def _field(line: str) -> tuple[str | None, str | None]:
    """('version', '1.1') from 'version: "1.1"'; (None, None) for any other line, or a value YAML cannot read alone."""
    name, sep, _ = line.partition(":")
    if not sep or name.strip() not in ("version", "change_note"):
        return None, None
    try:
        value = yaml.safe_load(line)
    except yaml.YAMLError:
        return None, None
    found = value.get(name.strip()) if isinstance(value, dict) else None
    return (name.strip(), str(found)) if isinstance(found, str | int | float) else (None, None)


def version_bumps(history: History) -> dict[str, str]:
    """The commit that last set each page's `version` line, from the versions the history already read."""
    return {path: versions[0].sha for path, versions in history.versions.items() if versions}


def changed_since_version(root: Path, path: str, history: History, bumps: dict[str, str]) -> list[str]:
    """Short hashes of commits that changed a page's content after the commit that last set its version."""
    bump = bumps.get(path)
    commits = history.of(path)
    if not bump or not commits or commits[0].sha == bump:
        return []  # the newest change to the page is the one that set its version: nothing to ask git
    try:
        later = git(root, "log", "--format=%H %h", f"{bump}..HEAD", "--", path).split("\n")
        versioned = body_of(git(root, "show", f"{bump}:{path}"))
        if not later[0] or body_of(git(root, "show", f"HEAD:{path}")) == versioned:
            return []  # later commits touched only the front matter (a review date, an approver)
    except (OSError, subprocess.CalledProcessError):
        return []
    return [line.split()[1] for line in later if line]
