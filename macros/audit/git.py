"""Asking git about the repository the handbook is built from."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def git(root: Path, *args: str) -> str:
    """Run git in `root` and return what it printed; raises OSError without git, CalledProcessError on failure."""
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.strip()


# git@github.com:owner/repo.git, ssh://git@host/owner/repo, https://user:token@host/owner/repo.git
_REMOTE = re.compile(r"^(?:(?:ssh|https?)://)?(?:[^@/]+@)?(?P<host>[\w.-]+\.\w+)[:/](?P<path>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def web_address(root: Path) -> str | None:
    """The https address of the repository's `origin` remote, without any credentials; None for a local or missing one."""
    try:
        remote = git(root, "remote", "get-url", "origin")
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None
    match = _REMOTE.match(remote)
    return f"https://{match['host']}/{match['path']}" if match else None
