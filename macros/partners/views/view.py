"""What the supplier and merchant views read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ...render.context import View

if TYPE_CHECKING:
    from ..scores import PartnerScores


class PartnerView(View, Protocol):
    """A view that reads the suppliers' and merchants' results, worked out once per build."""

    partners: PartnerScores
