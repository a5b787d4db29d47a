"""A hand-kept CSV of records checked a column at a time, so 100,000 rows check in well under a second.

Each column is held to what its contract's field asks (a whole number, a number, a date, text, one of a list, and
the bounds) with pandas. Only a row that some column puts in doubt goes through the pydantic model, which decides
and words its problems: the messages are the model's, row by row, and a row the columns pass is one it would pass.
"""

from __future__ import annotations

import operator
import re
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

import annotated_types as at
import pandas as pd
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ..i18n.messages import gettext
from .files import read_grid
from .problems import Code, Problem
from .schema_errors import problems_from

# Numbers both pandas and pydantic read alike; anything else is left to the model to judge.
_INTEGER = r"[-+]?\d+"
_NUMBER = r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"
_DATE = r"\d{4}-\d{2}-\d{2}"
_BOUNDS = {at.Ge: ("ge", operator.ge), at.Gt: ("gt", operator.gt), at.Le: ("le", operator.le), at.Lt: ("lt", operator.lt)}


@dataclass(frozen=True)
class Column:
    """What one field of a row contract asks of its cells."""

    name: str
    kind: str  # int, float, date, str, choice; other: every cell goes to the model
    required: bool
    bounds: tuple[Any, ...] = ()  # annotated_types Ge, Gt, Le, Lt
    min_length: int = 0
    pattern: str | None = None
    choices: tuple[Any, ...] = ()


def column_of(name: str, field: FieldInfo) -> Column:
    """Read a pydantic field's type and constraints into a Column."""
    annotation, metadata = field.annotation, list(field.metadata)
    args = get_args(annotation)
    if get_origin(annotation) in (Union, types.UnionType) and type(None) in args:
        (annotation,) = (a for a in args if a is not type(None))
    if get_origin(annotation) is Annotated:
        annotation, *extra = get_args(annotation)
        for item in extra:
            metadata += item.metadata if isinstance(item, FieldInfo) else [item]
    bounds = tuple(m for m in metadata if isinstance(m, at.Ge | at.Gt | at.Le | at.Lt))
    min_length = next((m.min_length for m in metadata if isinstance(m, at.MinLen)), 0)
    pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
    required = field.is_required()
    if get_origin(annotation) is Literal:
        return Column(name, "choice", required, choices=tuple(str(c) for c in get_args(annotation)))
    kind = {int: "int", float: "float", date: "date", str: "str"}.get(annotation, "other")
    return Column(name, kind, required, bounds, min_length, pattern)


def _doubtful(cells: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    """Which cells the model must judge, and the column's values as Python objects (None where empty)."""
    empty = cells == ""
    doubt = empty if column.required else pd.Series(False, index=cells.index)
    filled = ~empty
    if column.kind in ("int", "float"):
        shape = _INTEGER if column.kind == "int" else _NUMBER
        doubt |= filled & ~cells.str.fullmatch(shape)
        numbers = pd.to_numeric(cells.where(filled & ~doubt), errors="coerce")
        for bound in column.bounds:
            name, holds = _BOUNDS[type(bound)]
            doubt |= filled & ~holds(numbers, getattr(bound, name))
        values = numbers.astype("Int64" if column.kind == "int" else "float64").astype(object)
    elif column.kind == "date":
        days = pd.to_datetime(cells.where(filled & cells.str.fullmatch(_DATE)), format="%Y-%m-%d", errors="coerce")
        doubt |= filled & days.isna()
        values = days.dt.date.astype(object)
    elif column.kind == "choice":
        doubt |= ~cells.isin(column.choices) & (filled | column.required)
        values = cells.astype(object)
    elif column.kind == "str":
        doubt |= filled & (cells.str.len() < column.min_length)
        if column.pattern:
            doubt |= filled & ~cells.str.fullmatch(re.sub(r"^\^|\$$", "", column.pattern))
        values = cells.astype(object)
    else:
        return pd.Series(True, index=cells.index), cells.astype(object)
    return doubt, values.where(filled, None)


class Logged(NamedTuple):
    """One CSV row's record with its spreadsheet row number (a tuple: a hundred thousand load in no time)."""

    row: int
    entry: Any


def read_records(
    path: Path, label: str, model: type[BaseModel], entry: Callable[..., Any], naming: tuple[str, ...], max_listed: int
) -> tuple[list[Logged], list[Problem]]:
    """Every row of a CSV of `model` records as `entry(**fields)`; the rows in doubt judged and worded by the model."""
    fields = model.model_fields
    required = tuple(n for n, f in fields.items() if f.is_required())
    optional = tuple(n for n, f in fields.items() if not f.is_required())
    header, grid, problems = read_grid(path, label, required, optional)
    if not grid:
        return [], problems
    frame = pd.DataFrame([cells for _, cells in grid], columns=header)
    numbers = [n for n, _ in grid]
    doubt = pd.Series(False, index=frame.index)
    values: dict[str, list[Any]] = {}
    for name, field in fields.items():
        cells = frame[name] if name in frame else pd.Series("", index=frame.index)
        column_doubt, column = _doubtful(cells, column_of(name, field))
        doubt |= column_doubt
        values[name] = column.tolist()
    names = list(fields)
    kept: dict[int, Any] = {i: entry(*row) for i, row in enumerate(zip(*(values[n] for n in names), strict=True))}
    bad = 0
    for i in doubt[doubt].index:
        cells = {k: (v if v != "" else None) for k, v in zip(header, grid[i][1], strict=True)}
        try:
            checked = model.model_validate(cells)
        except ValidationError as exc:
            del kept[i]
            bad += 1
            if bad <= max_listed:
                where = row_where(numbers[i], *(cells.get(f) for f in naming))
                problems += problems_from(exc, label, lambda loc, w=where: (w, loc))
            continue
        kept[i] = entry(*(getattr(checked, n) for n in names))
    logged = [Logged(numbers[i], kept[i]) for i in sorted(kept)]
    return logged, problems + ([] if bad <= max_listed else [_more(label, bad, max_listed)])


def row_where(row: int, *context: str | None) -> str:
    """'row 7 (return_rate 2026-10 category=food)': the spreadsheet row and what it is about."""
    about = " ".join(v for v in context if v)
    # i18n: a row of a spreadsheet and what it is about: row 7 (return_rate 2026-10)
    return gettext("row {row} ({about})", row=row, about=about) if about else gettext("row {row}", row=row)


def _more(label: str, bad: int, listed: int) -> Problem:
    found = gettext("{n} more rows with problems", n=bad - listed)
    where = gettext("after the first {n} bad rows", n=listed)
    return Problem(Code.MORE_BAD_ROWS, label, where, "", gettext("valid rows"), found)
