"""Check every file in data/ and every page in docs/; print each problem on one line; exit 1 if any is an error.

Usage: python scripts/validate.py [DATA_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.clock import today  # noqa: E402
from macros.docs_checks import docs_problems  # noqa: E402
from macros.problems import errors, warnings  # noqa: E402
from macros.validation import check  # noqa: E402


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "data"
    if not data_dir.is_dir():
        print(f"ERROR {data_dir}: expected a data folder, found nothing there", file=sys.stderr)
        return 1
    handbook, problems = check(data_dir)
    if handbook is not None and (data_dir.parent / "docs").is_dir():
        problems += docs_problems(data_dir.parent, handbook, today())[1]
    for problem in errors(problems) + warnings(problems):
        print(problem.labelled())
    n_err, n_warn = len(errors(problems)), len(warnings(problems))
    if n_err:
        print(f"{n_err} error(s) and {n_warn} warning(s); fix the errors above.")
        return 1
    print(f"{data_dir} is valid ({n_warn} warning(s)).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
