"""Every supplier's and merchant's results, worked out at most once per build however many views read them."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.handbook import Handbook
from ..data.reads import Shared
from . import merchants, suppliers


@dataclass(eq=False)
class PartnerScores:
    """Supplier scorecards and merchant results by id, each computed on first use (data/reads.py: Shared)."""

    handbook: Handbook
    shared: Shared

    @property
    def suppliers(self) -> dict[str, list[suppliers.SupplierScore]]:
        return self.shared.get("supplier scorecards", lambda: suppliers.scorecards(self.handbook))

    @property
    def merchants(self) -> dict[str, list[merchants.MerchantScore]]:
        return self.shared.get("merchant results", lambda: merchants.results(self.handbook))
