"""How a KPI query sees the exports: every table it names is put in front of it as a CTE that
renames and types the export's columns (data/exports.yml), so one SQL text runs on files in
DuckDB and on tables in a warehouse."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..data.contracts.exports import ExportTable

# Types every engine we run on spells the same way.
SQL_TYPES = {"text": "VARCHAR", "timestamp": "TIMESTAMP", "integer": "BIGINT", "number": "DOUBLE PRECISION"}


def tables_used(sql: str, tables: Iterable[str]) -> list[str]:
    """The export tables a query names (comments and string literals do not count)."""
    words = set(re.findall(r"[a-z_][a-z0-9_]*", _code_only(sql).lower()))
    return [t for t in tables if t in words]


def file_source(table: ExportTable, data_dir: Path) -> str:
    """DuckDB's reader for the export's file(s); CSV cells are read as text and typed by the CTE."""
    path = _literal((data_dir / table.file).as_posix())
    if table.file.endswith(".parquet"):
        return f"read_parquet({path})"
    return f"read_csv({path}, header = true, all_varchar = true)"


def warehouse_source(table: ExportTable) -> str:
    """The export's table in the warehouse, each part of schema.table quoted."""
    assert table.table is not None
    return ".".join(_identifier(part) for part in table.table.split("."))


def compile_query(sql: str, tables: dict[str, ExportTable], source: Callable[[ExportTable], str]) -> str:
    """The query with a CTE in front for each export it reads, in the handbook's column names and types."""
    body = sql.strip().rstrip(";").strip()
    used = tables_used(body, tables)
    if not used:
        return body
    ctes = ",\n".join(f"{name} AS ({_select(tables[name], source(tables[name]))})" for name in used)
    return f"WITH {ctes}\nSELECT * FROM (\n{body}\n) AS result"


def _select(table: ExportTable, source: str) -> str:
    columns = ", ".join(
        f"CAST({_identifier(table.column(name))} AS {SQL_TYPES[col.type]}) AS {name}" for name, col in table.columns.items()
    )
    return f"SELECT {columns} FROM {source}"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _code_only(sql: str) -> str:
    """The SQL without comments and string literals, so a word in them is not taken for a table."""
    return re.sub(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'", " ", sql, flags=re.S)
