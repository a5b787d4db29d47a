"""Which exports a piece of SQL reads (through the derived exports it names, too), in the order to define them,
and which of them the platform does not provide. Plain text and the contract: no engine is needed for this."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..contracts.exports import ExportsMap, ExportSpec


def tables_used(sql: str, names: Iterable[str]) -> list[str]:
    """The export names an SQL text mentions (comments and string literals do not count), in `names` order."""
    words = set(re.findall(r"[a-z_][a-z0-9_]*", _code_only(sql).lower()))
    return [name for name in names if name in words]


def tables_read(sql: str, names: Iterable[str]) -> list[str]:
    """The exports a query names, and any other table it reads after FROM or JOIN (not one of its own WITH names)."""
    code = _code_only(sql).lower()
    own = set(re.findall(r"\b([a-z_][a-z0-9_]*)\s+as\s*\(", code))
    others = [t for t in re.findall(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)\b(?!\s*\()", code) if t not in own]
    return list(dict.fromkeys([*tables_used(sql, names), *others]))


def _code_only(sql: str) -> str:
    return re.sub(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'", " ", sql, flags=re.S)


class Catalogue:
    """The exports of data/exports.yml and how they depend on each other."""

    def __init__(self, spec: ExportsMap) -> None:
        self.spec = spec
        self.exports: dict[str, ExportSpec] = spec.exports

    def inputs(self, name: str) -> list[str]:
        """The exports a derived export's SQL reads; none for a file or table."""
        sql = self.exports[name].sql
        return [n for n in tables_used(sql, self.exports) if n != name] if sql else []

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
        a table it reads that data/exports.yml does not declare comes first."""
        read = tables_read(sql, self.exports)
        return [n for n in read if n not in self.exports] + self.closure(read)

    def files(self, names: Iterable[str], data_dir: Path) -> list[str]:
        """The files these exports read, as the repository names them (the inputs of derived ones included)."""
        found = []
        for name in self.closure(names):
            pattern = self.exports[name].file
            if pattern and self.exports[name].provided:
                found += sorted(f"{data_dir.name}/{p.relative_to(data_dir).as_posix()}" for p in data_dir.glob(pattern) if p.is_file())
        return found

    def not_provided(self, names: Iterable[str]) -> str | None:
        """Why these exports cannot all be read because the platform lacks one of them; None when it has them all."""
        for name in names:
            if name not in self.exports:
                return f"the {name} export is not provided (data/exports.yml does not declare it)"
            lacking = next((n for n in self.closure([name]) if not self.exports[n].provided), None)
            if lacking:
                return f"the {lacking} export is not provided"
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
