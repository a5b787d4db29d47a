"""DESIGN rule 1: no figure that lives in data/ is typed into a page. Finds the ones that are."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..data.handbook import Handbook
from ..data.problems import Code, Problem, line_where
from ..i18n.messages import gettext
from ..kpis.facts import Facts

# Text a reader never sees as typed prose: macro calls, code, comments, link targets, front matter.
_HIDDEN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|```.*?```|`[^`\n]*`|<!--.*?-->|\]\([^)]*\)|<[^>]+>|\A---\n.*?\n---\n", re.S)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w.]*\d)\s*(%|‰|h\b|hours?\b|days?\b|yuan\b|¥|元|万)?")
EXAMPLE = '{{ kpi_target("on_time_shipment") }}'  # a macro call, as a page writes it
YAML_FILES = ("kpis.yml", "benchmarks.yml", "costs.yml", "commitments.yml", "roadmap.yml")


def data_figures(handbook: Handbook, facts: Facts) -> set[float]:
    """Every number in the figure-bearing YAML files, the targets in force and each KPI's latest value."""
    figures: set[float] = set()
    for name in YAML_FILES:
        located = handbook.located.get(name)
        if located is not None:
            figures |= set(_numbers(located.doc.data))
    for s in (f.snapshot for f in facts):
        figures |= {v for v in (s.value, s.target) if v is not None}
    return figures


def _numbers(data: Any) -> list[float]:
    if isinstance(data, bool):
        return []
    if isinstance(data, int | float):
        return [float(data)]
    if isinstance(data, dict):
        return [n for v in data.values() for n in _numbers(v)]
    if isinstance(data, list):
        return [n for v in data for n in _numbers(v)]
    return []


def hand_typed(docs_dir: Path, figures: set[float]) -> list[Problem]:
    """Each number in a page's prose that matches a data figure as written (its decimals, its unit)."""
    found = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        visible = _HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        for match in _NUMBER.finditer(visible):
            whole, frac, unit = match.group(1), match.group(2) or "", match.group(3)
            value = float(whole.replace(",", "") + (f".{frac}" if frac else ""))
            if not unit and not frac:
                # A bare integer is a figure only when it is one exactly (and not a list number or "S3").
                if value < 6 or value not in figures:
                    continue
            elif not any(round(f, len(frac)) == value for f in figures):
                continue
            line = visible.count("\n", 0, match.start()) + 1
            label = f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
            expected = gettext("a macro that reads the figure from data/ (e.g. {example}), not a typed figure", example=EXAMPLE)
            found.append(Problem(Code.TYPED_FIGURE, label, line_where(line), "text", expected, f'"{match.group(0).strip()}"'))
    return found
