"""`make refresh` only: how exports are read for the KPI queries, the SQL engines (DuckDB or a warehouse), the queries'
results as measurements, and the merge into computed.csv.
"""
