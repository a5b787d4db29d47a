"""Where KPI queries run: DuckDB over the export files, or a warehouse through SQLAlchemy.

Both take the same SQL text (see export_sources) and give a pandas frame back; the warehouse
computes in the database and returns only the aggregated rows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pandas as pd

from ..data.contracts.exports import ExportTable
from .export_sql import file_source, warehouse_source


class Engine(Protocol):
    name: str

    def source(self, table: ExportTable) -> str: ...

    def fetch(self, sql: str) -> pd.DataFrame: ...

    def close(self) -> None: ...


class DuckDBEngine:
    """An in-process DuckDB; `memory_limit` makes large exports spill to `temp_directory` instead of failing."""

    name = "DuckDB"

    def __init__(self, data_dir: Path, memory_limit: str | None = None, temp_directory: Path | None = None) -> None:
        import duckdb  # imported here so that building the site does not pay for it

        self.data_dir = data_dir
        config = {"memory_limit": memory_limit} if memory_limit else {}
        if temp_directory is not None:
            config["temp_directory"] = str(temp_directory)
        self.con = duckdb.connect(config=config)

    def source(self, table: ExportTable) -> str:
        return file_source(table, self.data_dir)

    def fetch(self, sql: str) -> pd.DataFrame:
        return self.con.execute(sql).df()

    def close(self) -> None:
        self.con.close()


class WarehouseEngine:
    """A database reached by an SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        self.engine = create_engine(url)
        self.name = f"{self.engine.dialect.name} at {self.engine.url.render_as_string(hide_password=True)}"

    def source(self, table: ExportTable) -> str:
        if table.table is None:
            raise LookupError(f"data/exports.yml: the export of {table.file} names no warehouse `table:`")
        return warehouse_source(table)

    def fetch(self, sql: str) -> pd.DataFrame:
        with self.engine.connect() as con:
            # Straight to the driver: SQLAlchemy's text() would read ':00' in a time literal as a parameter.
            result = con.exec_driver_sql(sql)
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def close(self) -> None:
        self.engine.dispose()
