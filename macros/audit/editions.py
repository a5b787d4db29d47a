"""Quarterly editions: tagged publications, which one was in force on a date, and which came before."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .git import git

NAME = re.compile(r"^\d{4}-Q[1-4]$")
TAG_PREFIX = "edition-"


@dataclass(frozen=True)
class Edition:
    name: str  # e.g. 2026-Q4
    published: date  # the tag's date: the edition is in force from then until the next one
    commit: str

    @property
    def tag(self) -> str:
        return TAG_PREFIX + self.name


def list_editions(root: Path) -> list[Edition]:
    """The published editions, oldest first; none when there is no git history."""
    try:
        out = git(
            root, "for-each-ref", f"refs/tags/{TAG_PREFIX}*", "--format=%(refname:short)|%(creatordate:short)|%(*objectname)|%(objectname)"
        )
    except (OSError, subprocess.CalledProcessError):
        return []
    found = []
    for line in filter(None, out.split("\n")):
        tag, day, tagged, own = line.split("|")
        name = tag.removeprefix(TAG_PREFIX)
        if NAME.match(name):  # an annotated tag points at its commit; a lightweight tag is the commit itself
            found.append(Edition(name, date.fromisoformat(day), (tagged or own)[:12]))
    return sorted(found, key=lambda e: (e.published, e.name))


def in_force_on(editions: list[Edition], day: date) -> Edition | None:
    """The latest edition published on or before the day."""
    earlier = [e for e in editions if e.published <= day]
    return earlier[-1] if earlier else None


def previous(editions: list[Edition], current: str | None) -> Edition | None:
    """The edition to compare with: the one before `current`, or the latest when building between editions."""
    names = [e.name for e in editions]
    if current in names:
        index = names.index(current)
        return editions[index - 1] if index else None
    return editions[-1] if editions else None
