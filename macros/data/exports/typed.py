"""SQL that turns an export's cells into typed values in the handbook's column names: numbers with a dot for
decimals, timestamps in the handbook's time zone (an offset in the cell honoured, a cell without one read in the
export's zone, a zone-aware Parquet column by its instant). A cell that is not of its type becomes NULL here;
the row checks name it first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...i18n.messages import N_
from ..contracts.exports import ColumnType, ExportSpec

SQL_TYPES = {"text": "VARCHAR", "timestamp": "TIMESTAMP", "integer": "BIGINT", "number": "DOUBLE PRECISION"}
# What a cell of each type may hold, whole (a cast alone would round 3.5 to 4 and read 0x5 as 5).
INTEGER = r"'[+-]?\d+'"
NUMBER = r"'[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?'"
# A date, or a date and time, with nothing after it: read in the export's zone.
PLAIN_TIME = r"'\d{4}-\d\d?-\d\d?([T ]\d\d?:\d\d(:\d\d(\.\d+)?)?)?'"
# A time with its zone at the end: Z, an offset (-03:00), UTC or GMT, or a zone's full name (America/Sao_Paulo).
# Abbreviations are refused: CST is China Standard Time to some and US Central to DuckDB.
ZONED_TIME = (
    r"'\d{4}-\d\d?-\d\d?[T ]\d\d?:\d\d(:\d\d(\.\d+)?)?\s*"
    r"([Zz]|[+-]\d\d(:?\d\d)?|UTC|GMT|[A-Za-z_]+/[A-Za-z0-9_/+-]+)'"
)


WHOLE_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}


@dataclass(frozen=True)
class Cells:
    """How an export's cells arrive: every one as text (CSV, Excel), or with the types its Parquet file or
    warehouse table gives each column, by the export's own column name."""

    types: Mapping[str, str] | None = None  # None: every cell is text
    cast: str = "TRY_CAST"  # a cell that is not of its type becomes NULL, and the row checks name it; CAST in a warehouse

    def parsed(self, column: str, kind: ColumnType) -> bool:
        """The cell is text to be read as its type: every cell of a CSV, a number or time a Parquet file keeps as text."""
        return self.types is None or (kind != "text" and self.types.get(column) == "VARCHAR")

    def native(self, column: str, kind: ColumnType) -> bool:
        """The file already keeps the column in a type that reads as `kind` unchanged: nothing to check cell by cell."""
        found = str((self.types or {}).get(column, ""))
        if self.types is None or not found:
            return False
        whole = found in WHOLE_TYPES
        return {
            "text": True,
            "timestamp": found.startswith("TIMESTAMP") or found == "DATE",
            "integer": whole,
            "number": whole or found.startswith("DECIMAL") or found in ("DOUBLE", "FLOAT"),
        }[kind]

    def zoned(self, column: str) -> bool:
        return self.types is not None and str(self.types.get(column, "")).startswith("TIMESTAMP WITH TIME ZONE")


TEXT = Cells()
WAREHOUSE = Cells({}, "CAST")


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def typed_select(spec: ExportSpec, source: str, zone: str, cells: Cells, keep: tuple[str, ...] = ()) -> str:
    """SELECT of the export's columns, typed and named as the handbook names them, from `source`;
    `keep`: columns of `source` passed on."""
    columns = ", ".join([*keep, *(f"{value(spec, name, zone, cells)} AS {identifier(name)}" for name in spec.columns)])
    return f"SELECT {columns} FROM {source}"


def value(spec: ExportSpec, name: str, zone: str, cells: Cells) -> str:
    """The typed value of one column, as an SQL expression over the export's own column."""
    kind, own = spec.columns[name].type, spec.column(name)
    cell = identifier(own)
    if not cells.parsed(own, kind):
        if kind == "timestamp" and cells.zoned(own):
            return f"timezone({literal(zone)}, {cell})"  # an instant: its time in the handbook's zone, whatever the machine's
        typed = f"{cells.cast}({cell} AS {SQL_TYPES[kind]})"
        return _moved(typed, spec.timezone or zone, zone) if kind == "timestamp" else typed
    text = f"NULLIF(trim({cell}), '')"
    if kind == "timestamp":
        return _timestamp(text, spec, zone)
    if kind == "text":
        return text
    return f"CASE WHEN regexp_full_match({text}, {INTEGER if kind == 'integer' else NUMBER}) THEN TRY_CAST({text} AS {SQL_TYPES[kind]}) END"


def present(spec: ExportSpec, name: str, cells: Cells) -> str:
    """The SQL condition that the column has something written in it (a blank cell does not)."""
    own = spec.column(name)
    cell = identifier(own)
    return f"NULLIF(trim({cell}), '') IS NOT NULL" if cells.parsed(own, spec.columns[name].type) else f"{cell} IS NOT NULL"


def _timestamp(text: str, spec: ExportSpec, zone: str) -> str:
    local = spec.timezone or zone
    if spec.timestamp_format:
        parsed = f"try_strptime({text}, {literal(spec.timestamp_format)})"
        return f"timezone({literal(zone)}, {parsed})" if "%z" in spec.timestamp_format else _moved(parsed, local, zone)
    plain = _moved(f"TRY_CAST({text} AS TIMESTAMP)", local, zone)
    zoned = f"timezone({literal(zone)}, TRY_CAST({text} AS TIMESTAMPTZ))"
    return f"CASE WHEN regexp_full_match({text}, {PLAIN_TIME}) THEN {plain} WHEN regexp_full_match({text}, {ZONED_TIME}) THEN {zoned} END"


def _moved(timestamp: str, local: str, zone: str) -> str:
    """A timestamp written in zone `local` as the time it was in zone `zone` (itself when they are the same)."""
    if local == zone:
        return timestamp
    return f"timezone({literal(zone)}, timezone({literal(local)}, {timestamp}))"


EXPECTED: dict[ColumnType, str] = {
    "timestamp": N_("a date and time like 2026-10-01 08:30, ending in an offset (+08:00) or a zone (Asia/Shanghai) if any"),
    "integer": N_("a whole number"),
    "number": N_("a number with a dot for decimals"),
    "text": N_("text"),
}
