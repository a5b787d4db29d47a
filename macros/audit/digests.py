"""The state of the data a build used: the SHA-256 of every file under data/ and the last commit that changed it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..data.files import file_sha256
from ..render.provenance import Origin
from .git import git


def origin_of(root: Path, folders: tuple[str, ...] = ("data",)) -> Origin:
    """Digest every file under the given folders of the repository, and find the data's commit."""
    return Origin(data_commit(root), digests(root, folders))


def digests(root: Path, folders: tuple[str, ...]) -> dict[str, str]:
    files = sorted(p for folder in folders for p in (root / folder).rglob("*") if p.is_file())
    return {p.relative_to(root).as_posix(): file_sha256(p) for p in files}


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
