"""Problems found in the data, the pages or the built site: a stable code, where, what was expected and what was found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from ..i18n.messages import N_, gettext

Severity = Literal["error", "warning"]


class Code(StrEnum):
    """Why a problem was raised, as pandera's reason codes: stable, so tools and tests match on it, never on the wording."""

    # Reading a file
    MISSING_FILE = "missing_file"
    ENCODING = "encoding"
    YAML_SYNTAX = "yaml_syntax"
    DUPLICATE_KEY = "duplicate_key"
    NO_HEADER = "no_header"
    BAD_QUOTES = "bad_quotes"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    UNKNOWN_COLUMN = "unknown_column"
    CELL_COUNT = "cell_count"
    NO_ROWS = "no_rows"
    MORE_BAD_ROWS = "more_bad_rows"
    MORE_PROBLEMS = "more_problems"
    TOO_LARGE = "too_large"
    YAML_ALIAS = "yaml_alias"
    TOO_DEEP = "too_deep"
    SYMLINK = "symlink"
    PERSONAL_DATA = "personal_data"
    # The shape of one record
    MISSING_VALUE = "missing_value"
    UNKNOWN_FIELD = "unknown_field"
    NOT_A_NUMBER = "not_a_number"
    NOT_A_DATE = "not_a_date"
    NOT_ONE_OF = "not_one_of"
    BAD_FORMAT = "bad_format"
    WRONG_LENGTH = "wrong_length"
    OUT_OF_RANGE = "out_of_range"
    INVALID_VALUE = "invalid_value"
    # Rules across records and files
    DUPLICATE_ID = "duplicate_id"
    DUPLICATE_ROW = "duplicate_row"
    UNKNOWN_REFERENCE = "unknown_reference"
    QUOTE_NOT_IN_SOURCE = "quote_not_in_source"
    BAD_PERIOD = "bad_period"
    FUTURE_PERIOD = "future_period"
    FUTURE_DATE = "future_date"
    BEFORE_START = "before_start"
    BAD_ORDER = "bad_order"
    WRONG_SIDE = "wrong_side"
    NOT_ALLOWED = "not_allowed"
    EITHER_OR = "either_or"
    EXCEEDS_TOTAL = "exceeds_total"
    VALUE_MISMATCH = "value_mismatch"
    FRACTION_NOT_PERCENT = "fraction_not_percent"
    NOT_WHOLE = "not_whole"
    BAD_SCOPE = "bad_scope"
    WRONG_SERIES = "wrong_series"
    MISSING_BASELINE = "missing_baseline"
    PARTIAL_ROLLUP = "partial_rollup"
    BAND_GAP = "band_gap"
    BAND_OVERLAP = "band_overlap"
    BAD_SCALE = "bad_scale"
    RESIDUAL_ABOVE_INHERENT = "residual_above_inherent"
    RULE_GAP = "rule_gap"
    WEIGHTS_SUM = "weights_sum"
    NOT_EFFECTIVE = "not_effective"
    ROLE_CONFLICT = "role_conflict"
    UNIT_MISMATCH = "unit_mismatch"
    OUTSIDE_HORIZON = "outside_horizon"
    ORPHAN = "orphan"
    TRADITIONAL_SCRIPT = "traditional_script"
    DUPLICATE_TERM = "duplicate_term"
    GLOSSARY_VARIANT = "glossary_variant"
    ONE_LANGUAGE = "one_language"
    # Warnings that depend on the day
    STALE = "stale"
    NO_DATA = "no_data"
    OVERDUE = "overdue"
    UNANSWERED_BREACH = "unanswered_breach"
    VERSION_NOT_RAISED = "version_not_raised"
    # Records that stay as published
    COMPUTED_EDITED = "computed_edited"
    STALE_COMPUTED = "stale_computed"
    CLOSED_CHANGED = "closed_changed"
    # Pages in docs/
    NO_FRONT_MATTER = "no_front_matter"
    TITLE_MISMATCH = "title_mismatch"
    MISSING_TRANSLATION = "missing_translation"
    TRANSLATION_DIFFERS = "translation_differs"
    SUPERSESSION = "supersession"
    TYPED_FIGURE = "typed_figure"
    TEMPLATE_CODE = "template_code"
    # KPI queries and exports
    NO_EXPORT_TABLE = "no_export_table"
    BAD_RESULT = "bad_result"
    QUERY_FAILED = "query_failed"
    SQL_NOT_ALLOWED = "sql_not_allowed"
    # The built site
    BAD_ADDRESS = "bad_address"
    BROKEN_LINK = "broken_link"
    MISSING_ANCHOR = "missing_anchor"
    DUPLICATE_HTML_ID = "duplicate_html_id"
    HEADINGS = "headings"
    TABLE_HEADER = "table_header"
    CHART_TEXT = "chart_text"
    COLOUR_ONLY = "colour_only"


@dataclass(frozen=True)
class Problem:
    """One finding, printable on one line so CI logs and editors can show it as is."""

    code: Code
    file: str
    where: str
    field: str
    expected: str
    found: str
    severity: Severity = "error"
    line: int | None = None  # the line of the file it is on, where `where` names a row (for editors' annotations)

    def __str__(self) -> str:
        said = {"file": self.file, "where": self.where, "expected": _cut(self.expected), "found": _cut(self.found)}
        if self.field:
            # i18n: one problem on one line: the file, where in it, the field, what was expected and what was found
            return gettext("{file}, {where}, field '{field}': expected {expected}, found {found}", field=_cut(self.field), **said)
        # i18n: one problem on one line: the file, where in it, what was expected and what was found
        return gettext("{file}, {where}: expected {expected}, found {found}", **said)

    def labelled(self) -> str:
        """The line a person reads in a log: severity, the finding, and its code to look up in docs/maintaining.md."""
        return f"{gettext(SEVERITIES[self.severity])} {self} [{self.code}]"


# i18n: how a log line starts: the problem's severity, in capitals
SEVERITIES: dict[str, str] = {"error": N_("ERROR"), "warning": N_("WARNING")}


# A hostile or badly broken file (a million duplicate rows) gives one screen per file, not a million lines in a log.
MAX_PER_FILE = 50
MAX_SHOWN = 160  # characters of a value quoted in a message; the rest is cut


def reading_order(problems: list[Problem]) -> list[Problem]:
    """Errors before warnings, then by file and by the first row or line number named; at most MAX_PER_FILE
    per file and severity, then one saying how many more there are."""

    def key(p: Problem) -> tuple:
        return (p.severity != "error", p.file, p.code == Code.MORE_PROBLEMS, _number(p.where) or 0)

    kept: list[Problem] = []
    counted: dict[tuple[str, Severity], int] = {}
    summary_at: dict[tuple[str, Severity], int] = {}
    for p in sorted(problems, key=key):
        group = (p.file, p.severity)
        counted[group] = counted.get(group, 0) + (p.code != Code.MORE_PROBLEMS)
        if counted[group] <= MAX_PER_FILE or p.code == Code.MORE_PROBLEMS:
            kept.append(p)
        elif group not in summary_at:  # the group's rows are contiguous: its summary goes where the first unlisted one was
            summary_at[group] = len(kept)
            kept.append(p)
    for (file, severity), at in summary_at.items():
        count = counted[(file, severity)] - MAX_PER_FILE
        where, expected = gettext("after the first {n}", n=MAX_PER_FILE), gettext("no more problems")
        kept[at] = Problem(Code.MORE_PROBLEMS, file, where, "", expected, gettext("{n} more", n=count), severity)
    return kept


def _cut(text: str) -> str:
    if len(text) <= MAX_SHOWN:
        return text
    # i18n: a long value cut short, and how long it was
    return gettext("{start}… ({count} characters)", start=text[:MAX_SHOWN], count=f"{len(text):,}")


def report_lines(problems: list[Problem], annotate: bool) -> list[str]:
    """Each problem as the line a person reads; with `annotate` (in GitHub Actions) also as a workflow command,
    so that it shows on its file's line in the pull request."""
    lines = []
    for p in problems:
        lines.append(p.labelled())
        if annotate:
            number = p.line or _number(p.where)
            place = f"file={_property(p.file)}" + (f",line={number}" if number else "")
            lines.append(f"::{p.severity} {place},title={p.code}::{_data(str(p))}")
    return lines


# The row or line a place names, as `row_where` and `line_where` word it in either language.
_NUMBERED = re.compile(r"(?:line|row) (\d+)|第 (\d+) 行")


def _number(where: str) -> int | None:
    found = _NUMBERED.search(where)
    return int(found.group(1) or found.group(2)) if found else None


def line_where(line: int) -> str:
    """'line 7': a place in a YAML file or a page."""
    return gettext("line {line}", line=line)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def shown(value: object) -> str:
    """Render a found value the way a user typed it: quoted text, bare numbers, 'nothing'."""
    if value is None or value == "":
        return gettext("nothing")
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def first_line(exc: BaseException) -> str:
    """What an engine's error says, in one line: its first, else the error's kind."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
