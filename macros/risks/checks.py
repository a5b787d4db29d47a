"""Rules for the risk register and its matrix (data/risks.yml), and for the category-risk method and the exports it reads.

And the warning a build shows when a risk's review is overdue.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from ..data.contracts.risks import Matrix
from ..data.exports.local import LocalExports
from ..data.exports.typed import identifier, literal
from ..data.handbook import Handbook
from ..data.loading import Located, Parts
from ..data.problems import Code, Problem, shown
from ..data.rules import department_ids, duplicates, ids, quote_problems, unknown_owner
from ..i18n.messages import gettext
from ..kpis.facts import Facts
from .categories import READS
from .scoring import review_overdue


def register(parts: Parts, today: date) -> list[Problem]:
    """Owners and controls exist, and no control raises a risk (residual at most inherent)."""
    loc, reg = parts.located["risks.yml"], parts.register
    found = _matrix(reg.matrix, loc)
    found += duplicates(reg.risks, loc, "risk")
    departments = department_ids(parts)
    procedures = ids(parts.procedures)
    for n, r in enumerate(reg.risks):
        found += unknown_owner(loc, n, r.owner, departments)
        if not r.controls:
            expected = gettext("at least one procedure id that controls the risk")
            found.append(Problem(Code.MISSING_VALUE, loc.label, loc.where(n, "controls"), "controls", expected, gettext("none")))
        for p in r.controls:
            if parts.procedures is not None and p not in procedures:
                expected = gettext("a procedure id from data/procedures.yml")
                found.append(Problem(Code.UNKNOWN_REFERENCE, loc.label, loc.where(n, "controls"), "controls", expected, shown(p)))
        for dim in ("likelihood", "impact"):
            inherent, residual = getattr(r.inherent, dim), getattr(r.residual, dim)
            if residual > inherent:
                if dim == "likelihood":
                    expected = gettext("at most the inherent likelihood {level} (controls cannot raise a risk)", level=inherent)
                else:
                    expected = gettext("at most the inherent impact {level} (controls cannot raise a risk)", level=inherent)
                where = loc.where(n, "residual", dim)
                found.append(Problem(Code.RESIDUAL_ABOVE_INHERENT, loc.label, where, f"residual.{dim}", expected, str(residual)))
    return found


def _matrix(matrix: Matrix, loc: Located) -> list[Problem]:
    """Labels for levels 1 to 5 on both axes, and bands that cover every score from 1 to 25 once."""
    found = []
    for axis in ("likelihood", "impact"):
        keys = sorted(getattr(matrix, axis))
        if keys != [1, 2, 3, 4, 5]:
            where, got = loc.where(None, "matrix", axis), gettext("levels {levels}", levels=", ".join(map(str, keys)))
            expected = gettext("labels for exactly the levels 1 to 5")
            found.append(Problem(Code.BAD_SCALE, loc.label, where, f"matrix.{axis}", expected, got))
    cover = Counter(s for b in matrix.bands for s in range(b.min, b.max + 1))
    gaps = [s for s in range(1, 26) if cover[s] == 0]
    overlaps = [s for s in range(1, 26) if cover[s] > 1]
    outside = sorted(s for s in cover if not 1 <= s <= 25)
    where = loc.where(None, "matrix", "bands")
    if gaps:
        expected, got = gettext("bands that cover every score from 1 to 25"), gettext("no band for {scores}", scores=_spans(gaps))
        found.append(Problem(Code.BAND_GAP, loc.label, where, "matrix.bands", expected, got))
    if overlaps:
        expected, got = gettext("bands that do not overlap"), gettext("more than one band for {scores}", scores=_spans(overlaps))
        found.append(Problem(Code.BAND_OVERLAP, loc.label, where, "matrix.bands", expected, got))
    if outside:
        expected, got = gettext("bands within 1 to 25"), gettext("scores {scores}", scores=_spans(outside))
        found.append(Problem(Code.OUT_OF_RANGE, loc.label, where, "matrix.bands", expected, got))
    return found


def _spans(numbers: list[int]) -> str:
    """[1, 2, 3, 7] → "1–3, 7"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def category_method(parts: Parts, today: date) -> list[Problem]:
    """Rising edges and the source's quote; every return and complaint names a listed order and a listed code."""
    method, loc = parts.category_risk, parts.located["category_risk.yml"]
    found = _edges(loc, "likelihood_edges", method.likelihood_edges) + _edges(loc, "impact_edges", method.impact_edges)
    ev = method.evidence
    found += quote_problems(parts, loc.label, loc.where(None, "evidence"), "evidence.quote", ev.source, ev.quote)
    exports = parts.exports
    if exports is None or exports.reason(list(READS)) is not None:
        return found  # not assessed: the risk page says why, and an export with errors is reported once, by its own rows
    found += _linked(exports, "returns", "reason", method.return_reasons)
    found += _linked(exports, "complaints", "topic", method.complaint_topics)
    return found


def _edges(loc: Located, key: str, edges: list[float]) -> list[Problem]:
    if all(a < b for a, b in zip(edges, edges[1:], strict=False)):
        return []
    expected = gettext("four edges in rising order")
    return [Problem(Code.BAD_ORDER, loc.label, loc.where(None, key), key, expected, ", ".join(f"{e:g}" for e in edges))]


def _linked(exports: LocalExports, name: str, code: str, codes: dict[str, str]) -> list[Problem]:
    """Each record names an order of the orders export, and a code category_risk.yml lists (so none is dropped silently)."""
    if not {"order_id", code} <= set(exports.columns(name)):
        return []
    listed = ", ".join(literal(c) for c in codes)
    orphans = "order_id NOT IN (SELECT order_id FROM orders WHERE order_id IS NOT NULL)"
    found = []
    for condition, field, expected in (
        (orphans, "order_id", gettext("an order id of the orders export")),
        (
            f"{identifier(code)} NOT IN ({listed})",
            code,
            gettext("one of the codes listed in category_risk.yml ({codes})", codes=", ".join(codes)),
        ),
    ):
        rows, total = exports.find(name, condition, field)
        found += [Problem(Code.UNKNOWN_REFERENCE, file, where, field, expected, shown(v), line=line) for file, where, line, v in rows]
        if total > len(rows):
            found.append(
                Problem(
                    Code.MORE_BAD_ROWS,
                    rows[0][0],
                    gettext("after the first {n}", n=len(rows)),
                    field,
                    expected,
                    gettext("{n} more", n=total - len(rows)),
                )
            )
    return found


def reviews_overdue(handbook: Handbook, facts: Facts, today: date) -> list[Problem]:
    """An open risk whose review date has passed."""
    loc = handbook.located["risks.yml"]
    return [
        Problem(
            Code.OVERDUE,
            loc.label,
            loc.where(n, "next_review"),
            "next_review",
            gettext("a review on or before {day}", day=r.next_review),
            gettext("none recorded by {day}", day=today),
            "warning",
        )
        for n, r in enumerate(handbook.register.risks)
        if review_overdue(r, today)
    ]
