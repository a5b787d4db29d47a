"""The data contracts: the shape and types of every file in data/, one module per area (DESIGN.md, "Data contracts").

Rules that relate one record to another live in each area's `checks` module; these only say what a record looks like.
"""
