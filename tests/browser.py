"""A built site served on localhost, and Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, Page

# Without the background-networking flags Chromium keeps calling Google's hosts, which a closed network refuses.
CHROMIUM_FLAGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]  # fmt: skip
DESKTOP = {"width": 1366, "height": 768}  # the laptop width staff and auditors read at: every table must fit it
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    """Debian's chromium (`make system-deps`), or None when this machine has none."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the name http.server gives it
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on a free loopback port, as a static host would; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def checked_tab(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    """A fresh tab; when the block ends, it fails if any page it opened had a script error or a missing file."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(10_000)  # a missing element fails in seconds, not Playwright's 30
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    # Material asks for ../versions.json to draw the edition selector; only a mike deployment has one. It also asks for
    # a sitemap.xml beside each language link, to map the page to its translation; the links lead to the same page in
    # the other edition already (tests/test_two_editions.py), so a link without a sitemap beside it loses nothing.
    expected = ("/versions.json", "/sitemap.xml")
    tab.on("response", lambda r: r.status >= 400 and not r.url.endswith(expected) and errors.append(f"{r.status} {r.url}"))
    yield tab
    context.close()
    assert not errors, errors
