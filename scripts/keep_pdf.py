"""Keep the PDF audit pack beside a version mike built into gh-pages, as handbook.pdf in that version's folder.

Usage: python -m scripts.keep_pdf VERSION FILE   (VERSION is a folder of gh-pages: main, or an edition such as 2026-Q4)

Run after `mike deploy VERSION`, which replaces the folder; the About page links the PDF when the build was made with
HANDBOOK_PDF=1.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.audit.manifest import PDF_FILE
from macros.i18n.messages import gettext

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the version's folder in gh-pages (main, or an edition such as 2026-Q4)")
    parser.add_argument("pdf", type=Path, help="the PDF audit pack (make pdf writes site-pdf/handbook.pdf)")
    args = parser.parse_args(argv)
    if not args.pdf.is_file():
        print(
            gettext("ERROR {error}", error=gettext("no PDF at {file}; `make pdf` writes site-pdf/handbook.pdf", file=args.pdf)),
            file=sys.stderr,
        )
        return 1
    try:
        keep_pdf(args.pdf.resolve(), args.version)
    except (subprocess.CalledProcessError, OSError) as exc:
        message = gettext("could not keep the PDF in gh-pages/{version}: {error}", version=args.version, error=exc)
        print(gettext("ERROR {error}", error=message), file=sys.stderr)
        return 1
    return 0


def packs(pdf: Path) -> dict[str, Path]:
    """The default edition's pack and, beside it, each other edition's (`make pdf` writes site-pdf/en/handbook.pdf),
    by where each goes in a version's folder."""
    found = {PDF_FILE: pdf}
    for other in sorted(pdf.parent.glob(f"*/{PDF_FILE}")):
        found[f"{other.parent.name}/{PDF_FILE}"] = other
    return found


def keep_pdf(pdf: Path, version: str) -> None:
    """Commit each edition's PDF into the version's folder of gh-pages, beside the pages it was made from."""
    with tempfile.TemporaryDirectory(prefix="handbook-gh-pages-") as folder:
        subprocess.run(["git", "worktree", "add", "--quiet", folder, "gh-pages"], cwd=ROOT, check=True, capture_output=True, text=True)
        try:
            if not (Path(folder) / version).is_dir():
                raise OSError(gettext("gh-pages has no folder {version}/; run `mike deploy {version}` first", version=version))
            for name, pack in packs(pdf).items():
                (Path(folder) / version / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(pack, Path(folder) / version / name)
                subprocess.run(["git", "add", f"{version}/{name}"], cwd=folder, check=True)
            subprocess.run(["git", "commit", "--quiet", "-m", f"PDF audit pack of {version}"], cwd=folder, check=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", folder], cwd=ROOT, check=False)
    for name in packs(pdf):
        print(gettext("Kept the PDF audit pack as {file} in gh-pages", file=f"{version}/{name}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
