"""SQL that turns an export's cells into typed values in the handbook's column names: numbers with a dot for
decimals, timestamps in the handbook's time zone (an offset in the cell honoured, a cell without one read in the
export's zone). A cell that is not of its type becomes NULL here; the row checks name it first."""

from __future__ import annotations

from ..contracts.exports import ColumnType, ExportSpec

SQL_TYPES = {"text": "VARCHAR", "timestamp": "TIMESTAMP", "integer": "BIGINT", "number": "DOUBLE PRECISION"}
# A time written with an offset or Z at its end: 2026-10-01T08:30:00-03:00, 2026-10-01 08:30Z.
OFFSET = r"'[T ]\d\d?:\d\d(:\d\d(\.\d*)?)?\s*([Zz]|[+-]\d\d(:?\d\d)?)$'"


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def typed_select(spec: ExportSpec, source: str, zone: str, text_cells: bool, keep: tuple[str, ...] = ()) -> str:
    """SELECT of the export's columns, typed and named as the handbook names them, from `source`.

    `text_cells`: the cells are text to be parsed (CSV, Excel); otherwise they keep the types the file or the
    warehouse gives them and are only cast and moved to the handbook's zone. `keep`: columns of `source` passed on.
    """
    columns = ", ".join([*keep, *(f"{value(spec, name, zone, text_cells)} AS {identifier(name)}" for name in spec.columns)])
    return f"SELECT {columns} FROM {source}"


def value(spec: ExportSpec, name: str, zone: str, text_cells: bool) -> str:
    """The typed value of one column, as an SQL expression over the export's own column."""
    kind, cell = spec.columns[name].type, identifier(spec.column(name))
    if not text_cells:
        typed = f"CAST({cell} AS {SQL_TYPES[kind]})"
        return _moved(typed, spec.timezone or zone, zone) if kind == "timestamp" else typed
    text = f"NULLIF(trim({cell}), '')"
    if kind == "timestamp":
        return _timestamp(text, spec, zone)
    return text if kind == "text" else f"TRY_CAST({text} AS {SQL_TYPES[kind]})"


def present(spec: ExportSpec, name: str, text_cells: bool) -> str:
    """The SQL condition that the column has something written in it (a blank cell does not)."""
    cell = identifier(spec.column(name))
    return f"NULLIF(trim({cell}), '') IS NOT NULL" if text_cells else f"{cell} IS NOT NULL"


def _timestamp(text: str, spec: ExportSpec, zone: str) -> str:
    local = spec.timezone or zone
    if spec.timestamp_format:
        parsed = f"try_strptime({text}, {literal(spec.timestamp_format)})"
        return f"timezone({literal(zone)}, {parsed})" if "%z" in spec.timestamp_format else _moved(parsed, local, zone)
    with_offset = f"timezone({literal(zone)}, TRY_CAST({text} AS TIMESTAMPTZ))"
    without = _moved(f"TRY_CAST({text} AS TIMESTAMP)", local, zone)
    return f"CASE WHEN regexp_matches({text}, {OFFSET}) THEN {with_offset} ELSE {without} END"


def _moved(timestamp: str, local: str, zone: str) -> str:
    """A timestamp written in zone `local` as the time it was in zone `zone` (itself when they are the same)."""
    if local == zone:
        return timestamp
    return f"timezone({literal(zone)}, timezone({literal(local)}, {timestamp}))"


EXPECTED: dict[ColumnType, str] = {
    "timestamp": "a date and time like 2026-10-01 08:30 (or as timestamp_format says)",
    "integer": "a whole number",
    "number": "a number with a dot for decimals",
    "text": "text",
}
