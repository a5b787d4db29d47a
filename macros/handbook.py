"""The validated handbook data, with lookups the views need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import contracts as c
from .loading import Located, Logged, Parts


@dataclass(frozen=True)
class Exports:
    """The operational exports as tables, one row per record."""

    orders: pd.DataFrame
    returns: pd.DataFrame
    complaints: pd.DataFrame

    @classmethod
    def from_records(cls, records: dict[str, list[Logged]]) -> Exports:
        def table(name: str, model: type) -> pd.DataFrame:
            columns = list(model.model_fields) + ["row"]
            return pd.DataFrame([{**r.entry.model_dump(), "row": r.row} for r in records[name]], columns=columns)

        return cls(
            table("exports/orders.csv", c.Order), table("exports/returns.csv", c.Return), table("exports/complaints.csv", c.Complaint)
        )


@dataclass(frozen=True)
class Handbook:
    root: Path
    data_dir: Path
    sources: list[c.Source]
    departments: list[c.Department]
    raci: list[c.Raci]
    cadences: list[c.Cadence]
    kpis: list[c.Kpi]
    procedures: list[c.Procedure]
    register: c.RiskRegister
    commitments: list[c.Commitment]
    benchmarks: list[c.Benchmark]
    costs: list[c.PlanFigure]
    roadmap: c.Roadmap
    measurements: pd.DataFrame
    activity_log: list[Logged]
    category_risk: c.CategoryRiskMethod
    exports: Exports
    suppliers: c.Suppliers
    supplier_quarters: list[Logged]
    merchants: c.Merchants
    merchant_months: list[Logged]
    capa: c.Capa
    quality_costs: list[Logged]
    appraisal: c.Appraisal
    located: dict[str, Located]

    @classmethod
    def from_parts(cls, parts: Parts) -> Handbook:
        assert parts.sources is not None and parts.org is not None and parts.kpis is not None
        assert parts.procedures is not None and parts.register is not None and parts.measurements is not None
        assert parts.commitments is not None and parts.benchmarks is not None and parts.costs is not None
        assert parts.roadmap is not None and parts.activity_log is not None
        assert parts.category_risk and parts.suppliers and parts.merchants and parts.capa and parts.appraisal
        records = {name: rows or [] for name, rows in parts.records.items()}
        return cls(
            parts.root,
            parts.data_dir,
            parts.sources,
            parts.org.departments,
            parts.org.raci,
            parts.org.cadences,
            parts.kpis,
            parts.procedures,
            parts.register,
            parts.commitments,
            parts.benchmarks,
            parts.costs,
            parts.roadmap,
            parts.measurements,
            parts.activity_log,
            parts.category_risk,
            Exports.from_records(records),
            parts.suppliers,
            records["supplier_quarters.csv"],
            parts.merchants,
            records["merchant_months.csv"],
            parts.capa,
            records["cost_of_quality.csv"],
            parts.appraisal,
            parts.located,
        )

    def kpi(self, kpi_id: str) -> c.Kpi:
        return _find(self.kpis, kpi_id, "KPI", "kpis.yml")

    def department(self, dept_id: str) -> c.Department:
        return _find(self.departments, dept_id, "department", "org.yml")

    def procedure(self, proc_id: str) -> c.Procedure:
        return _find(self.procedures, proc_id, "procedure", "procedures.yml")

    def source(self, source_id: str) -> c.Source:
        return _find(self.sources, source_id, "source", "sources.yml")

    def risks_controlled_by(self, proc_id: str) -> list[c.Risk]:
        return [r for r in self.register.risks if proc_id in r.controls]

    def procedures_moving(self, kpi_id: str) -> list[c.Procedure]:
        return [p for p in self.procedures if kpi_id in p.kpis]

    def files_of(self, kpi_id: str) -> list[str]:
        """The measurement files a KPI's values come from (for provenance captions)."""
        return sorted(self.measurements.loc[self.measurements["kpi"] == kpi_id, "file"].unique())


def _find(items: list, wanted: str, noun: str, file: str):
    """The item with this id, or an error a page author can act on (macro arguments are typed by hand)."""
    for item in items:
        if item.id == wanted:
            return item
    raise LookupError(f"no {noun} {wanted!r} in data/{file}; known: {', '.join(i.id for i in items)}")
