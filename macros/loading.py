"""Load data/ into typed records, keeping where each record was written for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import TypeAdapter, ValidationError

from . import contracts as c
from .files import YamlDoc, read_csv, read_text, read_yaml
from .problems import Problem
from .schema_errors import problems_from

MEASUREMENT_COLUMNS = ["kpi", "period", "value", "numerator", "denominator", "scope", "source", "note", "file", "row", "decimals"]


@dataclass
class Located:
    """A YAML file's records and how to say where any of their fields was written."""

    label: str
    doc: YamlDoc
    list_key: tuple[str, ...]
    noun: str

    def where(self, index: int | None = None, *fields: str | int) -> str:
        if index is None:
            return self._line(self.list_key + fields)
        item = _dig(self.doc.data, self.list_key + (index,))
        ident = item.get("id") if isinstance(item, dict) else None
        name = f'{self.noun} "{ident}"' if ident else f"{self.noun} #{index + 1}"
        return f"{name} ({self._line(self.list_key + (index,) + fields)})"

    def _line(self, path: tuple[str | int, ...]) -> str:
        line = self.doc.line(path)
        return f"line {line}" if line is not None else "the file (it is empty)"

    def locate(self, loc: tuple[str | int, ...]) -> tuple[str, tuple[str | int, ...]]:
        n = len(self.list_key)
        if loc[:n] == self.list_key and len(loc) > n and isinstance(loc[n], int):
            return self.where(loc[n], *loc[n + 1 :]), loc[n + 1 :]
        return self._line(loc), loc


@dataclass(frozen=True)
class Logged:
    """One CSV row's record with its spreadsheet row number."""

    row: int
    entry: Any


@dataclass
class Parts:
    """What loaded; a part is None when its file is missing or does not match its contract."""

    root: Path
    data_dir: Path
    sources: list[c.Source] | None = None
    source_texts: dict[str, str] = field(default_factory=dict)
    org: c.Org | None = None
    kpis: list[c.Kpi] | None = None
    procedures: list[c.Procedure] | None = None
    register: c.RiskRegister | None = None
    commitments: list[c.Commitment] | None = None
    benchmarks: list[c.Benchmark] | None = None
    costs: list[c.PlanFigure] | None = None
    roadmap: c.Roadmap | None = None
    category_risk: c.CategoryRiskMethod | None = None
    suppliers: c.Suppliers | None = None
    merchants: c.Merchants | None = None
    capa: c.Capa | None = None
    appraisal: c.Appraisal | None = None
    exports_map: c.ExportsMap | None = None
    records: dict[str, list[Logged] | None] = field(default_factory=dict)
    measurements: pd.DataFrame | None = None

    @property
    def activity_log(self) -> list[Logged] | None:
        return self.records.get("activity_log.csv")

    located: dict[str, Located] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_parts(data_dir: Path) -> Parts:
    """Read every data file, collecting all shape and type problems instead of stopping at one."""
    data_dir = data_dir.resolve()
    parts = Parts(root=data_dir.parent, data_dir=data_dir)
    parts.sources = _load_yaml(parts, "sources.yml", list[c.Source], (), "source")
    parts.org = _load_yaml(parts, "org.yml", c.Org, ("departments",), "department")
    parts.kpis = _load_yaml(parts, "kpis.yml", list[c.Kpi], (), "KPI")
    parts.procedures = _load_yaml(parts, "procedures.yml", list[c.Procedure], (), "procedure")
    parts.register = _load_yaml(parts, "risks.yml", c.RiskRegister, ("risks",), "risk")
    parts.commitments = _load_yaml(parts, "commitments.yml", list[c.Commitment], (), "commitment")
    parts.benchmarks = _load_yaml(parts, "benchmarks.yml", list[c.Benchmark], (), "benchmark")
    parts.costs = _load_yaml(parts, "costs.yml", list[c.PlanFigure], (), "figure")
    parts.roadmap = _load_yaml(parts, "roadmap.yml", c.Roadmap, ("items",), "roadmap item")
    parts.category_risk = _load_yaml(parts, "category_risk.yml", c.CategoryRiskMethod, (), "setting")
    parts.suppliers = _load_yaml(parts, "suppliers.yml", c.Suppliers, ("suppliers",), "supplier")
    parts.merchants = _load_yaml(parts, "merchants.yml", c.Merchants, ("merchants",), "merchant")
    parts.capa = _load_yaml(parts, "capa.yml", c.Capa, ("actions",), "action")
    parts.appraisal = _load_yaml(parts, "appraisal.yml", c.Appraisal, (), "setting")
    parts.exports_map = _load_yaml(parts, "exports.yml", c.ExportsMap, (), "setting")
    for source in parts.sources or []:
        path = parts.root / source.file
        if path.is_file():
            text, problems = read_text(path, source.file)
            parts.problems += problems
            if text is not None:
                parts.source_texts[source.id] = text
    parts.measurements = _load_measurements(parts)
    for name in c.RECORD_FILES:
        parts.records[name] = _load_records(parts, name)
    return parts


def load_refresh_inputs(data_dir: Path) -> Parts:
    """Only what `make refresh` needs: the KPIs, the export mapping and the measurements already written."""
    data_dir = data_dir.resolve()
    parts = Parts(root=data_dir.parent, data_dir=data_dir)
    parts.kpis = _load_yaml(parts, "kpis.yml", list[c.Kpi], (), "KPI")
    parts.exports_map = _load_yaml(parts, "exports.yml", c.ExportsMap, (), "setting")
    parts.measurements = _load_measurements(parts)
    return parts


def _load_yaml(parts: Parts, name: str, shape: Any, list_key: tuple[str, ...], noun: str) -> Any:
    label = f"{parts.data_dir.name}/{name}"
    path = parts.data_dir / name
    if not path.is_file():
        parts.problems.append(Problem(label, "the data folder", "", f"a file {label}", "no such file"))
        return None
    doc, problems = read_yaml(path, label)
    parts.problems += problems
    if doc is None:
        return None
    located = Located(label, doc, list_key, noun)
    parts.located[name] = located
    try:
        return TypeAdapter(shape).validate_python(doc.data)
    except ValidationError as exc:
        parts.problems += problems_from(exc, label, located.locate)
        return None


def _load_measurements(parts: Parts) -> pd.DataFrame:
    records: list[dict[str, Any]] = []
    folder = parts.data_dir / "measurements"
    label = f"{parts.data_dir.name}/measurements"
    if not folder.is_dir():
        parts.problems.append(Problem(label, "the data folder", "", f"a folder {label}/ of CSV files", "no such folder"))
    for path in sorted(folder.glob("*.csv")):
        label = f"{parts.data_dir.name}/measurements/{path.name}"
        rows, problems = read_csv(path, label, c.MEASUREMENT_REQUIRED, c.MEASUREMENT_OPTIONAL)
        parts.problems += problems
        if not rows and not problems:
            parts.problems.append(Problem(label, "row 2", "", "at least one row of measurements", "only the header", "warning"))
        for row in rows:
            cells = {k: (v if v != "" else None) for k, v in row.values.items()}
            try:
                m = c.Measurement.model_validate(cells)
            except ValidationError as exc:
                where = row_where(row.row, cells.get("kpi"), cells.get("period"), cells.get("scope"))
                parts.problems += problems_from(exc, label, lambda loc, w=where: (w, loc))
                continue
            scope = "=".join(part.strip() for part in m.scope.split("=", 1)) if m.scope else ""
            decimals = _decimals(row.values["value"])
            records.append({**m.model_dump(), "scope": scope, "file": label, "row": row.row, "decimals": decimals})
    frame = pd.DataFrame.from_records(records, columns=MEASUREMENT_COLUMNS)
    types = {"value": "float64", "numerator": "float64", "denominator": "float64", "row": "int64", "decimals": "int64"}
    return frame.astype(types)


# Past this many bad rows in one file, the rest are counted, not listed: an export
# with a wrong date format in every row gives one screen of errors, not thousands.
MAX_ROW_PROBLEMS = 20


def _load_records(parts: Parts, name: str) -> list[Logged] | None:
    model, required, optional, naming = c.RECORD_FILES[name]
    label = f"{parts.data_dir.name}/{name}"
    path = parts.data_dir / name
    if not path.is_file():
        parts.problems.append(Problem(label, "the data folder", "", f"a file {label}", "no such file"))
        return None
    renamed = _renamed(parts.exports_map, name)
    rows, problems = read_csv(path, label, required, optional, renamed)
    logged, bad = [], 0
    for row in rows:
        cells = {k: (v if v != "" else None) for k, v in row.values.items()}
        try:
            logged.append(Logged(row.row, model.model_validate(cells)))
        except ValidationError as exc:
            bad += 1
            if bad <= MAX_ROW_PROBLEMS:
                where = row_where(row.row, *(cells.get(f) for f in naming))
                found = problems_from(exc, label, lambda loc, w=where: (w, loc))
                problems += [replace(p, field=renamed.get(p.field, p.field)) for p in found]  # the column as the file names it
    if bad > MAX_ROW_PROBLEMS:
        problems.append(
            Problem(
                label, f"after the first {MAX_ROW_PROBLEMS} bad rows", "", "valid rows", f"{bad - MAX_ROW_PROBLEMS} more rows with problems"
            )
        )
    parts.problems += problems
    return logged


def _renamed(exports_map: c.ExportsMap | None, name: str) -> dict[str, str]:
    """How the export in file `name` names the handbook's columns, where data/exports.yml says it differs."""
    for table in exports_map.tables.values() if exports_map else ():
        if table.file == name:
            return {ours: col.name for ours, col in table.columns.items() if col.name}
    return {}


def row_where(row: int, *context: str | None) -> str:
    """'row 7 (return_rate 2026-10 category=food)': the spreadsheet row and what it is about."""
    about = " ".join(v for v in context if v)
    return f"row {row} ({about})" if about else f"row {row}"


def _decimals(text: str) -> int:
    """How precisely a number was written: '98.2' → 1, '98' → 0; an exponent counts as very precise."""
    if "e" in text.lower():
        return 6
    return len(text.partition(".")[2])


def _dig(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data
