"""What mkdocs-macros looks for in this package; the wiring is in site/adapter.py.

Kept to entry points that import the adapter when MkDocs calls them, so that a script using one
module of the package (`make refresh`, `make alerts`) does not pay for pandas and matplotlib views.
"""

from __future__ import annotations


def define_env(env) -> None:
    from .site.adapter import define_env as define

    define(env)


def on_pre_page_macros(env) -> None:
    from .site.adapter import on_pre_page_macros as before_page

    before_page(env)


def on_post_page_macros(env) -> None:
    from .site.adapter import on_post_page_macros as after_page

    after_page(env)


def on_post_build(env) -> None:
    from .site.adapter import on_post_build as after_build

    after_build(env)
