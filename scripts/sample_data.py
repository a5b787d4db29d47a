"""Write 24 months of believable sample measurements for every KPI (seeded, deterministic).

Usage: python -m scripts.sample_data [--out DIR] [--force]

Existing files are never overwritten unless --force is given, so measurements a
department entered by hand cannot be lost by running this by mistake.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

SEED = 20241101
MONTHS = [f"{2024 + (10 + i) // 12}-{(10 + i) % 12 + 1:02d}" for i in range(24)]  # 2024-11 … 2026-10
QUARTERS = [f"{y}-Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)][3:11]  # 2024-Q4 … 2026-Q3
HEADER = ["kpi", "period", "value", "numerator", "denominator", "scope", "source", "note"]
CATEGORIES = {  # share of orders, return rate at the start and at the end of the 24 months
    "apparel": (0.34, 0.072, 0.095),
    "electronics": (0.18, 0.041, 0.046),
    "home": (0.22, 0.034, 0.038),
    "beauty": (0.16, 0.028, 0.030),
    "food": (0.10, 0.012, 0.013),
}


def _trend(rng: np.random.Generator, start: float, end: float, n: int, noise: float) -> np.ndarray:
    return np.linspace(start, end, n) + rng.normal(0, noise, n)


def _row(kpi: str, period: str, num: float, den: float, factor: float, source: str, scope: str = "", note: str = "") -> list:
    value = round(num / den * factor, 2)
    return [kpi, period, f"{value:.2f}", _number(num), _number(den), scope, source, note]


def _number(x: float) -> str:
    """Counts as whole numbers (never 1.7e+06); summed hours with one decimal."""
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def _rate_rows(rng, kpi, periods, start, end, noise, den_mean, den_sd, source, factor=100.0) -> Iterator[list]:
    for period, p in zip(periods, _trend(rng, start, end, len(periods), noise), strict=True):
        den = int(rng.normal(den_mean, den_sd))
        yield _row(kpi, period, round(den * p), den, factor, source)


def _mean_rows(rng, kpi, periods, start, end, noise, den_mean, den_sd, source) -> Iterator[list]:
    for period, mean in zip(periods, _trend(rng, start, end, len(periods), noise), strict=True):
        den = int(rng.normal(den_mean, den_sd))
        yield _row(kpi, period, round(den * mean, 1), den, 1.0, source)


def generate(seed: int = SEED) -> dict[str, list[list]]:
    """Every measurement file's rows, keyed by file name."""
    rng = np.random.default_rng(seed)
    files: dict[str, list[list]] = {}
    files["customer.csv"] = [
        *_rate_rows(rng, "customer_satisfaction", MONTHS, 0.862, 0.915, 0.003, 48000, 3000, "review export"),
        *_mean_rows(rng, "complaint_first_response", MONTHS, 21.5, 15.8, 0.6, 5200, 400, "CRM export"),
        *_mean_rows(rng, "complaint_resolution_time", MONTHS, 39.0, 49.5, 1.0, 5100, 400, "CRM export"),
    ]
    operations = []
    for i, month in enumerate(MONTHS):
        orders = int(rng.normal(320000, 15000))
        for name, (share, r0, r1) in CATEGORIES.items():
            den = int(orders * share)
            rate = r0 + (r1 - r0) * i / 23 + rng.normal(0, 0.002)
            operations.append(_row("return_rate", month, round(den * rate), den, 100.0, "OMS export", f"category={name}"))
    operations += _rate_rows(rng, "on_time_shipment", MONTHS, 0.971, 0.988, 0.0015, 320000, 15000, "WMS export")
    files["operations.csv"] = operations
    files["platform.csv"] = [
        _row("security_incident_rate", "2024", 8610, 2050000, 100.0, "incident register"),
        _row("security_incident_rate", "2025", 7130, 2300000, 100.0, "incident register"),
        *_rate_rows(rng, "system_failure_rate", MONTHS, 0.0007, 0.00112, 0.00008, 330000, 15000, "monitoring", 1000.0),
    ]
    files["training.csv"] = list(_rate_rows(rng, "training_pass_rate", QUARTERS, 0.938, 0.968, 0.004, 150, 12, "LMS export"))
    files["suppliers.csv"] = [
        *_rate_rows(rng, "supplier_on_time_delivery", QUARTERS, 0.935, 0.964, 0.003, 2100, 150, "SRM export"),
        *_rate_rows(rng, "supplier_pass_rate", QUARTERS, 0.989, 0.9935, 0.0006, 52000, 3000, "QC inspection log"),
        *_mean_rows(rng, "supplier_response_time", QUARTERS, 30.0, 22.0, 0.8, 800, 60, "SRM export"),
    ]
    merchants = list(_mean_rows(rng, "merchant_user_rating", MONTHS, 4.52, 4.63, 0.015, 210000, 9000, "review export"))
    merchants += _rate_rows(rng, "merchant_order_completion", MONTHS, 0.976, 0.984, 0.0012, 260000, 12000, "OMS export")
    # The merchant team has not delivered its last two months: the handbook shows this KPI as stale.
    merchants += _rate_rows(rng, "merchant_complaint_handling", MONTHS[:-2], 0.930, 0.960, 0.004, 3100, 250, "CRM export")
    files["merchants.csv"] = merchants
    files["plan.csv"] = list(_rate_rows(rng, "customer_churn_rate", MONTHS, 0.0310, 0.0285, 0.0004, 1800000, 40000, "CRM export"))
    # KPIs of the service commitments, from their own stream so the rows above never change.
    rng = np.random.default_rng([seed, 2])
    for month in MONTHS:
        files["operations.csv"].append(["counterfeit_confirmed", month, str(rng.poisson(0.35)), "", "", "", "QC inspection log", ""])
        requests = int(rng.normal(23000, 1500))
        refused = int(rng.poisson(0.6))
        files["customer.csv"].append(_row("return_acceptance_rate", month, requests - refused, requests, 100.0, "OMS export"))
    return files


def to_csv(rows: list[list], header: list[str] = HEADER) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_new(folder: Path, texts: dict[str, str], force: bool) -> int:
    """Write each file under folder, refusing all of them if any exists and force is not given."""
    existing = [name for name in texts if (folder / name).exists()]
    if existing and not force:
        print(
            f"Not writing: {', '.join(existing)} already exist in {folder}. "
            "Pass --force to overwrite them (hand-entered values would be lost).",
            file=sys.stderr,
        )
        return 1
    for name, text in texts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({text.count(chr(10)) - 1} rows)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("data/measurements"), help="folder to write (default: data/measurements)")
    parser.add_argument("--force", action="store_true", help="overwrite files that already exist")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    files = generate(args.seed)
    return write_new(args.out, {name: to_csv(rows) for name, rows in files.items()}, args.force)


if __name__ == "__main__":
    sys.exit(main())
