"""A source's words on a page: as written, in 「」, with a Simplified rendering beside them when the source wrote
Traditional (OpenCC). The one place a quote is shown, so every page shows it alike."""

from __future__ import annotations

from ..data.script import simplified
from ..i18n.messages import gettext


def quoted(text: str) -> str:
    """「原文」, then its Simplified form beside it when that differs."""
    rendering = simplified(text)
    beside = gettext("(Simplified: {text})", text=rendering) if rendering != text else ""
    return f"「{text}」{beside}"


def cited(source: str, text: str) -> str:
    """A quote after the id of the source it is from: S0: 「原文」（简体：…）."""
    return f"{source}: {quoted(text)}"
