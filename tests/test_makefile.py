"""`make` sets up .venv by itself: created when missing, rebuilt when its Python no longer runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ROOT, run

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def plan(tmp_path: Path) -> str:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy(ROOT / "requirements.txt", tmp_path / "requirements.txt")
    return tmp_path


def test_a_missing_venv_is_created(tmp_path: Path) -> None:
    result = run(["make", "-n", ".venv/.installed"], plan(tmp_path))
    assert "-m venv .venv" in result.stdout and "pip install" in result.stdout


def test_a_venv_whose_python_no_longer_runs_is_rebuilt_even_if_up_to_date(tmp_path: Path) -> None:
    plan(tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(tmp_path / "gone" / "python3")
    (tmp_path / ".venv" / ".installed").touch()  # newer than requirements.txt
    result = run(["make", "-n", ".venv/.installed"], tmp_path)
    assert "-m venv .venv" in result.stdout


def test_a_working_up_to_date_venv_is_left_alone(tmp_path: Path) -> None:
    plan(tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(shutil.which("python3"))
    (tmp_path / ".venv" / ".installed").touch()
    result = run(["make", "-n", ".venv/.installed"], tmp_path)
    assert "pip install" not in result.stdout
