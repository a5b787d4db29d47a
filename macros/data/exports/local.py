"""The exports on this machine as DuckDB views, one per export in the handbook's column names, each file checked
row by row first: the one set of checks that `make validate`, the build and `make refresh` all run."""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...i18n.messages import gettext
from ..contracts.exports import ExportsMap, ExportSpec
from ..files import data_label, file_sha256
from ..problems import Code, Problem, first_line, shown
from ..tables import row_where
from .catalogue import ALLOWED, Catalogue, guarded, refusal
from .reading import FileSource, matched, read_files, with_digests
from .remembered import entry, recall, remember
from .typed import EXPECTED, TEXT, Cells, identifier, literal, present, typed_select, value

if TYPE_CHECKING:
    import pandas as pd

LISTED = 20  # rows listed per export and kind of problem; the rest are counted


@dataclass
class LocalExports:
    """Every provided export of data/exports.yml as a view named like the export, on one DuckDB connection."""

    data_dir: Path
    spec: ExportsMap
    con: Any = field(repr=False)  # a duckdb connection
    cache: Path | None = None  # where checked exports are remembered (remembered.py)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, list[FileSource]] = field(default_factory=dict)
    cells: dict[str, Cells] = field(default_factory=dict)  # how each file export's cells arrive (typed.py)
    broken: set[str] = field(default_factory=set)  # exports whose files have problems: nothing is read from them
    _reaches: dict[str, date | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.catalogue = Catalogue(self.spec)
        self._scratch = tempfile.TemporaryDirectory(prefix="handbook-exports-")
        self._lock_down()
        for name in self.catalogue.closure(self.spec.exports):
            export = self.spec.exports[name]
            if not export.provided:
                continue
            if export.file is not None:
                self._register_file(name, export)
            else:
                self._derive(name, export)

    def close(self) -> None:
        self._scratch.cleanup()

    def _lock_down(self) -> None:
        """From here on DuckDB reads only the declared export files and the UTF-8 copies made of them, loads no
        extension, and no statement can change that: a query that names /etc/passwd finds nothing it may open."""
        exports = self.spec.exports.values()
        files = [p for e in exports if e.provided and e.file is not None for p in matched(self.data_dir, e.file)]
        folders = [Path(self._scratch.name), *([self.cache] if self.cache else [])]
        self.con.execute(f"SET allowed_paths = [{', '.join(literal(str(p.resolve())) for p in files)}]")
        self.con.execute(f"SET allowed_directories = [{', '.join(literal(str(f.resolve()) + '/') for f in folders)}]")
        self.con.execute("SET enable_external_access = false")
        self.con.execute("SET autoload_known_extensions = false")
        self.con.execute("SET lock_configuration = true")

    def reason(self, names: list[str]) -> str | None:
        """Why these exports cannot all be read (not provided, not readable, no rows); None when they can."""
        missing = self.catalogue.not_provided(names)
        if missing:
            return missing
        for name in self.catalogue.closure(names):
            if name in self.broken:
                return gettext("the {name} export has errors (make validate lists them)", name=name)
            if self._empty(name):
                return gettext("the {name} export has no rows", name=name)
        return None

    def fetch(self, sql: str, parameters: list | None = None) -> pd.DataFrame:
        """The result of SQL from data/ (a KPI's query); RefusedSQL when it asks for more than one SELECT."""
        return self.con.execute(guarded(sql), parameters or []).df()

    def columns(self, name: str) -> list[str]:
        """The columns an export offers, in the handbook's names (a derived export's are what its SQL selects)."""
        export = self.spec.exports.get(name)
        if export is None or not export.provided:
            return []
        if export.file is not None:
            return list(export.columns)
        return [row[0] for row in self.con.execute(f"DESCRIBE {identifier(name)}").fetchall()]

    def find(self, name: str, condition: str, column: str) -> tuple[list[tuple[str, str, int | None, object]], int]:
        """The first rows of an export where `condition` holds (SQL over its typed columns), and how many there are.

        Each row as (file, where, line, value of `column`): a file's row as a spreadsheet shows it; for a derived
        export, which has no rows of its own, the value itself.
        """
        export = self.spec.exports[name]
        total = self.con.execute(f"SELECT count(*) FROM {identifier(name)} WHERE {condition}").fetchone()[0]
        if export.file is None:
            values = self.con.execute(f"SELECT {identifier(column)} FROM {identifier(name)} WHERE {condition} LIMIT {LISTED}").fetchall()
            return [(gettext("the {name} export", name=name), f"{column} {shown(v)}", None, v) for (v,) in values], total
        sources = self.files[name]
        typed = typed_select(export, identifier("__numbered_" + name), self.spec.timezone, self.cells[name], ("__file", "__record"))
        keys = _keys(export)
        select = f"SELECT __file, __record, {identifier(keys[0]) if keys else 'NULL'}, {identifier(column)} FROM ({typed})"
        rows = self.con.execute(f"{select} WHERE {condition} ORDER BY __file, __record LIMIT {LISTED}").fetchall()
        return [(sources[f].label, _where(sources[f], r, k), sources[f].line(r), v) for f, r, k, v in rows], total

    def file_digests(self, names: list[str]) -> dict[str, str]:
        """The SHA-256 of each file these exports (and the ones they derive from) read, by the file's label."""
        return {s.label: s.sha256 for n in self.catalogue.closure(names) for s in self.files.get(n, [])}

    def covered_until(self, names: list[str]) -> date | None:
        """The last day every one of these exports reaches, by its `covers` column; None when none of them says."""
        ends = [self._reach(n) for n in self.catalogue.closure(names) if self.spec.exports[n].covers]
        known = [e for e in ends if e is not None]
        return min(known) if known else None

    def _reach(self, name: str) -> date | None:
        if name not in self._reaches:
            column = identifier(self.spec.exports[name].covers or "")
            found = self.con.execute(f"SELECT CAST(max({column}) AS DATE) FROM {identifier(name)}").fetchone()
            self._reaches[name] = found[0] if found else None
        return self._reaches[name]

    def _empty(self, name: str) -> bool:
        return self.con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {identifier(name)} LIMIT 1)").fetchone()[0] == 0

    def _derive(self, name: str, export: ExportSpec) -> None:
        """A derived export's view, when everything it reads is there; SQL that does not parse or reads itself
        is named by the contract's rules (checks.py), SQL that does not run here."""
        inputs = self.catalogue.inputs(name)
        if not inputs or self.catalogue.cycle(name) or any(n in self.broken or not self.spec.exports[n].provided for n in inputs):
            self.broken.add(name)
            return
        where = f"data/exports.yml, exports.{name}"
        if refused := refusal(str(export.sql)):
            self.problems.append(Problem(Code.SQL_NOT_ALLOWED, "data/exports.yml", where, "sql", gettext(ALLOWED), refused))
            self.broken.add(name)
            return
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {identifier(name)} AS {export.sql}")
            offered = [row[0] for row in self.con.execute(f"DESCRIBE {identifier(name)}").fetchall()]
        except Exception as exc:  # noqa: BLE001 — DuckDB's own errors: say which export and what it said
            expected = gettext("SQL that runs on the exports")
            self.problems.append(Problem(Code.QUERY_FAILED, "data/exports.yml", where, "sql", expected, first_line(exc)))
            self.broken.add(name)
            return
        if export.covers and export.covers not in offered:
            expected = gettext("a column the SQL selects ({columns})", columns=", ".join(offered))
            self.problems.append(Problem(Code.UNKNOWN_REFERENCE, "data/exports.yml", where, "covers", expected, shown(export.covers)))
            self.broken.add(name)

    def _register_file(self, name: str, export: ExportSpec) -> None:
        paths = matched(self.data_dir, str(export.file))
        place = entry(self.cache, name, export, self.spec.timezone, paths) if self.cache else None
        remembered = recall(place) if place else None
        copies = place or Path(self._scratch.name)
        copies.mkdir(parents=True, exist_ok=True)
        if remembered is not None:
            sources, problems = remembered
            problems = self._define(name, export, sources, checked=True) if not problems and sources else problems
        else:
            with ThreadPoolExecutor(max_workers=1) as pool:  # hashing frees the GIL: it runs while DuckDB checks the rows
                digests = pool.submit(lambda: {data_label(p, self.data_dir): file_sha256(p) for p in paths})
                sources, problems = read_files(name, export, self.data_dir, copies)
                if not problems and sources:
                    problems = self._define(name, export, sources, checked=False)
                sources = with_digests(sources, digests.result())
        if place and remembered is None:
            remember(place, sources, problems)
        self.problems += problems
        if problems or not sources:
            self.broken.add(name)
        else:
            self.files[name] = sources

    def _define(self, name: str, export: ExportSpec, sources: list[FileSource], checked: bool) -> list[Problem]:
        """The export's views, and (unless its unchanged files were checked before) its rows' problems."""
        cells, problems = self._cells_of(export, sources)
        if problems:
            return problems
        self.cells[name] = cells
        zone = self.spec.timezone
        try:
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {identifier('__raw_' + name)} AS {_union(export, sources, numbered=False)}")
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {identifier('__numbered_' + name)} AS {_union(export, sources, numbered=True)}")
            typed = typed_select(export, identifier("__raw_" + name), zone, cells)
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {identifier(name)} AS {typed}")
            return [] if checked else _row_problems(self.con, name, export, sources, zone, cells)
        except Exception as exc:  # noqa: BLE001 — DuckDB's own errors: say which export and what it said
            where, expected = gettext("reading it with DuckDB"), gettext("a file DuckDB can read")
            return [Problem(Code.QUERY_FAILED, sources[0].label, where, "", expected, first_line(exc))]

    def _cells_of(self, export: ExportSpec, sources: list[FileSource]) -> tuple[Cells, list[Problem]]:
        """Text for CSV and Excel; for Parquet, each column's type in the file, and any declared column it lacks."""
        if not sources[0].typed:
            return TEXT, []
        types: dict[str, str] = {}
        problems = []
        for source in sources:
            try:
                found = {row[0]: row[1] for row in self.con.execute(f"DESCRIBE SELECT * FROM {source.relation}").fetchall()}
            except Exception as exc:  # noqa: BLE001 — DuckDB's own errors for a file it cannot read
                expected = gettext("a Parquet file DuckDB can read")
                problems.append(Problem(Code.INVALID_VALUE, source.label, gettext("the file"), "", expected, first_line(exc)))
                continue
            for ours, column in export.columns.items():
                if export.column(ours) not in found:
                    theirs = export.column(ours)
                    if column.name:
                        expected = gettext("a column named '{name}' (data/exports.yml maps it to {ours})", name=theirs, ours=ours)
                    else:
                        expected = gettext("a column named '{name}'", name=theirs)
                    where, none = gettext("the file's columns"), gettext("no such column")
                    problems.append(Problem(Code.MISSING_COLUMN, source.label, where, theirs, expected, none))
            types = types or found
        return Cells(types), problems


def _union(export: ExportSpec, sources: list[FileSource], numbered: bool) -> str:
    """The export's own columns from all its files, each row with the number of its file (and its record in it)."""
    own = ", ".join(dict.fromkeys(identifier(export.column(c)) for c in export.columns))
    record = "row_number() OVER () - 1 AS __record, " if numbered else ""
    return " UNION ALL BY NAME ".join(f"SELECT {n} AS __file, {record}{own} FROM {s.relation}" for n, s in enumerate(sources))


def _keys(export: ExportSpec) -> list[str]:
    return [c for c, col in export.columns.items() if col.key]


@dataclass(frozen=True)
class _Check:
    code: Code
    column: str
    condition: str  # true for a row with this problem
    expected: str


def _checks(export: ExportSpec, zone: str, cells: Cells) -> list[_Check]:
    found = []
    for name, column in export.columns.items():
        given, typed, own = present(export, name, cells), value(export, name, zone, cells), export.column(name)
        if column.type != "text" and not cells.native(own, column.type):
            code = {"timestamp": Code.NOT_A_DATE}.get(column.type, Code.NOT_A_NUMBER)
            # A file's 3.5 cast to a whole number is 4: compare it with what the file holds.
            rounded = f" OR {identifier(own)} <> {typed}" if column.type == "integer" and not cells.parsed(own, column.type) else ""
            found.append(_Check(code, name, f"{given} AND ({typed} IS NULL{rounded})", _expected(export, name)))
        if column.type == "number":
            found.append(_Check(Code.NOT_A_NUMBER, name, f"{given} AND NOT isfinite({typed})", gettext("a finite number")))
        if column.required or column.key:
            if column.key:
                expected = gettext("a value in every row ({name} is a key)", name=name)
            else:
                expected = gettext("a value in every row ({name} is required)", name=name)
            found.append(_Check(Code.MISSING_VALUE, name, f"NOT ({given})", expected))
        if column.min is not None:
            found.append(_Check(Code.OUT_OF_RANGE, name, f"{typed} < {column.min!r}", gettext("at least {n}", n=f"{column.min:g}")))
        if column.max is not None:
            found.append(_Check(Code.OUT_OF_RANGE, name, f"{typed} > {column.max!r}", gettext("at most {n}", n=f"{column.max:g}")))
    return found


def _expected(export: ExportSpec, name: str) -> str:
    kind = export.columns[name].type
    if kind == "timestamp" and export.timestamp_format:
        return gettext("a date and time written as {form} (timestamp_format in data/exports.yml)", form=export.timestamp_format)
    return gettext(EXPECTED[kind])


def _row_problems(con: Any, name: str, export: ExportSpec, sources: list[FileSource], zone: str, cells: Cells) -> list[Problem]:
    """Every cell that is not what data/exports.yml says: one scan to count, a second only to name the rows."""
    checks, keys = _checks(export, zone, cells), _keys(export)
    raw = identifier("__raw_" + name)
    counts = [f"count_if({c.condition})" for c in checks]
    distinct = [f"count({value(export, k, zone, cells)}) - count(DISTINCT {value(export, k, zone, cells)})" for k in keys]
    counts += ["0" if _ascending(con, raw, value(export, k, zone, cells)) else d for k, d in zip(keys, distinct, strict=True)]
    if not counts:
        return []
    totals = con.execute(f"SELECT {', '.join(counts)} FROM {raw}").fetchone()
    found: list[Problem] = []
    numbered = identifier("__numbered_" + name)
    naming = _naming(export)
    for check, total in zip(checks, totals, strict=False):
        if total:
            cell = identifier(export.column(check.column))
            rows = con.execute(
                f"SELECT __file, __record, {naming}, CAST({cell} AS VARCHAR) FROM {numbered} "
                f"WHERE {check.condition} ORDER BY __file, __record LIMIT {LISTED}"
            ).fetchall()
            found += [_at(sources, f, r, k, check.code, export.column(check.column), check.expected, shown(v)) for f, r, k, v in rows]
            found += _more(sources[0].label, total, len(rows), export.column(check.column))
    for key, total in zip(keys, totals[len(checks) :], strict=True):
        if total:
            typed = value(export, key, zone, cells)
            again = (
                f"SELECT __file, __record, CAST(k AS VARCHAR) FROM (SELECT __file, __record, {typed} AS k, "
                f"row_number() OVER (PARTITION BY {typed} ORDER BY __file, __record) AS n FROM {numbered} WHERE {typed} IS NOT NULL) "
                f"WHERE n = 2 ORDER BY __file, __record LIMIT {LISTED}"
            )
            expected, rows = gettext("each {key} once ({key} is a key)", key=key), con.execute(again).fetchall()
            column = export.column(key)
            found += [
                _at(sources, f, r, v, Code.DUPLICATE_ID, column, expected, gettext("{value} again", value=shown(v))) for f, r, v in rows
            ]
            found += _more(sources[0].label, total, len(rows), export.column(key)) if len(rows) == LISTED else []
    return found


def _ascending(con: Any, raw: str, key: str) -> bool:
    """Keys in strictly ascending order, as exports by id or by time often are, are all different: one streaming pass,
    stopped at the first key not above the one before it, proves what counting the distinct keys would."""
    step = f"SELECT k, lead(k) OVER () AS after FROM (SELECT {key} AS k FROM {raw} WHERE {key} IS NOT NULL)"
    return not con.execute(f"SELECT 1 FROM ({step}) WHERE after IS NOT NULL AND NOT (k < after) LIMIT 1").fetchall()


def _naming(export: ExportSpec) -> str:
    """SQL for what names a row in a message beside its number: the export's key (an order id), if it has one."""
    keys = _keys(export)
    return f"CAST(NULLIF(trim(CAST({identifier(export.column(keys[0]))} AS VARCHAR)), '') AS VARCHAR)" if keys else "NULL"


def _at(sources: list[FileSource], file: int, record: int, key: object, code: Code, column: str, expected: str, got: str) -> Problem:
    source = sources[file]
    return Problem(code, source.label, _where(source, record, key), column, expected, got, line=source.line(record))


def _where(source: FileSource, record: int, key: object) -> str:
    """'row 7 (O1)': the row as a spreadsheet shows it, and the key that names it."""
    return row_where(source.row(record), str(key) if key else None)


def _more(label: str, total: int, listed: int, column: str) -> list[Problem]:
    if total <= listed:
        return []
    where, found = gettext("after the first {n}", n=listed), gettext("{n} more rows like these", n=total - listed)
    return [Problem(Code.MORE_BAD_ROWS, label, where, column, gettext("valid rows"), found)]


def open_local(
    data_dir: Path, spec: ExportsMap, memory_limit: str | None = None, temp_directory: Path | None = None, cache: Path | None = None
) -> LocalExports:
    """A fresh in-process DuckDB with every export registered; `memory_limit` makes large exports spill instead of failing,
    and with `cache` an export whose files have not changed since they were checked is not checked again."""
    import duckdb  # only where exports are read: a build replayed from its cache never loads it

    config = {"memory_limit": memory_limit} if memory_limit else {}
    if temp_directory is not None:
        config["temp_directory"] = str(temp_directory)
    con = duckdb.connect(config=config)
    # Months are counted in the handbook's zone, never the machine's: a laptop in Shanghai and CI agree.
    con.execute(f"SET TimeZone = {literal(spec.timezone)}")
    return LocalExports(data_dir, spec, con, cache)
