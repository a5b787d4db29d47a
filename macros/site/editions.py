"""Which edition a build pass is writing: mkdocs-static-i18n builds the default language at the site root, then each
other language under /<locale>/, in one process; these read the pass from MkDocs' configuration. Wiring only."""

from __future__ import annotations

import os
from typing import Any

from ..i18n.editions import PLUGIN
from ..i18n.messages import DEFAULT, LANGUAGES, SOURCE


def _plugin(config: Any) -> Any:
    return config.plugins.get(PLUGIN)


def pass_language(config: Any) -> str:
    """The language of the pass in progress: the plugin's; without it, HANDBOOK_LANGUAGE or the theme's."""
    plugin = _plugin(config)
    if plugin is not None:
        return plugin.current_language or plugin.default_language
    lang = os.environ.get("HANDBOOK_LANGUAGE") or config.theme.get("language") or SOURCE
    return lang if lang in LANGUAGES else SOURCE


def pass_languages(config: Any) -> tuple[str, ...]:
    """Every language the build writes, the default first; none without the plugin (the one edition is unsuffixed)."""
    plugin = _plugin(config)
    if plugin is None:
        return ()
    return (plugin.default_language, *(lang for lang in plugin.build_languages if lang != plugin.default_language))


def pass_site_name(config: Any) -> str:
    """The site's name in the pass's edition. Read from the plugin's settings, as the macros plugin starts each pass
    before the i18n plugin has set the pass's own name on the configuration."""
    plugin = _plugin(config)
    if plugin is None:
        return config.site_name
    own = plugin.get_language_config(pass_language(config)).site_name
    return own or plugin.original_configs.get("site_name", config.site_name)


def tells_problems(config: Any) -> bool:
    """Whether this pass logs the data's warnings: once per build, in the words `make validate` uses (HANDBOOK_LANGUAGE,
    else English), or in the first edition's when no edition is in those."""
    languages = pass_languages(config)
    if not languages:
        return True
    return pass_language(config) == (DEFAULT if DEFAULT in languages else languages[0])


def edition_folder(config: Any) -> str:
    """Where the pass's edition lives in the site: "" for the default language, "<locale>/" for another."""
    plugin = _plugin(config)
    if plugin is None or plugin.current_language in (None, plugin.default_language):
        return ""
    return f"{plugin.current_language}/"
