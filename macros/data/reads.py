"""What a computation read, so the build can replay its output until one of those inputs changes (site/memo.py).

While `recording()` is active, the checked data note each part read as a facet: `h:kpis` (a Handbook field),
`rows:return_rate` (one KPI's measurement rows), `kpi:return_rate` (its facts), `facts` (all of them), `git:<path>`
(a path's history), `files` (data files read from disk), `tree` (the whole repository). A facet's fingerprint
(data/fingerprints.py) says whether it changed since. Nothing here imports pandas: a replayed build never loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_reads: ContextVar[set[str] | None] = ContextVar("reads", default=None)


def record(*facets: str) -> None:
    """Note that the running computation read these facets (nothing happens outside `recording()`)."""
    found = _reads.get()
    if found is not None:
        found.update(facets)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the facets read inside the block; nested blocks add theirs to the outer one too."""
    outer = _reads.get()
    found: set[str] = set()
    token = _reads.set(found)
    try:
        yield found
    finally:
        _reads.reset(token)
        if outer is not None:
            outer.update(found)


@contextmanager
def paused() -> Iterator[None]:
    """Read without recording: for a method that has recorded the one facet its answer depends on."""
    token = _reads.set(None)
    try:
        yield
    finally:
        _reads.reset(token)


class Shared:
    """Values worked out once per build for every view that reads them. Each read notes the facets the value was
    worked out from, so the second view to read it depends on them as the first one does."""

    def __init__(self) -> None:
        self._values: dict[Any, tuple[Any, frozenset[str]]] = {}

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        if key not in self._values:
            with recording() as read:
                value = compute()
            self._values[key] = (value, frozenset(read))
        value, read = self._values[key]
        record(*read)
        return value


class KeyedReads(dict):
    """A dict whose lookups are recorded as `prefix:key` and whose iteration as `whole`."""

    def __init__(self, items: dict, prefix: str, whole: str) -> None:
        super().__init__(items)
        self.prefix, self.whole = prefix, whole

    def __getitem__(self, key: Any) -> Any:
        record(f"{self.prefix}:{key}")
        return super().__getitem__(key)

    def __iter__(self) -> Iterator[Any]:
        record(self.whole)
        return super().__iter__()

    def values(self):  # noqa: ANN201 — dict's own view type
        record(self.whole)
        return super().values()

    def items(self):  # noqa: ANN201
        record(self.whole)
        return super().items()
