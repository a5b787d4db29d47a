"""Personal data in data/ is refused: an e-mail address, a mainland mobile or landline number, a resident ID number
(its check digit right) or a bank card number (its Luhn digit right), in any text of data/ and in any export column
not declared an identifier. What data/ holds is published, to the site and to its search index."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from ..i18n.messages import N_, gettext
from .exports.local import LocalExports
from .exports.typed import identifier, literal
from .parsed import remembered
from .problems import Code, Problem, line_where
from .tables import row_where

# Python's patterns (with look-arounds) for the files of data/; RE2's (DuckDB, \b only) for the exports.
_KINDS: dict[str, tuple[str, str]] = {
    N_("an e-mail address"): (r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])",
                          r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    N_("a resident ID number"): (r"(?<![\w-])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\w-])",
                             r"\b[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]\b"),
    N_("a mobile number"): (r"(?<![\w+-])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![\w-])",
                        r"\b(86[ -]?)?1[3-9][0-9]([ -]?[0-9]{4}){2}\b"),
    N_("a landline number"): (r"(?<![\w-])(?:\(0\d{2,3}\) ?|0\d{2,3}-)\d{7,8}(?![\w-])", r"(\(0[0-9]{2,3}\) ?|\b0[0-9]{2,3}-)[0-9]{7,8}\b"),
    N_("a bank card number"): (r"(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w-])", r"\b[0-9]([ -]?[0-9]){12,18}\b"),
}  # fmt: skip
_ANY = re.compile("|".join(f"(?P<k{n}>{python})" for n, (python, _) in enumerate(_KINDS.values())))
ANY_RE2 = "|".join(f"({re2})" for _, re2 in _KINDS.values())
_NAMES = list(_KINDS)
EXPECTED = N_("no personal data (an identifier the platform's export pseudonymises, or no such value at all; docs/security.md)")


# Every kind holds an @ or seven digits with at most a space or dash between two, and none spans lines: only the
# lines that have one are searched in full, so a file of counts and year-months is read at the speed of this search.
_CANDIDATE = re.compile(r"@|\d(?:[ -]?\d){6}")


def found_in(text: str) -> Iterator[tuple[int, str]]:
    """Each piece of personal data in a text: where it starts, and what kind it is (its digits checked)."""
    searched = 0
    for candidate in _CANDIDATE.finditer(text):
        if candidate.start() < searched:
            continue
        start = text.rfind("\n", 0, candidate.start()) + 1
        end = text.find("\n", candidate.end())
        searched = len(text) if end < 0 else end
        for match in _ANY.finditer(text, start, searched):
            kind = _NAMES[int(str(match.lastgroup)[1:])]
            if _holds(kind, match.group(0)):
                yield match.start(), kind


def _holds(kind: str, value: str) -> bool:
    digits = re.sub(r"[^\dXx]", "", value)
    if kind == "a resident ID number":
        weights = [pow(2, 17 - i, 11) for i in range(17)]
        return "10X98765432"[sum(int(d) * w for d, w in zip(digits[:17], weights, strict=True)) % 11] == digits[17].upper()
    if kind == "a bank card number":
        return _luhn(digits)
    return True


def _luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def in_files(data_dir: Path, skip: Callable[[Path], bool], parsed_cache: Path | None = None) -> list[Problem]:
    """Personal data in the YAML and CSV files of data/ (those `skip` names aside), by file, line or row, and field."""
    found = []
    for path in sorted(p for p in data_dir.rglob("*") if p.suffix in (".yml", ".yaml", ".csv") and p.is_file() and not skip(p)):
        label = f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"
        found += remembered(parsed_cache, "personal", path, label, partial(_in_file, path, label))
    return found


def _in_file(path: Path, label: str) -> list[Problem]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError):
        return []  # said by the file's own reading
    hits = list(found_in(text))
    if not hits:
        return []
    place = _csv_place(text) if path.suffix == ".csv" else _yaml_place(text)
    found = []
    for at, kind in hits:
        where, field = place(at)
        found.append(Problem(Code.PERSONAL_DATA, label, where, field, gettext(EXPECTED), gettext(kind)))
    return found


def _yaml_place(text: str) -> Callable[[int], tuple[str, str]]:
    def place(at: int) -> tuple[str, str]:
        line = text.count("\n", 0, at) + 1
        keys = re.findall(r"([\w-]+):\s", text[text.rfind("\n", 0, at) + 1 : at])
        return line_where(line), keys[-1] if keys else ""

    return place


def _csv_place(text: str) -> Callable[[int], tuple[str, str]]:
    header = next(csv.reader(io.StringIO(text, newline="")), [])
    starts = [0]
    for line in io.StringIO(text, newline=""):
        starts.append(starts[-1] + len(line))

    def place(at: int) -> tuple[str, str]:
        line = text.count("\n", 0, at)
        cells = next(csv.reader([text[starts[line] : starts[line + 1]] if line + 1 < len(starts) else text[starts[line] :]]), [])
        column = next((h for h, c in zip(header, cells, strict=False) if any(True for _ in found_in(c))), "")
        return row_where(line + 1), column

    return place


def in_exports(exports: LocalExports) -> list[Problem]:
    """Personal data in a declared text column of an export file that is neither a key nor declared an identifier;
    the message names the kind, never the value (CI logs are read by many)."""
    found = []
    for name, export in exports.spec.exports.items():
        if name not in exports.files:
            continue
        for ours, column in export.columns.items():
            if column.type != "text" or column.key or column.identifier:
                continue
            condition = f"regexp_matches({identifier(ours)}, {literal(ANY_RE2)})"
            rows, _ = exports.find(name, condition, ours)
            for label, where, line, value in rows:
                kind = next((k for _, k in found_in(str(value))), None)
                if kind is not None:
                    problem = Problem(Code.PERSONAL_DATA, label, where, export.column(ours), gettext(EXPECTED), gettext(kind), line=line)
                    found.append(problem)
                    break  # one per column: the export's whole column needs the same fix
    return found
