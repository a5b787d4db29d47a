"""The command-line tools: plain messages and exit codes, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import ROOT, run, script, set_cell


def test_validate_passes_on_the_committed_data() -> None:
    result = run(script("validate"), ROOT)
    assert result.returncode == 0, result.stdout
    assert "is valid" in result.stdout


def test_validate_lists_every_error_and_exits_1(data: Path) -> None:
    set_cell(data / "measurements" / "m.csv", 2, "value", "abc")
    set_cell(data / "measurements" / "m.csv", 3, "period", "2026/09")
    result = run(script("validate", str(data)), data)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if line.startswith("ERROR ")]
    assert len(errors) == 2
    assert errors[0].startswith("ERROR data/measurements/m.csv, row 2 (satisfaction 2026-08), field 'value'")
    assert errors[1].startswith("ERROR data/measurements/m.csv, row 3 (satisfaction 2026/09), field 'period'")


def test_validate_says_when_there_is_no_data_folder(tmp_path: Path) -> None:
    result = run(script("validate", str(tmp_path / "nowhere")), tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "expected a data folder" in result.stderr


def test_sample_data_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert run(script("sample_data", "--out", str(tmp_path / name)), tmp_path).returncode == 0
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files and all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_sample_data_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "m"
    out.mkdir()
    (out / "customer.csv").write_text("kept by hand\n", encoding="utf-8")
    result = run(script("sample_data", "--out", str(out)), tmp_path)
    assert result.returncode == 1 and "--force" in result.stderr
    assert (out / "customer.csv").read_text(encoding="utf-8") == "kept by hand\n"


def test_sample_records_are_the_committed_ones_and_never_overwrite_without_force(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "scripts.sample_records", "--data", str(tmp_path)], ROOT)
    assert result.returncode == 0, result.stderr
    for name in ("exports/orders.csv", "supplier_quarters.csv", "merchant_months.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / name).read_bytes()
    (tmp_path / "merchant_months.csv").write_text("kept by hand\n", encoding="utf-8")
    result = run([sys.executable, "-m", "scripts.sample_records", "--data", str(tmp_path)], ROOT)
    assert result.returncode == 1 and "--force" in result.stderr
    assert (tmp_path / "merchant_months.csv").read_text(encoding="utf-8") == "kept by hand\n"
