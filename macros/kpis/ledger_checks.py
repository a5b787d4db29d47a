"""The refresh's output held to its ledger: every row as `make refresh` wrote it, and every file it was computed
from unchanged since, so a hand edit or a forgotten refresh cannot be merged (data/ledger.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..data import ledger
from ..data.contracts.base import columns
from ..data.contracts.kpis import Measurement
from ..data.contracts.ledger import RefreshLedger
from ..data.files import CsvRow, data_label, read_csv
from ..data.loading import Parts, row_where
from ..data.problems import Code, Problem

REFRESH = "make refresh (python -m scripts.refresh)"


def output(parts: Parts, today: date) -> list[Problem]:
    """The output's rows are the ledger's, and the exports, queries and contract it recorded are unchanged."""
    if parts.kpis is None or parts.exports_map is None:
        return []
    out = parts.exports_map.refresh.output
    path, label = parts.data_dir / out, f"{parts.data_dir.name}/{out}"
    lock = ledger.ledger_path(parts.data_dir, out)
    lock_label = data_label(lock, parts.data_dir)
    recorded, found = ledger.load(lock, lock_label)
    if found:
        return found
    if recorded is None:
        if path.is_file():
            return [Problem(Code.STALE_COMPUTED, label, "the file", "", f"a ledger {lock_label} written with it by {REFRESH}", "none")]
        return []
    return edits(path, label, recorded) + _inputs(parts, recorded, label, lock_label)


def edits(path: Path, label: str, recorded: RefreshLedger) -> list[Problem]:
    """Each row of the output that is not as refresh wrote it: added, changed or deleted by hand."""
    rows, found = read_csv(path, label, *columns(Measurement)) if path.is_file() else ([], [])
    return found or _rows(rows, recorded.rows, label)


def _rows(rows: list[CsvRow], recorded: dict[str, str], label: str) -> list[Problem]:
    found, seen = [], set()
    for row in rows:
        key = ledger.row_key(row.values)
        seen.add(key)
        where = row_where(row.row, key)
        if key not in recorded:
            found.append(Problem(Code.COMPUTED_EDITED, label, where, "", f"only rows {REFRESH} wrote", "a row added by hand", line=row.row))
        elif ledger.figures(row.values) != recorded[key]:
            expected = f"{recorded[key]}, as {REFRESH} wrote it"
            found.append(Problem(Code.COMPUTED_EDITED, label, where, "value", expected, ledger.figures(row.values), line=row.row))
    for key in sorted(set(recorded) - seen):
        found.append(Problem(Code.COMPUTED_EDITED, label, key, "", f"the row {REFRESH} wrote: {recorded[key]}", "the row deleted"))
    return found


def _inputs(parts: Parts, recorded: RefreshLedger, label: str, lock_label: str) -> list[Problem]:
    """Each file the ledger recorded is as it was; and, for a refresh on this machine's exports, no other one reads now."""
    assert parts.kpis is not None
    if ledger.recorded_kpis(parts.kpis) != recorded.kpis:
        expected = f"the KPIs' queries and cadences {lock_label} recorded (run {REFRESH})"
        return [Problem(Code.STALE_COMPUTED, label, "the file", "", expected, "data/kpis.yml names other queries or cadences")]
    local = parts.exports is not None and recorded.engine == "DuckDB"  # a warehouse's tables are not files here
    exports = {}
    if local:
        assert parts.exports is not None
        exports = parts.exports.file_digests(ledger.exports_read(parts.kpis, parts.exports.catalogue, parts.data_dir / "queries"))
    now = ledger.inputs(parts.data_dir, parts.kpis, exports)
    found = []
    for name in sorted(set(recorded.inputs) | (set(now) if local else set())):
        if recorded.inputs.get(name) != now.get(name):
            if name not in recorded.inputs:  # read now, but not when it was computed
                expected = f"{label} computed from {name} too, as the queries now read it (run {REFRESH})"
                was = f"{name} not read when it was computed on {recorded.refreshed_on}"
            else:
                expected = f"the {name} that {label} was computed from on {recorded.refreshed_on} (run {REFRESH})"
                was = f"{name} {'gone' if name not in now else 'changed'} since"
            found.append(Problem(Code.STALE_COMPUTED, label, "the file", "", expected, was))
    return found
