"""Turn pydantic's validation errors into Problems a department lead can act on."""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import ValidationError

from ..i18n.messages import N_, gettext
from .problems import Code, Problem, shown

# pydantic phrases the expectation after one of these prefixes.
_PREFIXES = ("Input should be ", "Value error, ", "String should ")


def problems_from(
    exc: ValidationError, label: str, locate: Callable[[tuple[str | int, ...]], tuple[str, tuple[str | int, ...]]]
) -> list[Problem]:
    """One Problem per pydantic error; `locate` turns an error location into (where, field path)."""
    found: list[Problem] = []
    for err in exc.errors():
        where, field_path = locate(tuple(err["loc"]))
        field = ".".join(str(p) for p in field_path)
        kind = err["type"]
        if kind == "missing":
            expected, got = gettext("a value (the field is required)"), gettext("nothing")
        elif kind == "extra_forbidden":
            expected, got = gettext("only known fields (is the name misspelt?)"), gettext("an unknown field '{field}'", field=field)
        elif kind == "string_pattern_mismatch" and (pattern := err.get("ctx", {}).get("pattern")) in PATTERNS:
            expected, got = gettext(PATTERNS[pattern]), shown(err.get("input"))
        elif kind in _PLAIN:
            expected, got = gettext(_PLAIN[kind]), shown(err.get("input"))
        else:
            expected, got = _expectation(kind, err["msg"]), shown(err.get("input"))
        found.append(Problem(code_of(kind), label, where, field, expected, got))
    return found


def code_of(kind: str) -> Code:
    """Our stable code for one of pydantic's error types."""
    for prefix, code in _CODES:
        if kind.startswith(prefix):
            return code
    return Code.INVALID_VALUE


_CODES = (
    ("missing", Code.MISSING_VALUE),
    ("extra_forbidden", Code.UNKNOWN_FIELD),
    ("float", Code.NOT_A_NUMBER),
    ("int", Code.NOT_A_NUMBER),
    ("finite_number", Code.NOT_A_NUMBER),
    ("date", Code.NOT_A_DATE),
    ("datetime", Code.NOT_A_DATE),
    ("timezone", Code.NOT_A_DATE),
    ("literal_error", Code.NOT_ONE_OF),
    ("enum", Code.NOT_ONE_OF),
    ("string_pattern_mismatch", Code.BAD_FORMAT),
    ("string_too", Code.WRONG_LENGTH),
    ("too_", Code.WRONG_LENGTH),
    ("greater_than", Code.OUT_OF_RANGE),
    ("less_than", Code.OUT_OF_RANGE),
)


# What the contracts' patterns ask for, in words (the others are shown as the pattern itself).
PATTERNS = {
    r"^[a-z][a-z0-9_]*$": N_("an id of lower-case letters, digits and _, starting with a letter (e.g. on_time_shipment)"),
    r"^[a-z][a-z0-9-]*$": N_("an id of lower-case letters, digits and -, starting with a letter (e.g. quality-inspection)"),
    r"^[A-Za-z0-9_-]{1,32}$": N_("an id of letters, digits, - and _, at most 32 characters (e.g. SUP-01 or 4003002211)"),
    r"^R-\d{3,}$": N_("a risk id like R-001 (three digits or more)"),
    r"^CA-\d{3,}$": N_("an action id like CA-001 (three digits or more)"),
    r"^RM-\d{2,}$": N_("a roadmap id like RM-01 (two digits or more)"),
    r"^S\d+$": N_("a source id like S1"),
    r"^#[0-9a-fA-F]{6}$": N_("a colour like #c62828"),
    r"^[\w-]+(/[\w-]+)*\.sql$": N_("a file in data/queries/, such as return_rate.sql (no .. or absolute path)"),
    r"^sources/[\w-][\w.-]*$": N_("a file in sources/, such as sources/S1-25f32abc030c4ccf.txt (no .. or absolute path)"),
}

# Where pydantic's wording is about Python rather than the file, say it in the file's terms.
_PLAIN = {
    "model_type": N_("key: value pairs (a mapping)"),
    "dict_type": N_("key: value pairs (a mapping)"),
    "list_type": N_("a list (lines starting with '- ')"),
    "date_from_datetime_parsing": N_("a date written YYYY-MM-DD"),
    "date_parsing": N_("a date written YYYY-MM-DD"),
    "date_type": N_("a date written YYYY-MM-DD"),
    "string_type": N_("text (put quotes around it)"),
}


# pydantic's own wording of what it expected, by error type, read back into its values and said in the build's
# language; English keeps pydantic's text exactly, and a text none of these match stays as pydantic wrote it.
_WORDED: dict[str, tuple[str, ...]] = {
    "float_parsing": (N_("a valid number, unable to parse string as a number"),),
    "float_type": (N_("a valid number"),),
    "int_parsing": (N_("a valid integer, unable to parse string as an integer"),),
    "int_from_float": (N_("a valid integer, got a number with a fractional part"),),
    "int_type": (N_("a valid integer"),),
    "finite_number": (N_("a finite number"),),
    "bool_parsing": (N_("a valid boolean, unable to interpret input"),),
    "bool_type": (N_("a valid boolean"),),
    "greater_than": (N_("greater than {limit}"),),
    "greater_than_equal": (N_("greater than or equal to {limit}"),),
    "less_than": (N_("less than {limit}"),),
    "less_than_equal": (N_("less than or equal to {limit}"),),
    # i18n: {choices} and {last} are quoted values: 'draft', 'approved' or 'obsolete'
    "literal_error": (N_("{choices} or {last}"),),
    "string_too_short": (N_("text that should have at least {n} character"), N_("text that should have at least {n} characters")),
    "string_too_long": (N_("text that should have at most {n} character"), N_("text that should have at most {n} characters")),
    "too_short": (
        N_("list should have at least {n} item after validation, not {found}"),
        N_("list should have at least {n} items after validation, not {found}"),
    ),
}


def _expectation(kind: str, msg: str) -> str:
    prefix = next((p for p in _PREFIXES if msg.startswith(p)), "")
    rest = msg[len(prefix) :] if prefix else msg[0].lower() + msg[1:]
    english = "text that should " + rest if prefix == "String should " else rest
    for template in _WORDED.get(kind, ()):
        if matched := _pattern(template).fullmatch(english):
            return gettext(template, **matched.groupdict())
    return gettext("text that should {rule}", rule=rest) if prefix == "String should " else rest


def _pattern(template: str) -> re.Pattern[str]:
    """A template's English as a pattern that reads its {placeholders} back."""
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)))
