"""Every macro's output remembered with what it read, so a changed input recomputes only the pages that read it.

An entry keeps the facets its computation read (data/reads.py) with their fingerprints then. It is replayed while
every one of them has the same fingerprint now; else the macro runs again and its new entry is kept beside the old
(the newest few per call), so switching branches back and forth still replays. An entry confirmed in a build with
exactly these inputs (the build's state) is replayed without fingerprinting anything: a build with no change
reads none of the data.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.files import write_atomic
from ..data.reads import paused, recording

KEEP = 3  # entries kept per call, and files kept per kind of cache entry: the current and a couple of recent ones


@dataclass
class Entry:
    reads: tuple[tuple[str, str], ...]  # (facet, fingerprint) for every facet the computation read
    value: Any
    state: str  # the last build state it was confirmed in


@dataclass
class Memo:
    """The remembered outputs under one code, configuration and day; `call` answers from them or computes."""

    path: Path
    state: str  # the digest of every input of this build
    fingerprint: Callable[[str], str]  # a facet's fingerprint in this build
    entries: dict[tuple, list[Entry]] = field(default_factory=dict)
    computed: list[str] = field(default_factory=list)  # "macro page" of each output worked out in this build
    replayed: int = 0
    dirty: bool = False

    def call(self, name: str, where: str, args: tuple, kwargs: dict, compute: Callable[[], Any]) -> Any:
        key = (name, where, args, tuple(sorted(kwargs.items())))
        kept = self.entries.get(key, [])
        for n, entry in enumerate(kept):
            if entry.state == self.state or self._holds(entry):
                if entry.state != self.state or n:
                    entry.state = self.state
                    self.entries[key] = [entry, *kept[:n], *kept[n + 1 :]]
                    self.dirty = True
                self.replayed += 1
                return entry.value
        with recording() as read:
            value = compute()
        with paused():
            reads = tuple(sorted((facet, self.fingerprint(facet)) for facet in read))
        self.entries[key] = [Entry(reads, value, self.state), *kept][:KEEP]
        self.computed.append(f"{name} {where}".rstrip())
        self.dirty = True
        return value

    def _holds(self, entry: Entry) -> bool:
        with paused():
            return all(self.fingerprint(facet) == digest for facet, digest in entry.reads)

    def save(self) -> None:
        """Write the memo if this build learnt or confirmed something."""
        if self.dirty:
            keep(self.path, self.entries)
            self.dirty = False


def keep(path: Path, value: Any) -> None:
    """Store a cache entry and drop all but the newest few beside it (the current inputs and a couple of recent ones)."""
    write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    for stale in sorted(path.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
        stale.unlink(missing_ok=True)
