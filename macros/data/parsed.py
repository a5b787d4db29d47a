"""What reading a hand-kept file of data/ gave (its records, its YAML with the line of every key, the personal data
found in it), and each KPI's facts, kept by what they were worked out from and the digest of the code: a new row in
a 100,000-row file reads that file again and works out the facts of that row's KPI, not the others."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..i18n.messages import LOCALE_DIR, language
from .files import write_atomic

T = TypeVar("T")


@cache
def _code() -> bytes:
    """The handbook's code (the macros package) and its message catalogues: a change to either works everything out again."""
    h = hashlib.sha256()
    for path in sorted([*Path(__file__).parents[1].rglob("*.py"), *LOCALE_DIR.rglob("*.po")]):
        h.update(path.read_bytes())
    return h.digest()


def wording() -> bytes:
    """What the messages a cached result holds are worded by: the language being written and the catalogues.
    A result worked out in one language is never shown in the other."""
    return _code() + language().encode()


def remembered(folder: Path | None, kind: str, path: Path, label: str, read: Callable[[], T]) -> T:
    """What `read` gives for this file, from `folder` when the file's bytes and the code are as they were."""
    if folder is None:
        return read()
    try:
        content = path.read_bytes()
    except OSError:
        return read()  # it says what is wrong with the file
    return _kept(folder, kind, label, content, read)


def remembered_value(folder: Path | None, kind: str, label: str, inputs: Any, compute: Callable[[], T]) -> T:
    """What `compute` gives, from `folder` when its inputs (fingerprinted) and the code are as they were."""
    from .fingerprints import fingerprint  # pandas: not needed by a build whose pages are all replayed

    return compute() if folder is None else _kept(folder, kind, label, fingerprint(inputs).encode(), compute)


def _kept(folder: Path, kind: str, label: str, material: bytes, compute: Callable[[], T]) -> T:
    key = hashlib.sha256(wording() + kind.encode() + b"\0" + material).hexdigest()[:32]
    prefix = f"{kind}-{label.replace('/', '~')}-"
    entry = folder / f"{prefix}{key}.pickle"
    try:
        return pickle.loads(entry.read_bytes())
    except Exception:  # noqa: BLE001 — a missing, damaged or outdated entry is only a miss
        pass
    value = compute()
    write_atomic(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    for old in folder.glob(f"{prefix}*.pickle"):
        if old != entry:
            old.unlink(missing_ok=True)  # worked out from what was there before: superseded
    return value
