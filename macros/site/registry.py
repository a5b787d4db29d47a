"""The views every page can call, by macro name: each area's MACROS, merged. Imported only when a page is worked out."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module

VIEW_PACKAGES = ("kpis.views", "risks.views", "partners.views", "plan.views", "reports.views", "audit.views")


@cache
def views() -> dict[str, Callable[..., str]]:
    """Every replayable view: it takes the page's context, then the macro's arguments."""
    found: dict[str, Callable[..., str]] = {}
    for name in VIEW_PACKAGES:
        for macro, view in import_module(f"..{name}", __package__).MACROS.items():
            if macro in found:
                raise LookupError(f"the macro {macro!r} is defined twice: in {name} and earlier")
            found[macro] = view
    return found


@cache
def downloads() -> dict[str, Callable[..., str]]:
    """Every file the build writes beside the pages, by its path in the site: each takes the context and returns its text."""
    found: dict[str, Callable[..., str]] = {}
    for name in VIEW_PACKAGES:
        found.update(getattr(import_module(f"..{name}", __package__), "DOWNLOADS", {}))
    return found


@cache
def stamped() -> dict[str, Callable[..., str]]:
    """The views that show the build stamp: they take the build manifest and are never replayed."""
    from ..audit.views import STAMPED

    return dict(STAMPED)


# Set by the adapter on every page (define_env): the day the data reach, and the build's day.
PAGE_VARIABLES = frozenset({"as_of", "today"})


def page_names() -> tuple[frozenset[str], frozenset[str]]:
    """What a page's template may name: every macro, and the variables the adapter sets."""
    return frozenset(views()) | frozenset(stamped()), PAGE_VARIABLES
