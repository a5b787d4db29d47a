"""What every view reads when a page is rendered; each area's views add what only they need."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..data.reads import Shared
from .provenance import Origin

if TYPE_CHECKING:
    from ..data.handbook import Handbook  # pandas: not needed to register the views


class View(Protocol):
    """The checked data, the day it is judged on, the page being rendered, the data's origin, the chart cache and
    what views share within one build."""

    handbook: Handbook
    today: date
    page: str  # the page's source path under docs/, which links are made relative to
    origin: Origin
    cache_dir: Path | None
    shared: Shared  # values worked out once per build for every view that reads them (data/reads.py)
