"""The provenance line under every table and chart: its data files with their SHA-256, the as-of period and the data's commit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SHORT = 12  # hex digits of a SHA-256 shown in captions; the manifest has the full digest


@dataclass(frozen=True)
class Origin:
    """The state of the data a build used: its commit and the digest of every file."""

    commit: str
    digests: Mapping[str, str]  # repository-relative path -> full SHA-256

    def short(self, file: str) -> str:
        return self.digests.get(file, "not found")[:SHORT]


def note(files: list[str], as_of: str | None, origin: Origin) -> str:
    """One line of provenance to put under a table or chart: each file with its short SHA-256."""
    listed = ", ".join(f"<code>{f}</code> (SHA-256 <code>{origin.short(f)}</code>)" for f in files)
    period = f"; as of {as_of}" if as_of else ""
    return f"Data: {listed}{period}; data commit {origin.commit}."


def small(files: list[str], as_of: str | None, origin: Origin) -> str:
    """The provenance line set apart under a table: `note` in small print."""
    return f"<small>{note(files, as_of, origin)}</small>"
