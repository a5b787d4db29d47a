"""Exports checked before and unchanged since are not read and checked again. An export's files' fingerprints
(path, size, times of last change and inode, as git judges a file), its contract and the checking code name one
folder, `<export>-<key>/`, which holds what checking found and the UTF-8 copies DuckDB reads."""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import time
from pathlib import Path

from ..contracts.exports import ExportSpec
from ..files import write_atomic
from ..parsed import wording
from ..problems import Problem
from .reading import FileSource

# The code that reads and checks an export: a change to it checks every export again.
CODE = [*sorted(Path(__file__).parent.glob("*.py")), Path(__file__).parents[1] / "contracts" / "exports.py"]
# A file changed this recently may change again without its size or time of change showing it (git's "racy
# clean" files): such an export is checked every time until it has been left alone this long.
SETTLED_NS = 3_000_000_000
FOUND = "checked.pickle"


def entry(cache: Path, name: str, spec: ExportSpec, zone: str, paths: list[Path]) -> Path | None:
    """The folder that remembers checking these very files, or None while one of them is too fresh to trust."""
    h = hashlib.sha256(json.dumps([name, spec.model_dump(mode="json"), zone], sort_keys=True).encode())
    for path in CODE:
        h.update(path.read_bytes())
    h.update(wording())  # the problems kept are worded in the build's language
    now = time.time_ns()
    for path in paths:
        stat = path.stat()
        if now - stat.st_mtime_ns < SETTLED_NS:
            return None
        # ctime and inode as git keeps them: a copy that restores the old time of change (cp -p, unzip) still shows.
        h.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\0{stat.st_dev}\0".encode())
    return cache / f"{name}-{h.hexdigest()[:32]}"


def recall(folder: Path) -> tuple[list[FileSource], list[Problem]] | None:
    """What checking found last time, if the copies DuckDB reads are still there."""
    try:
        sources, problems = pickle.loads((folder / FOUND).read_bytes())
    except Exception:  # noqa: BLE001 — a missing, damaged or outdated entry is only a miss
        return None
    return (sources, problems) if all(_readable(s) for s in sources) else None


def remember(folder: Path, sources: list[FileSource], problems: list[Problem]) -> None:
    """Keep what checking found; the export's earlier entries are superseded, so they go."""
    write_atomic(folder / FOUND, pickle.dumps((sources, problems), protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    name = folder.name.rsplit("-", 1)[0]
    for old in folder.parent.glob(f"{name}-*"):
        if old != folder and old.name.rsplit("-", 1)[0] == name:
            shutil.rmtree(old, ignore_errors=True)


def _readable(source: FileSource) -> bool:
    """A source's file is still there: the export's own, or the UTF-8 copy written of it."""
    return bool(source.reads) and Path(source.reads).is_file()
