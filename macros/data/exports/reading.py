"""An export's files as DuckDB will read them, after the checks a file needs before any cell is looked at:
its encoding, its quotes and cell counts, its header. A file that is not UTF-8 CSV (GBK, Excel) is written once
as UTF-8 CSV of the declared columns into a scratch folder; every problem still names the user's own file, row and line."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from bisect import bisect_right
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path

from ...i18n.messages import gettext
from ..contracts.exports import ExportSpec
from ..files import data_label, header_where
from ..problems import Code, Problem, first_line, line_where, shown
from ..tables import row_where
from .typed import literal

CODECS = {"utf-8": "utf-8-sig", "gbk": "gbk", "gb18030": "gb18030", "utf-16": "utf-16"}


@dataclass(frozen=True)
class FileSource:
    """One file of an export: the relation DuckDB reads, its header, and how its records map to rows and lines."""

    label: str  # the file as the user knows it, e.g. data/exports/orders.csv
    relation: str  # read_csv(...) or read_parquet(...)
    header: tuple[str, ...]
    typed: bool  # Parquet keeps its own column types; every other file is read as text
    shifts: tuple[tuple[int, int, int], ...] = ()  # (first record, row shift, line shift) where blank or multi-line rows move them
    reads: str = ""  # the file DuckDB reads: the export's own, or the UTF-8 copy of it
    sha256: str = ""  # of the export's own file, as the refresh ledger records it

    def row(self, record: int) -> int:
        """The row a spreadsheet shows for a record (0-based, in file order): under the header, or from 1 in Parquet."""
        return record + (1 if self.typed else 2) + self._shift(record)[0]

    def line(self, record: int) -> int:
        """The line in the file where the record starts (a cell with a line break makes a record span lines)."""
        return self.row(record) + self._shift(record)[1]

    def _shift(self, record: int) -> tuple[int, int]:
        at = bisect_right(self.shifts, (record, float("inf"), float("inf"))) - 1
        return (self.shifts[at][1], self.shifts[at][2]) if at >= 0 else (0, 0)


def read_files(name: str, spec: ExportSpec, data_dir: Path, scratch: Path) -> tuple[list[FileSource], list[Problem]]:
    """Every file an export's `file:` matches, ready for DuckDB; or the problems that stop it being read."""
    assert spec.file is not None
    pattern, label = spec.file, f"{data_dir.name}/{spec.file}"
    paths = matched(data_dir, pattern)
    if not paths:
        expected = gettext("a file at this path, or `provided: false` under exports.{name} if the platform has no such export", name=name)
        return [], [Problem(Code.MISSING_FILE, label, f"data/exports.yml, exports.{name}", "file", expected, gettext("no such file"))]
    kind = spec.file_format()
    if kind is None:
        expected = gettext("a .csv, .parquet or .xlsx file (or `format:` saying which it is)")
        return [], [Problem(Code.INVALID_VALUE, label, f"data/exports.yml, exports.{name}", "format", expected, shown(pattern))]
    sources, problems = [], []
    for path in paths:
        file_label = data_label(path, data_dir)
        if kind == "parquet":
            source, found = FileSource(file_label, f"read_parquet({literal(path.as_posix())})", (), True, reads=path.as_posix()), []
        elif kind == "xlsx":
            source, found = _sheet_source(path, file_label, spec, scratch, name)
        else:
            source, found = _text_source(path, file_label, spec, scratch, name)
        problems += found
        sources += [source] if source is not None else []
    return sources, problems


def with_digests(sources: list[FileSource], digests: dict[str, str]) -> list[FileSource]:
    """The sources with the SHA-256 of their own files, by label, as the refresh ledger records them."""
    return [replace(s, sha256=digests[s.label]) for s in sources]


def matched(data_dir: Path, pattern: str) -> list[Path]:
    """The files an export's `file:` names, in order; not the lock files Excel and macOS leave beside them."""
    return sorted(p for p in data_dir.glob(pattern) if p.is_file() and not p.name.startswith(("~$", "._")))


def _text_source(path: Path, label: str, spec: ExportSpec, scratch: Path, name: str) -> tuple[FileSource | None, list[Problem]]:
    """A CSV file read as a stream in its declared encoding; any other than UTF-8 is copied as UTF-8 for DuckDB."""
    wrong = _utf8_declared_otherwise(path, label, name, spec.encoding)
    if wrong:
        return None, [wrong]
    copy = None if spec.encoding == "utf-8" else _copy_path(scratch, label)
    try:
        with path.open(encoding=CODECS[spec.encoding], newline="") as lines:
            return _csv_source(lines, label, path, spec, copy, name)
    except UnicodeDecodeError:
        if copy is not None:
            copy.unlink(missing_ok=True)
        return None, [_encoding_problem(path.read_bytes(), label, name, spec.encoding)]


def _utf8_declared_otherwise(path: Path, label: str, name: str, encoding: str) -> Problem | None:
    """GBK and GB18030 decode almost any bytes: a UTF-8 file declared as one would be read as nonsense, so say so."""
    if encoding not in ("gbk", "gb18030"):
        return None
    with path.open("rb") as f:
        head = f.read(1 << 20)
    if head.isascii():
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    # i18n: `encoding: {encoding}` is what to delete from data/exports.yml, as written there
    expected = gettext(
        "text in {encoding}, as data/exports.yml declares; it is UTF-8: remove `encoding: {encoding}` under exports.{name}",
        encoding=encoding,
        name=name,
    )
    return Problem(Code.ENCODING, label, gettext("the file"), "", expected, gettext("UTF-8 text"))


def _encoding_problem(raw: bytes, label: str, name: str, encoding: str) -> Problem:
    """Where the file stops being in its declared encoding, and the encoding it most likely is."""
    try:
        raw.decode(CODECS[encoding])
        start = len(raw)
    except UnicodeDecodeError as exc:
        start = exc.start
    line = raw[:start].decode(CODECS[encoding], errors="replace").count("\n") + 1
    likely = _likely_encoding(raw)
    if likely:
        expected = gettext(
            "text in {encoding}, as data/exports.yml declares; "
            "it looks like {likely}: add `encoding: {likely}` under exports.{name} in data/exports.yml",
            encoding=encoding,
            likely=likely,
            name=name,
        )
    else:
        expected = gettext("text in {encoding}, as data/exports.yml declares", encoding=encoding)
    if start < len(raw):
        found = gettext("byte 0x{byte} that is not {encoding}", byte=f"{raw[start]:02x}", encoding=encoding)
    else:
        found = gettext("text that is not {encoding}", encoding=encoding)
    return Problem(Code.ENCODING, label, line_where(line), "", expected, found)


def _likely_encoding(raw: bytes) -> str | None:
    """The declarable encoding charset-normalizer finds most likely, GB18030 for Simplified Chinese ones."""
    from charset_normalizer import from_bytes  # only when a file is in the wrong encoding

    best = from_bytes(raw[: 1 << 20]).best()
    if best is None:
        return None
    found = best.encoding.replace("_", "-").lower()
    if found in ("gbk", "gb2312", "gb18030", "cp936"):
        return "gb18030"
    return found if found in CODECS else None  # Big5 and the like are not declarable: no hint beats a wrong one


def _sheet_source(path: Path, label: str, spec: ExportSpec, scratch: Path, name: str) -> tuple[FileSource | None, list[Problem]]:
    """An Excel sheet's cells as CSV, row for row, so that each record is the row Excel shows."""
    from python_calamine import CalamineWorkbook  # only for .xlsx exports

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 — calamine raises its own errors for a file it cannot open
        return None, [Problem(Code.INVALID_VALUE, label, gettext("the file"), "", gettext("an Excel .xlsx workbook"), first_line(exc))]
    if spec.sheet is not None and spec.sheet not in book.sheet_names:
        expected = gettext("a sheet named {sheet} ({sheets})", sheet=shown(spec.sheet), sheets=", ".join(book.sheet_names))
        return None, [Problem(Code.UNKNOWN_REFERENCE, label, gettext("the workbook"), "sheet", expected, gettext("no such sheet"))]
    rows = (book.get_sheet_by_name(spec.sheet) if spec.sheet else book.get_sheet_by_index(0)).to_python(skip_empty_area=False)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        cells = [_cell(v) for v in row]
        # An empty row stays a line, but a blank one, which neither this module nor DuckDB counts as a record.
        writer.writerow(cells if any(cells) else [])
    out.seek(0)
    return _csv_source(out, label, path, spec, _copy_path(scratch, label), name)


def _cell(value: object) -> str:
    """An Excel cell as the text a person sees: whole numbers without '.0', dates and times in ISO form."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return "" if value is None else str(value)


def _copy_path(scratch: Path, label: str) -> Path:
    return scratch / f"{hashlib.sha256(label.encode()).hexdigest()[:16]}.csv"


def _csv_source(
    lines: Iterable[str], label: str, path: Path, spec: ExportSpec, copy: Path | None, name: str
) -> tuple[FileSource | None, list[Problem]]:
    """Check quotes and cell counts record by record, noting where blank and multi-line rows shift the numbering.

    With `copy`, the declared columns alone are written there as UTF-8 for DuckDB, record for record: the other
    columns of a file (a phone number, an address) are never kept.
    """
    reader = csv.reader(lines, delimiter=spec.delimiter, strict=True)
    try:
        header = tuple(h.strip() for h in next(reader, []))
    except csv.Error as exc:
        return None, [Problem(Code.BAD_QUOTES, label, header_where(), "", gettext("a header row of column names"), str(exc))]
    if not any(header):
        expected, found = (
            gettext("a header row naming the columns in row 1"),
            gettext("an empty file") if reader.line_num == 0 else gettext("an empty row"),
        )
        return None, [Problem(Code.NO_HEADER, label, row_where(1), "", expected, found)]
    problems = _header_problems(header, label, spec, name)
    if problems:
        return None, problems
    kept = list(dict.fromkeys(header.index(spec.column(c)) for c in spec.columns))
    shifts: list[tuple[int, int, int]] = []
    record, row, start = 0, 2, reader.line_num + 1
    shift = (0, 0)
    with ExitStack() as stack:
        writer = None
        if copy is not None:
            writer = csv.writer(stack.enter_context(copy.open("w", encoding="utf-8", newline="")), lineterminator="\n")
            writer.writerow([header[i] for i in kept])
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                expected = gettext("a closing quote for the cell that opens with one (from line {line})", line=start)
                problems.append(Problem(Code.BAD_QUOTES, label, row_where(row), "", expected, str(exc), line=start))
                break
            if cells:  # a blank line is no record to DuckDB either; a row of empty cells is one
                if len(cells) != len(header):
                    expected = gettext("{n} cells like the header (a cell with a comma needs quotes)", n=len(header))
                    found = gettext("{n} cells", n=len(cells))
                    problems.append(Problem(Code.CELL_COUNT, label, row_where(row), "", expected, found, line=start))
                elif writer is not None:
                    writer.writerow([cells[i] for i in kept])
                now = (row - record - 2, start - row)
                if now != shift:
                    shifts.append((record, *now))
                    shift = now
                record += 1
            row, start = row + 1, reader.line_num + 1
    if problems:
        if copy is not None:
            copy.unlink(missing_ok=True)
        return None, problems
    target = copy or path
    options = f"header = true, all_varchar = true, delim = {literal(spec.delimiter)}, quote = '\"', escape = '\"'"
    return FileSource(label, f"read_csv({literal(target.as_posix())}, {options})", header, False, tuple(shifts), target.as_posix()), []


def _header_problems(header: tuple[str, ...], label: str, spec: ExportSpec, name: str) -> list[Problem]:
    """Each column data/exports.yml maps is in the header, once; other columns are left unread."""
    found = []
    for ours, column in spec.columns.items():
        theirs = column.name or ours
        if theirs not in header:
            if column.name:
                expected = gettext(
                    "a column named '{name}' (data/exports.yml maps it to {ours}) (exports.{export}.columns in data/exports.yml)",
                    name=theirs,
                    ours=ours,
                    export=name,
                )
            else:
                expected = gettext("a column named '{name}' (exports.{export}.columns in data/exports.yml)", name=theirs, export=name)
            found.append(Problem(Code.MISSING_COLUMN, label, header_where(), theirs, expected, gettext("no such column"), line=1))
        elif header.count(theirs) > 1:
            times = gettext("{n} times", n=header.count(theirs))
            found.append(Problem(Code.DUPLICATE_COLUMN, label, header_where(), theirs, gettext("each column once"), times, line=1))
    return found
