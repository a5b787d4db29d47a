"""The provenance line under every table and chart: its data files with their SHA-256, the as-of period and the data's commit."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..data.reads import record

SHORT = 12  # hex digits of a SHA-256 shown in captions; the manifest has the full digest
# In a page the build replays, a file's digest and the data commit are left as these marks and filled in as the page
# is shown (Origin.bind): a page that did not read a changed row need not be worked out again to show the new digest.
_MARK = re.compile("\ue000(sha|commit):([^\ue001]*)\ue001")


@dataclass(frozen=True)
class Origin:
    """The state of the data a build used: its commit and the digest of every file."""

    commit: str
    digests: Mapping[str, str]  # repository-relative path -> full SHA-256
    late: bool = False  # digests and commit as marks, bound when the page is shown

    def __getattribute__(self, name: str) -> Any:
        if name == "digests" and object.__getattribute__(self, "late"):
            record("files")  # read directly, a digest is part of what the view worked out
        return object.__getattribute__(self, name)

    def short(self, file: str) -> str:
        if self.late:
            return f"\ue000sha:{file}\ue001"
        return object.__getattribute__(self, "digests").get(file, "not found")[:SHORT]

    def data_commit(self) -> str:
        return "\ue000commit:\ue001" if self.late else self.commit

    def bind(self, text: str) -> str:
        """The text with each mark replaced by the digest or commit it stands for."""
        digests = object.__getattribute__(self, "digests")
        return _MARK.sub(lambda m: digests.get(m[2], "not found")[:SHORT] if m[1] == "sha" else self.commit, text)


def note(files: list[str], as_of: str | None, origin: Origin) -> str:
    """One line of provenance to put under a table or chart: each file with its short SHA-256."""
    listed = ", ".join(f"<code>{f}</code> (SHA-256 <code>{origin.short(f)}</code>)" for f in files)
    period = f"; as of {as_of}" if as_of else ""
    return f"Data: {listed}{period}; data commit {origin.data_commit()}."


def small(files: list[str], as_of: str | None, origin: Origin) -> str:
    """The provenance line set apart under a table: `note` in small print."""
    return f"<small>{note(files, as_of, origin)}</small>"
