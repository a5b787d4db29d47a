"""The editions the handbook publishes: the languages mkdocs-static-i18n builds (the default, at the site root, first),
or the theme's one language when the plugin is not configured. Read from mkdocs.yml, the one place they are set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

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
