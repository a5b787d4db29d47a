"""Every rule about the pages in docs/: document control, reviews, unbumped versions and typed figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..data.handbook import Handbook
from ..data.problems import Code, Problem
from ..data.symlinks import links_in
from ..i18n.messages import gettext
from ..kpis.facts import Facts
from .document_control import Document, document_problems, edition_documents, load_documents, project_languages, review_warnings
from .page_templates import template_problems
from .revision_history import History, changed_since_version, read_history, version_bumps
from .typed_figures import data_figures, hand_typed

PageNames = tuple[frozenset[str], frozenset[str]]  # the macros, and the variables, pages may use


def docs_problems(
    root: Path, handbook: Handbook, facts: Facts, today: date, names: PageNames, history: History | None = None
) -> tuple[list[Document], list[Problem]]:
    """The controlled documents, and every problem with the pages (errors stop the build, warnings are shown);
    `names` are the macros and variables a page may use."""
    docs = root / "docs"
    linked = links_in(docs, root)
    if linked:  # nothing is read through a link
        return [], linked
    languages = project_languages(docs)
    documents, problems = load_documents(docs, languages)
    problems += template_problems(docs, *names)
    problems += document_problems(documents, {d.id for d in handbook.departments})
    problems += review_warnings(edition_documents(documents, languages[0]), today)  # once per page, not per language
    problems += unbumped_warnings(root, documents, history or read_history(root))
    problems += hand_typed(docs, data_figures(handbook, facts))
    return documents, problems


def unbumped_warnings(root: Path, documents: list[Document], history: History) -> list[Problem]:
    """A page whose content changed in a commit after the one that last set its version."""
    found = []
    bumps = version_bumps(history)
    for d in documents:
        later = changed_since_version(root, f"docs/{d.file}", history, bumps)
        if later:
            expected = gettext(
                "a new version when the content changes (version {version} was set before these commits)", version=d.control.version
            )
            found.append(
                Problem(
                    Code.VERSION_NOT_RAISED,
                    f"docs/{d.file}",
                    d.where("version"),
                    "version",
                    expected,
                    gettext("content changed in {commits}", commits=", ".join(later)),
                    "warning",
                )
            )
    return found
