"""The editions the handbook publishes: the languages mkdocs-static-i18n builds (the default, at the site root, first),
or the theme's one language when the plugin is not configured. Read from mkdocs.yml, the one place they are set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from .messages import LANGUAGES

PLUGIN = "i18n"


def configured(project: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as MkDocs reads it (with its !ENV tags resolved)."""
    with (project / "mkdocs.yml").open("rb") as config:
        return yaml_load(config) or {}


def languages_of(config: dict[str, Any]) -> tuple[str, ...]:
    """The languages a configuration builds, the default first."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and PLUGIN in plugin:
            listed = [lang for lang in (plugin[PLUGIN] or {}).get("languages", []) if lang.get("build", True)]
            ordered = sorted(listed, key=lambda lang: not lang.get("default", False))
            return tuple(str(lang["locale"]) for lang in ordered)
    return (str((config.get("theme") or {}).get("language", "en")),)


def languages(project: Path) -> tuple[str, ...]:
    """The languages the project's handbook is published in, the default first."""
    return languages_of(configured(project))


def split_language(src: str) -> tuple[str, str | None]:
    """A page file's path as the page is named (`risks/index.zh.md` → `risks/index.md`) and the language its suffix
    names (None without one: the file is in the default language), as mkdocs-static-i18n's suffix structure reads it."""
    stem, dot, ext = src.rpartition(".")
    base, _, suffix = stem.rpartition(".")
    if dot and base and "/" not in suffix and suffix in LANGUAGES:
        return f"{base}.{ext}", suffix
    return src, None


def page_path(src: str) -> str:
    """The path a page is known by in links, the navigation and its history, whichever language's file it is."""
    return split_language(src)[0]


def localized(path: str, lang: str) -> str:
    """The file of a page in one language: `kpis/return_rate.md` → `kpis/return_rate.en.md`."""
    stem, _, ext = path.rpartition(".")
    return f"{stem}.{lang}.{ext}"
