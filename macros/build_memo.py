"""Replaying a build whose inputs did not change: every macro's output, kept under a digest of all inputs.

The key covers everything a page can show: the files under data/, sources/, docs/ and this package,
mkdocs.yml and the hook, the library versions, the day statuses are judged on, the edition being
built and the git state (HEAD, uncommitted changes, edition tags) that page histories and
provenance notes read. Only the build stamp is made fresh each time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .files import write_atomic

FOLDERS = ("data", "sources", "docs")
FILES = ("mkdocs.yml", "mkdocs_hooks.py")
LIBRARIES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pandas", "matplotlib", "pydantic", "Markdown", "pymdown-extensions")
KEEP = 3  # memo files kept: the current inputs and a couple of recent ones (switching branches back and forth)


CODE = Path(__file__).parent


def add_tree(h: hashlib._Hash, folder: Path) -> None:
    """Add every file under a folder to a digest, by name and bytes (compiled Python aside)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\0".encode() + hashlib.sha256(path.read_bytes()).digest())


def build_cache(project: Path) -> Path:
    """Where a build keeps what it may reuse (charts, checked data, page outputs): HANDBOOK_CACHE, else .cache/charts."""
    return Path(os.environ.get("HANDBOOK_CACHE", project / ".cache" / "charts"))


def build_key(root: Path, day: date, edition: str | None) -> str:
    """A digest of every input of the pages' Markdown."""
    h = hashlib.sha256(f"{day.isoformat()}|{edition}|{sys.version}".encode())
    for lib in LIBRARIES:
        h.update(f"{lib}={version(lib)}\0".encode())
    for folder in [root / f for f in FOLDERS] + [CODE]:
        add_tree(h, folder)
    for name in FILES:
        if (root / name).is_file():
            h.update(f"{name}\0".encode() + hashlib.sha256((root / name).read_bytes()).digest())
    h.update(_git_state(root).encode())
    return h.hexdigest()[:32]


def _git_state(root: Path) -> str:
    commands = (["rev-parse", "HEAD"], ["status", "--porcelain"], ["for-each-ref", "refs/tags", "--format=%(refname) %(objectname)"])
    out = []
    for args in commands:
        try:
            out.append(subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False).stdout)
        except OSError:  # no git at all (an unpacked archive): the file digests are the whole state
            out.append("")
    return "\0".join(out)


@dataclass
class Memo:
    """The outputs of one set of inputs; `call` answers from it or computes and remembers."""

    path: Path | None
    values: dict[tuple, Any] = field(default_factory=dict)
    hit: bool = False
    dirty: bool = False

    @classmethod
    def open(cls, cache_dir: Path | None, key: str) -> Memo:
        path = cache_dir / "pages" / f"{key}.pickle" if cache_dir else None
        if path is not None and path.is_file():
            try:
                return cls(path, pickle.loads(path.read_bytes()), hit=True)
            except Exception:  # noqa: BLE001 — a damaged or outdated memo is only a miss
                pass
        return cls(path)

    def call(self, name: str, where: str, args: tuple, kwargs: dict, compute: Callable[[], Any]) -> Any:
        key = (name, where, args, tuple(sorted(kwargs.items())))
        if key not in self.values:
            self.values[key] = compute()
            self.dirty = True
        return self.values[key]

    def save(self) -> None:
        """Write the memo if it learnt something, and drop all but the most recent few."""
        if self.path is None or not self.dirty:
            return
        write_atomic(self.path, pickle.dumps(self.values, protocol=pickle.HIGHEST_PROTOCOL))
        old = sorted(self.path.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
        self.dirty = False
