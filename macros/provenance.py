"""Where a figure came from: the data files, the as-of period and the commit of the data (DESIGN rule 3)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def data_commit(root: Path) -> str:
    """Short hash of the last commit that touched data/, marked when data/ has uncommitted changes."""
    try:
        last = _git(root, "log", "-1", "--format=%h", "--", "data")
        dirty = _git(root, "status", "--porcelain", "--", "data")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git history)"
    if not last:
        return "uncommitted"
    return f"{last} + uncommitted changes" if dirty else last


def note(files: list[str], as_of: str | None, commit: str) -> str:
    """One line of provenance to put under a table or chart."""
    listed = ", ".join(f"<code>{f}</code>" for f in files)
    period = f"; as of {as_of}" if as_of else ""
    return f"Data: {listed}{period}; data commit {commit}."


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=30)
    return result.stdout.strip()
