"""Print what changed since an earlier state (an edition tag, a branch, a commit) as Markdown.

Usage: python -m scripts.changes SINCE [--pr]
  --pr  also list pages whose content changed without a new version, and new versions without a change note,
        and exit 1 if there are any
        (the pull-request check writes this output to the job summary).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from macros.audit.changes import at_ref, changes_markdown, compare, in_tree, unnoted_versions, unversioned_edits

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("since", help="a tag, branch or commit, e.g. edition-2026-Q3 or origin/main")
    parser.add_argument("--pr", action="store_true", help="pull-request mode: also check that changed pages have a new version")
    args = parser.parse_args(argv)
    try:
        changes = compare(at_ref(ROOT, args.since), in_tree(ROOT))
        unversioned = unversioned_edits(ROOT, args.since) if args.pr else []
        unnoted = unnoted_versions(ROOT, args.since) if args.pr else []
    except subprocess.CalledProcessError as exc:
        print(f"ERROR cannot read {args.since!r} from git ({exc.stderr.strip()}); fetch it or name another ref", file=sys.stderr)
        return 1
    print(f"# Changes since `{args.since}`\n")
    if args.pr:
        print("## Pages changed without a new version\n")
        if unversioned:
            for path, version in unversioned:
                print(f"- `{path}`: the content changed but `version` is still {version}; raise it (e.g. 1.0 → 1.1)")
        else:
            print("None: every changed page has a new version.")
        print("\n## New versions without a change note\n")
        for path, version in unnoted:
            print(f"- `{path}`: version {version} has no `change_note` of its own in its front matter; say what changed and why")
        if not unnoted:
            print("None: every new version says what it changed.")
        print()
    print(changes_markdown(changes) if changes else "Nothing that the handbook publishes has changed.")
    return 1 if unversioned or unnoted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
