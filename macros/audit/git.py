"""Asking git about the repository the handbook is built from."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(root: Path, *args: str) -> str:
    """Run git in `root` and return what it printed; raises OSError without git, CalledProcessError on failure."""
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.strip()
