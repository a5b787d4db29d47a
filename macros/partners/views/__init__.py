"""Supplier scorecards and merchant performance as Markdown; MACROS names the calls pages make, DOWNLOADS the CSV files."""

from __future__ import annotations

from . import merchants, suppliers

MACROS = {
    "supplier_method": suppliers.supplier_method,
    "supplier_scorecards": suppliers.supplier_latest,
    "supplier_history": suppliers.supplier_history,
    "merchant_method": merchants.merchant_method,
    "merchant_performance": merchants.merchant_latest,
    "merchant_history": merchants.merchant_history,
}
DOWNLOADS = {suppliers.CSV_FILE: suppliers.scorecards_csv, merchants.CSV_FILE: merchants.history_csv}
