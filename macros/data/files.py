"""Reading data files as a user wrote them: UTF-8 text, YAML with line numbers, CSV rows."""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..i18n.messages import gettext
from .problems import Code, Problem, line_where, shown


def cache_folder(project: Path) -> Path:
    """Where the build and `make refresh` keep what they may reuse: HANDBOOK_CACHE, else .cache/build (site/cache.py)."""
    return Path(os.environ.get("HANDBOOK_CACHE", project / ".cache" / "build"))


def data_label(path: Path, data_dir: Path) -> str:
    """A file under the data folder as the repository names it: data/exports/orders.csv."""
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks: an export may be larger than memory."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write next to the target, flush it to disk, then swap it in: a reader (a parallel build, an interrupted run, a
    power cut) never sees half a file, and a failed write leaves no temporary file behind. A cache entry need not be
    `durable`: lost in a power cut, it is only a miss, so it is not flushed to the disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f"{path.suffix}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if not durable:
        return
    folder = os.open(path.parent, os.O_RDONLY)  # the rename itself reaches the disk only with its folder
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


# A hand-kept file larger than these is refused before it is read: the build reads each one whole into memory.
# They are far above a platform's real size (50,000 merchants are a 5 MB YAML file, 1.2 million monthly rows 60 MB).
MAX_YAML_BYTES = 32 * 2**20
MAX_CSV_BYTES = 512 * 2**20
# YAML nested deeper than this is refused before it is composed: libyaml's composer recurses (and crashes) on deep input.
MAX_YAML_DEPTH = 32


def read_text(path: Path, label: str, limit: int = MAX_CSV_BYTES) -> tuple[str | None, list[Problem]]:
    """Decode a file as UTF-8 (a BOM is allowed), or say at which line it is not; a file over `limit` bytes is not read."""
    size = path.stat().st_size
    if size > limit:
        expected = gettext(
            "a file of at most {limit} MB (split it, or keep large data in an export: data/exports.yml)", limit=limit // 2**20
        )
        return None, [Problem(Code.TOO_LARGE, label, gettext("the file"), "", expected, f"{size / 2**20:,.1f} MB")]
    raw = path.read_bytes()
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        expected = gettext("UTF-8 text (save as 'CSV UTF-8', not UTF-16 / 'Unicode text')")
        return None, [Problem(Code.ENCODING, label, line_where(line), "", expected, gettext("NUL bytes"))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        expected = gettext("UTF-8 text (save the file as 'UTF-8' / 'CSV UTF-8', not GBK or ANSI)")
        found = gettext("byte 0x{byte} that is not UTF-8", byte=f"{raw[exc.start]:02x}")
        return None, [Problem(Code.ENCODING, label, line_where(line), "", expected, found)]


@dataclass(frozen=True)
class YamlDoc:
    """Parsed YAML plus the line of every node, so a problem can name the line of any key."""

    data: Any
    lines: Lines | None

    def line(self, path: tuple[str | int, ...]) -> int | None:
        node = self.lines
        line = node[0] if node is not None else None
        for step in path:
            assert node is not None
            children = node[1]
            if isinstance(children, dict):
                node = children.get(str(step))
            elif isinstance(children, list) and isinstance(step, int) and step < len(children):
                node = children[step]
            else:
                node = None
            if node is None:
                break
            line = node[0]
        return line


# A node's line and its children: a mapping's by key (the first of a key written twice), a sequence's by position,
# none for a scalar. Plain tuples, not the parser's nodes: a file's lines are kept in the cache (data/parsed.py).
Lines = tuple[int, "dict[str, Lines] | list[Lines] | None"]


def _lines(node: yaml.Node) -> Lines:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        children: dict[str, Lines] = {}
        for key, value in node.value:
            children.setdefault(str(key.value), _lines(value))
        return line, children
    if isinstance(node, yaml.SequenceNode):
        return line, [_lines(item) for item in node.value]
    return line, None


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it: about 5× faster


def read_yaml(path: Path, label: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML, reporting syntax errors and duplicate keys (YAML silently keeps the last); aliases and deep
    nesting are refused before anything is built from the text."""
    text, problems = read_text(path, label, MAX_YAML_BYTES)
    if text is None:
        return None, problems
    try:
        hazard = yaml_hazard(text, label)
        if hazard is not None:
            return None, [hazard]
        loader = LOADER(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = gettext("line {line}, column {column}", line=mark.line + 1, column=mark.column + 1) if mark else gettext("the file")
        problem = getattr(exc, "problem", None) or str(exc)  # PyYAML's words: English in every language
        return None, [Problem(Code.YAML_SYNTAX, label, where, "", gettext("valid YAML"), problem)]
    return YamlDoc(data, _lines(root) if root is not None else None), _duplicate_keys(root, label)


def plain_yaml(text: str) -> Any:
    """The data of YAML text read from elsewhere (a file at an old commit); None when it is hazardous or not YAML."""
    try:
        return None if yaml_hazard(text, "") is not None else yaml.load(text, Loader=LOADER)  # noqa: S506 - the safe loader
    except yaml.YAMLError:
        return None


def yaml_hazard(text: str, label: str) -> Problem | None:
    """An alias (a billion-laughs file expands a few KB into gigabytes) or nesting past MAX_YAML_DEPTH, from the
    parser's events alone: nothing is composed or built."""
    starts, ends = (yaml.MappingStartEvent, yaml.SequenceStartEvent), (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    parser, depth = LOADER(text), 0
    try:
        while (event := parser.get_event()) is not None and not isinstance(event, yaml.StreamEndEvent):
            where = line_where(event.start_mark.line + 1)
            if isinstance(event, yaml.AliasEvent):
                expected = gettext("each value written out (data files allow no YAML aliases)")
                return Problem(Code.YAML_ALIAS, label, where, "", expected, f"*{event.anchor}")
            if isinstance(event, starts):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    expected = gettext("at most {n} levels of nesting", n=MAX_YAML_DEPTH)
                    return Problem(Code.TOO_DEEP, label, where, "", expected, gettext("deeper nesting"))
            elif isinstance(event, ends):
                depth -= 1
    finally:
        parser.dispose()
    return None


def _duplicate_keys(node: yaml.Node | None, label: str) -> list[Problem]:
    found: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                where = line_where(key.start_mark.line + 1)
                found.append(Problem(Code.DUPLICATE_KEY, label, where, key.value, gettext("each key once"), gettext("it a second time")))
            seen.add(key.value)
            found += _duplicate_keys(value, label)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _duplicate_keys(item, label)
    return found


def header_where() -> str:
    """'row 1 (header)': where a CSV names its columns."""
    return gettext("row 1 (header)")


@dataclass(frozen=True)
class CsvRow:
    """One data row; `row` is the spreadsheet row number (the header is row 1)."""

    row: int
    values: dict[str, str]


def read_csv(path: Path, label: str, required: tuple[str, ...], optional: tuple[str, ...]) -> tuple[list[CsvRow], list[Problem]]:
    """Read a hand-kept CSV with a header, checking its columns; cells stay text for the schema to judge."""
    header, grid, problems = read_grid(path, label, required, optional)
    return [CsvRow(number, dict(zip(header, cells, strict=True))) for number, cells in grid], problems


def read_grid(
    path: Path, label: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[list[str], list[tuple[int, list[str]]], list[Problem]]:
    """A hand-kept CSV's header and its rows as (spreadsheet row, stripped cells), its columns checked."""
    text, problems = read_text(path, label)
    if text is None:
        return [], [], problems
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    if not any(header):
        expected = gettext("a header row: {columns}", columns=",".join(required + optional))
        return header, [], [Problem(Code.NO_HEADER, label, gettext("row {row}", row=1), "", expected, gettext("an empty file"))]
    known, at_header = set(required) | set(optional), header_where()
    for name in required:
        if name not in header:
            expected = gettext("a column named '{name}'", name=name)
            problems.append(Problem(Code.MISSING_COLUMN, label, at_header, name, expected, gettext("no such column")))
    for name in sorted({h for h in header if header.count(h) > 1}):
        found = gettext("'{name}' {n} times", name=name, n=header.count(name))
        problems.append(Problem(Code.DUPLICATE_COLUMN, label, at_header, name, gettext("each column once"), found))
    for name in header:
        if name not in known:
            expected = gettext("only the columns {columns}", columns=", ".join(required + optional))
            problems.append(Problem(Code.UNKNOWN_COLUMN, label, at_header, name, expected, shown(name)))
    if problems:
        return header, [], problems
    rows: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            expected, found = gettext("{n} cells like the header", n=len(header)), gettext("{n} cells", n=len(cells))
            problems.append(Problem(Code.CELL_COUNT, label, gettext("row {row}", row=number), "", expected, found))
            continue
        rows.append((number, [c.strip() for c in cells]))
    return header, rows, problems
