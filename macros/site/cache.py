"""What a build may reuse from an earlier one, and what invalidates it.

Everything lives under one folder, `.cache/build/` (or HANDBOOK_CACHE), in four parts:

- `checked/<key>.pickle`: the checked data (the Handbook, each KPI's facts, every problem). Its key covers every
  file under data/ and sources/ by name and bytes, this package's code, Python, pandas and pydantic, and the day
  statuses are judged on. A change to docs/ keeps it. The newest few are kept.
- `setup/<key>.pickle`: what every build needs even when all pages are replayed (the page checks, the generated
  pages, the manifest). Its key, the build's *state*, covers all of the above and docs/, mkdocs.yml and its hook, the
  edition being built, the MkDocs, Markdown and chart libraries, and the git state (HEAD, uncommitted changes,
  tags) that histories and provenance read. The newest few are kept, so switching branches back and forth hits.
- `pages/<key>.pickle`: every macro's output and every page's frame (identity block, revision history), each with
  the facets of the data it read (site/memo.py), so a change recomputes only what read it. Its key covers the code,
  the libraries, mkdocs.yml and its hook, the edition and the day; not the data, docs/ or git, which the facets
  follow. Only the build stamp is made fresh each time.
- `exports/<export>-<key>/`: what checking an export's files found, with the UTF-8 copies DuckDB reads of GBK and
  Excel files (data/exports/remembered.py). Its key covers each file's path, size and time of last change, the
  export's contract in data/exports.yml and the checking code; `make refresh` and `make validate` share it.
- `parsed/<kind>-<file>-<key>.pickle`: what reading one hand-kept file of data/ gave (data/parsed.py), by its
  SHA-256, the reading code, the catalogues and the language its problems are worded in, so a new row in one file
  parses that file again and not the others.
- `charts/<hash>.svg`: one chart, named by a hash of exactly what it shows, the drawing style and matplotlib
  (render/charts.py), so an unchanged chart is never drawn twice, whatever else changed.

A damaged or outdated entry is only a miss. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..data.files import cache_folder
from ..i18n.messages import language
from .memo import Memo, keep

if TYPE_CHECKING:
    from ..audit.validation import Checked

CODE = Path(__file__).parents[1]  # the macros package
CHECKED_INPUTS = ("data", "sources")
PAGE_INPUTS = ("docs",)
PAGE_FILES = ("mkdocs.yml", "mkdocs_hooks.py")
CHECK_LIBRARIES = ("pandas", "pydantic")
PAGE_LIBRARIES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "matplotlib", "Markdown", "pymdown-extensions")
T = TypeVar("T")


@dataclass
class Cache:
    """One build's view of the cache folder: the keys of its inputs, each folder digested once."""

    project: Path
    day: date
    edition: str | None
    folder: Path = field(init=False)

    def __post_init__(self) -> None:
        self.folder = cache_folder(self.project)

    @property
    def charts(self) -> Path:
        return self.folder / "charts"

    @cached_property
    def checked_key(self) -> str:
        # The problems kept are worded in the build's language: a result checked in one is never shown in the other.
        h = hashlib.sha256(f"{self.day.isoformat()}|{sys.version}|{language()}".encode())
        for lib in CHECK_LIBRARIES:
            h.update(f"{lib}={version(lib)}\0".encode())
        for name in CHECKED_INPUTS:
            h.update(self._tree(self.project / name).encode())
        h.update(self._tree(CODE).encode())
        return h.hexdigest()[:32]

    @cached_property
    def memo_key(self) -> str:
        """What every remembered output depends on: the code and its catalogues, libraries, configuration, edition, language and day."""
        h = hashlib.sha256(f"{self.day.isoformat()}|{sys.version}|{self.edition}|{language()}".encode())
        for lib in (*CHECK_LIBRARIES, *PAGE_LIBRARIES):
            h.update(f"{lib}={version(lib)}\0".encode())
        for name in PAGE_FILES:
            if (self.project / name).is_file():
                h.update(f"{name}\0".encode() + hashlib.sha256((self.project / name).read_bytes()).digest())
        h.update(self._tree(CODE).encode())
        return h.hexdigest()[:32]

    @cached_property
    def state(self) -> str:
        """Every input of this build: the checked data's, docs/ and the git state besides."""
        h = hashlib.sha256(f"{self.checked_key}|{self.memo_key}".encode())
        for name in PAGE_INPUTS:
            h.update(self._tree(self.project / name).encode())
        h.update(_git_state(self.project).encode())
        return h.hexdigest()[:32]

    def checked(self) -> Checked:
        """data/ checked, from the cache when its inputs are unchanged."""
        from ..audit.validation import Checked, check  # pandas and every rule: only when a page is worked out

        stored = self.folder / "checked" / f"{self.checked_key}.pickle"
        found = _load(stored)
        if isinstance(found, Checked):
            return found
        result = check(self.project / "data", self.day, self.folder / "exports", parsed_cache=self.folder / "parsed")
        keep(stored, result)
        return result

    def setup(self, compute: Callable[[], T]) -> T:
        """What every build needs, from the cache while every input is unchanged."""
        path = self.folder / "setup" / f"{self.state}.pickle"
        found = _load(path)
        if found is not None:
            return found
        value = compute()
        keep(path, value)
        return value

    def memo(self, fingerprint: Callable[[str], str]) -> Memo:
        path = self.folder / "pages" / f"{self.memo_key}.pickle"
        entries = _load(path)
        return Memo(path, self.state, fingerprint, entries if isinstance(entries, dict) else {})

    def _tree(self, folder: Path) -> str:
        """Every file under a folder by name and bytes (compiled Python aside)."""
        h = hashlib.sha256()
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
        return h.hexdigest()


def _load(path: Path) -> Any:
    if not path.is_file():
        return None
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 — a damaged or outdated entry is only a miss
        return None


def _git_state(root: Path) -> str:
    commands = (["rev-parse", "HEAD"], ["status", "--porcelain"], ["for-each-ref", "refs/tags", "--format=%(refname) %(objectname)"])
    out = []
    for args in commands:
        try:
            out.append(subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False).stdout)
        except OSError:  # no git at all (an unpacked archive): the file digests are the whole state
            out.append("")
    return "\0".join(out)
