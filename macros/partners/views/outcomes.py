"""What supplier and merchant pages share: outcome badges, the rules table, counts by outcome and the action list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ...data.contracts.partners import Partner, Rule
from ...render.badges import badge
from ...render.downloads import row_filter
from ...render.tables import markdown_table
from ..urgency import URGENCY

OUTCOME_TONE = {  # the word is always shown beside the colour
    "keep": "met",
    "good standing": "met",
    "warning": "at-risk",
    "rectify": "at-risk",
    "suspend": "breached",
    "eliminate": "breached",
    "terminate": "breached",
}
NOT_RATED = "not rated"
# A page lists at most this many partners that need action, the most urgent first; the CSV has every one.
ACTION_LISTED = 200
HISTORY_SHOWN = 6  # periods of history shown beside each partner that needs action


def named_row(partner: Partner) -> str:
    """A partner's id and name, with the anchor the Alerts page links to."""
    return f'<span id="{partner.id.lower()}"></span>{partner.id} {partner.name.en}'


def outcome_badge(rule: Rule | None, unrated: str | None = None) -> str:
    if rule is None:
        return badge("no-data", NOT_RATED) + (f" <small>({unrated})</small>" if unrated else "")
    return badge(OUTCOME_TONE[rule.outcome], rule.outcome)


def _rule_text(rule: Rule, period: str) -> str:
    grades = " or ".join(rule.grades)
    if rule.consecutive == 1:
        return f"graded {grades} this {period}"
    return f"graded {grades} in each of the last {rule.consecutive} {period}s"


def rules_table(rules: list[Rule], period: str) -> str:
    rows = [[n, _rule_text(r, period), outcome_badge(r)] for n, r in enumerate(rules, start=1)]
    return markdown_table(["Order", "When", "Outcome"], rows, "rll")


def outcome_counts(outcomes: Sequence[Rule | None], rules: list[Rule], noun: str) -> str:
    """How many partners have each outcome (every outcome the rules can give, and not rated), the most severe first."""
    counted = Counter(r.outcome if r else NOT_RATED for r in outcomes)
    names = sorted(dict.fromkeys(r.outcome for r in rules), key=lambda o: URGENCY.get(o, 3))
    total = len(outcomes)
    rows = [
        [outcome_badge(next(r for r in rules if r.outcome == name)), f"{counted[name]:,}", _share(counted[name], total)] for name in names
    ]
    rows.append([outcome_badge(None), f"{counted[NOT_RATED]:,}", _share(counted[NOT_RATED], total)])
    rows.append(["**All**", f"**{total:,}**", ""])
    return markdown_table(["Outcome", noun.capitalize() + "s", "Share"], rows, "lrr")


def _share(n: int, total: int) -> str:
    return f"{n / total * 100:.1f} %" if total else "—"


def action_list(counts: str, table: tuple[list[str], list[list[object]], str], needing: int, noun: str, csv_link: str,
                provenance: str) -> str:  # fmt: skip
    """The counts by outcome, then those that need action (headers, rows, alignment) with a filter, then where every one is."""
    headers, rows, align = table
    listed = f"{row_filter(f'Filter these {noun}s')}\n\n{markdown_table(headers, rows, align)}\n\n" if rows else ""
    return f"{counts}\n\n{listed}{action_note(len(rows), needing, noun, csv_link)}\n\n{provenance}"


def recent_history(headers: list[str], rows: list[list[object]], noun: str, period: str, csv_link: str, provenance: str) -> str:
    """The last periods of those that need action, and where every period of every partner is."""
    if not rows:
        return f"No {noun} needs action, so there is no history to show here. Every {period} of every {noun}: {csv_link}."
    return f"{markdown_table(headers, rows)}\n\nEvery {period} of every {noun}: {csv_link}.\n\n{provenance}"


def action_note(listed: int, needing: int, noun: str, csv_link: str) -> str:
    """Under the action list: how many need action, whether all are listed, and where every one is."""
    if needing == 0:
        return f"No {noun} needs action. Every {noun}'s history: {csv_link}."
    shown = f"all {needing:,} listed" if listed == needing else f"the {listed:,} most urgent of {needing:,} listed"
    return f"{needing:,} {noun}{'s' * (needing != 1)} need{'s' * (needing == 1)} action ({shown}). Every {noun}'s history: {csv_link}."
