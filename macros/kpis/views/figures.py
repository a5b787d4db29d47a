"""How a KPI's status and period are marked: badges with icon and word (colour never carries them alone), and
the mark of a period still open, whose value late data may still change."""

from __future__ import annotations

from ...i18n.formats import period as shown
from ...i18n.messages import gettext
from ...render.badges import badge
from ..status import PROVISIONAL as WORD
from ..status import Status


def provisional_mark() -> str:
    """The word that marks a period still open, with why on hover, in the build's language."""
    why, word = gettext("still open: late returns and complaints may change this value"), gettext(WORD)
    return f'<span class="provisional" title="{why}">{word}</span>'


class _Mark:
    """A mark put into text as the build's language writes it, each time it is formatted (pages import it as a constant)."""

    def __format__(self, spec: str) -> str:
        return format(provisional_mark(), spec)

    def __str__(self) -> str:
        return provisional_mark()


PROVISIONAL = _Mark()


def status_badge(status: Status) -> str:
    return badge(status.key, status.label, status.icon)


def period_text(period: str | None, provisional: bool) -> str:
    """'2026-10 provisional' for a period still open; the period alone once it is closed."""
    if period is None:
        return "—"
    return f"{shown(period)} {provisional_mark()}" if provisional else shown(period)
