"""Shared fixtures: real files copied into tmp_path, and helpers to break them on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM_FLAGS, DESKTOP, PHONE, checked_tab, chromium_path, serve
from helpers import MINIMAL, ROOT, TODAY, git, mkdocs_build, require_system
from playwright.sync_api import Browser, Page, sync_playwright
from postgres_server import postgres_server, server_available


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judge staleness and overdue reviews on a fixed day, so results do not drift with the calendar."""
    monkeypatch.setenv("HANDBOOK_TODAY", TODAY)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the minimal fixture project (data, sources, docs, mkdocs.yml, macros)."""
    dest = tmp_path / "project"
    shutil.copytree(MINIMAL, dest)
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs_hooks.py", dest)
    return dest


@pytest.fixture
def data(project: Path) -> Path:
    return project / "data"


@pytest.fixture(scope="session")
def handbook_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, both editions, built once per test run from the repository's own data and docs."""
    site = tmp_path_factory.mktemp("site")
    mkdocs_build(ROOT, site, tmp_path_factory.mktemp("cache"))
    return site


@pytest.fixture(scope="session")
def real_site(handbook_site: Path) -> Path:
    """The real handbook's English edition (under /en/ of the site)."""
    return handbook_site / "en"


@pytest.fixture(scope="session")
def zh_site(handbook_site: Path) -> Path:
    """The real handbook's Chinese edition, at the site's root (its /en/ folder is the other edition)."""
    return handbook_site


@pytest.fixture
def fixture_site(project: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    mkdocs_build(project, site, tmp_path / "cache")
    return site


@pytest.fixture
def repo(project: Path) -> Path:
    """The fixture project as a git repository with one commit."""
    (project / ".gitignore").write_text("/site/\n.cache/\n__pycache__/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Fixture handbook")
    return project


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole test run, as an SQLAlchemy URL (postgresql+psycopg://...)."""
    require_system("PostgreSQL server (initdb and pg_ctl)", server_available())
    with postgres_server() as url:
        yield url


# The browser tests' Chromium, the real site served to it, and a checked tab at desktop and phone widths.
@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; skipped on a machine without it, a failure in CI."""
    path = chromium_path()
    require_system("Chromium (Debian package chromium)", path is not None)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(handbook_site: Path) -> Iterator[str]:
    """The whole site (both editions) on a local server: its root URL, the Chinese edition."""
    with serve(handbook_site) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(served: str) -> str:
    """The English edition's URL."""
    return f"{served}en/"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with checked_tab(browser, DESKTOP) as tab:
        yield tab


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    with checked_tab(browser, PHONE) as tab:
        yield tab
