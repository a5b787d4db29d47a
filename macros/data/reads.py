"""What a computation read, so the build can replay its output until one of those inputs changes (site/memo.py).

While `recording()` is active, the checked data note each part read as a facet: `h:kpis` (a Handbook field),
`rows:return_rate` (one KPI's measurement rows), `kpi:return_rate` (its facts), `facts` (all of them), `files` (data
files read from disk), `tree` (the whole repository). A facet's fingerprint is a digest of its value, stable across
processes, so an unchanged input gives the same digest in the next build.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import PosixPath
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel

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


_ATOMS = frozenset({str, int, float, bool, type(None), bytes, date, datetime, Decimal, PosixPath, np.float64, np.int64, np.bool_})


def _canon(value: Any) -> Any:
    """The value as nested tuples in a fixed order: sets sorted, models and dataclasses by field, frames by content."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list or isinstance(value, tuple):
        return (kind.__name__, *(_canon(v) for v in value))
    if kind is dict or isinstance(value, dict):
        return ("dict", *((_canon(k), _canon(v)) for k, v in value.items()))
    if kind is set or kind is frozenset:
        return ("set", *sorted((_canon(v) for v in value), key=repr))
    if isinstance(value, pd.DataFrame):
        return _frame(value)
    if isinstance(value, pd.Series):
        return _frame(value.to_frame())
    if isinstance(value, BaseModel):
        return (kind.__name__, *((k, _canon(v)) for k, v in value.__dict__.items()))
    if is_dataclass(value):
        return (kind.__name__, *((f.name, _canon(getattr(value, f.name))) for f in fields(value)))
    return value  # enums, numpy arrays and the like pickle the same in every process


def _frame(frame: pd.DataFrame) -> tuple:
    try:
        cells: Any = pd.util.hash_pandas_object(frame, index=True).tolist()
    except TypeError:  # a column of lists or other unhashable cells: its cells one by one
        cells = _canon(frame.to_dict("split"))
    return ("DataFrame", list(frame.columns), [str(t) for t in frame.dtypes], list(frame.index.names), cells)


def fingerprint(value: Any) -> str:
    """A digest of a value that is the same in every process for equal contents (Python orders sets by a hash it
    seeds anew in each process, and a plain pickle writes a second reference to one object differently from an
    equal copy, so a plain pickle is not)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: an equal string written twice is written twice, whether or not it is one object
    pickler.dump(_canon(value))
    return hashlib.sha256(out.getvalue()).hexdigest()[:32]
