"""The glossary as a table: each concept's Chinese term, and the words search takes for it."""

from __future__ import annotations

from ...i18n.messages import gettext
from ...render.context import View
from ...render.provenance import small
from ...render.tables import markdown_table


def glossary_table(ctx: View) -> str:
    """One row per term, in the order of data/glossary.yml."""
    handbook = ctx.handbook
    rows = [(t.en, f'<span lang="zh-Hans">{t.zh}</span>', "、".join(t.variants) or "—") for t in handbook.glossary]
    headers = [gettext("Concept"), gettext("Chinese term"), gettext("Also searched as (never written in names)")]
    table = markdown_table(headers, rows)
    return f"{table}\n\n{small([f'{handbook.data_name}/glossary.yml'], None, ctx.origin)}"
