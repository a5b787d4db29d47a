"""KPIs: roll-ups, status, units, control charts (SPC formulas and which chart a KPI gets), each KPI's facts worked out
once per build, the catalogue and measurement checks, and their views.
"""
