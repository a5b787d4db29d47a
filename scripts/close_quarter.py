"""Close a quarter: write its record, data/records/YYYY-Qn.yml, with every figure its quality report shows.

Usage: python -m scripts.close_quarter QUARTER [--restate --reason TEXT] [--when-closable]   (QUARTER is YYYY-Qn)

The figures are worked out with the data there was at the quarter's end (no later month moves its control limits
or its signals). Once closed, the quarter's report renders from its record; a later change to its data fails
`make validate` until the quarter is restated, which adds the old and new figures and the reason to the record.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

from macros.audit.editions import NAME
from macros.audit.quarters import close, differences, record_text, restate
from macros.audit.revision_history import read_history
from macros.audit.validation import check
from macros.data import closure
from macros.data.clock import today
from macros.data.files import write_atomic
from macros.data.periods import period_end
from macros.data.problems import errors, report_lines
from macros.data.reads import Shared
from macros.i18n.messages import gettext
from macros.partners.scores import PartnerScores
from macros.reports.views.quarter_sections import sections

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("quarter", help="the quarter, YYYY-Qn")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--restate", action="store_true", help="write the quarter's new figures into its record, with --reason")
    parser.add_argument("--reason", default="", help="why a closed quarter's figures changed (shown on its report)")
    parser.add_argument("--when-closable", action="store_true", help="leave a quarter whose last periods are still open, not an error")
    args = parser.parse_args(argv)
    day, quarter = today(), args.quarter
    if not NAME.match(quarter):
        return fail(gettext("expected a quarter like 2026-Q3 (YYYY-Qn), found {quarter}", quarter=repr(quarter)))
    if period_end(quarter, "quarterly") >= day:
        ends = period_end(quarter, "quarterly")
        return fail(gettext("{quarter} has not ended (it ends on {day}); a quarter is closed once it is over", quarter=quarter, day=ends))
    if args.restate and not args.reason.strip():
        return fail(gettext("a restatement needs its reason: REASON='the export of September was re-sent with the late orders'"))
    # The quarter's own record is compared below, where a change is shown and restated, not refused as a problem.
    checked = check(args.data, day, restating=quarter)
    if errors(checked.problems) or checked.handbook is None or checked.facts is None or checked.topics is None:
        for line in report_lines(errors(checked.problems), os.environ.get("GITHUB_ACTIONS") == "true"):
            print(line, file=sys.stderr)
        return fail(gettext("the data have errors; a quarter is closed on valid data only"))
    handbook = checked.handbook
    end, before = period_end(quarter, "quarterly"), closure.cutoff(args.data, handbook.exports_map, day)
    if end >= before and quarter not in handbook.quarter_records:
        opens = end + timedelta(days=handbook.exports_map.refresh.close_after_days + 1)
        said = {"quarter": quarter, "day": opens, "file": f"{args.data.name}/exports.yml"}
        if args.when_closable:
            print(gettext("NOTE    {quarter}'s last periods are still open until {day} (close_after_days in {file}): late returns and "
                          "complaints may still change them; close it from then. Left open: its report shows its figures as provisional.",
                          **said))  # fmt: skip
            return 0
        why = gettext("{quarter}'s last periods are still open until {day} (close_after_days in {file}): late returns and complaints "
                      "may still change them; close it from then", **said)  # fmt: skip
        if False:
            return 0
        return fail(why)
    gaps = {f.kpi.id: f.gap for f in checked.facts if f.gap}
    # Suppliers, merchants, actions and re-scores are not closed with the quarter's periods: the record keeps them as they are now.
    kept = sections(handbook, PartnerScores(handbook, Shared()), read_history(args.data.resolve().parent), quarter)
    new = close(handbook, checked.topics, gaps, quarter, day).model_copy(update={"sections": kept})
    old = handbook.quarter_records.get(quarter)
    path = args.data / "records" / f"{quarter}.yml"
    label = f"{args.data.name}/records/{quarter}.yml"
    if old is None:
        write_atomic(path, record_text(new))
        print(gettext("Closed {quarter}: {results} KPI result(s), {signals} signal(s); wrote {file}",
                      quarter=quarter, results=len(new.results), signals=len(new.signals), file=label))  # fmt: skip
        return 0
    changes = differences(old, new)
    if not changes and old.sections is None:
        write_atomic(path, record_text(old.model_copy(update={"sections": kept})))
        print(gettext("{quarter} was closed on {day}; its figures are unchanged; added its suppliers, merchants, actions "
                      "and re-scored risks as the files have them today; wrote {file}",
                      quarter=quarter, day=old.closed_on, file=label))  # fmt: skip
        return 0
    if not changes:
        print(gettext("{quarter} was closed on {day}; its figures are unchanged", quarter=quarter, day=old.closed_on))
        return 0
    for c in changes:
        print(f"  {c.what}: {c.old} → {c.new}")
    if not args.restate:
        return fail(gettext("{quarter} was closed on {day} and these figures have changed since; to restate them, with the reason: "
                            "make close-quarter QUARTER={quarter} RESTATE=1 REASON='…'",
                            quarter=quarter, day=old.closed_on), code=2)  # fmt: skip
    write_atomic(path, record_text(restate(old, new if old.sections is None else new.model_copy(update={"sections": old.sections}),
                                           day, args.reason.strip())))  # fmt: skip
    print(gettext("Restated {quarter} ({n} change(s)); wrote {file}", quarter=quarter, n=len(changes), file=label))
    return 0


def fail(message: str, code: int = 1) -> int:
    print(gettext("ERROR {error}", error=message), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
