"""One build of the site: what every build needs even when all its pages are replayed (Setup), and what the views
read when a page is worked out (Context). Each is computed at most once per build, and only when needed."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from ..audit.digests import origin_of
from ..audit.document_control import Document
from ..audit.editions import Edition, list_editions
from ..audit.manifest import STAMP_KEY, build_time, manifest
from ..audit.revision_history import History, read_history
from ..data.clock import today
from ..data.problems import Problem, errors
from ..render.provenance import Origin
from .cache import Cache
from .page_plan import GeneratedPage
from .registry import downloads, page_names, stamped, views

if TYPE_CHECKING:
    from ..audit.validation import Checked
    from ..data.handbook import Handbook
    from ..kpis.facts import Facts
    from ..kpis.views.charts import KpiCharts
    from ..partners.scores import PartnerScores
    from ..risks.categories import CategoryAssessment
    from ..risks.complaints import TopicCounts


@dataclass(frozen=True)
class Setup:
    """What every build needs even when all pages are replayed: its problems, documents, generated pages, manifest."""

    problems: list[Problem]
    documents: list[Document]
    generated: dict[str, GeneratedPage]  # by source path
    manifest: dict[str, Any]  # with an empty build stamp
    as_of: str
    macros: tuple[str, ...]  # the names of the replayed views


@dataclass(frozen=True)
class Context:
    """Everything a view reads when it works out a page (see render.context.View and each area's views)."""

    handbook: Handbook
    facts: Facts
    charts: dict[str, KpiCharts]
    partners: PartnerScores
    categories: CategoryAssessment
    topics: TopicCounts
    today: date
    page: str
    origin: Origin
    cache_dir: Path
    documents: list[Document]
    history: History
    editions: list[Edition]
    edition: str | None
    manifest: dict[str, Any]


class Build:
    """The build in progress: its day, edition, cache and memo; the checked data and context only on a memo miss."""

    def __init__(self, project: Path, site_name: str) -> None:
        self.project, self.site_name = project, site_name
        self.day = today()
        self.edition = os.environ.get("HANDBOOK_EDITION") or None
        self.cache = Cache(project, self.day, self.edition)
        self.memo = self.cache.memo()
        self.drawing: BaseProcess | bool | None = None  # the process drawing charts ahead; False: none was needed
        self.setup: Setup = self.memo.call("setup", "", (), {}, self._setup)
        self.manifest = {**self.setup.manifest, STAMP_KEY: build_time()}  # the stamp keeps its place among the keys

    @cached_property
    def checked(self) -> Checked:
        return self.cache.checked()

    @cached_property
    def history(self) -> History:
        return read_history(self.project)  # one git log for all the pages

    @cached_property
    def origin(self) -> Origin:
        return origin_of(self.project)

    @cached_property
    def charts(self) -> dict[str, KpiCharts]:
        """Every KPI's chart inputs, worked out once from the facts."""
        from ..kpis.views.charts import chart_inputs

        return chart_inputs(self.facts)

    def draw_ahead(self) -> None:
        """Start drawing the KPI charts in a second process while pages render, once per build."""
        from ..render.charts import draw_ahead

        if self.drawing is None:
            inputs = [chart for c in self.charts.values() for chart in (c.trend, c.control) if chart is not None]
            self.drawing = draw_ahead(inputs, self.cache.charts) or False

    @property
    def handbook(self) -> Handbook:
        self.stop_on_errors(self.checked.problems)
        assert self.checked.handbook is not None
        return self.checked.handbook

    @property
    def facts(self) -> Facts:
        self.stop_on_errors(self.checked.problems)
        assert self.checked.facts is not None
        return self.checked.facts

    @cached_property
    def base(self) -> Context:
        from ..partners.scores import PartnerScores

        self.draw_ahead()
        checked = self.checked
        return Context(self.handbook, self.facts, self.charts, PartnerScores(self.handbook), checked.categories, checked.topics,
                       self.day, "", self.origin, self.cache.charts, self.setup.documents, self.history,
                       list_editions(self.project), self.edition, self.manifest)  # fmt: skip

    def replayed(self, name: str, page: Callable[[], str]) -> Callable[..., str]:
        """A view as a macro whose output is replayed from the memo while the inputs are unchanged."""

        def call(*args: Any, **kwargs: Any) -> str:
            where = page()
            return self.memo.call(name, where, args, kwargs, lambda: views()[name](replace(self.base, page=where), *args, **kwargs))

        return call

    def download(self, path: str) -> str:
        """A CSV file the site offers beside a page (registry.downloads), replayed like the macros."""
        return self.memo.call("download", path, (), {}, lambda: downloads()[path](replace(self.base, page=path)))

    def stamped(self, name: str) -> Callable[..., str]:
        """A view that shows the build stamp, worked out afresh at every build from the manifest alone."""
        return lambda *args, **kwargs: stamped()[name](self.manifest, *args, **kwargs)

    def frame(self, src: str) -> tuple[str, str, bool] | None:
        """The page's identity block, revision history and whether it is obsolete (replayed like the macros)."""

        def parts() -> tuple[str, str, bool] | None:
            from ..audit.views.documents import frame_parts

            page = self.setup.generated.get(src)
            part_of = (page.section, page.sources) if page else None
            return frame_parts(src, self.setup.documents, part_of, self.handbook, self.day, self.history)

        return self.memo.call("frame", src, (), {}, parts)

    def finish(self, site_dir: Path) -> None:
        """Wait for the charts drawn ahead, keep what this build learnt, write the manifest next to the site."""
        if isinstance(self.drawing, BaseProcess):
            self.drawing.join()
        self.memo.save()
        text = json.dumps(self.manifest, indent=2, ensure_ascii=False) + "\n"
        (site_dir / "manifest.json").write_text(text, encoding="utf-8")

    @staticmethod
    def stop_on_errors(problems: list[Problem]) -> None:
        if errors(problems):
            raise PluginError("\n".join(str(p) for p in errors(problems)))

    def _setup(self) -> Setup:
        from ..audit.docs_checks import docs_problems
        from .page_plan import generated_pages

        checked = self.checked
        if checked.handbook is None or checked.facts is None:
            return Setup(checked.problems, [], {}, {}, "—", ())
        self.draw_ahead()  # now, beside the page checks and the manifest
        documents, page_problems = docs_problems(self.project, checked.handbook, checked.facts, self.day, page_names(), self.history)
        built = manifest(self.project, self.origin, documents, self.edition, self.day, self.site_name, "")
        generated = {p.src_uri: p for p in generated_pages(checked.handbook)}
        return Setup(checked.problems + page_problems, documents, generated, built, checked.facts.as_of(), tuple(views()))
