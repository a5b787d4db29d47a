"""A source's words on a page: as written, in 「」, with a Simplified rendering beside them when the source wrote
Traditional (OpenCC). The one place a quote is shown, so every page shows it alike."""

from __future__ import annotations

from ..data.script import simplified
from ..i18n.messages import gettext, in_language


def quoted(text: str) -> str:
    """「原文」, then its Simplified form beside it when that differs, each marked with its script (zh-Hant, zh-Hans)."""
    rendering = simplified(text)
    if rendering == text:
        return f"「{in_language('zh-Hans', text)}」"
    return f"「{in_language('zh-Hant', text)}」" + gettext("(Simplified: {text})", text=in_language("zh-Hans", rendering))


def cited(source: str, text: str) -> str:
    """A quote after the id of the source it is from: S0: 「原文」（简体：…）."""
    return f"{source}: {quoted(text)}"
