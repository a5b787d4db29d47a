"""Suppliers and merchants: scorecards and outcomes, their checks, and their views."""
