"""Check every file in data/ and every page in docs/; print each problem on one line; exit 1 if any is an error.

Usage: python -m scripts.validate [DATA_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from macros.audit.docs_checks import docs_problems
from macros.audit.validation import check
from macros.data.clock import today
from macros.data.files import cache_folder
from macros.data.problems import errors, report_lines, warnings
from macros.i18n.messages import gettext
from macros.site.registry import page_names


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "data"
    if not data_dir.is_dir():
        print(gettext("ERROR {folder}: expected a data folder, found nothing there", folder=data_dir), file=sys.stderr)
        return 1
    cache = cache_folder(data_dir.resolve().parent)
    checked = check(data_dir, exports_cache=cache / "exports", parsed_cache=cache / "parsed")
    problems = checked.problems
    if checked.handbook is not None and checked.facts is not None and (data_dir.parent / "docs").is_dir():
        problems += docs_problems(data_dir.parent, checked.handbook, checked.facts, today(), page_names())[1]
    for line in report_lines(errors(problems) + warnings(problems), os.environ.get("GITHUB_ACTIONS") == "true"):
        print(line)
    n_err, n_warn = len(errors(problems)), len(warnings(problems))
    if n_err:
        print(gettext("{errors} error(s) and {warnings} warning(s); fix the errors above.", errors=n_err, warnings=n_warn))
        return 1
    print(gettext("{folder} is valid ({warnings} warning(s)).", folder=data_dir, warnings=n_warn))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
