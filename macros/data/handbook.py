"""The validated handbook data, with lookups the views need."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from .contracts.exports import ExportsMap
from .contracts.glossary import Term
from .contracts.kpis import Kpi
from .contracts.org import Cadence, Department, Procedure, Raci, Source
from .contracts.partners import Merchants, Suppliers
from .contracts.plan import Appraisal, Benchmark, Capa, Commitment, PlanFigure, Roadmap
from .contracts.quarters import QuarterRecord
from .contracts.risks import CategoryRiskMethod, Risk, RiskRegister
from .loading import Located, Logged, Parts
from .reads import paused, record


@dataclass(frozen=True, kw_only=True)
class Handbook:
    root: Path
    data_dir: Path
    sources: list[Source]
    departments: list[Department]
    raci: list[Raci]
    cadences: list[Cadence]
    kpis: list[Kpi]
    procedures: list[Procedure]
    register: RiskRegister
    commitments: list[Commitment]
    benchmarks: list[Benchmark]
    costs: list[PlanFigure]
    roadmap: Roadmap
    measurements: pd.DataFrame
    activity_log: list[Logged]
    category_risk: CategoryRiskMethod
    exports_map: ExportsMap
    suppliers: Suppliers
    supplier_quarters: list[Logged]
    merchants: Merchants
    merchant_months: list[Logged]
    capa: Capa
    quality_costs: list[Logged]
    appraisal: Appraisal
    glossary: list[Term]
    quarter_records: dict[str, QuarterRecord]  # the closed quarters' records, by quarter
    located: dict[str, Located]

    @classmethod
    def from_parts(cls, parts: Parts) -> Handbook:
        assert parts.sources is not None and parts.org is not None and parts.kpis is not None
        assert parts.procedures is not None and parts.register is not None and parts.measurements is not None
        assert parts.commitments is not None and parts.benchmarks is not None and parts.costs is not None
        assert parts.roadmap is not None and parts.activity_log is not None
        assert parts.category_risk and parts.suppliers and parts.merchants and parts.capa and parts.appraisal and parts.exports_map
        assert parts.glossary is not None
        records = {name: rows or [] for name, rows in parts.records.items()}
        return cls(
            root=parts.root,
            data_dir=parts.data_dir,
            sources=parts.sources,
            departments=parts.org.departments,
            raci=parts.org.raci,
            cadences=parts.org.cadences,
            kpis=parts.kpis,
            procedures=parts.procedures,
            register=parts.register,
            commitments=parts.commitments,
            benchmarks=parts.benchmarks,
            costs=parts.costs,
            roadmap=parts.roadmap,
            measurements=parts.measurements,
            activity_log=parts.activity_log,
            category_risk=parts.category_risk,
            exports_map=parts.exports_map,
            suppliers=parts.suppliers,
            supplier_quarters=records["supplier_quarters.csv"],
            merchants=parts.merchants,
            merchant_months=records["merchant_months.csv"],
            capa=parts.capa,
            quality_costs=records["cost_of_quality.csv"],
            appraisal=parts.appraisal,
            glossary=parts.glossary,
            quarter_records=parts.quarter_records,
            located=parts.located,
        )

    def __getattribute__(self, name: str) -> Any:
        # Each field read is noted (data/reads.py): the build replays a page until a field it read changes.
        facet = _FACETS.get(name)
        if facet is not None:
            record(facet)
        return object.__getattribute__(self, name)

    @property
    def data_name(self) -> str:
        """The data folder as file labels name it ('data'); reading it is not reading the files."""
        return object.__getattribute__(self, "data_dir").name

    def kpi(self, kpi_id: str) -> Kpi:
        return _find(self.kpis, kpi_id, "KPI", "kpis.yml")

    def department(self, dept_id: str) -> Department:
        return _find(self.departments, dept_id, "department", "org.yml")

    def procedure(self, proc_id: str) -> Procedure:
        return _find(self.procedures, proc_id, "procedure", "procedures.yml")

    def source(self, source_id: str) -> Source:
        return _find(self.sources, source_id, "source", "sources.yml")

    def risks_controlled_by(self, proc_id: str) -> list[Risk]:
        return [r for r in self.register.risks if proc_id in r.controls]

    def procedures_moving(self, kpi_id: str) -> list[Procedure]:
        return [p for p in self.procedures if kpi_id in p.kpis]

    def files_of(self, kpi_id: str) -> list[str]:
        """The measurement files a KPI's values come from (for provenance captions)."""
        record(f"rows:{kpi_id}")
        with paused():
            return list(self._files_by_kpi.get(kpi_id, ()))

    def measurements_of(self, kpi_id: str) -> pd.DataFrame:
        """One KPI's measurement rows, every scope."""
        record(f"rows:{kpi_id}")
        with paused():
            return self._rows_by_kpi.get(kpi_id, self.measurements.iloc[0:0])

    @cached_property
    def _rows_by_kpi(self) -> dict[str, pd.DataFrame]:
        return {str(kpi): rows for kpi, rows in self.measurements.groupby("kpi", sort=False)}

    @cached_property
    def _files_by_kpi(self) -> dict[str, tuple[str, ...]]:
        return {kpi: tuple(sorted(rows["file"].unique())) for kpi, rows in self._rows_by_kpi.items()}


# The facet each field's read is noted as; the paths record "files", as whatever reads through them reads files.
_FACETS = {f.name: f"h:{f.name}" for f in fields(Handbook)} | {"root": "tree", "data_dir": "files"}


# The files of data/ each field is read from (fnmatch patterns): equal bytes give an equal field, so a field's
# fingerprint is its files' digests, not its value's (a hundred thousand merchant rows digest in no time this way).
FIELD_FILES = {
    "sources": ("sources.yml",), "departments": ("org.yml",), "raci": ("org.yml",), "cadences": ("org.yml",),
    "kpis": ("kpis.yml",), "procedures": ("procedures.yml",), "register": ("risks.yml",), "commitments": ("commitments.yml",),
    "benchmarks": ("benchmarks.yml",), "costs": ("costs.yml",), "roadmap": ("roadmap.yml",), "measurements": ("measurements/*",),
    "activity_log": ("activity_log.csv",), "category_risk": ("category_risk.yml",), "exports_map": ("exports.yml",),
    "suppliers": ("suppliers.yml",), "supplier_quarters": ("supplier_quarters.csv",), "merchants": ("merchants.yml",),
    "merchant_months": ("merchant_months.csv",), "capa": ("capa.yml",), "quality_costs": ("cost_of_quality.csv",),
    "appraisal": ("appraisal.yml",), "glossary": ("glossary.yml",), "quarter_records": ("records/*",), "located": ("*.yml",),
}  # fmt: skip


def _find(items: list, wanted: str, noun: str, file: str):
    """The item with this id, or an error a page author can act on (macro arguments are typed by hand)."""
    for item in items:
        if item.id == wanted:
            return item
    raise LookupError(f"no {noun} {wanted!r} in data/{file}; known: {', '.join(i.id for i in items)}")
