"""Where KPI queries run: DuckDB over the export files on this machine, or a warehouse through SQLAlchemy.

Both take the same SQL text, in which each export is a table of the handbook's column names, and give a pandas
frame back; both say which exports a query cannot read and how far the exports it reads reach. The warehouse
computes in the database and returns only the aggregated rows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol

import pandas as pd

from ..data.contracts.exports import ExportsMap
from ..data.contracts.kpis import Kpi
from ..data.exports.catalogue import Catalogue, guarded
from ..data.exports.local import open_local
from ..data.exports.typed import WAREHOUSE, identifier, typed_select
from ..data.ledger import exports_read
from ..data.problems import Problem


class Engine(Protocol):
    name: str
    problems: list[Problem]  # the exports' own problems, found before any query runs

    def reason(self, sql: str) -> str | None: ...

    def covered_until(self, sql: str) -> date | None: ...

    def fetch(self, sql: str) -> pd.DataFrame: ...

    def files_read(self, kpis: list[Kpi], queries: Path) -> dict[str, str]: ...

    def close(self) -> None: ...


class DuckDBEngine:
    """An in-process DuckDB over the export files, each checked row by row as `make validate` checks it."""

    name = "DuckDB"

    def __init__(self, data_dir: Path, spec: ExportsMap, memory_limit: str | None = None, cache: Path | None = None) -> None:
        self.exports = open_local(data_dir, spec, memory_limit, cache=cache)
        self.problems = self.exports.problems

    def reason(self, sql: str) -> str | None:
        return self.exports.reason(self.exports.catalogue.uses(sql))

    def covered_until(self, sql: str) -> date | None:
        return self.exports.covered_until(self.exports.catalogue.uses(sql))

    def fetch(self, sql: str) -> pd.DataFrame:
        return self.exports.fetch(sql)

    def files_read(self, kpis: list[Kpi], queries: Path) -> dict[str, str]:
        """The SHA-256 of each export file the KPI queries read, for the refresh ledger."""
        return self.exports.file_digests(exports_read(kpis, self.exports.catalogue, queries))

    def close(self) -> None:
        self.exports.con.close()
        self.exports.close()


class WarehouseEngine:
    """A database reached by an SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db; each export is its `table:`."""

    def __init__(self, url: str, spec: ExportsMap) -> None:
        from sqlalchemy import create_engine, make_url

        self.problems: list[Problem] = []  # the warehouse checks its own tables
        # Through a read-only role (docs/security.md); on PostgreSQL each transaction is also opened read-only.
        readonly = {"postgresql_readonly": True} if make_url(url).get_backend_name() == "postgresql" else {}
        self.engine = create_engine(url, execution_options=readonly)
        self.name = f"{self.engine.dialect.name} at {self.engine.url.render_as_string(hide_password=True)}"
        self.catalogue = Catalogue(spec)

    def reason(self, sql: str) -> str | None:
        names = self.catalogue.uses(sql)
        missing = self.catalogue.not_provided(names)
        if missing:
            return missing
        for name in self.catalogue.closure(names):
            if self.fetch(f"SELECT 1 AS found FROM {name} LIMIT 1").empty:
                return f"the {name} export has no rows"
        return None

    def covered_until(self, sql: str) -> date | None:
        ends = []
        for name in self.catalogue.closure(self.catalogue.uses(sql)):
            covers = self.catalogue.exports[name].covers
            if covers:
                found = self.fetch(f"SELECT CAST(max({identifier(covers)}) AS DATE) AS reach FROM {name}")["reach"].iloc[0]
                ends += [found] if found is not None and not pd.isna(found) else []
        return min(ends) if ends else None

    def fetch(self, sql: str) -> pd.DataFrame:
        with self.engine.connect() as con:
            # Straight to the driver: SQLAlchemy's text() would read ':00' in a time literal as a parameter.
            result = con.exec_driver_sql(self.compiled(guarded(sql)))
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def compiled(self, sql: str) -> str:
        """The query with a CTE in front for each export it reads: typed tables, then the derived ones over them."""
        body = sql.strip().rstrip(";").strip()
        used = [n for n in self.catalogue.uses(body) if n in self.catalogue.exports]
        if not used:
            return body
        ctes = []
        for name in used:
            export = self.catalogue.exports[name]
            if export.table is None and export.sql is None:
                raise LookupError(f"data/exports.yml: the {name} export names no warehouse `table:`")
            source = ".".join(identifier(part) for part in (export.table or "").split("."))
            body_of = export.sql or typed_select(export, source, self.catalogue.spec.timezone, WAREHOUSE)
            ctes.append(f"{name} AS ({body_of})")
        return f"WITH {', '.join(ctes)}\nSELECT * FROM (\n{body}\n) AS result"

    def files_read(self, kpis: list[Kpi], queries: Path) -> dict[str, str]:
        """None: the warehouse's tables are not files of the repository."""
        return {}

    def close(self) -> None:
        self.engine.dispose()
