"""Shared fixtures: real files copied into tmp_path, and helpers to break them on purpose."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import postgres_server, server_available

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TODAY = "2026-11-21"


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


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Change one cell; `row` counts like a spreadsheet (the header is row 1)."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row - 2][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_body(path: Path, body: str) -> None:
    """Replace a page's text but keep its front matter (its document control)."""
    text = path.read_text(encoding="utf-8")
    front = text[: text.index("\n---\n", 4) + 5] if text.startswith("---\n") else ""
    path.write_text(front + "\n" + body, encoding="utf-8")


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command the way a person would, with the project's Python first on PATH."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    full_env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{full_env['PATH']}"
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600)


def mkdocs_build(project: Path, site: Path, cache: Path) -> None:
    """Build strictly. Never with -q: MkDocs then drops warnings before --strict can count them."""
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], project,
                 HANDBOOK_TODAY=TODAY, HANDBOOK_CACHE=str(cache))  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once per test run from the repository's own data and docs."""
    site = tmp_path_factory.mktemp("site")
    mkdocs_build(ROOT, site, tmp_path_factory.mktemp("cache"))
    return site


@pytest.fixture
def fixture_site(project: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    mkdocs_build(project, site, tmp_path / "cache")
    return site


def require_system(what: str, present: bool, install: str = "make system-deps") -> None:
    """Skip a test whose system package is missing on a person's machine; in CI (CI=true) fail instead."""
    if present:
        return
    reason = f"{what} is not installed; run `sudo {install}` to install it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must not skip this test)", pytrace=False)
    pytest.skip(reason)


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Quality Lead", "GIT_AUTHOR_EMAIL": "lead@example.com",
    "GIT_COMMITTER_NAME": "Quality Lead", "GIT_COMMITTER_EMAIL": "lead@example.com",
    "GIT_AUTHOR_DATE": "2026-10-01T09:00:00Z", "GIT_COMMITTER_DATE": "2026-10-01T09:00:00Z",
}  # fmt: skip


def git(repo: Path, *args: str) -> str:
    """Run git in a test repository as a fixed author at a fixed time, so hashes and dates are stable."""
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def repo(project: Path) -> Path:
    """The fixture project as a git repository with one commit."""
    (project / ".gitignore").write_text("site/\n.cache/\n__pycache__/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Fixture handbook")
    return project


def with_scripts(repo: Path) -> Path:
    """The fixture repository with scripts/edition.py committed, so editions can be published from it."""
    (repo / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "edition.py", repo / "scripts")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Add the edition script")
    return repo


def publish(repo: Path, edition: str) -> subprocess.CompletedProcess[str]:
    """Publish an edition of the fixture repository with mike, as `make edition` does."""
    return run([sys.executable, "scripts/edition.py", edition], repo, **GIT_ENV)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole test run, as an SQLAlchemy URL (postgresql+psycopg://...)."""
    require_system("PostgreSQL server (initdb and pg_ctl)", server_available())
    with postgres_server() as url:
        yield url
