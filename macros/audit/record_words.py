"""The words a quarter's report keeps in English in its record (how a figure was formed, its change on the quarter
before, a signal's side and what the chart shows). A closed record never changes, so they are written here in English
and translated where a report shows them; a stored value this module does not know is shown as written."""

from __future__ import annotations

import re
from functools import cache

from ..i18n.messages import N_, gettext
from ..kpis.spc import SIGNALS

# How a change on the quarter before, and the side of a signal, are said; the delta follows a change's word.
BETTER, WORSE, SAME = N_("▲ better"), N_("▼ worse"), N_("= no change")
# How a quarter's figure was formed: the quarter itself, a roll-up of its periods, or its last period.
WHOLE_QUARTER = N_("the quarter")
PERIODS_OF = N_("{periods} of {expected} periods")
LAST_PERIOD = N_("its last period, {period}")

WORDS = (BETTER, WORSE, SAME, WHOLE_QUARTER)
PATTERNS = (PERIODS_OF, LAST_PERIOD)
SIGNAL_SEPARATOR = "; "


@cache
def _pattern(message: str) -> re.Pattern[str]:
    """A message with {placeholders} as a regular expression that gives their values back from the English it wrote."""
    parts = re.split(r"\{(\w+)\}", message)
    return re.compile("".join(re.escape(p) if n % 2 == 0 else f"(?P<{p}>.+?)" for n, p in enumerate(parts)) + "$")


def said(stored: str) -> str:
    """A word or phrase of a record (a basis, a side) in the build's language."""
    if stored in WORDS:
        return gettext(stored)
    for message in PATTERNS:
        if found := _pattern(message).match(stored):
            return gettext(message, **found.groupdict())
    return stored


def change_said(stored: str) -> str:
    """A result's change on the quarter before ("▲ better +0.4") in the build's language: its word, then its delta."""
    word = next((w for w in (BETTER, WORSE, SAME) if stored == w or stored.startswith(w + " ")), None)
    return gettext(word) + stored[len(word) :] if word else stored


def description_said(stored: str) -> str:
    """What a signal's chart shows (one description per rule, joined) in the build's language."""
    known = set(SIGNALS.values())
    return SIGNAL_SEPARATOR.join(gettext(part) if part in known else part for part in stored.split(SIGNAL_SEPARATOR))
