"""The code keeps the shape README "Where things are" describes: small modules, a thin adapter, each view registered once."""

from __future__ import annotations

import ast
import re

from helpers import ROOT

from macros.site.registry import stamped, views

MAX_LINES = 400


def test_no_module_of_macros_is_longer_than_400_lines() -> None:
    lengths = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "macros").rglob("*.py")}
    assert {path: n for path, n in lengths.items() if n > MAX_LINES} == {}


def test_define_env_only_registers_and_is_at_most_30_lines() -> None:
    tree = ast.parse((ROOT / "macros" / "site" / "adapter.py").read_text(encoding="utf-8"))
    (define,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "define_env"]
    assert define.end_lineno - define.lineno + 1 <= 30


def test_every_macro_a_page_calls_is_a_registered_view() -> None:
    called = {m for p in (ROOT / "docs").rglob("*.md") for m in re.findall(r"\{\{-?\s*(\w+)\(", p.read_text(encoding="utf-8"))}
    assert called - set(views()) - set(stamped()) == set()
    assert set(views()).isdisjoint(stamped())
