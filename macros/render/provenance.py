"""The provenance line under every table and chart: its data files with their SHA-256, the as-of period and the data's commit."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..data.reads import record
from ..i18n.formats import period
from ..i18n.messages import gettext

SHORT = 12  # hex digits of a SHA-256 shown in captions; the manifest has the full digest
# In a page the build replays, a file's digest and the data commit are left as these marks and filled in as the page
# is shown (Origin.bind): a page that did not read a changed row need not be worked out again to show the new digest.
_MARK = re.compile("\ue000(sha|commit|file):([^\ue001]*)\ue001")
_HASH = re.compile(r"^[0-9a-f]{7,40}$")  # a data commit that is only a commit: no uncommitted changes, a history known


@dataclass(frozen=True)
class Origin:
    """The state of the data a build used: its commit and the digest of every file."""

    commit: str
    digests: Mapping[str, str]  # repository-relative path -> full SHA-256
    late: bool = False  # digests and commit as marks, bound when the page is shown
    repo: str = ""  # the repository's web address (mkdocs.yml repo_url): files and commits link to it

    def __getattribute__(self, name: str) -> Any:
        if name == "digests" and object.__getattribute__(self, "late"):
            record("files")  # read directly, a digest is part of what the view worked out
        return object.__getattribute__(self, name)

    def short(self, file: str) -> str:
        if self.late:
            return f"\ue000sha:{file}\ue001"
        return object.__getattribute__(self, "digests").get(file, gettext("not found"))[:SHORT]

    def data_commit(self) -> str:
        """The data's commit, linked to it in the repository when there is one."""
        return "\ue000commit:\ue001" if self.late else self._linked(self.commit, "commit/{commit}")

    def file(self, path: str) -> str:
        """A data file's name, linked to the file as it was at the data's commit when the repository is known."""
        return f"\ue000file:{path}\ue001" if self.late else self._linked(f"<code>{path}</code>", f"blob/{{commit}}/{path}")

    def _linked(self, text: str, where: str) -> str:
        if not self.repo or not _HASH.match(self.commit):
            return text
        return f'<a href="{self.repo.rstrip("/")}/{where.format(commit=self.commit)}">{text}</a>'

    def bind(self, text: str) -> str:
        """The text with each mark replaced by the digest, commit or file it stands for."""
        digests = object.__getattribute__(self, "digests")
        bound = replace(self, late=False) if self.late else self

        def one(m: re.Match[str]) -> str:
            if m[1] == "sha":
                return digests.get(m[2], gettext("not found"))[:SHORT]
            return bound.data_commit() if m[1] == "commit" else bound.file(m[2])

        return _MARK.sub(one, text)


def note(files: list[str], as_of: str | None, origin: Origin) -> str:
    """One line of provenance to put under a table or chart: each file with its short SHA-256."""
    listed = ", ".join(f"{origin.file(f)} (SHA-256 <code>{origin.short(f)}</code>)" for f in files)
    if as_of:
        return gettext("Data: {files}; as of {period}; data commit {commit}.", files=listed, period=period(as_of),
                       commit=origin.data_commit())  # fmt: skip
    return gettext("Data: {files}; data commit {commit}.", files=listed, commit=origin.data_commit())


def small(files: list[str], as_of: str | None, origin: Origin) -> str:
    """The provenance line set apart under a table: `note` in small print."""
    return f"<small>{note(files, as_of, origin)}</small>"
