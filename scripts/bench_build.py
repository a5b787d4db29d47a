"""Time the MkDocs build of two commits side by side, cold (no chart cache) and warm, alternating runs to share the noise.

Usage: python -m scripts.bench_build BASE [HEAD] [--runs 5]
Example: python -m scripts.bench_build 77799c5      (what the audit features of issue 5 cost)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default="HEAD")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_TODAY": os.environ.get("HANDBOOK_TODAY", "2026-11-22")}
    with tempfile.TemporaryDirectory() as tmp:
        trees = {}
        for ref in (args.base, args.head):
            tree = Path(tmp) / ref.replace("/", "_")
            subprocess.run(["git", "clone", "-q", str(ROOT), str(tree)], check=True)
            subprocess.run(["git", "checkout", "-q", ref], cwd=tree, check=True)
            trees[ref] = tree
        times: dict[str, dict[str, list[float]]] = {ref: {"cold": [], "warm": []} for ref in trees}
        for n in range(1, args.runs + 1):
            for ref, tree in trees.items():
                shutil.rmtree(tree / ".cache", ignore_errors=True)
                for kind in ("cold", "warm"):
                    started = time.perf_counter()
                    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tree / "site")]
                    result = subprocess.run(build, cwd=tree, env=env, capture_output=True, text=True)
                    if result.returncode != 0:
                        print(f"ERROR the build of {ref} failed:\n{result.stderr[-2000:]}", file=sys.stderr)
                        return 1
                    times[ref][kind].append(time.perf_counter() - started)
            print(f"run {n}/{args.runs} done", file=sys.stderr, flush=True)
    print(f"| commit | cold median (min–max) | warm median (min–max) |  ({args.runs} alternating runs)")
    print("|---|---|---|")
    for ref, kinds in times.items():
        cells = [f"{statistics.median(v):.2f} s ({min(v):.2f}–{max(v):.2f})" for v in kinds.values()]
        print(f"| {ref} | {cells[0]} | {cells[1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
