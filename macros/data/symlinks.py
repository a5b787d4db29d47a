"""Symbolic links in the folders the build reads are refused: a link would publish, or feed a chart from, a file that
is not in git (`docs/x.txt → ../.git/config`), and the manifest would vouch for it."""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n.messages import gettext
from .problems import Code, Problem


def links_in(folder: Path, root: Path) -> list[Problem]:
    """Every symbolic link under `folder` (a linked folder is named, not entered), labelled from `root`."""
    found = []
    for top, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            path = Path(top) / name
            if path.is_symlink():
                expected = gettext("a file committed in the repository, not a symbolic link")
                label, target = path.relative_to(root).as_posix(), os.readlink(path)
                found.append(Problem(Code.SYMLINK, label, gettext("the file"), "", expected, gettext("a link to {target}", target=target)))
    return found
