"""Check the built site: internal links and anchors, and the accessibility of every page's content; exit 1 on any error.

Run after `mkdocs build` (make site). Usage: python -m scripts.check_site [SITE_DIR]
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from macros.built.accessibility import accessibility_problems
from macros.built.links import check_links
from macros.built.pages import read_site
from macros.data.problems import errors


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "site"
    if not site.is_dir():
        print(f"ERROR {site}: expected a built site, found nothing there; run `make site` first", file=sys.stderr)
        return 1
    # The parsed site is millions of small objects that live until the process ends: left to the cycle
    # collector, they would be scanned again and again while parsing and once more at exit, for nothing to free.
    gc.disable()
    pages = read_site(site)
    gc.freeze()
    links = check_links(pages)
    # Sorting by file only keeps each page's problems together and in the order the checks found them.
    problems = sorted(links.problems + accessibility_problems(pages), key=lambda problem: problem.file)
    for problem in problems:
        print(problem.labelled())
    checked = f"{len(pages):,} pages, {links.checked:,} internal links and anchors checked ({links.external:,} external links not checked)"
    found = f"{len(problems):,} problem(s); fix them above" if problems else "no problems"
    print(f"{site}: {checked}: {found}.")
    return 1 if errors(problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
