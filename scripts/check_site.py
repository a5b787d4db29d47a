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
from macros.i18n.messages import gettext


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "site"
    if not site.is_dir():
        print(gettext("ERROR {site}: expected a built site, found nothing there; run `make site` first", site=site), file=sys.stderr)
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
    counts = {"site": site, "pages": f"{len(pages):,}", "links": f"{links.checked:,}", "external": f"{links.external:,}"}
    if problems:
        print(gettext("{site}: {pages} pages, {links} internal links and anchors checked ({external} external links not checked): "
                      "{problems} problem(s); fix them above.", problems=f"{len(problems):,}", **counts))  # fmt: skip
    else:
        print(gettext("{site}: {pages} pages, {links} internal links and anchors checked ({external} external links not checked): "
                      "no problems.", **counts))  # fmt: skip
    return 1 if errors(problems) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
