"""Where a figure came from: the data files with their SHA-256, the as-of period and the commit of the data (DESIGN rule 3)."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SHORT = 12  # hex digits of a SHA-256 shown in captions; the manifest has the full digest


@dataclass(frozen=True)
class Origin:
    """The state of the data a build used: its commit and the digest of every file."""

    commit: str
    digests: Mapping[str, str]  # repository-relative path -> full SHA-256

    def short(self, file: str) -> str:
        return self.digests.get(file, "not found")[:SHORT]


def origin_of(root: Path, folders: tuple[str, ...] = ("data",)) -> Origin:
    """Digest every file under the given folders of the repository, and find the data's commit."""
    return Origin(data_commit(root), digests(root, folders))


def digests(root: Path, folders: tuple[str, ...]) -> dict[str, str]:
    files = sorted(p for folder in folders for p in (root / folder).rglob("*") if p.is_file())
    return {p.relative_to(root).as_posix(): sha256(p) for p in files}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def data_commit(root: Path) -> str:
    """Short hash of the last commit that touched data/, marked when data/ has uncommitted changes."""
    try:
        last = git(root, "log", "-1", "--format=%h", "--", "data")
        dirty = git(root, "status", "--porcelain", "--", "data")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git history)"
    if not last:
        return "uncommitted"
    return f"{last} + uncommitted changes" if dirty else last


def note(files: list[str], as_of: str | None, origin: Origin) -> str:
    """One line of provenance to put under a table or chart: each file with its short SHA-256."""
    listed = ", ".join(f"<code>{f}</code> (SHA-256 <code>{origin.short(f)}</code>)" for f in files)
    period = f"; as of {as_of}" if as_of else ""
    return f"Data: {listed}{period}; data commit {origin.commit}."


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.strip()
