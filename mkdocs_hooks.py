"""MkDocs hook: add the pages generated from data (KPIs, procedures) to the site and its nav, the CSV files offered
beside pages, and a CSV of each generated table. Wiring only."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.render.table_csv import offered
from macros.site.adapter import downloads_for, generated_for
from macros.site.page_plan import with_generated


def on_files(files: Files, config) -> Files:
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
