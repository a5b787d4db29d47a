"""The refresh ledger beside the refresh's output: where it is, what each row and input is recorded as, and
reading and writing it. Refresh writes it (scripts/refresh.py); kpis/ledger_checks.py holds the output to it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml
from pydantic import ValidationError

from .contracts.kpis import Kpi
from .contracts.ledger import LedgerKpi, RefreshLedger
from .exports.catalogue import Catalogue, UnreadableSQL
from .files import file_sha256, read_yaml
from .problems import Problem, line_where
from .schema_errors import problems_from

HEADER = """\
# Written by `make refresh` with the file beside it; never edit it by hand. `make validate` (and so the build and
# the PR check) holds that file to it: every row as refresh wrote it, every file it was computed from unchanged.
"""


def ledger_path(data_dir: Path, output: str) -> Path:
    """measurements/computed.csv → data/measurements/computed.lock.yml."""
    return data_dir / Path(output).with_suffix(".lock.yml")


def row_key(row: Mapping[str, object]) -> str:
    """'on_time_shipment 2026-09' or 'return_rate 2026-09 category=books': a row as the ledger names it."""
    return " ".join(str(part) for part in (row["kpi"], row["period"], row.get("scope") or "") if part)


def reported_kpis(recorded: RefreshLedger | None) -> frozenset[str]:
    """The KPIs the ledger has rows of: a closed period of theirs gets no new value without restating."""
    return frozenset(key.split(" ", 1)[0] for key in recorded.rows) if recorded else frozenset()


def figures(row: Mapping[str, object]) -> str:
    """'97.2 (8123 / 8357)': a row's value and counts as written (a note added by hand is not a figure)."""
    return f"{row['value']} ({row.get('numerator') or ''} / {row.get('denominator') or ''})"


def recorded_kpis(kpis: Iterable[Kpi]) -> dict[str, LedgerKpi]:
    return {k.id: LedgerKpi(query=str(k.query), cadence=k.cadence) for k in kpis if k.query}


def inputs(data_dir: Path, kpis: Iterable[Kpi], export_files: Mapping[str, str]) -> dict[str, str]:
    """The SHA-256 of each file a refresh reads: the exports contract, each KPI's query, the exports' own files."""
    found = {f"{data_dir.name}/exports.yml": file_sha256(data_dir / "exports.yml")}
    for k in kpis:
        if k.query and (data_dir / "queries" / k.query).is_file():
            found[f"{data_dir.name}/queries/{k.query}"] = file_sha256(data_dir / "queries" / k.query)
    return {**found, **export_files}


def dump(ledger: RefreshLedger) -> bytes:
    body = yaml.safe_dump(ledger.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=200)
    return (HEADER + body).encode("utf-8")


def load(path: Path, label: str) -> tuple[RefreshLedger | None, list[Problem]]:
    """The ledger, or the problems with it; (None, []) when there is none."""
    if not path.is_file():
        return None, []
    doc, problems = read_yaml(path, label)
    if doc is None:
        return None, problems
    try:
        return RefreshLedger.model_validate(doc.data), problems
    except ValidationError as exc:
        return None, problems + problems_from(exc, label, lambda loc: (line_where(doc.line(loc) or 1), loc))


def exports_read(kpis: Iterable[Kpi], catalogue: Catalogue, queries: Path) -> list[str]:
    """The exports the KPI queries read, directly or through derived ones, as refresh reads them."""
    names: list[str] = []
    for k in kpis:
        path = queries / str(k.query)
        if k.query and path.is_file():
            try:
                names += catalogue.uses(path.read_text(encoding="utf-8"))
            except UnreadableSQL:  # the queries rule names it
                continue
    return list(dict.fromkeys(names))
