"""A platform's own exports in its own layout, as a new user brings them, and the figures they should give, worked
out here in plain Python (datetime and zoneinfo), independently of macros/ and of DuckDB.

The platform: orders in an Excel workbook with Chinese column names, their items in a GBK CSV, the products (and
so each order's category, two joins away) in Parquet, reviews in a UTF-8 CSV written in São Paulo time with
day-first dates and comments full of commas and line breaks. It has no returns export and no complaints export.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

SHANGHAI, SAO_PAULO = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/Sao_Paulo")
FIRST, LAST_ORDER = datetime(2024, 11, 1), datetime(2026, 10, 25, 18, 0)  # the export reaches 25 October: October is not whole
CATEGORIES = {"P1": "apparel", "P2": "apparel", "P3": "beauty", "P4": "home"}

EXPORTS_YML = """\
# A platform's own exports, mapped to the columns the handbook's queries read.
timezone: Asia/Shanghai
refresh:
  output: measurements/computed.csv
  close_after_days: 35
exports:
  shop_orders:
    file: exports/平台订单.xlsx
    sheet: 订单
    covers: ordered_at
    columns:
      order_id: {type: text, key: true, name: 订单编号}
      merchant: {type: text, name: 商家编号}
      ordered_at: {type: timestamp, required: true, name: 下单时间}
      confirmed_at: {type: timestamp, name: 确认时间}
      shipped_at: {type: timestamp, name: 发货时间}
  order_items:
    file: exports/order_items.csv
    encoding: gbk
    columns:
      order_id: {type: text, required: true, name: 订单编号}
      product_id: {type: text, required: true, name: 商品编号}
      price: {type: number, required: true, min: 0, name: 价格}
  products:
    file: exports/products.parquet
    columns:
      product_id: {type: text, key: true}
      category: {type: text, required: true, name: 类目}
  orders:
    covers: ordered_at
    sql: |
      SELECT o.order_id, o.ordered_at, o.confirmed_at, o.shipped_at, o.merchant,
             min(p.category) AS category, sum(i.price) AS amount
      FROM shop_orders AS o
      JOIN order_items AS i USING (order_id)
      JOIN products AS p USING (product_id)
      GROUP BY ALL
  reviews:
    file: exports/reviews.csv
    timezone: America/Sao_Paulo
    timestamp_format: "%d/%m/%Y %H:%M"
    covers: submitted_at
    columns:
      review_id: {type: text, key: true}
      order_id: {type: text, required: true}
      submitted_at: {type: timestamp, required: true, name: review_creation_date}
      rating: {type: integer, required: true, min: 1, max: 5, name: review_score}
  returns:
    provided: false
"""


@dataclass(frozen=True)
class Order:
    order_id: str
    merchant: int
    ordered: datetime  # Shanghai wall-clock time, as the workbook writes it
    confirmed: datetime | None  # an instant (aware): some cells carry an offset
    shipped: datetime | None
    items: tuple[tuple[str, str], ...]  # product, price


@dataclass(frozen=True)
class Review:
    review_id: str
    order_id: str
    submitted: datetime  # São Paulo wall-clock time
    rating: int
    comment: str


def platform(seed: int = 7) -> tuple[list[Order], list[Review]]:
    """About two years of orders and reviews, with the awkward cases a real export has."""
    rng = random.Random(seed)
    orders, reviews, day = [], [], FIRST
    while day <= LAST_ORDER:
        for n in range(rng.randint(3, 5)):
            ordered = day + timedelta(hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
            if ordered > LAST_ORDER:
                continue
            oid = f"{ordered:%y%m%d}-{n}"
            confirmed = (ordered + timedelta(minutes=rng.randint(5, 300))).replace(tzinfo=SHANGHAI)
            if rng.random() < 0.1:
                confirmed = None  # never confirmed: not counted by on-time shipment
            shipped = None
            if confirmed is not None and rng.random() > 0.05:  # a few never shipped: counted as late
                shipped = confirmed + timedelta(hours=rng.choice([2, 10, 20, 23.5, 26, 40]))
            items = tuple(
                (rng.choice(list(CATEGORIES)), f"{rng.randint(5, 500)}.{rng.randint(0, 99):02d}") for _ in range(rng.randint(1, 2))
            )
            orders.append(Order(oid, rng.randint(10**9, 10**10 - 1), ordered, confirmed, shipped, items))
            if rng.random() < 0.7:
                submitted = (
                    (ordered.replace(tzinfo=SHANGHAI) + timedelta(days=rng.randint(2, 9))).astimezone(SAO_PAULO).replace(tzinfo=None)
                )
                comment = rng.choice(["Good, fast, cheap", 'Box "damaged", item fine', "Bom produto\nchegou rápido, obrigado", ""])
                reviews.append(Review(f"V{len(reviews):05d}", oid, submitted, rng.choice([1, 2, 3, 4, 4, 5, 5, 5]), comment))
        day += timedelta(days=rng.choice([3, 4, 5]))
    return orders, reviews


def write_exports(data: Path, orders: list[Order], reviews: list[Review]) -> None:
    """The files as the platform exports them, and data/exports.yml mapping them."""
    import duckdb
    import openpyxl

    exports = data / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "订单"
    sheet.append(["订单编号", "商家编号", "下单时间", "确认时间", "发货时间", "备注", "买家手机"])
    for n, o in enumerate(orders):
        # Every seventh confirmation is typed as text with its offset, in another zone: the same instant.
        confirmed = _naive(o.confirmed) if n % 7 else (o.confirmed.astimezone(SAO_PAULO).isoformat() if o.confirmed else None)
        sheet.append([o.order_id, o.merchant, o.ordered, confirmed, _naive(o.shipped), "请尽快发货, 谢谢\n第二行", f"138{n:08d}"])
    book.save(exports / "平台订单.xlsx")
    lines = ["订单编号,商品编号,价格"] + [f"{o.order_id},{product},{price}" for o in orders for product, price in o.items]
    (exports / "order_items.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    products = " UNION ALL ".join(f"SELECT '{p}' AS product_id, '{c}' AS 类目, 'not read' AS supplier_notes" for p, c in CATEGORIES.items())
    duckdb.sql(f"COPY ({products}) TO '{exports / 'products.parquet'}' (FORMAT parquet)")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["review_id", "order_id", "review_score", "review_comment_message", "review_creation_date"])
    writer.writerows([r.review_id, r.order_id, r.rating, r.comment, f"{r.submitted:%d/%m/%Y %H:%M}"] for r in reviews)
    (exports / "reviews.csv").write_text(out.getvalue(), encoding="utf-8")
    (data / "exports.yml").write_text(EXPORTS_YML, encoding="utf-8")


def _naive(moment: datetime | None) -> datetime | None:
    return moment.astimezone(SHANGHAI).replace(tzinfo=None) if moment else None


def month(moment: datetime) -> str:
    """The month an instant (or a Shanghai wall-clock time) falls in, in Shanghai."""
    local = moment.astimezone(SHANGHAI) if moment.tzinfo else moment
    return f"{local:%Y-%m}"


def expected_on_time(orders: list[Order], until: str) -> dict[str, tuple[int, int]]:
    """Orders shipped within 24 h of confirmation, of those confirmed, by month of confirmation, up to `until`."""
    found: dict[str, tuple[int, int]] = {}
    for o in orders:
        if o.confirmed is None or month(o.confirmed) > until:
            continue
        on_time, total = found.get(month(o.confirmed), (0, 0))
        found[month(o.confirmed)] = (on_time + int(o.shipped is not None and o.shipped <= o.confirmed + timedelta(hours=24)), total + 1)
    return found


def expected_satisfaction(reviews: list[Review], until: str) -> dict[str, tuple[int, int]]:
    """Reviews rated 4 or 5, of all reviews, by the Shanghai month they were written in, up to `until`."""
    found: dict[str, tuple[int, int]] = {}
    for r in reviews:
        key = month(r.submitted.replace(tzinfo=SAO_PAULO))
        if key <= until:
            good, total = found.get(key, (0, 0))
            found[key] = (good + int(r.rating >= 4), total + 1)
    return found


def percent(numerator: int, denominator: int) -> str:
    """numerator / denominator × 100, written with two decimals rounded half up, as computed.csv holds it."""
    return str((Decimal(numerator) / Decimal(denominator) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
