"""Print what needs attention (breached, at-risk and stale KPIs, control-chart signals, overdue reviews and actions) as Markdown.

Usage: python -m scripts.alerts [--fail-on-breach]
  --fail-on-breach  exit 1 when a KPI is breached (for a CI job; the list goes to the job summary either way)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.audit.document_control import edition_documents, load_documents
from macros.audit.validation import check
from macros.data.clock import today
from macros.data.problems import errors
from macros.data.reads import Shared
from macros.i18n.messages import gettext, language
from macros.partners.scores import PartnerScores
from macros.reports.alerts import alerts
from macros.reports.views.alerts import alerts_markdown

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fail-on-breach", action="store_true", help="exit 1 when any KPI is breached")
    args = parser.parse_args(argv)
    day = today()
    checked = check(ROOT / "data", day)
    if checked.handbook is None or checked.facts is None:
        for problem in errors(checked.problems):
            print(problem.labelled(), file=sys.stderr)
        print(gettext("The data has errors (above), so no alerts can be computed; run `make validate`."), file=sys.stderr)
        return 1
    documents = edition_documents(load_documents(ROOT / "docs")[0], language())  # each page once
    found = alerts(checked.handbook, checked.facts, documents, day, PartnerScores(checked.handbook, Shared()))
    print(gettext("# Handbook alerts on {day}", day=day.isoformat()) + "\n")
    print(alerts_markdown(found, checked.handbook))
    return 1 if args.fail_on_breach and any(a.kind == "breached" for a in found) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
