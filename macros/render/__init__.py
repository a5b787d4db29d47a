"""Building blocks every view renders with: Markdown tables, links between pages, status badges, provenance lines, SVG
charts and sparklines (build time; matplotlib only when a chart is drawn).
"""
