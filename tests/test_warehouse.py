"""The same KPI queries computed in a real PostgreSQL warehouse give the same numbers as DuckDB over the files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ROOT, run, script

from macros.data.exports.typed import SQL_TYPES
from macros.data.loading import load_refresh_inputs
from macros.pipeline.engines import DuckDBEngine, WarehouseEngine
from macros.pipeline.queries import compute


@pytest.fixture(scope="module")
def warehouse(postgres_url: str) -> str:
    """The real sample exports loaded into PostgreSQL tables, typed as data/exports.yml says."""
    import duckdb
    from sqlalchemy import create_engine

    exports = load_refresh_inputs(ROOT / "data").exports_map
    assert exports is not None
    engine = create_engine(postgres_url)
    with engine.begin() as con:
        con.exec_driver_sql("DROP SCHEMA IF EXISTS shop CASCADE; CREATE SCHEMA shop")
    for name, table in exports.exports.items():
        columns = ", ".join(f"CAST({c!r} AS {SQL_TYPES[col.type]}) AS {c}".replace("'", '"') for c, col in table.columns.items())
        frame = duckdb.sql(f"SELECT {columns} FROM read_csv('{ROOT / 'data' / str(table.file)}', all_varchar = true)").df()
        frame.to_sql(name, engine, schema="shop", index=False)
    engine.dispose()
    return postgres_url


def warehouse_data(tmp_path: Path) -> Path:
    """A data folder whose exports.yml points every table at the warehouse schema, with no computed file yet."""
    data = tmp_path / "data"
    (data / "measurements").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "kpis.yml", data)
    shutil.copytree(ROOT / "data" / "queries", data / "queries")
    for f in (ROOT / "data" / "measurements").glob("*.csv"):
        if f.name != "computed.csv":
            shutil.copy(f, data / "measurements" / f.name)
    text = (ROOT / "data" / "exports.yml").read_text(encoding="utf-8")
    for name in ("orders", "returns", "complaints", "reviews"):
        text = text.replace(f"    table: {name}\n", f"    table: shop.{name}\n")
    (data / "exports.yml").write_text(text, encoding="utf-8")
    return data


def test_every_query_gives_the_same_rows_on_duckdb_and_postgresql(warehouse: str, tmp_path: Path) -> None:
    data = warehouse_data(tmp_path)
    parts = load_refresh_inputs(data)
    assert parts.kpis and parts.exports_map
    duck, pg = DuckDBEngine(ROOT / "data", parts.exports_map), WarehouseEngine(warehouse, parts.exports_map)
    queried = [k for k in parts.kpis if k.query]
    assert len(queried) >= 5
    for k in queried:
        assert compute(k, pg, data) == compute(k, duck, ROOT / "data"), k.id
    duck.close()
    pg.close()


def test_the_warehouse_returns_aggregates_not_records(warehouse: str, tmp_path: Path) -> None:
    from sqlalchemy import event

    data = warehouse_data(tmp_path)
    parts = load_refresh_inputs(data)
    assert parts.kpis and parts.exports_map
    pg = WarehouseEngine(warehouse, parts.exports_map)
    fetched: list[int] = []
    event.listen(pg.engine, "after_cursor_execute", lambda con, cursor, *_: fetched.append(cursor.rowcount))
    rows = compute(next(k for k in parts.kpis if k.id == "on_time_shipment"), pg, data).rows
    pg.close()
    # 24,000 orders in the export; one row per month comes back over the wire (and a row each to ask if the
    # export has rows and how far it reaches).
    assert max(fetched) == len(rows) <= 25 and sum(fetched) <= len(rows) + 2


def test_refresh_with_a_warehouse_url_writes_the_committed_file_byte_for_byte(warehouse: str, tmp_path: Path) -> None:
    data = warehouse_data(tmp_path)
    result = run(script("refresh", "--data", str(data)), tmp_path, HANDBOOK_WAREHOUSE_URL=warehouse)
    assert result.returncode == 0, result.stderr
    assert "on postgresql at postgresql+psycopg://" in result.stderr
    committed = ROOT / "data" / "measurements" / "computed.csv"
    assert (data / "measurements" / "computed.csv").read_bytes() == committed.read_bytes()


def test_a_missing_warehouse_table_is_named_in_the_error(warehouse: str, tmp_path: Path) -> None:
    data = warehouse_data(tmp_path)
    (data / "exports.yml").write_text((data / "exports.yml").read_text().replace("table: shop.reviews", "table: shop.ratings"))
    result = run(script("refresh", "--data", str(data)), tmp_path, HANDBOOK_WAREHOUSE_URL=warehouse)
    assert result.returncode == 1
    assert "data/queries/customer_satisfaction.sql, running it on postgresql" in result.stderr and "ratings" in result.stderr
    assert "Traceback" not in result.stderr
