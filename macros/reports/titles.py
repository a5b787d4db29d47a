"""A quarterly report's title, worded once for its page, the navigation and the reports index."""

from __future__ import annotations

from ..i18n.formats import quarter as shown
from ..i18n.messages import gettext


def report_title(quarter: str) -> str:
    return gettext("Quality report {quarter}", quarter=shown(quarter))
