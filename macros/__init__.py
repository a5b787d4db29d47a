"""mkdocs-macros adapter: validate data/ once, then register each view as a macro. Wiring only."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import kpi_views, org_views, risk_views
from .clock import today
from .problems import errors, warnings
from .provenance import data_commit
from .validation import check

log = logging.getLogger("handbook")


def define_env(env) -> None:
    root = Path(env.project_dir)
    handbook, problems = check(root / "data")
    for problem in warnings(problems):
        log.warning(problem.labelled())  # shown, but not counted by `mkdocs --strict`
    if handbook is None:
        raise PluginError("\n".join(str(p) for p in errors(problems)))
    day = today()
    cache = Path(os.environ.get("HANDBOOK_CACHE", root / ".cache" / "charts"))
    commit = data_commit(root)

    def page() -> str:
        return env.page.file.src_uri

    env.variables["as_of"] = kpi_views.as_of(handbook, day)
    env.variables["today"] = day.isoformat()
    env.macro(lambda by_status=False: kpi_views.summary_table(handbook, day, page(), commit, by_status), "kpi_summary")
    env.macro(lambda: kpi_views.status_counts(handbook, day), "kpi_status_counts")
    env.macro(lambda kpi_id: kpi_views.chart(handbook, kpi_id, day, cache, commit), "kpi_chart")
    env.macro(lambda: kpi_views.catalogue(handbook, day, page(), cache, commit), "kpi_catalogue")
    env.macro(lambda family=None: risk_views.register_table(handbook, day, page(), family), "risk_register")
    env.macro(lambda which="residual": risk_views.heat_map(handbook, which), "risk_heat_map")
    env.macro(lambda: risk_views.bands_table(handbook), "risk_bands")
    env.macro(lambda: org_views.departments_table(handbook, page()), "departments")
    env.macro(lambda: org_views.responsibilities(handbook), "responsibilities")
    env.macro(lambda: org_views.procedures_list(handbook, page()), "procedures")
