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
from ..audit.document_control import Document, edition_documents
from ..audit.editions import Edition, list_editions
from ..audit.manifest import PDF_FILE, PDF_KEY, STAMP_KEY, build_time, manifest
from ..audit.revision_history import History, read_history
from ..data.clock import today
from ..data.problems import Problem, errors
from ..data.reads import KeyedReads, Shared, paused, record
from ..i18n.messages import language
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
    downloads: tuple[str, ...]  # the files offered beside pages, by path in the site


# The fields of a Context whose reads are noted as facets `c:<name>` (data/reads.py); the others note their own
# (handbook, facts, charts, partners), are part of the memo's key (today, page) or are bound late (origin).
_RECORDED = frozenset({"categories", "topics", "documents", "history", "editions", "edition", "manifest"})


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
    shared: Shared

    def __getattribute__(self, name: str) -> Any:
        if name in _RECORDED:
            record(f"c:{name}")
        return object.__getattribute__(self, name)


class Build:
    """The build in progress: its day, edition, cache and memo; the checked data and context only when an output must
    be worked out, or held to the fingerprints of what it read."""

    def __init__(self, project: Path, site_name: str, repo_url: str = "") -> None:
        self.project, self.site_name, self.repo_url = project, site_name, repo_url
        self.day = today()
        self.edition = os.environ.get("HANDBOOK_EDITION") or None
        self.cache = Cache(project, self.day, self.edition)
        self.drawing: list[BaseProcess] | None = None  # the processes drawing charts ahead
        self.setup: Setup = self.cache.setup(self._setup)
        self.memo = self.cache.memo(self.fingerprint)
        self.fingerprints: dict[str, str] = {}
        published = PDF_FILE if os.environ.get("HANDBOOK_PDF") else None  # the workflows publish the PDF beside the site
        # The stamp keeps its place; the language says which edition's pack `make pdf` renders from this manifest.
        self.manifest = {**self.setup.manifest, STAMP_KEY: build_time(), PDF_KEY: published, "language": language()}

    @cached_property
    def checked(self) -> Checked:
        return self.cache.checked()

    @cached_property
    def history(self) -> History:
        return read_history(self.project)  # one git log for all the pages

    @cached_property
    def origin(self) -> Origin:
        return replace(origin_of(self.project), repo=self.repo_url)

    @cached_property
    def charts(self) -> dict[str, KpiCharts]:
        """Every KPI's chart inputs, worked out once from the facts; looking one up reads that KPI's facts."""
        from ..kpis.views.charts import chart_inputs

        with paused():
            return KeyedReads(chart_inputs(self.facts), "kpi", "facts")

    def draw_ahead(self) -> None:
        """Start drawing the KPI charts not yet drawn in other processes while pages render, once per build."""
        from ..render.charts import draw_ahead

        if self.drawing is None:
            with paused():
                inputs = [chart for c in self.charts.values() for chart in (c.trend, c.control) if chart is not None]
            self.drawing = draw_ahead(inputs, self.cache.charts)

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
        shared = Shared()
        with paused():  # made once for every view: what a view reads is what it takes from it
            return Context(self.handbook, self.facts, self.charts, PartnerScores(self.handbook, shared), checked.categories,
                           checked.topics, self.day, "", replace(self.origin, late=True), self.cache.charts, self.setup.documents,
                           self.history, self.editions, self.edition, self.manifest, shared)  # fmt: skip

    @cached_property
    def editions(self) -> list[Edition]:
        return list_editions(self.project)

    def context(self, page: str) -> Context:
        with paused():
            return replace(self.base, page=page)

    def fingerprint(self, facet: str) -> str:
        """A facet's fingerprint in this build (data/reads.py), each worked out at most once."""
        from ..data.fingerprints import fingerprint  # pandas: only when an output is held to what it read

        if facet not in self.fingerprints:
            kind, _, name = facet.partition(":")
            if facet == "tree":
                self.fingerprints[facet] = self.cache.state
            elif kind == "h" and (files := self._files_of_field(name)) is not None:
                self.fingerprints[facet] = fingerprint(files)
            elif facet == "facts":  # from each KPI's, which pages read anyway
                self.fingerprints[facet] = fingerprint([(k, self.fingerprint(f"kpi:{k}")) for k in self.facts.by_id])
            else:
                self.fingerprints[facet] = fingerprint(self._value_of(facet))
        return self.fingerprints[facet]

    def _files_of_field(self, name: str) -> list[tuple[str, str]] | None:
        """The digests of the files a Handbook field is read from; None for a field read from none."""
        from fnmatch import fnmatch

        from ..data.handbook import FIELD_FILES

        if name not in FIELD_FILES:
            return None
        wanted = [f"{self.handbook.data_name}/{pattern}" for pattern in FIELD_FILES[name]]
        return [(f, d) for f, d in sorted(self.origin.digests.items()) if any(fnmatch(f, w) for w in wanted)]

    def _value_of(self, facet: str) -> Any:
        kind, _, name = facet.partition(":")
        if kind == "h":
            return object.__getattribute__(self.handbook, name)
        if kind == "rows":  # by content: a row added to an earlier file moves the frame's index of every later one
            return self.handbook.measurements_of(name).reset_index(drop=True)
        if kind == "git":
            return self.history.part(name)
        if facet == "git-state":
            return self.history.state
        if kind == "kpi":
            return self.facts.by_id.get(name)
        if facet == "files":
            return sorted(self.origin.digests.items())
        values = {"categories": lambda: self.checked.categories, "topics": lambda: self.checked.topics,
                  "documents": lambda: self.setup.documents, "history": lambda: self.history, "editions": lambda: self.editions,
                  "edition": lambda: self.edition, "manifest": lambda: self.setup.manifest,
                  "generated": lambda: self.setup.generated}  # fmt: skip
        return values[name]()

    def replayed(self, name: str, page: Callable[[], str]) -> Callable[..., str]:
        """A view as a macro whose output is replayed from the memo while the inputs are unchanged."""

        def call(*args: Any, **kwargs: Any) -> str:
            where = page()
            value = self.memo.call(name, where, args, kwargs, lambda: views()[name](self.context(where), *args, **kwargs))
            return self.origin.bind(value)

        return call

    def download(self, path: str) -> str:
        """A CSV file the site offers beside a page (registry.downloads), replayed like the macros."""
        return self.memo.call("download", path, (), {}, lambda: downloads()[path](self.context(path)))

    def stamped(self, name: str, page: Callable[[], str] | None = None) -> Callable[..., str]:
        """A view that shows the build stamp, worked out afresh at every build from the manifest (and, given `page`, the
        URL of the page that calls it) alone."""
        if page is None:
            return lambda *args, **kwargs: stamped()[name](self.manifest, *args, **kwargs)
        return lambda *args, **kwargs: stamped()[name](self.manifest, page(), *args, **kwargs)

    def frame(self, src: str) -> tuple[str, str, bool] | None:
        """The page's identity block, revision history and whether it is obsolete (replayed like the macros)."""

        def parts() -> tuple[str, str, bool] | None:
            from ..audit.views.documents import frame_parts

            record("c:documents", "c:generated")
            page = self.setup.generated.get(src)
            part_of = (page.section, page.sources) if page else None
            return frame_parts(src, self.setup.documents, part_of, self.handbook, self.day, self.history)

        return self.memo.call("frame", src, (), {}, parts)

    def finish(self, site_dir: Path, pages: list[str]) -> None:
        """Wait for the charts drawn ahead, keep what this build learnt, write the manifest (with the pages in reading
        order) next to the site."""
        for process in self.drawing or []:
            process.join()
        self.memo.save()
        text = json.dumps({**self.manifest, "pages": pages}, indent=2, ensure_ascii=False) + "\n"
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
            return Setup(checked.problems, [], {}, {}, "—", (), ())
        self.draw_ahead()  # now, beside the page checks and the manifest
        files, page_problems = docs_problems(self.project, checked.handbook, checked.facts, self.day, page_names(), self.history)
        documents = edition_documents(files, language())  # this edition's file of each page
        built = manifest(self.project, self.origin, documents, self.edition, self.day, self.site_name, "",
                         self.cache.folder / "parsed", checked.handbook.departments)  # fmt: skip
        generated = {p.src_uri: p for p in generated_pages(checked.handbook)}
        return Setup(
            checked.problems + page_problems, documents, generated, built, checked.facts.as_of(), tuple(views()), tuple(downloads())
        )
