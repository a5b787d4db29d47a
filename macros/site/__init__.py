"""Build time only: the mkdocs-macros adapter, the build and its context, the cache, the page plan and the macro registry."""
