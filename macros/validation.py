"""Every rule that relates records to each other, run after the contracts have been checked."""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections import Counter
from datetime import date
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from . import contracts as c
from .build_memo import CODE, add_tree
from .clock import today as clock_today
from .files import write_atomic
from .handbook import Handbook
from .kpi_status import STALE, snapshot
from .kpi_values import headline, series_id
from .loading import Parts, load_parts, row_where
from .periods import YEARS, expected_format, is_valid, period_start
from .plan_checks import plan_problems, plan_warnings
from .problems import Problem, errors, reading_order, shown
from .record_checks import record_problems, record_warnings
from .risk_scoring import is_overdue
from .rules import department_ids, duplicates, ids, one_of, quote_problems, unknown_owner
from .units import RATIO_FACTOR, ratio_value, rounding_tolerance, value_range


def check_cached(data_dir: Path, today: date, cache_dir: Path | None = None) -> tuple[Handbook | None, list[Problem]]:
    """check(), done once per state of the data: the build's hooks and macros share one result.

    With `cache_dir`, the result is also kept on disk under a digest of the data, the sources, the
    checking code and the day, so a build whose inputs did not change does not check them again.
    """
    data_dir = data_dir.resolve()
    handbook, problems = _check_once(data_dir, today, _fingerprint(data_dir, data_dir.parent / "sources"), cache_dir)
    return handbook, list(problems)  # a copy: a caller adding problems must not change the cached result


@lru_cache(maxsize=2)
def _check_once(data_dir: Path, today: date, fingerprint: tuple, cache_dir: Path | None) -> tuple[Handbook | None, tuple[Problem, ...]]:
    stored = cache_dir / "validation" / f"{_digest(data_dir, today)}.pickle" if cache_dir else None
    if stored is not None and stored.is_file():
        try:
            return pickle.loads(stored.read_bytes())
        except Exception:  # noqa: BLE001 — a damaged or outdated cache entry is only a miss
            pass
    handbook, problems = check(data_dir, today)
    result = handbook, tuple(problems)
    if stored is not None:
        write_atomic(stored, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def _digest(data_dir: Path, today: date) -> str:
    """What a check's result depends on: every input file's bytes, this package's code, the libraries and the day."""
    h = hashlib.sha256(f"{today.isoformat()}|{sys.version}|{version('pandas')}|{version('pydantic')}".encode())
    for folder in (data_dir, data_dir.parent / "sources", CODE):
        add_tree(h, folder)
    return h.hexdigest()[:32]


def _fingerprint(*folders: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for folder in folders for p in sorted(folder.rglob("*")) if p.is_file())


def check(data_dir: Path, today: date | None = None) -> tuple[Handbook | None, list[Problem]]:
    """Load and validate data/; the handbook is returned only when there is no error."""
    today = today or clock_today()
    parts = load_parts(data_dir)
    problems = list(parts.problems)
    problems += _sources(parts) + _org(parts) + _kpis(parts) + _procedures(parts) + _risks(parts)
    problems += _measurements(parts, today) + _baselines(parts) + _scope_coverage(parts)
    problems += plan_problems(parts, today) + record_problems(parts)
    if errors(problems):
        return None, reading_order(problems)
    handbook = Handbook.from_parts(parts)
    problems += _currency_warnings(handbook, today) + plan_warnings(handbook, today) + record_warnings(handbook, today)
    return handbook, reading_order(problems)


def _sources(parts: Parts) -> list[Problem]:
    if parts.sources is None:
        return []
    loc = parts.located["sources.yml"]
    found = duplicates(parts.sources, loc, "source")
    for n, s in enumerate(parts.sources):
        if not (parts.root / s.file).is_file():
            found.append(Problem(loc.label, loc.where(n, "file"), "file", "a file in the repository", shown(s.file)))
    return found


def _org(parts: Parts) -> list[Problem]:
    if parts.org is None:
        return []
    loc, sources = parts.located["org.yml"], ids(parts.sources)
    found = duplicates(parts.org.departments, loc, "department")
    for n, d in enumerate(parts.org.departments):
        for s in d.sources:
            if parts.sources is not None and s not in sources:
                found.append(Problem(loc.label, loc.where(n, "sources"), "sources", one_of(sources, "a source id"), shown(s)))
        for r in d.responsibilities:
            if r.source and parts.sources is not None and r.source not in sources:
                found.append(
                    Problem(
                        loc.label,
                        loc.where(n, "responsibilities"),
                        "responsibilities.source",
                        one_of(sources, "a source id"),
                        shown(r.source),
                    )
                )
    return found


def _kpis(parts: Parts) -> list[Problem]:
    if parts.kpis is None:
        return []
    loc = parts.located["kpis.yml"]
    label, found = loc.label, duplicates(parts.kpis, loc, "KPI")
    departments = department_ids(parts)
    by_id = {k.id: k for k in parts.kpis}
    sources = ids(parts.sources)
    for n, k in enumerate(parts.kpis):
        w = lambda *f, n=n: loc.where(n, *f)  # noqa: E731
        found += unknown_owner(loc, n, k.owner, departments)
        for s in k.source:
            if parts.sources is not None and s not in sources:
                found.append(Problem(label, w("source"), "source", one_of(sources, "a source id"), shown(s)))
        for e in k.evidence:
            found += quote_problems(parts, label, w("evidence"), "evidence.quote", e.source, e.quote)
            if e.source not in k.source:
                found.append(Problem(label, w("evidence"), "evidence.source", f"one of this KPI's sources {k.source}", shown(e.source)))
        for t in k.conflicting_targets:
            found += quote_problems(parts, label, w("conflicting_targets"), "conflicting_targets.quote", t.source, t.quote)
        if (k.target is None) == (k.target_change is None):
            found.append(
                Problem(
                    label,
                    w(),
                    "target",
                    "either 'target' or 'target_change', not both or neither",
                    "both" if k.target is not None else "neither",
                )
            )
        if k.target_basis == "handbook" and not k.rationale:
            found.append(Problem(label, w("target_basis"), "rationale", "a rationale for a target set by this handbook", "nothing"))
        if k.target_basis == "source" and not k.evidence:
            found.append(
                Problem(label, w(), "evidence", "a quote from the source that sets the target (or target_basis: handbook)", "nothing")
            )
        if k.unit == "score" and k.scale is None:
            found.append(Problem(label, w("unit"), "scale", "a scale {min, max} for a score", "nothing"))
        found += _threshold_problems(k, label, w)
        if k.series is not None:
            other = by_id.get(k.series)
            if other is None or other.series is not None or other.unit != k.unit or other.cadence != k.cadence:
                found.append(
                    Problem(
                        label,
                        w("series"),
                        "series",
                        "a KPI id with the same unit and cadence that has its own measurements",
                        shown(k.series),
                    )
                )
        if k.target_change and not is_valid(k.target_change.baseline, k.cadence):
            found.append(
                Problem(
                    label,
                    w("target_change", "baseline"),
                    "target_change.baseline",
                    f"a {k.cadence} period {expected_format(k.cadence)}",
                    shown(k.target_change.baseline),
                )
            )
        if k.query and not (parts.data_dir / "queries" / k.query).is_file():
            found.append(Problem(label, w("query"), "query", "a file in data/queries/", shown(k.query)))
    return found


def _threshold_problems(k: c.Kpi, label: str, w) -> list[Problem]:
    lo, hi, allowed = value_range(k)
    found = []
    limits = [("target", k.target), ("stretch", k.stretch), ("warning", k.warning)]
    limits += [("conflicting_targets.value", t.value) for t in k.conflicting_targets]
    for name, v in limits:
        if v is not None and ((lo is not None and v < lo) or (hi is not None and v > hi)):
            found.append(Problem(label, w(name.split(".")[0]), name, allowed, shown(v)))
    if k.scale is not None and k.scale.min >= k.scale.max:
        found.append(Problem(label, w("scale"), "scale", "a scale whose min is below its max", f"{k.scale.min:g} to {k.scale.max:g}"))
    if k.target is None:
        if k.warning is not None:
            expected = "no warning edge with target_change (the target moves with its baseline)"
            found.append(Problem(label, w("warning"), "warning", expected, shown(k.warning)))
        return found
    better = 1 if k.direction == "higher" else -1
    side = "above" if better == 1 else "below"
    if k.stretch is not None and (k.stretch - k.target) * better <= 0:
        found.append(
            Problem(label, w("stretch"), "stretch", f"a stretch {side} the target {k.target:g} ({k.direction} is better)", shown(k.stretch))
        )
    if k.warning is not None and (k.warning - k.target) * better < 0:
        found.append(
            Problem(
                label,
                w("warning"),
                "warning",
                f"a warning edge {side} or on the target {k.target:g} ({k.direction} is better)",
                shown(k.warning),
            )
        )
    return found


def _procedures(parts: Parts) -> list[Problem]:
    if parts.procedures is None:
        return []
    loc = parts.located["procedures.yml"]
    found = duplicates(parts.procedures, loc, "procedure")
    departments = department_ids(parts)
    kpis, sources = ids(parts.kpis), ids(parts.sources)
    for n, p in enumerate(parts.procedures):
        found += unknown_owner(loc, n, p.owner, departments)
        for k in p.kpis:
            if parts.kpis is not None and k not in kpis:
                found.append(Problem(loc.label, loc.where(n, "kpis"), "kpis", "a KPI id from data/kpis.yml", shown(k)))
        for s in p.source:
            if parts.sources is not None and s not in sources:
                found.append(Problem(loc.label, loc.where(n, "source"), "source", one_of(sources, "a source id"), shown(s)))
    return found


def _risks(parts: Parts) -> list[Problem]:
    if parts.register is None:
        return []
    loc, reg = parts.located["risks.yml"], parts.register
    found = _matrix_problems(reg.matrix, loc)
    found += duplicates(reg.risks, loc, "risk")
    departments = department_ids(parts)
    procedures = ids(parts.procedures)
    for n, r in enumerate(reg.risks):
        found += unknown_owner(loc, n, r.owner, departments)
        if not r.controls:
            found.append(
                Problem(loc.label, loc.where(n, "controls"), "controls", "at least one procedure id that controls the risk", "none")
            )
        for p in r.controls:
            if parts.procedures is not None and p not in procedures:
                found.append(Problem(loc.label, loc.where(n, "controls"), "controls", "a procedure id from data/procedures.yml", shown(p)))
        for dim in ("likelihood", "impact"):
            inherent, residual = getattr(r.inherent, dim), getattr(r.residual, dim)
            if residual > inherent:
                found.append(
                    Problem(
                        loc.label,
                        loc.where(n, "residual", dim),
                        f"residual.{dim}",
                        f"at most the inherent {dim} {inherent} (controls cannot raise a risk)",
                        str(residual),
                    )
                )
    return found


def _matrix_problems(matrix: c.Matrix, loc) -> list[Problem]:
    found = []
    for axis in ("likelihood", "impact"):
        keys = sorted(getattr(matrix, axis))
        if keys != [1, 2, 3, 4, 5]:
            found.append(
                Problem(
                    loc.label,
                    loc.where(None, "matrix", axis),
                    f"matrix.{axis}",
                    "labels for exactly the levels 1 to 5",
                    "levels " + ", ".join(map(str, keys)),
                )
            )
    cover = Counter(s for b in matrix.bands for s in range(b.min, b.max + 1))
    gaps = [s for s in range(1, 26) if cover[s] == 0]
    overlaps = [s for s in range(1, 26) if cover[s] > 1]
    outside = sorted(s for s in cover if not 1 <= s <= 25)
    where = loc.where(None, "matrix", "bands")
    if gaps:
        found.append(Problem(loc.label, where, "matrix.bands", "bands that cover every score from 1 to 25", "no band for " + _spans(gaps)))
    if overlaps:
        found.append(Problem(loc.label, where, "matrix.bands", "bands that do not overlap", "more than one band for " + _spans(overlaps)))
    if outside:
        found.append(Problem(loc.label, where, "matrix.bands", "bands within 1 to 25", "scores " + _spans(outside)))
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


def _measurements(parts: Parts, today: date) -> list[Problem]:
    frame = parts.measurements
    if frame is None or frame.empty or parts.kpis is None:
        return []
    kpis = {k.id: k for k in parts.kpis}
    found: list[Problem] = []
    first_seen: dict[tuple[str, str, str], str] = {}
    for r in frame.itertuples(index=False):
        where = row_where(r.row, r.kpi, r.period, r.scope)
        k = kpis.get(r.kpi)
        if k is None:
            found.append(Problem(r.file, where, "kpi", "a KPI id from data/kpis.yml", shown(r.kpi)))
            continue
        if k.series is not None:
            expected = f"measurements recorded under '{k.series}', which '{k.id}' reads"
            found.append(Problem(r.file, where, "kpi", expected, shown(r.kpi)))
            continue
        if not is_valid(r.period, k.cadence):
            expected = f"a {k.cadence} period {expected_format(k.cadence)}, years {YEARS.start}–{YEARS.stop - 1}"
            found.append(Problem(r.file, where, "period", expected, shown(r.period)))
        elif period_start(r.period, k.cadence) > today:
            found.append(Problem(r.file, where, "period", f"a period that has begun by {today}", f"{shown(r.period)}, in the future"))
        key = (r.kpi, r.period, r.scope)
        if key in first_seen:
            expected = f"one row per KPI, period and scope (already in {first_seen[key]})"
            found.append(Problem(r.file, where, "period", expected, "a second row"))
        else:
            first_seen[key] = f"{r.file} row {r.row}"
        found += _scope_problems(k, r, where)
        found += _value_problems(k, r, where)
    return found


def _scope_problems(k: c.Kpi, r, where: str) -> list[Problem]:
    if not r.scope:
        return []
    kind, _, name = r.scope.partition("=")
    if not name or kind not in k.scopes:
        allowed = " or ".join(f"'{s}=<name>'" for s in k.scopes) if k.scopes else "no scope (this KPI has no breakdown)"
        return [Problem(r.file, where, "scope", allowed, shown(r.scope))]
    return []


def _value_problems(k: c.Kpi, r, where: str) -> list[Problem]:
    lo, hi, allowed = value_range(k)
    found = []
    if (lo is not None and r.value < lo) or (hi is not None and r.value > hi):
        found.append(Problem(r.file, where, "value", allowed, shown(r.value)))
    if k.unit == "count" and not float(r.value).is_integer():
        found.append(Problem(r.file, where, "value", "a whole number of items", shown(r.value)))
    has_num, has_den = not pd.isna(r.numerator), not pd.isna(r.denominator)
    if k.is_ratio and not (has_num and has_den):
        missing = " and ".join(n for n, has in (("numerator", has_num), ("denominator", has_den)) if not has)
        found.append(Problem(r.file, where, missing.split(" ")[0], f"numerator and denominator ({k.id} is a rate)", f"no {missing}"))
        found += _fraction_by_target(k, r, where)
        return found
    if not (has_num and has_den):
        return found
    if k.unit in RATIO_FACTOR and r.numerator > r.denominator:
        found.append(Problem(r.file, where, "numerator", f"at most the denominator {r.denominator:g}", shown(r.numerator)))
        return found
    # The typed value must equal numerator / denominator rounded to the decimals it was written with.
    expected = ratio_value(k, r.numerator, r.denominator)
    tolerance = rounding_tolerance(r.decimals)
    if abs(r.value - expected) > tolerance:
        fraction = r.numerator / r.denominator
        shown_expected = f"{expected:.{max(r.decimals, 2)}f}"
        if k.unit in RATIO_FACTOR and abs(r.value - fraction) <= tolerance:
            what = "a percentage" if k.unit == "percent" else "a per-mille figure"
            found.append(Problem(r.file, where, "value", f"{what} ({shown_expected}), not a fraction", f"{r.value:g}, a fraction"))
        else:
            found.append(Problem(r.file, where, "value", f"numerator / denominator = {shown_expected}", shown(r.value)))
    return found


def _fraction_by_target(k: c.Kpi, r, where: str) -> list[Problem]:
    """Without numerator and denominator, a percent of at most 1 against a target of 10 or more is a fraction."""
    if k.unit == "percent" and k.target is not None and k.target >= 10 and 0 < r.value <= 1:
        expected = f"a percentage like {r.value * 100:g} (98.2 means 98.2 %), not a fraction"
        return [Problem(r.file, where, "value", expected, shown(r.value))]
    return []


def _baselines(parts: Parts) -> list[Problem]:
    """A target set as a change from a baseline needs a value in that baseline period."""
    if parts.kpis is None or parts.measurements is None:
        return []
    loc, found = parts.located["kpis.yml"], []
    for n, k in enumerate(parts.kpis):
        change = k.target_change
        if change and is_valid(change.baseline, k.cadence):
            series = headline(parts.measurements, k)
            if change.baseline not in set(series["period"]):
                found.append(
                    Problem(
                        loc.label,
                        loc.where(n, "target_change", "baseline"),
                        "target_change.baseline",
                        f"a period with a measurement of {series_id(k)}",
                        f"no value for {change.baseline}",
                    )
                )
    return found


def _scope_coverage(parts: Parts) -> list[Problem]:
    """A KPI rolled up from scopes must have every scope in every period, or the roll-up is partial."""
    if parts.kpis is None or parts.measurements is None:
        return []
    frame, found = parts.measurements, []
    for k in parts.kpis:
        if not k.scopes or k.series:
            continue
        rows = frame[(frame["kpi"] == k.id) & frame["scope"].str.startswith(f"{k.scopes[0]}=")]
        # A query sees every record, so a scope it leaves out of a period had none in it (a category not yet sold).
        rows = rows[~rows["source"].fillna("").str.startswith("query ")]
        periods_with_total = set(frame.loc[(frame["kpi"] == k.id) & (frame["scope"] == ""), "period"])
        names = set(rows["scope"])
        for period, group in rows.groupby("period", sort=True):
            missing = sorted(names - set(group["scope"]))
            if missing and period not in periods_with_total:
                where = row_where(int(group["row"].min()), k.id, str(period))
                expected = f"a row for every {k.scopes[0]} seen in other periods (the roll-up would be partial)"
                found.append(Problem(group["file"].iloc[0], where, "scope", expected, "none for " + ", ".join(missing), "warning"))
    return found


def _currency_warnings(handbook: Handbook, today: date) -> list[Problem]:
    """Warnings that depend on the date: stale KPIs and overdue risk reviews."""
    found = []
    for k in handbook.kpis:
        snap = snapshot(k, handbook.measurements, today)
        if snap.status is STALE:
            files = ", ".join(handbook.files_of(series_id(k)))
            expected = f"a value for the period after {snap.period} by now ({today})"
            found.append(Problem(files, f'KPI "{k.id}"', "period", expected, f"the latest is {snap.period}", "warning"))
    loc = handbook.located["risks.yml"]
    for n, r in enumerate(handbook.register.risks):
        if is_overdue(r, today):
            expected = f"a review on or before {r.next_review}"
            found.append(Problem(loc.label, loc.where(n, "next_review"), "next_review", expected, f"none recorded by {today}", "warning"))
    return found
