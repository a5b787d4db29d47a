"""Compute the KPIs that name a query (data/queries/) from the exports and write their measurements.

Usage: HANDBOOK_WAREHOUSE_URL=… python -m scripts.refresh [--data DIR] [--restate-closed] [--prune] [--dry-run | --check]

Checks every export data/exports.yml declares, then runs every query on DuckDB over them — or, with
HANDBOOK_WAREHOUSE_URL set (an SQLAlchemy URL, taken from the environment only: it is never an argument
that `ps` or a log would show, nor printed), in that database — and merges the result into the one output
file data/exports.yml names, printing what changed. A KPI whose query needs an export the platform does
not provide is skipped, with the reason; a period the exports do not reach to its end is left out.
Hand-entered measurement files are never written. Exit status: 0 done; 1 an export or query is wrong
(nothing written), or with --check the file is out of date; 2 values of closed periods changed and were
not written (everything else was).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

from macros.data import closure, ledger
from macros.data.clock import today
from macros.data.contracts.ledger import RefreshLedger
from macros.data.files import cache_folder, data_label, file_sha256, write_atomic
from macros.data.loading import load_refresh_inputs
from macros.data.periods import cadence_of
from macros.data.problems import Problem, errors, report_lines
from macros.i18n.messages import gettext, named
from macros.kpis.ledger_checks import edits
from macros.pipeline import lock as refresh_lock
from macros.pipeline.engines import DuckDBEngine, Engine, WarehouseEngine
from macros.pipeline.merge import RefreshPlan, has_ended, is_covered, key_of, plan_refresh, render
from macros.pipeline.queries import ROW_FIELDS, QueryError, compute

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--restate-closed", action="store_true", help="also overwrite changed values of closed periods")
    parser.add_argument("--prune", action="store_true", help="retire computed rows that no export reaches any more")
    parser.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    parser.add_argument("--check", action="store_true", help="like --dry-run, and exit 1 when the output file is out of date (for CI)")
    parser.add_argument("--memory-limit", default=None, help="DuckDB memory limit, e.g. 1GB; larger exports spill to disk")
    args = parser.parse_args(argv)
    if not (args.dry_run or args.check) and (held := refresh_lock.hold(args.data)):
        print(gettext("ERROR {error}", error=held), file=sys.stderr)
        return 1

    started = time.perf_counter()
    parts = load_refresh_inputs(args.data)
    if errors(parts.problems):
        return _fail(errors(parts.problems))
    assert parts.kpis is not None and parts.exports_map is not None and parts.measurements is not None
    spec, day, data = parts.exports_map, today(), args.data.resolve()
    kpis = [k for k in parts.kpis if k.query]
    if warehouse := os.environ.get("HANDBOOK_WAREHOUSE_URL"):
        engine: Engine = WarehouseEngine(warehouse, spec)
    else:
        engine = DuckDBEngine(data, spec, args.memory_limit, cache_folder(data.parent) / "exports")
    print(gettext("Refreshing {n} KPIs on {engine}, judged on {day}", n=len(kpis), engine=engine.name, day=day), file=sys.stderr)
    computed, skipped = [], {}
    try:
        if engine.problems:
            return _fail(engine.problems)
        for k in kpis:
            t0 = time.perf_counter()
            result = compute(k, engine, data)
            if result.skipped:
                skipped[k.id] = result.skipped
                print(f"  {k.query:<34} " + gettext("skipped: {reason}", reason=result.skipped), file=sys.stderr)
                continue
            rows = result.rows
            ended = [r for r in rows if has_ended(r["period"], k.cadence, day)]
            covered = [r for r in ended if is_covered(r["period"], k.cadence, result.reach)]
            said = [gettext("{n} rows", n=f"{len(covered):>5}")]
            if len(ended) < len(rows):
                said.append(gettext("{n} of a period still running left out", n=len(rows) - len(ended)))
            if len(covered) < len(ended):
                said.append(gettext("{n} the exports reach only until {day} left out", n=len(ended) - len(covered), day=result.reach))
            print(f"  {k.query:<34} {', '.join(said)}  {time.perf_counter() - t0:6.2f} s", file=sys.stderr)
            computed += covered
        exports = engine.files_read(parts.kpis, data / "queries")
    except QueryError as exc:
        return _fail(exc.problems)
    finally:
        engine.close()

    target = f"{args.data.name}/{spec.refresh.output}"
    path, lock = args.data / spec.refresh.output, ledger.ledger_path(args.data, spec.refresh.output)
    recorded, problems = ledger.load(lock, data_label(lock, args.data))
    if recorded is not None and not args.restate_closed:
        problems += edits(path, target, recorded)  # a hand edit is restored from git or recomputed, never taken on
    if problems:
        return _fail(problems)
    m = parts.measurements
    mine = m["file"] == target
    hand = {(r.kpi, r.period, r.scope): gettext("{file} row {row}", file=r.file, row=r.row) for r in m[~mine].itertuples(index=False)}
    cadence = {k.id: k.cadence for k in parts.kpis}
    cutoff = closure.cutoff(args.data, spec, day)
    existing, seen = _read_rows(path), file_sha256(path) if path.is_file() else None
    plan = plan_refresh(
        existing,
        computed,
        hand,
        partial(_closed, cadences=cadence, cutoff=cutoff),
        args.restate_closed,
        args.prune,
        ledger.reported_kpis(recorded),
    )
    names = {k.id: named(k.name) for k in parts.kpis}
    print(render(plan, names, target, cutoff, args.restate_closed, args.prune))
    if skipped:
        print("\n" + gettext('Skipped {n} KPI(s), whose pages say "no data" with the reason:', n=len(skipped)))
        print("\n".join(f"  {kpi}: {reason}" for kpi, reason in skipped.items()))
    written = RefreshLedger(
        refreshed_on=day,
        closed_before=cutoff,
        engine=engine.name,
        kpis=ledger.recorded_kpis(parts.kpis),
        inputs=ledger.inputs(args.data, parts.kpis, exports),
        rows={ledger.row_key(r): ledger.figures(r) for r in plan.rows},
    )
    was = recorded.model_dump(exclude={"refreshed_on"}) if recorded else None
    stale = was != written.model_dump(exclude={"refreshed_on"}) and (recorded is not None or bool(plan.rows))
    if args.check:
        unrecorded = recorded is None and path.is_file()
        return _checked(
            plan, target, unrecorded or (recorded is not None and (recorded.inputs, recorded.kpis) != (written.inputs, written.kpis))
        )
    if plan.refused:  # the file and its ledger stay as they were, so validate keeps saying the exports changed
        seconds = f"{time.perf_counter() - started:.2f}"
        print(gettext("{target} and its ledger are left as they were in {seconds} s", target=target, seconds=seconds), file=sys.stderr)
        return 2
    if not args.dry_run and (file_sha256(path) if path.is_file() else None) != seen:
        message = gettext(
            "ERROR {target} changed while the refresh ran (a note saved?); nothing was written: run the refresh again", target=target
        )
        print(message, file=sys.stderr)
        return 1
    if not args.dry_run:
        if plan.writes:
            _write_rows(path, plan.rows)
        if stale:
            write_atomic(lock, ledger.dump(written))
    print(_done(target, args.dry_run, plan.writes, stale, f"{time.perf_counter() - started:.2f}"), file=sys.stderr)
    return 0


def _done(target: str, dry_run: bool, writes: bool, stale: bool, seconds: str) -> str:
    """What the refresh wrote (or would have), and how long it took."""
    if writes:
        if dry_run:
            return gettext("would write {target} and its ledger in {seconds} s", target=target, seconds=seconds)
        return gettext("wrote {target} and its ledger in {seconds} s", target=target, seconds=seconds)
    if not stale:
        return gettext("{target} is up to date in {seconds} s", target=target, seconds=seconds)
    if dry_run:
        return gettext("{target} is up to date, would write its ledger in {seconds} s", target=target, seconds=seconds)
    return gettext("{target} is up to date, wrote its ledger in {seconds} s", target=target, seconds=seconds)


def _checked(plan: RefreshPlan, target: str, inputs_changed: bool) -> int:
    """For CI: the output is out of date when a value it has differs from the exports, or they changed since it was
    computed; a period that has merely ended since is news for the next refresh, not a fault of the change checked."""
    differs = plan.updated or [c for c in plan.refused if c.old is not None]
    if differs or inputs_changed:
        message = gettext(
            "ERROR {target} does not match the exports: run `make refresh` and commit the result with the exports.", target=target
        )
        print(message, file=sys.stderr)
        return 1
    if plan.added or plan.refused:
        n = len(plan.added) + len(plan.refused)
        print(gettext("NOTE  {n} period(s) have ended since the last refresh; the next one writes them.", n=n), file=sys.stderr)
    return 0


def _closed(row: dict[str, str], cadences: dict[str, str], cutoff: date) -> bool:
    """A row's period is closed; one of a KPI no longer in kpis.yml is judged by its label, and kept if it has none."""
    cadence = cadences.get(row["kpi"]) or cadence_of(row["period"])
    return cadence is None or closure.is_closed(row["period"], cadence, cutoff)


def _read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "") for k, v in row.items() if k} for row in csv.DictReader(f)]


def _write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """The whole file at once: an interrupted refresh leaves the old file whole."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ROW_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(sorted(rows, key=key_of))
    write_atomic(path, out.getvalue().encode("utf-8"))


def _fail(problems: list[Problem]) -> int:
    for line in report_lines(problems, os.environ.get("GITHUB_ACTIONS") == "true"):
        print(line, file=sys.stderr)
    print(gettext("Nothing was written; fix the problems above and run the refresh again."), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
