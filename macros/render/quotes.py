"""A source's words on a page: as written, in 「」, with a Simplified rendering beside them when the source wrote
Traditional (OpenCC). The one place a quote is shown, so every page shows it alike."""

from __future__ import annotations

from ..data.script import simplified


def quoted(text: str) -> str:
    """「原文」, then （简体：…） when the Simplified form differs."""
    rendering = simplified(text)
    beside = f"（简体：{rendering}）" if rendering != text else ""
    return f"「{text}」{beside}"


def cited(source: str, text: str) -> str:
    """A quote after the id of the source it is from: S0: 「原文」（简体：…）."""
    return f"{source}: {quoted(text)}"
