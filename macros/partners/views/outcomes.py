"""What supplier and merchant pages share: outcome badges, the rules table, counts by outcome and the action list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ...data.contracts.partners import Partner, Rule
from ...i18n.messages import N_, gettext, named, ngettext
from ...render.badges import badge
from ...render.downloads import row_filter
from ...render.tables import markdown_table
from ..urgency import URGENCY
from ..words import NOT_RATED, grade_word, outcome_word

OUTCOME_TONE = {  # the word is always shown beside the colour
    "keep": "met",
    "good standing": "met",
    "warning": "at-risk",
    "rectify": "at-risk",
    "suspend": "breached",
    "eliminate": "breached",
    "terminate": "breached",
}
# How each kind of partner page names its partners and its periods.
NOUNS = {
    "supplier": {
        "column": N_("Suppliers"),
        "filter": N_("Filter these suppliers"),
        "none": N_("No supplier needs action."),
        "some listed": N_("{n:,} suppliers need action (the {listed:,} most urgent of {n:,} listed)."),
        "every": N_("Every supplier's history: {link}."),
        "no history": N_("No supplier needs action, so there is no history to show here."),
        "every period": N_("Every quarter of every supplier: {link}."),
        "this period": N_("graded {grades} this quarter"),
        "last periods": N_("graded {grades} in each of the last {n} quarters"),
    },
    "merchant": {
        "column": N_("Merchants"),
        "filter": N_("Filter these merchants"),
        "none": N_("No merchant needs action."),
        "some listed": N_("{n:,} merchants need action (the {listed:,} most urgent of {n:,} listed)."),
        "every": N_("Every merchant's history: {link}."),
        "no history": N_("No merchant needs action, so there is no history to show here."),
        "every period": N_("Every month of every merchant: {link}."),
        "this period": N_("graded {grades} this month"),
        "last periods": N_("graded {grades} in each of the last {n} months"),
    },
}
# A page lists at most this many partners that need action, the most urgent first; the CSV has every one.
ACTION_LISTED = 200
HISTORY_SHOWN = 6  # periods of history shown beside each partner that needs action


def said(noun: str, what: str, **values: object) -> str:
    """One of the sentences NOUNS words for a kind of partner, in the build's language."""
    message = NOUNS[noun][what]
    return gettext(message, **values)


def named_row(partner: Partner) -> str:
    """A partner's id and name, with the anchor the Alerts page links to."""
    return f'<span id="{partner.id.lower()}"></span>{partner.id} {named(partner.name)}'


def outcome_badge(rule: Rule | None, unrated: str | None = None) -> str:
    if rule is None:
        return badge("no-data", outcome_word(NOT_RATED)) + (f" <small>({unrated})</small>" if unrated else "")
    return badge(OUTCOME_TONE[rule.outcome], outcome_word(rule.outcome))


def _rule_text(rule: Rule, noun: str) -> str:
    grades = [grade_word(g) for g in rule.grades]
    either = grades[0]
    for g in grades[1:]:
        either = gettext("{either} or {other}", either=either, other=g)
    if rule.consecutive == 1:
        return said(noun, "this period", grades=either)
    return said(noun, "last periods", grades=either, n=rule.consecutive)


def rules_table(rules: list[Rule], noun: str) -> str:
    rows = [[n, _rule_text(r, noun), outcome_badge(r)] for n, r in enumerate(rules, start=1)]
    return markdown_table([gettext("Order"), gettext("When"), gettext("Outcome")], rows, "rll")


def outcome_counts(outcomes: Sequence[Rule | None], rules: list[Rule], noun: str) -> str:
    """How many partners have each outcome (every outcome the rules can give, and not rated), the most severe first."""
    counted = Counter(r.outcome if r else NOT_RATED for r in outcomes)
    names = sorted(dict.fromkeys(r.outcome for r in rules), key=lambda o: URGENCY.get(o, 3))
    total = len(outcomes)
    rows = [
        [outcome_badge(next(r for r in rules if r.outcome == name)), f"{counted[name]:,}", _share(counted[name], total)] for name in names
    ]
    rows.append([outcome_badge(None), f"{counted[NOT_RATED]:,}", _share(counted[NOT_RATED], total)])
    rows.append(["**" + gettext("All") + "**", f"**{total:,}**", ""])
    return markdown_table([gettext("Outcome"), said(noun, "column"), gettext("Share")], rows, "lrr")


def _share(n: int, total: int) -> str:
    return f"{n / total * 100:.1f} %" if total else "—"


def action_list(counts: str, table: tuple[list[str], list[list[object]], str], needing: int, noun: str, csv_link: str,
                provenance: str) -> str:  # fmt: skip
    """The counts by outcome, then those that need action (headers, rows, alignment) with a filter, then where every one is."""
    headers, rows, align = table
    listed = f"{row_filter(said(noun, 'filter'))}\n\n{markdown_table(headers, rows, align)}\n\n" if rows else ""
    return f"{counts}\n\n{listed}{action_note(len(rows), needing, noun, csv_link)}\n\n{provenance}"


def recent_history(headers: list[str], rows: list[list[object]], noun: str, csv_link: str, provenance: str) -> str:
    """The last periods of those that need action, and where every period of every partner is."""
    every = said(noun, "every period", link=csv_link)
    if not rows:
        return f"{said(noun, 'no history')} {every}"
    return f"{markdown_table(headers, rows)}\n\n{every}\n\n{provenance}"


def action_note(listed: int, needing: int, noun: str, csv_link: str) -> str:
    """Under the action list: how many need action, whether all are listed, and where every one is."""
    every = said(noun, "every", link=csv_link)
    if needing == 0:
        return f"{said(noun, 'none')} {every}"
    if listed < needing:
        return f"{said(noun, 'some listed', n=needing, listed=listed)} {every}"
    if noun == "supplier":
        return (
            ngettext("{n:,} supplier needs action (all {n:,} listed).", "{n:,} suppliers need action (all {n:,} listed).", needing)
            + f" {every}"
        )
    return (
        ngettext("{n:,} merchant needs action (all {n:,} listed).", "{n:,} merchants need action (all {n:,} listed).", needing)
        + f" {every}"
    )
