"""Extract the messages of each package of macros/ (and of scripts/) and merge them into every language's catalogue.

Usage: python -m scripts.messages [--check]
  --check  write nothing; exit 1 when a catalogue lacks a message the code has, or has one it no longer uses

A translation already in a catalogue is never lost: a message the code no longer has is kept as obsolete (#~).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from macros.i18n.messages import LANGUAGES, SOURCE, catalogue_path

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
HEADER = "# The handbook's messages in this language, for one package of macros/ (or scripts/). `make messages` adds new ones."
COMMENT_TAG = "i18n:"  # a comment starting with it, just above a message, tells its translator what it is


def packages() -> dict[str, Path]:
    """Each catalogue and the code its messages come from: one per package of macros/, and scripts/."""
    found = {p.name: p for p in sorted((ROOT / "macros").iterdir()) if (p / "__init__.py").exists()}
    return {**found, "scripts": ROOT / "scripts"}


def template(folder: Path) -> Catalog:
    """The messages of one package, with where each is used and its translator's comment."""
    messages = Catalog(project="quality-risk handbook", charset="utf-8")
    extracted = extract_from_dir(folder, method_map=[("**.py", "python")], keywords=KEYWORDS,
                                 comment_tags=(COMMENT_TAG,), strip_comment_tags=True)  # fmt: skip
    for filename, line, message, comments, context in extracted:
        where = (folder.relative_to(ROOT) / filename).as_posix()
        messages.add(message, locations=[(where, line)], auto_comments=comments, context=context)
    return messages


def merged(lang: str, package: str, messages: Catalog) -> tuple[Catalog, bool]:
    """The package's catalogue in `lang` brought up to date with its messages, and whether that changed anything."""
    path = catalogue_path(lang, package)
    if path.exists():
        with path.open("rb") as po:
            current = read_po(po, locale=lang)
    else:
        current = Catalog(locale=lang, project="quality-risk handbook", charset="utf-8", header_comment=HEADER, fuzzy=False)
    before, created = {m.id for m in current if m.id}, current.creation_date
    current.update(messages, no_fuzzy_matching=True)
    current.creation_date = created  # the file changes only when its messages do
    return current, before != {m.id for m in current if m.id}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail when a catalogue is out of date")
    args = parser.parse_args(argv)
    stale = []
    for package, folder in packages().items():
        messages = template(folder)
        if not len(messages):
            continue
        for lang in (lang for lang in LANGUAGES if lang != SOURCE):
            current, changed = merged(lang, package, messages)
            path = catalogue_path(lang, package)
            if args.check:
                stale += [path.relative_to(ROOT).as_posix()] if changed else []
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as po:
                write_po(po, current, width=120, sort_by_file=True, include_previous=False)
            print(f"{path.relative_to(ROOT)}: {len(messages)} messages, {sum(1 for m in current if m.id and not m.string)} to translate")
    for path in stale:
        print(f"ERROR {path} is out of date with the code: run `make messages` and translate what it adds", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
