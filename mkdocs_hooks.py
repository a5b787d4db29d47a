"""MkDocs hook: add the pages generated from data (KPIs, procedures) to the site and its nav, the CSV files offered
beside pages, and a CSV of each generated table; give Chinese search the glossary (site/search.py). Wiring only."""

from __future__ import annotations

from pathlib import Path

from material.plugins.search.plugin import SearchPlugin
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from macros.data.contracts.glossary import Term
from macros.data.files import cache_folder
from macros.data.loading import load_glossary
from macros.render.table_csv import offered
from macros.site import search
from macros.site.adapter import downloads_for, generated_for
from macros.site.page_plan import with_generated

_glossary: list[Term] = []  # read once per build, in on_config


@event_priority(100)  # before the search plugin's on_config, which loads jieba's user dictionary
def on_config(config):
    """Write jieba's dictionary of the glossary's terms under the build cache and point the search plugin at it."""
    project = Path(config.config_file_path).parent
    _glossary[:] = load_glossary(project / "data") or []
    path = cache_folder(project) / "search" / "glossary.dict.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(search.user_dictionary(_glossary), encoding="utf-8")
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            plugin.config.jieba_dict_user = str(path)
    if search.FOLD_SCRIPT not in map(str, config.extra_javascript):
        config.extra_javascript.insert(0, search.FOLD_SCRIPT)  # before handbook.js, which reads it
    return config


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config) -> None:
    """Fold the search index to the form queries are folded to: Simplified, each variant as its term."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        path.write_text(search.folded_index(path.read_text(encoding="utf-8"), _glossary), encoding="utf-8")


def on_files(files: Files, config) -> Files:
    files.append(File.generated(config, search.FOLD_SCRIPT, content=search.fold_script(_glossary)))
    pages = generated_for(Path(config.config_file_path).parent)
    if pages is None:  # the macros plugin has already stopped the build with the problems
        return files
    for page in pages:
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(
                f"docs/{page.src_uri} exists, but this page is generated from data/ "
                "(its content comes from the data files). Move your text to the section's index page, then delete the file."
            )
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for path, text in (downloads_for(Path(config.config_file_path).parent) or {}).items():
        files.append(File.generated(config, path, content=text.encode("utf-8")))
    if config.nav:
        config.nav = with_generated(config.nav, pages)
    return files


def on_page_content(html: str, page, config, files: Files) -> str:
    """Write each generated table's rows as a CSV file beside the page, and link it under the table."""
    html, tables = offered(html)
    folder = Path(page.file.abs_dest_path).parent
    for name, text in tables.items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return html
