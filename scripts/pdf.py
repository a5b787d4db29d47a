"""Render the built site as one PDF audit pack per edition: title page, contents, every page in navigation order.

Usage: python -m scripts.pdf [--site site] [--out site-pdf/handbook.pdf] [--language zh|en]

The edition at the site's root (the default language, Chinese) is written first, to --out; each other edition's
(site/en/) beside it, in a folder of its language (site-pdf/en/handbook.pdf). --language renders one edition only.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from macros.built.pdf_pack import pack_html
from macros.built.pdf_title import title_page_from_manifest
from macros.i18n.messages import LANGUAGES, SOURCE, gettext, writing

ROOT = Path(__file__).resolve().parents[1]

SYSTEM_DEPS = "sudo make system-deps"


def cjk_font_installed() -> bool:
    """Whether fontconfig knows a font that covers Chinese; without one every Chinese name prints as boxes."""
    try:
        result = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "site-pdf" / "handbook.pdf", help="the default edition's PDF")
    parser.add_argument("--language", choices=LANGUAGES, help="render this edition only (default: every edition the site has)")
    args = parser.parse_args(argv)

    for needed in ("index.html", "manifest.json"):
        if not (args.site / needed).is_file():
            print(gettext("ERROR {file} is missing; build the site first: make site", file=args.site / needed), file=sys.stderr)
            return 1
    editions = [(site, out) for site, out in site_editions(args.site, args.out) if args.language in (None, edition_language(site))]
    if not editions:
        print(gettext("ERROR the site has no {language} edition", language=args.language), file=sys.stderr)
        return 1
    if not cjk_font_installed():
        print(gettext("ERROR no Chinese (CJK) font is installed, so Chinese text would print as boxes; install one with: {command}",
                      command=SYSTEM_DEPS), file=sys.stderr)  # fmt: skip
        return 1
    try:
        from weasyprint.text.ffi import harfbuzz_subset
    except OSError:  # WeasyPrint dlopens Pango through cffi on import, so a missing library surfaces here
        message = gettext(
            "ERROR WeasyPrint cannot load its system libraries (Pango, HarfBuzz); install them with: {command}", command=SYSTEM_DEPS
        )
        print(message, file=sys.stderr)
        return 1

    if harfbuzz_subset is None:
        print(gettext("Note: HarfBuzz-Subset is missing, so embedding the CJK font is about ten times slower; install it with: {command}",
                      command=SYSTEM_DEPS))  # fmt: skip
    # WeasyPrint logs a refused URL or a broken image as an error to a NullHandler; say it, so a gap in the pack is never
    # silent. Its warnings stay quiet: matplotlib's SVG style attributes alone raise thousands of "unknown property".
    shown = logging.StreamHandler(sys.stderr)
    shown.setLevel(logging.ERROR)
    shown.setFormatter(logging.Formatter(gettext("WARNING (WeasyPrint) %(message)s")))
    logging.getLogger("weasyprint").addHandler(shown)
    if len(editions) == 1:
        return render(*editions[0])
    # Each edition on its own core: WeasyPrint lays out one document on one core.
    with ProcessPoolExecutor(max_workers=min(len(editions), os.cpu_count() or 1)) as pool:
        return max(pool.map(render, *zip(*editions, strict=True)))


def site_editions(site: Path, out: Path) -> list[tuple[Path, Path]]:
    """Each edition of the built site (the root's, then each folder with its own manifest) and the PDF it is rendered to."""
    return [(site, out)] + [(folder.parent, out.parent / folder.parent.name / out.name) for folder in sorted(site.glob("*/manifest.json"))]


def edition_language(site: Path) -> str:
    """The language an edition is written in, as its manifest records it."""
    language = json.loads((site / "manifest.json").read_text(encoding="utf-8")).get("language")
    return language if language in LANGUAGES else SOURCE


def render(site: Path, out: Path) -> int:
    """One edition's pack, from its folder of the site, its title page and contents in the edition's language."""
    with writing(edition_language(site)):
        return _render(site, out)


def _render(site: Path, out: Path) -> int:
    import weasyprint
    from weasyprint.urls import URLFetcher

    try:
        manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
        title_page = title_page_from_manifest(manifest)
        pages = manifest["pages"]
        print(gettext("Collected {n} pages in the order of the navigation, from {file}", n=len(pages), file=site / "manifest.json"))
        html = pack_html(site, pages, title_page)
    except (ValueError, OSError, KeyError) as exc:  # json.JSONDecodeError is a ValueError
        print(gettext("ERROR {error}; rebuild the site: make site", error=exc), file=sys.stderr)
        return 1

    print(gettext("Rendering {title}…", title=title_page.running_label), flush=True)
    started = time.monotonic()
    # Only local files (and inline data: URIs): the pack must come out the same offline and never fetch from the internet.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    document = weasyprint.HTML(string=html, base_url=str(site.resolve()), url_fetcher=fetcher).render()
    out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(out)
    size_mb = out.stat().st_size / 1_000_000
    said = {"file": out, "size": f"{size_mb:.1f}", "pages": len(document.pages), "seconds": f"{time.monotonic() - started:.0f}"}
    print(gettext("Wrote {file} ({size} MB, {pages} pages) in {seconds} s", **said))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
