"""Load data/ into typed records, keeping where each record was written for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import TypeAdapter, ValidationError

from ..i18n.messages import N_, gettext
from .contracts.base import columns
from .contracts.exports import ExportsMap
from .contracts.glossary import Term
from .contracts.kpis import Kpi, Measurement
from .contracts.org import Org, Procedure, Source
from .contracts.partners import Merchants, Suppliers
from .contracts.plan import Appraisal, Benchmark, Capa, Commitment, PlanFigure, Roadmap
from .contracts.quarters import QuarterRecord
from .contracts.records import RECORD_FILES
from .contracts.risks import CategoryRiskMethod, RiskRegister
from .exports.local import LocalExports, open_local
from .files import YamlDoc, read_csv, read_text, read_yaml
from .parsed import remembered
from .problems import Code, Problem, line_where
from .schema_errors import problems_from
from .symlinks import links_in
from .tables import Logged, read_records, row_where

MEASUREMENT_COLUMNS = [*Measurement.model_fields, "file", "row", "decimals"]


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
        noun, line = gettext(self.noun), self._line(self.list_key + (index,) + fields)
        if ident:
            # i18n: a record named by its id and the line it is on: risk "R-001" (line 7)
            return gettext('{noun} "{id}" ({line})', noun=noun, id=ident, line=line)
        # i18n: a record without an id, by its position in the file: source #3 (line 12)
        return gettext("{noun} #{n} ({line})", noun=noun, n=index + 1, line=line)

    def _line(self, path: tuple[str | int, ...]) -> str:
        line = self.doc.line(path)
        return line_where(line) if line is not None else gettext("the file (it is empty)")

    def locate(self, loc: tuple[str | int, ...]) -> tuple[str, tuple[str | int, ...]]:
        n = len(self.list_key)
        if loc[:n] == self.list_key and len(loc) > n and isinstance(loc[n], int):
            return self.where(loc[n], *loc[n + 1 :]), loc[n + 1 :]
        return self._line(loc), loc


@dataclass
class Parts:
    """What loaded; a part is None when its file is missing or does not match its contract."""

    root: Path
    data_dir: Path
    sources: list[Source] | None = None
    source_texts: dict[str, str] = field(default_factory=dict)
    org: Org | None = None
    kpis: list[Kpi] | None = None
    procedures: list[Procedure] | None = None
    register: RiskRegister | None = None
    commitments: list[Commitment] | None = None
    benchmarks: list[Benchmark] | None = None
    costs: list[PlanFigure] | None = None
    roadmap: Roadmap | None = None
    category_risk: CategoryRiskMethod | None = None
    suppliers: Suppliers | None = None
    merchants: Merchants | None = None
    capa: Capa | None = None
    appraisal: Appraisal | None = None
    exports_map: ExportsMap | None = None
    glossary: list[Term] | None = None
    exports: LocalExports | None = None  # every provided export, checked and open for the rules and the build to read
    records: dict[str, list[Logged] | None] = field(default_factory=dict)
    parsed_cache: Path | None = None  # where files read before are remembered (data/parsed.py)
    measurements: pd.DataFrame | None = None
    quarter_records: dict[str, QuarterRecord] = field(default_factory=dict)  # data/records/YYYY-Qn.yml, by quarter

    @property
    def activity_log(self) -> list[Logged] | None:
        return self.records.get("activity_log.csv")

    located: dict[str, Located] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def loaded(self, name: str) -> bool:
        """Whether a file of data/ (a name from YAML_FILES or RECORD_FILES, or MEASUREMENTS) loaded and matched its contract."""
        if name in YAML_FILES:
            return getattr(self, YAML_FILES[name].part) is not None
        if name == MEASUREMENTS:
            return self.measurements is not None
        return self.records.get(name) is not None


@dataclass(frozen=True)
class YamlFile:
    """A YAML file of data/: the part it loads into, its contract, and how its records are named in messages."""

    part: str
    shape: Any
    list_key: tuple[str, ...]
    noun: str


YAML_FILES = {
    "sources.yml": YamlFile("sources", list[Source], (), N_("source")),
    "org.yml": YamlFile("org", Org, ("departments",), N_("department")),
    "kpis.yml": YamlFile("kpis", list[Kpi], (), N_("KPI")),
    "procedures.yml": YamlFile("procedures", list[Procedure], (), N_("procedure")),
    "risks.yml": YamlFile("register", RiskRegister, ("risks",), N_("risk")),
    "commitments.yml": YamlFile("commitments", list[Commitment], (), N_("commitment")),
    "benchmarks.yml": YamlFile("benchmarks", list[Benchmark], (), N_("benchmark")),
    "costs.yml": YamlFile("costs", list[PlanFigure], (), N_("figure")),
    "roadmap.yml": YamlFile("roadmap", Roadmap, ("items",), N_("roadmap item")),
    "category_risk.yml": YamlFile("category_risk", CategoryRiskMethod, (), N_("setting")),
    "suppliers.yml": YamlFile("suppliers", Suppliers, ("suppliers",), N_("supplier")),
    "merchants.yml": YamlFile("merchants", Merchants, ("merchants",), N_("merchant")),
    "capa.yml": YamlFile("capa", Capa, ("actions",), N_("action")),
    "appraisal.yml": YamlFile("appraisal", Appraisal, (), N_("setting")),
    "exports.yml": YamlFile("exports_map", ExportsMap, (), N_("setting")),
    "glossary.yml": YamlFile("glossary", list[Term], (), N_("term")),
}
# The other kinds of record the checks name (Located's noun, or `duplicates`'): translated where shown.
OTHER_NOUNS = (N_("cadence"), N_("decision"), N_("RACI activity"))
MEASUREMENTS = "measurements"
QUARTER_RECORDS = "records"


def load_parts(data_dir: Path, exports_cache: Path | None = None, parsed_cache: Path | None = None) -> Parts:
    """Read every data file, collecting all shape and type problems instead of stopping at one; nothing at all
    while data/ or sources/ holds a symbolic link. With `parsed_cache`, a file unchanged since it was last read is
    not parsed again (data/parsed.py)."""
    linked = _links(data_dir)
    if linked:
        return linked
    parts = _load(data_dir, list(YAML_FILES), parsed_cache)
    for source in parts.sources or []:
        path = parts.root / source.file
        if path.is_file():
            text, problems = read_text(path, source.file)
            parts.problems += problems
            if text is not None:
                parts.source_texts[source.id] = text
    parts.measurements = _load_measurements(parts)
    for name in RECORD_FILES:
        parts.records[name] = _load_records(parts, name)
    parts.quarter_records = _load_quarter_records(parts)
    if parts.exports_map is not None:
        parts.exports = open_local(data_dir.resolve(), parts.exports_map, cache=exports_cache)
        parts.problems += parts.exports.problems
    return parts


def closed_quarters(data_dir: Path) -> list[str]:
    """The quarters data/records/ holds a record of, by file name (the contract holds each name to its quarter)."""
    return sorted(p.stem for p in (data_dir / QUARTER_RECORDS).glob("*.yml"))


def _load_quarter_records(parts: Parts) -> dict[str, QuarterRecord]:
    found = {}
    for path in sorted((parts.data_dir / QUARTER_RECORDS).glob("*.yml")):
        label = f"{parts.data_dir.name}/{QUARTER_RECORDS}/{path.name}"
        doc, problems = read_yaml(path, label)
        parts.problems += problems
        if doc is None:
            continue
        try:
            record = QuarterRecord.model_validate(doc.data)
        except ValidationError as exc:
            parts.problems += problems_from(exc, label, lambda loc, d=doc: (line_where(d.line(loc) or 1), loc))
            continue
        if record.quarter != path.stem:
            expected = gettext("the record of {quarter}, as its file is named", quarter=path.stem)
            parts.problems.append(
                Problem(Code.INVALID_VALUE, label, line_where(doc.line(("quarter",)) or 1), "quarter", expected, record.quarter)
            )
            continue
        found[record.quarter] = record
    return found


def load_refresh_inputs(data_dir: Path) -> Parts:
    """Only what `make refresh` needs: the KPIs, the export mapping and the measurements already written."""
    linked = _links(data_dir)
    if linked:
        return linked
    parts = _load(data_dir, ["kpis.yml", "exports.yml"])
    parts.measurements = _load_measurements(parts)
    return parts


def load_glossary(data_dir: Path) -> list[Term] | None:
    """Only the glossary, which the search's dictionary is made from before any page; None when it does not load
    (the build's validation says why)."""
    if _links(data_dir):
        return None
    return _load(data_dir, ["glossary.yml"]).glossary


def _links(data_dir: Path) -> Parts | None:
    data_dir = data_dir.resolve()
    root = data_dir.parent
    problems = links_in(data_dir, root) + (links_in(root / "sources", root) if (root / "sources").is_dir() else [])
    return Parts(root=root, data_dir=data_dir, problems=problems) if problems else None


def _load(data_dir: Path, names: list[str], parsed_cache: Path | None = None) -> Parts:
    data_dir = data_dir.resolve()
    parts = Parts(root=data_dir.parent, data_dir=data_dir, parsed_cache=parsed_cache)
    for name in names:
        spec = YAML_FILES[name]
        setattr(parts, spec.part, _load_yaml(parts, name, spec))
    return parts


def _load_yaml(parts: Parts, name: str, spec: YamlFile) -> Any:
    label = f"{parts.data_dir.name}/{name}"
    path = parts.data_dir / name
    if not path.is_file():
        parts.problems.append(_missing_file(label))
        return None
    located, value, problems = remembered(parts.parsed_cache, "yaml", path, label, lambda: _read_yaml_part(path, label, spec))
    parts.problems += problems
    if located is not None:
        parts.located[name] = located
    return value


def _read_yaml_part(path: Path, label: str, spec: YamlFile) -> tuple[Located | None, Any, list[Problem]]:
    """A YAML file read and held to its contract: where each key was written, the value (None if it fails), the problems."""
    doc, problems = read_yaml(path, label)
    if doc is None:
        return None, None, problems
    located = Located(label, doc, spec.list_key, spec.noun)
    try:
        return located, TypeAdapter(spec.shape).validate_python(doc.data), problems
    except ValidationError as exc:
        return located, None, problems + problems_from(exc, label, located.locate)


def _load_measurements(parts: Parts) -> pd.DataFrame:
    records: list[dict[str, Any]] = []
    folder = parts.data_dir / "measurements"
    label = f"{parts.data_dir.name}/measurements"
    if not folder.is_dir():
        expected = gettext("a folder {folder}/ of CSV files", folder=label)
        parts.problems.append(Problem(Code.MISSING_FILE, label, gettext("the data folder"), "", expected, gettext("no such folder")))
    for path in sorted(folder.glob("*.csv")):
        label = f"{parts.data_dir.name}/measurements/{path.name}"
        rows, problems = read_csv(path, label, *columns(Measurement))
        parts.problems += problems
        if not rows and not problems:
            parts.problems.append(
                Problem(
                    Code.NO_ROWS,
                    label,
                    row_where(2),
                    "",
                    gettext("at least one row of measurements"),
                    gettext("only the header"),
                    "warning",
                )
            )
        for row in rows:
            cells = {k: (v if v != "" else None) for k, v in row.values.items()}
            try:
                m = Measurement.model_validate(cells)
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
    record = RECORD_FILES[name]
    label = f"{parts.data_dir.name}/{name}"
    path = parts.data_dir / name
    if not path.is_file():
        parts.problems.append(_missing_file(label))
        return None

    def read() -> tuple[list[tuple[int, tuple]], list[Problem]]:
        logged, problems = read_records(path, label, record.model, record.row, record.naming, MAX_ROW_PROBLEMS)
        return [(r.row, tuple(r.entry)) for r in logged], problems  # plain tuples: unpickled ten times as fast as rows

    rows, problems = remembered(parts.parsed_cache, "records", path, label, read)
    logged = [Logged(n, record.row._make(values)) for n, values in rows]
    parts.problems += problems
    return logged


def _missing_file(label: str) -> Problem:
    where, expected = gettext("the data folder"), gettext("a file {file}", file=label)
    return Problem(Code.MISSING_FILE, label, where, "", expected, gettext("no such file"))


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
