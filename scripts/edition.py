"""Publish a quarterly edition: tag the commit, build it with mike into the gh-pages branch, make it the default.

Usage: python -m scripts.edition EDITION [--pdf FILE] [--push] [--remote origin]   (EDITION is YYYY-Qn, e.g. 2026-Q4)

With --pdf, the edition's PDF audit pack (make pdf) is kept with it, as handbook.pdf in its folder of gh-pages.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from macros.audit.editions import NAME, TAG_PREFIX
from macros.i18n.messages import gettext
from scripts.keep_pdf import keep_pdf

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_ALIAS = "latest"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", help="the edition's name, YYYY-Qn")
    parser.add_argument("--push", action="store_true", help="push the tag and the gh-pages branch")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--pdf", type=Path, help="the edition's PDF audit pack, kept as EDITION/handbook.pdf in gh-pages")
    args = parser.parse_args(argv)
    if not NAME.match(args.edition):
        return fail(gettext("expected an edition name like 2026-Q4 (YYYY-Qn), found {name}", name=repr(args.edition)))
    if git("status", "--porcelain", "--untracked-files=no"):
        return fail(gettext("the working copy has uncommitted changes; an edition must be a commit. Commit or stash them first"))
    tag = TAG_PREFIX + args.edition
    head = git("rev-parse", "HEAD")
    tagged = git("rev-parse", "--verify", "--quiet", f"{tag}^{{commit}}", check=False)
    if tagged and tagged != head:
        return fail(
            gettext(
                "{tag} already marks commit {commit}, not HEAD ({head}); an edition is never moved",
                tag=tag,
                commit=tagged[:12],
                head=head[:12],
            )
        )
    if not tagged:
        print(gettext("Tagging {commit} as {tag}", commit=head[:12], tag=tag))
        git("tag", "-a", tag, "-m", f"Edition {args.edition} of the quality-risk handbook")
    push = ["--push", "--remote", args.remote] if args.push else []
    tools = Path(sys.executable).parent  # mike and the mkdocs it runs are installed beside this Python (requirements.txt)
    env = {**os.environ, "HANDBOOK_EDITION": args.edition, "PATH": os.pathsep.join([str(tools), os.environ.get("PATH", "")])}
    if args.pdf is not None:
        env["HANDBOOK_PDF"] = "1"  # the About page links the PDF kept beside the edition
    print(gettext("Building edition {edition} into the gh-pages branch (this runs the strict build)", edition=args.edition))
    mike = [str(tools / "mike")]
    steps = [
        [*mike, "deploy", *push, "--update-aliases", "--title", args.edition, args.edition, DEFAULT_ALIAS],
        [*mike, "set-default", *push, DEFAULT_ALIAS],
    ]
    if args.pdf is not None and not args.pdf.is_file():
        return fail(gettext("no PDF at {file}; `make pdf` writes site-pdf/handbook.pdf", file=args.pdf))
    for step in steps:
        if subprocess.run(step, cwd=ROOT, env=env).returncode != 0:
            return fail(gettext("`{command}` failed; see its output above", command="mike " + " ".join(step[1:])))
    if args.pdf is not None:
        try:
            keep_pdf(args.pdf.resolve(), args.edition)
        except (subprocess.CalledProcessError, OSError) as exc:
            return fail(gettext("could not keep the PDF in gh-pages/{version}: {error}", version=args.edition, error=exc))
    if args.push:
        git("push", args.remote, tag)
        if args.pdf is not None:
            git("push", args.remote, "gh-pages")
    if args.push:
        print(gettext("Edition {edition} published and pushed to {remote}", edition=args.edition, remote=args.remote))
    else:
        print(gettext("Edition {edition} published locally (gh-pages branch); --push to publish", edition=args.edition))
    return 0


def git(*args: str, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise SystemExit(fail(gettext("{command} failed: {error}", command="git " + " ".join(args), error=result.stderr.strip())))
    return result.stdout.strip()


def fail(message: str) -> int:
    print(gettext("ERROR {error}", error=message), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
