"""Turn pydantic's validation errors into Problems a department lead can act on."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

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
            expected, got = "a value (the field is required)", "nothing"
        elif kind == "extra_forbidden":
            expected, got = "only known fields (is the name misspelt?)", f"an unknown field '{field}'"
        elif kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") in PATTERNS:
            expected, got = PATTERNS[err["ctx"]["pattern"]], shown(err.get("input"))
        else:
            expected, got = _PLAIN.get(kind) or _expectation(err["msg"]), shown(err.get("input"))
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
    r"^[a-z][a-z0-9_]*$": "an id of lower-case letters, digits and _, starting with a letter (e.g. on_time_shipment)",
    r"^[a-z][a-z0-9-]*$": "an id of lower-case letters, digits and -, starting with a letter (e.g. quality-inspection)",
    r"^[A-Za-z0-9_-]{1,32}$": "an id of letters, digits, - and _, at most 32 characters (e.g. SUP-01 or 4003002211)",
    r"^R-\d{3,}$": "a risk id like R-001 (three digits or more)",
    r"^CA-\d{3,}$": "an action id like CA-001 (three digits or more)",
    r"^RM-\d{2,}$": "a roadmap id like RM-01 (two digits or more)",
    r"^S\d+$": "a source id like S1",
    r"^#[0-9a-fA-F]{6}$": "a colour like #c62828",
    r"^[\w-]+(/[\w-]+)*\.sql$": "a file in data/queries/, such as return_rate.sql (no .. or absolute path)",
    r"^sources/[\w-][\w.-]*$": "a file in sources/, such as sources/S1-25f32abc030c4ccf.txt (no .. or absolute path)",
}

# Where pydantic's wording is about Python rather than the file, say it in the file's terms.
_PLAIN = {
    "model_type": "key: value pairs (a mapping)",
    "dict_type": "key: value pairs (a mapping)",
    "list_type": "a list (lines starting with '- ')",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_type": "a date written YYYY-MM-DD",
    "string_type": "text (put quotes around it)",
}


def _expectation(msg: str) -> str:
    for prefix in _PREFIXES:
        if msg.startswith(prefix):
            rest = msg[len(prefix) :]
            return rest if prefix != "String should " else "text that should " + rest
    return msg[0].lower() + msg[1:]
