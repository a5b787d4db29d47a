"""MkDocs hook: add the pages generated from data (KPIs, procedures) to the site and its nav, the CSV files offered
beside pages, and a CSV of each generated table; give Chinese search the glossary (site/search.py). Wiring only."""

from __future__ import annotations

from pathlib import Path

from material.plugins.search.plugin import SearchPlugin
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from macros.data.contracts.glossary import Term
from macros.data.files import cache_folder
from macros.data.loading import load_glossary
from macros.i18n.editions import localized
from macros.render.table_csv import offered
from macros.site import search
from macros.site.adapter import downloads_for, generated_for
from macros.site.editions import edition_folder, pass_languages
from macros.site.page_plan import with_generated

_glossary: list[Term] = []  # read once per build, in on_config
_generated: dict[str, str] = {}  # the generated pages' Markdown, by source path, for on_page_read_source
_NAV = "handbook_nav"  # where the configured nav is kept: each edition's pass adds its own generated pages to it


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


@event_priority(-110)  # after the i18n plugin, whose post_build builds the other editions and then writes the index
def on_post_build(config) -> None:
    """Fold the search index to the form queries are folded to: Simplified, each variant as its term."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        path.write_text(search.folded_index(path.read_text(encoding="utf-8"), _glossary), encoding="utf-8")


def _generated_pages(files: Files, config) -> Files:
    """The pages generated from data join the files before the i18n plugin picks each edition's: in every language
    under its suffix (`kpis/return_rate.zh.md`), so the language switch finds each page's other edition."""
    pages = generated_for(Path(config.config_file_path).parent)
    if pages is None:  # the macros plugin has already stopped the build with the problems
        return files
    languages = pass_languages(config)
    _generated.clear()
    for page in pages:
        names = [localized(page.src_uri, lang) for lang in languages] or [page.src_uri]
        if existing := next((n for n in [page.src_uri, *names] if files.get_file_from_path(n) is not None), None):
            raise PluginError(
                f"docs/{existing} exists, but this page is generated from data/ "
                "(its content comes from the data files). Move your text to the section's index page, then delete the file."
            )
        for name in names:
            # A file under docs/ that is not there: the i18n plugin places only such files; its text is given below.
            files.append(File(name, config.docs_dir, config.site_dir, config.use_directory_urls))
            _generated[name] = page.markdown
    config[_NAV] = config.get(_NAV) or config.nav
    if config[_NAV]:
        config.nav = with_generated(config[_NAV], pages)
    return files


def on_page_read_source(page, config) -> str | None:
    """A generated page's Markdown (in the pass's language: every language's file carries the pass's text, and only
    the pass's own is rendered); None for a page in docs/, which MkDocs reads."""
    return _generated.get(page.file.src_uri)


@event_priority(-110)  # after the i18n plugin has chosen the edition's files: it places only files under docs/
def _edition_files(files: Files, config) -> Files:
    """The search's fold script (once, at the root), and the CSV files offered beside the edition's pages."""
    folder = edition_folder(config)
    if not folder:
        languages = pass_languages(config)
        folders = {lang: "" if n == 0 else f"{lang}/" for n, lang in enumerate(languages)}
        files.append(File.generated(config, search.FOLD_SCRIPT, content=search.fold_script(_glossary, folders)))
    for path, text in (downloads_for(Path(config.config_file_path).parent) or {}).items():
        download = File.generated(config, path, content=text.encode("utf-8"))
        download.dest_uri = f"{folder}{path}"  # beside the edition's page, which links it by its source-relative name
        files.append(download)
    return files


on_files = CombinedEvent(_generated_pages, _edition_files)


@event_priority(-110)  # after the i18n plugin has pointed the language switch at the page's other editions
def on_page_context(context, page, config, nav):
    """The language switch of an edition's home page leads to the other edition's home by a relative address, as it
    does from every other page: the site may be served under a path (an edition of mike, a project's Pages)."""
    alternates = getattr(page.file, "alternates", {})
    for choice in getattr(config.extra, "alternate", None) or []:  # the plugin sets the attribute, which Jinja reads first
        if str(choice.get("link", "")).startswith("/") and choice.get("lang") in alternates:
            choice["link"] = alternates[choice["lang"]].url or "./"
    return context


def on_page_content(html: str, page, config, files: Files) -> str:
    """Write each generated table's rows as a CSV file beside the page, and link it under the table."""
    html, tables = offered(html)
    folder = Path(page.file.abs_dest_path).parent
    for name, text in tables.items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return html
