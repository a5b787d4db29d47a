"""The data layer, used by everything: the contracts of each file in data/, reading and loading them with line and row
numbers, problems and their codes, the checked Handbook, periods, dates and the clock.
"""
