"""A record file checked a column at a time says exactly what the contract, row by row, says: the same rows kept with
the same values, the same problems in the same words."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from macros.data.contracts.records import RECORD_FILES
from macros.data.schema_errors import problems_from
from macros.data.tables import column_of, read_records, row_where

# Cells as a department lead's spreadsheet has them: good values, blanks, negatives, decimals where whole numbers
# belong, words, infinities, dates in other formats, and the odd space.
CELL = st.sampled_from(["0", "7", "120", "-3", "2.5", "1e3", "", " ", "abc", "inf", "NaN", "4.75", "+5", "00012",
                        "2026-10-31", "2026-13-01", "31/10/2026", "2026-1-5", "MER-01", "SUP-02", "x" * 40,
                        "prevention", "appraisal", "failure_internal", "2025", "1999"])  # fmt: skip
MAX = 20


def row_by_row(path: Path, label: str, name: str) -> tuple[list[tuple[int, tuple]], list]:
    """What the contract says of each row, one model per row: an independent reading of the same file."""
    record = RECORD_FILES[name]
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, kept, problems, bad = rows[0], [], [], 0
    for number, cells in enumerate(rows[1:], start=2):
        values = {h: (c.strip() or None) for h, c in zip(header, cells, strict=True)}
        try:
            model = record.model.model_validate(values)
        except ValidationError as exc:
            bad += 1
            if bad <= MAX:
                where = row_where(number, *(values.get(f) for f in record.naming))
                problems += problems_from(exc, label, lambda loc, w=where: (w, loc))
            continue
        kept.append((number, tuple(getattr(model, f) for f in record.model.model_fields)))
    return kept, problems


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")


# A value each kind of column accepts, so that most rows are whole and their values are compared too.
GOOD = {"int": ["0", "7", "120"], "float": ["0", "4.75", "120"], "date": ["2026-10-31"], "str": ["MER-01", "2026-10"]}


def _case(name: str) -> st.SearchStrategy:
    model = RECORD_FILES[name].model
    columns = [column_of(n, f) for n, f in model.model_fields.items()]
    cell = [st.one_of(st.sampled_from(GOOD.get(c.kind) or list(c.choices)), st.sampled_from(GOOD.get(c.kind) or list(c.choices)), CELL)
            for c in columns]  # fmt: skip
    return st.lists(st.tuples(*cell).map(list), min_size=1, max_size=30)


def _holds(tmp_path: Path, name: str, rows: list[list[str]]) -> None:
    record = RECORD_FILES[name]
    path, label = tmp_path / name, f"data/{name}"
    write(path, list(record.model.model_fields), rows)
    logged, problems = read_records(path, label, record.model, record.row, record.naming, MAX)
    expected_rows, expected_problems = row_by_row(path, label, name)
    assert [(r.row, tuple(r.entry)) for r in logged] == expected_rows
    assert [str(p) for p in problems if p.code != "more_bad_rows"] == [str(p) for p in expected_problems]


@pytest.mark.parametrize("name", sorted(RECORD_FILES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_record_file_read_by_column_says_what_its_rows_say(tmp_path: Path, name: str, data: st.DataObject) -> None:
    _holds(tmp_path, name, data.draw(_case(name)))


def test_past_the_listed_bad_rows_the_rest_are_counted(tmp_path: Path) -> None:
    record = RECORD_FILES["merchant_months.csv"]
    write(tmp_path / "m.csv", list(record.model.model_fields), [["MER-01", "2026-01", "-1", "1", "1", "4", "1", "1"]] * 30)
    logged, problems = read_records(tmp_path / "m.csv", "data/m.csv", record.model, record.row, record.naming, MAX)
    assert logged == [] and [p.code for p in problems].count("out_of_range") == MAX
    assert problems[-1].code == "more_bad_rows" and problems[-1].found.startswith(str(30 - MAX))
