"""One refresh of a data folder at a time: a second one waiting on the first's file would merge into stale rows."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def lock_path(data_dir: Path) -> Path:
    """Beside the data folder, in the project's .cache/ (git ignores it), so the manifest never lists it."""
    return data_dir.parent / ".cache" / f"refresh-{data_dir.name}.lock"


def hold(data_dir: Path) -> str | None:
    """Take the data folder's refresh lock for as long as this process runs; or say who holds it."""
    path = lock_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode("ascii", "replace").strip() or "another process"
        os.close(fd)
        return f"another refresh of {data_dir.name}/ is running (process {holder}); wait for it to finish and run this one again"
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode("ascii"))
    return None  # the descriptor stays open: the lock goes when the process ends, however it ends
