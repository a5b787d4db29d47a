"""`make bench SCALE=platform`: validate and build a platform-sized copy of the handbook, against the targets of issue 20.

Two copies (scripts/platform_data.py), each a git repository of this one's committed files: "platform" with 5,000
merchants × 24 months, 300 suppliers × 8 quarters, 180 KPIs (60 periods each) and 200 risks; "partners" with the
merchants and suppliers alone, the size the issue's targets are set at. Each run, with an empty cache:

- validate, cold (nothing parsed yet) and warm (every file parsed before);
- the build cold, then warm (nothing changed), then after one new measurement row for one KPI, committed (a
  file of rows of many KPIs);
- the sample's own cold build, in the same run, for the ratio;
- the floor: plain MkDocs over the Markdown the macros rendered, as scripts/bench.py builds it.

Every command runs under a fresh helper interpreter (scripts/bench.py: measure), so its peak RSS is its own.
"""

from __future__ import annotations

import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import platform_data
from scripts.bench import (
    ROOT,
    TODAY,
    BenchError,
    Run,
    floor_project,
    machine,
    measure,
    mib,
    plural,
    progress,
    row,
    rule,
    target,
)

GIB = 1024**3
ONE_MB = 1_000_000
GIT = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench",
       "GIT_COMMITTER_EMAIL": "bench@example.com"}  # fmt: skip


# name: (suppliers, KPI copies, risks) beside the merchants. The targets are set at its size of merchants
# and suppliers ("partners"); the full platform adds ten times the KPIs and the risks.
SCENARIOS = {"platform": (300, 10, 200), "partners": (300, 1, 0)}


def bench_platform(runs: int, merchants: int) -> int:
    env = {**_clean_env(), "HANDBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    print(machine())
    try:
        for name, (suppliers, copies, risks) in SCENARIOS.items():
            with tempfile.TemporaryDirectory(prefix=f"handbook-{name}-") as tmp:
                print("\n" + _bench(Path(tmp), runs, name, (merchants, suppliers, copies, risks), env), flush=True)
    except BenchError as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 1
    return 0


def _clean_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    for name in ("HANDBOOK_WAREHOUSE_URL", "HANDBOOK_CACHE", "HANDBOOK_DUMP_MARKDOWN", "HANDBOOK_EDITION"):
        env.pop(name, None)  # the bench decides these; one left in the shell would change what is measured
    return env


def _bench(work: Path, runs: int, name: str, size: tuple[int, int, int, int], env: dict[str, str]) -> str:
    project, logs = work / "platform", work / "logs"
    progress(f"{name}: generating {size[0]:,} merchants, {size[1]:,} suppliers, ×{size[2]} KPIs (scripts/platform_data.py)…")
    project.mkdir()
    platform_data.copy_project(project)
    counts = platform_data.generate(project / "data", *size)
    new_row = project / "data" / (platform_data.SCALE_FILE if size[2] > 1 else "measurements/merchants.csv")
    held_back = _hold_back_row(new_row)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "A platform's data")

    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    validate = [sys.executable, "-m", "scripts.validate"]
    times: dict[str, list[Run]] = {k: [] for k in ("validate cold", "validate warm", "cold", "warm", "one new row", "floor", "sample cold")}
    progress("rendering every page once to dump its Markdown for the floor build (not timed)…")
    dump = work / "dump"
    prep = {**env, "HANDBOOK_CACHE": str(work / "cache-prep"), "HANDBOOK_DUMP_MARKDOWN": str(dump)}
    measure([*mkdocs, "-d", str(work / "site-prep")], prep, project, logs)
    pages, _ = floor_project(work / "floor", dump, work / "site-prep", project)
    for n in range(1, runs + 1):
        cache = {**env, "HANDBOOK_CACHE": str(work / f"cache-{n}")}
        times["validate cold"].append(measure(validate, cache, project, logs))
        times["validate warm"].append(measure(validate, cache, project, logs))
        shutil.rmtree(work / f"cache-{n}")
        times["cold"].append(measure([*mkdocs, "-d", str(work / "site")], cache, project, logs))
        times["warm"].append(measure([*mkdocs, "-d", str(work / "site")], cache, project, logs))
        with new_row.open("a", encoding="utf-8", newline="") as f:
            f.write(held_back)
        _git(project, "commit", "-q", "-am", "One new measurement row")
        times["one new row"].append(measure([*mkdocs, "-d", str(work / "site")], cache, project, logs))
        _git(project, "revert", "--no-edit", "HEAD")  # the next run starts from the same data
        times["floor"].append(measure([*mkdocs, "-f", str(work / "floor" / "mkdocs.yml"), "-d", str(work / "site-floor")], env,
                                      work / "floor", logs))  # fmt: skip
        sample = {**env, "HANDBOOK_CACHE": str(work / f"sample-{n}")}
        times["sample cold"].append(measure([*mkdocs, "-d", str(work / "site-sample")], sample, ROOT, logs))
        progress(f"{name} run {n}/{runs}: " + ", ".join(f"{k} {v[-1].wall:.1f} s" for k, v in times.items()))
    largest = max((p for p in (work / "site").rglob("*.html")), key=lambda p: p.stat().st_size)
    return _report(name, times, counts, pages, largest.relative_to(work / "site"), largest.stat().st_size, runs)


def _report(name: str, times: dict[str, list[Run]], counts: dict[str, int], pages: int, largest: Path, size: int, runs: int) -> str:
    median = {k: statistics.median(r.wall for r in v) for k, v in times.items()}
    peak = max(r.rss for v in times.values() for r in v if v is not times["sample cold"] and v is not times["floor"])
    goals = {
        "validate cold": (median["validate cold"], "≤ 10 s", median["validate cold"] <= 10),
        "validate warm": (median["validate warm"], "≤ 10 s", median["validate warm"] <= 10),
        "cold": (median["cold"] / median["sample cold"], "≤ 2× the sample's cold build", median["cold"] <= 2 * median["sample cold"]),
        "warm": (median["warm"] / median["floor"], "≤ 1.3× the floor", median["warm"] <= 1.3 * median["floor"]),
        "one new row": (median["one new row"] / median["cold"], "≤ 0.5× the cold build", median["one new row"] <= 0.5 * median["cold"]),
    }
    lines = [
        f"SCALE=platform, {name}: {', '.join(f'{n:,} {what}' for what, n in counts.items())}; {pages} pages; {plural(runs, 'run')}",
        "",
        f"{'':<44}{'median':>10}{'min–max':>17}   {'ratio':>7}   target",
        rule(),
    ]
    for kind, measured in times.items():
        note = ""
        if kind in goals:
            value, goal, met = goals[kind]
            note = (f"{'':>7}   " if kind.startswith("validate") else f"{value:>6.2f}×   ") + target(goal, met)
        lines.append(row(kind, [r.wall for r in measured], note))
    lines += [
        rule(),
        f"{'peak RSS of any platform command':<44}{mib(peak):>10}{'':>17}   {'':>7}   {target('< 1 GiB', peak < GIB)}",
        f"{'largest page: ' + str(largest):<44}{size / ONE_MB:>8.2f} MB{'':>17}   {'':>7}   {target('≤ 1 MB', size <= ONE_MB)}",
        rule(),
        "validate cold: an empty cache; warm: every file parsed before. one new row: a row for one KPI added and committed,",
        "then built with the warm cache. floor: plain MkDocs over the Markdown the macros rendered (scripts/bench.py).",
    ]
    return "\n".join(lines)


def _hold_back_row(path: Path) -> str:
    """Take the last row of the file out, to add it back as the new row; returns it as written."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows[:-1])
    return ",".join(rows[-1]) + "\n"


def _git(project: Path, *args: str) -> None:
    result = subprocess.run(["git", *args], cwd=project, env={**_clean_env(), **GIT}, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(f"git {' '.join(args)} failed: {result.stderr}")
