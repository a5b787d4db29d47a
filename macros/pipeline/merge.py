"""Merging freshly computed measurements into the refresh's output file, and saying what changed.

The rules, so that nothing a person wrote is lost:
- only the output file is written; a period that a hand-entered file already has keeps the
  hand-entered value, and the computed one is reported beside it;
- a row the queries no longer produce (an export that no longer reaches that far back, or is no longer
  provided) stays, unless retiring such rows was asked for (a closed period's only with restating);
- a note someone added to a computed row stays with it;
- a changed value in a closed period is not written, nor a value of a closed period added to a KPI already reported
  on, unless restating was asked for: which periods are closed is the caller's (the refresh ledger and the quarter
  records say). A KPI refreshed for the first time has its history written, closed periods included: nothing of it
  was reported before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..data.periods import period_end

Key = tuple[str, str, str]  # kpi, period, scope
Row = dict[str, str]
COMPARED = ("value", "numerator", "denominator")


def key_of(row: Row) -> Key:
    return row["kpi"], row["period"], row.get("scope") or ""


def has_ended(period: str, cadence: str, today: date) -> bool:
    """A period still running has no value yet: half a month of orders is not a month's rate."""
    return period_end(period, cadence) < today


def is_covered(period: str, cadence: str, until: date | None) -> bool:
    """Whether the exports reach to the period's end: a period they reach only partly would be a thin figure."""
    return until is None or period_end(period, cadence) <= until


@dataclass(frozen=True)
class Change:
    key: Key
    old: Row | None
    new: Row
    closed: bool


@dataclass
class RefreshPlan:
    rows: list[Row]  # the output file's rows after the refresh
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)  # open periods, or closed ones restated on request
    refused: list[Change] = field(default_factory=list)  # closed periods whose value changed or was never written, left so
    shadowed: list[tuple[Row, str]] = field(default_factory=list)  # computed, but a hand-entered row wins
    kept: list[Row] = field(default_factory=list)  # in the file, not computed this time
    retired: list[Row] = field(default_factory=list)  # in the file, not computed this time, and taken out as asked
    unchanged: int = 0

    @property
    def writes(self) -> bool:
        return bool(self.added or self.updated or self.retired)


def plan_refresh(
    existing: list[Row],
    computed: list[Row],
    hand_entered: dict[Key, str],
    closed: Callable[[Row], bool],
    restate: bool,
    prune: bool = False,
    reported: frozenset[str] = frozenset(),
) -> RefreshPlan:
    """What the output file becomes, given its rows, the computed rows and where hand-entered rows are.

    `reported` names the KPIs the refresh ledger has rows of, beside those in the file (a deleted row is still theirs).
    With `prune`, a row no export reaches any more is retired; in a closed period only when restating too.
    """
    by_key = {key_of(r): r for r in existing}
    settled = reported | {r["kpi"] for r in existing}
    plan = RefreshPlan(rows=[])
    produced: set[Key] = set()
    for new in computed:
        key = key_of(new)
        produced.add(key)
        if key in hand_entered:
            plan.shadowed.append((new, hand_entered[key]))
            continue
        old = by_key.get(key)
        if old is None and new["kpi"] in settled and closed(new) and not restate:  # a closed period's values are as they were reported
            plan.refused.append(Change(key, None, new, True))
        elif old is None:
            plan.added.append(Change(key, None, new, False))
            plan.rows.append(new)
        elif all(old.get(f, "") == new[f] for f in COMPARED):
            plan.unchanged += 1
            plan.rows.append(old)
        elif closed(new) and not restate:
            plan.refused.append(Change(key, old, new, True))
            plan.rows.append(old)
        else:
            plan.updated.append(Change(key, old, new, closed(new)))
            plan.rows.append({**new, "note": old.get("note", "")})
    for key, old in by_key.items():
        if key in produced:
            continue
        if prune and not (closed(old) and not restate):
            plan.retired.append(old)
            continue
        plan.kept.append(old)
        plan.rows.append(old)
    plan.rows.sort(key=key_of)
    return plan


def render(plan: RefreshPlan, names: dict[str, str], target: str, cutoff: date, restate: bool, prune: bool = False) -> str:
    """The change as a person reads it: one line per changed row, grouped by KPI, closed periods loud."""
    out: list[str] = []
    changed = {c.key[0] for c in plan.added + plan.updated + plan.refused} | {r["kpi"] for r, _ in plan.shadowed}
    for kpi in sorted(changed | {r["kpi"] for r in plan.retired}):
        out.append(f"\n{names.get(kpi, kpi)} ({kpi})")
        for c in sorted((c for c in plan.added if c.key[0] == kpi), key=lambda c: c.key):
            out.append(f"  + {_where(c.key)}  {_figures(c.new)}  new")
        for c in sorted((c for c in plan.updated if c.key[0] == kpi), key=lambda c: c.key):
            why = "CLOSED period, restated as asked" if c.closed else "open period, updated"
            out.append(f"  ~ {_where(c.key)}  {_from_to(c)}  {why}")
        for c in sorted((c for c in plan.refused if c.key[0] == kpi), key=lambda c: c.key):
            if c.old is None:
                out.append(f"  ! {_where(c.key)}  {_figures(c.new)}  CLOSED period: not added")
            else:
                out.append(f"  ! {_where(c.key)}  {_from_to(c)}  CLOSED period: kept the old value")
        for row in sorted((r for r in plan.retired if r["kpi"] == kpi), key=key_of):
            out.append(f"  - {_where(key_of(row))}  {_figures(row)}  retired: no export reaches it any more")
        out += _shadowed_lines([(row, where) for row, where in plan.shadowed if row["kpi"] == kpi])
    counts = (
        f"{len(plan.added)} new, {len(plan.updated)} updated, {plan.unchanged} unchanged, "
        f"{len(plan.refused)} refused (closed), {len(plan.shadowed)} left to hand-entered rows, {len(plan.kept)} kept as they were"
        + (f", {len(plan.retired)} retired" if plan.retired else "")
    )
    out.append(f"\n{target}: {counts}. Periods that ended before {cutoff.isoformat()} are closed.")
    if plan.kept and not prune:
        out.append(
            f"\nNOTE    {len(plan.kept)} computed row(s) are no longer reached by any export (kept as they were).\n"
            "        To retire them: make refresh PRUNE=1   (python -m scripts.refresh --prune)"
        )
    elif plan.kept:
        out.append(f"\nNOTE    {len(plan.kept)} row(s) of CLOSED periods no export reaches were kept; RESTATE=1 retires them too.")
    if plan.refused and not restate:
        changed = sum(c.old is not None for c in plan.refused)
        out.append(
            f"\nWARNING {changed} value(s) of CLOSED periods differ from the exports and "
            f"{len(plan.refused) - changed} value(s) of CLOSED periods were never written: NOTHING was written.\n"
            "        A closed period has been reported on; check why the export changed. To write them all the same:\n"
            "        make refresh RESTATE=1   (python -m scripts.refresh --restate-closed)"
        )
    return "\n".join(out).lstrip("\n")


def _shadowed_lines(shadowed: list[tuple[Row, str]]) -> list[str]:
    """One line per hand-entered file: the rows a person wrote win, and how to hand them over to the query."""
    by_file: dict[str, list[Row]] = {}
    for row, where in shadowed:
        by_file.setdefault(where.rsplit(" row ", 1)[0], []).append(row)
    return [
        f"  = {len(rows)} row(s) {min(r['period'] for r in rows)} to {max(r['period'] for r in rows)}: the hand-entered values in {file} "
        "are kept; delete them there to use the computed ones"
        for file, rows in sorted(by_file.items())
    ]


def _where(key: Key) -> str:
    return f"{(key[1] + ' ' + key[2]).strip():<30}"


def _figures(row: Row) -> str:
    return f"{row['value']} ({row['numerator']} / {row['denominator']})"


def _from_to(change: Change) -> str:
    assert change.old is not None
    return f"{_figures(change.old)} → {_figures(change.new)}"
