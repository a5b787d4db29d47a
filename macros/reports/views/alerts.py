"""The alerts as Markdown: the home page's panel of counts, the Alerts page and `make alerts`."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Protocol

from ...i18n.messages import N_, gettext, named, ngettext
from ...kpis.views import KpiView
from ...partners.views.view import PartnerView
from ...render.links import ALERTS_PAGE, ORG_PAGE, href, link
from ..alerts import BREACH, KINDS, Alert, alerts

if TYPE_CHECKING:
    from ...audit.document_control import Document
    from ...data.handbook import Handbook

# A kind with more alerts than this lists the most urgent ones and links to the page that has all of them.
LISTED = 25
NOTHING = N_("Nothing needs attention: no KPI is breached, at risk or stale, no supplier or merchant needs action, and nothing is overdue.")


class AlertView(KpiView, PartnerView, Protocol):
    """Alerts also read the controlled documents, whose overdue reviews are alerts."""

    documents: list[Document]


def found(c: AlertView) -> list[Alert]:
    """Today's alerts, worked out once per build for the home panel and the Alerts page."""
    return c.shared.get("alerts", lambda: alerts(c.handbook, c.facts, c.documents, c.today, c.partners))


def anchor(kind: str) -> str:
    """The id of a kind's section on the Alerts page, which the home panel links to."""
    return kind.replace(" ", "-")


def alerts_markdown(items: list[Alert], handbook: Handbook, page: str | None = None, level: int = 3) -> str:
    """The alerts as Markdown sections headed at `level`; with `page`, each subject links to where it is acted on."""
    if not items:
        return gettext(NOTHING)
    breaches = sum(a.severity == BREACH for a in items)
    out = ["**" + gettext("Breaches: {breaches} · warnings: {warnings}.", breaches=breaches, warnings=len(items) - breaches) + "**"]
    for kind, title in KINDS.items():
        of_kind = [a for a in items if a.kind == kind]
        if not of_kind:
            continue
        out.append(f"{'#' * level} {gettext(title)} ({len(of_kind)})" + (f" {{#{anchor(kind)}}}" if page is not None else ""))
        lines = [f"- {_subject(a, page)}: {a.detail}{_owner(a, handbook, page)}" for a in of_kind[:LISTED]]
        if len(of_kind) > LISTED:
            rest = len(of_kind) - LISTED
            where = link(gettext(title).lower(), page, of_kind[0].page) if page is not None else f"`docs/{of_kind[0].page}`"
            lines.append(
                "- "
                + ngettext(
                    "… and {n} more: it is on the page of {where}.",
                    "… and {n} more: every one is on the page of {where}.",
                    rest,
                    where=where,
                )
            )
        out.append("\n".join(lines))
    return "\n\n".join(out)


def _subject(a: Alert, page: str | None) -> str:
    icon = "✖" if a.severity == BREACH else "▲"
    return f"{icon} " + (link(a.subject, page, a.page, a.anchor) if page is not None else f"**{a.subject}**")


def _owner(a: Alert, handbook: Handbook, page: str | None) -> str:
    if not a.owner:
        return ""
    dept = handbook.department(a.owner)
    name = link(named(dept.name), page, ORG_PAGE, dept.id) if page is not None else named(dept.name)
    return gettext(" — owner: {name} ({lead})", name=name, lead=named(dept.lead))


def alerts_page(c: AlertView) -> str:
    return alerts_markdown(found(c), c.handbook, c.page, level=2)


def alerts_panel(c: AlertView) -> str:
    """One count per kind of alert, most urgent first, each linking to its section of the Alerts page."""
    items = found(c)
    if not items:
        alerts_word = gettext("Alerts")
        return f"{gettext(NOTHING)} {link(alerts_word, c.page, ALERTS_PAGE)}"
    counts = Counter(a.kind for a in items)
    worst = {a.kind for a in items if a.severity == BREACH}
    tone = {kind: "breached" if kind in worst else "at-risk" for kind in counts}
    cells = [
        f"[**{counts[kind]}** {gettext(title)}]({href(c.page, ALERTS_PAGE, anchor(kind))}){{ .alert-count .status-{tone[kind]} }}"
        for kind, title in KINDS.items()
        if counts[kind]
    ]
    every = link(gettext("Every alert"), c.page, ALERTS_PAGE)
    return f'<div class="alert-panel" markdown>\n\n{" ".join(cells)}\n\n</div>\n\n{every}'


MACROS = {"alerts": alerts_page, "alerts_panel": alerts_panel}
