"""The words the rules give partners (outcomes, merchants' grades), as a reader sees them: the data keeps them in English."""

from __future__ import annotations

from ..i18n.messages import N_, gettext

NOT_RATED = "not rated"
# The outcomes the rules can give (data/contracts/partners.py); the data and the CSV keep them as they are.
OUTCOME_WORDS = {
    "keep": N_("keep"),
    "good standing": N_("good standing"),
    "warning": N_("warning"),
    "rectify": N_("rectify"),
    "suspend": N_("suspend"),
    "eliminate": N_("eliminate"),
    "terminate": N_("terminate"),
    NOT_RATED: N_("not rated"),
}
# A merchant's month is graded in these words; a supplier's grades are ids (A, B ...) and are shown as they are.
GRADE_WORDS = {"pass": N_("pass"), "fail": N_("fail"), "severe": N_("severe")}


def outcome_word(outcome: str) -> str:
    """An outcome of the rules in the build's language; one the code does not know is shown as the data has it."""
    return gettext(OUTCOME_WORDS[outcome]) if outcome in OUTCOME_WORDS else outcome


def grade_word(grade: str) -> str:
    """A grade in the build's language: merchants' grades are words, suppliers' are ids shown as they are."""
    return gettext(GRADE_WORDS[grade]) if grade in GRADE_WORDS else grade
