"""Which exports a piece of SQL reads (through the derived exports it names, too), in the order to define them,
and which of them the platform does not provide. DuckDB's parser reads the SQL; no data is touched."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...i18n.messages import N_, gettext
from ..contracts.exports import ExportsMap, ExportSpec
from ..files import data_label
from .reading import matched


class UnreadableSQL(ValueError):
    """SQL the parser cannot read; the message is DuckDB's."""


# Table functions that make rows rather than read them; any other (read_csv, read_text, glob ...) would read a file
# around the exports' contract, or a file that is no export at all.
ROW_MAKERS = frozenset({"range", "generate_series", "unnest"})
# What SQL from data/ may be: marked here, translated where it is shown (gettext(ALLOWED)).
ALLOWED = N_(
    "one SELECT that reads exports by their names (no COPY, ATTACH, INSTALL, SET or PRAGMA, no read_csv() or other file functions)"
)


class RefusedSQL(ValueError):
    """SQL from data/ that asks for more than reading the exports; the message says what it asked for."""


def refusal(sql: str) -> str | None:
    """What SQL from data/ asks for beyond one SELECT over the exports; None when it asks for nothing more (or
    does not parse: tables_read says why)."""
    import duckdb

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error:
        return None
    if len(statements) != 1:
        return gettext("{n} statements", n=len(statements))
    if statements[0].type != duckdb.StatementType.SELECT:
        kind = statements[0].type.name
        if kind == "LOAD":
            return gettext("an INSTALL or LOAD statement")
        return gettext("an ATTACH statement") if kind == "ATTACH" else gettext("a {kind} statement", kind=kind)
    made = [f for f in _walk(_tree(sql), "TABLE_FUNCTION", lambda n: str((n.get("function") or {}).get("function_name", "")).lower())]
    reading = [f for f in made if f not in ROW_MAKERS]
    return gettext("the table function {name}()", name=reading[0]) if reading else None


def guarded(sql: str) -> str:
    """The SQL, when it may run; RefusedSQL saying what else it asks for."""
    refused = refusal(sql)
    if refused:
        raise RefusedSQL(gettext("SQL that is {allowed}; it has {refused}", allowed=gettext(ALLOWED), refused=refused))
    return sql


@lru_cache(maxsize=256)
def tables_read(sql: str) -> tuple[str, ...]:
    """Every table the SQL reads after FROM or JOIN, in order (not its own WITH names); UnreadableSQL if it does not parse."""
    tree = _tree(sql)
    own = set(_walk(tree, None, lambda n: [str(e.get("key", "")).lower() for e in (n.get("cte_map") or {}).get("map", [])]))
    tables = _walk(tree, "BASE_TABLE", lambda n: str(n.get("table_name", "")).lower())
    return tuple(dict.fromkeys(t for t in tables if t not in own))


@lru_cache(maxsize=256)
def _tree(sql: str) -> dict:
    tree = json.loads(_parser().execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0])
    if tree.get("error"):
        raise UnreadableSQL(tree.get("error_message") or gettext("SQL that does not parse"))
    return tree


def _walk(tree: object, kind: str | None, pick: Any) -> list:
    """What `pick` takes from every node of the parse tree of type `kind` (of every node that has a CTE map, for None)."""
    found: list = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if kind is not None and node.get("type") == kind:
                found.append(pick(node))
            elif kind is None and node.get("cte_map"):
                found.extend(pick(node))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(tree)
    return found


@lru_cache(maxsize=1)
def _parser() -> Any:
    """One in-memory DuckDB per process for parsing: opening one costs more than parsing a query. It reads no file."""
    import duckdb  # only its parser: json_serialize_sql reads no table

    con = duckdb.connect()
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


class Catalogue:
    """The exports of data/exports.yml and how they depend on each other."""

    def __init__(self, spec: ExportsMap) -> None:
        self.spec = spec
        self.exports: dict[str, ExportSpec] = spec.exports

    def inputs(self, name: str) -> list[str]:
        """The exports a derived export's SQL reads; none for a file or table, or for SQL that does not parse."""
        sql = self.exports[name].sql
        try:
            return [n for n in tables_read(sql) if n in self.exports] if sql else []
        except UnreadableSQL:
            return []

    def closure(self, names: Iterable[str]) -> list[str]:
        """These exports and everything they read, each after what it reads."""
        ordered: list[str] = []

        def visit(name: str, path: tuple[str, ...]) -> None:
            if name in ordered or name in path:  # a cycle is reported by problems(); here it only stops the walk
                return
            for used in self.inputs(name):
                visit(used, (*path, name))
            ordered.append(name)

        for name in names:
            if name in self.exports:
                visit(name, ())
        return ordered

    def uses(self, sql: str) -> list[str]:
        """Every export a query reads, directly or through derived exports, in the order to define them;
        a table it reads that data/exports.yml does not declare comes first; UnreadableSQL if it does not parse."""
        read = tables_read(sql)
        return [n for n in read if n not in self.exports] + self.closure(read)

    def files(self, names: Iterable[str], data_dir: Path) -> list[str]:
        """The files these exports read, as the repository names them (the inputs of derived ones included)."""
        found = []
        for name in self.closure(names):
            pattern = self.exports[name].file
            if pattern and self.exports[name].provided:
                found += [data_label(p, data_dir) for p in matched(data_dir, pattern)]
        return found

    def not_provided(self, names: Iterable[str]) -> str | None:
        """Why these exports cannot all be read because the platform lacks one of them; None when it has them all."""
        for name in names:
            if name not in self.exports:
                return gettext("the {name} export is not provided (data/exports.yml does not declare it)", name=name)
            lacking = next((n for n in self.closure([name]) if not self.exports[n].provided), None)
            if lacking:
                return gettext("the {name} export is not provided", name=lacking)
        return None

    def cycle(self, start: str) -> list[str]:
        """The exports a derived export reads itself through, starting and ending with it; empty when there is none."""

        def walk(name: str, path: list[str]) -> list[str]:
            for used in self.inputs(name):
                if used == start:
                    return [*path, used]
                if used not in path and (found := walk(used, [*path, used])):
                    return found
            return []

        return walk(start, [start])
