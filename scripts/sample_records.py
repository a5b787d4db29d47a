"""Write believable sample operational records (seeded, deterministic): the exports of
orders, returns, complaints and reviews, and the supplier and merchant evaluation records.

Usage: python -m scripts.sample_records [--data DIR] [--force]

Like sample_data.py, it never overwrites an existing file unless --force is given.
The KPIs are computed from the exports month by month, so each rate drifts from its level
in the first month to its level in the last as the hand-entered history in data/measurements/ does.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from scripts.sample_data import to_csv, write_new

SEED = 20251001
START, END = datetime(2024, 11, 1), datetime(2026, 11, 1)  # orders of 24 whole months
SPAN_MONTHS = 24
SNAPSHOT = datetime(2026, 11, 15)  # the day the exports were taken: later returns, complaints and reviews are not in them
ORDERS = 24_000  # about 1,000 a month, so a monthly rate is more than noise
# Pairs (first, last) below are the level in the first month (2024-11) and the last (2026-10), linear in between.
# share of orders, mean order value (yuan), return probability (first, last), quality share of returns
CATEGORIES = {
    "apparel": (0.32, 180, (0.069, 0.093), 0.35),  # rising: CA-002
    "electronics": (0.18, 900, (0.042, 0.047), 0.55),
    "home": (0.21, 260, (0.033, 0.036), 0.45),
    "beauty": (0.15, 150, (0.029, 0.029), 0.50),
    "food": (0.12, 80, (0.014, 0.014), 0.70),
    "jewellery": (0.02, 1200, (0.060, 0.060), 0.50),
}
MERCHANTS = {"apparel": ["MER-01", "MER-02"], "electronics": ["MER-03", "MER-04"], "home": ["MER-05", "MER-06"]}
MERCHANTS |= {"beauty": ["MER-07", "MER-08"], "food": ["MER-09"], "jewellery": ["MER-10"]}
# merchants that joined (data/merchants.yml, since) or left (MER-06, terminated after 2026-08) within the span:
# they have orders only from..until; jewellery, sold by MER-10 alone, starts with it
TRADING = {"MER-08": (datetime(2025, 2, 1), END), "MER-10": (datetime(2025, 6, 1), END), "MER-06": (START, datetime(2026, 9, 1))}
LATE = (0.027, 0.007)  # shipped more than 24 h after confirmation
UNSHIPPED = 0.003  # confirmed but never shipped (cancelled): no shipped_at, counted late
COMPLAINED = 0.0275  # share of orders with a complaint
FIRST_RESPONSE_HOURS = (22.5, 15.5)  # mean hours from complaint opened to first reply
RESOLUTION_HOURS = (39.0, 49.0)  # mean hours from complaint opened to resolved: rising, CA-003
REVIEWED = 0.40  # share of shipped orders the customer rates
SATISFIED = (0.865, 0.917)  # share of reviews rated 4 or 5
# The supplier and merchant records start where the 13-month exports of the first version left the
# stream (this many 64-bit draws), so they stay the records reviewed then, byte for byte.
RECORDS_SKIP = 32_951
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


def _stamp(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%dT%H:%M") if t else ""


def _progress(when: datetime) -> float:
    """0 in the middle of the first month, 1 in the middle of the last, linear in between."""
    months = (when - START) / (END - START) * SPAN_MONTHS
    return min(1.0, max(0.0, (months - 0.5) / (SPAN_MONTHS - 1)))


def _at(first_last: tuple[float, float], progress: float) -> float:
    return first_last[0] + (first_last[1] - first_last[0]) * progress


def _trading(category: str, when: datetime) -> list[str]:
    """The category's merchants taking orders at that time."""
    spans = {m: TRADING.get(m, (START, END)) for m in MERCHANTS[category]}
    return [m for m, (since, until) in spans.items() if since <= when < until]


def exports(rng: np.random.Generator) -> dict[str, tuple[list[str], list[list]]]:
    """orders, returns, complaints and reviews, linked by order id."""
    names = list(CATEGORIES)
    seconds = int((END - START).total_seconds())
    offsets = np.sort(rng.integers(0, seconds, ORDERS))
    orders, returns, complaints, reviews = [], [], [], []
    for i, offset in enumerate(offsets):
        ordered = START + timedelta(seconds=int(offset))
        p = _progress(ordered)
        shares = np.array([CATEGORIES[n][0] if _trading(n, ordered) else 0.0 for n in names])
        category = names[rng.choice(len(names), p=shares / shares.sum())]
        _, mean_value, p_return, q_share = CATEGORIES[category]
        confirmed = ordered + timedelta(minutes=int(rng.integers(1, 120)))
        draw = rng.random()
        if draw < UNSHIPPED:
            shipped = None
        elif draw < UNSHIPPED + _at(LATE, p):
            shipped = confirmed + timedelta(hours=25 + float(rng.gamma(1.5, 12)))
        else:
            shipped = confirmed + timedelta(hours=23.5 * float(rng.beta(2, 5)))  # within 24 h, even to the minute
        merchants = _trading(category, ordered)
        merchant = merchants[int(rng.integers(len(merchants)))]
        amount = round(float(rng.lognormal(np.log(mean_value), 0.5)), 2)
        order_id = f"O{ordered:%y%m}{i:05d}"
        orders.append([order_id, _stamp(ordered), _stamp(confirmed), _stamp(shipped), category, merchant, f"{amount:.2f}"])
        if shipped and rng.random() < _at(p_return, p):
            when = shipped + timedelta(days=float(rng.uniform(3, 20)))
            reason = rng.choice(QUALITY_RETURNS, p=[0.7, 0.25, 0.05]) if rng.random() < q_share else rng.choice(OTHER_RETURNS)
            if when < SNAPSHOT:
                returns.append([f"R{len(returns) + 1:05d}", order_id, _stamp(when), str(reason)])
        if rng.random() < COMPLAINED:
            opened = ordered + timedelta(days=float(rng.uniform(1, 30)))  # a fault may show only in use
            first_hours = float(rng.gamma(3.0, _at(FIRST_RESPONSE_HOURS, p) / 3))
            first = opened + timedelta(hours=first_hours)
            resolved = first + timedelta(hours=float(rng.gamma(4.0, (_at(RESOLUTION_HOURS, p) - _at(FIRST_RESPONSE_HOURS, p)) / 4)))
            topic = str(rng.choice(COMPLAINT_TOPICS, p=COMPLAINT_WEIGHTS))
            if opened < SNAPSHOT:  # a complaint still waiting for its reply or its resolution has no time for it yet
                first_at, resolved_at = (t if t < SNAPSHOT else None for t in (first, resolved))
                complaints.append([f"C{len(complaints) + 1:05d}", order_id, _stamp(opened), topic, _stamp(first_at), _stamp(resolved_at)])
        if shipped and rng.random() < REVIEWED:
            submitted = shipped + timedelta(days=float(rng.uniform(2, 20)))
            if rng.random() < _at(SATISFIED, _progress(submitted)):
                rating = 5 if rng.random() < 0.7 else 4
            else:
                rating = int(rng.choice([1, 2, 3], p=[0.3, 0.2, 0.5]))
            if submitted < SNAPSHOT:
                reviews.append([f"V{len(reviews) + 1:06d}", order_id, _stamp(submitted), rating])
    return {
        "exports/orders.csv": (["order_id", "ordered_at", "confirmed_at", "shipped_at", "category", "merchant", "amount"], orders),
        "exports/returns.csv": (["return_id", "order_id", "requested_at", "reason"], returns),
        "exports/complaints.csv": (["complaint_id", "order_id", "opened_at", "topic", "first_response_at", "resolved_at"], complaints),
        "exports/reviews.csv": (["review_id", "order_id", "submitted_at", "rating"], reviews),
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
            if supplier == "SUP-07" and q == "2026-Q3":
                p = 0.97  # a bad batch, delivered on time: the pass-rate gate, not the score, grades it
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
    files = exports(rng.spawn(1)[0])  # a stream of its own
    rng.bit_generator.advance(RECORDS_SKIP)
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
