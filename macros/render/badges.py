"""Status as an icon and words, so colour never carries it alone: the tone's colour only repeats what the words say."""

from __future__ import annotations

# The tones the stylesheet colours, and the icon each shows unless a badge brings its own.
ICONS = {"met": "✔", "at-risk": "▲", "breached": "✖", "no-data": "○", "stale": "⌛"}


def badge(tone: str, words: str, icon: str | None = None) -> str:
    """A status badge, e.g. badge("breached", "overdue") → ✖ overdue in the breached colour."""
    return f'<span class="status status-{tone}">{ICONS[tone] if icon is None else icon} {words}</span>'
