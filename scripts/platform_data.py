"""A copy of the project with a large platform's volumes, for `make bench SCALE=platform`: generated, never committed.

Usage: python -m scripts.platform_data DEST [--merchants 5000] [--suppliers 300] [--kpi-copies 10] [--risks 200]

The sample's records stay as they are (pages and records name them) and generated ones are added beside them:
merchants with 24 months each, suppliers with 8 quarters, copies of every KPI with 60 periods of plain measurements,
and risks. Values come from a seeded random generator around the sample's own, so the data stay valid and a share
of merchants and suppliers fail (rectify, suspend, terminate; warning, eliminate) as on a real platform.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCALE_FILE = "measurements/scale.csv"


class _Plain(yaml.SafeDumper):
    """Writes every value out: data files allow no YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


MEASUREMENT_HEADER = ["kpi", "period", "value", "numerator", "denominator", "scope", "source", "note"]


def copy_project(dest: Path) -> None:
    """The committed files of the project (no venv, cache or built site), as a fresh clone has them."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)


def generate(data: Path, merchants: int, suppliers: int, kpi_copies: int, risks: int, seed: int = 7, weak: float = 0.06) -> dict[str, int]:
    """Add the generated records to data/ in place; returns how many of each there now are. `weak` is the share of
    merchants that slip (so every outcome appears)."""
    rng = random.Random(seed)
    counts = {
        "merchants": _merchants(data, merchants, rng, weak),
        "suppliers": _suppliers(data, suppliers, rng),
        "kpis": _kpis(data, kpi_copies, rng),
        "risks": _risks(data, risks),
    }
    for record in sorted((data / "records").glob("*.yml")):
        record.unlink()  # their quarters held the sample's figures; the platform's own start with none closed
    return counts


def _months_before(last: str, n: int) -> list[str]:
    year, month = map(int, last.split("-"))
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def _quarters_before(last: str, n: int) -> list[str]:
    year, q = int(last[:4]), int(last[-1])
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-Q{q}")
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    return out[::-1]


def _append_yaml_list(path: Path, key: str | None, entries: list[dict]) -> None:
    """Append entries to a YAML list (the file's top-level list, or the one under `key`), keeping its comments."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    indent = "  " if key else ""
    flow = {"Dumper": _Plain, "allow_unicode": True, "default_flow_style": True, "width": 10_000}
    lines = [indent + "- " + yaml.dump(e, **flow).strip() for e in entries]
    if key is None:
        lines = [yaml.dump([e], Dumper=_Plain, allow_unicode=True, sort_keys=False, width=10_000).rstrip() for e in entries]
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")


def _partners(
    data: Path,
    names: tuple[str, str, str, str],
    total: int,
    periods: Callable[[str], list[str]],
    rows_of: Callable[[str, list[str]], list[list]],
) -> int:
    """Add partners up to `total`, each with its rows over the periods before the newest one recorded.

    `names`: the YAML file, its list key, the CSV of records and its period column.
    """
    yml, key, records, period = names
    existing = yaml.safe_load((data / yml).read_text(encoding="utf-8"))[key]
    categories = sorted({p["category"] for p in existing})
    with (data / records).open(encoding="utf-8", newline="") as f:
        spans = periods(max(row[period] for row in csv.DictReader(f)))
    entries, rows = [], []
    noun, zh, prefix = {"merchants": ("Merchant", "商家", "MER-"), "suppliers": ("Supplier", "供应商", "SUP-")}[key]
    for n in range(len(existing) + 1, total + 1):
        pid = f"{prefix}{n:05d}"
        entries.append({"id": pid, "name": {"en": f"{noun} {n}", "zh": f"{zh}{n}号"}, "category": categories[n % len(categories)],
                        "since": f"{2017 + n % 7}-0{1 + n % 9}-01"})  # fmt: skip
        rows += rows_of(pid, spans)
    _append_yaml_list(data / yml, key, entries)
    with (data / records).open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return max(total, len(existing))


def _merchants(data: Path, total: int, rng: random.Random, weak_share: float) -> int:
    def months(merchant: str, spans: list[str]) -> list[list]:
        weak, rows = rng.random() < weak_share, []
        for month in spans:
            orders = rng.randint(60, 4000)
            completion = rng.uniform(0.88, 0.97) if weak and rng.random() < 0.5 else rng.uniform(0.96, 1.0)
            ratings = rng.randint(120, max(121, orders // 2))
            stars = rng.uniform(3.8, 4.6) if weak and rng.random() < 0.5 else rng.uniform(4.5, 4.95)
            complaints = rng.randint(5, 60)
            handled = round(complaints * (rng.uniform(0.7, 0.95) if weak and rng.random() < 0.4 else rng.uniform(0.92, 1.0)))
            rows.append([merchant, month, orders, round(orders * completion), ratings, round(ratings * stars, 1), complaints, handled])
        return rows

    names = ("merchants.yml", "merchants", "merchant_months.csv", "month")
    return _partners(data, names, total, lambda last: _months_before(last, 24), months)


def _suppliers(data: Path, total: int, rng: random.Random) -> int:
    def quarters(supplier: str, spans: list[str]) -> list[list]:
        weak, rows = rng.random() < 0.1, []
        for quarter in spans:
            deliveries, inspected = rng.randint(25, 120), rng.randint(600, 6000)
            on_time = rng.uniform(0.8, 0.92) if weak else rng.uniform(0.93, 1.0)
            passed = rng.uniform(0.96, 0.985) if weak and rng.random() < 0.5 else rng.uniform(0.986, 1.0)
            rows.append([supplier, quarter, deliveries, round(deliveries * on_time), inspected, round(inspected * passed),
                         rng.randint(1, 30), round(rng.uniform(8, 40), 1)])  # fmt: skip
        return rows

    names = ("suppliers.yml", "suppliers", "supplier_quarters.csv", "quarter")
    return _partners(data, names, total, lambda last: _quarters_before(last, 8), quarters)


def _kpis(data: Path, copies: int, rng: random.Random) -> int:
    """Copies of every KPI as plainly measured ones (no query, no scopes), each with 60 months, 20 quarters or 5 years."""
    kpis = yaml.safe_load((data / "kpis.yml").read_text(encoding="utf-8"))
    if copies < 2:
        return len(kpis)
    measured: dict[str, list[float]] = {}
    for path in sorted((data / "measurements").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if not row["scope"]:
                    measured.setdefault(row["kpi"], []).append(float(row["value"]))
    last = {"monthly": "2026-10", "quarterly": "2026-Q3", "yearly": "2025"}
    clones, rows = [], []
    for copy in range(2, copies + 1):
        for kpi in kpis:
            clone = {k: v for k, v in kpi.items() if k not in ("query", "scopes")}
            clone["id"] = f"{kpi['id']}_{copy}"
            clone["name"] = {"en": f"{kpi['name']['en']} ({copy})", "zh": f"{kpi['name']['zh']}（{copy}）"}
            clones.append(clone)
            if "series" in kpi:  # read from the copied series it names, so it has no rows of its own
                clone["series"] = f"{kpi['series']}_{copy}"
                continue
            values = measured.get(kpi["id"]) or [float(kpi.get("target", 1))]
            cadence = kpi["cadence"]
            periods = {"monthly": lambda: _months_before(last["monthly"], 60),
                       "quarterly": lambda: _quarters_before(last["quarterly"], 20),
                       "yearly": lambda: [str(y) for y in range(int(last["yearly"]) - 4, int(last["yearly"]) + 1)]}[cadence]()  # fmt: skip
            mean, spread = sum(values) / len(values), (max(values) - min(values)) / 2 or abs(sum(values) / len(values)) * 0.02 or 0.5
            for period in periods:
                value = mean + rng.uniform(-spread, spread)
                value = max(value, 0.0)
                if kpi["unit"] in ("percent",):
                    value = min(value, 100.0)
                if kpi["unit"] in ("count",):
                    value = round(value)
                rows.append([clone["id"], period, *_written(value, kpi, rng), "", "scale", ""])
    with (data / "kpis.yml").open("a", encoding="utf-8") as f:
        f.write("\n" + yaml.dump(clones, Dumper=_Plain, allow_unicode=True, sort_keys=False, width=10_000))
    _procedures_move(data / "procedures.yml", copies)
    with (data / SCALE_FILE).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(MEASUREMENT_HEADER)
        writer.writerows(rows)
    return len(kpis) + len(clones)


def _procedures_move(path: Path, copies: int) -> None:
    """Each procedure moves the copies of the KPIs it moves (a KPI no procedure moves is refused)."""

    def extended(match: re.Match) -> str:
        ids = [i.strip() for i in match.group(2).split(",")]
        return f"{match.group(1)}[{', '.join(ids + [f'{i}_{c}' for c in range(2, copies + 1) for i in ids])}]"

    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(\s*kpis: )\[([^\]]*)\]", extended, text, flags=re.M), encoding="utf-8")


def _written(value: float, kpi: dict, rng: random.Random) -> list[str]:
    """Value, numerator and denominator as a measurement file has them: a rate with both, worked out from them."""
    if kpi["unit"] == "count":
        return [str(round(value)), "", ""]
    if "denominator" not in kpi.get("definition", {}):
        return [f"{value:.2f}", "", ""]
    scale = {"percent": 100, "permille": 1000}.get(kpi["unit"], 1)
    denominator = rng.randint(2_000, 200_000)
    numerator = round(value * denominator / scale, 2)
    return [f"{numerator / denominator * scale:.2f}", f"{numerator:.2f}", str(denominator)]


def _risks(data: Path, total: int) -> int:
    spec = yaml.safe_load((data / "risks.yml").read_text(encoding="utf-8"))
    existing = spec["risks"]
    entries = []
    for n in range(len(existing) + 1, total + 1):
        base = dict(existing[n % len(existing)])
        base["id"] = f"R-{n:03d}"
        base["title"] = f"{base['title']} ({n})"
        entries.append(base)
    _append_yaml_list(data / "risks.yml", "risks", entries)
    return max(total, len(existing))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="a new or empty folder for the copy")
    parser.add_argument("--merchants", type=int, default=5000)
    parser.add_argument("--suppliers", type=int, default=300)
    parser.add_argument("--kpi-copies", type=int, default=10, help="the KPIs become this many times as many")
    parser.add_argument("--risks", type=int, default=200)
    args = parser.parse_args(argv)
    if args.dest.exists() and any(args.dest.iterdir()):
        parser.error(f"{args.dest}: the folder is not empty")
    copy_project(args.dest)
    counts = generate(args.dest / "data", args.merchants, args.suppliers, args.kpi_copies, args.risks)
    print(", ".join(f"{n:,} {what}" for what, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
