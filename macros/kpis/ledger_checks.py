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
from ..i18n.messages import gettext

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
            expected = gettext("a ledger {ledger} written with it by {command}", ledger=lock_label, command=REFRESH)
            return [Problem(Code.STALE_COMPUTED, label, gettext("the file"), "", expected, gettext("none"))]
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
            expected, got = gettext("only rows {command} wrote", command=REFRESH), gettext("a row added by hand")
            found.append(Problem(Code.COMPUTED_EDITED, label, where, "", expected, got, line=row.row))
        elif ledger.figures(row.values) != recorded[key]:
            expected = gettext("{figures}, as {command} wrote it", figures=recorded[key], command=REFRESH)
            found.append(Problem(Code.COMPUTED_EDITED, label, where, "value", expected, ledger.figures(row.values), line=row.row))
    for key in sorted(set(recorded) - seen):
        expected = gettext("the row {command} wrote: {figures}", command=REFRESH, figures=recorded[key])
        found.append(Problem(Code.COMPUTED_EDITED, label, key, "", expected, gettext("the row deleted")))
    return found


def _inputs(parts: Parts, recorded: RefreshLedger, label: str, lock_label: str) -> list[Problem]:
    """Each file the ledger recorded is as it was; and, for a refresh on this machine's exports, no other one reads now."""
    assert parts.kpis is not None
    if ledger.recorded_kpis(parts.kpis) != recorded.kpis:
        expected = gettext("the KPIs' queries and cadences {ledger} recorded (run {command})", ledger=lock_label, command=REFRESH)
        got = gettext("data/kpis.yml names other queries or cadences")
        return [Problem(Code.STALE_COMPUTED, label, gettext("the file"), "", expected, got)]
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
                expected = gettext("{file} computed from {name} too, as the queries now read it (run {command})",
                                   file=label, name=name, command=REFRESH)  # fmt: skip
                was = gettext("{name} not read when it was computed on {day}", name=name, day=recorded.refreshed_on)
            else:
                expected = gettext("the {name} that {file} was computed from on {day} (run {command})",
                                   name=name, file=label, day=recorded.refreshed_on, command=REFRESH)  # fmt: skip
                was = gettext("{name} gone since", name=name) if name not in now else gettext("{name} changed since", name=name)
            found.append(Problem(Code.STALE_COMPUTED, label, gettext("the file"), "", expected, was))
    return found
