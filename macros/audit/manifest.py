"""The build manifest: which commit, tools and data files (with SHA-256 and row counts) made this edition."""

from __future__ import annotations

import csv
import io
import platform
import subprocess
from datetime import date
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from ..data.clock import now
from ..data.contracts.base import Names, english
from ..data.contracts.org import Department
from ..data.parsed import remembered_value
from ..render.provenance import Origin
from .document_control import Document
from .git import git

# The packages whose versions change what a page shows; all are pinned in requirements.txt.
TOOLS = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "mike", "Markdown", "pymdown-extensions",
         "pandas", "matplotlib", "pydantic", "PyYAML", "jieba")  # fmt: skip
HOME_PAGE = "index.md"  # the handbook's own control block: its identity as one document
STAMP_KEY = "built_at"
# The PDF audit pack's path in the site when the build is told it is published beside it (HANDBOOK_PDF=1); None
# when it is not. Like the stamp, it is set at every build and never remembered.
PDF_KEY = "pdf"
PDF_FILE = "handbook.pdf"  # the one field that differs between two builds of the same commit on the same day
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe either way; libyaml is ten times faster


def build_time() -> str:
    return now().isoformat(timespec="seconds").replace("+00:00", "Z")


def manifest(
    root: Path,
    origin: Origin,
    documents: list[Document],
    edition: str | None,
    today: date,
    site_name: str,
    built_at: str,
    remembered_in: Path | None = None,
    departments: list[Department] | None = None,
) -> dict[str, Any]:
    """Everything an auditor needs to tie this build to its sources, as plain JSON-ready data; with `remembered_in`,
    a file's rows are counted once for its contents (data/parsed.py)."""
    return {
        "site_name": site_name,
        "handbook": handbook_control(documents, departments or []),
        "edition": edition,
        "commit": head_commit(root),
        "data_commit": origin.commit,
        STAMP_KEY: built_at,
        "judged_on": today.isoformat(),
        "tools": tool_versions(),
        "data_files": [{"path": p, "sha256": sha, "rows": _rows(remembered_in, root, p, sha)} for p, sha in origin.digests.items()],
        "documents": [
            {"document_id": d.control.document_id, "path": f"docs/{d.path}", "version": d.control.version, "status": d.control.status}
            for d in sorted(documents, key=lambda d: d.control.document_id)
        ],
    }


def handbook_control(documents: list[Document], departments: list[Department]) -> dict[str, Any] | None:
    """The home page's control block, the handbook's identity as one document, with its approver's department and
    lead by name; None when the home page has none."""
    home = next((d.control for d in documents if d.path == HOME_PAGE), None)
    if home is None:
        return None
    approver = next((d for d in departments if d.id == home.approver), None)
    return {
        "document_id": home.document_id,
        "title": home.title,
        "title_zh": home.title_zh,
        "version": home.version,
        "status": home.status,
        "effective": home.effective.isoformat(),
        "approver": {
            "id": home.approver,
            "name": approver.name.en if approver else None,
            "name_zh": approver.name.zh if approver else None,
            "lead": english(approver.lead) if approver else None,
            "lead_zh": approver.lead.zh if approver and isinstance(approver.lead, Names) else None,
        },
    }


def _rows(remembered_in: Path | None, root: Path, path: str, digest: str) -> int | None:
    return remembered_value(remembered_in, "rows", path, digest, partial(record_count, root / path))


def head_commit(root: Path) -> dict[str, Any]:
    try:
        full = git(root, "rev-parse", "HEAD")
        dirty = bool(git(root, "status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return {"full": None, "short": "unknown (no git history)", "uncommitted_changes": None}
    return {"full": full, "short": full[:12], "uncommitted_changes": dirty}


def tool_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in TOOLS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def record_count(path: Path) -> int | None:
    """Rows of a CSV (header excluded), or entries of a YAML file's top-level lists; None for other files.

    An export may be in GBK or GB18030 (data/exports.yml says so): the rows are counted all the same.
    """
    if path.suffix == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        return max(sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1, 0)
    if path.suffix in (".yml", ".yaml"):
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)  # noqa: S506
        if isinstance(content, list):
            return len(content)
        if isinstance(content, dict):
            return sum(len(v) for v in content.values() if isinstance(v, list))
    return None
