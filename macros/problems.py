"""Problems found in the data: what, where, what was expected and what was found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding, printable on one line so CI logs and editors can show it as is."""

    file: str
    where: str
    field: str
    expected: str
    found: str
    severity: Severity = "error"

    def __str__(self) -> str:
        field = f", field '{self.field}'" if self.field else ""
        return f"{self.file}, {self.where}{field}: expected {self.expected}, found {self.found}"

    def labelled(self) -> str:
        return f"{self.severity.upper()} {self}"


def reading_order(problems: list[Problem]) -> list[Problem]:
    """Errors before warnings, then by file and by the first row or line number named."""

    def key(p: Problem) -> tuple:
        number = re.search(r"(?:row|line) (\d+)", p.where)
        return (p.severity != "error", p.file, int(number.group(1)) if number else 0)

    return sorted(problems, key=key)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def shown(value: object) -> str:
    """Render a found value the way a user typed it: quoted text, bare numbers, 'nothing'."""
    if value is None or value == "":
        return "nothing"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
