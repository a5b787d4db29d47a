"""The risk register, its bands and heat maps, and risk by product category, as Markdown; MACROS names the calls pages make."""

from __future__ import annotations

from . import categories, register

MACROS = {
    "risk_register": register.register_table,
    "risk_heat_map": register.heat_map,
    "risk_bands": register.bands_table,
    "risk_reviews": register.review_summary,
    "category_risk_table": categories.category_table,
    "category_risk_chart": categories.category_chart,
    "category_risk_method": categories.category_method,
}
