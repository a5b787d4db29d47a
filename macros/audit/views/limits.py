"""The bounds the build sets on what a pull request's files may ask of it, as the security page shows them."""

from __future__ import annotations

from ...data.files import MAX_CSV_BYTES, MAX_YAML_BYTES, MAX_YAML_DEPTH
from ...data.problems import MAX_PER_FILE, MAX_SHOWN
from ...i18n.messages import gettext
from ...render.context import View
from ...render.tables import markdown_table


def input_limits(ctx: View) -> str:
    """Each bound, its value and the code a file past it gets."""
    rows = [
        (gettext("Size of a YAML file in `data/`"), f"{MAX_YAML_BYTES // 2**20} MB", "`too_large`"),
        (gettext("Size of a hand-kept CSV file in `data/`"), f"{MAX_CSV_BYTES // 2**20} MB", "`too_large`"),
        (gettext("Levels of nesting in a YAML file"), MAX_YAML_DEPTH, "`too_deep`"),
        (gettext("YAML aliases (`*name`) in a data file or a page's front matter"), gettext("none"), "`yaml_alias`"),
        (gettext("Problems listed per file (then one saying how many more)"), MAX_PER_FILE, "`more_problems`"),
        (gettext("Characters of a value quoted in a message (then cut)"), MAX_SHOWN, ""),
    ]
    return markdown_table([gettext("Bound"), gettext("Value"), gettext("Code")], rows, "lrl")
