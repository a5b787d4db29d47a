"""Print what needs attention (breached, at-risk and stale KPIs, control-chart signals, overdue reviews and actions) as Markdown.

Usage: python scripts/alerts.py [--fail-on-breach]
  --fail-on-breach  exit 1 when a KPI is breached (for a CI job; the list goes to the job summary either way)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.alerts import BREACH, alerts, alerts_markdown  # noqa: E402
from macros.clock import today  # noqa: E402
from macros.document_control import load_documents  # noqa: E402
from macros.problems import errors  # noqa: E402
from macros.validation import check  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fail-on-breach", action="store_true", help="exit 1 when any KPI is breached")
    args = parser.parse_args(argv)
    day = today()
    handbook, problems = check(ROOT / "data", day)
    if handbook is None:
        for problem in errors(problems):
            print(problem.labelled(), file=sys.stderr)
        print("The data has errors (above), so no alerts can be computed; run `make validate`.", file=sys.stderr)
        return 1
    documents, _ = load_documents(ROOT / "docs")
    found = alerts(handbook, documents, day)
    print(f"# Handbook alerts on {day.isoformat()}\n")
    print(alerts_markdown(found))
    return 1 if args.fail_on_breach and any(a.severity == BREACH for a in found) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
