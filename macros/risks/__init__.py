"""Risks: scores and bands, risk per product category, the register checks, and their views."""
