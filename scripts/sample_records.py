"""Write believable sample operational records (seeded, deterministic): the exports of
orders, returns and complaints, and the supplier and merchant evaluation records.

Usage: python scripts/sample_records.py [--data DIR] [--force]

Like sample_data.py, it never overwrites an existing file unless --force is given.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from scripts.sample_data import to_csv, write_new

SEED = 20251001
START, END = datetime(2025, 10, 1), datetime(2026, 11, 1)  # orders of 13 whole months
SNAPSHOT = datetime(2026, 11, 15)  # the day the exports were taken: later returns and complaints are not in them
ORDERS = 4200
# share of orders, mean order value (yuan), return probability, quality share of returns
CATEGORIES = {
    "apparel": (0.32, 180, 0.090, 0.35),
    "electronics": (0.18, 900, 0.050, 0.55),
    "home": (0.21, 260, 0.040, 0.45),
    "beauty": (0.15, 150, 0.030, 0.50),
    "food": (0.12, 80, 0.015, 0.70),
    "jewellery": (0.02, 1200, 0.060, 0.50),
}
MERCHANTS = {"apparel": ["MER-01", "MER-02"], "electronics": ["MER-03", "MER-04"], "home": ["MER-05", "MER-06"]}
MERCHANTS |= {"beauty": ["MER-07", "MER-08"], "food": ["MER-09"], "jewellery": ["MER-10"]}
OTHER_RETURNS = ["damaged_in_transit", "wrong_item", "size_fit", "changed_mind"]
QUALITY_RETURNS = ["quality_defect", "not_as_described", "counterfeit"]
COMPLAINT_TOPICS = ["product_quality", "counterfeit", "delivery", "service", "refund"]
COMPLAINT_WEIGHTS = [0.40, 0.05, 0.30, 0.15, 0.10]
QUARTERS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
# supplier: deliveries per quarter, on-time rate, pass rate, mean response hours — first and last quarter
SUPPLIERS = {
    "SUP-01": (60, (0.96, 0.97), (0.994, 0.995), (20, 16)),
    "SUP-02": (45, (0.93, 0.95), (0.990, 0.992), (26, 22)),
    "SUP-03": (80, (0.97, 0.98), (0.996, 0.997), (12, 10)),
    "SUP-04": (35, (0.97, 0.86), (0.995, 0.982), (18, 36)),
    "SUP-05": (50, (0.95, 0.96), (0.993, 0.994), (22, 20)),
    "SUP-06": (40, (0.92, 0.90), (0.990, 0.989), (28, 30)),
    "SUP-07": (55, (0.97, 0.97), (0.995, 0.996), (14, 12)),
    "SUP-08": (30, (0.97, 0.90), (0.995, 0.988), (16, 30)),
    "SUP-09": (70, (0.93, 0.95), (0.988, 0.991), (30, 24)),
    "SUP-10": (25, (0.90, 0.96), (0.985, 0.993), (36, 20)),
}
MONTHS = [f"2026-{m:02d}" for m in range(1, 11)]
# merchant: orders per month, rating, completion rate, share of complaints handled in 48 h — first and last month
MERCHANT_PROFILES = {
    "MER-01": (900, (4.70, 4.75), (0.985, 0.988), (0.96, 0.97)),
    "MER-02": (700, (4.55, 4.60), (0.975, 0.980), (0.93, 0.95)),
    "MER-03": (650, (4.65, 4.70), (0.990, 0.990), (0.95, 0.96)),
    "MER-04": (400, (4.72, 4.46), (0.988, 0.965), (0.97, 0.92)),
    "MER-05": (600, (4.62, 4.66), (0.982, 0.985), (0.94, 0.95)),
    "MER-06": (300, (4.85, 4.20), (0.992, 0.950), (0.98, 0.86)),
    "MER-07": (500, (4.72, 4.74), (0.988, 0.990), (0.97, 0.97)),
    "MER-08": (200, (4.62, 4.48), (0.975, 0.965), (0.93, 0.91)),
    "MER-09": (450, (4.58, 4.62), (0.980, 0.984), (0.92, 0.94)),
    "MER-10": (52, (4.80, 4.85), (0.990, 0.992), (0.96, 0.96)),
}


def _stamp(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M")


def exports(rng: np.random.Generator) -> dict[str, tuple[list[str], list[list]]]:
    """orders, returns and complaints, linked by order id."""
    names = list(CATEGORIES)
    shares = np.array([CATEGORIES[n][0] for n in names])
    seconds = int((END - START).total_seconds())
    offsets = np.sort(rng.integers(0, seconds, ORDERS))
    orders, returns, complaints = [], [], []
    for i, offset in enumerate(offsets):
        category = names[rng.choice(len(names), p=shares / shares.sum())]
        _, mean_value, p_return, q_share = CATEGORIES[category]
        ordered = START + timedelta(seconds=int(offset))
        confirmed = ordered + timedelta(minutes=int(rng.integers(1, 120)))
        shipped = confirmed + timedelta(hours=float(rng.gamma(2.0, 6.5)))
        merchant = MERCHANTS[category][int(rng.integers(len(MERCHANTS[category])))]
        amount = round(float(rng.lognormal(np.log(mean_value), 0.5)), 2)
        order_id = f"O{ordered:%y%m}{i:05d}"
        orders.append([order_id, _stamp(ordered), _stamp(confirmed), _stamp(shipped), category, merchant, f"{amount:.2f}"])
        if rng.random() < p_return:
            when = shipped + timedelta(days=float(rng.uniform(3, 20)))
            reason = rng.choice(QUALITY_RETURNS, p=[0.7, 0.25, 0.05]) if rng.random() < q_share else rng.choice(OTHER_RETURNS)
            if when < SNAPSHOT:
                returns.append([f"R{len(returns) + 1:05d}", order_id, _stamp(when), str(reason)])
        if rng.random() < 0.03:
            opened = ordered + timedelta(days=float(rng.uniform(1, 15)))
            first = opened + timedelta(hours=float(rng.gamma(2.0, 7.5)))
            resolved = first + timedelta(hours=float(rng.gamma(3.0, 9.0)))
            if opened < SNAPSHOT:
                topic = str(rng.choice(COMPLAINT_TOPICS, p=COMPLAINT_WEIGHTS))
                complaints.append([f"C{len(complaints) + 1:05d}", order_id, _stamp(opened), topic, _stamp(first), _stamp(resolved)])
    return {
        "exports/orders.csv": (["order_id", "ordered_at", "confirmed_at", "shipped_at", "category", "merchant", "amount"], orders),
        "exports/returns.csv": (["return_id", "order_id", "requested_at", "reason"], returns),
        "exports/complaints.csv": (["complaint_id", "order_id", "opened_at", "topic", "first_response_at", "resolved_at"], complaints),
    }


def _path(first_last: tuple[float, float], n: int) -> np.ndarray:
    return np.linspace(first_last[0], first_last[1], n)


def supplier_quarters(rng: np.random.Generator) -> list[list]:
    rows = []
    for supplier, (deliveries, otd, passed, hours) in SUPPLIERS.items():
        n = len(QUARTERS)
        for q, o, p, h in zip(QUARTERS, _path(otd, n), _path(passed, n), _path(hours, n), strict=True):
            if supplier == "SUP-10" and q == "2025-Q1":
                continue  # admitted in 2025: no deliveries in its first quarter yet
            d = max(1, int(rng.normal(deliveries, deliveries * 0.08)))
            if supplier == "SUP-10" and q == "2025-Q2":
                d = 12  # a trial quarter: too few deliveries to rate
            inspected = d * int(rng.integers(40, 60))
            requests = int(rng.integers(3, 15))
            rows.append(
                [
                    supplier,
                    q,
                    d,
                    min(d, round(d * (o + rng.normal(0, 0.005)))),
                    inspected,
                    round(inspected * p),
                    requests,
                    f"{h + rng.normal(0, 0.8):.1f}",
                ]
            )
    return rows


def merchant_months(rng: np.random.Generator) -> list[list]:
    rows = []
    for merchant, (orders, rating, completion, handled) in MERCHANT_PROFILES.items():
        n = len(MONTHS)
        for m, r, c, h in zip(MONTHS, _path(rating, n), _path(completion, n), _path(handled, n), strict=True):
            if merchant == "MER-06" and m > "2026-08":
                break  # terminated after 2026-08 (the sample's rules decide so): no orders since
            o = max(1, int(rng.normal(orders, orders * 0.06)))
            ratings = int(o * rng.uniform(0.35, 0.5))
            complaints = max(1, int(o * rng.uniform(0.01, 0.03)))
            rows.append(
                [merchant, m, o, round(o * c), ratings, f"{ratings * (r + rng.normal(0, 0.01)):.1f}", complaints, round(complaints * h)]
            )
    return rows


def generate(seed: int = SEED) -> dict[str, tuple[list[str], list[list]]]:
    """Every record file's header and rows, keyed by its path under data/."""
    rng = np.random.default_rng(seed)
    files = exports(rng)
    files["supplier_quarters.csv"] = (
        ["supplier", "quarter", "deliveries", "on_time", "inspected", "passed", "requests", "response_hours"],
        supplier_quarters(rng),
    )
    files["merchant_months.csv"] = (
        ["merchant", "month", "orders", "completed", "ratings", "rating_sum", "complaints", "handled_in_time"],
        merchant_months(rng),
    )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="data folder to write into (default: data)")
    parser.add_argument("--force", action="store_true", help="overwrite files that already exist")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    texts = {name: to_csv(rows, header) for name, (header, rows) in generate(args.seed).items()}
    return write_new(args.data, texts, args.force)


if __name__ == "__main__":
    sys.exit(main())
