"""A digest of a value that is the same in every process for equal contents: what the build compares to decide
whether an input a page read has changed (data/reads.py)."""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import PosixPath
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel

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
