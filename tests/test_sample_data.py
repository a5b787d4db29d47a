"""The sample data is believable: 24 months of every KPI, valid, with breaches and improvements."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from helpers import ROOT

from macros.audit.validation import check
from scripts.sample_data import generate, to_csv


def generated(tmp_path: Path):
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("measurements", "records"))
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    (tmp_path / "data" / "measurements").mkdir()
    for name, rows in generate().items():
        (tmp_path / "data" / "measurements" / name).write_text(to_csv(rows), encoding="utf-8")
    result = check(tmp_path / "data", date(2026, 11, 21))
    assert result.handbook is not None, "\n".join(map(str, result.problems))
    return result


def test_every_kpi_has_24_months_of_values(tmp_path: Path) -> None:
    handbook = generated(tmp_path).handbook
    expected = {"monthly": 24, "quarterly": 8, "yearly": 2}
    left_stale_on_purpose = {"merchant_complaint_handling": 22}
    for k in handbook.kpis:
        if k.series:
            continue
        periods = handbook.measurements.loc[handbook.measurements["kpi"] == k.id, "period"].nunique()
        assert periods == left_stale_on_purpose.get(k.id, expected[k.cadence]), k.id


def test_some_kpis_breach_and_some_meet_their_target(tmp_path: Path) -> None:
    statuses = {f.snapshot.status.key for f in generated(tmp_path).facts}
    assert {"met", "breached", "at-risk", "stale"} <= statuses
