"""The mkdocs-macros adapter: start the build, register every view as a macro, frame each page. Wiring only."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..audit.git import web_address
from ..data.problems import warnings
from ..i18n.editions import page_path
from ..i18n.formats import day, period
from ..i18n.messages import gettext, use
from .build import Build
from .editions import edition_folder, pass_language, pass_site_name, tells_problems
from .page_plan import GeneratedPage, data_edit_url

log = logging.getLogger("handbook")
told = logging.getLogger("mkdocs.plugins.handbook")  # under mkdocs, so `mkdocs build` shows its INFO lines
# The build in progress, by project, for the hook that adds generated pages (it runs after define_env).
current: dict[Path, Build] = {}


def define_env(env) -> None:
    project = Path(env.project_dir)
    use(pass_language(env.conf))  # each edition's pass writes its language, from its define_env to its last page
    # Without repo_url in mkdocs.yml (or HANDBOOK_REPO_URL), the clone's origin remote: provenance and edit links use it.
    env.conf["repo_url"] = env.conf["repo_url"] or web_address(project)
    if not env.conf["repo_url"]:
        env.conf["edit_uri"] = None  # nothing to edit or view; MkDocs would warn of an edit_uri without a repository
    build = Build(project, pass_site_name(env.conf), env.conf["repo_url"] or "")
    for problem in warnings(build.setup.problems) if tells_problems(env.conf) else []:
        log.warning(problem.labelled())  # shown, but not counted by `mkdocs --strict`
    build.stop_on_errors(build.setup.problems)
    current[build.project.resolve()] = env.handbook_build = build
    env.variables["as_of"], env.variables["today"] = period(build.setup.as_of), day(build.day)
    for name in build.setup.macros:
        env.macro(build.replayed(name, lambda: page_path(env.page.file.src_uri)), name)
    env.macro(build.stamped("edition_facts"), "edition_facts")
    # The pack is its edition's: the one at the edition's root (en/handbook.pdf for the English edition).
    env.macro(build.stamped("pdf_pack", lambda: env.page.url.removeprefix(edition_folder(env.conf))), "pdf_pack")


def generated_for(project: Path) -> list[GeneratedPage] | None:
    """The pages the build in progress generates from data; None when its data has errors."""
    build = current.get(project.resolve())
    return list(build.setup.generated.values()) if build is not None else None


def downloads_for(project: Path) -> dict[str, str] | None:
    """The files the build in progress writes beside the pages, by path in the site; None when its data has errors."""
    build = current.get(project.resolve())
    return {path: build.download(path) for path in build.setup.downloads} if build is not None else None


def on_pre_page_macros(env) -> None:
    """Render every page in Jinja's immutable sandbox: a page that reaches for Python (`cycler.__init__.__globals__`)
    gets a SecurityError, not a shell. Validate refuses such a page first (audit/page_templates.py); this holds
    even when it is bypassed."""
    plain = env.env
    if isinstance(plain, ImmutableSandboxedEnvironment):
        return
    delimiters = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                  "comment_start_string", "comment_end_string")  # fmt: skip
    sandbox = ImmutableSandboxedEnvironment(loader=plain.loader, undefined=plain.undefined, **{d: getattr(plain, d) for d in delimiters})
    sandbox.globals.update(plain.globals)
    sandbox.filters.update(plain.filters)
    env._env = sandbox  # the plugin builds its Environment after define_env and offers no option for a sandbox


def on_post_page_macros(env) -> None:
    """Put the identity block under each page's title and its revision history at the end."""
    from ..audit.views.documents import with_control

    src = page_path(env.page.file.src_uri)  # a page is one in every language: its views and frame are keyed by it
    made = env.handbook_build.setup.generated.get(src)
    if made is not None and env.conf["repo_url"] and env.conf["edit_uri"]:  # no docs/ file to edit: the data file it is made from
        env.page.edit_url = data_edit_url(env.conf["repo_url"], env.conf["edit_uri"], Path(env.conf["docs_dir"]).name, made.sources[0])
    framed = env.handbook_build.frame(src)  # the pieces are replayed, not the page: a page may show the build stamp
    if framed is not None:
        block, history, obsolete = framed
        env.markdown = with_control(env.markdown, block, history)
        if obsolete:  # kept for the record, but search must not offer it as current
            env.page.meta["search"] = {"exclude": True}
    if dump := os.environ.get("HANDBOOK_DUMP_MARKDOWN"):  # scripts/bench.py builds these pages again without macros
        # MkDocs has already taken the front matter off env.markdown; put it back so the title and search settings stay.
        front = f"---\n{yaml.safe_dump(dict(env.page.meta), allow_unicode=True, sort_keys=False)}---\n\n" if env.page.meta else ""
        (Path(dump) / env.page.file.src_uri).parent.mkdir(parents=True, exist_ok=True)
        (Path(dump) / env.page.file.src_uri).write_text(front + env.markdown, encoding="utf-8")


def on_post_build(env) -> None:
    """Write the build manifest next to the site, for auditors and for `make pdf`; keep what this build learnt."""
    from .page_plan import nav_order

    build = env.handbook_build
    build.finish(Path(env.conf["site_dir"]) / edition_folder(env.conf), nav_order(env.conf["nav"] or [], env.conf["use_directory_urls"]))
    told.info(gettext("macro outputs: {computed} worked out, {replayed} replayed", computed=len(build.memo.computed),
                      replayed=build.memo.replayed))  # fmt: skip
    told.debug("worked out: " + "; ".join(build.memo.computed))
